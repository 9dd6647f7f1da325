//! From paragraphs and rows to a draft: finds the parts of the official form (总体绩效目标,
//! 分项绩效目标, 工作保障措施, each 绩效目标表) by their headings and labels, never by the
//! particular file. Every guess becomes a note; a cell it cannot read is left empty.

use super::blocks::{Block, Layout, is_heading, section};
use super::draft::{
    Draft, Indicator, Milestone, Overall, Project, Region, Safeguard, SubGoal, Unit,
};
use crate::messages::ImportText;
use regex::Regex;
use std::sync::LazyLock;

/// 二级指标 of the official vocabulary, with the 一级指标 each belongs to.
const LEVEL2: [(&str, &str); 9] = [
    ("数量指标", "产出指标"),
    ("质量指标", "产出指标"),
    ("时效指标", "产出指标"),
    ("成本指标", "产出指标"),
    ("经济效益指标", "效益指标"),
    ("社会效益指标", "效益指标"),
    ("生态效益指标", "效益指标"),
    ("可持续影响指标", "效益指标"),
    ("服务对象满意度指标", "满意度指标"),
];

/// 一级指标 names as they appear in the documents.
const LEVEL1: [&str; 4] = ["产出指标", "效益指标", "效果指标", "满意度指标"];

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[、.．]|[(（]\d+[)）])")
        .unwrap()
});
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\s*[.．、]?\s*(.+?)绩效目标表$").unwrap());
static UNIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{6})\s*(\S.*)$").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d)\s*年").unwrap());
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)?)(万元)?$").unwrap());
static GOAL_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^目标\d+$").unwrap());
static CODE_HEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{8}P\d(\d{9})?$").unwrap());

/// Reads a whole document. `source` is the file name written into the draft.
pub fn document(blocks: &[Block], layout: Layout, source: &str) -> Draft {
    let mut d = Draft {
        schema: 1,
        ..Draft::default()
    };
    d.document.source = source.to_string();
    d.document.status = "未注明";
    let tables = table_starts(blocks);
    let part1_end = tables.first().map_or(blocks.len(), |t| t.start);
    front_matter(&mut d, &blocks[..part1_end]);
    part1(&mut d, &blocks[..part1_end], layout);
    for (n, t) in tables.iter().enumerate() {
        let end = tables.get(n + 1).map_or(blocks.len(), |t| t.start);
        let p = project(&mut d, &blocks[t.start..end], layout, t);
        d.projects.push(p);
    }
    finish(&mut d, blocks);
    d
}

/// Fills in what follows from the tables: the department and region, and the year.
pub fn finish(d: &mut Draft, blocks: &[Block]) {
    department(d);
    if d.document.year == 0 {
        year(d, blocks);
    }
}

/// Whitespace taken out and colons made full-width, for comparing labels.
fn label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ':' { '：' } else { c })
        .collect()
}

/// Where a project table starts, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableStart {
    /// Its first block: the title, or the first row when the title is missing.
    pub start: usize,
    /// The number in its title, else its place among the tables.
    pub number: usize,
    /// The name in its title (before 绩效目标表); None when the table has no title.
    pub title: Option<String>,
}

/// True for a row holding the 项目名称 or 项目编码 label: every project table has one.
fn is_anchor(b: &Block) -> bool {
    match b {
        Block::Row { cells, .. } => cells.iter().any(|c| {
            let l = label(c);
            l == "项目名称" || l == "项目编码"
        }),
        Block::Para { .. } => false,
    }
}

