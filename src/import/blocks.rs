//! The common form every source shape is read into: paragraphs and table rows, each with its
//! line in the source, so the recogniser never needs to know where the text came from.

/// A paragraph or a table row of the source document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph outside any table.
    Para {
        /// Its line (1-based) in the source.
        line: usize,
        /// Its text, trimmed.
        text: String,
    },
    /// One row of a table, cell by cell.
    Row {
        /// The line (1-based) of its first cell.
        line: usize,
        /// Cell texts, trimmed; merged or empty cells are empty strings.
        cells: Vec<String>,
    },
}

impl Block {
    /// The source line of this block.
    pub fn line(&self) -> usize {
        match self {
            Block::Para { line, .. } | Block::Row { line, .. } => *line,
        }
    }
}

/// How the text was laid out by the tool that extracted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Word (or .docx): cells intact, one per line or per XML cell.
    Word,
    /// PDF: rows flattened, cells split over lines, spaces inserted at line breaks.
    Pdf,
}

/// Removes the `[bookmark: …]` markers Word text extraction leaves before headings.
pub fn strip_debris(s: &str) -> &str {
    let mut s = s.trim();
    while let Some(rest) = s.strip_prefix("[bookmark:") {
        match rest.find(']') {
            Some(end) => s = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    s
}

/// Reads text extracted from Word: a table cell per tab-indented line, a blank line between
/// rows, and a cell's own line breaks as unindented lines inside the row.
pub fn word_text(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut row_break = false;
    let next_is_cell = |from: usize| {
        lines[from..]
            .iter()
            .find(|l| l.starts_with('\t') || !l.trim().is_empty())
            .is_some_and(|l| l.starts_with('\t'))
    };
    for (i, raw) in lines.iter().enumerate() {
        let no = i + 1;
        if raw.trim().is_empty() && !raw.starts_with('\t') {
            row_break = true;
            continue;
        }
        if let Some(cell) = raw.strip_prefix('\t') {
            let cell = cell.trim_end_matches('\t').trim().to_string();
            match &mut row {
                Some((_, cells)) if !row_break => cells.push(cell),
                _ => {
                    if let Some((line, cells)) = row.take() {
                        blocks.push(Block::Row { line, cells });
                    }
                    row = Some((no, vec![cell]));
                }
            }
            row_break = false;
            continue;
        }
        let text = strip_debris(raw).to_string();
        // An unindented line between cells is a line break inside the last cell, unless it is
        // a heading (a table's title or a part of the document).
        if let Some((_, cells)) = &mut row
            && next_is_cell(i + 1)
            && !is_heading(&text)
        {
            if let Some(last) = cells.last_mut() {
                last.push_str(text.trim());
            }
            row_break = false;
            continue;
        }
        if let Some((line, cells)) = row.take() {
            blocks.push(Block::Row { line, cells });
        }
        row_break = false;
        blocks.push(Block::Para { line: no, text });
    }
    if let Some((line, cells)) = row {
        blocks.push(Block::Row { line, cells });
    }
    blocks
}

/// Reads text extracted from PDF: each line a row whose cells are split by tabs, with the
/// spaces the extraction put between Chinese characters (and between a number and its unit)
/// taken out. Bullets (`- `) added by the extraction are dropped.
pub fn pdf_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if raw.contains('\t') {
            let cells: Vec<String> = raw.split('\t').map(|c| pdf_spaces(c.trim())).collect();
            let last = cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |p| p + 1);
            blocks.push(Block::Row {
                line: no,
                cells: cells[..last].to_vec(),
            });
        } else {
            let t = raw.trim();
            let t = t.strip_prefix("- ").unwrap_or(t);
            blocks.push(Block::Para {
                line: no,
                text: pdf_spaces(t.trim()),
            });
        }
    }
    blocks
}

/// Takes out spaces a PDF extraction inserts: next to a Chinese character or full-width
/// sign, and between a number and `%`.
pub fn pdf_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| **c != ' ').copied();
            let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
            let pct = prev.is_some_and(|p| p.is_ascii_digit()) && next == Some('%');
            if wide(prev) || wide(next) || pct || prev.is_none() || next.is_none() {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The sections of Part 1, in order.
pub const SECTIONS: [&str; 3] = ["总体绩效目标", "分项绩效目标", "工作保障措施"];

/// Which section of Part 1 a heading (whitespace taken out) opens: `一、总体绩效目标` is 0,
/// and so is `总体绩效目标：` (no number, a colon). A bullet an extraction put before it is
/// ignored; a longer line ending so is text.
pub fn section(squeezed: &str) -> Option<usize> {
    let t = squeezed
        .trim_start_matches('-')
        .trim_end_matches(['：', ':']);
    SECTIONS
        .iter()
        .position(|h| t.ends_with(h) && t.chars().count() <= h.chars().count() + 3)
}

/// True for a line that is a heading of the official form: a part (第一部分), a section
/// (一、总体绩效目标) or a project table's title (…绩效目标表).
pub fn is_heading(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with("第一部分")
        || t.starts_with("第二部分")
        || t.ends_with("绩效目标表")
        || section(&t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_broken_over_lines_stays_one_cell() {
        let text = "1.  某项目绩效目标表\n\t项目\n\n编码\n\t————\n\t项目名称\n\t某项目\n\n\t预算数\n\t40万元\n";
        let b = word_text(text);
        assert_eq!(
            b[0],
            Block::Para {
                line: 1,
                text: "1.  某项目绩效目标表".into()
            }
        );
        assert_eq!(
            b[1],
            Block::Row {
                line: 2,
                cells: vec![
                    "项目编码".into(),
                    "————".into(),
                    "项目名称".into(),
                    "某项目".into()
                ]
            }
        );
        assert_eq!(
            b[2],
            Block::Row {
                line: 9,
                cells: vec!["预算数".into(), "40万元".into()]
            }
        );
    }

    #[test]
    fn a_title_between_tables_is_a_paragraph() {
        let text = "\t目标\n\n2.  下一个项目绩效目标表\n\t项目名称\n";
        let b = word_text(text);
        assert!(matches!(&b[1], Block::Para { text, .. } if text.starts_with("2.")));
        assert!(matches!(&b[2], Block::Row { line: 4, .. }));
    }

    #[test]
    fn pdf_spaces_go_between_chinese_and_numbers_only() {
        assert_eq!(pdf_spaces("质量强 县工作"), "质量强县工作");
        assert_eq!(pdf_spaces("≥650 批次"), "≥650批次");
        assert_eq!(pdf_spaces("2024 年底 前"), "2024年底前");
        assert_eq!(pdf_spaces("100 %"), "100%");
        assert_eq!(pdf_spaces("13052924P0 2E"), "13052924P0 2E");
    }

    #[test]
    fn bookmarks_are_debris() {
        assert_eq!(
            strip_debris("[bookmark: _Toc_2_2_1]一、总体绩效目标"),
            "一、总体绩效目标"
        );
    }
}
