//! The parts of a self-evaluation form (绩效自评表) that a target form lacks: the 项目资金 table
//! (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分, with its breakdown rows), the goals
//! as planned and as achieved, each row's 实际完成值 / 得分 / 偏差原因, and the 总分 line.
//!
//! The reader [`form`](super::form) finds them while it reads the indicator table; this module
//! holds what it found, as written, and reads the money table by its column headers, in any
//! order. A cell is placed only where the header's columns and the cells' shapes say where it
//! belongs; otherwise the row is kept as written in the project's notes and reported.

use super::cells::Tok;
use super::draft::{Evaluated, FundLine, Money};
use crate::messages::DraftNote;
use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::LazyLock;

/// A column of the funds table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FundCol {
    Initial,
    Budget,
    Executed,
    Weight,
    Rate,
    Score,
    Reason,
}

impl FundCol {
    /// The column a header cell names: `年初预算数`, `全年预算数(A)`, `调整后预算数`,
    /// `全年执行数(B)`, `预算执行数`, `分值`/`权重`, `执行率(B/A)`, `得分`, `原因`.
    fn of(cell: &str) -> Option<FundCol> {
        static MARK: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"[(（][A-Za-z/]+[)）]$|[(（]万元[)）]$").unwrap());
        let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        let s = MARK.replace(&s, "").to_string();
        Some(match s.as_str() {
            "年初预算数" | "年初预算" => FundCol::Initial,
            "全年预算数" | "全年预算" | "调整后预算数" | "调整后预算" => {
                FundCol::Budget
            }
            "全年执行数" | "预算执行数" | "执行数" | "全年执行" => {
                FundCol::Executed
            }
            "分值" | "权重" => FundCol::Weight,
            "执行率" | "预算执行率" | "资金执行率" => FundCol::Rate,
            "得分" => FundCol::Score,
            "原因" | "偏差原因" => FundCol::Reason,
            _ => return None,
        })
    }
}

impl FundCol {
    /// The column as the clerk is told to fill it in; None for the reason column.
    fn column(self) -> Option<crate::messages::FundColumn> {
        use crate::messages::FundColumn as C;
        Some(match self {
            FundCol::Initial => C::Initial,
            FundCol::Budget => C::Budget,
            FundCol::Executed => C::Executed,
            FundCol::Weight => C::Weight,
            FundCol::Rate => C::Rate,
            FundCol::Score => C::Score,
            FundCol::Reason => return None,
        })
    }
}

/// The funds column a header word names (`全年预算数(A)` → 全年预算数), as the clerk fills it in.
pub(super) fn fund_column(word: &str) -> Option<crate::messages::FundColumn> {
    FundCol::of(word).and_then(FundCol::column)
}

/// A funds row's figures that stay for the clerk, with the columns they belong to.
fn unplaced(
    line: usize,
    label: &str,
    figures: &[&str],
    cols: &[FundCol],
    unit: Unit,
) -> super::draft::UnplacedFunds {
    // A breakdown row (其中：当年财政拨款 …) has amounts only.
    let total = label.contains("总额");
    let columns: Vec<_> = cols
        .iter()
        .filter(|c| total || matches!(c, FundCol::Initial | FundCol::Budget | FundCol::Executed))
        .filter_map(|c| c.column())
        .collect();
    let money_cols = cols
        .iter()
        .any(|c| matches!(c, FundCol::Initial | FundCol::Budget | FundCol::Executed));
    // Each amount once; a whole number up to 100 beside a 分值/得分 column may be points, and
    // is not shown converted.
    let points = cols
        .iter()
        .any(|c| matches!(c, FundCol::Weight | FundCol::Score));
    let mut converted: Vec<(String, String)> = Vec::new();
    for f in figures.iter().filter(|_| unit == Unit::Yuan && money_cols) {
        let f = f.trim();
        let small = f.parse::<u32>().is_ok_and(|n| n <= 100);
        if let Some(m) = money(f, unit)
            && !f.contains('万')
            && !(points && small)
            && !converted.iter().any(|(y, _)| y == f)
        {
            converted.push((f.to_string(), m.wan.to_string()));
        }
    }
    super::draft::UnplacedFunds {
        line,
        many: false,
        glued: false,
        total,
        label: label.to_string(),
        figures: figures.iter().map(|f| f.trim().to_string()).collect(),
        columns,
        converted,
    }
}

static MARK_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[(（][A-Za-z/]+[)）]$").unwrap());