/// Where each project table starts. A numbered title (`1.…绩效目标表`) starts one; so does a
/// table found by its structure when its title is missing: a 项目名称/项目编码 row that no
/// title covers (the rows just above it, such as the unit row, belong to it).
fn table_starts(blocks: &[Block]) -> Vec<TableStart> {
    let mut out: Vec<TableStart> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Para { text, .. } = b {
            let t = label(text);
            if let Some(c) = TITLE.captures(&t) {
                out.push(TableStart {
                    start: i,
                    number: c[1].parse().unwrap_or(out.len() + 1),
                    title: Some(c[2].to_string()),
                });
            }
        }
    }
    // A title covers the first anchor after it; any other anchor starts an untitled table.
    let mut untitled = Vec::new();
    let mut covered = vec![false; out.len()];
    for (i, b) in blocks.iter().enumerate() {
        if !is_anchor(b) {
            continue;
        }
        // Rows just above belong to this table (the unit row, 单位：万元), as long as they are
        // not the previous anchor's rows.
        let owner = out.iter().rposition(|t| t.start < i);
        let rows_up = |mut s: usize| {
            while s > 0 && matches!(blocks[s - 1], Block::Row { .. }) && !is_anchor(&blocks[s - 1])
            {
                s -= 1;
            }
            s
        };
        match owner {
            Some(o) if !covered[o] => {
                let between_anchor = blocks[out[o].start..i].iter().any(is_anchor);
                if between_anchor {
                    untitled.push(rows_up(i));
                } else {
                    covered[o] = true;
                }
            }
            _ => {
                let prev_anchor = blocks[..i].iter().rposition(is_anchor);
                // Two anchors in one table (项目编码 and 项目名称 on separate rows) are one table.
                let same_table = prev_anchor.is_some_and(|p| {
                    !blocks[p..i].iter().any(|b| match b {
                        Block::Row { cells, .. } => cells.iter().any(|c| label(c) == "一级指标"),
                        Block::Para { text, .. } => label(text).contains("一级指标"),
                    })
                });
                if !same_table {
                    untitled.push(rows_up(i));
                }
            }
        }
    }
    for start in untitled {
        out.push(TableStart {
            start,
            number: 0,
            title: None,
        });
    }
    out.sort_by_key(|t| t.start);
    out.dedup_by_key(|t| t.start);
    for (n, t) in out.iter_mut().enumerate() {
        if t.title.is_none() {
            t.number = n + 1;
        }
    }
    out
}

/// The title, compiler and reviewer printed above Part 1.
fn front_matter(d: &mut Draft, blocks: &[Block]) {
    for b in blocks {
        let Block::Para { text, line } = b else {
            continue;
        };
        if is_heading(text) || text.starts_with("一、") {
            break;
        }
        if let Some((by, rest)) = text.split_once("编制")
            && let Some(rev) = rest.trim().strip_suffix("审核")
        {
            d.document.compiled_by = Some(by.trim().to_string());
            d.document.reviewed_by = Some(rev.trim().to_string());
        } else if d.document.title.is_none() && text.contains("绩效") {
            d.document.title = Some(text.clone());
            if text.contains("草案") {
                d.document.status = "草案";
                d.note(*line, ImportText::DraftTitle);
            }
        }
    }
}

/// Paragraphs of Part 1, section by section.
fn part1(d: &mut Draft, blocks: &[Block], layout: Layout) {
    let mut current = None;
    let mut paras: [Vec<(usize, String)>; 3] = Default::default();
    for b in blocks {
        let Block::Para { line, text } = b else {
            continue;
        };
        let t = label(text);
        if let Some(s) = section(&t) {
            current = Some(s);
            continue;
        }
        if t.starts_with("第二部分") {
            current = None;
        }
        if current.is_none() || t.is_empty() {
            continue;
        }
        if let Some(s) = current {
            let list = &mut paras[s];
            // A PDF breaks a long paragraph at the page's edge: a full line that does not end
            // a sentence continues on the next, unnumbered one.
            if layout == Layout::Pdf
                && let Some((_, prev)) = list.last_mut()
                && prev.chars().count() >= 30
                && !prev.ends_with(['。', '；', ';', '：', ':', '！', '？'])
                && !NUMBERED.is_match(text)
            {
                prev.push_str(text);
                continue;
            }
            list.push((*line, text.clone()));
        }
    }
    let [overall, sub, safe] = paras;
    for (head, rest) in groups(&overall) {
        let mut o = Overall::default();
        match (head, rest.len()) {
            (None, _) => o.text = Some(join(&rest)),
            (Some(h), 0) => o.text = Some(h.to_string()),
            (Some(h), 1) => {
                o.title = Some(h.to_string());
                o.text = Some(rest[0].clone());
            }
            (Some(h), _) => {
                o.title = Some(h.to_string());
                o.items = rest.to_vec();
            }
        }
        d.part1.overall.push(o);
    }
    for (head, rest) in groups(&sub) {
        let mut g = SubGoal::default();
        let mut goal = Vec::new();
        for r in &rest {
            if let Some(t) = r.strip_prefix("绩效目标：") {
                goal.push(t.to_string());
            } else if let Some(t) = r.strip_prefix("绩效指标：") {
                g.indicators = Some(t.to_string());
            } else {
                goal.push(r.clone());
            }
        }
        match head {
            Some(h) if rest.is_empty() => (g.title, g.goal) = split_title(h),
            Some(h) => g.title = Some(h.to_string()),
            None => {}
        }
        if !goal.is_empty() {
            g.goal = Some(join(&goal));
        }
        d.part1.sub_goals.push(g);
    }
    for (head, rest) in groups(&safe) {
        let mut s = Safeguard::default();
        match head {
            Some(h) if rest.is_empty() => (s.title, s.text) = split_title(h),
            Some(h) => {
                s.title = Some(h.to_string());
                s.text = Some(join(&rest));
            }
            None => s.text = Some(join(&rest)),
        }
        d.part1.safeguards.push(s);
    }
}

