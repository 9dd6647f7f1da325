//! Checks on parsed documents, alone and across files: errors that stop a build (duplicate
//! codes, undeclared units, unsafe link keys) and findings published beside the text (sums
//! that disagree, values that cannot be placed, targets with nothing to measure).

use crate::content::load::{SourceFile, SourceMap};
use crate::content::model::value::TargetValue;
use crate::content::model::{Document, Region, Wan};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Kind};
use std::collections::BTreeMap;

/// A finding about one field of one file, before its place in the file is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of problem.
    pub kind: Kind,
    /// Field path, such as `projects[3].indicators[2].value`.
    pub field: String,
    /// The message.
    pub message: String,
    /// What was expected, if that helps.
    pub expected: Option<String>,
}

impl Finding {
    fn new(kind: Kind, field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            kind,
            field: field.into(),
            message: message.into(),
            expected: None,
        }
    }

    fn expected(mut self, e: impl Into<String>) -> Self {
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
    use crate::render::markdown::{MAX_NESTING, too_deep};
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
                    format!("这段文字第 {line} 行嵌套超过 {MAX_NESTING} 层（引用 `>`、列表或强调层层套叠），无法显示"),
                )
                .expected("原文的段落，引用和列表最多几层"),
            );
        }
    }
}

/// Checks one document on its own; `rel` is its path under `content/` (`2024/130529/414.yaml`).
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
                    format!("unit code `{code}` cannot be used in a link"),
                )
                .expected("ASCII letters and digits, such as 414001"),
            );
        }
    }
    let region_code = match &doc.department.region {
        Region::Known(r) => Some(r.code.as_str()),
        Region::Unstated { .. } => None,
    };
    for (pi, p) in doc.projects.iter().enumerate() {
        let at = |f: &str| format!("projects[{pi}]{f}");
        match &p.unit {
            Some(u) if !units.contains(&u.as_str()) => out.push(
                Finding::new(Kind::UndeclaredUnit, at(".unit"), format!("project 「{}」 names unit `{u}`, which `department.units` does not declare", p.name))
                    .expected(format!("one of: {}", units.join(", "))),
            ),
            None if doc.department.units.len() > 1 => out.push(
                Finding::new(Kind::UndeclaredUnit, at(""), format!("project 「{}」 does not say which unit it belongs to", p.name))
                    .expected(format!("`unit:` with one of: {}", units.join(", "))),
            ),
            _ => {}
        }
        match p.key() {
            None => out.push(
                Finding::new(
                    Kind::MissingKey,
                    at(""),
                    format!(
                        "project 「{}」 has no `code`, so it needs an `id` for its link",
                        p.name
                    ),
                )
                .expected("`id:` with a short ASCII key that never changes, such as shipin-anquan"),
            ),
            Some(k) if !is_safe_key(k) => out.push(
                Finding::new(
                    Kind::BadKey,
                    at(if p.code.is_some() { ".code" } else { ".id" }),
                    format!("`{k}` cannot be used in a link"),
                )
                .expected("ASCII letters, digits, `-` and `_` (at most 64)"),
            ),
            _ => {}
        }
        if let (Some(code), Some(region)) = (&p.code, region_code) {
            let prefix = format!("{region}{:02}", doc.document.year % 100);
            if !code.starts_with(&prefix) {
                out.push(
                    Finding::new(Kind::CodePrefix, at(".code"), format!("project code `{code}` does not start with the region code and budget year"))
                        .expected(format!("a code starting with {prefix}")),
                );
            }
        }
        check_amounts(&p.amounts, &at(".amounts"), &mut out);
        check_plan(p, &at(".spending_plan"), &mut out);
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
                format!(
                    "the file sits under `{}/` but its budget year is {}",
                    parts[0], doc.document.year
                ),
            )
            .expected(format!("the file under content/{}/", doc.document.year)),
        );
    }
    let key = doc.department.region.key();
    if !is_safe_key(key) {
        out.push(
            Finding::new(
                Kind::BadKey,
                "department.region",
                format!("`{key}` cannot be used in a link"),
            )
            .expected("ASCII letters, digits, `-` and `_`"),
        );
    } else if parts.len() != 3 || parts[1] != key {
        out.push(
            Finding::new(
                Kind::PathMismatch,
                "department.region",
                format!("the file `{rel}` is not in its region's folder"),
            )
            .expected(format!(
                "content/{}/{key}/<department>.yaml",
                doc.document.year
            )),
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
                format!("the file name `{stem}` cannot be used in a link"),
            )
            .expected("an ASCII name such as 414.yaml"),
        );
    }
}

fn check_amounts(a: &crate::content::model::Amounts, field: &str, out: &mut Vec<Finding>) {
    let parts = [a.fiscal, a.other];
    if parts.iter().all(Option::is_none) {
        return;
    }
    let sum: Wan = parts.iter().flatten().sum();
    if sum != a.total {
        out.push(
            Finding::new(
                Kind::AmountSum,
                format!("{field}.total"),
                format!(
                    "财政资金 + 其他资金 = {sum}万元, but 预算数 is {}万元",
                    a.total
                ),
            )
            .expected("fiscal + other = total (published as written)"),
        );
    }
}

