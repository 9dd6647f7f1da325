//! Diagnostics a publisher can act on: severity, file, line, column, field path and what was
//! expected, printed in the style of rustc.

use crate::messages::Message;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The document is published as written; the finding is shown beside it.
    Warning,
    /// The content cannot be built until this is fixed.
    Error,
}

/// What kind of problem a diagnostic reports. Each kind has a stable code for docs and filters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The file could not be read.
    Io,
    /// The file is not valid UTF-8.
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// The file is larger than a department document can be.
    TooLarge,
    /// The YAML itself is malformed.
    YamlSyntax,
    /// The YAML is well formed but does not fit the schema (type, unknown or missing field).
    Schema,
    /// The YAML exceeds the reader's safety limits (nesting, aliases).
    Limits,
    /// The `schema:` version is not one this gongkai reads.
    SchemaVersion,
    /// Two projects share a code in one region and year.
    DuplicateCode,
    /// A project names a unit the department does not declare.
    UndeclaredUnit,
    /// A project has neither a code nor an `id`, so it cannot get a stable link.
    MissingKey,
    /// A key used in links is not plain ASCII.
    BadKey,
    /// The file's place under `content/` disagrees with its year or region.
    PathMismatch,
    /// The file starts with a byte-order mark (removed on reading).
    ByteOrderMark,
    /// A finding of the review of targets (`gongkai review`), by its rule.
    Review(crate::rules::review::Rule),
    /// A target value the parser could not place.
    UnparsedValue,
    /// A project code whose prefix disagrees with the region code and year.
    CodePrefix,
    /// An indicator row with a name whose `value` field is left out of the file: the
    /// publisher must write the value, or `value: ""` when the source left it blank.
    ValueLeftOut,
    /// An indicator row with neither a name, a value nor a 二级指标 (a blank line of the form
    /// or a caption such as 表2 taken for a row on import): shown as written and flagged; the
    /// publisher deletes it or fills it.
    EmptyRow,
    /// A recorded 说明 answers a rule that finds nothing at its place.
    UnusedAnswer,
    /// An indicator's `metric:` names no metric of content/metrics.yaml.
    UnknownMetric,
    /// The rules of several metrics recognise one indicator row.
    AmbiguousMetric,
    /// A symbolic link inside `content/`: never read, so nothing outside the site is published.
    Symlink,
    /// A file or folder under `content/` where no document can be (a year folder named `20245`).
    Misplaced,
    /// No department file at all, or no `content/` folder.
    NoContent,
    /// Text nested deeper than a page can show (`>` inside `>` thousands of times).
    Nesting,
    /// A field still holds the `gongkai new` template's placeholder `…`.
    Placeholder,
    /// A finding of the self-evaluation (绩效自评) checks, by its rule.
    SelfEval(crate::rules::selfeval::Rule),
    /// A region `gongkai import` could not name (its note is the import's placeholder): the
    /// site shows 未注明地区 until the publisher fills in the region.
    UnstatedRegion,
    /// A frozen (archived) year's sources differ from its archive other than by one declared
    /// correction, or the archive itself was altered: a build refuses to publish.
    Frozen,
}