/// Paragraphs grouped under their numbered heads; text before the first head has none.
fn groups(paras: &[(usize, String)]) -> Vec<(Option<&str>, Vec<String>)> {
    let mut out: Vec<(Option<&str>, Vec<String>)> = Vec::new();
    for (_, p) in paras {
        if NUMBERED.is_match(p) {
            out.push((Some(p), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(p.clone());
        } else {
            out.push((None, vec![p.clone()]));
        }
    }
    out
}

/// Splits `（一）完善制度建设。制定……` into its heading and text when the first sentence is
/// a short heading (no comma); otherwise all of it is text.
fn split_title(s: &str) -> (Option<String>, Option<String>) {
    if let Some(end) = s.find('。') {
        let head = &s[..end + '。'.len_utf8()];
        let rest = s[head.len()..].trim();
        if !rest.is_empty() && head.chars().count() <= 30 && !head.contains(['，', ',', '；', ';'])
        {
            return (Some(head.to_string()), Some(rest.to_string()));
        }
    }
    (None, Some(s.to_string()))
}

fn join(paras: &[String]) -> String {
    paras.join("\n\n")
}

/// Rows of one table as cell lists (a paragraph inside it is a one-cell row).
fn rows(blocks: &[Block]) -> Vec<(usize, Vec<String>)> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Row { line, cells } => (*line, cells.clone()),
            Block::Para { line, text } => (*line, vec![text.clone()]),
        })
        .collect()
}

/// One 绩效目标表.
fn project(d: &mut Draft, blocks: &[Block], layout: Layout, start: &TableStart) -> Project {
    let title_line = blocks[0].line();
    let number = start.number;
    let rows = rows(if start.title.is_some() {
        &blocks[1..]
    } else {
        blocks
    });
    let mut p = Project::default();
    let mut name_cell = None;
    let mut header = None;
    let mut i = 0;
    while i < rows.len() {
        let (line, cells) = &rows[i];
        let labels: Vec<String> = cells.iter().map(|c| label(c)).collect();
        if labels.iter().any(|l| l == "一级指标") && labels.iter().any(|l| l == "三级指标")
        {
            header = Some(i);
            break;
        }
        if p.unit.is_none()
            && let Some(c) = cells.iter().find_map(|c| UNIT.captures(c.trim()))
            && !c[2].contains("单位")
        {
            let (code, name) = (c[1].to_string(), c[2].trim().to_string());
            if !d.department.units.iter().any(|u| u.code == code) {
                d.department.units.push(Unit {
                    code: code.clone(),
                    name,
                });
            }
            p.unit = Some(code);
        }
        let next = |j: usize| cells.get(j + 1).map(|c| c.trim()).unwrap_or("");
        for (j, l) in labels.iter().enumerate() {
            match l.as_str() {
                "项目编码" => p.code = code(d, *line, &rows[i.saturating_sub(1)..=i], next(j)),
                "项目名称" => name_cell = Some(next(j).to_string()).filter(|s| !s.is_empty()),
                "预算数" => p.amounts.total = amount(d, *line, "预算数", next(j)),
                "其中：财政资金" | "其中：财政" => {
                    p.amounts.fiscal = amount(d, *line, "财政资金", next(j))
                }
                "资金" if j >= 2 && labels[j - 2] == "预算数" => {
                    p.amounts.fiscal = amount(d, *line, "财政资金", next(j))
                }
                "其他资金" => p.amounts.other = amount(d, *line, "其他资金", next(j)),
                _ => {}
            }
        }
        let first = labels.first().map(String::as_str).unwrap_or("");
        if first.starts_with("资金支出计") {
            let plan = rows.get(i + 1).map(|r| r.1.as_slice()).unwrap_or(&[]);
            p.spending_plan = spending_plan(d, *line, layout, &cells[1..], plan);
            i += 2;
            continue;
        }
        if first == "绩效目标" || (layout == Layout::Pdf && labels.iter().any(|l| l == "绩效目标"))
        {
            let mut texts: Vec<&str> = Vec::new();
            let mut k = i;
            while k < rows.len() {
                let ls: Vec<String> = rows[k].1.iter().map(|c| label(c)).collect();
                if ls.iter().any(|l| l == "一级指标") {
                    break;
                }
                texts.extend(
                    rows[k]
                        .1
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty() && *c != "绩效目标" && !GOAL_LABEL.is_match(c)),
                );
                k += 1;
            }
            p.goals = goals(d, *line, layout, &texts);
            i = k;
            continue;
        }
        if p.amounts.total.is_some()
            && p.purpose.is_none()
            && p.spending_plan.is_empty()
            && !labels.iter().any(|l| l == "预算数")
            && (first.is_empty() || first.contains("资金用途") || layout == Layout::Pdf)
        {
            let mut pieces: Vec<&str> = cells[1..].iter().map(|c| c.trim()).collect();
            // In a PDF the cell goes on over the next lines, each with an empty first column.
            while layout == Layout::Pdf
                && let Some((_, more)) = rows.get(i + 1)
                && more.first().is_some_and(|c| c.trim().is_empty())
            {
                pieces.extend(more.iter().map(|c| c.trim()));
                i += 1;
            }
            let text = match layout {
                Layout::Word => pieces.concat(),
                Layout::Pdf => join_wrapped(pieces.into_iter()),
            };
            if !text.is_empty() {
                if layout == Layout::Pdf {
                    d.note(*line, ImportText::PurposeJoined { text: text.clone() });
                }
                p.purpose = Some(text);
            }
        }
        i += 1;
    }
    let from_title = start
        .title
        .as_deref()
        .unwrap_or_default()
        .trim_end_matches("项目")
        .to_string();
    if start.title.is_none() {
        d.note(title_line, ImportText::NoTableTitle { number });
    }
    p.name = match (layout, name_cell) {
        (Layout::Word, Some(n)) => n,
        (_, Some(n)) if start.title.is_none() => n,
        (_, cell) => {
            if cell.as_deref().is_some_and(|c| label(c) != from_title) {
                d.note(
                    title_line,
                    ImportText::NameFromTableTitle {
                        title: from_title.to_string(),
                        cell: cell.unwrap_or_default().to_string(),
                    },
                );
            }
            from_title
        }
    };
    if p.amounts.total.is_none() {
        d.note(
            title_line,
            ImportText::NoBudget {
                project: p.name.clone(),
            },
        );
    }
    if p.code.is_none() {
        p.id = Some(format!("project-{number}"));
        d.note(
            title_line,
            ImportText::NoCode {
                project: p.name.clone(),
                number,
            },
        );
    }
    if let Some(h) = header {
        p.indicators = match layout {
            Layout::Word => word_indicators(d, &rows[h..]),
            Layout::Pdf => pdf_indicators(d, &rows[h..]),
        };
    } else {
        d.note(
            title_line,
            ImportText::NoIndicatorHeader {
                project: p.name.clone(),
            },
        );
    }
    p
}

