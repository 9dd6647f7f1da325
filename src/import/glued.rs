//! A self-evaluation form whose whole table was glued into one line (a web page copied as
//! text with every cell run together: `安装坡面水标尺10≥266米≥266米10水标尺宽度…`).
//!
//! The line is cut at the form's own words (labels, column headers, 一级/二级 names, 总分),
//! and each indicator row is split into 三级指标, 分值, 年度指标值, 实际完成值 and 得分 only when
//! the shapes of the values leave exactly one reading: 分值 and 得分 are whole numbers of at most
//! 100 without a leading zero, a value is a sign, a number and a short unit (`≥266米`, `100%`,
//! `20万元`) or a qualitative phrase of the vocabulary. A piece with no reading or with several
//! is left as it stands (the report lists it) — the reader never picks one.
//! The result is a text of one row per line that [`form`](super::form) reads as usual.

use crate::messages::ImportText;
use regex::Regex;
use std::sync::LazyLock;

/// The form's words, longest first, where the glued line is cut.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        r"(?:项目支出|部门整体支出)?绩效(?:目标)?自评表",
        r"[(（]20\d\d年度[)）]",
        r"项目负责人及电话",
        r"项目名称",
        r"主管部门",
        r"实施单位",
        r"资金情况(?:[(（]万元[)）])?",
        r"年初预算数",
        r"全年预算数(?:[(（]A[)）])?",
        r"全年执行数(?:[(（]B[)）])?",
        r"执行率(?:[(（]B/A[)）])?",
        r"年度资金总额[:：]?",
        r"其中[:：]?(?:本年|当年)?财政拨款",
        r"上年结转资金",
        r"其他资金",
        r"年度总体目标完成情况综述",
        r"年度总体目标",
        r"年初设定目标",
        r"预期目标",
        r"实际完成情况",
        r"绩效指标",
        r"一级指标",
        r"二级指标",
        r"三级指标",
        r"分值",
        r"年度指标值",
        r"全年实际值",
        r"实际完成值",
        r"得分",
        r"未完成原因及拟采取的改进措施",
        r"偏差原因分析及改进措施",
        r"(?:产出指标|效益指标|满意度指标)(?:[(（]\d+分[)）])?",
        r"服务对象满意度指标",
        r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响)指标",
        r"总分",
        r"注[:：]",
    ];
    Regex::new(&words.join("|")).unwrap()
});

/// A value cell: a number opened by a sign or closed by a unit (`≥266米`, `100%`, `20万元`;
/// a bare number glued to other digits has no boundary), or a qualitative phrase.
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[≥≤≧≦<>=＞＜](?:0|[1-9]\d*)(?:\.\d+)?(?:%|\p{Han}{1,2})?|(?:0|[1-9]\d*)(?:\.\d+)?(?:%|\p{Han}{1,2})|显著提升|明显提升|显著提高|明显提高|显著|有效|良好|提高|达标|合格)$").unwrap()
});

/// A 分值 or 得分: a whole number of at most 100 without a leading zero.
fn points(s: &str) -> bool {
    (s == "0" || !s.starts_with('0'))
        && !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|n| n <= 100)
}

/// A 三级指标 name: text with no digit and no sign (a name holding digits cannot be told
/// from the numbers glued to it, so such a row is left as it stands).
fn name(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| c.is_ascii_digit())
        && !s.contains(['≥', '≤', '≧', '≦', '<', '>', '=', '%'])
}

/// Every reading of `s` as rows of 三级指标, 分值, 年度指标值, 实际完成值, 得分 (at most two
/// are looked for: one is enough to refuse).
fn rows(s: &str) -> Vec<Vec<[String; 5]>> {
    let mut out = Vec::new();
    let mut budget = BUDGET;
    parse(s, &mut Vec::new(), &mut out, &mut budget);
    if budget == 0 {
        // Too many partial readings to try: as good as ambiguous.
        out.push(Vec::new());
        out.push(Vec::new());
    }
    out
}

/// How many partial readings a piece may cost before it counts as ambiguous.
const BUDGET: usize = 200_000;

