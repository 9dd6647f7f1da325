//! Page breaks inside one table, as a form printed to PDF or Word and copied back keeps
//! them: a page's footer or header (`第 1 页 共 2 页`, `- 2 -`) or a `续表` mark between two
//! rows, and the table's header row printed again at the top of the next page. Neither is
//! the form's: the footer is no indicator and the repeated header starts no new table.
//! [`strip`] blanks both out of a text (the line numbers stay), for every reader, and says
//! which lines it blanked; with them the other lines around a table that are none of its
//! rows ([`margins`]): captions, and the signatures at the form's foot, set aside.

use super::cells;
use super::margins::{self, Margin};
use super::report::Note;
use crate::messages::ImportText;
use regex::Regex;
use std::sync::LazyLock;

/// Words that head a column of the indicator table, besides [`cells::is_header_word`].
const COLUMN_WORDS: [&str; 31] = [
    "指标性质",
    "度量单位",
    "计量单位",
    "单位",
    "指标方向",
    "比较符号",
    "符号",
    "运算符",
    "权重",
    "分值",
    "指标权重",
    "备注",
    "指标值确定依据",
    "确定依据",
    "绩效指标描述",
    "指标内容",
    "指标解释",
    "定量/定性",
    "定性/定量",
    "评分标准",
    "指标名称",
    "项目名称",
    "预算数",
    "年度指标值（包含数字及文字描述）",
    "年度",
    "预算年度",
    "项目编码",
    "预算单位",
    "财政资金",
    "其他资金",
    "预算金额",
];

/// The text without spaces.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line that is only a page number: `第 1 页 共 2 页`, `共2页 第1页`, `第1页/共2页`,
/// `- 2 -`, `— 2 —`, `Page 1 of 2`.
pub fn is_page_number(line: &str) -> bool {
    static P: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
                第\d+页(?:[,，/、]?共\d+页)?
              | 共\d+页[,，/、]?第\d+页
              | [-—–]\d+[-—–]
              | page\d+(?:of\d+)?
            )$",
        )
        .unwrap()
    });
    let s: String = super::vocab::ascii_digits(&squeeze(line))
        .chars()
        .filter(|c| !matches!(c, '|' | '｜'))
        .collect();
    P.is_match(&s)
}

/// A cell that heads a column of the indicator table.
fn is_column_word(cell: &str) -> bool {
    let s = squeeze(cell);
    let bare = match s.find(['（', '(']) {
        Some(at) if at > 0 && s.ends_with(['）', ')']) => &s[..at],
        _ => s.as_str(),
    };
    cells::is_header_word(&s) || COLUMN_WORDS.contains(&s.as_str()) || COLUMN_WORDS.contains(&bare)
}

/// The indicator table's header row ([`headers`]): one line for a row kept on a line;
/// several lines when each cell has its own (Word's text).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    /// The lines, first and last (1-based).
    first: usize,
    last: usize,
    /// Its cells, without spaces.
    cells: Vec<String>,
}

