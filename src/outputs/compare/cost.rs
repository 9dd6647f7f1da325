//! The honest cost per unit of a counted output: the budget that really pays for that output,
//! divided by the target. A project's budget usually pays for several outputs, so dividing it
//! by one of them overstates that output's cost; the rules, in order:
//!
//! 1. a 成本指标 row of the project that names this output (and no other of its 数量指标) gives
//!    the amount: `全年食品抽检经费金额 30万元` for `食品抽检批次 ≥650批次`;
//! 2. else the project's 预算数, but only when the row is the project's sole 数量指标;
//! 3. else no figure: the project also pays for other outputs.

use crate::content::model::value::{Magnitude, TargetValue};
use crate::content::model::{Indicator, Project, Wan};
use rust_decimal::Decimal;
use serde::Serialize;

/// Which budget was divided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis<'a> {
    /// A 成本指标 row for this output: its 三级指标 name and the amount in 万元.
    CostRow {
        /// The cost row's 三级指标, as written.
        name: &'a str,
        /// The amount it states, in 万元.
        amount: Decimal,
    },
    /// The project's 预算数: the row is the project's only 数量指标.
    ProjectBudget(Wan),
}

/// Why no figure is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The project has several 数量指标 and no 成本指标 row for this one alone.
    OtherOutputs,
}

impl Reason {
    /// What the page says instead of a figure.
    pub fn text(self) -> &'static str {
        match self {
            Reason::OtherOutputs => "项目还资助其他产出，不能折算单位成本",
        }
    }
}

/// The cost per unit of one counted row, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitCost<'a> {
    /// A figure: `basis` ÷ `count` `unit`.
    Figure {
        /// The budget divided.
        basis: Basis<'a>,
        /// The target, a positive number.
        count: Decimal,
        /// The target's unit (`批次`).
        unit: String,
    },
    /// No figure, for this reason.
    None(Reason),
}

/// How the page and the CSV show a [`UnitCost`] (kept with a comparison's rows between the
/// check of a document and its comparisons, [`super::rows`]).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CostView {
    /// The figure (`461.5元/批次`); empty when there is none.
    pub figure: String,
    /// The arithmetic (`30万元 ÷ 650批次`), or the reason when there is no figure.
    pub how: String,
    /// Which budget was divided (`成本指标“全年食品抽检经费金额”`), empty without a figure.
    pub basis: String,
}

impl UnitCost<'_> {
    /// The cost in 元 per unit, rounded to one decimal; none without a figure.
    pub fn yuan_per_unit(&self) -> Option<Decimal> {
        match self {
            UnitCost::Figure { basis, count, .. } => {
                let wan = match basis {
                    Basis::CostRow { amount, .. } => *amount,
                    Basis::ProjectBudget(w) => w.0,
                };
                // Checked: a tiny count (0.0000001批次) must not overflow the division.
                Wan(wan)
                    .yuan()
                    .checked_div(*count)
                    .map(|per| per.round_dp(1).normalize())
            }
            UnitCost::None(_) => None,
        }
    }

    /// The text shown beside the row.
    pub fn view(&self) -> CostView {
        match self {
            UnitCost::Figure { basis, count, unit } => {
                let (amount, basis) = match basis {
                    Basis::CostRow { name, amount } => (*amount, format!("成本指标“{name}”")),
                    Basis::ProjectBudget(w) => (w.0, "项目预算数（本项目唯一的数量指标）".into()),
                };
                CostView {
                    figure: format!("{}元/{unit}", self.yuan_per_unit().unwrap_or_default()),
                    how: format!("{}万元 ÷ {}{unit}", amount.normalize(), count.normalize()),
                    basis,
                }
            }
            UnitCost::None(r) => CostView {
                figure: String::new(),
                how: r.text().to_string(),
                basis: String::new(),
            },
        }
    }
}

/// Words that end a 数量指标 name without naming what is counted.
const COUNT_WORDS: [&str; 12] = [
    "批次数",
    "批数",
    "户数",
    "次数",
    "人数",
    "张数",
    "份数",
    "台件数",
    "数量",
    "批次",
    "个数",
    "数",
];
/// Words that end a 成本指标 name without naming what is paid for.
const COST_WORDS: [&str; 9] = [
    "相关费用",
    "总费用",
    "经费金额",
    "费金额",
    "费用",
    "金额",
    "经费",
    "成本",
    "费",
];
/// Words that open a name without naming what is counted.
const LEAD_WORDS: [&str; 4] = ["全年", "完成", "开展", "组织"];

/// What a name is about: the name without its leading verb and trailing count or cost word.
fn subject<'a>(name: &'a str, tails: &[&str]) -> &'a str {
    let mut s = name.trim();
    for w in LEAD_WORDS {
        s = s.strip_prefix(w).unwrap_or(s);
    }
    for w in tails {
        if let Some(rest) = s.strip_suffix(w) {
            return rest;
        }
    }
    s
}

/// A subject short enough to sit in unrelated names (项目, 检测) names nothing.
fn specific(s: &str) -> bool {
    s.chars().count() >= 4
}

/// True when the cost row `cost` names the output of the 数量指标 `count`.
fn names(cost: &Indicator, count: &Indicator) -> bool {
    let c = subject(&cost.name, &COST_WORDS);
    let q = subject(&count.name, &COUNT_WORDS);
    (specific(c) && count.name.contains(c)) || (specific(q) && cost.name.contains(q))
}

fn is_count(r: &Indicator) -> bool {
    !r.is_empty_row() && r.level2.trim() == "数量指标"
}

