//! Where each field of a YAML file stands: a map from field paths (`projects[3].name`) to
//! line and column, built from the parser's events so diagnostics can point at the place.

use crate::diagnostic::Position;
use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::BTreeMap;

/// Deeper than this, nodes are not recorded (the deserializer rejects such files anyway).
const MAX_DEPTH: usize = 128;

/// Field paths of one file and where each value starts.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    values: BTreeMap<String, Position>,
    keys: Vec<(Position, String)>,
    ordered: Vec<(Position, String)>,
}

enum Frame {
    Map { key: Option<String> },
    Seq { next: usize },
}

impl SourceMap {
    /// Builds the map of `text`; on a syntax error it keeps what it read before it.
    pub fn build(text: &str) -> SourceMap {
        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let pos = Position {
                line: span.start.line(),
                column: span.start.col() + 1,
            };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Map { key }) = stack.last_mut()
                        && key.is_none()
                    {
                        *key = Some(value.to_string());
                        let parent = names.last().map_or("", String::as_str);
                        let dot = if parent.is_empty() { "" } else { "." };
                        map.keys.push((pos, format!("{parent}{dot}{value}")));
                        continue;
                    }
                    map.record(&mut stack, &mut names, pos, false);
                }
                Event::Alias(_) => map.record(&mut stack, &mut names, pos, false),
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    map.record(&mut stack, &mut names, pos, true);
                    if stack.len() >= MAX_DEPTH {
                        break;
                    }
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { key: None }
                    } else {
                        Frame::Seq { next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    names.pop();
                }
                _ => {}
            }
        }
        map.ordered = map.values.iter().map(|(k, v)| (*v, k.clone())).collect();
        map.ordered.append(&mut map.keys);
        map.ordered.sort();
        map
    }

    /// The first YAML syntax error in `text`, with its place, if there is one.
    pub fn syntax_error(text: &str) -> Option<(Position, String)> {
        Parser::new_from_str(text).find_map(|item| {
            let err = item.err()?;
            let m = err.marker();
            Some((
                Position {
                    line: m.line(),
                    column: m.col() + 1,
                },
                err.info(),
            ))
        })
    }

    /// Records the node that starts at `pos` under the current path.
    fn record(&mut self, stack: &mut [Frame], names: &mut Vec<String>, pos: Position, opens: bool) {
        let segment = match stack.last_mut() {
            Some(Frame::Map { key }) => {
                let k = key.take().unwrap_or_default();
                format!(".{k}")
            }
            Some(Frame::Seq { next }) => {
                *next += 1;
                format!("[{}]", *next - 1)
            }
            None => String::new(),
        };
        let parent = names.last().cloned().unwrap_or_default();
        let path = format!("{parent}{segment}");
        let path = path.strip_prefix('.').unwrap_or(&path).to_string();
        self.values.entry(path.clone()).or_insert(pos);
        if opens {
            names.push(if path.is_empty() { String::new() } else { path });
        }
    }

    /// Where the value at `path` starts.
    pub fn position(&self, path: &str) -> Option<Position> {
        self.values.get(path).copied()
    }

    /// Where the value at `path` starts, or else the nearest recorded parent.
    pub fn nearest(&self, path: &str) -> Option<Position> {
        let mut p = path;
        loop {
            if let Some(pos) = self.position(p) {
                return Some(pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The path of the last key or node that starts at or before `pos`: the field an error
    /// points into.
    pub fn path_at(&self, pos: Position) -> Option<&str> {
        let idx = self.ordered.partition_point(|(p, _)| *p <= pos);
        idx.checked_sub(1).map(|i| self.ordered[i].1.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "schema: 1\nprojects:\n  - name: 甲\n    indicators:\n      - value: \"≥90%\"\n      - value: 2个\n";

    #[test]
    fn maps_paths_to_places() {
        let m = SourceMap::build(YAML);
        assert_eq!(m.position("schema"), Some(Position { line: 1, column: 9 }));
        assert_eq!(
            m.position("projects[0].name"),
            Some(Position {
                line: 3,
                column: 11
            })
        );
        assert_eq!(
            m.position("projects[0].indicators[1].value"),
            Some(Position {
                line: 6,
                column: 16
            })
        );
        assert_eq!(
            m.nearest("projects[0].indicators[1].basis"),
            m.position("projects[0].indicators[1]")
        );
    }

    #[test]
    fn reports_the_first_syntax_error() {
        assert_eq!(SourceMap::syntax_error(YAML), None);
        let (pos, _) = SourceMap::syntax_error("a: 1\nb: [1, 2\n").unwrap();
        assert_eq!(pos.line, 2);
    }

    #[test]
    fn finds_the_field_at_a_place() {
        let m = SourceMap::build(YAML);
        assert_eq!(
            m.path_at(Position {
                line: 6,
                column: 17
            }),
            Some("projects[0].indicators[1].value")
        );
        assert_eq!(
            m.path_at(Position {
                line: 3,
                column: 11
            }),
            Some("projects[0].name")
        );
        // A key's own place names the key, so an unknown field is named in full.
        assert_eq!(
            m.path_at(Position { line: 5, column: 9 }),
            Some("projects[0].indicators[0].value")
        );
    }
}