/// The unit the funds table is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 万元.
    Wan,
    /// 元: converted exactly to 万元, and said so.
    Yuan,
    /// Not stated: amounts are not taken.
    Unknown,
}

/// A cell of a funds row: an amount, a rate, a dash for nothing.
fn is_fund_value(t: &str) -> bool {
    static V: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d[\d,]*(\.\d+)?\s*(万元|元|万)?|\d+(\.\d+)?\s*%|[—\-/－]+)$").unwrap()
    });
    V.is_match(super::vocab::ascii_digits(t.trim()).as_str())
}

fn is_dash(t: &str) -> bool {
    t.trim().chars().all(|c| "—-/－".contains(c))
}

fn is_rate(t: &str) -> bool {
    super::vocab::ascii_digits(t).trim().ends_with('%')
}

/// A label of a funds row.
fn is_fund_row(t: &str) -> bool {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "资金总额",
        "总额",
        "财政拨款",
        "财政资金",
        "结转",
        "其他资金",
        "单位资金",
        "专户",
        "自有资金",
        "上级资金",
    ]
    .iter()
    .any(|w| s.contains(w))
        && s.chars().count() <= 16
}

/// An amount as 万元: `4753.66万元` as it is, `387664.62` in a table in 元 divided by 10 000.
fn money(t: &str, unit: Unit) -> Option<Money> {
    static N: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)?$").unwrap());
    let a = super::vocab::ascii_digits(t.trim());
    let c = N.captures(&a)?;
    let n = Decimal::from_str(&c[1].replace(',', "")).ok()?;
    let unit = match c.get(2).map(|m| m.as_str()) {
        Some("万元" | "万") => Unit::Wan,
        Some("元") => Unit::Yuan,
        _ => unit,
    };
    let wan = match unit {
        Unit::Wan => n,
        Unit::Yuan => (n / Decimal::from(10_000)).normalize(),
        Unit::Unknown => return None,
    };
    Some(Money {
        written: t.trim().to_string(),
        wan,
    })
}

