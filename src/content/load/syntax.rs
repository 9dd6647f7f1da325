//! A YAML syntax error in the publisher's words, and every error after it in one run: the
//! broken line and the block indented under it are left out (blanked, so every other line
//! keeps its number) and the text is read again, at most [`MAX_ROUNDS`] times; once it reads,
//! its schema errors are reported too, each at its own line.

use super::{SourceMap, all_errors};
use crate::diagnostic::{Diagnostic, Kind, Position};
use crate::messages::Message;
use std::path::Path;

/// At most this many lines (with their blocks) are left out of one file.
pub const MAX_ROUNDS: usize = 20;

/// The reader's message in the publisher's words, when it is one of the common mistakes.
pub fn problem(raw: &str) -> Message {
    let r = raw.to_ascii_lowercase();
    if r.contains("recursion") || r.contains("limit") || r.contains("depth") {
        Message::SyntaxTooDeep
    } else if r.contains("tab") {
        Message::SyntaxTab
    } else if r.contains("mapping values are not allowed") || r.contains("simple key") {
        Message::SyntaxMappingValue
    } else if r.contains("duplicate") {
        Message::SyntaxDuplicateKey
    } else if r.contains("quote")
        || r.contains("flow")
        || r.contains("unexpected end")
        || r.contains("unexpected eof")
        || r.contains("unterminated")
        || r.contains("did not find expected ',' or")
    {
        Message::SyntaxUnclosed
    } else if r.contains("unknown anchor") || r.contains("undefined alias") {
        Message::SyntaxUnknownAlias
    } else if r.contains("unexpected character")
        || r.contains("cannot start any token")
        || r.contains("control character")
        || r.contains("invalid character")
    {
        Message::SyntaxBadCharacter
    } else if r.contains("block sequence") || r.contains("expected '-'") {
        Message::SyntaxBlockMix
    } else if r.contains("indent") || r.contains("did not find expected key") {
        Message::SyntaxIndentation
    } else {
        Message::YamlReader {
            raw: raw.to_string(),
        }
    }
}

/// A syntax error at `position`, from the reader's message `raw`.
pub fn diagnostic(path: &Path, position: Position, raw: &str) -> Diagnostic {
    let message = match problem(raw) {
        unknown @ Message::YamlReader { .. } => Message::YamlSyntax {
            problem: unknown.to_string(),
            raw: String::new(),
        },
        known => Message::YamlSyntax {
            problem: known.to_string(),
            raw: raw.to_string(),
        },
    };
    Diagnostic {
        position: Some(position),
        ..Diagnostic::file(Kind::YamlSyntax, path, message).expected(Message::YamlSyntaxHint)
    }
}

/// True for a line that opens more brackets or quotes than it closes.
fn unbalanced(line: &str) -> bool {
    let content = line.find(" #").map_or(line, |i| &line[..i]);
    let count = |cs: &[char]| content.chars().filter(|c| cs.contains(c)).count();
    count(&['{', '[']) > count(&['}', ']']) || count(&['"']) % 2 == 1
}

/// True for an error no reading again can get past: the reader's limits (nesting, aliases)
/// or a line too long to be a mistake of typing.
fn hopeless(text: &str, first: &Diagnostic) -> bool {
    let line = first.position.map_or(1, |p| p.line);
    let m = first.message.to_ascii_lowercase();
    m.contains(&Message::SyntaxTooDeep.to_string())
        || ["depth", "recursion", "limit", "budget", "nest"]
            .iter()
            .any(|w| m.contains(w))
        || text
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.len() > 2000)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The key a line sets (`  - name: x` → `name`), if any.
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = t.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains([' ', '{', '[', '#'])).then(|| key.to_string())
}

