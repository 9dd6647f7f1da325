//! Where a build may read and write: the output folder may never be, hold or lie inside the
//! sources (`content/`, `themes/`, `archive/`) or the site folder itself, and no symbolic link
//! inside the sources is read, so nothing from outside the site can be published.

use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// The folders of a site that hold what a publisher wrote; a build only reads them.
pub const SOURCES: [&str; 3] = ["content", "themes", "archive"];

/// Why a folder cannot be used as it was asked.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// The output folder would replace, hold or sit inside a source folder or the site folder.
    #[error(
        "输出文件夹 {output} 不能使用：{why}。构建会整个替换输出文件夹，这样会删除源文件。\n请在 site.toml 的 output_dir 或 -o 中改用站点文件夹内单独的文件夹，例如 public"
    )]
    Overlap {
        /// The output folder as given.
        output: PathBuf,
        /// What it overlaps, in Chinese.
        why: String,
    },
    /// The output folder exists, holds files and was not written by gongkai.
    #[error(
        "输出文件夹 {0} 已有文件，但不是 gongkai 生成的（没有 manifest.txt）；为免删除这些文件，构建已停止。\n请改用一个空文件夹或新文件夹，或先自行移走其中的文件"
    )]
    Foreign(PathBuf),
    /// Symbolic links inside the sources.
    #[error(
        "以下文件是符号链接（快捷方式），gongkai 不读取它们，以免把站点以外的文件公开：\n{}\n请把文件本身复制到这里，再删除链接",
        .0.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    )]
    Symlinks(Vec<PathBuf>),
    /// The content holds no department file, while the output holds a published site that has.
    #[error(
        "{content} 中没有任何部门文件，而输出文件夹 {output} 中已发布的站点有 {published} 个年度文件；为免用空站点覆盖已发布的站点，构建已停止。\n请检查站点文件夹是否选对、content/ 是否被移走"
    )]
    NoDocuments {
        /// The content folder.
        content: PathBuf,
        /// The output folder.
        output: PathBuf,
        /// Files under year folders listed in the published manifest.
        published: usize,
    },
    /// A Markdown page's name is an address the site uses for something else.
    #[error(
        "{0}：页面名 `{1}` 与站点自身的地址（年度文件夹、search、compare、downloads、static）重名，发布后会覆盖该页面；请给文件换一个名字，例如 about-{1}.md"
    )]
    ReservedPage(PathBuf, String),
    /// A folder could not be read while checking it.
    #[error("无法读取 {path}：{source}")]
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
            "它就是站点文件夹本身".into()
        } else {
            format!("它包含站点文件夹 {}", root.display())
        }));
    }
    for name in SOURCES {
        let source = resolve(&root.join(name))?;
        if out.starts_with(&source) || source.starts_with(&out) {
            return Err(overlap(if out == source {
                format!("它就是源文件夹 {name}/")
            } else if out.starts_with(&source) {
                format!("它位于源文件夹 {name}/ 之内")
            } else {
                format!("它包含源文件夹 {name}/")
            }));
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
        return Err(overlap("它是一个文件，不是文件夹".into()));
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
                .filter(|p| {
                    p.split('/')
                        .next()
                        .is_some_and(crate::content::load::layout::is_year)
                })
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
    if crate::content::load::layout::is_year(slug) || RESERVED.contains(&slug) {
        return Err(PathError::ReservedPage(
            content.join("pages").join(format!("{slug}.md")),
            slug.to_string(),
        ));
    }
    Ok(())
}

/// Every symbolic link under `dir` (none when `dir` does not exist), sorted.
pub fn symlinks_under(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
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
