//! What may sit in `content/`: year folders of four digits, `pages/`, `metrics.yaml` and
//! `selfeval/YEAR/REGION/` (the self-evaluations).
//! A symbolic link is never read (it could publish a file from outside the site), and a
//! document in a folder that is not a year (`20245/`, `abcd/`) is an error instead of being
//! skipped without a word.

use crate::diagnostic::{Diagnostic, Kind};
use crate::messages::Message;
use std::path::Path;

pub use crate::paths::is_year;

/// The folder under `content/` that holds the self-evaluations.
pub const FOLDER: &str = "selfeval";

/// True for a path under `content/selfeval/` where a self-evaluation may sit:
/// `YEAR/REGION/DEPT.yaml`.
pub fn is_selfeval_file(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == 3
        && is_year(parts[0])
        && !parts[1].is_empty()
        && (rel.ends_with(".yaml") || rel.ends_with(".yml"))
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Problems with the content folder's layout: a missing folder, symbolic links, documents
/// outside a year folder.
pub fn check(content: &Path) -> Vec<Diagnostic> {
    if !content.is_dir() {
        return vec![
            Diagnostic::file(
                Kind::NoContent,
                content,
                Message::NoContentFolder {
                    dir: content.display().to_string(),
                },
            )
            .expected(Message::ContentFolderHint),
        ];
    }
    let mut out = Vec::new();
    for e in crate::paths::walk(content)
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0)
    {
        let rel = e.path().strip_prefix(content).unwrap_or(e.path());
        // A name no reader can take (each takes UTF-8 paths only) is named, never skipped
        // without a word; a folder's name is reported once, not again for each file in it.
        if rel.to_str().is_none() {
            if e.file_name().to_str().is_none() {
                out.push(
                    Diagnostic::file(Kind::Misplaced, e.path(), Message::NameNotUtf8)
                        .expected(Message::NameNotUtf8Hint),
                );
            }
            continue;
        }
        if e.path_is_symlink() {
            out.push(
                Diagnostic::file(Kind::Symlink, e.path(), Message::SymlinkNotRead)
                    .expected(Message::SymlinkHint),
            );
            continue;
        }
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("");
        if top == FOLDER {
            let inner = rel.strip_prefix(top).unwrap_or(rel).to_string_lossy();
            let inner = inner.replace('\\', "/");
            if e.file_type().is_file() && is_yaml(e.path()) && !is_selfeval_file(&inner) {
                out.push(
                    Diagnostic::file(Kind::Misplaced, e.path(), Message::SelfEvalMisplaced)
                        .expected(Message::SelfEvalPlaceHint),
                );
            }
            continue;
        }
        let allowed = is_year(top) || top == "pages" || rel == Path::new("metrics.yaml");
        if !allowed && e.file_type().is_file() && is_yaml(e.path()) {
            out.push(
                Diagnostic::file(
                    Kind::Misplaced,
                    e.path(),
                    Message::NotAYearFolder {
                        folder: top.to_string(),
                    },
                )
                .expected(Message::YearFolderHint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_links_and_documents_outside_a_year() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path();
        for d in [
            "2024/130529",
            "20245/130529",
            "abcd",
            "pages",
            "selfeval/2024/130529",
        ] {
            std::fs::create_dir_all(c.join(d)).unwrap();
        }
        for f in [
            "2024/130529/414.yaml",
            "20245/130529/414.yaml",
            "abcd/x.yml",
            "metrics.yaml",
            "pages/about.md",
            "selfeval/2024/130529/414.yaml",
            "selfeval/2024/414.yaml",
        ] {
            std::fs::write(c.join(f), "schema: 1\n").unwrap();
        }
        std::os::unix::fs::symlink("/etc/passwd", c.join("pages/passwd.md")).unwrap();
        // GBK names unpacked from a Windows archive: a file, and a folder with a file in it.
        use std::os::unix::ffi::OsStrExt;
        let gbk = std::ffi::OsStr::from_bytes(b"\xb2\xe2\xca\xd4");
        let mut file = gbk.to_os_string();
        file.push(".yaml");
        std::fs::write(c.join("2024/130529").join(&file), "schema: 1\n").unwrap();
        std::fs::create_dir_all(c.join("2024").join(gbk)).unwrap();
        std::fs::write(c.join("2024").join(gbk).join("414.yaml"), "schema: 1\n").unwrap();
        let found: Vec<(Kind, String)> = check(c)
            .into_iter()
            .map(|d| {
                let rel = d
                    .file
                    .strip_prefix(c)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (d.kind, rel)
            })
            .collect();
        let mut found = found;
        found.sort();
        assert_eq!(
            found,
            [
                (Kind::Symlink, "pages/passwd.md".to_string()),
                (
                    Kind::Misplaced,
                    "2024/\u{fffd}\u{fffd}\u{fffd}\u{fffd}".to_string()
                ),
                (
                    Kind::Misplaced,
                    "2024/130529/\u{fffd}\u{fffd}\u{fffd}\u{fffd}.yaml".to_string()
                ),
                (Kind::Misplaced, "20245/130529/414.yaml".to_string()),
                (Kind::Misplaced, "abcd/x.yml".to_string()),
                (Kind::Misplaced, "selfeval/2024/414.yaml".to_string()),
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        assert_eq!(check(&c.join("nothing"))[0].kind, Kind::NoContent);
    }
}
