//! Rules on single indicator rows and on neighbouring rows: the value's form against its
//! 二级指标 (and the likely swap of two rows), cost floors and costs above the budget, vague
//! targets, blank values and duplicate indicators; the unit's staff set as an output, a count
//! without a unit and a rate written as a time.

use super::shape::{self, Category, Shape};
use super::{Finding, Place, Rule};
use crate::content::model::value::{Magnitude, Quantity, TargetValue, TimeUnit};
use crate::content::model::{Document, Indicator, Project};
use crate::messages::FindingText;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Runs the row rules on every project of `doc`.
pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (pi, p) in doc.projects.iter().enumerate() {
        check_project(pi, p, out);
    }
}

/// True for a row the document fills in (it has a 三级指标 or a description).
pub fn is_named(row: &Indicator) -> bool {
    row.is_named()
}

/// The row rules on one project (`pi` is its index in the document).
pub fn check_project(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let swapped = swaps(pi, p, out);
    for (i, row) in p.indicators.iter().enumerate() {
        if !is_named(row) {
            continue;
        }
        let at = Place::Row(pi, i);
        if row.value.is_written() && row.value.raw().trim().is_empty() {
            out.push(Finding::new(
                Rule::BlankValue,
                at,
                FindingText::BlankValue {
                    name: row.name.to_string(),
                },
            ));
            continue;
        }
        if !swapped.contains(&i) {
            form(at, row, out);
        }
        cost(at, row, p, out);
        vague(at, row, out);
        staff(at, row, out);
        measure(at, row, out);
    }
    duplicates(pi, p, out);
}

/// The name without spaces and without a unit in brackets at its end (`保障在职职工人数(人)` →
/// `保障在职职工人数`), and that unit.
fn bare_name(row: &Indicator) -> (String, Option<String>) {
    let n: String = row.name.chars().filter(|c| !c.is_whitespace()).collect();
    match n.rfind(['（', '(']) {
        Some(at) if at > 0 && n.ends_with(['）', ')']) => {
            let open = n[at..].chars().next().map_or(1, char::len_utf8);
            let close = n.chars().last().map_or(1, char::len_utf8);
            let unit = n[at + open..n.len() - close].to_string();
            (n[..at].to_string(), Some(unit).filter(|u| !u.is_empty()))
        }
        _ => (n, None),
    }
}

/// True when a bare number's percent sign stands in the unit column (度量单位 `%`) or in
/// brackets after the name (`服务对象满意度（%）` `≥90`): the number is a rate.
fn percent_elsewhere(row: &Indicator) -> bool {
    let percent = |u: &str| matches!(u.trim(), "%" | "％" | "百分比");
    row.unit.as_deref().is_some_and(percent) || bare_name(row).1.as_deref().is_some_and(percent)
}

/// The unit's own staff as an output: a 数量指标 (or a row under 产出) that counts the
/// people the unit employs (在职人数, 编制人数, 在编人员数), not people it serves. A name that
/// says the people are served (培训, 帮扶, 体检…) is not flagged.
fn staff(at: Place, row: &Indicator, out: &mut Vec<Finding>) {
    use regex::Regex;
    use std::sync::LazyLock;
    static STAFF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:在职|在编|在岗|编制内?|实有|现有)(?:干部)?(?:职工|人员|干部|员工)?(?:总)?(?:人数|人员数|数)$|^(?:干部)?(?:职工|员工)(?:总)?人数$",
        )
        .unwrap()
    });
    const SERVED: [&str; 12] = [
        "培训", "服务", "帮扶", "慰问", "体检", "招聘", "招录", "考核", "覆盖", "救助", "资助",
        "安置",
    ];
    // Every name the rule reads ends in 数: most rows are passed over without more work.
    if !row.name.contains('数') {
        return;
    }
    let output = Category::of(row) == Category::Quantity || row.level1.contains("产出");
    if !output {
        return;
    }
    let (name, _) = bare_name(row);
    if !named_as_rate_or_share(&name)
        && STAFF.is_match(&name)
        && !SERVED.iter().any(|w| name.contains(w))
    {
        out.push(Finding::new(
            Rule::StaffAsOutput,
            at,
            FindingText::StaffAsOutput {
                name: row.name.to_string(),
                value: row.value.raw().to_string(),
            },
        ));
    }
}

