//! Writing the site: every file goes into a fresh staging folder beside the output folder,
//! which replaces the published folder only once the whole build has succeeded.

use crate::publish::manifest::{self, Entry};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A build's staging folder.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
    written: Mutex<Vec<Entry>>,
    /// Every path written so far: each may be claimed once.
    claimed: Mutex<HashSet<String>>,
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A write into the staging folder failed (a full disk, permissions).
    #[error("{}", crate::messages::Message::CannotWrite { path: path.display().to_string(), error: source.to_string() })]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Two sources claim one address of the site; the second is refused.
    #[error("{}", crate::messages::Message::WrittenTwice { address: _0.clone() })]
    Duplicate(String),
    /// A generated path would leave the output folder.
    #[error("{}", crate::messages::Message::PathLeavesOutput { path: _0.clone() })]
    Escape(String),
    /// The published folder could not be replaced (locked, not writable).
    #[error("{}", crate::messages::Message::CannotSwap { path: path.display().to_string(), error: source.to_string() })]
    Swap {
        /// The output folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl Staging {
    /// The name every staging folder of `target` starts with.
    fn prefix(target: &Path) -> String {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public");
        format!(".{name}.gongkai-staging-")
    }

    /// Removes what builds killed before finishing left beside `target`; a build that finds
    /// nothing to do calls this, since it makes no staging folder of its own.
    pub fn clean_leftovers(target: &Path) {
        remove_leftovers(target, &Staging::prefix(target));
    }

    /// Creates an empty staging folder for `target` (the output folder).
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let prefix = Staging::prefix(target);
        remove_leftovers(target, &prefix);
        let dir = target.with_file_name(format!("{prefix}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|source| OutputError::Write {
            path: dir.clone(),
            source,
        })?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            done: false,
            written: Mutex::new(Vec::new()),
            claimed: Mutex::new(HashSet::new()),
        })
    }

    /// The files written so far; a writer that panicked leaves the list as it was.
    fn written(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lists a file just written, for the manifest.
    fn record(&self, entry: Entry) {
        self.written().push(entry);
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at the site-relative `rel` path (`2024/130529/414/index.html`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.place(rel)?;
        std::fs::write(&path, bytes).map_err(|source| OutputError::Write { path, source })?;
        self.record(Entry::of(rel, bytes));
        Ok(())
    }

    /// Publishes at the site-relative `rel` the file `from` of the previous output, whose
    /// manifest entry the caller vouches for (`size`, `sha256`, from the build cache, checked
    /// against the file's size, inode and modification time): a hard link, so it is neither
    /// read nor hashed nor written again (a copy where the file system has no links). Safe
    /// because nothing writes into a file in place: every path of a staging folder is claimed
    /// once and made a new file, `serve` replaces files by renaming, and the previous output
    /// is only read until the swap.
    pub fn link(&self, rel: &str, from: &Path, size: u64, sha256: &str) -> Result<(), OutputError> {
        let path = self.place(rel)?;
        let fail = |source| OutputError::Write {
            path: path.clone(),
            source,
        };
        if std::fs::hard_link(from, &path).is_err() {
            std::fs::copy(from, &path).map_err(fail)?;
        }
        self.record(Entry {
            path: rel.to_string(),
            size,
            sha256: sha256.to_string(),
        });
        Ok(())
    }

    /// Writes the site-relative `rel` by streaming: `fill` writes the contents, which are
    /// hashed for the manifest on their way to the file.
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.place(rel)?;
        let fail = |source| OutputError::Write {
            path: path.clone(),
            source,
        };
        let mut out = Hashing {
            inner: io::BufWriter::new(std::fs::File::create(&path).map_err(fail)?),
            hash: Sha256::new(),
            size: 0,
        };
        fill(&mut out)
            .and_then(|()| out.inner.flush())
            .map_err(fail)?;
        self.record(out.entry(rel));
        Ok(())
    }

    /// Writes the site-relative `rel` through a file that `fill` may seek in (a `.zip` puts
    /// each entry's sizes in front of it); the finished file is read back for the manifest.
    pub fn write_seekable(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.place(rel)?;
        let fail = |source| OutputError::Write {
            path: path.clone(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(fail)?;
        fill(&mut file).map_err(fail)?;
        io::Seek::rewind(&mut file).map_err(fail)?;
        let mut out = Hashing {
            inner: io::sink(),
            hash: Sha256::new(),
            size: 0,
        };
        io::copy(&mut file, &mut out).map_err(fail)?;
        self.record(out.entry(rel));
        Ok(())
    }

    /// The site-relative paths of the files written so far, in writing order.
    pub fn paths(&self) -> Vec<String> {
        self.written().iter().map(|e| e.path.clone()).collect()
    }

    /// How many files have been written so far.
    pub fn count(&self) -> usize {
        self.written().len()
    }

    /// The files written after the first `from`, in writing order.
    pub fn entries_since(&self, from: usize) -> Vec<Entry> {
        self.written()
            .get(from..)
            .map_or_else(Vec::new, <[Entry]>::to_vec)
    }

    /// The files written so far.
    pub fn entries(&self) -> Vec<Entry> {
        self.written().clone()
    }

    /// Writes `manifest.txt`, listing every file written so far with its size and SHA-256;
    /// returns the number of files in the folder, the manifest included.
    pub fn write_manifest(&self) -> Result<usize, OutputError> {
        let mut entries = std::mem::take(&mut *self.written());
        self.write(manifest::FILE, &manifest::render(&mut entries))?;
        Ok(entries.len() + 1)
    }

    /// [`Self::resolve`]s `rel` and makes its folder, naming that folder if it cannot be made.
    fn place(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let path = self.resolve(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| OutputError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        Ok(path)
    }

    /// The file path of `rel` inside the staging folder; refuses anything that could leave it,
    /// and a path already written.
    fn resolve(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let p = Path::new(rel);
        if rel.is_empty()
            || p.components().any(|c| !matches!(c, Component::Normal(_)))
            || rel.contains('\\')
        {
            return Err(OutputError::Escape(rel.to_string()));
        }
        let fresh =
            (self.claimed.lock().unwrap_or_else(|e| e.into_inner())).insert(rel.to_string());
        if !fresh {
            return Err(OutputError::Duplicate(rel.to_string()));
        }
        Ok(self.dir.join(p))
    }

    /// Replaces the output folder with the staging folder. On Linux the two folders are
    /// exchanged in one step (`renameat2(RENAME_EXCHANGE)`), so a reader of the output folder
    /// always finds a whole site; elsewhere, or on a file system without it, the old folder is
    /// renamed away and the new one renamed in.
    pub fn publish(mut self) -> Result<(), OutputError> {
        let swap = |source| OutputError::Swap {
            path: self.target.clone(),
            source,
        };
        if self.target.is_dir() && exchange(&self.dir, &self.target).is_ok() {
            // The staging path now holds the previous site.
            self.done = true;
            let _ = std::fs::remove_dir_all(&self.dir);
            return Ok(());
        }
        let old = self.dir.with_extension("old");
        let _ = std::fs::remove_dir_all(&old);
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(swap)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(swap(e));
        }
        self.done = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

/// Exchanges two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Without an atomic exchange, [`Staging::publish`] falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// True when process `pid` is certainly gone (Linux: no `/proc/PID`); where that cannot be
/// told, a process counts as running.
fn gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes the staging folders (and their `.old` halves) that builds killed before finishing
/// left beside `target`: those whose process is gone.
fn remove_leftovers(target: &Path, prefix: &str) {
    let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return remove_leftovers(&Path::new(".").join(target), prefix);
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        if pid.parse().is_ok_and(gone) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    size: u64,
}

impl<W> Hashing<W> {
    /// The manifest entry of what went through, at the site-relative `rel`.
    fn entry(self, rel: &str) -> Entry {
        Entry {
            path: rel.to_string(),
            size: self.size,
            sha256: manifest::hex(&self.hash.finalize()),
        }
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        for bad in ["../x.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"] {
            assert!(
                matches!(s.write(bad, b"x"), Err(OutputError::Escape(_))),
                "{bad}"
            );
        }
        s.write("a/b/index.html", b"ok").unwrap();
    }

    #[test]
    fn each_path_is_claimed_once() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        s.write("2024/index.html", b"year").unwrap();
        let err = s.write("2024/index.html", b"page").unwrap_err();
        assert!(
            matches!(&err, OutputError::Duplicate(p) if p == "2024/index.html"),
            "{err}"
        );
        assert!(s.write_with("2024/index.html", |_| Ok(())).is_err());
        assert_eq!(
            std::fs::read(s.dir().join("2024/index.html")).unwrap(),
            b"year"
        );
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // A pid past the kernel's maximum is never running; our own pid is.
        let dead = tmp.path().join(".public.gongkai-staging-4194304999");
        let dead_old = tmp.path().join(".public.gongkai-staging-4194304998.old");
        let alive = tmp
            .path()
            .join(format!(".public.gongkai-staging-{}", std::process::id()));
        let other = tmp.path().join(".other.gongkai-staging-4194304999");
        for d in [&dead, &dead_old, &other] {
            std::fs::create_dir_all(d.join("2024")).unwrap();
        }
        let s = Staging::new(&out).unwrap();
        assert_eq!(s.dir(), alive);
        assert!(!dead.exists() && !dead_old.exists());
        assert!(
            other.exists(),
            "another output's staging is not ours to remove"
        );
    }

    #[test]
    fn the_swap_exchanges_the_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        exchange(s.dir(), &out).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(s.dir().join("index.html")).unwrap(), b"old");
    }

    #[test]
    fn failed_build_leaves_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", b"new").unwrap();
            // Dropped without publishing: the build failed.
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.publish().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folders left behind"
        );
    }
}
