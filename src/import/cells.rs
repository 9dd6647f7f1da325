//! Text of any layout → lines → cells. A line is split by what separates its cells: pipes
//! (markdown or a web table copied as text; a full-width ｜ too), tabs, or runs of spaces; a line with none is one
//! cell (a cell per line, or cells glued together). Spacing that only looks different
//! (no-break and full-width spaces) is made plain, and each line where that happened is noted.

use super::report::Note;
use super::vocab;
use crate::messages::ImportText;

/// One non-blank source line and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    /// Leading spaces (a tree laid out by indentation uses them).
    pub indent: usize,
    /// Its non-empty cells, trimmed, in order.
    pub cells: Vec<String>,
}

/// What separates cells, decided per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `|`, as in markdown tables and web tables copied as text.
    Pipe,
    /// A tab.
    Tab,
    /// Runs of spaces.
    Space,
    /// Nothing: the line is one cell.
    None,
}

/// The separator of a line.
pub fn separator(line: &str) -> Separator {
    let t = line.trim();
    if t.contains('|') {
        Separator::Pipe
    } else if t.contains('\t') {
        Separator::Tab
    } else if t.contains(' ') {
        Separator::Space
    } else {
        Separator::None
    }
}

/// No-break and full-width spaces made plain (the count is reported).
fn plain_spaces(s: &str) -> (String, usize) {
    let mut n = 0;
    let out = s
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{200b}' => {
                n += 1;
                ' '
            }
            c => c,
        })
        .collect();
    (out, n)
}

/// One cell of the source and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tok {
    /// 1-based line of the source.
    pub(super) line: usize,
    /// The cell's text.
    pub(super) text: String,
}

/// Splits every non-blank line into cells, noting where spacing was made plain.
pub fn lines(text: &str, notes: &mut Vec<Note>) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let (line, spaces) = plain_spaces(raw);
        if spaces > 0 && !line.trim().is_empty() {
            notes.push(Note {
                line: i + 1,
                what: ImportText::WideSpaces { count: spaces },
            });
        }
        let wide = line.chars().filter(|c| ('０'..='９').contains(c)).count();
        if wide > 0 {
            notes.push(Note {
                line: i + 1,
                what: ImportText::WideDigits { count: wide },
            });
        }
        // A full-width bar (｜, typed with a Chinese input method) separates cells as `|`.
        let line = if line.contains('｜') {
            line.replace('｜', "|")
        } else {
            line
        };
        let indent = line.len() - line.trim_start_matches(' ').len();
        let cells: Vec<String> = match separator(&line) {
            Separator::Pipe => line.split('|').map(str::to_string).collect(),
            Separator::Tab => line.split('\t').map(str::to_string).collect(),
            Separator::Space => line.split_whitespace().map(str::to_string).collect(),
            Separator::None => vec![line.clone()],
        };
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        out.push(Line {
            no: i + 1,
            indent,
            cells: join_broken(cells),
        });
    }
    out
}

/// Puts back words a layout broke into pieces: `产 出 指 标` (spaced out), `数量` `指标`,
/// `一级` `指标`. Two neighbouring cells join when together they make a level word or a
/// header label, or when both are single Chinese characters.
pub fn join_broken(cells: Vec<String>) -> Vec<String> {
    // Each cell with whether it was built from spaced-out single characters.
    let mut out: Vec<(String, bool)> = Vec::new();
    let single = |s: &str| s.chars().count() == 1 && s.chars().all(is_han);
    for c in cells {
        if let Some((prev, spaced)) = out.last_mut() {
            let joined = format!("{prev}{c}");
            let spaced_out = single(&c) && (single(prev) || (*spaced && prev_spaced(prev)));
            if vocab::level(&joined, false).is_some() || is_header_word(&joined) || spaced_out {
                *spaced = spaced_out || *spaced;
                *prev = joined;
                continue;
            }
        }
        let s = single(&c);
        out.push((c, s));
    }
    out.into_iter().map(|c| c.0).collect()
}

/// A cell built from spaced-out characters so far (all Chinese, short).
fn prev_spaced(s: &str) -> bool {
    s.chars().count() <= 8 && s.chars().all(is_han)
}

/// A Chinese character.
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words of the indicator table's header.
pub fn is_header_word(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "一级指标"
            | "二级指标"
            | "三级指标"
            | "指标值"
            | "绩效指标"
            | "年度指标值"
            | "总体目标"
            | "年度目标"
            | "实际完成值"
            | "偏差原因分析及改进措施"
            | "绩效目标"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        lines(text, &mut Vec::new())
            .into_iter()
            .map(|l| l.cells)
            .collect()
    }

    #[test]
    fn each_separator_gives_cells() {
        assert_eq!(
            cells("| 产出指标 | 数量指标 | 学生受资助人数 | ≧ | 735 |"),
            vec![vec!["产出指标", "数量指标", "学生受资助人数", "≧", "735"]]
        );
        assert_eq!(cells("a\tb\t\tc"), vec![vec!["a", "b", "c"]]);
        assert_eq!(
            cells("产出指标｜数量指标｜建设所数｜≥5个"),
            vec![vec!["产出指标", "数量指标", "建设所数", "≥5个"]]
        );
        assert_eq!(
            cells("产出指标 数量指标 签约康复人数 ≥18000人"),
            vec![vec!["产出指标", "数量指标", "签约康复人数", "≥18000人"]]
        );
        assert_eq!(
            cells("质量指标校舍维修改造质量合格率100%"),
            vec![vec!["质量指标校舍维修改造质量合格率100%"]]
        );
    }

    #[test]
    fn broken_words_are_put_back() {
        assert_eq!(cells("产 出 指 标 (50分)"), vec![vec!["产出指标(50分)"]]);
        assert_eq!(
            cells("经济效益 指标 | 减轻"),
            vec![vec!["经济效益 指标", "减轻"]]
        );
        let mut notes = Vec::new();
        let l = lines("\u{3000}\u{3000}目标 一", &mut notes);
        assert_eq!(l[0].indent, 2);
        assert_eq!(notes.len(), 1);
    }
}
