//! Writing the site: every file goes into a staging folder beside the output folder, which
//! replaces the published folder only once the whole build has succeeded.
//!
//! The staging folder is the site the last build swapped out, when there is one
//! ([`super::recycle`]): a file the build publishes again that is already there as the live
//! output's very file is left in place, every other file is unlinked before it is written
//! (it may be a hard link shared with the live site, which is never written into: every file
//! is created new), and what the build did not write is removed before the swap.

use crate::publish::manifest::{self, Entry};
use crate::publish::recycle::{self, Inventory};
use crate::publish::resume::{self, Midstate, Sink};
use rustc_hash::FxHashSet;
use sha2::{Digest, Sha256};
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
    /// Every path written so far (each may be claimed once) and the folders holding them.
    claimed: Mutex<Claims>,
    /// What the folder held when the build took it (empty for a fresh folder).
    recycled: Inventory,
    /// The folders known to exist in it, by site-relative path (`""` is the folder itself).
    dirs: Mutex<FxHashSet<PathKey>>,
    /// Set once a folder of the recycled site has been removed to make room for a file:
    /// from then on what the inventory says of the files and folders beneath is checked.
    cleared: std::sync::atomic::AtomicBool,
}

/// The buffer of [`Staging::write_with`]: a bundle of a provincial year (≈ 100 MB) is
/// written in 1-MiB calls instead of 8-KiB ones.
const WRITE_BUFFER: usize = 1 << 20;

/// A site-relative path as the staging remembers it: the first 128 bits of its SHA-256. The
/// staging only asks whether it has seen a path, and a 30,000-department site writes 770,000
/// files in 400,000 folders: kept as text, the two sets held ≈ 100 MiB at the build's peak;
/// as keys, a sixth of that. Two of a build's paths sharing a key is beyond chance (≈ 2⁻⁸⁸
/// for a million paths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PathKey(u128);

impl PathKey {
    fn of(rel: &str) -> PathKey {
        let digest = Sha256::digest(rel.as_bytes());
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        PathKey(u128::from_le_bytes(first))
    }
}

/// The paths claimed so far, and every folder that holds one of them.
#[derive(Debug, Default)]
struct Claims {
    files: FxHashSet<PathKey>,
    folders: FxHashSet<PathKey>,
}

impl Claims {
    /// Claims `rel`; false when it was claimed already.
    fn claim(&mut self, rel: &str) -> bool {
        if !self.files.insert(PathKey::of(rel)) {
            return false;
        }
        let mut at = rel;
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !self.folders.insert(PathKey::of(parent)) {
                break;
            }
            at = parent;
        }
        true
    }

    /// True for a claimed path or a folder holding one.
    fn holds(&self, rel: &str) -> bool {
        let key = PathKey::of(rel);
        self.files.contains(&key) || self.folders.contains(&key)
    }
}

