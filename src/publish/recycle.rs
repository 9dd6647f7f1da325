//! The folder a build swapped out, kept to become the next build's staging folder.
//!
//! A build that publishes exchanges its staging folder with the output folder; the previous
//! site it swaps out is not deleted (53,000 files at 2,000 departments, most of the
//! swap's time) but renamed `.NAME.gongkai-recycle` beside the output folder. The next build
//! takes it as its staging folder. Since an unchanged page is a hard link of the same file
//! from one output to the next, most of its files already are the files the live output
//! holds: the build leaves such a file in place instead of linking it again, replaces every
//! other file it writes (unlinking it first: the old file may be shared with the live site,
//! which must never be written into), and removes, before the swap, every file and folder of
//! the recycled folder it did not claim. What it held is therefore never trusted by its
//! contents: only a file that is, by its inode, the very file of the live output the build
//! would have linked is kept.
//!
//! [`Inventory::take`] lists the recycled folder once, from its directory entries (no file is
//! opened or stat'ed), and removes at once what no build writes: symbolic links (a link left
//! there could lead a later write out of the folder), other special files and names that are
//! not UTF-8.

use rustc_hash::{FxHashMap, FxHashSet};
use std::io;
use std::path::{Path, PathBuf};

/// What a recycled folder held when the build took it.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Each regular file by its site-relative path, with its inode as its directory entry
    /// names it.
    pub files: FxHashMap<String, u64>,
    /// Each folder by its site-relative path.
    pub dirs: FxHashSet<String>,
    /// Whether the inodes of [`Self::files`] may be compared with the live output's: the two
    /// folders are on one file system, and a directory entry's inode there is the file's.
    pub inodes: bool,
}

/// The name of the recycled folder of `target` (the output folder), beside it.
pub fn path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public");
    target.with_file_name(format!(".{name}.gongkai-recycle"))
}

impl Inventory {
    /// Lists `dir`, a folder just taken to be a staging folder for `target`, removing from it
    /// what no build writes. An error means the folder cannot be used as it is (the caller
    /// removes it and starts empty).
    pub fn take(dir: &Path, target: &Path) -> io::Result<Inventory> {
        let mut inv = Inventory::default();
        let mut sample = None;
        // Folders still to list, each with its site-relative path ("" for `dir`) and its
        // path on disk; names are joined as strings, not walked as paths (53,000 entries at
        // 2,000 departments, listed before every build).
        let mut pending = vec![(String::new(), dir.to_path_buf())];
        while let Some((rel_dir, path)) = pending.pop() {
            for entry in std::fs::read_dir(&path)? {
                let entry = entry?;
                // The entry's type as its directory entry gives it: never a link followed.
                let ty = entry.file_type()?;
                let name = entry.file_name();
                let Some(name) = name.to_str() else {
                    remove(&entry.path(), ty.is_dir())?;
                    continue;
                };
                let rel = if rel_dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel_dir}/{name}")
                };
                if ty.is_dir() {
                    inv.dirs.insert(rel.clone());
                    pending.push((rel, entry.path()));
                } else if ty.is_file() {
                    let ino = std::os::unix::fs::DirEntryExt::ino(&entry);
                    sample.get_or_insert_with(|| (entry.path(), ino));
                    inv.files.insert(rel, ino);
                } else {
                    // A symbolic link is removed itself, never what it leads to.
                    remove(&entry.path(), false)?;
                }
            }
        }
        inv.inodes = same_inodes(dir, target, sample);
        Ok(inv)
    }

    /// True when the recycled file at `rel` is the file whose inode is `inode` (a file of the
    /// live output, whose stamp the caller checked).
    pub fn holds(&self, rel: &str, inode: u64) -> bool {
        self.inodes && self.files.get(rel) == Some(&inode)
    }

    /// Removes from `dir` every file and folder of the inventory for which `stays` is false
    /// (true for a path the build claimed and for a folder holding one), so that `dir` holds
    /// exactly what the build wrote; names the first path that cannot be removed.
    pub fn prune(
        &self,
        dir: &Path,
        stays: impl Fn(&str) -> bool,
    ) -> Result<(), (PathBuf, io::Error)> {
        // Gone already, or beneath a file claimed where a folder stood.
        let gone = |r: io::Result<()>| match r {
            Err(e)
                if !matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                Err(e)
            }
            _ => Ok(()),
        };
        for rel in self.files.keys().filter(|r| !stays(r.as_str())) {
            let path = dir.join(rel);
            gone(std::fs::remove_file(&path)).map_err(|e| (path, e))?;
        }
        // Deepest first: a folder's own folders are gone before it is removed.
        let mut stale: Vec<&String> = self.dirs.iter().filter(|d| !stays(d.as_str())).collect();
        stale.sort_by_key(|d| std::cmp::Reverse(d.len()));
        for rel in stale {
            let path = dir.join(rel);
            gone(std::fs::remove_dir_all(&path)).map_err(|e| (path, e))?;
        }
        Ok(())
    }
}

