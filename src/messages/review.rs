//! The review's words ([`crate::review`]): what each rule found, with the form's figures as
//! typed fields, and where in the document, one `match` per language.
//!
//! A finding is shown in the publisher's language in the terminal (`gongkai check`); the
//! review report and the public pages are documents in Chinese and take [`Lang::Zh`].

use super::{Lang, Term};
use std::fmt;

/// What a review rule found. Fields are the data quoted as written (names, values, figures
/// in 万元), never words of either language, except the [`Term`]s.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter)]
pub enum FindingText {
    /// `amount-sum`: 财政资金 + 其他资金 ≠ 预算数.
    AmountSum {
        /// 财政资金 + 其他资金, 万元.
        sum: String,
        /// 预算数, 万元.
        total: String,
    },
    /// `cost-sum-over-budget`: the cost rows add up to more than the 预算数.
    CostSumOverBudget {
        /// How many cost rows.
        count: usize,
        /// Their amounts joined with ` + `.
        parts: String,
        /// Their sum, 万元.
        sum: String,
        /// 预算数, 万元.
        total: String,
    },
    /// `spending-plan`: a milestone whose percentage is not one.
    PlanNotPercent {
        /// The milestone's date as written.
        by: String,
        /// Its percentage as written.
        percent: String,
    },
    /// `spending-plan`: the cumulative plan falls.
    PlanFalls {
        /// The milestone's date as written.
        by: String,
        /// The percentage it falls to.
        percent: String,
    },
    /// `spending-plan`: the plan ends below 100%.
    PlanShort {
        /// The last percentage.
        percent: String,
    },
    /// `unit-total`: a unit's projects do not add up to its stated total.
    UnitTotal {
        /// The unit's name.
        unit: String,
        /// How many projects.
        projects: usize,
        /// Their 预算数 summed, 万元.
        sum: String,
        /// The stated total, 万元.
        stated: String,
    },
    /// `unit-total`: the department's projects do not add up to its stated total.
    DepartmentTotal {
        /// How many projects.
        projects: usize,
        /// Their 预算数 summed, 万元.
        sum: String,
        /// The stated total, 万元.
        stated: String,
    },
    /// `missing-level1`: a table without some 一级指标.
    MissingLevel1 {
        /// The project's name.
        project: String,
        /// The 一级指标 missing.
        missing: Vec<Term>,
    },
    /// `missing-cost`: no 成本指标.
    MissingCost {
        /// The project's name.
        project: String,
        /// Its budget year.
        year: u16,
    },
    /// `unknown-level2`: a 二级指标 outside the vocabulary, or under a 一级 it does not
    /// belong to.
    UnknownLevel2 {
        /// The 二级指标 as written.
        name: String,
        /// The 一级指标 it stands under, when the name is known but belongs under another.
        under: Option<String>,
    },
    /// `blank-value`: the 指标值 left blank.
    BlankValue {
        /// The 三级指标.
        name: String,
    },
    /// `full-quantity`: a 数量指标 of 100%.
    FullQuantity {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `rate-under-quantity`: a percentage under 数量指标.
    RateUnderQuantity {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `rate-under-quantity`: a row named as a rate under 数量指标.
    RateNamedUnderQuantity {
        /// The 三级指标.
        name: String,
    },
    /// `count-under-quality`: a count under 质量指标.
    CountUnderQuality {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `timeliness-no-period`: a 时效指标 with no time.
    TimelinessNoPeriod {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
        /// What the value is.
        shape: Term,
    },
    /// `satisfaction-not-percent`.
    SatisfactionNotPercent {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `likely-swap`: this row and its neighbour each fit the other's 二级指标.
    LikelySwap {
        /// This row's 三级指标.
        name: String,
        /// Its category.
        category: Term,
        /// Its 指标值.
        value: String,
        /// What its value is.
        shape: Term,
        /// The neighbour's 三级指标.
        other: String,
        /// The neighbour's category.
        other_category: Term,
        /// The neighbour's 指标值.
        other_value: String,
        /// What the neighbour's value is.
        other_shape: Term,
    },
    /// `staff-as-output`.
    StaffAsOutput {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `count-no-unit`.
    CountNoUnit {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `rate-in-days`.
    RateInDays {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `weights-not-100`.
    WeightsNot100 {
        /// The project.
        project: String,
        /// The weights' sum.
        sum: String,
        /// How many rows carry a weight.
        rows: usize,
    },
    /// `cost-not-amount`.
    CostNotAmount {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `cost-floor`.
    CostFloor {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `cost-over-budget`.
    CostOverBudget {
        /// The 三级指标.
        name: String,
        /// The cost, 万元.
        cost: String,
        /// 预算数, 万元.
        total: String,
    },
    /// `vague-target`.
    VagueTarget {
        /// The 三级指标.
        name: String,
        /// The 指标值 as written.
        value: String,
    },
    /// `duplicate-indicator`.
    DuplicateIndicator {
        /// The 三级指标.
        name: String,
        /// The first row (1-based).
        first_row: usize,
        /// Its 指标值.
        first_value: String,
        /// This row (1-based).
        row: usize,
        /// Its 指标值.
        value: String,
    },
    /// `copied-targets`.
    CopiedTargets {
        /// The project's name.
        project: String,
        /// How many rows.
        rows: usize,
        /// The year copied from.
        year: u16,
    },
    /// `quantity-lowered`.
    QuantityLowered {
        /// The 三级指标.
        name: String,
        /// The earlier year.
        year: u16,
        /// The earlier 指标值.
        before: String,
        /// This year's 指标值.
        now: String,
        /// The earlier 预算数, 万元.
        budget_then: String,
        /// This year's 预算数, 万元.
        budget_now: String,
    },
    /// `unit-cost-raised`.
    UnitCostRaised {
        /// The unit of the count (次, 家).
        unit: String,
        /// The earlier year.
        year: u16,
        /// The earlier 预算数, 万元.
        budget_then: String,
        /// The earlier count.
        then: String,
        /// The earlier 元 per unit.
        per_then: String,
        /// This year's 预算数, 万元.
        budget_now: String,
        /// This year's count.
        now: String,
        /// This year's 元 per unit.
        per_now: String,
    },
}

/// Where a finding sits, in the form's words (mirrors [`crate::review::Place`]; numbers
/// 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum PlaceText {
    /// The department as a whole.
    Department,
    /// The N-th budget unit.
    Unit(usize),
    /// The N-th project table.
    Project(usize),
    /// Its 预算数.
    Amounts(usize),
    /// Its spending plan.
    Plan(usize),
    /// Its M-th indicator row.
    Row(usize, usize),
}

impl FindingText {
    /// The finding in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn zh(&self) -> String {
        use FindingText as F;
        let t = |t: &Term| t.text(Lang::Zh);
        match self {
            F::AmountSum { sum, total } => {
                format!("财政资金 + 其他资金 = {sum}万元，预算数却是 {total}万元")
            }
            F::CostSumOverBudget {
                count,
                parts,
                sum,
                total,
            } => format!("{count} 项成本指标合计 {parts} = {sum}万元，超过预算数 {total}万元"),
            F::PlanNotPercent { by, percent } => {
                format!("资金支出计划“{by}”的「{percent}」不是百分比")
            }
            F::PlanFalls { by, percent } => format!("累计支出计划在“{by}”回落到 {percent}%"),
            F::PlanShort { percent } => {
                format!("资金支出计划最终只累计到 {percent}%，没有达到100%")
            }
            F::UnitTotal {
                unit,
                projects,
                sum,
                stated,
            } => format!(
                "{unit}的 {projects} 个项目预算数合计 {sum}万元，与写明的单位总额 {stated}万元不符"
            ),
            F::DepartmentTotal {
                projects,
                sum,
                stated,
            } => format!(
                "全部 {projects} 个项目预算数合计 {sum}万元，与写明的部门总额 {stated}万元不符"
            ),
            F::MissingLevel1 { project, missing } => format!(
                "《{project}》没有{}",
                missing.iter().map(t).collect::<Vec<_>>().join("、")
            ),
            F::MissingCost { project, year } => {
                format!("《{project}》是{year}年度的项目，却没有成本指标")
            }
            F::UnknownLevel2 { name, under: None } => format!("二级指标「{name}」不在指标体系中"),
            F::UnknownLevel2 {
                name,
                under: Some(l1),
            } => format!("二级指标「{name}」不属于一级指标「{l1}」"),
            F::BlankValue { name } => format!("「{name}」原表未填写指标值"),
            F::FullQuantity { name, value } => {
                format!("数量指标「{name}」的目标是「{value}」，看不出要完成多少")
            }
            F::RateUnderQuantity { name, value } => {
                format!("数量指标「{name}」的指标值「{value}」是百分比")
            }
            F::RateNamedUnderQuantity { name } => format!("「{name}」是比率，却列在数量指标下"),
            F::CountUnderQuality { name, value } => {
                format!("质量指标「{name}」的指标值「{value}」是数量")
            }
            F::TimelinessNoPeriod { name, value, shape } => format!(
                "时效指标「{name}」的指标值「{value}」是{}，没有时间",
                t(shape)
            ),
            F::SatisfactionNotPercent { name, value } => {
                format!("满意度指标「{name}」的指标值「{value}」不是百分比")
            }
            F::LikelySwap {
                name,
                category,
                value,
                shape,
                other,
                other_category,
                other_value,
                other_shape,
            } => format!(
                "「{name}」列在{}下，指标值「{value}」却是{}；相邻的「{other}」列在{}下，指标值「{other_value}」却是{}：两行疑似填反",
                t(category),
                t(shape),
                t(other_category),
                t(other_shape)
            ),
            F::CostNotAmount { name, value } => {
                format!("成本指标「{name}」写作「{value}」，没有金额")
            }
            F::StaffAsOutput { name, value } => format!(
                "「{name}」（{value}）是本单位的在职或编制人数，是投入，不是产出；请改为项目提供的产品或服务的数量（如培训人次、检查户数），或删去本行"
            ),
            F::CountNoUnit { name, value } => format!(
                "数量指标「{name}」的指标值「{value}」没有计量单位；请补上单位（次、批次、户、人……）"
            ),
            F::RateInDays { name, value } => format!(
                "「{name}」是比率，指标值「{value}」却是时间；请改为百分比（如 ≥95%），或把名称改为时限"
            ),
            F::WeightsNot100 { project, sum, rows } => format!(
                "项目「{project}」{rows} 行指标的权重合计为 {sum}，不是 100（预算执行率单列时为 90 或 80）；请核对各行权重"
            ),
            F::CostFloor { name, value } => {
                format!("成本指标「{name}」写作「{value}」，是下限；成本应是不超过的上限（≤）")
            }
            F::CostOverBudget { name, cost, total } => {
                format!("成本指标「{name}」为 {cost}万元，超过项目预算数 {total}万元")
            }
            F::VagueTarget { name, value } => {
                format!("「{name}」的指标值「{value}」没有可衡量的数值")
            }
            F::DuplicateIndicator {
                name,
                first_row,
                first_value,
                row,
                value,
            } => format!(
                "「{name}」在第 {first_row} 行写作「{first_value}」，在第 {row} 行又写作「{value}」"
            ),
            F::CopiedTargets {
                project,
                rows,
                year,
            } => format!("《{project}》的 {rows} 行指标与{year}年一字不差"),
            F::QuantityLowered {
                name,
                year,
                before,
                now,
                budget_then,
                budget_now,
            } => format!(
                "「{name}」由{year}年的「{before}」降为「{now}」，预算数却由 {budget_then}万元变为 {budget_now}万元"
            ),
            F::UnitCostRaised {
                unit,
                year,
                budget_then,
                then,
                per_then,
                budget_now,
                now,
                per_now,
            } => format!(
                "每{unit}预算由{year}年的 {budget_then}万元 ÷ {then}{unit} = {per_then}元 升至 {budget_now}万元 ÷ {now}{unit} = {per_now}元"
            ),
        }
    }

    fn en(&self) -> String {
        use FindingText as F;
        let t = |t: &Term| t.text(Lang::En);
        match self {
            F::AmountSum { sum, total } => {
                format!("fiscal funds + other funds = {sum} (10k yuan), but the budget is {total}")
            }
            F::CostSumOverBudget {
                count,
                parts,
                sum,
                total,
            } => format!(
                "{count} cost indicators add up to {parts} = {sum} (10k yuan), more than the budget of {total}"
            ),
            F::PlanNotPercent { by, percent } => {
                format!("spending plan “{by}”: “{percent}” is not a percentage")
            }
            F::PlanFalls { by, percent } => {
                format!("the cumulative spending plan falls back to {percent}% at “{by}”")
            }
            F::PlanShort { percent } => {
                format!("the spending plan ends at {percent}%, short of 100%")
            }
            F::UnitTotal {
                unit,
                projects,
                sum,
                stated,
            } => format!(
                "the {projects} projects of “{unit}” add up to {sum} (10k yuan), not the unit's stated total of {stated}"
            ),
            F::DepartmentTotal {
                projects,
                sum,
                stated,
            } => format!(
                "all {projects} projects add up to {sum} (10k yuan), not the department's stated total of {stated}"
            ),
            F::MissingLevel1 { project, missing } => format!(
                "“{project}” has no {}",
                missing.iter().map(t).collect::<Vec<_>>().join(", ")
            ),
            F::MissingCost { project, year } => {
                format!("“{project}” is a project of {year} but has no cost indicator")
            }
            F::UnknownLevel2 { name, under: None } => {
                format!("second-level indicator “{name}” is not in the indicator framework")
            }
            F::UnknownLevel2 {
                name,
                under: Some(l1),
            } => format!("second-level indicator “{name}” does not belong under “{l1}”"),
            F::BlankValue { name } => {
                format!("“{name}”: the source left the target value blank")
            }
            F::FullQuantity { name, value } => format!(
                "quantity indicator “{name}” has the target “{value}”, which says nothing of how much is to be done"
            ),
            F::RateUnderQuantity { name, value } => {
                format!("quantity indicator “{name}” has the target value “{value}”, a percentage")
            }
            F::RateNamedUnderQuantity { name } => {
                format!("“{name}” is a rate, yet listed under quantity indicators")
            }
            F::CountUnderQuality { name, value } => {
                format!("quality indicator “{name}” has the target value “{value}”, a count")
            }
            F::TimelinessNoPeriod { name, value, shape } => format!(
                "timeliness indicator “{name}” has the target value “{value}”, {}, and no time",
                t(shape)
            ),
            F::SatisfactionNotPercent { name, value } => format!(
                "satisfaction indicator “{name}” has the target value “{value}”, not a percentage"
            ),
            F::LikelySwap {
                name,
                category,
                value,
                shape,
                other,
                other_category,
                other_value,
                other_shape,
            } => format!(
                "“{name}” is listed under {} but its value “{value}” is {}; its neighbour “{other}” is listed under {} but its value “{other_value}” is {}: the two rows look swapped",
                t(category),
                t(shape),
                t(other_category),
                t(other_shape)
            ),
            F::CostNotAmount { name, value } => {
                format!("cost indicator “{name}” is written “{value}”, with no amount of money")
            }
            F::StaffAsOutput { name, value } => format!(
                "“{name}” ({value}) is the unit's own staff headcount, an input, not an output: set the number of goods or services the project delivers (people trained, firms inspected), or delete the row"
            ),
            F::CountNoUnit { name, value } => format!(
                "quantity indicator “{name}” has the target “{value}” with no unit: add the unit (times, batches, households, persons…)"
            ),
            F::RateInDays { name, value } => format!(
                "“{name}” is a rate but its target “{value}” is a time: write a percentage (such as ≥95%), or rename it as a time limit"
            ),
            F::WeightsNot100 { project, sum, rows } => format!(
                "the weights of the {rows} indicator rows of project “{project}” add up to {sum}, not 100 (90 or 80 when the budget execution rate is weighted apart): check each row's weight"
            ),
            F::CostFloor { name, value } => format!(
                "cost indicator “{name}” is written “{value}”, a floor; a cost is a ceiling not to exceed (≤)"
            ),
            F::CostOverBudget { name, cost, total } => format!(
                "cost indicator “{name}” is {cost} (10k yuan), more than the project's budget of {total}"
            ),
            F::VagueTarget { name, value } => {
                format!("“{name}”: the target value “{value}” has nothing measurable")
            }
            F::DuplicateIndicator {
                name,
                first_row,
                first_value,
                row,
                value,
            } => format!(
                "“{name}” is “{first_value}” in row {first_row} and again “{value}” in row {row}"
            ),
            F::CopiedTargets {
                project,
                rows,
                year,
            } => format!(
                "the {rows} indicator rows of “{project}” are word for word those of {year}"
            ),
            F::QuantityLowered {
                name,
                year,
                before,
                now,
                budget_then,
                budget_now,
            } => format!(
                "“{name}” went down from “{before}” in {year} to “{now}”, while the budget went from {budget_then} to {budget_now} (10k yuan)"
            ),
            F::UnitCostRaised {
                unit,
                year,
                budget_then,
                then,
                per_then,
                budget_now,
                now,
                per_now,
            } => format!(
                "the budget per “{unit}” rose from {budget_then} (10k yuan) ÷ {then} = {per_then} yuan in {year} to {budget_now} ÷ {now} = {per_now} yuan"
            ),
        }
    }
}

impl PlaceText {
    /// The place in `lang`.
    pub fn text(self, lang: Lang) -> String {
        use PlaceText as P;
        match lang {
            Lang::Zh => match self {
                P::Department => "部门整体".into(),
                P::Unit(u) => format!("第 {u} 个预算单位"),
                P::Project(p) => format!("第 {p} 个项目表"),
                P::Amounts(p) => format!("第 {p} 个项目表 预算数"),
                P::Plan(p) => format!("第 {p} 个项目表 资金支出计划"),
                P::Row(p, i) => format!("第 {p} 个项目表 指标第 {i} 行"),
            },
            Lang::En => match self {
                P::Department => "the department as a whole".into(),
                P::Unit(u) => format!("budget unit {u}"),
                P::Project(p) => format!("project table {p}"),
                P::Amounts(p) => format!("project table {p}, budget"),
                P::Plan(p) => format!("project table {p}, spending plan"),
                P::Row(p, i) => format!("project table {p}, indicator row {i}"),
            },
        }
    }
}

impl fmt::Display for FindingText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::current()))
    }
}

impl fmt::Display for PlaceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::current()))
    }
}