impl Kind {
    /// The stable code printed in brackets, such as `unknown-unit`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Io => "io",
            Kind::NotUtf8 => "not-utf8",
            Kind::EmptyFile => "empty-file",
            Kind::TooLarge => "too-large",
            Kind::YamlSyntax => "yaml-syntax",
            Kind::Schema => "schema",
            Kind::Limits => "limits",
            Kind::SchemaVersion => "schema-version",
            Kind::DuplicateCode => "duplicate-code",
            Kind::UndeclaredUnit => "undeclared-unit",
            Kind::MissingKey => "missing-key",
            Kind::BadKey => "bad-key",
            Kind::PathMismatch => "path-mismatch",
            Kind::ByteOrderMark => "byte-order-mark",
            Kind::Review(rule) => rule.code(),
            Kind::UnparsedValue => "unparsed-value",
            Kind::CodePrefix => "code-prefix",
            Kind::ValueLeftOut => "value-left-out",
            Kind::EmptyRow => "empty-row",
            Kind::UnusedAnswer => "unused-answer",
            Kind::UnknownMetric => "unknown-metric",
            Kind::AmbiguousMetric => "ambiguous-metric",
            Kind::Symlink => "symlink",
            Kind::Misplaced => "misplaced",
            Kind::NoContent => "no-content",
            Kind::Nesting => "nesting",
            Kind::Placeholder => "placeholder",
            Kind::SelfEval(rule) => rule.code(),
            Kind::Frozen => "frozen-year",
            Kind::UnstatedRegion => "unstated-region",
        }
    }

    /// A short Chinese note shown to citizens beside a flagged value or project.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Review(rule) => rule.title(),
            Kind::SelfEval(rule) => rule.title(),
            Kind::UnparsedValue => "指标值无法识别为数值、日期或常用表述",
            Kind::CodePrefix => "项目编码前缀与地区代码、年度不一致",
            Kind::EmptyRow => "原表此行没有指标名称和指标值",
            _ => "文件存在问题",
        }
    }

    /// Whether this kind stops a build.
    pub fn severity(self) -> Severity {
        match self {
            Kind::ByteOrderMark
            | Kind::Review(_)
            | Kind::SelfEval(_)
            | Kind::UnparsedValue
            | Kind::CodePrefix
            | Kind::UnusedAnswer
            | Kind::EmptyRow
            | Kind::UnstatedRegion
            | Kind::AmbiguousMetric => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// What went wrong.
    pub kind: Kind,
    /// The file, as given to the loader.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub position: Option<Position>,
    /// The field path, such as `projects[3].indicators[2].value`.
    pub field: Option<String>,
    /// The message, in plain words.
    pub message: String,
    /// What the reader expected instead, when that helps.
    pub expected: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file.
    pub fn file(kind: Kind, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            file: file.to_path_buf(),
            position: None,
            field: None,
            message: message.into(),
            expected: None,
        }
    }

    /// Sets what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// This diagnostic's severity.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// Renders the diagnostic in Chinese, rustc style: the place as 第 L 行第 C 列 with a
    /// snippet of `source`, and the field as `field_words` names it in the form's words
    /// (`项目「食品抽检经费」› 第 3 条指标 › 指标值`), its path beside it. The model, above this
    /// module, knows those words: `content::model::field_name::render` passes them in.
    pub fn render_in(&self, source: Option<&str>, field_words: &dyn Fn(&str) -> String) -> String {
        let mut out = String::new();
        let label = match self.severity() {
            Severity::Error => Message::ErrorLabel,
            Severity::Warning => Message::WarningLabel,
        };
        let _ = writeln!(out, "{label}[{}]: {}", self.kind.code(), self.message);
        let place = match self.position {
            Some(p) => Message::Place {
                file: self.file.display().to_string(),
                line: p.line,
                column: p.column,
            }
            .to_string(),
            None => self.file.display().to_string(),
        };
        let _ = writeln!(out, "  --> {place}");
        if let (Some(p), Some(src)) = (self.position, source)
            && let Some(line) = src.lines().nth(p.line.saturating_sub(1))
        {
            let num = p.line.to_string();
            let pad = " ".repeat(num.len());
            let (line, before) = window(line, p.column.saturating_sub(1));
            let caret_pad: String = line
                .chars()
                .take(before)
                .map(|c| match c {
                    '\t' => '\t',
                    c if is_wide(c) => '\u{3000}',
                    _ => ' ',
                })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {line}");
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        if let Some(field) = self.field.as_deref().filter(|f| !f.is_empty()) {
            let words = field_words(field);
            let path = field.to_string();
            let _ = writeln!(out, "   = {}", Message::FieldAt { words, path });
        }
        if let Some(expected) = &self.expected {
            let text = expected.clone();
            let _ = writeln!(out, "   = {}", Message::Expected { text });
        }
        out
    }
}

/// At most this many characters of a line are shown under a diagnostic.
const SNIPPET_CHARS: usize = 160;

/// The part of `line` shown: the whole line when it is short, else [`SNIPPET_CHARS`]
/// characters around the column (`at` characters precede it), cut with `…`; and how many
/// characters of it precede the column. A file of one 200 KB line is never printed whole.
fn window(line: &str, at: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let total = line.chars().count();
    if total <= SNIPPET_CHARS {
        return (line.into(), at);
    }
    let start = at
        .saturating_sub(SNIPPET_CHARS / 2)
        .min(total - SNIPPET_CHARS);
    let end = start + SNIPPET_CHARS;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(SNIPPET_CHARS));
    if end < total {
        shown.push('…');
    }
    (shown.into(), at - start + usize::from(start > 0))
}

/// True for a character a terminal draws two columns wide (Han characters and full-width
/// forms), so the caret under a Chinese line lines up.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// The diagnostic with its field by path only (`projects[0].name`); the form's words for the
/// field need the model: `content::model::field_name::render`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_in(None, &|field| field.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_place_field_and_caret() {
        let d = Diagnostic {
            kind: Kind::Schema,
            file: PathBuf::from("content/2024/130529/414.yaml"),
            position: Some(Position { line: 2, column: 3 }),
            field: Some("projects[0].name".into()),
            message: "invalid type".into(),
            expected: Some("a string".into()),
        };
        let words = |f: &str| format!("第 1 个项目 › 项目名称 ({f})");
        let text = d.render_in(Some("a: 1\n  name: [x]\n"), &words);
        assert!(text.starts_with("错误[schema]: invalid type\n"), "{text}");
        assert!(
            text.contains("--> content/2024/130529/414.yaml:2:3（第 2 行第 3 列）"),
            "{text}"
        );
        assert!(text.contains("2 |   name: [x]\n  |   ^"), "{text}");
        assert!(
            text.contains("= 位置：第 1 个项目 › 项目名称 (projects[0].name)（projects[0].name）"),
            "{text}"
        );
        assert!(text.contains("= 应为：a string"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        let long = format!("document: {}x{}", "[".repeat(5_000), "]".repeat(5_000));
        let d = Diagnostic {
            position: Some(Position {
                line: 1,
                column: 11 + 300,
            }),
            ..Diagnostic::file(Kind::YamlSyntax, Path::new("a.yaml"), "too deep")
        };
        let text = d.render_in(Some(&long), &|f| f.to_string());
        let shown = text.lines().nth(3).unwrap();
        assert!(shown.chars().count() < SNIPPET_CHARS + 10, "{shown}");
        assert!(
            shown.starts_with("1 | …[") && shown.ends_with("[…"),
            "{shown}"
        );
        let caret = text.lines().nth(4).unwrap();
        // The caret under the column: 80 characters after the `…`.
        assert_eq!(caret, format!("  | {}^", " ".repeat(81)));
        // Short lines are shown whole.
        let (whole, at) = window("  name: [x]", 2);
        assert_eq!((whole.as_ref(), at), ("  name: [x]", 2));
    }
}