/// A project code: as written in the cell, or, in a PDF, put together from the pieces the
/// layout split it into (`13052924P0`, nine digits, two characters).
fn code(d: &mut Draft, line: usize, rows: &[(usize, Vec<String>)], cell: &str) -> Option<String> {
    let c: String = cell.split_whitespace().collect();
    if c.len() >= 15 && c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Some(c);
    }
    if c.chars().all(|ch| matches!(ch, '—' | '-' | '－')) && !c.is_empty() {
        d.note(
            line,
            ImportText::CodeUnfilled {
                written: c.to_string(),
            },
        );
        return None;
    }
    let (mut head, mut nine, mut tail) = (None, None, None);
    // The code row itself first, then the row above it.
    for (_, cells) in rows.iter().rev() {
        for tok in cells.iter().flat_map(|c| c.split_whitespace()) {
            if CODE_HEAD.is_match(tok) {
                head.get_or_insert(tok.to_string());
            } else if tok.len() == 9 && tok.bytes().all(|b| b.is_ascii_digit()) {
                nine.get_or_insert(tok.to_string());
            } else if tok.len() == 2
                && tok
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
            {
                tail.get_or_insert(tok.to_string());
            }
        }
    }
    let assembled = match (head, nine, tail) {
        (Some(h), Some(n), Some(t)) if h.len() == 10 => Some(format!("{h}{n}{t}")),
        (Some(h), _, Some(t)) if h.len() == 19 => Some(format!("{h}{t}")),
        _ => None,
    };
    match &assembled {
        Some(code) => d.note(
            line,
            ImportText::CodeAssembled {
                code: code.to_string(),
            },
        ),
        None if !c.is_empty() => d.note(
            line,
            ImportText::CodeIncomplete {
                written: c.to_string(),
            },
        ),
        None => {}
    }
    assembled
}

/// An amount in 万元: the number as written, `40万元` read as 40 (noted).
fn amount(d: &mut Draft, line: usize, what: &str, cell: &str) -> Option<String> {
    let c: String = cell.split_whitespace().collect();
    if c.is_empty() {
        return None;
    }
    match AMOUNT.captures(&c) {
        Some(m) => {
            if m.get(2).is_some() {
                d.note(
                    line,
                    ImportText::AmountWithUnit {
                        label: what.to_string(),
                        written: c.to_string(),
                        number: m[1].to_string(),
                    },
                );
            }
            Some(m[1].to_string())
        }
        None => {
            d.note(
                line,
                ImportText::AmountNotANumber {
                    label: what.to_string(),
                    written: c.to_string(),
                },
            );
            None
        }
    }
}

