//! Which indicator rows measure which metric: a row's own `metric:` choice first, else the
//! first metric whose rules recognise it. Rows recognised by several metrics are reported.

use super::catalogue::Catalogue;
use crate::content::load::SourceFile;
use crate::content::model::MetricChoice;
use rayon::prelude::*;

/// An indicator row: file, project and row indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowRef {
    /// Index into the loaded files.
    pub file: usize,
    /// Index of the project in its document.
    pub project: usize,
    /// Index of the row in the project's indicators.
    pub row: usize,
}

impl RowRef {
    /// The row's field path in its file (`projects[1].indicators[3]`).
    pub fn field(&self) -> String {
        format!("projects[{}].indicators[{}]", self.project, self.row)
    }
}

/// Something about a row's assignment that the publisher should see in `gongkai check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The rules of several metrics recognise the row; it went to the first (catalogue order).
    Ambiguous {
        /// The row.
        at: RowRef,
        /// Every metric that recognised it, by catalogue index.
        metrics: Vec<usize>,
    },
    /// The row's `metric:` names no metric of the catalogue.
    UnknownPin {
        /// The row.
        at: RowRef,
        /// The key as written.
        key: String,
    },
}

/// Every metric's rows, in file order, and the problems found on the way.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Rows per metric, by catalogue index.
    pub rows: Vec<Vec<RowRef>>,
    /// Ambiguous rows and unknown pins.
    pub problems: Vec<Problem>,
}

/// Assigns every row of `files` to at most one metric of `catalogue`.
pub fn assign(catalogue: &Catalogue, files: &[SourceFile]) -> Matches {
    // Per file: (metric, row) pairs found, and problems.
    type Found = (Vec<(usize, RowRef)>, Vec<Problem>);
    let per_file: Vec<Found> = files
        .par_iter()
        .enumerate()
        .map(|(file, f)| {
            let mut found = Vec::new();
            let mut problems = Vec::new();
            for (project, p) in f.document.projects.iter().enumerate() {
                for (row, r) in p.indicators.iter().enumerate() {
                    let at = RowRef { file, project, row };
                    match &r.metric {
                        Some(MetricChoice::Exclude) => {}
                        Some(MetricChoice::Pin(key)) => match catalogue.get(key) {
                            Some(m) => found.push((m, at)),
                            None => problems.push(Problem::UnknownPin {
                                at,
                                key: key.clone(),
                            }),
                        },
                        None => {
                            let metrics: Vec<usize> = (catalogue.metrics.iter().enumerate())
                                .filter(|(_, m)| m.matches(p, r))
                                .map(|(i, _)| i)
                                .collect();
                            if let Some(&first) = metrics.first() {
                                found.push((first, at));
                            }
                            if metrics.len() > 1 {
                                problems.push(Problem::Ambiguous { at, metrics });
                            }
                        }
                    }
                }
            }
            (found, problems)
        })
        .collect();
    let mut out = Matches {
        rows: vec![Vec::new(); catalogue.metrics.len()],
        problems: Vec::new(),
    };
    for (found, problems) in per_file {
        for (m, at) in found {
            out.rows[m].push(at);
        }
        out.problems.extend(problems);
    }
    out
}
