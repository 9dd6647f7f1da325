//! The same project across years: a quantity target lowered while the budget was not, a
//! budget per unit of output raised by more than a tenth, a table copied unchanged.
//!
//! A project is the same when its code is the same but for the two year digits (a code
//! starts with the region code and the year: `13052924P005840123885`), else when its name and
//! unit's name are the same, in the same region.

use super::shape::{self, Category, Shape};
use super::{Finding, Place, Rule, Settings};
use crate::content::load::document::Doc;
use crate::content::load::summary::{ProjectSummary, Summary};
use crate::content::model::{Document, Project};
use crate::messages::FindingText;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How much more a unit of output may cost than the year before before it is flagged.
pub const UNIT_COST_TOLERANCE_PERCENT: u32 = 10;

/// Which project this is across years.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Identity {
    /// The code without its year digits.
    Code(String),
    /// The project's name and its unit's name.
    Name(String, String),
}

fn identity(doc: &Summary, p: &ProjectSummary) -> Identity {
    let region = doc.region.key();
    let yy = format!("{:02}", doc.year % 100);
    if let Some(code) = &p.code
        && let Some(rest) = code.strip_prefix(region).and_then(|r| r.strip_prefix(&yy))
    {
        return Identity::Code(format!("{region}/{rest}"));
    }
    let unit = p.unit.clone().unwrap_or_default();
    Identity::Name(format!("{region}/{}", p.name.trim()), unit)
}

/// Findings per document (same order as `docs`), comparing each project with the same
/// project in the latest earlier year, each given the site's level and the department's
/// answer while its document is decoded ([`super::finish`]). Projects are matched on the
/// documents' summaries; only the documents of a pair across years are decoded, each once.
pub fn check(docs: &[&Doc], settings: &Settings) -> Vec<Vec<Finding>> {
    let mut by_id: BTreeMap<Identity, Vec<(u16, usize, usize)>> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        let s = d.summary();
        for (pi, p) in s.projects.iter().enumerate() {
            by_id
                .entry(identity(s, p))
                .or_default()
                .push((s.year, di, pi));
        }
    }
    // The pairs to compare, in the order their findings are listed.
    let mut pairs: Vec<Pair> = Vec::new();
    for list in by_id.values_mut() {
        list.sort();
        for w in list.windows(2) {
            let (py, pd, pp) = w[0];
            let (cy, cd, cp) = w[1];
            if py != cy {
                pairs.push(Pair { py, pd, pp, cd, cp });
            }
        }
    }
    // The documents linked by pairs (a department's years, mostly) are decoded together,
    // each once, and let go once their pairs are compared: never every document at once.
    let mut root: Vec<usize> = (0..docs.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for p in &pairs {
        let (a, b) = (find(&mut root, p.pd), find(&mut root, p.cd));
        root[a.max(b)] = a.min(b);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, p) in pairs.iter().enumerate() {
        groups.entry(find(&mut root, p.cd)).or_default().push(k);
    }
    let groups: Vec<Vec<usize>> = groups.into_values().collect();
    let mut found: Vec<(usize, Vec<Finding>)> = groups
        .par_iter()
        .flat_map_iter(|ks| {
            let mut held: std::collections::HashMap<usize, Cow<'_, Document>> = Default::default();
            let mut out = Vec::with_capacity(ks.len());
            for &k in ks {
                let p = &pairs[k];
                for d in [p.pd, p.cd] {
                    held.entry(d).or_insert_with(|| docs[d].read());
                }
                let mut f = Vec::new();
                compare(
                    p.py,
                    &held[&p.pd].projects[p.pp],
                    p.cp,
                    &held[&p.cd].projects[p.cp],
                    &mut f,
                );
                out.push((k, super::finish(&held[&p.cd], settings, f)));
            }
            out
        })
        .collect();
    found.sort_by_key(|(k, _)| *k);
    let mut out = vec![Vec::new(); docs.len()];
    for (k, f) in found {
        out[pairs[k].cd].extend(f);
    }
    out
}

/// A project of the year `py` (document `pd`, project `pp`) and the same project the next
/// year it appears (document `cd`, project `cp`).
struct Pair {
    py: u16,
    pd: usize,
    pp: usize,
    cd: usize,
    cp: usize,
}

/// A table's rows as text, for the copy check.
fn rows_text(p: &Project) -> Vec<(&str, &str, &str)> {
    p.indicators
        .iter()
        .filter(|r| super::rows::is_named(r))
        .map(|r| (r.level2.trim(), r.name.trim(), r.value.raw().trim()))
        .collect()
}

