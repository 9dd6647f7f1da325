//! Where a build may read and write: the output folder may never be, hold or lie inside the
//! sources (`content/`, `themes/`, `archive/`) or the site folder itself, and no symbolic link
//! inside the sources is read, so nothing from outside the site can be published.

use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// True for a year folder's name (`content/2024/`, an output's `2024/`): four ASCII digits.
pub fn is_year(name: &str) -> bool {
    name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
}

/// The folders of a site that hold what a publisher wrote; a build only reads them.
pub const SOURCES: [&str; 3] = ["content", "themes", "archive"];

/// Why a folder cannot be used as it was asked.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// The output folder would replace, hold or sit inside a source folder or the site folder.
    #[error("{}", crate::messages::Message::OutputOverlaps { output: output.display().to_string(), why: why.clone() })]
    Overlap {
        /// The output folder as given.
        output: PathBuf,
        /// What it overlaps, a message in the process's language.
        why: String,
    },
    /// The output folder exists, holds files and was not written by gongkai.
    #[error("{}", crate::messages::Message::OutputForeign { output: _0.display().to_string() })]
    Foreign(PathBuf),
    /// Symbolic links inside the sources.
    #[error("{}", crate::messages::Message::Symlinks { list: _0.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n") })]
    Symlinks(Vec<PathBuf>),
    /// The content holds no department file, while the output holds a published site that has.
    #[error("{}", crate::messages::Message::WouldEmptySite { content: content.display().to_string(), output: output.display().to_string(), published: *published })]
    NoDocuments {
        /// The content folder.
        content: PathBuf,
        /// The output folder.
        output: PathBuf,
        /// Files under year folders listed in the published manifest.
        published: usize,
    },
    /// A Markdown page's name is an address the site uses for something else.
    #[error("{}", crate::messages::Message::ReservedPage { path: _0.display().to_string(), name: _1.clone() })]
    ReservedPage(PathBuf, String),
    /// A folder could not be read while checking it.
    #[error("{}", crate::messages::Message::CannotReadPath { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Io {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// `path` made absolute, with every existing part's symbolic links resolved and `..` applied,
/// so two spellings of one folder compare equal even when it does not exist yet.
pub fn resolve(path: &Path) -> Result<PathBuf, PathError> {
    let abs = std::path::absolute(path).map_err(|source| PathError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out = std::fs::canonicalize(&out).unwrap_or(out);
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the longest part that exists; the rest does not exist, so holds no link.
    let mut rest = Vec::new();
    let mut existing = out.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut real = real;
            for part in rest.iter().rev() {
                real.push(part);
            }
            return Ok(real);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(out),
        }
    }
}