/// How [`Staging::link`] published a file of the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    /// The staging folder holds the very file (same inode, hence the same stamp).
    Same,
    /// The file system could not link it: the staging folder holds a copy, a new file.
    Copied,
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A write into the staging folder failed (a full disk, permissions).
    #[error("{}", crate::messages::Message::CannotWrite { path: path.display().to_string(), error: crate::messages::os_error(source) })]
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
    /// A file the last build published and this one does not could not be removed from
    /// the staging folder (permissions).
    #[error("{}", crate::messages::Message::CannotRemove { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Remove {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The published folder could not be replaced (locked, not writable).
    #[error("{}", crate::messages::Message::CannotSwap { path: path.display().to_string(), error: crate::messages::os_error(source) })]
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

    /// Removes what builds killed before finishing left beside `target` (the first of them
    /// is kept as the recycled folder when there is none); a build that finds nothing to do
    /// calls this, since it makes no staging folder of its own.
    pub fn clean_leftovers(target: &Path) {
        remove_leftovers(target, &Staging::prefix(target));
    }

    /// Takes a staging folder for `target` (the output folder): the site the last build
    /// swapped out (or, failing that, the folder of a killed build), listed and cleared of
    /// anything no build writes; an empty folder when there is none or it cannot be used.
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let prefix = Staging::prefix(target);
        remove_leftovers(target, &prefix);
        let dir = target.with_file_name(format!("{prefix}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let taken = std::fs::rename(recycle::path(target), &dir).is_ok();
        // Only a real folder is recycled: a link put in its place is removed, never followed.
        let real = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_dir());
        if taken && !real {
            let _ = std::fs::remove_file(&dir);
        }
        let recycled = (taken && real)
            .then_some(())
            .and_then(|()| match Inventory::take(&dir, target) {
                Ok(inv) => Some(inv),
                Err(_) => {
                    let _ = std::fs::remove_dir_all(&dir);
                    None
                }
            })
            .unwrap_or_default();
        std::fs::create_dir_all(&dir).map_err(|source| OutputError::Write {
            path: dir.clone(),
            source,
        })?;
        let mut dirs: FxHashSet<PathKey> = (recycled.dirs.iter()).map(|d| PathKey::of(d)).collect();
        dirs.insert(PathKey::of(""));
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            done: false,
            written: Mutex::new(Vec::new()),
            claimed: Mutex::new(Claims::default()),
            recycled,
            dirs: Mutex::new(dirs),
            cleared: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// [`Staging::new`] on another thread, so that listing the recycled folder overlaps the
    /// build's first steps; [`Taking::take`] waits for it (or, when no thread could be
    /// started, takes the folder itself).
    pub fn taking(target: &Path) -> Taking {
        let to = target.to_path_buf();
        let handle = std::thread::Builder::new()
            .name("staging".into())
            .spawn(move || Staging::new(&to))
            .ok();
        Taking {
            target: target.to_path_buf(),
            handle,
        }
    }

    /// How many files the folder held when the build took it (0 for a fresh folder).
    pub fn recycled(&self) -> usize {
        self.recycled.files.len()
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
        self.write_hashed(rel, bytes).map(drop)
    }

    /// [`Self::write`], returning the file's SHA-256 in hex as its manifest entry has it.
    fn write_hashed(&self, rel: &str, bytes: &[u8]) -> Result<String, OutputError> {
        let path = self.place(rel)?;
        (self.create(&path))
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|source| OutputError::Write { path, source })?;
        let entry = Entry::of(rel, bytes);
        let sha256 = entry.sha256.clone();
        self.record(entry);
        Ok(sha256)
    }

    /// Publishes at the site-relative `rel` the file `from` of the previous output, whose
    /// manifest entry and inode the caller vouches for (`size`, `sha256`, `inode`, from the
    /// build cache, checked against the file's size, inode and modification time): left in
    /// place when the recycled folder holds that very file at `rel`, else a hard link, so it
    /// is neither read nor hashed nor written again (a copy where the file system has no
    /// links). Safe because nothing writes into a file in place: every path of a staging
    /// folder is claimed once and made a new file, `serve` replaces files by renaming, and
    /// the previous output is only read until the swap.
    ///
    /// Returns [`Linked::Same`] when `rel` now is the very file `from` (left in place or
    /// linked), so that it keeps the stamp the caller checked and need not be stat'ed again,
    /// and [`Linked::Copied`] when it had to be copied (a new file with a stamp of its own).
    pub fn link(
        &self,
        rel: &str,
        from: &Path,
        inode: u64,
        size: u64,
        sha256: &str,
    ) -> Result<Linked, OutputError> {
        let path = self.resolve(rel)?;
        let mut linked = Linked::Same;
        if !self.recycled.holds(rel, inode) || !self.still_there(&path, inode) {
            self.prepare(rel, &path)?;
            let fail = |source| OutputError::Write {
                path: path.clone(),
                source,
            };
            if std::fs::hard_link(from, &path).is_err() {
                let mut to = self.create(&path).map_err(fail)?;
                (std::fs::File::open(from))
                    .and_then(|mut f| io::copy(&mut f, &mut to))
                    .map_err(fail)?;
                linked = Linked::Copied;
            }
        }
        self.record(Entry {
            path: rel.to_string(),
            size,
            sha256: sha256.to_string(),
        });
        Ok(linked)
    }

    /// Writes the site-relative `rel` by streaming: `fill` writes the contents, which are
    /// hashed for the manifest on their way to the file.
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        self.write_resumable(rel, vec![], |out| fill(out))?;
        Ok(())
    }

    /// Writes the site-relative `rel` by streaming, as [`Self::write_with`], through a
    /// [`Sink`] that may begin with the first bytes of the previous file at `rel`, whose
    /// `midstates` (from the build cache, which vouches for the file by its stamp) let the
    /// hash skip them. Returns the new file's midstates, for the next build.
    pub fn write_resumable(
        &self,
        rel: &str,
        midstates: Vec<Midstate>,
        fill: impl FnOnce(&mut dyn Sink) -> io::Result<()>,
    ) -> Result<Vec<Midstate>, OutputError> {
        let path = self.place(rel)?;
        let fail = |source| OutputError::Write {
            path: path.clone(),
            source,
        };
        let file = self.create(&path).map_err(fail)?;
        let mut out = Hashing::new(io::BufWriter::with_capacity(WRITE_BUFFER, file), midstates);
        fill(&mut out)
            .and_then(|()| out.inner.flush())
            .map_err(fail)?;
        let (entry, midstates) = out.entry(rel);
        self.record(entry);
        Ok(midstates)
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
        let mut file = self.create(&path).map_err(fail)?;
        fill(&mut file).map_err(fail)?;
        io::Seek::rewind(&mut file).map_err(fail)?;
        let mut out = Hashing::new(io::sink(), vec![]);
        io::copy(&mut file, &mut out).map_err(fail)?;
        self.record(out.entry(rel).0);
        Ok(())
    }

    /// Runs `f` with the files written so far, in writing order, borrowed from the staging's
    /// own list (nothing may be written until `f` returns).
    pub fn with_entries<R>(&self, f: impl FnOnce(&[Entry]) -> R) -> R {
        f(&self.written())
    }

    /// True when the site-relative `rel` has been written (or is being written) by this
    /// build: what the link check asks of every link's target.
    pub fn has(&self, rel: &str) -> bool {
        let key = PathKey::of(rel);
        (self.claimed.lock().unwrap_or_else(|e| e.into_inner()))
            .files
            .contains(&key)
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

    /// Writes `manifest.txt`, listing every file written so far with its size and SHA-256,
    /// then [`Self::publish`]es: the manifest is laid out while the recycled folder is cleared
    /// of what the build did not claim (the two share nothing: the manifest is written once
    /// both are done, so the clearing cannot take it). Returns how many files the manifest
    /// lists, itself included, and its SHA-256 in hex.
    pub fn publish_with_manifest(self) -> Result<(usize, String), OutputError> {
        let mut entries = std::mem::take(&mut *self.written());
        let (text, pruned) = rayon::join(|| manifest::render(&mut entries), || self.prune());
        pruned?;
        let sha256 = self.write_hashed(manifest::FILE, &text)?;
        let files = entries.len() + 1;
        self.swap()?;
        Ok((files, sha256))
    }

    /// Removes from the folder what the recycled site held and the build did not claim.
    fn prune(&self) -> Result<(), OutputError> {
        let claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        (self.recycled.prune(&self.dir, |rel| claimed.holds(rel)))
            .map_err(|(path, source)| OutputError::Remove { path, source })
    }

    /// [`Self::resolve`]s `rel` and [`Self::prepare`]s its place.
    fn place(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let path = self.resolve(rel)?;
        self.prepare(rel, &path)?;
        Ok(path)
    }

    /// Makes room for a new file at `rel` (`path` in the folder): removes what the recycled
    /// folder holds there (a file, possibly shared with the live site, is unlinked, never
    /// written into) and makes its folder, removing a recycled file that stands where a
    /// folder must be; names the place that cannot be made.
    fn prepare(&self, rel: &str, path: &Path) -> Result<(), OutputError> {
        let fail = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Write { path, source }
        };
        if self.recycled.files.contains_key(rel) {
            gone(std::fs::remove_file(path)).map_err(fail(path))?;
        } else if self.recycled.dirs.contains(rel) {
            self.cleared
                .store(true, std::sync::atomic::Ordering::Relaxed);
            gone(std::fs::remove_dir_all(path)).map_err(fail(path))?;
        }
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        let cleared = self.cleared.load(std::sync::atomic::Ordering::Relaxed);
        if !cleared && self.known_dirs().contains(&PathKey::of(parent)) {
            return Ok(());
        }
        let dir = self.dir.join(parent);
        if std::fs::create_dir_all(&dir).is_err() {
            // A file of the recycled site stands where a folder must be: it goes.
            let mut at = self.dir.clone();
            for part in parent.split('/') {
                at.push(part);
                if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(&at).map_err(fail(&at))?;
                }
            }
            std::fs::create_dir_all(&dir).map_err(fail(&dir))?;
        }
        let mut dirs = self.known_dirs();
        let mut at = parent;
        while dirs.insert(PathKey::of(at)) {
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None => break,
            }
        }
        Ok(())
    }

    /// The folders known to exist; a writer that panicked leaves the set as it was.
    fn known_dirs(&self) -> std::sync::MutexGuard<'_, FxHashSet<PathKey>> {
        self.dirs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Creates the file `path` (at `rel`), which [`Self::prepare`] made room for; never opens
    /// a file that exists (one that appeared since is unlinked first), so nothing is ever
    /// written into a file the live site may share.
    fn create(&self, path: &Path) -> io::Result<std::fs::File> {
        let open = || {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(path)
        };
        match open() {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(path)?;
                open()
            }
            r => r,
        }
    }

    /// After a folder of the recycled site was removed to make room for a file, whether the
    /// recycled file at `rel` is still there with `inode`.
    fn still_there(&self, path: &Path, inode: u64) -> bool {
        use std::os::unix::fs::MetadataExt;
        !self.cleared.load(std::sync::atomic::Ordering::Relaxed)
            || std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.ino() == inode)
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
        let fresh = (self.claimed.lock().unwrap_or_else(|e| e.into_inner())).claim(rel);
        if !fresh {
            return Err(OutputError::Duplicate(rel.to_string()));
        }
        Ok(self.dir.join(p))
    }

    /// Replaces the output folder with the staging folder, once what the recycled folder
    /// held and the build did not write is removed from it. On Linux the two folders are
    /// exchanged in one step (`renameat2(RENAME_EXCHANGE)`), so a reader of the output folder
    /// always finds a whole site; elsewhere, or on a file system without it, the old folder is
    /// renamed away and the new one renamed in. The previous site is then kept as the next
    /// build's recycled folder ([`super::recycle`]).
    pub fn publish(self) -> Result<(), OutputError> {
        self.prune()?;
        self.swap()
    }

    /// Exchanges the staging folder with the output folder (see [`Self::publish`]).
    fn swap(mut self) -> Result<(), OutputError> {
        let swap = |source| OutputError::Swap {
            path: self.target.clone(),
            source,
        };
        if self.target.is_dir() && exchange(&self.dir, &self.target).is_ok() {
            // The staging path now holds the previous site.
            self.done = true;
            retire(&self.dir, &self.target);
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
        if old.exists() {
            retire(&old, &self.target);
        }
        Ok(())
    }
}