fn check_plan(p: &crate::content::model::Project, field: &str, out: &mut Vec<Finding>) {
    let mut last = None;
    for (i, m) in p.spending_plan.iter().enumerate() {
        let Some(v) = m.percent_value() else {
            out.push(
                Finding::new(
                    Kind::SpendingPlan,
                    format!("{field}[{i}].percent"),
                    format!("`{}` is not a percent", m.percent),
                )
                .expected("a cumulative percent such as 25%"),
            );
            return;
        };
        if last.is_some_and(|l| v < l) {
            out.push(
                Finding::new(
                    Kind::SpendingPlan,
                    format!("{field}[{i}].percent"),
                    format!("the cumulative plan falls to {}% at {}", v, m.by),
                )
                .expected("cumulative percents that never decrease"),
            );
        }
        last = Some(v);
    }
    if let Some(l) = last
        && l < rust_decimal::Decimal::from(100)
    {
        out.push(
            Finding::new(
                Kind::SpendingPlan,
                field.to_string(),
                format!("the spending plan ends at {l}%, not 100%"),
            )
            .expected("a plan that reaches 100%"),
        );
    }
}

fn check_value(row: &crate::content::model::Indicator, field: String, out: &mut Vec<Finding>) {
    let raw = row.value.raw();
    let name_field = field.replace(".value", ".name");
    match row.value.parsed() {
        TargetValue::Empty if !row.name.trim().is_empty() => out.push(
            Finding::new(
                Kind::MissingValue,
                field.clone(),
                format!("indicator 「{}」 has no target value", row.name),
            )
            .expected("the 指标值 as published"),
        ),
        TargetValue::Unparsed => out.push(
            Finding::new(
                Kind::UnparsedValue,
                field.clone(),
                format!("target value 「{raw}」 is not a number, date or known phrase"),
            )
            .expected("a form such as ≥90%, 2024年12月底前, 效果明显 (published as written)"),
        ),
        TargetValue::Qualitative(q) => out.push(Finding::new(
            Kind::Unmeasurable,
            field.clone(),
            format!(
                "target value 「{raw}」 has nothing measurable ({})",
                q.trend.label()
            ),
        )),
        _ => {}
    }
    if !row.level2.contains("数量") {
        return;
    }
    let is_rate = row.name.ends_with('率') || row.name.contains("率(") || row.name.contains("率（");
    let is_percent =
        matches!(row.value.parsed(), TargetValue::Quantity(q) if q.unit.as_deref() == Some("%"));
    if is_rate {
        out.push(
            Finding::new(
                Kind::CategoryMismatch,
                name_field,
                format!("「{}」 is a rate filed under 数量指标", row.name),
            )
            .expected("rates under 质量指标"),
        );
    } else if is_percent {
        out.push(
            Finding::new(
                Kind::CategoryMismatch,
                field,
                format!(
                    "「{}」 is a 数量指标 but its value 「{raw}」 is a percentage",
                    row.name
                ),
            )
            .expected("a count under 数量指标, a rate under 质量指标"),
        );
    }
}

/// Checks across files: project codes must be unique within one region and year.
pub fn check_corpus(files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(u16, String, String), (usize, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let doc = &f.document;
        for (pi, p) in doc.projects.iter().enumerate() {
            let Some(code) = &p.code else { continue };
            let key = (
                doc.document.year,
                doc.department.region.key().to_string(),
                code.clone(),
            );
            if let Some(&(ofi, opi)) = seen.get(&key) {
                let other = &files[ofi];
                out.push(
                    Finding::new(
                        Kind::DuplicateCode,
                        format!("projects[{pi}].code"),
                        format!(
                            "project code `{code}` is already used by 「{}」 ({} projects[{opi}])",
                            other.document.projects[opi].name, other.rel
                        ),
                    )
                    .expected("a code unique within the region and year")
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
                    let how = |q: &crate::model::Project| {
                        if q.code.is_some() { "编码" } else { "id" }
                    };
                    out.push(
                        Finding::new(
                            Kind::DuplicateCode,
                            format!("projects[{pi}].{}", if p.code.is_some() { "code" } else { "id" }),
                            format!(
                                "项目「{}」的{} `{k}` 与本文件 projects[{opi}]「{}」的{}相同，两者会指向同一个页面",
                                p.name,
                                how(p),
                                other.name,
                                how(other)
                            ),
                        )
                        .expected("本文件中不重复的 id")
                        .locate(f, &SourceMap::build(&f.source())),
                    );
                }
                _ => {}
            }
        }
    }
    out
}

/// Runs every check on every loaded file and returns the findings at or above `min`, placed
/// in their files. A file's source map is built only when it has something to report.
pub fn check_all(files: &[SourceFile], found: &[Vec<Finding>], min: Severity) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut out: Vec<Diagnostic> = files
        .par_iter()
        .zip(found)
        .flat_map_iter(|(f, found)| {
            let findings: Vec<Finding> = (found.iter())
                .filter(|x| x.kind.severity() >= min)
                .cloned()
                .collect();
            let map = if findings.is_empty() {
                SourceMap::default()
            } else {
                SourceMap::build(&f.source())
            };
            findings
                .into_iter()
                .map(move |x| x.locate(f, &map))
                .collect::<Vec<_>>()
        })
        .collect();
    out.extend(check_corpus(files));
    out
}