/// The spending plan: the months row and the percent row below it. In a PDF a cell may be
/// split into pieces (`3月` `底`, `25` `5%`); the pieces are put back only when exactly one
/// reading gives a cumulative plan (rising, ending at 100%), and that is noted.
fn spending_plan(
    d: &mut Draft,
    line: usize,
    layout: Layout,
    months: &[String],
    pcts: &[String],
) -> Vec<Milestone> {
    let months: Vec<String> = months
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    let pcts: Vec<String> = pcts
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && !c.contains('('))
        .collect();
    let clean = |m: &[String], p: &[String]| {
        m.len() == p.len()
            && !m.is_empty()
            && m.iter().all(|m| m.ends_with('底') || m.ends_with('末'))
            && p.iter().all(|p| p.ends_with('%'))
    };
    let (months, pcts) = if clean(&months, &pcts) || layout == Layout::Word {
        (months, pcts)
    } else {
        let m = pdf_months(&months);
        let readings = pdf_percents(&pcts);
        match (m, readings.as_slice()) {
            (Some(m), [p]) if m.len() == p.len() => {
                d.note(
                    line,
                    ImportText::PlanAssembled {
                        months: m.join(" "),
                        percents: p.join(" "),
                    },
                );
                (m, p.clone())
            }
            _ => (months, pcts),
        }
    };
    if !clean(&months, &pcts) {
        d.note(
            line,
            ImportText::PlanUnmatched {
                months: months.join(" "),
                percents: pcts.join(" "),
            },
        );
        return Vec::new();
    }
    (months.iter().zip(&pcts))
        .map(|(m, p)| Milestone {
            by: m.to_string(),
            percent: p.to_string(),
        })
        .collect()
}

/// Month headings from PDF pieces: pieces joined until one ends in 底, each read as
/// `N月底` from its number (the form's wording; stray marks between are dropped).
fn pdf_months(pieces: &[String]) -> Option<Vec<String>> {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\D{0,3}底$").unwrap());
    let mut out = Vec::new();
    let mut cur = String::new();
    for p in pieces {
        cur.push_str(p);
        if cur.ends_with('底') {
            let l = label(&cur);
            let m = MONTH.captures(&l)?;
            out.push(format!("{}月底", &m[1]));
            cur.clear();
        }
    }
    cur.is_empty().then_some(out)
}

/// Every reading of PDF percent pieces in which a bare number joins the `N%` piece after it
/// (end to end, or overlapping by one digit) that makes a cumulative plan.
fn pdf_percents(pieces: &[String]) -> Vec<Vec<String>> {
    fn walk(rest: &[String], acc: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        let Some(first) = rest.first() else {
            let nums: Vec<u32> = acc
                .iter()
                .filter_map(|p| p.trim_end_matches('%').parse().ok())
                .collect();
            if nums.len() == acc.len()
                && nums.windows(2).all(|w| w[0] < w[1])
                && nums.last() == Some(&100)
            {
                out.push(acc.clone());
            }
            return;
        };
        if first.ends_with('%') {
            acc.push(first.clone());
            walk(&rest[1..], acc, out);
            acc.pop();
        } else if let Some(next) = rest.get(1).filter(|n| n.ends_with('%')) {
            let mut joins = vec![format!("{first}{next}")];
            if first.ends_with(&next[..1]) {
                joins.push(format!("{first}{}", &next[1..]));
            }
            for j in joins {
                acc.push(j);
                walk(&rest[2..], acc, out);
                acc.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(pieces, &mut Vec::new(), &mut out);
    out
}

/// The goals: one per cell; in a PDF, only a cell holding the numbered goals whole
/// (`1.…2.…3.…`) is trusted, split at its numbers.
fn goals(d: &mut Draft, line: usize, layout: Layout, texts: &[&str]) -> Vec<String> {
    if layout == Layout::Word {
        return texts.iter().map(|t| t.to_string()).collect();
    }
    static NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d)\.").unwrap());
    let whole = texts
        .iter()
        .filter(|t| t.starts_with("1."))
        .max_by_key(|t| t.len());
    if let Some(whole) = whole {
        let mut starts = Vec::new();
        let mut want = 1;
        for m in NUM.find_iter(whole) {
            if whole[m.start()..].starts_with(&format!("{want}.")) {
                starts.push(m.start());
                want += 1;
            }
        }
        if starts.len() >= 2 {
            starts.push(whole.len());
            d.note(line, ImportText::GoalsSplitByNumber);
            return starts
                .windows(2)
                .map(|w| whole[w[0]..w[1]].trim().to_string())
                .collect();
        }
    }
    d.note(
        line,
        ImportText::GoalsScattered {
            pieces: texts.join(" / "),
        },
    );
    Vec::new()
}

/// Indicator rows of a Word table: cells under the header's columns, a merged (empty)
/// 一级/二级 cell carried down from the row above, an empty row kept empty.
fn word_indicators(d: &mut Draft, rows: &[(usize, Vec<String>)]) -> Vec<Indicator> {
    let columns: Vec<String> = rows[0].1.iter().map(|c| label(c)).collect();
    let mut out = Vec::new();
    let (mut l1, mut l2) = (None, None);
    for (_, cells) in &rejoin_rows(d, columns.len(), &rows[1..]) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            out.push(Indicator::default());
            continue;
        }
        let mut ind = Indicator::default();
        for (col, cell) in columns.iter().zip(cells) {
            let v = Some(cell.trim().to_string()).filter(|s| !s.is_empty());
            if let Some(f) = field(&mut ind, col) {
                *f = v;
            }
        }
        // A value cell the table holds but leaves blank is published blank: written
        // `value: ""`, so that `check` tells it from a value the draft lost.
        let has_value_cell = columns
            .iter()
            .zip(cells)
            .any(|(c, _)| c == "指标值" || c == "目标值");
        if has_value_cell
            && ind.value.is_none()
            && (ind.name.is_some() || ind.description.is_some())
        {
            ind.value = Some(String::new());
        }
        if ind.level1.is_some() {
            l1 = ind.level1.clone();
        } else {
            ind.level1 = l1.clone();
        }
        if ind.level2.is_some() {
            l2 = ind.level2.clone();
        } else {
            ind.level2 = l2.clone();
        }
        out.push(ind);
    }
    out
}