fn is_cost(r: &Indicator) -> bool {
    !r.is_empty_row() && (r.level1.trim() == "成本指标" || r.level2.contains("成本指标"))
}

/// The amount of a cost row in 万元, when its value is one amount in 万元 or 元.
fn amount(r: &Indicator) -> Option<Decimal> {
    let TargetValue::Quantity(q) = r.value.parsed() else {
        return None;
    };
    let Magnitude::Exact { value } = q.magnitude else {
        return None;
    };
    match q.unit.as_deref()? {
        "万元" => Some(value),
        "元" => Some(value / Decimal::from(10_000)),
        _ => None,
    }
    .filter(|v| *v > Decimal::ZERO)
}

/// The cost per unit of row `row` of `p`, whose target is `count` `unit` (positive).
pub fn unit_cost<'a>(p: &'a Project, row: usize, count: Decimal, unit: &str) -> UnitCost<'a> {
    let rows = &p.indicators;
    let figure = |basis| UnitCost::Figure {
        basis,
        count,
        unit: unit.to_string(),
    };
    let counts: Vec<usize> = (0..rows.len()).filter(|&i| is_count(&rows[i])).collect();
    let target = &rows[row];
    // Cost rows naming this output, and for each, the other outputs it also names.
    let own: Vec<&Indicator> = (rows.iter().filter(|r| is_cost(r)))
        .filter(|c| names(c, target))
        .filter(|c| counts.iter().all(|&i| i == row || !names(c, &rows[i])))
        .collect();
    if let [cost] = own.as_slice()
        && let Some(amount) = amount(cost)
    {
        return figure(Basis::CostRow {
            name: &cost.name,
            amount,
        });
    }
    if counts == [row] {
        return figure(Basis::ProjectBudget(p.amounts.total));
    }
    UnitCost::None(Reason::OtherOutputs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Document;

    /// The bundled document at `rel` under content/.
    fn doc(rel: &str) -> Document {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(rel);
        let Ok((file, _)) = crate::content::load::load_file(&path, rel.to_string()) else {
            panic!("{rel} does not load")
        };
        (*file.document).clone()
    }

    /// The project named `name` and the index of its row named `row`.
    fn find<'a>(d: &'a Document, name: &str, row: &str) -> (&'a Project, usize) {
        let p = d.projects.iter().find(|p| p.name == name).unwrap();
        let i = p.indicators.iter().position(|r| r.name == row).unwrap();
        (p, i)
    }

    #[test]
    fn a_cost_row_for_the_output_is_divided_not_the_project_budget() {
        // 河西区: 810万元 pay for sampling, rapid tests, staff and more; 137万元 for sampling.
        let d = doc("2024/120103/355.yaml");
        let (p, i) = find(&d, "食品安全工作经费", "专项监督抽检批次数");
        let c = unit_cost(p, i, Decimal::from(1145), "批次");
        assert_eq!(
            c,
            UnitCost::Figure {
                basis: Basis::CostRow {
                    name: "监督抽检总费用",
                    amount: Decimal::from(137)
                },
                count: Decimal::from(1145),
                unit: "批次".into()
            }
        );
        let v = c.view();
        assert_eq!(v.figure, "1196.5元/批次");
        assert_eq!(v.how, "137万元 ÷ 1145批次");
        assert_eq!(v.basis, "成本指标“监督抽检总费用”");
        // Among twelve outputs of one project, each with its own cost row.
        let (p, i) = find(
            &d,
            "抽验检查工作经费（特种设备、产品质检、药品、医疗器械等）",
            "成品油产品质量监督抽查批次数",
        );
        assert_eq!(
            unit_cost(p, i, Decimal::from(32), "批次").view().figure,
            "2812.5元/批次"
        );
    }

    #[test]
    fn a_sole_count_divides_the_project_budget_and_says_so() {
        // 巨鹿县: 食品抽检经费 has one 数量指标; its cost row names it too and equals the budget.
        let d = doc("2024/130529/414.yaml");
        let (p, i) = find(&d, "食品抽检经费", "食品抽检批次");
        assert_eq!(
            unit_cost(p, i, Decimal::from(650), "批次").view().figure,
            "461.5元/批次"
        );
        // 乐亭县: the only 数量指标 beside a 项目成本 row that names no output.
        let d = doc("2024/130225/414.yaml");
        let (p, i) = find(&d, "食品药品宣传检测执法经费", "检测数量");
        let c = unit_cost(p, i, Decimal::from(3500), "批次");
        assert_eq!(
            c,
            UnitCost::Figure {
                basis: Basis::ProjectBudget(p.amounts.total),
                count: Decimal::from(3500),
                unit: "批次".into()
            }
        );
        assert_eq!(c.view().basis, "项目预算数（本项目唯一的数量指标）");
        assert_eq!(c.view().figure, "751.4元/批次");
    }

    #[test]
    fn several_outputs_without_their_own_cost_row_give_no_figure() {
        // 河西区: one 8万元 cost row covers two counts (生产单位 and 使用单位 inspections), and
        // the project pays for ten other outputs: neither 10家 nor 25家 gets a figure.
        let d = doc("2024/120103/355.yaml");
        let name = "抽验检查工作经费（特种设备、产品质检、药品、医疗器械等）";
        for row in ["特种设备生产单位检查户数", "特种设备使用单位检查户数"]
        {
            let (p, i) = find(&d, name, row);
            let c = unit_cost(p, i, Decimal::from(10), "家");
            assert_eq!(c, UnitCost::None(Reason::OtherOutputs), "{row}");
            assert_eq!(c.view().how, "项目还资助其他产出，不能折算单位成本");
            assert_eq!(c.yuan_per_unit(), None);
        }
    }
}
