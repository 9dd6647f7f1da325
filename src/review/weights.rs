//! The weights (权重, 分值) of a project's indicator rows: they add up to the 100 points the
//! rows are scored on, or to 90 or 80 when the budget execution rate (预算执行率) is weighted
//! apart, as the local and vendor schemes weight it (10 or 20 points).

use super::{Finding, Place, Rule};
use crate::content::model::{Document, Project};
use crate::messages::FindingText;
use rust_decimal::Decimal;

/// The sums a table's row weights may have: 100, or 100 less the budget execution rate's
/// 10 or 20 points.
const SUMS: [i64; 3] = [100, 90, 80];

/// Runs the weight rule on every project of `doc`.
pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (pi, p) in doc.projects.iter().enumerate() {
        project(pi, p, out);
    }
}

/// A project whose named rows all carry a weight, and whose weights add up to none of
/// [`SUMS`]. A table where some named rows carry none is not summed: its weights are not
/// all written (or not exported), and any sum would be a guess.
fn project(pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let named: Vec<_> = p.indicators.iter().filter(|r| r.is_named()).collect();
    let weights: Vec<Decimal> = named.iter().filter_map(|r| r.weight).collect();
    if weights.is_empty() || weights.len() != named.len() {
        return;
    }
    let sum: Decimal = weights.iter().sum();
    if !SUMS.iter().any(|s| sum == Decimal::from(*s)) {
        out.push(Finding::new(
            Rule::WeightsNot100,
            Place::Project(pi),
            FindingText::WeightsNot100 {
                project: p.name.clone(),
                sum: sum.normalize().to_string(),
                rows: weights.len(),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::rows::tests::{project as table, row};

    fn weighted(weights: &[Option<i64>]) -> Project {
        let rows = weights
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut r = row("产出指标", "数量指标", &format!("指标{i}"), "≥1次");
                r.weight = w.map(Decimal::from);
                r
            })
            .collect();
        table("p", "30", rows)
    }

    fn flagged(weights: &[Option<i64>]) -> Option<String> {
        let mut out = Vec::new();
        project(0, &weighted(weights), &mut out);
        out.first().map(|f| f.message.to_string())
    }

    #[test]
    fn weights_add_up_to_100_or_leave_the_execution_rate_its_points() {
        // 甘孜州市场监督管理局机关 (corpus ganzi-2023): 90, the execution rate weighted apart.
        let ganzi = [2, 3, 5, 15, 10, 10, 15, 10, 10, 5, 5].map(Some);
        assert_eq!(flagged(&ganzi), None);
        assert_eq!(flagged(&[Some(50), Some(30), Some(20)]), None);
        assert_eq!(flagged(&[Some(40), Some(40)]), None);
        let msg = flagged(&[Some(50), Some(30), Some(30)]).unwrap();
        assert!(msg.contains("110"), "{msg}");
        assert!(flagged(&[Some(20), Some(30)]).is_some());
    }

    #[test]
    fn a_table_without_every_weight_is_not_summed() {
        assert_eq!(flagged(&[None, None]), None);
        assert_eq!(flagged(&[Some(50), None, Some(20)]), None);
    }
}