/// Removes `path`, a folder with all it holds when `dir` is true.
fn remove(path: &Path, dir: bool) -> io::Result<()> {
    if dir {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Whether the directory entries' inodes of `dir` can be compared with the stat'ed inodes of
/// the files of `target`: both on one device, and `sample` (a file of `dir` with its entry's
/// inode) stat'ing to the same inode (on some layered file systems the two differ).
fn same_inodes(dir: &Path, target: &Path, sample: Option<(PathBuf, u64)>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &Path| std::fs::symlink_metadata(p).map(|m| m.dev()).ok();
    let Some((file, ino)) = sample else {
        return false;
    };
    dev(dir).is_some()
        && dev(dir) == dev(target)
        && std::fs::symlink_metadata(&file).is_ok_and(|m| m.ino() == ino && m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_inventory_lists_files_and_folders_and_removes_links() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, target) = (tmp.path().join("r"), tmp.path().join("public"));
        std::fs::create_dir_all(dir.join("2024/a")).unwrap();
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(dir.join("2024/a/index.html"), "a").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), dir.join("2024/link")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), dir.join("up")).unwrap();
        let inv = Inventory::take(&dir, &target).unwrap();
        assert_eq!(
            inv.files.keys().collect::<Vec<_>>(),
            ["2024/a/index.html"],
            "links are no files of the site"
        );
        let mut dirs: Vec<_> = inv.dirs.iter().collect();
        dirs.sort();
        assert_eq!(dirs, ["2024", "2024/a"]);
        assert!(inv.inodes, "one file system, inodes as stat'ed");
        assert!(!dir.join("2024/link").exists() && !dir.join("up").exists());
        assert_eq!(std::fs::read(tmp.path().join("secret")).unwrap(), b"s");
        let ino = std::os::unix::fs::MetadataExt::ino(
            &std::fs::metadata(dir.join("2024/a/index.html")).unwrap(),
        );
        assert!(inv.holds("2024/a/index.html", ino));
        assert!(!inv.holds("2024/a/index.html", ino + 1));
        assert!(!inv.holds("2024/b/index.html", ino));
    }

    #[test]
    fn pruning_keeps_exactly_what_was_claimed() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, target) = (tmp.path().join("r"), tmp.path().join("public"));
        for rel in [
            "2024/a/index.html",
            "2024/b/index.html",
            "2024/b/p/1/index.html",
            "x.txt",
        ] {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, rel).unwrap();
        }
        std::fs::create_dir_all(dir.join("empty/deeper")).unwrap();
        let inv = Inventory::take(&dir, &target).unwrap();
        let claimed: HashSet<&str> = ["2024/a/index.html", "new.html"].into();
        let stays = |rel: &str| {
            claimed.contains(rel) || claimed.iter().any(|c| c.starts_with(&format!("{rel}/")))
        };
        inv.prune(&dir, stays).unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        left.sort();
        assert_eq!(left, ["2024", "2024/a", "2024/a/index.html"]);
    }
}