/// Reads the funds table from the form's upper part: its header (the columns in any order),
/// then each row's label and cells. Rows whose cells cannot be placed without guessing are
/// kept in `notes` as written.
pub(super) fn funds(toks: &[Tok], raw: &[&str], unit: Unit, e: &mut Evaluated) {
    // The header: the longest run of column words (a word broken over two lines joined).
    let mut cols: Vec<FundCol> = Vec::new();
    let mut header_lines: Vec<usize> = Vec::new();
    let mut end = 0;
    let mut i = 0;
    while i < toks.len() {
        let mut run = Vec::new();
        let mut lines = Vec::new();
        let mut j = i;
        while j < toks.len() {
            // `(A)`, `(B)` split off `全年预算数(A)` stay with the header.
            if !run.is_empty() && MARK_ALONE.is_match(toks[j].text.trim()) {
                j += 1;
                continue;
            }
            if let Some(c) = FundCol::of(&toks[j].text) {
                run.push(c);
                lines.push(toks[j].line);
                j += 1;
            } else if j + 1 < toks.len()
                && let Some(c) = FundCol::of(&format!("{}{}", toks[j].text, toks[j + 1].text))
            {
                run.push(c);
                lines.push(toks[j].line);
                j += 2;
            } else {
                break;
            }
        }
        let money_cols = run
            .iter()
            .filter(|c| matches!(c, FundCol::Budget | FundCol::Executed))
            .count();
        if run.len() > cols.len() && money_cols >= 1 && run.len() >= 3 {
            cols = run;
            header_lines = lines;
            end = j;
        }
        i = j.max(i + 1);
    }
    if cols.is_empty() {
        return;
    }
    e.fund_columns =
        [FundCol::Initial, FundCol::Budget, FundCol::Executed].map(|c| cols.contains(&c));
    // The rows: a label, then its cells.
    let mut k = end;
    while k < toks.len() {
        let t = &toks[k];
        if !is_fund_row(&t.text) || is_fund_value(&t.text) {
            if is_fund_value(&t.text) && k == end {
                k += 1;
                continue;
            }
            break;
        }
        let mut values: Vec<&Tok> = Vec::new();
        let mut j = k + 1;
        if INLINE_AMOUNT.is_match(t.text.trim()) {
            break;
        }
        while j < toks.len() && is_fund_value(&toks[j].text) {
            values.push(&toks[j]);
            j += 1;
        }
        let label = t.text.trim_end_matches([':', '：']).trim().to_string();
        let line = FundLine {
            label,
            ..FundLine::default()
        };
        let placed = positional(t, &values, raw, &cols, &header_lines)
            .map(|p| (p, Vec::new()))
            .or_else(|| by_shape(&values, &cols));
        if let Some((_, sides)) = &placed
            && !sides.is_empty()
        {
            for (figures, side) in sides {
                let at = values.first().map_or(t.line, |v| v.line);
                e.unplaced
                    .push(unplaced(at, &line.label, figures, side, unit));
            }
            e.notes.push(DraftNote::FundsRowOneSide {
                label: line.label.clone(),
                cells: values.iter().map(|v| v.text.clone()).collect(),
                columns: cols.len(),
            });
        }
        match placed.map(|p| p.0) {
            Some(cells) => {
                let mut line = line;
                for (c, v) in cells {
                    let v = v.trim();
                    if is_dash(v) && !matches!(c, FundCol::Weight | FundCol::Score) {
                        continue;
                    }
                    match c {
                        FundCol::Initial => line.initial = money(v, unit),
                        FundCol::Budget => line.budget = money(v, unit),
                        FundCol::Executed => line.executed = money(v, unit),
                        FundCol::Rate => line.rate = Some(v.to_string()),
                        FundCol::Weight => line.weight = Some(v.to_string()),
                        FundCol::Score => line.score = Some(v.to_string()),
                        FundCol::Reason => {}
                    }
                }
                for m in [&line.initial, &line.budget, &line.executed]
                    .into_iter()
                    .flatten()
                {
                    if unit == Unit::Yuan && !m.written.contains('万') {
                        e.converted.push(m.written.clone());
                    }
                }
                if e.funds.is_none() && line.label.contains("总额") {
                    e.funds = Some(line);
                } else {
                    if line.weight.is_some() || line.score.is_some() {
                        e.notes.push(DraftNote::FundsDetailPoints {
                            label: line.label.clone(),
                            weight: line.weight.clone(),
                            score: line.score.clone(),
                        });
                    }
                    e.fund_rows.push(line);
                }
            }
            None if values.is_empty() && line.label.contains("总额") => {}
            None if values.iter().all(|v| is_dash(&v.text)) => {
                e.fund_rows.push(line);
            }
            None => {
                let written: Vec<&str> = values.iter().map(|v| v.text.as_str()).collect();
                let at = values.first().map_or(t.line, |v| v.line);
                e.unplaced
                    .push(unplaced(at, &line.label, &written, &cols, unit));
                e.notes.push(DraftNote::FundsRowUnplaced {
                    label: line.label.clone(),
                    cells: values.iter().map(|v| v.text.clone()).collect(),
                    columns: cols.len(),
                });
            }
        }
        k = j;
    }
    // Breakdown lines written `其中: 一般公共预算:1873.66万元` (按收入性质分, 按支出性质分):
    // they do not say whether the amount is a budget or an execution, so they are kept as
    // written.
    let mut inline: Vec<usize> = Vec::new();
    for (m, t) in toks.iter().enumerate().skip(k) {
        let text = t.text.trim();
        let after_label = m > k
            && toks[m - 1].line == t.line
            && !toks[m - 1].text.chars().any(|c| c.is_ascii_digit())
            && money(text, Unit::Wan).is_some();
        if INLINE_AMOUNT.is_match(text) || after_label {
            inline.push(t.line);
        } else if text.contains("目标")
            || text.contains("指标")
            || text.chars().any(|c| c.is_ascii_digit())
            || text.chars().count() > 14
        {
            break;
        }
    }
    inline.dedup();
    let written: Vec<&str> = inline
        .iter()
        .filter_map(|l| raw.get(l - 1))
        .map(|l| l.trim())
        .collect();
    if !written.is_empty() {
        e.notes.push(DraftNote::FundsBreakdown {
            lines: written.iter().map(|l| l.to_string()).collect(),
        });
    }
}

/// `label: amount` in one cell.
static INLINE_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\D{2,20}[:：]\s*\d[\d,]*(\.\d+)?\s*(万元|元)$").unwrap());