/// Keeps `dir`, a folder of files beside the output folder `target` that is no longer
/// published (the site just swapped out, a failed build's staging folder), as the next
/// build's recycled folder; removes it when there already is one.
fn retire(dir: &Path, target: &Path) {
    // An empty folder (a build that failed before writing) is not worth keeping.
    if std::fs::remove_dir(dir).is_ok() {
        return;
    }
    if std::fs::rename(dir, recycle::path(target)).is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Removes `r`'s error when the file was already gone.
fn gone(r: io::Result<()>) -> io::Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

/// A staging folder being taken on another thread ([`Staging::taking`]). Dropped untaken (a
/// build that failed before writing), it waits for the thread, whose folder then goes back
/// to being the recycled folder: no other build of this process may find it half taken.
#[derive(Debug)]
pub struct Taking {
    target: PathBuf,
    handle: Option<std::thread::JoinHandle<Result<Staging, OutputError>>>,
}

impl Taking {
    /// The staging folder, once taken.
    pub fn take(mut self) -> Result<Staging, OutputError> {
        match self.handle.take() {
            Some(h) => h
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload)),
            None => Staging::new(&self.target),
        }
    }
}

impl Drop for Taking {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
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
fn gone_process(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes the staging folders (and their `.old` halves) that builds killed before finishing
/// left beside `target`: those whose process is gone. When there is no recycled folder, the
/// first of them becomes it instead: like the site a build swaps out, it is never trusted by
/// its contents, only by its files' inodes.
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
        if pid.parse().is_ok_and(gone_process) {
            let recycled = recycle::path(target);
            if recycled.exists() || std::fs::rename(e.path(), &recycled).is_err() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hash: resume::Hasher,
    /// The midstates of the previous file whose first bytes [`Sink::copy_prefix`] copies.
    previous: Vec<Midstate>,
}

impl<W> Hashing<W> {
    fn new(inner: W, previous: Vec<Midstate>) -> Hashing<W> {
        Hashing {
            inner,
            hash: resume::Hasher::default(),
            previous,
        }
    }

    /// The manifest entry of what went through, at the site-relative `rel`, and its
    /// midstates.
    fn entry(self, rel: &str) -> (Entry, Vec<Midstate>) {
        let size = self.hash.len();
        let (digest, midstates) = self.hash.finish();
        let entry = Entry {
            path: rel.to_string(),
            size,
            sha256: manifest::hex(&digest),
        };
        (entry, midstates)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Sink for Hashing<io::BufWriter<std::fs::File>> {
    /// The whole MiBs of the prefix that the previous file's midstates cover are copied by
    /// the kernel (`copy_file_range` on Linux) and not hashed: the hash resumes from the
    /// last of them; the rest of the prefix is read, hashed and written.
    fn copy_prefix(&mut self, from: &std::fs::File, len: u64) -> io::Result<()> {
        let whole = if self.hash.is_empty() {
            (len / resume::SPAN).min(self.previous.len() as u64)
        } else {
            0
        };
        let skipped = whole * resume::SPAN;
        if whole > 0 {
            self.inner.flush()?;
            let mut from_start = from;
            io::Seek::rewind(&mut from_start)?;
            let copied = io::copy(
                &mut io::Read::take(from_start, skipped),
                self.inner.get_mut(),
            )?;
            if copied != skipped {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "上一次的下载包比记录的短",
                ));
            }
            self.hash = resume::Hasher::resume(&self.previous[..whole as usize]);
        }
        super::copy_range(from, skipped, len, self, &mut Vec::new())
    }
}

impl Drop for Staging {
    /// A build that failed leaves its folder as the next build's recycled folder.
    fn drop(&mut self) {
        if !self.done {
            retire(&self.dir, &self.target);
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
    fn a_prefix_copied_from_the_previous_file_is_hashed_from_its_midstates() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        let span = resume::SPAN as usize;
        let old: Vec<u8> = (0..3 * span + 500).map(|i| (i % 251) as u8).collect();
        let marks = (s.write_resumable("old.zip", vec![], |out| out.write_all(&old))).unwrap();
        assert_eq!(marks.len(), 3);
        let from = std::fs::File::open(s.dir().join("old.zip")).unwrap();
        // The first 2 MiB and 77 bytes of the old file, then bytes of its own.
        let shared = 2 * span + 77;
        let mut new = old[..shared].to_vec();
        new.extend_from_slice(b"edited");
        let again = s.write_resumable("new.zip", marks.clone(), |out| {
            out.copy_prefix(&from, shared as u64)?;
            out.write_all(b"edited")
        });
        assert_eq!(std::fs::read(s.dir().join("new.zip")).unwrap(), new);
        let recorded = |rel: &str| s.entries().into_iter().find(|e| e.path == rel).unwrap();
        assert_eq!(recorded("new.zip"), Entry::of("new.zip", &new));
        assert_eq!(again.unwrap(), marks[..2]);
        // Without midstates the prefix is read and hashed: the same entry.
        let plain = s.write_resumable("plain.zip", vec![], |out| {
            out.copy_prefix(&from, shared as u64)?;
            out.write_all(b"edited")
        });
        assert_eq!(plain.unwrap(), marks[..2]);
        assert_eq!(recorded("plain.zip"), Entry::of("plain.zip", &new));
        // A previous file shorter than the prefix is an error, not a short bundle.
        let short = s.write_resumable("short.zip", marks, |out| {
            out.copy_prefix(&from, 9 * resume::SPAN)
        });
        assert!(short.is_err());
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
        let beside: Vec<String> = (std::fs::read_dir(tmp.path()).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "public")
            .collect();
        assert_eq!(
            beside,
            [".public.gongkai-recycle"],
            "staging folders left behind; the swapped-out site is kept to be recycled"
        );
    }

    fn ino(path: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&std::fs::symlink_metadata(path).unwrap())
    }

    /// Publishes `index.html` again from the live `out` as a build's memo does: linked, with
    /// the inode the cache recorded.
    fn keep(s: &Staging, out: &Path, rel: &str) {
        let from = out.join(rel);
        let size = std::fs::metadata(&from).unwrap().len();
        s.link(rel, &from, ino(&from), size, "h").unwrap();
    }

    #[test]
    fn the_swapped_out_site_is_the_next_staging_folder_and_never_written_into() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.write("a/old.html", b"gone next time").unwrap();
        s.publish().unwrap();
        let first = ino(&out.join("index.html"));
        // Second build: the page is kept (a link), the other not published.
        let s = Staging::new(&out).unwrap();
        keep(&s, &out, "index.html");
        s.write("b/new.html", b"new").unwrap();
        s.publish().unwrap();
        let recycled = tmp.path().join(".public.gongkai-recycle");
        assert_eq!(
            ino(&recycled.join("index.html")),
            first,
            "shared with the live site"
        );
        assert!(
            !out.join("a").exists(),
            "a folder no longer written is removed"
        );
        // Third build takes the recycled folder: the kept page is left in place, a rewritten
        // one is unlinked first, so the live page (the same file) still reads "one".
        let s = Staging::new(&out).unwrap();
        assert_eq!(s.recycled(), 2);
        assert!(!recycled.exists());
        keep(&s, &out, "index.html");
        assert_eq!(ino(&s.dir().join("index.html")), first);
        s.write("b/new.html", b"rewritten").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("b/new.html")).unwrap(), b"new");
        // The failed build's folder is recycled: its files match nothing live and are replaced.
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"four").unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        keep(&s, &out, "b/new.html");
        s.publish().unwrap();
        assert_eq!(std::fs::read(out.join("b/new.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"four");
        let mut left: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        left.sort();
        assert_eq!(left, ["b", "b/new.html", "index.html"]);
    }

    #[test]
    fn what_the_recycled_folder_gained_by_hand_is_not_published() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for _ in 0..2 {
            let s = Staging::new(&out).unwrap();
            s.write("2024/index.html", b"year").unwrap();
            s.write("x/index.html", b"x").unwrap();
            s.publish().unwrap();
        }
        let recycled = tmp.path().join(".public.gongkai-recycle");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        // A link where a folder is written, a file where a folder is written, a folder
        // where a file is written, and a file nothing writes.
        std::fs::remove_dir_all(recycled.join("2024")).unwrap();
        std::os::unix::fs::symlink(&outside, recycled.join("2024")).unwrap();
        std::fs::remove_dir_all(recycled.join("x")).unwrap();
        std::fs::write(recycled.join("x"), "a file").unwrap();
        std::fs::create_dir_all(recycled.join("top.html/inner")).unwrap();
        std::fs::write(recycled.join("hand.html"), "hand").unwrap();
        std::fs::write(out.join("live-hand.html"), "hand").unwrap();
        for _ in 0..2 {
            let s = Staging::new(&out).unwrap();
            s.write("2024/index.html", b"year").unwrap();
            s.write("x/index.html", b"x").unwrap();
            s.write("top.html", b"top").unwrap();
            s.publish().unwrap();
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        let mut left: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                assert!(!e.path_is_symlink());
                e.path().strip_prefix(&out).unwrap().display().to_string()
            })
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["2024", "2024/index.html", "top.html", "x", "x/index.html"]
        );
    }

    #[test]
    fn a_folder_taken_on_another_thread_goes_back_when_the_build_stops_first() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for _ in 0..2 {
            let s = Staging::taking(&out).take().unwrap();
            s.write("index.html", b"home").unwrap();
            s.publish().unwrap();
        }
        let recycled = tmp.path().join(".public.gongkai-recycle");
        assert!(recycled.join("index.html").is_file());
        // A build that fails before it writes anything (errors in the content).
        drop(Staging::taking(&out));
        assert!(recycled.join("index.html").is_file(), "put back");
        let names: Vec<String> = (std::fs::read_dir(tmp.path()).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(Staging::taking(&out).take().unwrap().recycled(), 1);
        // With nothing to recycle, a failed build leaves nothing beside the output.
        std::fs::remove_dir_all(&recycled).unwrap();
        drop(Staging::taking(&out));
        drop(Staging::new(&out).unwrap());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_link_in_place_of_the_recycled_folder_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let sources = tmp.path().join("content");
        std::fs::create_dir_all(&sources).unwrap();
        std::fs::write(sources.join("414.yaml"), "source").unwrap();
        std::os::unix::fs::symlink(&sources, tmp.path().join(".public.gongkai-recycle")).unwrap();
        let s = Staging::new(&out).unwrap();
        assert_eq!(s.recycled(), 0);
        s.write("index.html", b"home").unwrap();
        s.publish().unwrap();
        assert_eq!(std::fs::read(sources.join("414.yaml")).unwrap(), b"source");
        assert!(!out.join("414.yaml").exists());
    }

    #[test]
    fn a_killed_builds_folder_becomes_the_recycled_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let dead = tmp.path().join(".public.gongkai-staging-4194304999");
        std::fs::create_dir_all(dead.join("2024")).unwrap();
        std::fs::write(dead.join("2024/index.html"), "killed").unwrap();
        let s = Staging::new(&out).unwrap();
        assert_eq!(s.recycled(), 1);
        s.write("index.html", b"home").unwrap();
        s.publish().unwrap();
        assert!(!dead.exists());
        assert!(!out.join("2024").exists(), "nothing of it is published");
    }
}
