//! Which indicator rows measure which metric: a row's own `metric:` choice first, else the
//! first metric whose rules recognise it. Rows recognised by several metrics are reported.

use super::catalogue::Catalogue;
use crate::content::load::SourceFile;
use crate::content::model::MetricChoice;
use rayon::prelude::*;

/// An indicator row: file, project and row indexes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// A row that feeds a comparison, as its project page links it.
#[derive(Debug, Clone, Copy)]
pub struct Fed<'a> {
    /// Index of the project in its document.
    pub project: usize,
    /// Index of the row in the project's indicators.
    pub row: usize,
    /// The metric the row is compared under.
    pub metric: &'a super::catalogue::Metric,
}

impl Matches {
    /// For each of the `files` loaded files, the rows that feed a comparison, in metric
    /// order.
    pub fn by_file<'a>(&self, catalogue: &'a Catalogue, files: usize) -> Vec<Vec<Fed<'a>>> {
        let mut out: Vec<Vec<Fed>> = (0..files).map(|_| Vec::new()).collect();
        for (metric, rows) in catalogue.metrics.iter().zip(&self.rows) {
            for at in rows {
                if let Some(list) = out.get_mut(at.file) {
                    list.push(Fed {
                        project: at.project,
                        row: at.row,
                        metric,
                    });
                }
            }
        }
        out
    }
}

/// One file's rows assigned to a metric (by catalogue index), and the problems on the way.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FileMatches {
    found: Vec<(usize, RowRef)>,
    problems: Vec<Problem>,
}

impl FileMatches {
    /// Each row assigned to a metric, with the metric's catalogue index.
    pub fn found(&self) -> &[(usize, RowRef)] {
        &self.found
    }

    /// The same matches for the file at index `file` of the loaded files.
    pub fn at(mut self, file: usize) -> FileMatches {
        for (_, at) in &mut self.found {
            at.file = file;
        }
        for p in &mut self.problems {
            match p {
                Problem::Ambiguous { at, .. } | Problem::UnknownPin { at, .. } => at.file = file,
            }
        }
        self
    }
}

/// Assigns every row of `files` to at most one metric of `catalogue`.
pub fn assign(catalogue: &Catalogue, files: &[SourceFile]) -> Matches {
    let per_file: Vec<FileMatches> = (files.par_iter().enumerate())
        .map(|(file, f)| assign_file(catalogue, file, f))
        .collect();
    gather(catalogue, per_file)
}

/// Every metric's rows from each file's matches, `per_file` in the order of the loaded files
/// (each made for any index: it is set here).
pub fn gather(catalogue: &Catalogue, per_file: Vec<FileMatches>) -> Matches {
    let mut out = Matches {
        rows: vec![Vec::new(); catalogue.metrics.len()],
        problems: Vec::new(),
    };
    for (file, m) in per_file.into_iter().enumerate() {
        let FileMatches { found, problems } = m.at(file);
        for (m, at) in found {
            out.rows[m].push(at);
        }
        out.problems.extend(problems);
    }
    out
}

/// Assigns the rows of `f`, the file at index `file`.
pub fn assign_file(catalogue: &Catalogue, file: usize, f: &SourceFile) -> FileMatches {
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
    FileMatches { found, problems }
}