/// A name that is a rate or a share (`…率`, `…比例`).
fn named_as_rate_or_share(name: &str) -> bool {
    name.ends_with('率') || name.ends_with("比例")
}

/// Measure words a name may end its count with (`检查次数`, `培训人次`): the unit is then
/// stated by the name.
const COUNTED: [&str; 30] = [
    "次数", "人数", "个数", "户数", "家数", "件数", "台数", "套数", "项数", "所数", "场数", "份数",
    "册数", "亩数", "处数", "座数", "辆数", "头数", "名数", "期数", "篇数", "条数", "人次", "批次",
    "场次", "户次", "车次", "架次", "天数", "起数",
];

/// A count without a unit under 数量指标, and a rate whose target is a time.
fn measure(at: Place, row: &Indicator, out: &mut Vec<Finding>) {
    let raw = row.value.raw();
    if Shape::of(row) == Shape::Bare
        && Category::of(row) == Category::Quantity
        && row.unit.as_deref().is_none_or(|u| u.trim().is_empty())
        && shape::quantity(row).is_some_and(|q| !shape::number(q).is_zero())
        && let (name, None) = bare_name(row)
        && !COUNTED.iter().any(|w| name.ends_with(w))
    {
        out.push(Finding::new(
            Rule::CountNoUnit,
            at,
            FindingText::CountNoUnit {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        ));
    }
    // A rate's target in a unit of time (days, working days, hours, weeks, months…); a year
    // may be a date, 频率 a count per period.
    if !row.name.contains('率') {
        return;
    }
    let (name, _) = bare_name(row);
    let in_time = shape::quantity(row)
        .and_then(Quantity::time_unit)
        .is_some_and(|u| u != TimeUnit::Year);
    if name.ends_with('率') && !name.ends_with("频率") && in_time {
        out.push(Finding::new(
            Rule::RateInDays,
            at,
            FindingText::RateInDays {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        ));
    }
}

/// A row's value against its 二级指标.
fn form(at: Place, row: &Indicator, out: &mut Vec<Finding>) {
    let category = Category::of(row);
    let shape = Shape::of(row);
    let raw = row.value.raw();
    match category {
        Category::Quantity => {
            let full = shape::quantity(row).is_some_and(|q| {
                shape == Shape::Rate
                    && q.magnitude
                        == Magnitude::Exact {
                            value: Decimal::from(100),
                        }
            });
            if full {
                out.push(Finding::new(
                    Rule::FullQuantity,
                    at,
                    FindingText::FullQuantity {
                        name: row.name.to_string(),
                        value: raw.to_string(),
                    },
                ));
            } else if shape == Shape::Rate {
                out.push(Finding::new(
                    Rule::RateUnderQuantity,
                    at,
                    FindingText::RateUnderQuantity {
                        name: row.name.to_string(),
                        value: raw.to_string(),
                    },
                ));
            } else if shape::named_as_rate(row) && shape != Shape::Count {
                out.push(Finding::new(
                    Rule::RateUnderQuantity,
                    at,
                    FindingText::RateNamedUnderQuantity {
                        name: row.name.to_string(),
                    },
                ));
            }
        }
        Category::Quality if shape == Shape::Count => out.push(Finding::new(
            Rule::CountUnderQuality,
            at,
            FindingText::CountUnderQuality {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        )),
        Category::Timeliness if matches!(shape, Shape::Count | Shape::Bare) => {
            out.push(Finding::new(
                Rule::TimelinessNoPeriod,
                at,
                FindingText::TimelinessNoPeriod {
                    name: row.name.to_string(),
                    value: raw.to_string(),
                    shape: shape.term(),
                },
            ))
        }
        Category::Satisfaction
            if shape != Shape::Rate
                && !(shape == Shape::Bare && percent_elsewhere(row))
                && !matches!(row.value.parsed(), TargetValue::Empty) =>
        {
            out.push(Finding::new(
                Rule::SatisfactionNotPercent,
                at,
                FindingText::SatisfactionNotPercent {
                    name: row.name.to_string(),
                    value: raw.to_string(),
                },
            ))
        }
        _ => {}
    }
}

/// Neighbouring rows that each contradict their own 二级指标 and fit the other's. Reports
/// the pair on both rows and returns their indexes, whose own form findings are then left
/// out (one finding says it better than four).
fn swaps(pi: usize, p: &Project, out: &mut Vec<Finding>) -> Vec<usize> {
    let mut swapped = Vec::new();
    let rows = &p.indicators;
    for i in 1..rows.len() {
        let (a, b) = (&rows[i - 1], &rows[i]);
        if swapped.contains(&(i - 1)) || !is_named(a) || !is_named(b) {
            continue;
        }
        let (ca, cb) = (Category::of(a), Category::of(b));
        let (sa, sb) = (Shape::of(a), Shape::of(b));
        if ca != cb
            && sa.fits(ca) == Some(false)
            && sb.fits(cb) == Some(false)
            && sa.fits(cb) == Some(true)
            && sb.fits(ca) == Some(true)
        {
            for (x, y, n) in [(a, b, i - 1), (b, a, i)] {
                out.push(Finding::new(
                    Rule::LikelySwap,
                    Place::Row(pi, n),
                    FindingText::LikelySwap {
                        name: x.name.to_string(),
                        category: Category::of(x).term(),
                        value: x.value.raw().to_string(),
                        shape: Shape::of(x).term(),
                        other: y.name.to_string(),
                        other_category: Category::of(y).term(),
                        other_value: y.value.raw().to_string(),
                        other_shape: Shape::of(y).term(),
                    },
                ));
            }
            swapped.extend([i - 1, i]);
        }
    }
    swapped
}

/// Cost rows: a floor, or one cost above the whole budget.
fn cost(at: Place, row: &Indicator, p: &Project, out: &mut Vec<Finding>) {
    if Category::of(row) != Category::Cost {
        return;
    }
    let raw = row.value.raw();
    // Social and ecological cost (layout B, S21) need not be money.
    let money_cost = !row.level2.contains("社会") && !row.level2.contains("生态");
    if money_cost
        && !raw.trim().is_empty()
        // A count is no amount either (`470人/天`: persons a day, no money).
        && matches!(
            Shape::of(row),
            Shape::Rate | Shape::Count | Shape::Score | Shape::Vague | Shape::Other
        )
    {
        out.push(Finding::new(
            Rule::CostNotAmount,
            at,
            FindingText::CostNotAmount {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        ));
    }
    let Some(q) = shape::quantity(row) else {
        return;
    };
    if shape::is_floor(q) {
        out.push(Finding::new(
            Rule::CostFloor,
            at,
            FindingText::CostFloor {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        ));
    }
    if let Some(w) = shape::wan(q)
        && w > p.amounts.total.0
    {
        out.push(Finding::new(
            Rule::CostOverBudget,
            at,
            FindingText::CostOverBudget {
                name: row.name.to_string(),
                cost: w.to_string(),
                total: p.amounts.total.to_string(),
            },
        ));
    }
}

/// Words that make a target a trend or an impression with nothing to measure, when the
/// value holds no number. A graded level (好, 良好, 较高, 高中低) is a qualitative target of the
/// kind S5 and S6 allow, and is not among them.
const VAGUE_WORDS: &[&str] = &[
    "逐步",
    "明显",
    "有所",
    "进一步",
    "日益",
    "不断",
    "稳步",
    "显著",
    "持续",
    "加强",
    "增强",
    "提升",
    "提高",
    "改善",
    // An effect asserted, not measured (corpus 03 有效, 11 正面支撑 and 有力保障); a tier of a
    // graded scale (良好, 较好) is read as one and never reaches this list.
    "有效",
    "有力",
    "支撑",
    // A manner of working stated instead of a level reached (corpus 02 参照政府采购成本控制,
    // 04 严格按照指标任务落实工作, 17 及时支出): 时效 asks for a deadline, a period or an
    // on-time rate, 成本 for an amount (review-rules.md (b), S9).
    "及时",
    "按时",
    "按期",
    "如期",
    "按照",
    "参照",
    "严格",
    "落实",
];

/// A target with nothing measurable, where a number could be set.
fn vague(at: Place, row: &Indicator, out: &mut Vec<Finding>) {
    if matches!(Category::of(row), Category::Satisfaction | Category::Cost) {
        return; // said better by satisfaction-not-percent and cost-not-amount
    }
    let raw = row.value.raw();
    let vague = match row.value.parsed() {
        TargetValue::Qualitative(_) => Shape::of(row) == Shape::Vague,
        TargetValue::Unparsed => {
            !raw.chars().any(|c| c.is_ascii_digit()) && VAGUE_WORDS.iter().any(|w| raw.contains(w))
        }
        _ => false,
    };
    if vague {
        out.push(Finding::new(
            Rule::VagueTarget,
            at,
            FindingText::VagueTarget {
                name: row.name.to_string(),
                value: raw.to_string(),
            },
        ));
    }
}

/// One 三级指标 written twice in a table with different values.
fn duplicates(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, row) in p.indicators.iter().enumerate() {
        let name = row.name.trim();
        if name.is_empty() {
            continue;
        }
        match first.get(name) {
            Some(&j) if p.indicators[j].value.raw().trim() != row.value.raw().trim() => {
                out.push(Finding::new(
                    Rule::DuplicateIndicator,
                    Place::Row(pi, i),
                    FindingText::DuplicateIndicator {
                        name: name.to_string(),
                        first_row: j + 1,
                        first_value: p.indicators[j].value.raw().to_string(),
                        row: i + 1,
                        value: row.value.raw().to_string(),
                    },
                ))
            }
            Some(_) => {}
            None => {
                first.insert(name, i);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::model::{Amounts, Target, Wan};

    /// An indicator row as the seeds and corpus print it.
    pub fn row(level1: &str, level2: &str, name: &str, value: &str) -> Indicator {
        Indicator {
            level1: level1.into(),
            level2: level2.into(),
            name: name.into(),
            value: Target::new(value),
            ..Indicator::default()
        }
    }

    /// A project with `total` 万元 and these rows.
    pub fn project(name: &str, total: &str, rows: Vec<Indicator>) -> Project {
        let total: Wan = total.parse().unwrap();
        Project {
            unit: None,
            code: None,
            id: Some("p".into()),
            name: name.into(),
            amounts: Amounts {
                total,
                fiscal: Some(total),
                other: None,
            },
            purpose: None,
            spending_plan: vec![],
            goals: vec![],
            indicators: rows,
            notes: vec![],
            answers: vec![],
        }
    }

    fn rules_of(p: &Project) -> Vec<(Rule, usize)> {
        let mut out = Vec::new();
        check_project(0, p, &mut out);
        out.into_iter()
            .map(|f| (f.rule, f.place.row_number().unwrap_or(0)))
            .collect()
    }

    fn flags(rule: Rule, rows: Vec<Indicator>) -> bool {
        rules_of(&project("p", "30", rows))
            .iter()
            .any(|(r, _)| *r == rule)
    }

    #[test]
    fn cost_floor() {
        // Seed 003, 河西区《抽验检查工作经费》: a ceiling, as a cost should be.
        let ceiling = row(
            "产出指标",
            "成本指标",
            "特种设备生产单位、使用单位检查费用",
            "≤8万元",
        );
        assert!(!flags(Rule::CostFloor, vec![ceiling.clone()]));
        // The same row written as the department of issue 19 wrote its six cost rows.
        let floor = row(
            "产出指标",
            "成本指标",
            "特种设备生产单位、使用单位检查费用",
            "≥8万元",
        );
        assert!(flags(Rule::CostFloor, vec![floor]));
        // 不低于 is a floor too.
        assert!(flags(
            Rule::CostFloor,
            vec![row("产出指标", "成本指标", "检查费用", "不低于8万元")]
        ));
    }

    #[test]
    fn cost_over_budget() {
        // Seed 004, 乐亭县《办公楼运维费》: 项目成本 10.36万元 equals 预算数 10.36万元.
        let p = project(
            "办公楼运维费",
            "10.36",
            vec![row("产出指标", "成本指标", "项目成本", "10.36万元")],
        );
        assert!(!rules_of(&p).iter().any(|(r, _)| *r == Rule::CostOverBudget));
        // Corpus 11, 黄山市公安局: 维护成本 <1681680元 on a budget of 168.168万元: not over.
        let p = project(
            "运维",
            "168.168",
            vec![row("产出指标", "成本指标", "维护成本", "<1681680元")],
        );
        assert!(!rules_of(&p).iter().any(|(r, _)| *r == Rule::CostOverBudget));
        // Written in 元 and over the budget.
        let p = project(
            "运维",
            "10.36",
            vec![row("产出指标", "成本指标", "项目成本", "≤150000元")],
        );
        assert!(rules_of(&p).contains(&(Rule::CostOverBudget, 1)));
    }

    #[test]
    fn cost_not_amount() {
        // Corpus 05, 石嘴山市疾控中心 (line 38): a cost written as 100% compliance; corpus 04
        // (line 32): a sentence.
        assert!(flags(
            Rule::CostNotAmount,
            vec![row(
                "产出指标",
                "成本指标(必填硬性指标)",
                "按照物价部门定价标准采购",
                "100%"
            )]
        ));
        assert!(flags(
            Rule::CostNotAmount,
            vec![row(
                "项目完成指标",
                "成本指标",
                "严控成本",
                "严格按照指标任务落实工作"
            )]
        ));
        // Corpus ganzi-2023 (line 8): persons a day, a count and no amount.
        assert!(flags(
            Rule::CostNotAmount,
            vec![row("产出指标", "成本指标", "检查差旅费", "470人/天")]
        ));
        // Seed 003, 河西区: 监督抽检总费用 ≤137万元; seed 001: 单次审计费用 ≦700元.
        assert!(!flags(
            Rule::CostNotAmount,
            vec![
                row("产出指标", "成本指标", "监督抽检总费用", "≤137万元"),
                row("产出指标", "成本指标", "单次审计费用", "≦700元"),
            ]
        ));
        // Layout B's 社会成本指标 need not be money (corpus 12).
        assert!(!flags(
            Rule::CostNotAmount,
            vec![row("成本指标", "社会成本指标", "对社会环境的影响", "无")]
        ));
    }

    #[test]
    fn rate_under_quantity() {
        // Seed 004, 乐亭县《特种设备隐患排查专家会诊费》: 检查数量 ≥95% under 数量指标.
        assert!(flags(
            Rule::RateUnderQuantity,
            vec![row("产出指标", "数量指标", "检查数量", "≥95%")]
        ));
        // Seed 004, 乐亭县《基层特种设备执法装备配备保障经费》: 支出完成率 ≥95%.
        assert!(flags(
            Rule::RateUnderQuantity,
            vec![row("产出指标", "数量指标", "支出完成率", "≥95%")]
        ));
        // Seed 002, 巨鹿县《食品抽检经费》: a count, as it should be.
        assert!(!flags(
            Rule::RateUnderQuantity,
            vec![row("产出指标", "数量指标", "食品抽检批次", "≥650批次")]
        ));
    }

    #[test]
    fn full_quantity() {
        // Seed 004, 乐亭县《食品药品举报奖》: 举报线索处置率(%) 100% under 数量指标: one finding.
        let found = rules_of(&project(
            "食品药品举报奖",
            "5",
            vec![row("产出指标", "数量指标", "举报线索处置率(%)", "100%")],
        ));
        assert_eq!(found, vec![(Rule::FullQuantity, 1)]);
        // Seed 004, 乐亭县《商品质量宣传检测执法经费》: 抽检批次 1000批次.
        assert!(!flags(
            Rule::FullQuantity,
            vec![row("产出指标", "数量指标", "抽检批次", "1000批次")]
        ));
    }

    #[test]
    fn count_under_quality() {
        // Seed 003, 河西区《食品安全工作经费》: 抽检合格率 ≥98%.
        assert!(!flags(
            Rule::CountUnderQuality,
            vec![row("产出指标", "质量指标", "抽检合格率", "≥98%")]
        ));
        // Corpus luan-2024 (line 24), 六安市农业农村局: 实验室仪器维修维护 ≥4次 under 质量指标.
        assert!(flags(
            Rule::CountUnderQuality,
            vec![row("产出指标", "质量指标", "实验室仪器维修维护", "≥4次")]
        ));
        // A score is a level reached, not a count (考核得分 ≥90分); under 成本 it is no amount.
        assert!(!flags(
            Rule::CountUnderQuality,
            vec![row("产出指标", "质量指标", "年度考核得分", "≥90分")]
        ));
        assert!(flags(
            Rule::CostNotAmount,
            vec![row("产出指标", "成本指标", "成本控制", "≥90分")]
        ));
        // Corpus 22, 金安区残联: 验收合格率 1 has no unit: not a count, not flagged.
        assert!(!flags(
            Rule::CountUnderQuality,
            vec![row("产出指标", "质量指标", "验收合格率", "1")]
        ));
    }

    #[test]
    fn timeliness_no_period() {
        // Corpus ganzi-2023: 完成时限 1, no unit.
        assert!(flags(
            Rule::TimelinessNoPeriod,
            vec![row("产出指标", "时效指标", "完成时限", "1")]
        ));
        // Seed 002, 巨鹿县《散煤治理专项经费》: 案件办理时限 ≤90天; 《非财政开支人员工作经费》
        // 养老保险等缴纳时限 每月25日前缴纳.
        assert!(!flags(
            Rule::TimelinessNoPeriod,
            vec![
                row("产出指标", "时效指标", "案件办理时限", "≤90天"),
                row(
                    "产出指标",
                    "时效指标",
                    "养老保险等缴纳时限",
                    "每月25日前缴纳"
                ),
            ]
        ));
    }

    #[test]
    fn satisfaction_not_percent() {
        // Corpus 04, 昭化区疾控中心: 群众幸福感 明显提升.
        let found = rules_of(&project(
            "麻风病防治",
            "4",
            vec![row("满意度指标", "满意度指标", "群众幸福感", "明显提升")],
        ));
        assert_eq!(found, vec![(Rule::SatisfactionNotPercent, 1)]);
        // Seed 004, 乐亭县: 服务对象满意度（%） ≥90%.
        assert!(!flags(
            Rule::SatisfactionNotPercent,
            vec![row(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度（%）",
                "≥90%"
            )]
        ));
        // The percent sign in the name's brackets or in the unit column: a bare number is a
        // rate; without either it is not.
        let bare = row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90");
        assert!(flags(Rule::SatisfactionNotPercent, vec![bare.clone()]));
        let mut in_column = bare.clone();
        in_column.unit = Some("%".into());
        let in_name = row(
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度（％）",
            "≥90",
        );
        for ok in [in_column, in_name] {
            assert!(
                !flags(Rule::SatisfactionNotPercent, vec![ok.clone()]),
                "{ok:?}"
            );
        }
    }

    #[test]
    fn likely_swap() {
        // Seed 004, 乐亭县《特种设备隐患排查专家会诊费》: 检查数量 ≥95% then 检查企业覆盖率
        // ≥85%: the first is wrong, the second fits 质量指标, so no swap.
        let real = vec![
            row("产出指标", "数量指标", "检查数量", "≥95%"),
            row("产出指标", "质量指标", "检查企业覆盖率", "≥85%"),
        ];
        let found = rules_of(&project("会诊费", "30", real));
        assert_eq!(found, vec![(Rule::RateUnderQuantity, 1)]);
        // The department of issue 19: the rate and the count each under the other's 二级.
        let swapped = vec![
            row("产出指标", "数量指标", "巡查覆盖率", "≥95%"),
            row("产出指标", "质量指标", "日常巡查次数", "≥1440次"),
        ];
        let found = rules_of(&project("巡查", "30", swapped));
        assert_eq!(found, vec![(Rule::LikelySwap, 1), (Rule::LikelySwap, 2)]);
    }

    #[test]
    fn vague_target() {
        // Seed 004, 乐亭县《办公楼运维费》: 市场监管工作水平 日益提高; corpus 04: 明显增加.
        assert!(flags(
            Rule::VagueTarget,
            vec![row(
                "效益指标",
                "社会效益指标",
                "市场监管工作水平",
                "日益提高"
            )]
        ));
        assert!(flags(
            Rule::VagueTarget,
            vec![row(
                "效益指标",
                "社会效益指标",
                "政府对麻风村休养员的关爱",
                "明显增加"
            )]
        ));
        // A manner of working, not a level: corpus 17 及时支出, 04 严格按照指标任务落实工作; an
        // on-time rate with its figure is measurable. Under 成本 (02 参照政府采购成本控制)
        // cost-not-amount says it.
        for (l2, name, value) in [
            ("时效指标", "资金支付时效", "及时支出"),
            ("质量指标", "工作完成质量", "严格按照指标任务落实工作"),
        ] {
            assert!(
                flags(Rule::VagueTarget, vec![row("产出指标", l2, name, value)]),
                "{value}"
            );
        }
        assert!(!flags(
            Rule::VagueTarget,
            vec![row("产出指标", "时效指标", "资金支付及时率", "≥95%")]
        ));
        let cost = vec![row(
            "产出指标",
            "成本指标",
            "采购成本",
            "参照政府采购成本控制",
        )];
        assert!(!flags(Rule::VagueTarget, cost.clone()));
        assert!(flags(Rule::CostNotAmount, cost));
        // Seed 002, 巨鹿县: 重大案件发生次数 0次 is measurable.
        assert!(!flags(
            Rule::VagueTarget,
            vec![row("效益指标", "社会效益指标", "重大案件发生次数", "0次")]
        ));
        // Corpus 01, 青山区: 稳步提高 is a trend; corpus 04 and 17: 良好 and 程度较高 are one
        // tier of a graded scale, what the rules ask for where no number can be set.
        assert!(flags(
            Rule::VagueTarget,
            vec![row(
                "效益指标",
                "社会效益指标",
                "优质均衡发展情况",
                "稳步提高"
            )]
        ));
        for asserted in ["有效", "正面支撑", "有力保障"] {
            assert!(
                flags(
                    Rule::VagueTarget,
                    vec![row("效益指标", "经济效益指标", "服务保障民生", asserted)]
                ),
                "{asserted}"
            );
        }
        for tier in ["良好", "程度较高", "合格"] {
            assert!(
                !flags(
                    Rule::VagueTarget,
                    vec![row("效益指标", "社会效益指标", "群众安全感", tier)]
                ),
                "{tier}"
            );
        }
    }

    #[test]
    fn blank_value() {
        // Seed 002, 巨鹿县《食品抽检经费》: 违法企业处理率, blank in the source, written so.
        let mut blank = row("效益指标", "社会效益指标", "违法企业处理率", "");
        assert!(flags(Rule::BlankValue, vec![blank.clone()]));
        // Left out of the file: not a finding about the source (check reports it instead).
        blank.value = Target::default();
        assert!(!flags(Rule::BlankValue, vec![blank]));
        // Seed 002, 《市场监管检测经费》: 违法企业处理率 100%.
        assert!(!flags(
            Rule::BlankValue,
            vec![row("效益指标", "社会效益指标", "违法企业处理率", "100%")]
        ));
    }

    #[test]
    fn duplicate_indicator() {
        // Seed 001: 组织开展专项检查次数 ≥2个 in one project; the same row repeated with the
        // same value is not flagged, with another value it is.
        let a = row("产出指标", "数量指标", "组织开展专项检查次数", "≥2个");
        assert!(!flags(Rule::DuplicateIndicator, vec![a.clone(), a.clone()]));
        let b = row("产出指标", "数量指标", "组织开展专项检查次数", "≥3个");
        assert!(rules_of(&project("p", "40", vec![a, b])).contains(&(Rule::DuplicateIndicator, 2)));
    }

    #[test]
    fn staff_as_output() {
        // Corpus 18, 浮梁县林业局2026: the unit's own staff as an output.
        let staff = row("产出指标", "数量指标", "保障在职职工人数(人)", "=116人");
        assert!(flags(Rule::StaffAsOutput, vec![staff]));
        for name in ["编制人数", "在编人员数", "实有人数", "干部职工人数"] {
            assert!(
                flags(
                    Rule::StaffAsOutput,
                    vec![row("产出指标", "数量指标", name, "30人")]
                ),
                "{name}"
            );
        }
        // People the project serves, a share of staff, and a row outside 产出 are not.
        for (l1, l2, name) in [
            ("产出指标", "数量指标", "组织州县食安委成员单位人员培训"),
            ("产出指标", "数量指标", "培训在职人员人数"),
            ("产出指标", "数量指标", "帮扶在职困难职工人数"),
            ("产出指标", "质量指标", "在职人员持证上岗率"),
            ("效益指标", "社会效益指标", "在职职工人数"),
            ("产出指标", "数量指标", "编制印发方案数"),
        ] {
            assert!(
                !flags(Rule::StaffAsOutput, vec![row(l1, l2, name, "30人")]),
                "{name}"
            );
        }
    }

    #[test]
    fn count_no_unit() {
        // Corpus ganzi-2023: the 度量单位 column left empty.
        let bare = row("产出指标", "数量指标", "召开食品安委会全体会议", "2");
        assert!(flags(Rule::CountNoUnit, vec![bare.clone()]));
        // A unit in the value, in the unit column or in the name; a zero; another 二级.
        let mut in_column = bare.clone();
        in_column.unit = Some("次".into());
        for ok in [
            row("产出指标", "数量指标", "食品抽检批次", "≥650批次"),
            in_column,
            row("产出指标", "数量指标", "召开会议(次)", "2"),
            row("产出指标", "数量指标", "组织开展专项检查次数", "≥2"),
            row("产出指标", "数量指标", "重大安全事故", "0"),
            row("产出指标", "质量指标", "验收合格率", "100"),
        ] {
            assert!(!flags(Rule::CountNoUnit, vec![ok.clone()]), "{ok:?}");
        }
    }

    #[test]
    fn rate_in_days() {
        // Corpus luan-2024: 检测及时率 ≤7工作日.
        let days = row("产出指标", "时效指标", "检测及时率", "≤7工作日");
        assert!(flags(Rule::RateInDays, vec![days]));
        assert!(flags(
            Rule::RateInDays,
            vec![row("产出指标", "时效指标", "投诉办结率", "≤15天")]
        ));
        for ok in [
            row("产出指标", "时效指标", "案件办理时限", "≤90天"),
            row("产出指标", "时效指标", "检测及时率", "≥95%"),
            row("产出指标", "数量指标", "巡查频率", "≥2天"),
            row("产出指标", "时效指标", "完成率", "2024年12月"),
            row("效益指标", "可持续影响指标", "设施完好率", "≥5年"),
            row("产出指标", "时效指标", "及时率", "3个内"),
        ] {
            assert!(!flags(Rule::RateInDays, vec![ok.clone()]), "{ok:?}");
        }
        // Every other unit of time, with a comparison word or a trailing 内.
        for value in [
            "3个工作日内",
            "不超过5个工作日",
            "≤30自然日",
            "≤30日历天",
            "2日",
            "≤1周",
            "1个星期以内",
            "≤3个月",
            "1个季度",
            "<24小时",
            "≤30分钟",
            "5-7天",
        ] {
            assert!(
                flags(
                    Rule::RateInDays,
                    vec![row("产出指标", "时效指标", "办结及时率", value)]
                ),
                "{value}"
            );
        }
    }
}