/// Every error of `text`, whose first syntax error is `first`: `first`, each later syntax
/// error, then the schema errors of what remains, in the order of the file.
pub fn every_error(path: &Path, text: &str, first: Diagnostic) -> Vec<Diagnostic> {
    if hopeless(text, &first) {
        return vec![first];
    }
    let unclosed = first.message.contains(&Message::SyntaxUnclosed.to_string());
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut left_out = vec![false; lines.len()];
    let mut keys: Vec<String> = Vec::new();
    let mut at = first.position.map_or(1, |p| p.line);
    let mut reported = at;
    let mut out = vec![first];
    for _ in 0..MAX_ROUNDS {
        // The line the reader stopped at, or the last written line before it (an unclosed
        // quote is found at the end of the file).
        let mut i = at.saturating_sub(1).min(lines.len().saturating_sub(1));
        while i > 0 && (left_out[i] || lines[i].trim().is_empty()) {
            i -= 1;
        }
        // An unclosed bracket or quote is found lines after it was opened.
        if unclosed
            && out.len() == 1
            && let Some(open) = (0..=i)
                .rev()
                .find(|&k| !left_out[k] && unbalanced(&lines[k]))
        {
            i = open;
        }
        if left_out[i] || lines[i].trim().is_empty() {
            break;
        }
        let depth = indent(&lines[i]);
        let mut j = i;
        loop {
            keys.extend(key_of(&lines[j]));
            lines[j].clear();
            left_out[j] = true;
            j += 1;
            if j >= lines.len() || (!lines[j].trim().is_empty() && indent(&lines[j]) <= depth) {
                break;
            }
        }
        let rest = lines.join("\n");
        match SourceMap::syntax_error(&rest) {
            Some((p, raw)) => {
                // An error past the last one is a mistake of its own; one at or before it
                // comes from the lines left out.
                if p.line > reported {
                    out.push(diagnostic(path, p, &raw));
                    reported = p.line;
                }
                at = p.line;
            }
            None => {
                if let Err(d) = super::parse(path, &rest)
                    && d.kind == Kind::Schema
                {
                    // Fields missing only because their lines were left out are not errors;
                    // the reader's own error counts only when the schema finds none at all
                    // (a date that does not exist).
                    let found = all_errors::find_ignoring(path, &rest, &|k| {
                        keys.iter().any(|left| left == k)
                    });
                    if !found.is_empty() {
                        out.extend(found);
                    } else if all_errors::find(path, &rest).is_empty() {
                        out.push(*d);
                    }
                }
                break;
            }
        }
    }
    out.sort_by_key(|d| d.position);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml"),
        )
        .unwrap()
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn the_errors_after_a_syntax_error_are_found_each_at_its_line() {
        let text = seed()
            .replacen("status: 未注明", "status: 已公开", 1)
            .replacen("  name: ", "  name: 乐亭县: ", 1)
            .replacen("total: 10.36", "total: 10,36", 1)
            .replacen("        level2: ", "        二级指标: ", 1);
        let first = match super::super::parse(Path::new("414.yaml"), &text) {
            Err(d) => *d,
            Ok(_) => panic!("the broken file parsed"),
        };
        assert_eq!(first.kind, Kind::YamlSyntax);
        let found = every_error(Path::new("414.yaml"), &text, first);
        let lines: Vec<(Kind, usize)> = found
            .iter()
            .map(|d| (d.kind, d.position.unwrap().line))
            .collect();
        assert_eq!(
            lines,
            vec![
                (Kind::Schema, line_of(&text, "status: 已公开")),
                (Kind::YamlSyntax, line_of(&text, "name: 乐亭县: ")),
                (Kind::Schema, line_of(&text, "total: 10,36")),
                (Kind::Schema, line_of(&text, "二级指标:")),
            ],
            "{found:#?}"
        );
        assert!(found[1].message.contains("值里有冒号"), "{found:#?}");
        // The left-out line's key is not reported missing.
        assert!(
            !found.iter().any(|d| d.message.contains("缺少必填")),
            "{found:#?}"
        );
    }

    #[test]
    fn an_unclosed_bracket_is_left_out_at_its_own_line_and_later_mistakes_found() {
        let text = seed()
            .replacen(
                "total: 10.36, fiscal: 10.36 }",
                "total: 10.36, fiscal: 10.36",
                1,
            )
            .replacen("        level2: ", "        二级指标: ", 1);
        let first = match super::super::parse(Path::new("414.yaml"), &text) {
            Err(d) => *d,
            Ok(_) => panic!("the broken file parsed"),
        };
        let found = every_error(Path::new("414.yaml"), &text, first);
        let kinds: Vec<Kind> = found.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, vec![Kind::YamlSyntax, Kind::Schema], "{found:#?}");
        assert_eq!(
            found[1].position.unwrap().line,
            line_of(&text, "二级指标:"),
            "{found:#?}"
        );
        assert!(found[0].message.contains("没有配对关闭"), "{found:#?}");
    }

    #[test]
    fn two_syntax_errors_are_both_reported_and_the_rounds_are_bounded() {
        let text = seed().replacen("  name: ", "  name: a: b: ", 1).replacen(
            "total: 10.36",
            "total: [10.36",
            1,
        );
        let first = match super::super::parse(Path::new("414.yaml"), &text) {
            Err(d) => *d,
            Ok(_) => panic!("the broken file parsed"),
        };
        let found = every_error(Path::new("414.yaml"), &text, first);
        let syntax: Vec<usize> = found
            .iter()
            .filter(|d| d.kind == Kind::YamlSyntax)
            .map(|d| d.position.unwrap().line)
            .collect();
        assert!(syntax.len() >= 2, "{found:#?}");
        assert_eq!(syntax[0], line_of(&text, "name: a: b:"), "{found:#?}");
        // A file of nothing but broken lines ends after MAX_ROUNDS rounds.
        let junk = "a: b: c\n".repeat(200);
        let first = diagnostic(Path::new("x.yaml"), Position { line: 1, column: 5 }, "x");
        let found = every_error(Path::new("x.yaml"), &junk, first);
        assert!(found.len() <= MAX_ROUNDS + 1, "{}", found.len());
    }
}
