//! Checks on parsed documents, alone and across files: errors that stop a build (duplicate
//! codes, undeclared units, unsafe link keys) and findings published beside the text (sums
//! that disagree, values that cannot be placed, targets with nothing to measure).

use crate::content::load::{SourceFile, SourceMap};
use crate::content::model::value::TargetValue;
use crate::content::model::{Document, Region};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Kind};
use crate::messages::Message;
use std::collections::BTreeMap;

/// A finding about one field of one file, before its place in the file is looked up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    /// What kind of problem.
    pub kind: Kind,
    /// Field path, such as `projects[3].indicators[2].value`.
    pub field: String,
    /// The message.
    pub message: String,
    /// What was expected, if that helps.
    pub expected: Option<String>,
    /// The department's recorded 说明, for a review finding it answered.
    pub answer: Option<String>,
}

impl Finding {
    /// A finding of `kind` at `field`.
    pub fn new(kind: Kind, field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            kind,
            field: field.into(),
            message: message.into(),
            expected: None,
            answer: None,
        }
    }

    /// Sets what was expected.
    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }

    /// Places the finding in `file`, giving a diagnostic with line and column from `map`.
    pub fn locate(self, file: &SourceFile, map: &SourceMap) -> Diagnostic {
        Diagnostic {
            kind: self.kind,
            file: file.path.clone(),
            position: map.nearest(&self.field),
            field: Some(self.field),
            message: self.message,
            expected: self.expected,
        }
    }
}

/// True for a key that is safe in a link and a file name: ASCII letters, digits, `-` and `_`.
pub fn is_safe_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Refuses Part 1 text (rendered as Markdown) nested deeper than a page can show.
fn check_nesting(doc: &Document, out: &mut Vec<Finding>) {
    use crate::content::nesting::{MAX_NESTING, too_deep};
    let p = &doc.part1;
    let fields = (p.overall.iter().enumerate())
        .map(|(i, g)| (format!("part1.overall[{i}].text"), &g.text))
        .chain(p.sub_goals.iter().enumerate().flat_map(|(i, g)| {
            [
                (format!("part1.sub_goals[{i}].goal"), &g.goal),
                (format!("part1.sub_goals[{i}].indicators"), &g.indicators),
            ]
        }))
        .chain(
            (p.safeguards.iter().enumerate())
                .map(|(i, g)| (format!("part1.safeguards[{i}].text"), &g.text)),
        );
    for (field, text) in fields {
        if let Some(line) = text.as_deref().and_then(too_deep) {
            out.push(
                Finding::new(
                    Kind::Nesting,
                    field,
                    Message::Nesting {
                        line,
                        max: MAX_NESTING,
                    },
                )
                .expected(Message::NestingHint),
            );
        }
    }
}

/// Checks one document on its own; `rel` is its path under `content/`
/// (`2024/130529/414.yaml`). The review of targets runs beside these checks:
/// `review::check::check_document` gives both.
pub fn check_document(doc: &Document, rel: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    check_place(doc, rel, &mut out);
    check_nesting(doc, &mut out);
    let units: Vec<&str> = doc
        .department
        .units
        .iter()
        .filter_map(|u| u.code.as_deref())
        .collect();
    for (i, u) in doc.department.units.iter().enumerate() {
        if let Some(code) = &u.code
            && !is_safe_key(code)
        {
            out.push(
                Finding::new(
                    Kind::BadKey,
                    format!("department.units[{i}].code"),
                    Message::UnitCodeNotLinkable { code: code.clone() },
                )
                .expected(Message::UnitCodeHint),
            );
        }
    }
    if doc.department.region.unstated_on_import() {
        out.push(
            Finding::new(
                Kind::UnstatedRegion,
                "department.region".to_string(),
                Message::RegionUnstatedOnImport,
            )
            .expected(Message::RegionUnstatedHint),
        );
    }
    let region_code = match &doc.department.region {
        Region::Known(r) => Some(r.code.as_str()),
        Region::Unstated { .. } => None,
    };
    for (pi, p) in doc.projects.iter().enumerate() {
        let at = |f: &str| format!("projects[{pi}]{f}");
        match &p.unit {
            Some(u) if !units.contains(&u.as_str()) => out.push(
                Finding::new(
                    Kind::UndeclaredUnit,
                    at(".unit"),
                    Message::UndeclaredUnit {
                        project: p.name.clone(),
                        unit: u.clone(),
                    },
                )
                .expected(Message::OneOf {
                    list: units.join(", "),
                }),
            ),
            None if doc.department.units.len() > 1 => out.push(
                Finding::new(
                    Kind::UndeclaredUnit,
                    at(""),
                    Message::ProjectWithoutUnit {
                        project: p.name.clone(),
                    },
                )
                .expected(Message::UnitLineHint {
                    list: units.join(", "),
                }),
            ),
            _ => {}
        }
        match p.key() {
            None => out.push(
                Finding::new(
                    Kind::MissingKey,
                    at(""),
                    Message::ProjectWithoutKey {
                        project: p.name.clone(),
                    },
                )
                .expected(Message::ProjectIdHint),
            ),
            Some(k) if !is_safe_key(k) => out.push(
                Finding::new(
                    Kind::BadKey,
                    at(if p.code.is_some() { ".code" } else { ".id" }),
                    Message::KeyNotLinkable { key: k.to_string() },
                )
                .expected(Message::KeyHint),
            ),
            _ => {}
        }
        if let (Some(code), Some(region)) = (&p.code, region_code) {
            let prefix = format!("{region}{:02}", doc.document.year % 100);
            if !code.starts_with(&prefix) {
                out.push(
                    Finding::new(
                        Kind::CodePrefix,
                        at(".code"),
                        Message::CodePrefix { code: code.clone() },
                    )
                    .expected(Message::CodePrefixHint { prefix }),
                );
            }
        }
        for (ii, row) in p.indicators.iter().enumerate() {
            let field = at(&format!(".indicators[{ii}].value"));
            check_value(row, field, &mut out);
        }
    }
    out
}