/// Rows as Word laid them out, with a row that blank lines split in two put back together: a
/// row shorter than the header followed by one that makes up exactly the missing cells.
fn rejoin_rows(
    d: &mut Draft,
    width: usize,
    rows: &[(usize, Vec<String>)],
) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let (line, cells) = &rows[i];
        if cells.len() < width
            && let Some((next_line, next)) = rows.get(i + 1)
            && cells.len() + next.len() == width
        {
            d.note(
                *line,
                ImportText::RowJoinedAcrossBlank {
                    line: *line,
                    next_line: *next_line,
                    first: cells.len(),
                    second: next.len(),
                    width,
                },
            );
            let mut joined = cells.clone();
            joined.extend(next.iter().cloned());
            out.push((*line, joined));
            i += 2;
            continue;
        }
        out.push((*line, cells.clone()));
        i += 1;
    }
    out
}

/// The field a header cell names; None for a column the schema has no place for.
fn field<'a>(ind: &'a mut Indicator, column: &str) -> Option<&'a mut Option<String>> {
    Some(match column {
        "一级指标" => &mut ind.level1,
        "二级指标" => &mut ind.level2,
        "三级指标" => &mut ind.name,
        "绩效指标描述" | "指标内容" | "指标解释" => &mut ind.description,
        "指标值" | "目标值" => &mut ind.value,
        "指标值确定依据" | "确定依据" => &mut ind.basis,
        "定量/定性" | "指标性质" => &mut ind.value_type,
        "比较符号" | "符号" => &mut ind.symbol,
        "计量单位" | "单位" => &mut ind.unit,
        "权重" | "分值" => &mut ind.weight,
        _ => return None,
    })
}

/// Indicator rows of a PDF table: a row is an indicator when one of its cells is a 二级指标
/// of the official vocabulary; its 一级指标 follows from that vocabulary unless the row names
/// one. Cells split onto lines above or below are not guessed at: the row is noted.
fn pdf_indicators(d: &mut Draft, rows: &[(usize, Vec<String>)]) -> Vec<Indicator> {
    let mut out = Vec::new();
    for (line, cells) in &rows[1..] {
        let labels: Vec<String> = cells.iter().map(|c| label(c)).collect();
        let Some(k) = labels
            .iter()
            .position(|l| LEVEL2.iter().any(|(n, _)| n == l))
        else {
            if labels.iter().any(|l| !l.is_empty()) {
                d.note(
                    *line,
                    ImportText::RowNotPlaced {
                        cells: labels.join(" / "),
                    },
                );
            }
            continue;
        };
        let level2 = labels[k].clone();
        let level1 = labels[..k]
            .iter()
            .find(|l| LEVEL1.contains(&l.as_str()))
            .cloned()
            .unwrap_or_else(|| {
                let l1 = LEVEL2.iter().find(|(n, _)| *n == level2).map(|p| p.1);
                l1.unwrap_or_default().to_string()
            });
        let rest: Vec<&String> = labels[k + 1..].iter().filter(|c| !c.is_empty()).collect();
        let mut ind = Indicator {
            level1: Some(level1),
            level2: Some(level2),
            ..Indicator::default()
        };
        match rest.as_slice() {
            [name, desc @ .., value, basis] if !desc.is_empty() => {
                ind.name = Some(name.to_string());
                ind.description = Some(join_wrapped(desc.iter().map(|s| s.as_str())));
                ind.value = Some(value.to_string());
                ind.basis = Some(basis.to_string());
                if desc.len() > 1 {
                    d.note(
                        *line,
                        ImportText::DescriptionJoined {
                            name: name.to_string(),
                            count: desc.len(),
                        },
                    );
                }
            }
            _ => {
                ind.name = rest.first().map(|s| s.to_string());
                d.note(
                    *line,
                    ImportText::RowCellsMismatch {
                        cells: rest
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(" / "),
                    },
                );
            }
        }
        out.push(ind);
    }
    out
}

