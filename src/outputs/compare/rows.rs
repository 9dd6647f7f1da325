//! What a comparison shows of each indicator row it lays out, taken from the row's document
//! when the document is checked, so that the comparisons are laid out without holding, or
//! decoding again, the documents (the rows of a metric come from a third of a province's
//! documents, and a document feeds six metrics on average: laid out from the documents, a
//! build would hold them all or decode each six times).
//!
//! Each file's rows are kept by metric as MessagePack, with field names as the store writes
//! documents (a deadline's optional fields do not read back from a positional array),
//! deflated: the rows repeat their field names and their project's name, code and budget,
//! and a synthetic provincial department's ≈ 32 KB of rows deflate to a few KB (held for
//! every department, undeflated they were a third of what a build of 30,000 departments
//! held). They are inflated and decoded a metric at a time while its pages are made. A build after an edit takes an unchanged document's rows
//! from the store of parsed documents, as its metrics ([`crate::content::load::parsed`]).

use super::cost::{self, CostView};
use crate::content::catalogue::{Catalogue, Metric};
use crate::content::load::parsed::Derived;
use crate::content::matching::RowRef;
use crate::content::model::value::{Magnitude, TargetValue};
use crate::content::model::{Document, Indicator, Project, Target, Wan};
use crate::deflate::End;
use flate2::{Compress, Compression, Decompress};
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
/// as deflated MessagePack, with their project and row indexes.
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
                .filter_map(|(m, rows)| Some((m, deflate(&rmp_serde::to_vec_named(&rows).ok()?)?)))
                .collect(),
        )
    }

    /// This file's rows of `metric` with their project and row indexes (none when it has
    /// none); `None` when they do not read back.
    fn of_metric(&self, metric: usize) -> Option<Vec<(usize, usize, Row)>> {
        match self.0.iter().find(|(m, _)| *m == metric) {
            Some((_, bytes)) => inflate(bytes).and_then(|b| rmp_serde::from_slice(&b).ok()),
            None => Some(Vec::new()),
        }
    }
}

thread_local! {
    /// Each thread's deflater and inflater, reset for each use: making one allocates and
    /// clears its tables, which would cost more than the few KB each deflates.
    static DEFLATE: std::cell::RefCell<(Compress, Decompress)> = std::cell::RefCell::new((
        Compress::new(Compression::fast(), false),
        Decompress::new(false),
    ));
}

/// `bytes` deflated (raw, the fastest level); none should the deflater fail.
fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    DEFLATE.with(|z| {
        let mut out = crate::deflate::part(&mut z.borrow_mut().0, bytes, End::Final).ok()?;
        out.shrink_to_fit();
        Some(out)
    })
}

/// `bytes` inflated; none when they are not a whole deflated stream.
fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    DEFLATE.with(|z| crate::deflate::inflate(&mut z.borrow_mut().1, bytes))
}

/// One file's rows as the build has them: made as its document was checked, or kept by an
/// earlier build and read only when a table that shows them is laid out (after an edit,
/// the tables of the edited department's metrics alone), not when the file is checked.
pub type KeptRows = Derived<FileRows>;

/// The rows `rows` of the metric at index `metric`, from each file's kept rows (`files`, in
/// the order of the loaded files). A file whose kept rows do not read back (a spoiled
/// store: [`Derived::get`] and [`Derived::spoil`] delete it for the next build) has its rows
/// made again by `remake` (given the file's index: its rows among `rows`, from its
/// document), as a stored document that does not read back is parsed again.
pub fn of_metric(
    files: &[KeptRows],
    metric: usize,
    rows: &[RowRef],
    remake: impl Fn(usize) -> Vec<(usize, usize, Row)>,
) -> HashMap<RowRef, Row> {
    let mut out = HashMap::with_capacity(rows.len());
    let mut last = None;
    for at in rows {
        // A metric's rows come file by file.
        if last == Some(at.file) {
            continue;
        }
        last = Some(at.file);
        let Some(kept) = files.get(at.file) else {
            continue;
        };
        let read = kept.get().and_then(|f| f.of_metric(metric));
        if read.is_none() {
            kept.spoil();
        }
        let file = at.file;
        for (project, row, r) in read.unwrap_or_else(|| remake(file)) {
            out.insert(RowRef { file, project, row }, r);
        }
    }
    out
}