fn parse(
    s: &str,
    done: &mut Vec<[String; 5]>,
    out: &mut Vec<Vec<[String; 5]>>,
    budget: &mut usize,
) {
    if out.len() > 1 || *budget == 0 {
        return;
    }
    *budget -= 1;
    if s.is_empty() {
        if !done.is_empty() {
            out.push(done.clone());
        }
        return;
    }
    let cuts: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([s.len()])
        .collect();
    // name | weight | target | actual | score, each cut at a character boundary.
    for &a in &cuts {
        if !name(&s[..a]) {
            continue;
        }
        for &b in cuts.iter().filter(|&&b| b > a) {
            if !points(&s[a..b]) {
                if s[a..b].len() > 3 {
                    break;
                }
                continue;
            }
            for &c in cuts.iter().filter(|&&c| c > b) {
                if s[b..c].chars().count() > 12 {
                    break;
                }
                if !VALUE.is_match(&s[b..c]) {
                    continue;
                }
                for &d in cuts.iter().filter(|&&d| d > c) {
                    if s[c..d].chars().count() > 12 {
                        break;
                    }
                    if !VALUE.is_match(&s[c..d]) {
                        continue;
                    }
                    for &e in cuts.iter().filter(|&&e| e > d) {
                        if !points(&s[d..e]) {
                            if s[d..e].len() > 3 {
                                break;
                            }
                            continue;
                        }
                        let row =
                            [&s[..a], &s[a..b], &s[b..c], &s[c..d], &s[d..e]].map(str::to_string);
                        done.push(row);
                        parse(&s[e..], done, out, budget);
                        done.pop();
                    }
                }
            }
        }
    }
}

/// Every reading of `s` as `n` numbers, the one at `rate` (if any) written with `%`; amounts
/// are any decimals, the rest 分值/得分.
fn numbers(s: &str, kinds: &[Num]) -> Vec<Vec<String>> {
    fn go(
        s: &str,
        kinds: &[Num],
        done: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
        budget: &mut usize,
    ) {
        if out.len() > 1 || *budget == 0 {
            return;
        }
        *budget -= 1;
        let Some((k, rest)) = kinds.split_first() else {
            if s.is_empty() {
                out.push(done.clone());
            }
            return;
        };
        for (i, _) in s.char_indices().skip(1).chain([(s.len(), ' ')]) {
            let piece = &s[..i];
            let ok = match k {
                Num::Amount => AMOUNT.is_match(piece),
                Num::Rate => RATE.is_match(piece),
                Num::Points => points(piece),
            };
            if ok {
                done.push(piece.to_string());
                go(&s[i..], rest, done, out, budget);
                done.pop();
            }
        }
    }
    static AMOUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:0|[1-9]\d*)(?:\.\d+)?$").unwrap());
    static RATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:0|[1-9]\d*)(?:\.\d+)?%$").unwrap());
    let mut out = Vec::new();
    let mut budget = BUDGET;
    go(s, kinds, &mut Vec::new(), &mut out, &mut budget);
    if budget == 0 {
        out.push(Vec::new());
        out.push(Vec::new());
    }
    out
}

/// What a number of a funds row or the 总分 line is.
#[derive(Debug, Clone, Copy)]
enum Num {
    Amount,
    Rate,
    Points,
}

/// True for a line that holds a self-evaluation's whole table (four or more 二级 names).
pub fn is_glued(line: &str) -> bool {
    static L2: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响)指标").unwrap()
    });
    L2.find_iter(line).count() >= 4 && line.contains("自评") && line.contains("得分")
}

