//! What the site-wide steps of a build read of a document: its place in the site tree, its
//! totals, each project's code, link key, name and unit, and how many rows each 一级/二级指标
//! has. A build after an edit reads this small summary of every unchanged document (stored
//! beside the document, see [`super::parsed`]) instead of decoding the whole document; the
//! document itself is decoded only when a page made from it is rendered again
//! ([`super::document::Doc`]).
//!
//! Every field is derived from the document by [`Summary::of`], and nothing else: a summary
//! read back from the store equals the one its document gives (tested on the bundled content).
//!
//! Built the 2026-11-30: decoding the 1,999 unchanged documents was 89 % of `load and check`
//! in an edited rebuild at 2,000 departments (`perf`).

use crate::content::model::value::TargetValue;
use crate::content::model::{Correction, Date, Document, Project, Region, Status, Wan};
use serde::{Deserialize, Serialize};

/// A document's summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// Budget year (预算年度).
    pub year: u16,
    /// 草案 / 正式 / 未注明.
    pub status: Status,
    /// Publication date, if the document gives one.
    pub published: Option<Date>,
    /// Declared corrections (更正), oldest first.
    pub corrections: Vec<Correction>,
    /// The department's name (部门名称).
    pub name: String,
    /// The department's region.
    pub region: Region,
    /// Sum of the projects' 预算数, in 万元.
    pub budget: Wan,
    /// Indicator rows that are not empty, over every project.
    pub indicators: usize,
    /// Of those, the rows whose 指标值 is quantitative.
    pub quantitative: usize,
    /// Of those, the rows whose 指标值 is qualitative (提高, 改善).
    pub qualitative: usize,
    /// Each project, in the document's order.
    pub projects: Vec<ProjectSummary>,
    /// Each 一级指标 with its number of rows and, under it, each 二级指标 with its number
    /// of rows, in the order first seen (for the search page's filters).
    pub levels: Vec<Level>,
}

/// What the checks across files and the review across years read of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSummary {
    /// 项目代码, as written.
    pub code: Option<String>,
    /// The project's `id`, as written.
    pub id: Option<String>,
    /// 项目名称, as written.
    pub name: String,
    /// The name of the budget unit the project belongs to, when the document says.
    pub unit: Option<String>,
    /// 预算数, in 万元.
    pub budget: Wan,
}

impl ProjectSummary {
    /// The key of the project's page: its code, else its `id` (as [`Project::key`]).
    pub fn key(&self) -> Option<&str> {
        self.code.as_deref().or(self.id.as_deref())
    }

    fn of(doc: &Document, p: &Project) -> ProjectSummary {
        ProjectSummary {
            code: p.code.clone(),
            id: p.id.clone(),
            name: p.name.clone(),
            unit: doc.unit_of(p).map(|u| u.name.clone()),
            budget: p.amounts.total,
        }
    }
}

/// One 一级指标 and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The 一级指标 as written.
    pub name: String,
    /// Its rows.
    pub rows: usize,
    /// Each 二级指标 under it (non-empty ones) with its rows.
    pub below: Vec<(String, usize)>,
}

impl Summary {
    /// The summary of `doc`.
    pub fn of(doc: &Document) -> Summary {
        let mut levels: Vec<Level> = Vec::new();
        for r in doc.projects.iter().flat_map(|p| &p.indicators) {
            if r.level1.is_empty() {
                continue;
            }
            let i = match levels.iter().position(|l| l.name == r.level1) {
                Some(i) => i,
                None => {
                    levels.push(Level {
                        name: r.level1.clone(),
                        rows: 0,
                        below: Vec::new(),
                    });
                    levels.len() - 1
                }
            };
            let level = &mut levels[i];
            level.rows += 1;
            if !r.level2.is_empty() {
                match level.below.iter_mut().find(|(n, _)| *n == r.level2) {
                    Some((_, n)) => *n += 1,
                    None => level.below.push((r.level2.clone(), 1)),
                }
            }
        }
        let rows = || doc.projects.iter().flat_map(|p| &p.indicators);
        let rows = || {
            rows()
                .filter(|r| !r.is_empty_row())
                .map(|r| r.value.parsed())
        };
        Summary {
            year: doc.document.year,
            status: doc.document.status,
            published: doc.document.published.clone(),
            corrections: doc.document.corrections.clone(),
            name: doc.department.name.clone(),
            region: doc.department.region.clone(),
            budget: doc.projects.iter().map(|p| p.amounts.total).sum(),
            indicators: rows().count(),
            quantitative: rows().filter(|v| v.is_quantitative()).count(),
            qualitative: (rows())
                .filter(|v| matches!(v, TargetValue::Qualitative(_)))
                .count(),
            projects: (doc.projects.iter())
                .map(|p| ProjectSummary::of(doc, p))
                .collect(),
            levels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::tree::Totals;
    use std::path::Path;

    /// On every bundled document, the summary says what the document says: the tree's
    /// totals, each project's code, key, name, unit and budget, the rows by level, and it
    /// reads back from MessagePack (the store's format) as it was made.
    #[test]
    fn the_summary_of_each_bundled_document_agrees_with_it() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = super::super::load_dir(&content, false);
        assert!(loaded.files.len() >= 4);
        for f in &loaded.files {
            let doc: &Document = &f.document;
            let s = Summary::of(doc);
            let of_document = Totals {
                budget: doc.projects.iter().map(|p| p.amounts.total).sum(),
                projects: doc.projects.len(),
                indicators: (doc.projects.iter())
                    .map(|p| p.indicators.iter().filter(|r| !r.is_empty_row()).count())
                    .sum(),
                departments: 1,
            };
            assert_eq!(Totals::of_summary(&s), of_document, "{}", f.rel);
            assert_eq!(s.projects.len(), doc.projects.len());
            for (ps, p) in s.projects.iter().zip(&doc.projects) {
                assert_eq!(ps.key(), p.key());
                assert_eq!(ps.name, p.name);
                assert_eq!(ps.budget, p.amounts.total);
                let unit = doc.unit_of(p).map(|u| u.name.as_str());
                assert_eq!(ps.unit.as_deref(), unit);
            }
            let rows = doc.projects.iter().flat_map(|p| &p.indicators);
            let named = rows.clone().filter(|r| !r.level1.is_empty()).count();
            assert_eq!(s.levels.iter().map(|l| l.rows).sum::<usize>(), named);
            for l in &s.levels {
                for (name, n) in &l.below {
                    let count = (rows.clone())
                        .filter(|r| r.level1 == l.name && r.level2 == *name)
                        .count();
                    assert_eq!(count, *n, "{} {}", l.name, name);
                }
            }
            assert!(s.quantitative + s.qualitative <= s.indicators);
            let bytes = rmp_serde::to_vec_named(&s).unwrap();
            let back: Summary = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(format!("{back:?}"), format!("{s:?}"));
        }
        // The bundled content has both kinds of 指标值.
        let all: Vec<Summary> = (loaded.files.iter())
            .map(|f| Summary::of(&f.document))
            .collect();
        assert!(all.iter().any(|s| s.quantitative > 0 && s.qualitative > 0));
    }
}
