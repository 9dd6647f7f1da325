//! What a comparison shows of each indicator row it lays out, taken from the row's document
//! when the document is checked, so that the comparisons are laid out without holding, or
//! decoding again, the documents (the rows of a metric come from a third of a province's
//! documents, and a document feeds six metrics on average: laid out from the documents, a
//! build would hold them all or decode each six times).
//!
//! Each file's rows are kept by metric as MessagePack, with field names as the store writes
//! documents (a deadline's optional fields do not read back from a positional array), a few
//! KB a department against ≈ 125 KB for the document in memory, and decoded a metric at a
//! time while its pages are made. A build after an edit takes an unchanged document's rows
//! from the store of parsed documents, as its metrics ([`crate::content::load::parsed`]).

use super::cost::{self, CostView};
use crate::content::catalogue::{Catalogue, Metric};
use crate::content::matching::RowRef;
use crate::content::model::value::{Magnitude, TargetValue};
use crate::content::model::{Document, Indicator, Project, Target, Wan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What a comparison line shows of one row and of its project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 三级指标 as written.
    pub indicator: String,
    /// 指标值 as written, with its parsed form.
    pub value: Target,
    /// The project's name.
    pub project: String,
    /// The project's code, if any.
    pub code: Option<String>,
    /// The key of the project's page ([`Project::key`]).
    pub key: Option<String>,
    /// The project's 预算数 in 万元.
    pub budget: Wan,
    /// The cost per unit, for a metric of counted outputs whose row agrees with its unit
    /// and states one positive number.
    pub cost: Option<CostView>,
}

/// The number a row states (for a single number, not a range) and its unit.
pub fn magnitude(value: &TargetValue) -> (Option<Decimal>, String) {
    match value {
        TargetValue::Quantity(q) => {
            let n = match q.magnitude {
                Magnitude::Exact { value } => Some(value),
                Magnitude::Range { .. } => None,
            };
            (n, q.unit.clone().unwrap_or_default())
        }
        _ => (None, String::new()),
    }
}

impl Row {
    /// Row `row` of `p` as `metric` compares it.
    pub fn of(metric: &Metric, p: &Project, row: usize, r: &Indicator) -> Row {
        let agrees = metric.unit_agrees(r.value.parsed());
        let (n, unit) = magnitude(r.value.parsed());
        // Checked: a tiny count (0.0000001批次) must not overflow the division.
        let cost = match n {
            Some(n) if agrees && metric.cost_per_unit && n > Decimal::ZERO => {
                Some(cost::unit_cost(p, row, n, &unit).view())
            }
            _ => None,
        };
        Row {
            indicator: r.name.clone(),
            value: r.value.clone(),
            project: p.name.clone(),
            code: p.code.clone(),
            key: p.key().map(str::to_string),
            budget: p.amounts.total,
            cost,
        }
    }
}

/// One file's rows that feed a comparison, by metric (catalogue index), each metric's rows
/// as MessagePack, with their project and row indexes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileRows(Vec<(usize, Vec<u8>)>);

impl FileRows {
    /// The rows of `doc` that `found` assigns to metrics of `catalogue` (metric index, row).
    pub fn of(catalogue: &Catalogue, doc: &Document, found: &[(usize, RowRef)]) -> FileRows {
        let mut by: BTreeMap<usize, Vec<(usize, usize, Row)>> = BTreeMap::new();
        for &(m, at) in found {
            let (Some(metric), Some(p)) = (catalogue.metrics.get(m), doc.projects.get(at.project))
            else {
                continue;
            };
            let Some(r) = p.indicators.get(at.row) else {
                continue;
            };
            let row = Row::of(metric, p, at.row, r);
            by.entry(m).or_default().push((at.project, at.row, row));
        }
        FileRows(
            (by.into_iter())
                .filter_map(|(m, rows)| Some((m, rmp_serde::to_vec_named(&rows).ok()?)))
                .collect(),
        )
    }

    /// True when every metric's rows read back: what the store gives is checked so, since a
    /// spoiled store is a miss, never trusted.
    pub fn readable(&self) -> bool {
        (self.0.iter()).all(|(_, b)| rmp_serde::from_slice::<Vec<(usize, usize, Row)>>(b).is_ok())
    }

    /// Adds this file's rows of `metric` to `out`, keyed by their place with the file at
    /// index `file`.
    fn add_to(&self, metric: usize, file: usize, out: &mut HashMap<RowRef, Row>) {
        let Some((_, bytes)) = self.0.iter().find(|(m, _)| *m == metric) else {
            return;
        };
        let rows: Vec<(usize, usize, Row)> = rmp_serde::from_slice(bytes).unwrap_or_default();
        for (project, row, r) in rows {
            out.insert(RowRef { file, project, row }, r);
        }
    }
}

/// The rows `rows` of the metric at index `metric`, from each file's rows (`files`, in the
/// order of the loaded files).
pub fn of_metric(files: &[FileRows], metric: usize, rows: &[RowRef]) -> HashMap<RowRef, Row> {
    let mut out = HashMap::with_capacity(rows.len());
    let mut last = None;
    for at in rows {
        // A metric's rows come file by file.
        if last != Some(at.file) {
            if let Some(f) = files.get(at.file) {
                f.add_to(metric, at.file, &mut out);
            }
            last = Some(at.file);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// On the bundled content, every row a metric compares is kept as its document gives
    /// it, and reads back per metric with its place.
    #[test]
    fn the_rows_of_each_metric_read_back_as_the_documents_give_them() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let report = crate::review::check::check(&content);
        let catalogue = &report.catalogue;
        let files: Vec<FileRows> = (report.loaded.files.iter().enumerate())
            .map(|(i, f)| {
                let m = crate::content::matching::assign_file(catalogue, i, f);
                FileRows::of(catalogue, &f.document, m.found())
            })
            .collect();
        let mut seen = 0;
        for (mi, (metric, rows)) in catalogue
            .metrics
            .iter()
            .zip(&report.matches.rows)
            .enumerate()
        {
            let got = of_metric(&files, mi, rows);
            assert_eq!(got.len(), rows.len(), "{}", metric.key);
            for at in rows {
                let doc = &report.loaded.files[at.file].document;
                let p = &doc.projects[at.project];
                let want = Row::of(metric, p, at.row, &p.indicators[at.row]);
                assert_eq!(got[at], want);
                assert_eq!(got[at].indicator, p.indicators[at.row].name);
                seen += 1;
            }
        }
        assert!(seen > 10, "{seen} rows compared");
        // Some row of the bundled content has a cost per unit to carry.
        let any_cost = (0..catalogue.metrics.len())
            .flat_map(|mi| of_metric(&files, mi, &report.matches.rows[mi]).into_values())
            .any(|r| r.cost.as_ref().is_some_and(|c| !c.figure.is_empty()));
        assert!(any_cost);
    }
}
