//! Reading self-evaluation files (绩效自评) from `content/selfeval/YEAR/REGION/DEPT.yaml`:
//! bytes → text → YAML → [`SelfEvaluation`], with every failure a [`Diagnostic`] naming the
//! file, line, column and field, in Chinese.
//!
//! A self-evaluation sits in its own folder, never beside the target documents: adding one
//! to a year that `gongkai archive` froze changes nothing of that year's sources.

pub use super::layout::{FOLDER, is_selfeval_file};
use super::{SourceMap, decode, parse_yaml};
use crate::content::model::SCHEMA_VERSION;
use crate::content::model::selfeval::SelfEvaluation;
use crate::diagnostic::{Diagnostic, Kind};
use crate::messages::{Message, Term};
use std::path::{Path, PathBuf};

/// One self-evaluation file, read and parsed.
#[derive(Debug, Clone)]
pub struct SelfEvalFile {
    /// The path as found on disk.
    pub path: PathBuf,
    /// The path relative to `content/selfeval/`, with `/` separators
    /// (`2022/530923/mlzx.yaml`): the same as its target document's under `content/`.
    pub rel: String,
    /// The parsed document.
    pub document: SelfEvaluation,
}

impl SelfEvalFile {
    /// The file's name without `.yaml`: the department's key, shared with its target document.
    pub fn dept_key(&self) -> &str {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name)
    }

    /// The path of the target document this self-evaluation evaluates, relative to
    /// `content/` (`2022/530923/mlzx.yaml`), whether or not the site has it.
    pub fn target_rel(&self) -> &str {
        &self.rel
    }
}

/// Every self-evaluation file under `content/selfeval/`, sorted; a missing folder holds none.
pub fn find_files(content: &Path) -> Vec<(PathBuf, String)> {
    let dir = content.join(FOLDER);
    let mut found: Vec<(PathBuf, String)> = crate::paths::walk(&dir)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            let rel = rel.to_str()?.replace('\\', "/");
            is_selfeval_file(&rel).then(|| (e.path().to_path_buf(), rel))
        })
        .collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

/// Every self-evaluation under `content/selfeval/`, and the problems of those that failed.
/// Misplaced files are reported by [`super::layout::check`].
pub fn load_dir(content: &Path) -> (Vec<SelfEvalFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (path, rel) in find_files(content) {
        match load_file(&path, rel) {
            Ok(f) => files.push(f),
            Err(mut d) => problems.append(&mut d),
        }
    }
    (files, problems)
}

/// Reads and parses one self-evaluation; `rel` is its path under `content/selfeval/`.
pub fn load_file(path: &Path, rel: String) -> Result<SelfEvalFile, Vec<Diagnostic>> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > super::MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::file(
                Kind::TooLarge,
                path,
                format!(
                    "文件有 {size} 字节，一个自评文件不能超过 {} 字节",
                    super::MAX_FILE_BYTES
                ),
            )
            .expected("一个部门一个年度的绩效自评表（几十千字节）"),
        ]);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::file(
            Kind::Io,
            path,
            Message::SelfEvalUnreadable {
                cause: e.to_string(),
            },
        )]
    })?;
    let (text, _) = decode(path, bytes).map_err(|d| vec![*d])?;
    let document: SelfEvaluation = parse_yaml(path, &text).map_err(|d| vec![in_chinese(*d)])?;
    let problems = check_place(path, &rel, &text, &document);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SelfEvalFile {
        path: path.to_path_buf(),
        rel,
        document,
    })
}

/// The reader's English schema messages in the catalogue's words.
fn in_chinese(mut d: Diagnostic) -> Diagnostic {
    let m = d.message.clone();
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    let list = |s: &str| {
        s.split("expected one of ")
            .nth(1)
            .map(|l| l.replace('`', "").trim_end_matches('.').to_string())
    };
    if m.starts_with("unknown field") {
        d.message = Message::UnknownField { key: quoted(&m) }.to_string();
        d.expected = list(&m).map(|list| Message::FieldsAllowedHere { list }.to_string());
    } else if m.starts_with("missing field") {
        d.message = Message::MissingFieldHere { key: quoted(&m) }.to_string();
        d.expected = None;
    } else if m.starts_with("unknown variant") {
        d.message = Message::ValueNotAChoice {
            written: quoted(&m),
        }
        .to_string();
        d.expected = list(&m).map(|choices| Message::OnlyChoices { choices }.to_string());
    } else if m.starts_with("invalid type") {
        let want = m.rsplit("expected ").next().unwrap_or("");
        let want = if want.contains("integer") || want.contains("u16") || want.contains("u32") {
            Term::Integer
        } else if want.contains("string") {
            Term::Text
        } else if want.contains("sequence") {
            Term::List
        } else if want.contains("map") || want.contains("struct") {
            Term::Fields
        } else if want.contains("bool") {
            Term::YesNo
        } else {
            Term::Other
        };
        d.message = Message::ItemWrongType { want }.to_string();
        d.expected = Some(Message::SelfEvalSchemaHint.to_string());
    }
    d
}

