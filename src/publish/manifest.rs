//! `manifest.txt`: every published file with its SHA-256 and size, one line each
//! (`<sha256>  <bytes>  <path>`, sorted by path), and the check of a folder against it.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The manifest's own file name, at the site's root.
pub const FILE: &str = "manifest.txt";

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Site-relative path with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 in lower-case hex.
    pub sha256: String,
}

impl Entry {
    /// The entry of `bytes` published at `path`.
    pub fn of(path: &str, bytes: &[u8]) -> Entry {
        Entry {
            path: path.to_string(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        }
    }
}

pub use crate::digest::hex;

/// The manifest text for `entries` (any order): a header naming the tool, then sorted lines.
pub fn render(entries: &mut [Entry]) -> Vec<u8> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = format!(
        "# gongkai {} manifest: sha256  bytes  path\n",
        env!("CARGO_PKG_VERSION")
    );
    for e in entries.iter() {
        out.push_str(&format!("{}  {}  {}\n", e.sha256, e.size, e.path));
    }
    out.into_bytes()
}

/// How a folder differs from its manifest.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Listed but not in the folder.
    pub missing: Vec<String>,
    /// In the folder but not listed.
    pub added: Vec<String>,
    /// Present with another size or hash.
    pub altered: Vec<String>,
    /// Symbolic links in the folder: never published by gongkai, so always a difference.
    pub links: Vec<String>,
}

impl Differences {
    /// True when the folder matches its manifest exactly.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && self.added.is_empty()
            && self.altered.is_empty()
            && self.links.is_empty()
    }
}

/// Why a folder could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The manifest is missing or unreadable.
    #[error("{}", crate::messages::Message::FileError { path: path.clone(), error: crate::messages::os_error(source) })]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A bundle entry whose path would leave the folder it is unpacked into.
    #[error("{}", crate::messages::Message::UnsafeEntry { path: path.clone(), entry: entry.clone() })]
    Unsafe {
        /// The bundle.
        path: String,
        /// The entry's path.
        entry: String,
    },
    /// A path is listed twice: one of the two files was overwritten.
    #[error("{}", crate::messages::Message::ListedTwice { path: path.clone(), line: *line, entry: entry.clone() })]
    Duplicate {
        /// The manifest.
        path: String,
        /// Line number of the second listing, from 1.
        line: usize,
        /// The path listed twice.
        entry: String,
    },
    /// A manifest line is not `<sha256>  <bytes>  <path>`.
    #[error("{}", crate::messages::Message::ManifestLine { path: path.clone(), line: *line, text: text.clone() })]
    Syntax {
        /// The manifest.
        path: String,
        /// Line number, from 1.
        line: usize,
        /// The line.
        text: String,
    },
}

/// The files under `dir` in name order, as (path relative to `dir` with `/`, full path).
/// A folder that does not exist has no files.
pub fn walk(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    for e in WalkDir::new(dir).sort_by_file_name() {
        let e = e?;
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, e.into_path()));
        }
    }
    Ok(out)
}

/// The symbolic links under `dir`, as paths relative to `dir` with `/`, in name order.
pub fn links(dir: &Path) -> Vec<String> {
    (WalkDir::new(dir).sort_by_file_name().into_iter())
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && e.path_is_symlink())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap_or(e.path()))
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// What a manifest lists: path → (size, SHA-256).
pub type Listing = BTreeMap<String, (u64, String)>;

/// Reads the manifest at `path`.
pub fn read(path: &Path) -> Result<Listing, VerifyError> {
    let text = std::fs::read_to_string(path).map_err(|source| VerifyError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// Parses manifest text; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Listing, VerifyError> {
    let mut listed = Listing::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, "  ");
        let parsed = match (parts.next(), parts.next(), parts.next()) {
            (Some(h), Some(n), Some(p)) if h.len() == 64 => n.parse().ok().map(|n| (h, n, p)),
            _ => None,
        };
        let Some((h, n, p)) = parsed else {
            return Err(VerifyError::Syntax {
                path: path.to_string(),
                line: i + 1,
                text: line.to_string(),
            });
        };
        if listed.insert(p.to_string(), (n, h.to_string())).is_some() {
            return Err(VerifyError::Duplicate {
                path: path.to_string(),
                line: i + 1,
                entry: p.to_string(),
            });
        }
    }
    Ok(listed)
}

/// How the files under `dir` differ from `listed`, ignoring `dir/{skip}`.
pub fn compare(
    dir: &Path,
    mut listed: Listing,
    skip: Option<&str>,
) -> Result<Differences, VerifyError> {
    let read_err = |path: &Path| {
        let path = path.display().to_string();
        move |source| VerifyError::Read { path, source }
    };
    let mut diff = Differences::default();
    for (rel, path) in walk(dir).map_err(read_err(dir))? {
        if Some(rel.as_str()) == skip {
            continue;
        }
        match listed.remove(&rel) {
            None => diff.added.push(rel),
            Some((size, hash)) => {
                let now = Entry::of(&rel, &std::fs::read(&path).map_err(read_err(&path))?);
                if now.size != size || now.sha256 != hash {
                    diff.altered.push(rel);
                }
            }
        }
    }
    diff.missing = listed.into_keys().collect();
    diff.links = links(dir);
    Ok(diff)
}

/// Checks every file of `dir` against `dir/manifest.txt`.
pub fn verify(dir: &Path) -> Result<Differences, VerifyError> {
    compare(dir, read(&dir.join(FILE))?, Some(FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sha256() {
        assert_eq!(
            Entry::of("a", b"abc").sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn names_every_missing_added_and_altered_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("2024")).unwrap();
        let files = [
            ("index.html", "home"),
            ("2024/index.html", "year"),
            ("gone.txt", "x"),
        ];
        let mut entries: Vec<Entry> = files
            .iter()
            .map(|(p, t)| Entry::of(p, t.as_bytes()))
            .collect();
        std::fs::write(d.join(FILE), render(&mut entries)).unwrap();
        std::fs::write(d.join("index.html"), "home").unwrap();
        std::fs::write(d.join("2024/index.html"), "yeaR").unwrap();
        std::fs::write(d.join("new.txt"), "n").unwrap();
        let diff = verify(d).unwrap();
        assert_eq!(diff.missing, ["gone.txt"]);
        assert_eq!(diff.added, ["new.txt"]);
        assert_eq!(diff.altered, ["2024/index.html"]);
        std::os::unix::fs::symlink("/etc/hostname", d.join("2024/link.html")).unwrap();
        assert_eq!(verify(d).unwrap().links, ["2024/link.html"]);
        std::fs::write(d.join(FILE), "nonsense\n").unwrap();
        assert!(matches!(
            verify(d),
            Err(VerifyError::Syntax { line: 1, .. })
        ));
    }

    #[test]
    fn a_path_listed_twice_is_refused() {
        let mut entries = vec![Entry::of("2024/index.html", b"a"), Entry::of("x", b"b")];
        let mut text = String::from_utf8(render(&mut entries)).unwrap();
        let line = text.lines().nth(1).unwrap().to_string();
        text.push_str(&line);
        text.push('\n');
        assert!(matches!(
            parse(&text, "manifest.txt"),
            Err(VerifyError::Duplicate { line: 4, ref entry, .. }) if entry == "2024/index.html"
        ));
    }
}
