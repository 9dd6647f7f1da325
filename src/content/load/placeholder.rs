//! Placeholders left from the `gongkai new` template: a field whose whole value is `…`.
//! Such a file must not be published, so each placeholder is an error at its line.
//!
//! A `…` inside real text (a transcriber marking a gap: `临…政人员`) is not a placeholder; only
//! a scalar that is nothing but `…` (bare or quoted, in block or flow style) is.

use super::SourceMap;
use crate::diagnostic::{Diagnostic, Kind, Position};
use crate::messages::Message;
use std::path::Path;

const ELLIPSIS: char = '…';

/// Every placeholder in `text`, as an error naming its line, column and field.
pub fn find(path: &Path, text: &str) -> Vec<Diagnostic> {
    if !text.contains(ELLIPSIS) {
        return Vec::new();
    }
    let mut spots = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for at in scalars(strip_comment(line)) {
            let column = line[..at].chars().count() + 1;
            spots.push(Position {
                line: i + 1,
                column,
            });
        }
    }
    if spots.is_empty() {
        return Vec::new();
    }
    let map = SourceMap::build(text);
    spots
        .into_iter()
        .map(|position| Diagnostic {
            position: Some(position),
            field: map.path_at(position).map(str::to_string),
            ..Diagnostic::file(Kind::Placeholder, path, Message::Placeholder)
                .expected(Message::PlaceholderHint)
        })
        .collect()
}

/// The line without a trailing `# comment` (a `#` after a space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || i == 0 => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// Byte offsets of the placeholders in one line: a bare `…`, or a quoted string holding only
/// `…`, standing as a whole scalar (after `:`, `-`, `{`, `[` or `,`; before the end, `,`, `}`
/// or `]`). A `…` inside a longer quoted string is text.
fn scalars(line: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, c) in line.char_indices() {
        match c {
            '"' | '\'' => {
                let close = line[i + 1..].find(c).map(|j| i + 1 + j);
                let Some(close) = close else { break };
                if &line[i + 1..close] == "…" && stands_alone(line, i, close + 1) {
                    found.push(i + 1);
                }
                // The rest of the line, read the same way, its offsets moved back in place.
                let base = close + 1;
                found.extend(scalars(&line[base..]).into_iter().map(|o| o + base));
                break;
            }
            ELLIPSIS if stands_alone(line, i, i + ELLIPSIS.len_utf8()) => found.push(i),
            _ => {}
        }
    }
    found
}

/// True when `line[start..end]` is a whole scalar by what surrounds it.
fn stands_alone(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].trim_end();
    let after = line[end..].trim_start();
    let opens = before.is_empty() || before.ends_with([':', '-', '{', '[', ',']);
    let closes = after.is_empty() || after.starts_with([',', '}', ']']);
    opens && closes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, Option<String>)> {
        find(Path::new("t.yaml"), text)
            .into_iter()
            .map(|d| (d.position.unwrap().line, d.field))
            .collect()
    }

    #[test]
    fn a_bare_quoted_or_flow_placeholder_is_found_with_its_field() {
        let text = "schema: 1\ndepartment:\n  name: …   # 部门名称\nprojects:\n  - name: 甲\n    goals:\n      - …\n    spending_plan:\n      - { by: …, percent: \"…\" }\n    indicators:\n      - value: \"…\"\n";
        let found = lines(text);
        let at: Vec<usize> = found.iter().map(|f| f.0).collect();
        assert_eq!(at, vec![3, 7, 9, 9, 11], "{found:?}");
        assert_eq!(found[0].1.as_deref(), Some("department.name"));
        assert_eq!(
            found[4].1.as_deref(),
            Some("projects[0].indicators[0].value")
        );
    }

    #[test]
    fn an_ellipsis_inside_real_text_or_a_comment_is_not_a_placeholder() {
        // Seed 002 marks text lost in the PDF with …; the template's comments hold “…” too.
        let text = "goals:\n  - 1.该项目用于发放不在编自收自支人员、临…政人员工资\n  - …设及特种设备能力提升等支出\n  - \"“[bookmark: …]”为提取残留\"\nname: 甲 # 每个“…”都要换成原文\n";
        assert!(lines(text).is_empty());
    }

    #[test]
    fn the_bundled_content_has_no_placeholder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                assert!(
                    find(entry.path(), &text).is_empty(),
                    "{}",
                    entry.path().display()
                );
            }
        }
    }
}