/// The schema version, and the file's folders against its year and region.
fn check_place(path: &Path, rel: &str, text: &str, doc: &SelfEvaluation) -> Vec<Diagnostic> {
    let map = SourceMap::build(text);
    let at = |kind: Kind, field: &str, message: Message, expected: String| Diagnostic {
        position: map.nearest(field),
        field: Some(field.to_string()),
        ..Diagnostic::file(kind, path, message).expected(expected)
    };
    let mut out = Vec::new();
    if doc.schema != SCHEMA_VERSION {
        out.push(at(
            Kind::SchemaVersion,
            "schema",
            Message::SelfEvalSchemaVersion {
                version: doc.schema,
            },
            format!("schema: {SCHEMA_VERSION}"),
        ));
    }
    let parts: Vec<&str> = rel.split('/').collect();
    let year = doc.document.year.to_string();
    if parts.first() != Some(&year.as_str()) {
        out.push(at(
            Kind::PathMismatch,
            "document.year",
            Message::SelfEvalYearMismatch {
                folder: parts.first().unwrap_or(&"").to_string(),
                year: doc.document.year,
            },
            Message::SelfEvalYearHint {
                year: doc.document.year,
            }
            .into(),
        ));
    }
    let key = doc.department.region.key();
    if parts.get(1) != Some(&key) {
        out.push(at(
            Kind::PathMismatch,
            "department.region",
            Message::SelfEvalRegionMismatch {
                folder: parts.get(1).unwrap_or(&"").to_string(),
                key: key.to_string(),
            },
            Message::SelfEvalRegionHint {
                year: doc.document.year,
                key: key.to_string(),
            }
            .into(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "schema: 1\ndocument:\n  year: 2021\n  status: 正式\ndepartment:\n  name: 零陵区林业局\n  \
        region: { code: \"431102\", province: 湖南省, city: 永州市, county: 零陵区 }\nform: 部门整体支出\n\
        projects:\n  - name: 零陵区林业局\n    indicators:\n      - { name: 造林面积, target: 1.2万亩, actual: 1.2万亩, weight: 10, score: 10 }\n";

    fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
        let p = dir.join(FOLDER).join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn loads_a_file_in_its_place() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "2021/431102/lyj.yaml", GOOD);
        let (files, problems) = load_dir(tmp.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].dept_key(), "lyj");
        assert_eq!(files[0].target_rel(), "2021/431102/lyj.yaml");
        assert_eq!(
            files[0].document.projects[0].indicators[0].actual.raw(),
            "1.2万亩"
        );
    }

    #[test]
    fn a_wrong_folder_is_named_with_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(tmp.path(), "2022/431103/lyj.yaml", GOOD);
        let err = load_file(&p, "2022/431103/lyj.yaml".into()).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err.iter().all(|d| d.kind == Kind::PathMismatch));
        assert_eq!(err[0].position.map(|p| p.line), Some(3), "{err:?}");
        assert!(err[0].message.contains("2021"), "{}", err[0].message);
    }

    #[test]
    fn a_schema_error_is_placed_at_its_field() {
        let tmp = tempfile::tempdir().unwrap();
        let bad = GOOD.replace("actual:", "actaul:");
        let p = write(tmp.path(), "2021/431102/lyj.yaml", &bad);
        let err = load_file(&p, "2021/431102/lyj.yaml".into()).unwrap_err();
        assert_eq!(err[0].kind, Kind::Schema, "{err:?}");
        assert_eq!(err[0].position.map(|p| p.line), Some(12), "{err:?}");
        assert_eq!(
            err[0].message,
            "不认识的字段“actaul”，这一行的内容不会被读取"
        );
        assert!(
            err[0].expected.as_deref().unwrap().contains("actual"),
            "{err:?}"
        );
        let bad = GOOD.replace("部门整体支出", "整体支出");
        std::fs::write(&p, bad).unwrap();
        let err = load_file(&p, "2021/431102/lyj.yaml".into()).unwrap_err();
        assert_eq!(err[0].message, "`整体支出` 不是可选的写法", "{err:?}");
        assert_eq!(err[0].position.map(|p| p.line), Some(8), "{err:?}");
    }
}