/// The glued line laid out one row per line, with a note for each piece left as it stood.
pub fn unglue(line: &str) -> Unglued {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for m in MARKER.find_iter(line) {
        if m.start() > at {
            pieces.push((false, &line[at..m.start()]));
        }
        pieces.push((true, m.as_str()));
        at = m.end();
        if m.as_str().starts_with('注') {
            break;
        }
    }
    if at < line.len() {
        pieces.push((false, &line[at..]));
    }
    // The funds table's columns, in the order its header gives them.
    let fund_word = |w: &str| -> Option<Num> {
        match () {
            _ if w.starts_with("年初预算数")
                || w.starts_with("全年预算数")
                || w.starts_with("全年执行数") =>
            {
                Some(Num::Amount)
            }
            _ if w.starts_with("执行率") => Some(Num::Rate),
            _ if w == "分值" || w == "得分" => Some(Num::Points),
            _ => None,
        }
    };
    let funds_cols: Vec<Num> = pieces
        .iter()
        .position(|(m, w)| *m && matches!(fund_word(w), Some(Num::Amount)))
        .map(|start| {
            pieces[start..]
                .iter()
                .map_while(|(m, w)| if *m { fund_word(w) } else { None })
                .collect()
        })
        .unwrap_or_default();
    // The same columns by name, for the clerk who fills them in.
    let fund_names: Vec<crate::messages::FundColumn> = pieces
        .iter()
        .position(|(m, w)| *m && matches!(fund_word(w), Some(Num::Amount)))
        .map(|start| {
            pieces[start..]
                .iter()
                .map_while(|(m, w)| {
                    if *m {
                        super::selfeval::fund_column(w)
                    } else {
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut notes = Vec::new();
    let mut unplaced = Vec::new();
    let mut goals = Vec::new();
    let mut unsplit = Vec::new();
    let mut in_table = false;
    let mut last_marker = "";
    for (k, (marker, text)) in pieces.iter().enumerate() {
        let text = text.trim();
        if *marker {
            let header = matches!(
                text,
                "一级指标"
                    | "二级指标"
                    | "三级指标"
                    | "分值"
                    | "年度指标值"
                    | "全年实际值"
                    | "实际完成值"
                    | "得分"
                    | "未完成原因及拟采取的改进措施"
                    | "偏差原因分析及改进措施"
            ) || text.starts_with("全年预算数")
                || text.starts_with("全年执行数")
                || text.starts_with("执行率")
                || text == "年初预算数";
            let joins = header && pieces[..k].last().is_some_and(|p| p.0) && !out.is_empty();
            if text == "一级指标" {
                in_table = true;
            }
            if joins {
                out.last_mut().unwrap().push(text.to_string());
            } else {
                out.push(vec![text.to_string()]);
            }
            last_marker = text;
            continue;
        }
        if text.is_empty() {
            continue;
        }
        let row_of_funds = last_marker.starts_with("年度资金总额")
            || last_marker.contains("财政拨款")
            || last_marker == "其他资金"
            || last_marker == "上年结转资金";
        if row_of_funds && !in_table {
            // As many numbers as the header has columns, with exactly one reading.
            let readings = numbers(text, &funds_cols);
            if let [one] = &readings[..] {
                notes.push(ImportText::GluedFundsSplit {
                    text: text.to_string(),
                    cells: one.join(" | "),
                });
                out.last_mut().unwrap().extend(one.iter().cloned());
            } else {
                notes.push(ImportText::GluedFundsNotSplit {
                    label: last_marker.to_string(),
                    text: text.to_string(),
                    many: !readings.is_empty(),
                });
                // Left for the clerk: the row is the text's last line so far.
                unplaced.push(super::draft::UnplacedFunds {
                    line: out.len(),
                    label: last_marker.trim_end_matches([':', '：']).to_string(),
                    figures: vec![text.to_string()],
                    // A breakdown row has amounts only.
                    columns: fund_names
                        .iter()
                        .copied()
                        .filter(|c| {
                            last_marker.contains("总额")
                                || matches!(
                                    c,
                                    crate::messages::FundColumn::Initial
                                        | crate::messages::FundColumn::Budget
                                        | crate::messages::FundColumn::Executed
                                )
                        })
                        .collect(),
                    glued: true,
                    converted: Vec::new(),
                    many: !readings.is_empty(),
                    total: last_marker.contains("总额"),
                });
                out.last_mut().unwrap().push(text.to_string());
            }
            continue;
        }
        if last_marker == "总分" {
            let readings = numbers(
                text.trim_end_matches(['…', '.']),
                &[Num::Points, Num::Points],
            );
            if let [one] = &readings[..] {
                notes.push(ImportText::GluedTotalSplit {
                    text: text.to_string(),
                    total: one[0].to_string(),
                    score: one[1].to_string(),
                });
                out.last_mut().unwrap().extend(one.iter().cloned());
            } else {
                out.last_mut().unwrap().push(text.to_string());
            }
            continue;
        }
        if in_table && !last_marker.starts_with('注') {
            let text = text.trim_end_matches('…').trim();
            if text.is_empty() {
                continue;
            }
            let readings = rows(text);
            if let [one] = &readings[..] {
                for r in one {
                    notes.push(ImportText::GluedRowSplit {
                        text: r.concat(),
                        name: r[0].to_string(),
                        weight: r[1].to_string(),
                        target: r[2].to_string(),
                        actual: r[3].to_string(),
                        score: r[4].to_string(),
                    });
                    out.push(r.to_vec());
                }
            } else {
                notes.push(ImportText::GluedRowNotSplit {
                    text: text.to_string(),
                    many: !readings.is_empty(),
                });
                unsplit.push(text.to_string());
                out.push(vec![text.to_string()]);
            }
            continue;
        }
        // Goals as planned and as achieved run together: kept whole, said so.
        if last_marker.contains("完成情况") && pieces[..k].iter().rev().nth(1).is_some_and(|p| p.0)
        {
            goals.push(text.to_string());
        }
        // Upper part: a label's value, or text of its own.
        match out.last_mut() {
            Some(l) if pieces[..k].last().is_some_and(|p| p.0) && !last_marker.is_empty() => {
                l.push(text.to_string())
            }
            _ => out.push(vec![text.to_string()]),
        }
    }
    let text = out
        .iter()
        .map(|cells| format!("| {} |\n", cells.join(" | ")))
        .collect();
    Unglued {
        text,
        notes,
        goals,
        unsplit,
        unplaced,
    }
}

/// The glued line laid out one row per line.
#[derive(Debug, Default)]
pub struct Unglued {
    /// One row per line, cells between pipes.
    pub text: String,
    /// What was split, and what was left as it stood.
    pub notes: Vec<ImportText>,
    /// Goal texts in which the goal and what was achieved run together.
    pub goals: Vec<String>,
    /// Indicator pieces with no single reading, left as they stand.
    pub unsplit: Vec<String>,
    /// Funds rows with no single reading, left for the clerk (lines of `text`).
    pub unplaced: Vec<super::draft::UnplacedFunds>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_only_when_one_reading_is_left() {
        let r = rows("安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            r[0][0],
            ["安装坡面水标尺", "10", "≥266米", "≥266米", "10"].map(String::from)
        );
        assert_eq!(
            r[0][1],
            ["水标尺宽度", "10", "≥50厘米", "≥50厘米", "10"].map(String::from)
        );
        let r = rows("项目(工程)验收合格率20100%100%20");
        assert_eq!(
            r,
            vec![vec![
                ["项目(工程)验收合格率", "20", "100%", "100%", "20"].map(String::from)
            ]]
        );
        let r = rows("项目计划总投资1020万元20万元10");
        assert_eq!(
            r,
            vec![vec![
                ["项目计划总投资", "10", "20万元", "20万元", "10"].map(String::from)
            ]]
        );
        // 分值 5 or 55? target 51% or 1%? Two readings: left as it stands.
        assert_eq!(rows("覆盖率551%51%5").len(), 2);
        assert_eq!(rows("受益脱贫(含监测对象)户人口数10≥1000人≥1000人10群众生产生活条件改善状况10显著提升显著提升10").len(), 1);
    }

    #[test]
    fn funds_split_only_when_one_reading_is_left() {
        let amounts = [
            Num::Amount,
            Num::Amount,
            Num::Points,
            Num::Rate,
            Num::Points,
        ];
        // 20|20|10 or 202|0|10 or 2|020…: more than one reading.
        assert!(numbers("202010100.00%10", &amounts).len() > 1);
        assert_eq!(
            numbers("100100", &[Num::Points, Num::Points]),
            vec![vec!["100".to_string(), "100".to_string()]]
        );
    }
}