/// A row laid out with pipes on one line whose cells (empty ones too) line up with the
/// header's: each cell under its column.
fn positional<'a>(
    label: &Tok,
    values: &[&'a Tok],
    raw: &[&str],
    cols: &[FundCol],
    header_lines: &[usize],
) -> Option<Vec<(FundCol, &'a str)>> {
    let hl = *header_lines.first()?;
    if header_lines.iter().any(|l| *l != hl) || values.iter().any(|v| v.line != label.line) {
        return None;
    }
    let split = |l: usize| -> Option<Vec<String>> {
        let s = raw.get(l.checked_sub(1)?)?;
        s.contains('|')
            .then(|| s.split('|').map(|c| c.trim().to_string()).collect())
    };
    let (h, r) = (split(hl)?, split(label.line)?);
    if h.len() != r.len() {
        return None;
    }
    let mut out = Vec::new();
    let mut seen = 0;
    for (hc, rc) in h.iter().zip(&r) {
        let Some(c) = FundCol::of(hc) else {
            continue;
        };
        seen += 1;
        if rc.is_empty() {
            continue;
        }
        let v = values.iter().find(|v| v.text.trim() == rc)?;
        out.push((c, v.text.as_str()));
    }
    (seen == cols.len() && out.len() == values.len()).then_some(out)
}