/// Joins the pieces a PDF split a cell into. A character printed at the end of one line and
/// again at the start of the next (`活动区` `区域覆盖率`) is a wrap artefact and kept once.
fn join_wrapped<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in pieces {
        let dup = out.chars().last().filter(|c| !c.is_ascii()) == p.chars().next();
        out.push_str(if dup {
            &p[p.chars().next().map_or(0, char::len_utf8)..]
        } else {
            p
        });
    }
    out
}

/// The department a title names before its year (`黄山市公安局2025年项目绩效目标和指标`,
/// `蜀山区市场监督管理局2021年部门项目绩效表`): the words before the year, when they end as the
/// name of a public body does (局, 委员会, 中心, 人民政府, 联合会 …).
fn title_department(title: &str) -> Option<String> {
    static BEFORE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(\p{Han}{2,30}?(?:局|委员会|委|办公室|中心|院|馆|站|所|人民政府|政府|联合会|残联|总工会|工会|协会|学会|厅|部|队|学校|中学|小学|幼儿园|医院|社|处|署|会))\s*(?:19|20)\d\d\s*年",
        )
        .unwrap()
    });
    BEFORE_YEAR.captures(title).map(|c| c[1].to_string())
}

/// The department's name (the first unit's, without 本级) and its region, from the unit
/// codes and project codes.
pub fn department(d: &mut Draft) {
    if !d.department.name.is_empty() {
    } else if let Some(u) = d.department.units.first() {
        d.department.name = u.name.trim_end_matches("本级").to_string();
    } else if let Some(name) = d.document.title.as_deref().and_then(title_department) {
        d.department.name = name.clone();
        d.note(0, ImportText::DepartmentFromTitle { name });
    } else {
        d.note(0, ImportText::NoDepartmentName);
    }
    let code = d
        .projects
        .iter()
        .filter_map(|p| p.code.as_deref())
        .find(|c| c.len() >= 6 && c[..6].bytes().all(|b| b.is_ascii_digit()))
        .map(|c| c[..6].to_string());
    let county = {
        let name = &d.department.name;
        ["县", "区", "旗", "市"]
            .iter()
            .filter_map(|s| name.find(s).map(|i| &name[..i + s.len()]))
            .min_by_key(|s| s.len())
            .map(|s| s.rsplit(['省', '市']).next().unwrap_or(s).to_string())
    };
    d.department.region = match (code, province(d)) {
        (Some(code), Some(p)) if county.as_ref().is_some_and(|c| !c.is_empty()) => {
            let county = county.unwrap_or_default();
            d.note(
                0,
                ImportText::RegionFromCode {
                    code: code.to_string(),
                    province: p.to_string(),
                    county: county.to_string(),
                },
            );
            Region {
                code: Some(code),
                province: Some(p.to_string()),
                county: Some(county),
                ..Region::default()
            }
        }
        (code, _) => {
            d.note(0, ImportText::NoRegionCode);
            Region {
                unstated: Some(crate::content::model::IMPORT_UNSTATED.to_string()),
                slug: Some(
                    code.unwrap_or_else(|| crate::content::model::IMPORT_UNSTATED_SLUG.to_string()),
                ),
                ..Region::default()
            }
        }
    };
}

/// The province of the region code in the project codes (GB/T 2260, first two digits).
fn province(d: &Draft) -> Option<&'static str> {
    let code = d.projects.iter().find_map(|p| p.code.as_deref())?;
    crate::content::model::gbt2260::province(code)
}