/// Finds every header row of `lines`: a line of cells of which two at least are the table's
/// own words and half at least head columns (a sheet may add columns of its own: 年度,
/// 预算单位…); or, in Word's text, a run of lines of one cell each, all heading columns.
fn headers(lines: &[cells::Line]) -> Vec<Header> {
    let own = |cs: &[String]| cs.iter().filter(|c| cells::is_header_word(c)).count();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if l.cells.len() >= 2 {
            let words = l.cells.iter().filter(|c| is_column_word(c)).count();
            if own(&l.cells) >= 2 && words * 2 >= l.cells.len() {
                out.push(Header {
                    first: l.no,
                    last: l.no,
                    cells: l.cells.iter().map(|c| squeeze(c)).collect(),
                });
            }
            i += 1;
            continue;
        }
        // Consecutive lines of one cell (no other line between), each heading a column.
        let mut j = i;
        let mut run: Vec<String> = Vec::new();
        while j < lines.len()
            && lines[j].cells.len() == 1
            && is_column_word(&lines[j].cells[0])
            && (j == i || lines[j].no == lines[j - 1].no + 1)
        {
            run.push(squeeze(&lines[j].cells[0]));
            j += 1;
        }
        if j > i && own(&run) >= 2 {
            out.push(Header {
                first: lines[i].no,
                last: lines[j - 1].no,
                cells: run,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// `text` with the page numbers and the header rows a page break repeated blanked out
/// (each line left empty, so that every other line keeps its number), and a note for each.
///
/// A header row is a page's repeat when it is the same as the header row before it and only
/// indicator rows, blank lines and page numbers stand between the two: a line that is no
/// row of the table (a project's name, its funds, its goals) starts another table, whose
/// header is its own. Such a line holds a single cell or none of the table's values; an
/// indicator row holds several cells, or (in Word's text, a cell a line) is bounded by the
/// same header cells.
pub fn strip(text: &str) -> Paged {
    let lines = cells::lines(text, &mut Vec::new());
    let raw: Vec<&str> = text.lines().collect();
    let mut blank: Vec<(usize, usize, ImportText)> = Vec::new();
    let mut set_aside: Vec<Note> = Vec::new();
    let mut rewritten: Vec<(usize, String)> = Vec::new();
    // Lines that stand between two rows of one table as a page number does.
    let mut marks: Vec<usize> = Vec::new();
    let around: Vec<Option<Margin>> = (lines.iter())
        .map(|l| margins::of(raw.get(l.no - 1).copied().unwrap_or(""), l.cells.len()))
        .collect();
    let signer = |i: usize| {
        matches!(
            around.get(i),
            Some(Some(Margin::Signed { signer: true, .. }))
        )
    };
    for (i, l) in lines.iter().enumerate() {
        if is_page_number(&l.cells.join("")) {
            blank.push((l.no, l.no, ImportText::PageNumberSkipped));
            marks.push(l.no);
            continue;
        }
        match &around[i] {
            Some(Margin::Continued) => {
                blank.push((l.no, l.no, ImportText::ContinuedTableSkipped));
                marks.push(l.no);
            }
            // A caption naming the form keeps its title, which readers take as the form's.
            Some(Margin::Caption { number, title }) if title.contains('表') => {
                rewritten.push((l.no, title.clone()));
                blank.push((
                    l.no,
                    l.no,
                    ImportText::CaptionNumberDropped {
                        number: number.clone(),
                        title: title.clone(),
                    },
                ));
            }
            Some(Margin::Caption { number, .. }) => blank.push((
                l.no,
                l.no,
                ImportText::CaptionSkipped {
                    number: number.clone(),
                },
            )),
            // A telephone or a contact alone is the foot's only beside a signed line.
            Some(Margin::Signed {
                fields,
                signer: s,
                kept,
            }) if *s || signer(i.wrapping_sub(1)) || signer(i + 1) => {
                // A field of the form before the signatures stays, alone on its line.
                if let Some(kept) = kept {
                    rewritten.push((l.no, kept.clone()));
                }
                set_aside.push(Note {
                    line: l.no,
                    what: ImportText::SignedSetAside {
                        fields: fields.clone(),
                    },
                });
            }
            _ => {}
        }
    }
    let hs = headers(&lines);
    for w in hs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.cells != b.cells {
            continue;
        }
        // What stands between: only indicator rows, page numbers and 续表 marks.
        let mut between = lines.iter().filter(|l| l.no > a.last && l.no < b.first);
        let only_rows = between.all(|l| {
            marks.contains(&l.no)
                || (!is_form_label(&l.cells[0]) && (l.cells.len() >= 3 || a.last > a.first))
        });
        if only_rows {
            blank.push((
                b.first,
                b.last,
                ImportText::RepeatedHeaderSkipped { first: a.first },
            ));
        }
    }
    if blank.is_empty() && set_aside.is_empty() {
        return Paged {
            text: text.to_string(),
            notes: Vec::new(),
            set_aside,
            lines: Vec::new(),
            rewritten,
        };
    }
    blank.sort_by_key(|b| b.0);
    let mut lines: Vec<usize> = (blank.iter())
        .filter(|(f, _, _)| !rewritten.iter().any(|(r, _)| r == f))
        .flat_map(|(f, l, _)| *f..=*l)
        .chain(set_aside.iter().map(|n| n.line))
        .filter(|l| !rewritten.iter().any(|(r, _)| r == l))
        .collect();
    lines.sort_unstable();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if let Some((_, title)) = rewritten.iter().find(|(r, _)| *r == i + 1) {
            out.push_str(title);
        } else if !lines.contains(&(i + 1)) {
            out.push_str(line);
        }
        out.push('\n');
    }
    let notes = blank
        .into_iter()
        .map(|(line, _, what)| Note { line, what })
        .collect();
    Paged {
        text: out,
        notes,
        set_aside,
        lines,
        rewritten,
    }
}

/// A text without its page breaks ([`strip`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged {
    /// The text, the lines left out blank (every other line keeps its number).
    pub text: String,
    /// A note for each page number, 续表 mark, caption and repeated header (at its first
    /// line).
    pub notes: Vec<Note>,
    /// The lines signed at the form's foot ([`Margin::Signed`]), each left out (or only
    /// its signed fields, after a field of the form) and set aside with its fields.
    pub set_aside: Vec<Note>,
    /// Every line left out (1-based): a header in Word's text spans several.
    pub lines: Vec<usize>,
    /// Lines read otherwise than written: a caption naming the form, as its title
    /// (`表1 2024年度…绩效目标表` → `2024年度…绩效目标表`); a field of the form followed by
    /// signatures, as the field alone.
    pub rewritten: Vec<(usize, String)>,
}

impl Paged {
    /// Tells the draft read from [`Paged::text`] what was left out of it: a note for each
    /// page number, mark, caption and repeated header, and each signed line set aside.
    pub fn annotate(&self, d: &mut super::draft::Draft) {
        for n in &self.notes {
            d.note(n.line, n.what.clone());
        }
        for n in &self.set_aside {
            d.set_aside(n.line, n.what.clone());
        }
    }
}

/// A line that labels a project's facts in the form (项目名称, 项目资金, 年度目标…): it starts
/// another table, never continues one.
fn is_form_label(cell: &str) -> bool {
    let s = squeeze(cell);
    [
        "项目名称",
        "项目编码",
        "主管部门",
        "实施单位",
        "项目资金",
        "资金总额",
        "年度资金",
        "年度总体目标",
        "总体目标",
        "年度目标",
        "绩效目标",
        "部门名称",
        "单位名称",
    ]
    .iter()
    .any(|w| s.starts_with(w))
}

/// The page numbers and the header rows a page break repeated among the rows of a sheet
/// (one indicator per row): the same rule as [`strip`], on cells; `lines` are the 1-based
/// numbers of the rows to leave out.
pub fn strip_rows(rows: &[Vec<String>]) -> Paged {
    let text: String = rows
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.iter().map(|c| c.trim()).collect();
            format!("| {} |\n", cells.join(" | "))
        })
        .collect();
    strip(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for p in [
            "第 1 页 共 2 页",
            "第1页，共2页",
            "共 2 页 第 1 页",
            "- 2 -",
            "— 12 —",
            "| 第 1 页 共 2 页 | | |",
            "第１页",
            "Page 3 of 7",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for not in [
            "第1页共2页的说明",
            "第二季度",
            "2024",
            "完成时间 第4季度",
            "12",
        ] {
            assert!(!is_page_number(not), "{not}");
        }
    }

    const HEAD: &str = "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位";

    #[test]
    fn a_header_repeated_after_a_page_break_is_blanked_with_the_page_number() {
        let text = format!(
            "项目名称 | 乡镇所建设\n{HEAD}\n产出指标 | 数量指标 | 所数 | ≥ | 5 | 个\n\
             第 1 页 共 2 页\n{HEAD}\n产出指标 | 质量指标 | 合格率 | ≥ | 95 | %\n"
        );
        let Paged {
            text: out, notes, ..
        } = strip(&text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 6, "line numbers stay");
        assert_eq!(lines[3], "");
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], "产出指标 | 质量指标 | 合格率 | ≥ | 95 | %");
        let at: Vec<usize> = notes.iter().map(|n| n.line).collect();
        assert_eq!(at, [4, 5]);
    }

    #[test]
    fn each_projects_own_header_is_kept() {
        let text = format!(
            "项目名称 | 甲\n{HEAD}\n产出指标 | 数量指标 | 所数 | ≥ | 5 | 个\n\
             项目名称 | 乙\n{HEAD}\n产出指标 | 质量指标 | 合格率 | ≥ | 95 | %\n"
        );
        let Paged {
            text: out, notes, ..
        } = strip(&text);
        assert_eq!(out, text);
        assert!(notes.is_empty());
    }

    #[test]
    fn a_header_in_words_text_a_cell_a_line_is_one_header() {
        let head = "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n";
        let row = "\t产出指标\n\t数量指标\n\t所数\n\t5个\n";
        let text = format!("项目名称\n甲\n{head}{row}- 1 -\n{head}{row}");
        let Paged {
            text: out,
            notes,
            lines,
            ..
        } = strip(&text);
        assert_eq!(notes.len(), 2, "the page number and the header: {notes:?}");
        assert_eq!(lines, [11, 12, 13, 14, 15], "{notes:?}");
        assert_eq!(out.lines().filter(|l| l.contains("一级指标")).count(), 1);
        assert_eq!(out.lines().filter(|l| l.contains("产出指标")).count(), 2);
    }
}