/// Cells placed by their shape: as many as the columns, one each; else split at the one rate
/// (`100%`) and placed one each on either side. A side with more or fewer cells than
/// columns is not placed: it is returned, its figures with its columns, for the clerk; None
/// when nothing can be placed.
type Sides<'a> = Vec<(Vec<&'a str>, Vec<FundCol>)>;
fn by_shape<'a>(
    values: &[&'a Tok],
    cols: &[FundCol],
) -> Option<(Vec<(FundCol, &'a str)>, Sides<'a>)> {
    let numeric: Vec<FundCol> = cols
        .iter()
        .copied()
        .filter(|c| *c != FundCol::Reason)
        .collect();
    let fits = |c: FundCol, v: &str| match c {
        FundCol::Rate => is_rate(v) || is_dash(v),
        _ => !is_rate(v),
    };
    let one_each = |cs: &[FundCol], vs: &[&'a Tok]| -> Option<Vec<(FundCol, &'a str)>> {
        (cs.len() == vs.len() && cs.iter().zip(vs).all(|(c, v)| fits(*c, &v.text))).then(|| {
            cs.iter()
                .copied()
                .zip(vs.iter().map(|v| v.text.as_str()))
                .collect()
        })
    };
    if let Some(all) = one_each(&numeric, values) {
        return Some((all, Vec::new()));
    }
    let rates: Vec<usize> = (0..values.len())
        .filter(|i| is_rate(&values[*i].text))
        .collect();
    let at = numeric.iter().position(|c| *c == FundCol::Rate)?;
    let [r] = rates[..] else { return None };
    let (cb, vb) = (&numeric[..at], &values[..r]);
    let (ca, va) = (&numeric[at + 1..], &values[r + 1..]);
    let before = one_each(cb, vb);
    let after = one_each(ca, va);
    let side = |vs: &[&'a Tok], cs: &[FundCol]| {
        (vs.iter().map(|v| v.text.as_str()).collect(), cs.to_vec())
    };
    let mut sides = Vec::new();
    if before.is_none() {
        sides.push(side(vb, cb));
    }
    if after.is_none() {
        sides.push(side(va, ca));
    }
    let mut out = before.unwrap_or_default();
    out.push((FundCol::Rate, values[r].text.as_str()));
    out.extend(after.unwrap_or_default());
    Some((out, sides))
}

/// The 总分 line after the table: `总分 | 100 | 96 | 优`, and 其他需要说明事项 before it.
pub(super) fn total(toks: &[Tok], e: &mut Evaluated) {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for (i, t) in toks.iter().enumerate() {
        let s = squeeze(&t.text);
        if s.starts_with("其他需要说明")
            && let Some(n) = toks.get(i + 1)
            && squeeze(&n.text) != "总分"
            && !is_fund_value(&n.text)
        {
            e.remarks = Some(n.text.trim().to_string());
        }
        if s == "总分" {
            let mut nums = Vec::new();
            let mut j = i + 1;
            while let Some(n) = toks.get(j)
                && super::vocab::is_number(&n.text)
                && nums.len() < 2
            {
                nums.push(n.text.trim().to_string());
                j += 1;
            }
            if nums.len() == 2 {
                e.total_weight = Some(nums[0].clone());
                e.total_score = Some(nums[1].clone());
            } else if let Some(n) = nums.first() {
                e.notes
                    .push(DraftNote::TotalOneNumber { number: n.clone() });
            }
            if let Some(g) = toks.get(j)
                && GRADES.contains(&squeeze(&g.text).as_str())
            {
                e.grade = Some(g.text.trim().to_string());
            }
            break;
        }
    }
}

/// 评价等级 as the forms write them.
const GRADES: [&str; 8] = ["优", "良", "中", "差", "优秀", "良好", "合格", "不合格"];

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(cells: &[(usize, &str)]) -> Vec<Tok> {
        cells
            .iter()
            .map(|(l, t)| Tok {
                line: *l,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn columns_by_their_words_in_any_order() {
        let t = toks(&[
            (1, "执行率(B/A)"),
            (1, "全年执行数(B)"),
            (1, "得分"),
            (1, "全年预算数(A)"),
            (1, "分值"),
            (2, "年度资金总额:"),
            (2, "80%"),
            (2, "8.04"),
            (2, "8"),
            (2, "10.00"),
            (2, "10"),
        ]);
        let mut e = Evaluated::default();
        funds(&t, &[], Unit::Wan, &mut e);
        let f = e.funds.expect("the total row");
        assert_eq!(f.label, "年度资金总额");
        assert_eq!(f.rate.as_deref(), Some("80%"));
        assert_eq!(f.executed.map(|m| m.wan), Some(Decimal::new(804, 2)));
        assert_eq!(f.budget.map(|m| m.written), Some("10.00".to_string()));
        assert_eq!(f.score.as_deref(), Some("8"));
        assert_eq!(f.weight.as_deref(), Some("10"));
    }

    #[test]
    fn a_row_short_of_cells_is_kept_as_written_not_guessed() {
        // The rate and what follows it line up with the header; the amounts do not.
        // Two amounts for three amount columns: which one is missing cannot be known.
        let t = toks(&[
            (1, "年初预算数"),
            (1, "全年预算数"),
            (1, "全年执行数"),
            (1, "分值"),
            (1, "执行率"),
            (1, "得分"),
            (1, "年度资金总额"),
            (2, "387664.62"),
            (2, "387664.62"),
            (2, "10"),
            (2, "100%"),
            (2, "10"),
        ]);
        let mut e = Evaluated::default();
        funds(&t, &[], Unit::Yuan, &mut e);
        let f = e.funds.expect("the total row");
        assert_eq!(
            (f.initial, f.budget, f.executed, f.weight),
            (None, None, None, None)
        );
        assert_eq!(f.rate.as_deref(), Some("100%"));
        assert_eq!(f.score.as_deref(), Some("10"));
        assert!(
            e.notes[0]
                .to_string()
                .contains("387664.62 | 387664.62 | 10 | 100% | 10")
        );
    }

    #[test]
    fn yuan_become_wan_exactly() {
        let m = money("387664.62", Unit::Yuan).unwrap();
        assert_eq!(m.wan.to_string(), "38.766462");
        assert_eq!(
            money("4753.66万元", Unit::Yuan).unwrap().wan.to_string(),
            "4753.66"
        );
        assert_eq!(money("5.00", Unit::Unknown), None);
    }

    #[test]
    fn pipe_cells_line_up_with_the_header() {
        let raw = [
            "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | | | 预算执行率 | 权重 | 得分 | 原因 |",
            "| 总额 | 5.00 | 5.00 | 5.00 | | | 100.00% | 10 | | |",
        ];
        let t = toks(&[
            (1, "年初预算"),
            (1, "调整后预算数"),
            (1, "预算执行数"),
            (1, "预算执行率"),
            (1, "权重"),
            (1, "得分"),
            (1, "原因"),
            (2, "总额"),
            (2, "5.00"),
            (2, "5.00"),
            (2, "5.00"),
            (2, "100.00%"),
            (2, "10"),
        ]);
        let mut e = Evaluated::default();
        funds(&t, &raw, Unit::Wan, &mut e);
        let f = e.funds.expect("the total row");
        assert_eq!(f.weight.as_deref(), Some("10"));
        assert_eq!(f.score, None);
        assert_eq!(f.rate.as_deref(), Some("100.00%"));
    }

    #[test]
    fn the_total_line() {
        let t = toks(&[
            (1, "其他需要说明事项"),
            (1, "无"),
            (1, "总分"),
            (1, "100"),
            (1, "96"),
            (1, "优"),
        ]);
        let mut e = Evaluated::default();
        total(&t, &mut e);
        assert_eq!(e.remarks.as_deref(), Some("无"));
        assert_eq!(e.total_weight.as_deref(), Some("100"));
        assert_eq!(e.total_score.as_deref(), Some("96"));
        assert_eq!(e.grade.as_deref(), Some("优"));
    }
}
