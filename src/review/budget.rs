//! Budget arithmetic on the form's own figures: 财政资金 + 其他资金 = 预算数, the cost rows
//! within the budget, the projects adding up to a stated unit or department total, and a
//! spending plan rising to 100%.

use super::shape::{self, Category};
use super::{Finding, Place, Rule};
use crate::content::model::value::Comparison;
use crate::content::model::{Document, Project, Wan};
use crate::messages::FindingText;
use rust_decimal::Decimal;

/// Runs the budget rules on `doc`.
pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (pi, p) in doc.projects.iter().enumerate() {
        amounts(pi, p, out);
        cost_sum(pi, p, out);
        plan(pi, p, out);
    }
    totals(doc, out);
}

fn amounts(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let a = &p.amounts;
    if a.fiscal.is_none() && a.other.is_none() {
        return;
    }
    let sum: Wan = [a.fiscal, a.other].iter().flatten().sum();
    if sum != a.total {
        out.push(Finding::new(
            Rule::AmountSum,
            Place::Amounts(pi),
            FindingText::AmountSum {
                sum: sum.to_string(),
                total: a.total.to_string(),
            },
        ));
    }
}

/// The cost rows given in money as totals (not per unit) and as a ceiling or an amount,
/// summed; flagged when two or more of them exceed the budget together.
fn cost_sum(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let parts: Vec<Decimal> = p
        .indicators
        .iter()
        .filter(|r| Category::of(r) == Category::Cost && !shape::named_per_unit(r))
        .filter_map(shape::quantity)
        .filter(|q| {
            matches!(
                q.comparison,
                None | Some(Comparison::AtMost | Comparison::LessThan | Comparison::Exactly)
            )
        })
        .filter_map(shape::wan)
        .collect();
    let sum: Decimal = parts.iter().sum();
    if parts.len() >= 2 && sum > p.amounts.total.0 {
        out.push(Finding::new(
            Rule::CostSumOverBudget,
            Place::Project(pi),
            FindingText::CostSumOverBudget {
                count: parts.len(),
                parts: parts
                    .iter()
                    .map(|d| d.normalize().to_string())
                    .collect::<Vec<_>>()
                    .join(" + "),
                sum: sum.normalize().to_string(),
                total: p.amounts.total.to_string(),
            },
        ));
    }
}

fn plan(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let mut last: Option<Decimal> = None;
    for (i, m) in p.spending_plan.iter().enumerate() {
        let Some(v) = m.percent_value() else {
            out.push(Finding::new(
                Rule::SpendingPlan,
                Place::Plan(pi, Some(i)),
                FindingText::PlanNotPercent {
                    by: m.by.to_string(),
                    percent: m.percent.to_string(),
                },
            ));
            return;
        };
        if last.is_some_and(|l| v < l) {
            out.push(Finding::new(
                Rule::SpendingPlan,
                Place::Plan(pi, Some(i)),
                FindingText::PlanFalls {
                    by: m.by.to_string(),
                    percent: v.to_string(),
                },
            ));
        }
        last = Some(v);
    }
    if let Some(l) = last
        && l < Decimal::from(100)
    {
        out.push(Finding::new(
            Rule::SpendingPlan,
            Place::Plan(pi, None),
            FindingText::PlanShort {
                percent: l.to_string(),
            },
        ));
    }
}