/// The rows among `rows` of the file at index `file` as `metric` compares them, made from
/// its document `doc`: what a file's kept rows give when they do not read back.
pub fn remade(
    metric: &Metric,
    doc: &Document,
    file: usize,
    rows: &[RowRef],
) -> Vec<(usize, usize, Row)> {
    (rows.iter().filter(|at| at.file == file))
        .filter_map(|at| {
            let p = doc.projects.get(at.project)?;
            let r = p.indicators.get(at.row)?;
            Some((at.project, at.row, Row::of(metric, p, at.row, r)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// What is deflated inflates to the same bytes, whether it shrinks (rows) or grows (bytes
    /// that do not repeat, past the room first set aside); a stream cut short or not deflated
    /// at all inflates to nothing.
    #[test]
    fn deflated_bytes_inflate_back_and_broken_ones_do_not() {
        let rows = "indicator value project 食品抽检批次 650 批次 ".repeat(500);
        let mut noise = Vec::new();
        let mut x: u32 = 7;
        for _ in 0..100_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        for bytes in [rows.as_bytes(), &noise[..], b""] {
            let d = deflate(bytes).unwrap();
            assert_eq!(inflate(&d).as_deref(), Some(bytes));
            if d.len() > 8 {
                assert_eq!(inflate(&d[..d.len() / 2]), None);
            }
        }
        assert!(deflate(rows.as_bytes()).unwrap().len() * 10 < rows.len());
        assert_eq!(inflate(b"not deflated at all"), None);
        // A spoiled store holding no bytes for a metric is no stream (it once looped forever).
        assert_eq!(inflate(b""), None);
    }

    /// Each loaded file's rows, made from its document as a check makes them.
    fn made_rows(report: &crate::review::check::Report) -> Vec<FileRows> {
        let catalogue = &report.catalogue;
        (report.loaded.files.iter().enumerate())
            .map(|(i, f)| {
                let m = crate::content::matching::assign_file(catalogue, i, f);
                FileRows::of(catalogue, &f.document, m.found())
            })
            .collect()
    }

    /// On the bundled content, every row a metric compares is kept as its document gives
    /// it, and reads back per metric with its place.
    #[test]
    fn the_rows_of_each_metric_read_back_as_the_documents_give_them() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let report = crate::review::check::check(&content);
        let catalogue = &report.catalogue;
        let files: Vec<KeptRows> = made_rows(&report).into_iter().map(Derived::Made).collect();
        let never = |_| panic!("rows just made read back");
        let mut seen = 0;
        for (mi, (metric, rows)) in catalogue
            .metrics
            .iter()
            .zip(&report.matches.rows)
            .enumerate()
        {
            let got = of_metric(&files, mi, rows, never);
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
            .flat_map(|mi| of_metric(&files, mi, &report.matches.rows[mi], never).into_values())
            .any(|r| r.cost.as_ref().is_some_and(|c| !c.figure.is_empty()));
        assert!(any_cost);
    }

    /// Rows kept by an earlier build are read when a table needs them; when they do not read
    /// back (the file spoiled, or one metric's bytes in it), the file's rows are made again
    /// from its document and the stored file is deleted, so the next build stores it anew.
    #[test]
    fn spoiled_kept_rows_are_made_again_from_the_document() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let report = crate::review::check::check(&content);
        let catalogue = &report.catalogue;
        let made = made_rows(&report);
        let dir = tempfile::tempdir().unwrap();
        let store = crate::content::load::parsed::Parsed::open(dir.path().join("v"));
        for (f, rows) in report.loaded.files.iter().zip(&made) {
            store.put(f, f.rel.as_bytes());
            crate::content::load::parsed::Parsed::derived_or(Some(&store), &f.rel, "rows", || {
                rows.clone()
            });
        }
        let taken = || -> Vec<KeptRows> {
            (report.loaded.files.iter())
                .map(|f| {
                    let never = || panic!("{} is stored", f.rel);
                    crate::content::load::parsed::Parsed::derived_or_later(
                        Some(&store),
                        &f.rel,
                        "rows",
                        never,
                    )
                })
                .collect()
        };
        let stored_files = || -> Vec<std::path::PathBuf> {
            let mut v: Vec<_> = std::fs::read_dir(dir.path().join("v"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| rmp_serde::from_slice::<FileRows>(&std::fs::read(p).unwrap()).is_ok())
                .collect();
            v.sort();
            v
        };
        let rows_files = stored_files();
        assert_eq!(rows_files.len(), made.len(), "each file's rows stored");
        // The metric with the most files: its table needs every one of them.
        let (mi, rows) = (report.matches.rows.iter().enumerate())
            .max_by_key(|(_, rows)| {
                let mut files: Vec<usize> = rows.iter().map(|at| at.file).collect();
                files.dedup();
                files.len()
            })
            .unwrap();
        let want = of_metric(
            &made.iter().cloned().map(Derived::Made).collect::<Vec<_>>(),
            mi,
            rows,
            |_| panic!("made rows read back"),
        );
        assert!(want.len() >= 2);
        // Good: read from the store, nothing made again.
        let good = taken();
        let got = of_metric(&good, mi, rows, |_| panic!("the stored rows read back"));
        assert_eq!(got, want);
        // One file's metric bytes spoiled behind a readable file, another file spoiled whole.
        let mut inner = made[rows[0].file].clone();
        for (m, bytes) in &mut inner.0 {
            if *m == mi {
                *bytes = b"\xff\xff".to_vec();
            }
        }
        let last = rows.last().unwrap().file;
        assert_ne!(rows[0].file, last);
        let spoiled = taken();
        let path_of = |file: usize| match &spoiled[file] {
            Derived::Stored(later) => later.file().to_path_buf(),
            Derived::Made(_) => panic!("stored"),
        };
        std::fs::write(
            path_of(rows[0].file),
            rmp_serde::to_vec_named(&inner).unwrap(),
        )
        .unwrap();
        std::fs::write(path_of(last), b"\x92").unwrap();
        let remade_files = std::sync::Mutex::new(Vec::new());
        let got = of_metric(&spoiled, mi, rows, |file| {
            remade_files.lock().unwrap().push(file);
            let doc = &report.loaded.files[file].document;
            remade(&catalogue.metrics[mi], doc, file, rows)
        });
        assert_eq!(got, want, "the spoiled files' rows made again");
        assert_eq!(remade_files.into_inner().unwrap(), [rows[0].file, last]);
        assert!(!path_of(rows[0].file).exists() && !path_of(last).exists());
        assert_eq!(
            stored_files().len(),
            made.len() - 2,
            "deleted for the next build"
        );
    }
}