fn check_place(doc: &Document, rel: &str, out: &mut Vec<Finding>) {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.first() != Some(&doc.document.year.to_string().as_str()) {
        out.push(
            Finding::new(
                Kind::PathMismatch,
                "document.year",
                Message::YearFolderMismatch {
                    folder: parts[0].to_string(),
                    year: doc.document.year,
                },
            )
            .expected(Message::BelongsUnder {
                place: format!("content/{}/", doc.document.year),
            }),
        );
    }
    let key = doc.department.region.key();
    if !is_safe_key(key) {
        out.push(
            Finding::new(
                Kind::BadKey,
                "department.region",
                Message::KeyNotLinkable {
                    key: key.to_string(),
                },
            )
            .expected(Message::KeyHint),
        );
    } else if parts.len() != 3 || parts[1] != key {
        out.push(
            Finding::new(
                Kind::PathMismatch,
                "department.region",
                Message::RegionFolderMismatch {
                    rel: rel.to_string(),
                },
            )
            .expected(Message::BelongsUnder {
                place: format!("content/{}/{key}/", doc.document.year),
            }),
        );
    }
    if let Some(stem) = parts
        .last()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(s, _)| s)
        && !is_safe_key(stem)
    {
        out.push(
            Finding::new(
                Kind::BadKey,
                "document",
                Message::FileNameNotLinkable {
                    stem: stem.to_string(),
                },
            )
            .expected(Message::FileNameHint),
        );
    }
}

fn check_value(row: &crate::content::model::Indicator, field: String, out: &mut Vec<Finding>) {
    let raw = row.value.raw();
    // A row of the form's categories with no indicator under them (一级 and 二级指标 only)
    // is shown as the form has it; a row with not even a 二级指标 is no row of the table.
    if !row.value.is_written() && !row.is_named() && row.level2.trim().is_empty() {
        out.push(
            Finding::new(Kind::EmptyRow, field, Message::EmptyIndicatorRow)
                .expected(Message::EmptyIndicatorRowHint),
        );
        return;
    }
    if !row.value.is_written() && row.is_named() {
        out.push(
            Finding::new(
                Kind::ValueLeftOut,
                field,
                Message::ValueLeftOut {
                    name: row.name.clone(),
                },
            )
            .expected(Message::ValueLeftOutHint),
        );
        return;
    }
    if matches!(row.value.parsed(), TargetValue::Unparsed) {
        out.push(
            Finding::new(
                Kind::UnparsedValue,
                field,
                Message::UnparsedValue {
                    raw: raw.to_string(),
                },
            )
            .expected(Message::UnparsedValueHint),
        );
    }
}

/// Checks across files: project codes must be unique within one region and year.
pub fn check_corpus(files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(u16, String, String), (usize, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        // The summaries only: unchanged documents are not decoded for these checks.
        let doc = f.document.summary();
        for (pi, p) in doc.projects.iter().enumerate() {
            let Some(code) = &p.code else { continue };
            let key = (doc.year, doc.region.key().to_string(), code.clone());
            if let Some(&(ofi, opi)) = seen.get(&key) {
                let other = &files[ofi];
                out.push(
                    Finding::new(
                        Kind::DuplicateCode,
                        format!("projects[{pi}].code"),
                        Message::DuplicateCode {
                            code: code.clone(),
                            other: other.document.summary().projects[opi].name.clone(),
                            file: other.rel.clone(),
                            index: opi,
                        },
                    )
                    .expected(Message::DuplicateCodeHint)
                    .locate(f, &SourceMap::build(&f.source())),
                );
            } else {
                seen.insert(key, (fi, pi));
            }
        }
        // Link keys (code or id) must also be unique within one file.
        // An `id` equal to another project's code would give both one page. (Two equal codes
        // are reported above.)
        let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
        for (pi, p) in doc.projects.iter().enumerate() {
            let Some(k) = p.key() else { continue };
            match keys.insert(k, pi) {
                Some(opi) if p.code.is_none() || doc.projects[opi].code.is_none() => {
                    let other = &doc.projects[opi];
                    out.push(
                        Finding::new(
                            Kind::DuplicateCode,
                            format!(
                                "projects[{pi}].{}",
                                if p.code.is_some() { "code" } else { "id" }
                            ),
                            Message::DuplicateKey {
                                project: p.name.clone(),
                                key: k.to_string(),
                                other: other.name.clone(),
                                index: opi,
                            },
                        )
                        .expected(Message::DuplicateKeyHint)
                        .locate(f, &SourceMap::build(&f.source())),
                    );
                }
                _ => {}
            }
        }
    }
    out
}

/// One file's findings at or above `min`, placed in the file; `found` holds its findings
/// (see [`crate::review::check`], which adds [`check_corpus`] for the checks across files). A
/// finding the department answered with a 说明 is settled and left out (the pages and
/// `gongkai review` show it with its answer). The file's source map is built only when it has
/// something to report.
pub fn locate_findings(f: &SourceFile, found: &[Finding], min: Severity) -> Vec<Diagnostic> {
    let findings: Vec<&Finding> = (found.iter())
        .filter(|x| x.kind.severity() >= min && x.answer.is_none())
        .collect();
    if findings.is_empty() {
        return Vec::new();
    }
    let map = SourceMap::build(&f.source());
    (findings.into_iter())
        .map(|x| x.clone().locate(f, &map))
        .collect()
}