fn totals(doc: &Document, out: &mut Vec<Finding>) {
    for (ui, u) in doc.department.units.iter().enumerate() {
        let Some(stated) = u.total else { continue };
        let projects: Vec<&Project> = doc
            .projects
            .iter()
            .filter(|p| doc.unit_of(p).is_some_and(|x| std::ptr::eq(x, u)))
            .collect();
        let sum: Wan = projects.iter().map(|p| p.amounts.total).sum();
        if sum != stated {
            out.push(Finding::new(
                Rule::UnitTotal,
                Place::Unit(ui),
                FindingText::UnitTotal {
                    unit: u.name.to_string(),
                    projects: projects.len(),
                    sum: sum.to_string(),
                    stated: stated.to_string(),
                },
            ));
        }
    }
    if let Some(stated) = doc.department.total {
        let sum: Wan = doc.projects.iter().map(|p| p.amounts.total).sum();
        if sum != stated {
            out.push(Finding::new(
                Rule::UnitTotal,
                Place::Department,
                FindingText::DepartmentTotal {
                    projects: doc.projects.len(),
                    sum: sum.to_string(),
                    stated: stated.to_string(),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::rows::tests::{project, row};

    fn rules(doc: &Document) -> Vec<(Rule, Place)> {
        let mut out = Vec::new();
        check(doc, &mut out);
        out.into_iter().map(|f| (f.rule, f.place)).collect()
    }

    fn bundled(rel: &str) -> Document {
        let text = std::fs::read_to_string(format!("content/{rel}")).unwrap();
        serde_saphyr::from_str(&text).unwrap()
    }

    #[test]
    fn amount_sum() {
        // Seed 002, 巨鹿县《非财政开支人员工作经费》: 70 = 70.
        let mut doc = bundled("2024/130529/414.yaml");
        assert!(!rules(&doc).iter().any(|(r, _)| *r == Rule::AmountSum));
        doc.projects[0].amounts.fiscal = Some("60".parse().unwrap());
        assert!(rules(&doc).contains(&(Rule::AmountSum, Place::Amounts(0))));
    }

    #[test]
    fn cost_sum_over_budget() {
        // Seed 003, 河西区《食品安全工作经费》: 137 + 3 + 71 + 15 + 584 = 810 = 预算数.
        let mut doc = bundled("2024/120103/355.yaml");
        assert_eq!(doc.projects[1].amounts.total.to_string(), "810.00");
        assert!(
            !rules(&doc)
                .iter()
                .any(|(r, _)| *r == Rule::CostSumOverBudget)
        );
        // The same rows on a budget of 800万元 add up to more than it.
        doc.projects[1].amounts.total = "800".parse().unwrap();
        doc.projects[1].amounts.fiscal = Some("800".parse().unwrap());
        assert!(rules(&doc).contains(&(Rule::CostSumOverBudget, Place::Project(1))));
        // Per-unit costs are not summed (seed 001: 单次审计费用 ≦700元).
        let p = project(
            "p",
            "0.1",
            vec![
                row("产出指标", "成本指标", "单次审计费用", "≦700元"),
                row("产出指标", "成本指标", "单次抽检费用", "≦700元"),
            ],
        );
        let mut out = Vec::new();
        cost_sum(0, &p, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn unit_total() {
        // Seed 003, 河西区: unit 355101 has four projects, 80 + 810 + 40 + 123 = 1053万元;
        // 355301 one of 40万元. Stated as such, nothing is flagged; 1093 for the first is.
        let mut doc = bundled("2024/120103/355.yaml");
        doc.department.units[0].total = Some("1053".parse().unwrap());
        doc.department.units[1].total = Some("40".parse().unwrap());
        doc.department.total = Some("1093".parse().unwrap());
        assert!(!rules(&doc).iter().any(|(r, _)| *r == Rule::UnitTotal));
        doc.department.units[0].total = Some("1093".parse().unwrap());
        doc.department.total = Some("1053".parse().unwrap());
        let found = rules(&doc);
        assert!(found.contains(&(Rule::UnitTotal, Place::Unit(0))));
        assert!(found.contains(&(Rule::UnitTotal, Place::Department)));
    }

    #[test]
    fn spending_plan() {
        // Seed 004, 乐亭县《办公楼运维费》: rises to 100%.
        let mut doc = bundled("2024/130225/414.yaml");
        assert!(!doc.projects[0].spending_plan.is_empty());
        assert!(!rules(&doc).iter().any(|(r, _)| *r == Rule::SpendingPlan));
        doc.projects[0].spending_plan.pop();
        assert!(rules(&doc).contains(&(Rule::SpendingPlan, Place::Plan(0, None))));
    }
}