fn compare(prev_year: u16, prev: &Project, pi: usize, cur: &Project, out: &mut Vec<Finding>) {
    let (a, b) = (rows_text(prev), rows_text(cur));
    if !a.is_empty() && a == b {
        out.push(Finding::new(
            Rule::CopiedTargets,
            Place::Project(pi),
            FindingText::CopiedTargets {
                project: cur.name.to_string(),
                rows: b.len(),
                year: prev_year,
            },
        ));
    }
    for (i, row) in cur.indicators.iter().enumerate() {
        if Category::of(row) != Category::Quantity || Shape::of(row) != Shape::Count {
            continue;
        }
        let Some(q) = shape::quantity(row) else {
            continue;
        };
        let Some(before) = prev.indicators.iter().find(|r| {
            r.name.trim() == row.name.trim()
                && Shape::of(r) == Shape::Count
                && shape::quantity(r).is_some_and(|p| p.unit == q.unit)
        }) else {
            continue;
        };
        let Some(bq) = shape::quantity(before) else {
            continue;
        };
        let (now, then) = (shape::number(q), shape::number(bq));
        let (budget_now, budget_then) = (cur.amounts.total.0, prev.amounts.total.0);
        let unit = q.unit.as_deref().unwrap_or("");
        if now < then && budget_now >= budget_then {
            out.push(Finding::new(
                Rule::QuantityLowered,
                Place::Row(pi, i),
                FindingText::QuantityLowered {
                    name: row.name.to_string(),
                    year: prev_year,
                    before: before.value.raw().to_string(),
                    now: row.value.raw().to_string(),
                    budget_then: budget_then.to_string(),
                    budget_now: budget_now.to_string(),
                },
            ));
            continue;
        }
        if now.is_zero() || then.is_zero() {
            continue;
        }
        let per_now = budget_now * Decimal::from(10_000) / now;
        let per_then = budget_then * Decimal::from(10_000) / then;
        let limit =
            per_then * Decimal::from(100 + UNIT_COST_TOLERANCE_PERCENT) / Decimal::from(100);
        if per_now > limit {
            out.push(Finding::new(
                Rule::UnitCostRaised,
                Place::Row(pi, i),
                FindingText::UnitCostRaised {
                    unit: unit.to_string(),
                    year: prev_year,
                    budget_then: budget_then.to_string(),
                    then: then.to_string(),
                    per_then: per_then.round_dp(1).normalize().to_string(),
                    budget_now: budget_now.to_string(),
                    now: now.to_string(),
                    per_now: per_now.round_dp(1).normalize().to_string(),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Document;

    fn seed(rel: &str) -> Document {
        let text = std::fs::read_to_string(format!("content/{rel}")).unwrap();
        serde_saphyr::from_str(&text).unwrap()
    }

    /// Seed 002 moved to the next year: codes renumbered with the year digits, as a budget
    /// system does.
    fn next_year(doc: &Document) -> Document {
        let mut next = doc.clone();
        next.document.year += 1;
        let (region, yy) = (
            doc.department.region.key().to_string(),
            format!("{:02}", doc.document.year % 100),
        );
        let ny = format!("{:02}", next.document.year % 100);
        for p in &mut next.projects {
            if let Some(c) = &mut p.code {
                *c = c.replacen(&format!("{region}{yy}"), &format!("{region}{ny}"), 1);
            }
        }
        next
    }

    fn found(a: &Document, b: &Document) -> Vec<(Rule, Place)> {
        check(
            &[&a.clone().into(), &b.clone().into()],
            &Settings::default(),
        )[1]
        .iter()
        .map(|f| (f.rule, f.place))
        .collect()
    }

    #[test]
    fn copied_targets() {
        let doc = seed("2024/130529/414.yaml");
        let mut next = next_year(&doc);
        // Every table copied unchanged: each flagged (by code, and 食品抽检经费 by name).
        let all = found(&doc, &next);
        assert_eq!(
            all.iter()
                .filter(|(r, _)| *r == Rule::CopiedTargets)
                .count(),
            doc.projects.len()
        );
        // One value changed: that table is no longer a copy.
        next.projects[4].indicators[0].value = crate::content::model::Target::new("≥700批次");
        let some = found(&doc, &next);
        assert!(!some.contains(&(Rule::CopiedTargets, Place::Project(4))));
        assert!(some.contains(&(Rule::CopiedTargets, Place::Project(0))));
        // The same year twice is not a history.
        let d: Doc = doc.clone().into();
        assert!(check(&[&d, &d], &Settings::default())[1].is_empty());
    }

    #[test]
    fn quantity_lowered_and_unit_cost_raised() {
        // Seed 002, 巨鹿县《食品抽检经费》: 30万元 for ≥650批次 (461.5元 a batch).
        let doc = seed("2024/130529/414.yaml");
        assert_eq!(doc.projects[4].indicators[0].value.raw(), "≥650批次");
        let mut next = next_year(&doc);
        next.projects[4].indicators[0].value = crate::content::model::Target::new("≥600批次");
        assert!(found(&doc, &next).contains(&(Rule::QuantityLowered, Place::Row(4, 0))));
        // Raised to 700 on the same budget: neither rule.
        next.projects[4].indicators[0].value = crate::content::model::Target::new("≥700批次");
        let f = found(&doc, &next);
        assert!(!f.iter().any(|(r, p)| *p == Place::Row(4, 0)
            && matches!(r, Rule::QuantityLowered | Rule::UnitCostRaised)));
        // 700 batches for 40万元: 571.4元 a batch, more than a tenth above 461.5元.
        next.projects[4].amounts.total = "40".parse().unwrap();
        let f = check(
            &[&doc.clone().into(), &next.clone().into()],
            &Settings::default(),
        );
        let raised = f[1]
            .iter()
            .find(|f| f.rule == Rule::UnitCostRaised)
            .expect("unit cost raised");
        assert!(
            raised.message.to_string().contains("461.5元"),
            "{}",
            raised.message
        );
        assert!(
            raised.message.to_string().contains("571.4元"),
            "{}",
            raised.message
        );
        // 700 batches for 32万元 (457.1元 a batch): cheaper, not flagged.
        next.projects[4].amounts.total = "32".parse().unwrap();
        assert!(
            !found(&doc, &next)
                .iter()
                .any(|(r, _)| *r == Rule::UnitCostRaised)
        );
    }
}