/// The budget year: from the title, else the project codes, else the year the text names
/// most often (noted).
fn year(d: &mut Draft, blocks: &[Block]) {
    let from_title = (d.document.title.iter())
        .chain(blocks.iter().filter_map(|b| match b {
            Block::Para { text, .. } if text.contains("绩效目标") && text.len() < 120 => {
                Some(text)
            }
            _ => None,
        }))
        .find_map(|t| YEAR.captures(t).map(|c| c[1].to_string()));
    let from_code = (d.projects.iter().filter_map(|p| p.code.as_deref()))
        .find(|c| c.len() >= 8 && c[6..8].bytes().all(|b| b.is_ascii_digit()))
        .map(|c| format!("20{}", &c[6..8]));
    let year = match (from_title, from_code) {
        (Some(y), _) | (None, Some(y)) => y,
        (None, None) => {
            let mut counts = std::collections::BTreeMap::<String, usize>::new();
            for b in blocks {
                let texts: Vec<&str> = match b {
                    Block::Para { text, .. } => vec![text],
                    Block::Row { cells, .. } => cells.iter().map(String::as_str).collect(),
                };
                for t in texts {
                    for c in YEAR.captures_iter(t) {
                        *counts.entry(c[1].to_string()).or_default() += 1;
                    }
                }
            }
            let Some((y, n)) = counts.into_iter().max_by_key(|(_, n)| *n) else {
                d.note(0, ImportText::NoYear);
                return;
            };
            d.note(
                0,
                ImportText::YearFromText {
                    year: y.to_string(),
                    count: n,
                },
            );
            y
        }
    };
    d.document.year = year.parse().unwrap_or(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_blank_value_cell_is_written_blank_and_reads_back_as_written() {
        // Seed 002's 违法企业处理率 row, as a Word table gives it: the 指标值 cell is empty.
        let rows = vec![
            (
                1,
                strings(&[
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "绩效指标描述",
                    "指标值",
                    "指标值确定依据",
                ]),
            ),
            (
                2,
                strings(&[
                    "效益指标",
                    "社会效益指标",
                    "违法企业处理率",
                    "处理违法企业数量占查办违法企业数量的比率",
                    "",
                    "工作计划和安排",
                ]),
            ),
            (3, strings(&["", "", "", "", "", ""])),
        ];
        let mut d = Draft::default();
        let out = word_indicators(&mut d, &rows);
        assert_eq!(out[0].value.as_deref(), Some(""));
        assert_eq!(out[1].value, None);
        d.projects.push(super::super::draft::Project {
            name: "食品抽检经费".into(),
            indicators: out,
            ..Default::default()
        });
        let yaml = d.to_yaml().unwrap();
        assert!(yaml.contains("value: \"\""), "{yaml}");
    }

    #[test]
    fn a_short_first_sentence_is_a_heading() {
        let (t, x) = split_title("（一）完善制度建设。制定我局预算绩效管理制度。");
        assert_eq!(t.as_deref(), Some("（一）完善制度建设。"));
        assert_eq!(x.as_deref(), Some("制定我局预算绩效管理制度。"));
        let (t, _) = split_title("（三）深入开展价格专项治理，加强涉企收费监管。");
        assert_eq!(t, None, "a sentence with a comma is text, not a heading");
    }

    #[test]
    fn split_percents_are_put_back_only_as_a_cumulative_plan() {
        let got = pdf_percents(&strings(&["25", "5%", "50%", "75%", "10", "0%"]));
        assert_eq!(got, vec![strings(&["25%", "50%", "75%", "100%"])]);
        // No reading rises to 100%: nothing is chosen.
        assert_eq!(
            pdf_percents(&strings(&["10", "0%", "50%"])),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            pdf_months(&strings(&["3月", "底", "6月底", "12.", "月底"])),
            Some(strings(&["3月底", "6月底", "12月底"]))
        );
    }

    #[test]
    fn a_code_is_assembled_from_its_pieces_or_left_empty() {
        let mut d = Draft::default();
        let rows = vec![
            (1, strings(&["TE C", "13052924P0", "058401238", "TED 616"])),
            (2, strings(&["项目编码", "85", "", "项目名称"])),
        ];
        assert_eq!(
            code(&mut d, 2, &rows, "85").as_deref(),
            Some("13052924P005840123885")
        );
        let rows = vec![(2, strings(&["项目编码", "13052924P0", "058401238"]))];
        assert_eq!(code(&mut d, 2, &rows, "13052924P0"), None);
        assert!(d.notes.last().unwrap().what.to_string().contains("不完整"));
    }

    #[test]
    fn a_wrapped_character_is_kept_once() {
        assert_eq!(
            join_wrapped(["宣传、活动区", "区域覆盖率"].into_iter()),
            "宣传、活动区域覆盖率"
        );
        assert_eq!(join_wrapped(["共10", "0家"].into_iter()), "共100家");
    }
}