/// Refuses an output folder that is, holds or lies inside the site folder's sources, or that
/// holds files gongkai did not write. Nothing is touched.
pub fn check_output(root: &Path, output: &Path) -> Result<(), PathError> {
    let out = resolve(output)?;
    let site = resolve(root)?;
    let overlap = |why: String| PathError::Overlap {
        output: output.to_path_buf(),
        why,
    };
    if site.starts_with(&out) {
        return Err(overlap(if site == out {
            crate::messages::Message::IsTheSite.to_string()
        } else {
            crate::messages::Message::HoldsTheSite {
                site: root.display().to_string(),
            }
            .to_string()
        }));
    }
    for name in SOURCES {
        let source = resolve(&root.join(name))?;
        if out.starts_with(&source) || source.starts_with(&out) {
            let folder = format!("{name}/");
            return Err(overlap(
                if out == source {
                    crate::messages::Message::IsASource { folder }
                } else if out.starts_with(&source) {
                    crate::messages::Message::InsideASource { folder }
                } else {
                    crate::messages::Message::HoldsASource { folder }
                }
                .to_string(),
            ));
        }
    }
    if out.is_dir() && !out.join(crate::publish::manifest::FILE).is_file() {
        let mut entries = std::fs::read_dir(&out).map_err(|source| PathError::Io {
            path: out.clone(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(PathError::Foreign(output.to_path_buf()));
        }
    } else if out.exists() && !out.is_dir() {
        return Err(overlap(crate::messages::Message::IsAFile.to_string()));
    }
    Ok(())
}

/// How many files under a year folder (`2024/…`) the site published in `output` lists in its
/// manifest; 0 when nothing was published there.
pub fn published_year_files(output: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(output.join(crate::publish::manifest::FILE)) else {
        return 0;
    };
    crate::publish::manifest::parse(&text, "")
        .map(|listed| {
            (listed.keys())
                .filter(|p| p.split('/').next().is_some_and(is_year))
                .count()
        })
        .unwrap_or(0)
}

/// Refuses to build a site without documents over a published site with documents.
pub fn refuse_empty_over_published(
    content: &Path,
    output: &Path,
    documents: usize,
) -> Result<(), PathError> {
    let published = if documents == 0 {
        published_year_files(output)
    } else {
        0
    };
    if published > 0 {
        return Err(PathError::NoDocuments {
            content: content.to_path_buf(),
            output: output.to_path_buf(),
            published,
        });
    }
    Ok(())
}

/// The top-level folders of a built site other than the years.
pub const RESERVED: [&str; 4] = ["search", "compare", "downloads", "static"];

/// Refuses a Markdown page (`content/pages/SLUG.md`) whose address is a year's or another
/// folder the site writes.
pub fn check_page_name(content: &Path, slug: &str) -> Result<(), PathError> {
    if is_year(slug) || RESERVED.contains(&slug) {
        return Err(PathError::ReservedPage(
            content.join("pages").join(format!("{slug}.md")),
            slug.to_string(),
        ));
    }
    Ok(())
}

/// True for a name no build reads: an editor's swap, lock or backup file, or anything else
/// hidden (`.414.yaml.swp`, `.#414.yaml`, `414.yaml~`, `.DS_Store`). Every reader of the
/// sources and the build cache's hash of them leave these out alike, so a file open in an
/// editor neither breaks a build nor makes it redo everything.
pub fn is_scratch(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.starts_with(b".") || name.ends_with(b"~")
}

/// False for an entry below a walk's root that is [`is_scratch`].
pub fn wanted(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !is_scratch(e.file_name())
}

/// A walk of `dir`, in file-name order, that leaves out [`is_scratch`] files and folders below
/// it.
pub fn walk(dir: &Path) -> walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool> {
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(wanted as fn(&walkdir::DirEntry) -> bool)
}

/// Every symbolic link under `dir` (none when `dir` does not exist), sorted.
pub fn symlinks_under(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walk(dir)
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && e.path_is_symlink())
        .map(|e| e.path().to_path_buf())
        .collect();
    found.sort();
    found
}

/// Refuses the build when any source folder of `root` holds a symbolic link.
pub fn refuse_symlinks(root: &Path) -> Result<(), PathError> {
    let found: Vec<PathBuf> = SOURCES
        .iter()
        .flat_map(|name| symlinks_under(&root.join(name)))
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(PathError::Symlinks(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["content/2024", "themes/default"] {
            std::fs::create_dir_all(tmp.path().join(d)).unwrap();
        }
        tmp
    }

    #[test]
    fn refuses_every_output_that_overlaps_the_sources() {
        let tmp = site();
        let root = tmp.path();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/2024"),
            root.join("themes"),
            root.join("archive/2024"),
            root.join("public/../content"),
            root.join(".."),
        ] {
            let err = check_output(root, &bad).expect_err(&bad.display().to_string());
            assert!(matches!(err, PathError::Overlap { .. }), "{err}");
            assert!(err.to_string().contains("输出文件夹"), "{err}");
        }
        check_output(root, &root.join("public")).unwrap();
        check_output(root, &root.join("out/site")).unwrap();
    }

    #[test]
    fn a_link_to_the_content_folder_is_the_content_folder() {
        let tmp = site();
        let root = tmp.path();
        std::os::unix::fs::symlink(root.join("content"), root.join("alias")).unwrap();
        assert!(check_output(root, &root.join("alias")).is_err());
        assert!(check_output(root, &root.join("alias/new")).is_err());
    }

    #[test]
    fn refuses_a_folder_of_someone_elses_files() {
        let tmp = site();
        let other = tmp.path().join("documents");
        std::fs::create_dir_all(&other).unwrap();
        check_output(tmp.path(), &other).unwrap();
        std::fs::write(other.join("报告.docx"), "x").unwrap();
        assert!(matches!(
            check_output(tmp.path(), &other),
            Err(PathError::Foreign(_))
        ));
        std::fs::write(other.join("manifest.txt"), "").unwrap();
        check_output(tmp.path(), &other).unwrap();
    }

    #[test]
    fn finds_links_in_the_sources() {
        let tmp = site();
        let root = tmp.path();
        refuse_symlinks(root).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("themes/default/x.css")).unwrap();
        match refuse_symlinks(root) {
            Err(PathError::Symlinks(l)) => assert_eq!(l, [root.join("themes/default/x.css")]),
            other => panic!("{other:?}"),
        }
    }
}
