//! Full-text search without a server: an index of character bigrams written as static files
//! under `search/`, and `search.js` in the theme that reads only the parts a query needs.
//!
//! `record.rs` decides what a hit is, `tokenize.rs` how text is split (the browser splits the
//! same way), `index.rs` how postings are laid out in files. This module walks the site's
//! departments in record order and writes everything.

pub mod index;
pub mod previous;
pub mod record;
pub mod selfeval;
pub mod tokenize;
pub mod update;

use crate::content::load::SourceFile;
use crate::content::tree::{DeptEntry, Tree};
use rayon::prelude::*;
use record::Record;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Figures of a written index, reported by the build and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Records indexed (departments and projects).
    pub records: usize,
    /// Distinct terms.
    pub terms: usize,
    /// Terms whose postings went to chunk files.
    pub large_terms: usize,
    /// Files written under `search/`.
    pub files: usize,
    /// Bytes written under `search/`.
    pub bytes: u64,
    /// Records whose terms were found by tokenising their text (every record, unless the
    /// previous build's index was updated: then only those of the units that changed).
    pub remade: usize,
    /// The terms' [`index::Term::inline_size`] in all, which sets the number of bucket files:
    /// kept in the build cache, so that the next build can update the index file by file
    /// ([`update`]).
    pub inline_total: usize,
    /// Index files (bucket and chunk files) published again as the previous build left them,
    /// the index having been updated file by file.
    pub kept_files: usize,
}

/// `search/meta.json`: what the browser loads first.
#[derive(Serialize)]
struct Meta {
    v: u32,
    page_bits: u32,
    buckets: u32,
    records: usize,
    /// (year, first record, end).
    years: Vec<(u16, usize, usize)>,
    /// (year, region key, name, first record, end).
    regions: Vec<(u16, String, String, usize, usize)>,
    /// 一级指标 → its 二级指标, most used first.
    levels: Vec<(String, Vec<String>)>,
}

/// The records of one unit made anew (a department, or one extra record), tokenised: (first
/// record id, per record its sorted term keys, the text of its ASCII words by key).
type UnitTerms = (u32, Vec<Vec<u64>>, FxHashMap<u64, String>);

/// Where a record's fragment is stored, relative to the search folder.
pub fn fragment_path(id: u32) -> String {
    format!("f/{}/{}.bin", id >> 10, id & 1023)
}

/// Where the index goes, and what it may take from the previous build's index.
pub trait Sink: Sync {
    /// Why a file could not be written.
    type Error: Send;
    /// Writes the index file `rel` (a path from the site root).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Self::Error>;
    /// Writes the fragment `rel` (its [`fragment`] bytes), made from `key`.
    fn fragment(&self, rel: &str, key: &str, bytes: &[u8]) -> Result<(), Self::Error> {
        let _ = key;
        self.write(rel, bytes)
    }
    /// Publishes the previous build's fragment `rel` again when it was made from `key` and
    /// is as that build left it, giving its size; `None`, having written nothing, otherwise.
    fn reuse(&self, rel: &str, key: &str) -> Result<Option<u64>, Self::Error> {
        let _ = (rel, key);
        Ok(None)
    }
    /// A key that changes whenever the records of the live department `d` may change (its
    /// file and its place), when one is known without making them.
    fn department_key(&self, d: &DeptEntry, file: &SourceFile) -> Option<String> {
        let _ = (d, file);
        None
    }
    /// Called with the department `d`'s file, its document decoded, when its records are
    /// made for its fragments, before they are: whatever else is made from the same document
    /// may be made from this one decoding (a clean build's department pages are). Called at
    /// most once for a department, on any thread, departments in batches of [`BATCH`] in
    /// record order; not at all for a department whose fragments are published again.
    fn with_document(&self, d: &DeptEntry, decoded: &SourceFile) -> Result<(), Self::Error> {
        let _ = (d, decoded);
        Ok(())
    }
    /// The previous build's index file `rel` (a path from the site root), when it is
    /// recorded and as that build left it.
    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        let _ = rel;
        None
    }
    /// The previous build's index figures (terms, large terms, [`Stats::inline_total`]),
    /// when its files may be updated.
    fn previous_figures(&self) -> Option<(usize, usize, usize)> {
        None
    }
    /// Every file the previous build recorded under `prefix` (a path from the site root),
    /// when every one of them is as that build left it.
    fn previous_files(&self, prefix: &str) -> Option<Vec<String>> {
        let _ = prefix;
        None
    }
    /// Publishes the previous build's index file `rel` again as it is, giving its size
    /// (an error when it was altered since [`Sink::previous_files`] listed it).
    fn keep(&self, rel: &str) -> Result<u64, Self::Error>;
}

/// A [`Sink`] that writes every file through a function and takes nothing from a previous
/// build.
struct Plain<'a, E, W>(&'a W, std::marker::PhantomData<fn() -> E>);

impl<E: Send, W: Fn(&str, &[u8]) -> Result<(), E> + Sync> Sink for Plain<'_, E, W> {
    type Error = E;
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), E> {
        (self.0)(rel, bytes)
    }
    fn keep(&self, _rel: &str) -> Result<u64, E> {
        // It lists no previous files, so it is never asked to keep one.
        Ok(0)
    }
}

/// How many departments' records are made at a time (in parallel); their terms are added
/// to the postings in record order while the next batch is made.
pub const BATCH: usize = 512;

/// Builds the index of every department in `tree` and hands each file to `write`
/// (path relative to the site root, bytes). Output depends only on the content.
pub fn build<E, W>(
    tree: &Tree,
    files: &[SourceFile],
    fed: &[Vec<crate::content::matching::Fed>],
    write: &W,
) -> Result<Stats, E>
where
    E: Send,
    W: Fn(&str, &[u8]) -> Result<(), E> + Sync,
{
    build_with(
        tree,
        files,
        fed,
        &[],
        &Plain(write, std::marker::PhantomData),
    )
}

/// SHA-256 of `parts`, each followed by a NUL, in hex.
fn key(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
        h.update(b"\0");
    }
    crate::publish::manifest::hex(&h.finalize())
}

/// The key of the `k`-th record of the unit keyed `unit` (a hex digest): the memo key of its
/// fragment. The unit's key already names everything the record is made from, so its place
/// in the unit is appended rather than hashed again (a hash per record was a twentieth of an
/// edited rebuild's search step).
fn fragment_key(unit: &str, k: usize) -> String {
    format!("search fragment {unit} {k}")
}

/// [`build`], with `extra` records numbered after every department's: the self-evaluations,
/// found by the words and by the year and region filters (`meta.json` lists their ranges
/// after the departments', one entry per consecutive year and region).
///
/// Records come in units (a department's records, or one extra record), each with a key: a
/// department's from [`Sink::department_key`] or else its records' JSON, an extra record's
/// from its JSON. A unit whose every fragment the previous build made from the same key, at
/// the same ids, is published again without being made; when the previous index can be read
/// back ([`previous`]), such a unit's terms come from the old postings instead of its text.
pub fn build_with<S: Sink>(
    tree: &Tree,
    files: &[SourceFile],
    fed: &[Vec<crate::content::matching::Fed>],
    extra: &[selfeval::SelfEvalRecord],
    sink: &S,
) -> Result<Stats, S::Error> {
    let depts: Vec<&DeptEntry> = record::departments(tree).collect();
    // Department i's records are bounds[i]..bounds[i + 1]: its Part 1, then its projects.
    let mut bounds = Vec::with_capacity(depts.len() + 1);
    bounds.push(0u32);
    for d in &depts {
        let last = bounds[bounds.len() - 1];
        bounds.push(last + 1 + files[d.file].document.summary().projects.len() as u32);
    }
    let first = &bounds[..depts.len()];
    let records = bounds[depts.len()] as usize + extra.len();
    let mut stats = Stats {
        records,
        ..Stats::default()
    };
    let (count, written) = (AtomicUsize::new(0), AtomicU64::new(0));
    let search_path = |path: &str| crate::address::Address::SearchData { file: path }.path();
    let put = |path: &str, bytes: &[u8]| {
        count.fetch_add(1, Ordering::Relaxed);
        written.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        sink.write(&search_path(path), bytes)
    };
    // The previous index, when its files may be used: its `meta.json` read back as this
    // version's layout, its figures recorded and every one of its files as it left them.
    let old_shape = previous_shape(sink, &search_path);
    let usable = old_shape.is_some();
    // A unit of `n` records from `first`, keyed `unit` when known beforehand: its fragments
    // published again where the previous build made them from the same key, made otherwise.
    // Returns its terms when they must be found anew.
    let unit = |first: u32,
                n: usize,
                unit: Option<String>,
                make: &dyn Fn() -> Result<Vec<Record>, S::Error>|
     -> Result<Option<UnitTerms>, S::Error> {
        let mut made: Option<Vec<Record>> = None;
        let unit = match unit {
            Some(u) => u,
            None => {
                let recs = make()?;
                let json: Vec<Vec<u8>> = recs.iter().map(to_json).collect();
                made = Some(recs);
                key(&json.iter().map(Vec::as_slice).collect::<Vec<_>>())
            }
        };
        let mut all_reused = true;
        for k in 0..n {
            let id = first + k as u32;
            let rel = search_path(&fragment_path(id));
            let fkey = fragment_key(&unit, k);
            let size = match sink.reuse(&rel, &fkey)? {
                Some(size) => size,
                None => {
                    all_reused = false;
                    let recs = match &mut made {
                        Some(recs) => recs,
                        None => made.insert(make()?),
                    };
                    // A document whose store turned out spoiled stands in with no
                    // projects, hence fewer records than its summary counts: the build stops
                    // with its error before anything is published, so nothing is written.
                    let Some(rec) = recs.get(k) else { continue };
                    let bytes = fragment(&to_json(rec));
                    sink.fragment(&rel, &fkey, &bytes)?;
                    bytes.len() as u64
                }
            };
            count.fetch_add(1, Ordering::Relaxed);
            written.fetch_add(size, Ordering::Relaxed);
        }
        if all_reused && usable {
            return Ok(None);
        }
        let recs = match &mut made {
            Some(recs) => recs,
            None => made.insert(make()?),
        };
        Ok(Some(terms_of(first, recs)))
    };

    // Each term's postings are encoded as they grow (units come in record order, so every
    // term's ids arrive ascending): a clean build of 10,000 departments holds some 40 million
    // postings here, 4 bytes each (and a growing vector's slack) as plain ids, about one
    // byte each encoded.
    let mut fresh: FxHashMap<u64, (String, index::Postings)> = FxHashMap::default();
    let mut kept: Vec<(u32, u32)> = Vec::new();
    // Batches keep memory flat: two batches' tokens at a time, postings as they grow. A
    // batch's terms are added to the postings (on one thread, in record order) while the
    // next batch is made on the other threads.
    let make_batch = |batch: &[usize]| -> Result<Vec<Option<UnitTerms>>, S::Error> {
        batch
            .par_iter()
            .map(|&i| {
                let d = depts[i];
                let (file, n) = (&files[d.file], (bounds[i + 1] - first[i]) as usize);
                let fed = fed.get(d.file).map_or(&[][..], Vec::as_slice);
                // Decoded once, for the records and for the sink.
                let make = || {
                    let decoded = file.decoded();
                    sink.with_document(d, &decoded)?;
                    Ok(record::department_records_of(d, &decoded.document, fed))
                };
                unit(first[i], n, sink.department_key(d, file), &make)
            })
            .collect()
    };
    let mut add_batch = |batch: &[usize], done: Vec<Option<UnitTerms>>| {
        for (&i, terms) in batch.iter().zip(done) {
            match terms {
                Some(t) => add(&mut fresh, t),
                None => kept.push((first[i], bounds[i + 1] - first[i])),
            }
        }
    };
    let order: Vec<usize> = (0..depts.len()).collect();
    let mut made: Option<(&[usize], Vec<Option<UnitTerms>>)> = None;
    for batch in order.chunks(BATCH) {
        let ((), done) = rayon::join(
            || {
                if let Some((before, done)) = made.take() {
                    add_batch(before, done);
                }
            },
            || make_batch(batch),
        );
        made = Some((batch, done?));
    }
    if let Some((before, done)) = made.take() {
        add_batch(before, done);
    }
    let base = bounds[depts.len()];
    for (k, e) in extra.iter().enumerate() {
        let id = base + k as u32;
        let make = || Ok(vec![e.record.clone()]);
        match unit(id, 1, None, &make)? {
            Some(t) => add(&mut fresh, t),
            None => kept.push((id, 1)),
        }
    }
    stats.remade = records - kept.iter().map(|&(_, n)| n as usize).sum::<usize>();
    let old_records = old_shape.as_ref().map_or(0, |(o, _)| o.records);
    let mut dirty = previous::Dirty::all(records.max(old_records));
    for &(first, n) in &kept {
        dirty.keep(first, n);
    }
    dirty.seal();
    // Only the index files holding a term that changed are made anew, when the layout of
    // the others stays; else every term is laid out, the kept units' from the old postings.
    let updated = old_shape.and_then(|(shape, listed)| {
        let file = |rel: &str| sink.previous(&search_path(rel));
        update::plan(shape, &dirty, &fresh, file, &listed)
    });
    let buckets = match updated {
        Some(plan) => {
            for rel in &plan.keep {
                let size = sink.keep(&search_path(rel))?;
                count.fetch_add(1, Ordering::Relaxed);
                written.fetch_add(size, Ordering::Relaxed);
            }
            for (rel, bytes) in &plan.write {
                put(rel, bytes)?;
            }
            stats.terms = plan.terms;
            stats.large_terms = plan.large_terms;
            stats.inline_total = plan.inline_total;
            stats.kept_files = plan.keep.len();
            index::buckets_for(plan.inline_total)
        }
        None => {
            // A unit is kept only when the old index was found usable: its terms are there,
            // unless its files do not read back after all; then every unit is tokenised.
            let old = match usable {
                true => previous::read(|rel| sink.previous(&search_path(rel))),
                false => None,
            };
            let old = match old {
                Some(old) => old,
                None if kept.is_empty() => previous::OldIndex::default(),
                None => {
                    fresh.clear();
                    dirty = previous::Dirty::all(records);
                    dirty.seal();
                    for (i, d) in depts.iter().enumerate() {
                        let fed = fed.get(d.file).map_or(&[][..], Vec::as_slice);
                        let recs = record::department_records(d, &files[d.file], fed);
                        add(&mut fresh, terms_of(first[i], &recs));
                    }
                    for (k, e) in extra.iter().enumerate() {
                        let recs = std::slice::from_ref(&e.record);
                        add(&mut fresh, terms_of(base + k as u32, recs));
                    }
                    stats.remade = records;
                    previous::OldIndex::default()
                }
            };
            let terms = previous::merge(old, &dirty, fresh);
            stats.terms = terms.len();
            let (buckets, large_terms, inline_total) =
                index::layout_into(terms, |path, bytes| put(&path, &bytes))?;
            stats.large_terms = large_terms;
            stats.inline_total = inline_total;
            buckets
        }
    };

    let mut meta = meta(tree, files, &bounds, buckets);
    meta.records = records;
    extra_ranges(&mut meta, extra, base as usize);
    put("meta.json", &serde_json::to_vec(&meta).unwrap_or_default())?;
    for (path, list) in department_lists(&depts, &bounds) {
        put(&path, &serde_json::to_vec(&list).unwrap_or_default())?;
    }
    stats.files = count.into_inner();
    stats.bytes = written.into_inner();
    Ok(stats)
}

/// The previous index's shape and its bucket and chunk files (paths under the search
/// folder), when `meta.json` reads back as this version's layout, the figures are recorded
/// and every file is as the previous build left it.
fn previous_shape<S: Sink>(
    sink: &S,
    search_path: &dyn Fn(&str) -> String,
) -> Option<(update::OldShape, Vec<String>)> {
    let (buckets, records) = previous::read_meta(&sink.previous(&search_path("meta.json"))?)?;
    let (terms, large_terms, inline_total) = sink.previous_figures()?;
    let shape = update::OldShape {
        buckets,
        records,
        terms,
        large_terms,
        inline_total,
    };
    let root = search_path("");
    let mut listed = Vec::new();
    for dir in ["t/", "l/"] {
        for rel in sink.previous_files(&search_path(dir))? {
            listed.push(rel.strip_prefix(&root)?.to_string());
        }
    }
    Some((shape, listed))
}

/// Adds the terms of a unit's records to `fresh` (units come in record order, so each
/// term's ids arrive ascending).
fn add(fresh: &mut FxHashMap<u64, (String, index::Postings)>, (start, keys, mut words): UnitTerms) {
    for (k, ks) in keys.into_iter().enumerate() {
        for h in ks {
            fresh
                .entry(h)
                .or_insert_with(|| (term_text(h, &mut words), index::Postings::default()))
                .1
                .push(start + k as u32);
        }
    }
}

/// A record's JSON, as its fragment holds it.
fn to_json(r: &Record) -> Vec<u8> {
    serde_json::to_vec(r).unwrap_or_default()
}

/// The terms of `recs`, numbered from `first`.
fn terms_of(first: u32, recs: &[Record]) -> UnitTerms {
    let mut words: FxHashMap<u64, String> = FxHashMap::default();
    let mut keys = Vec::with_capacity(recs.len());
    for r in recs {
        let mut ks: Vec<u64> = Vec::new();
        for text in r.segments.iter().flat_map(|s| s.searched()) {
            tokenize::scan(text, |t| {
                let k = t.key();
                ks.push(k);
                if let tokenize::Piece::Word(w) = t {
                    words.entry(k).or_insert_with(|| w.to_string());
                }
            });
        }
        ks.sort_unstable();
        ks.dedup();
        keys.push(ks);
    }
    (first, keys, words)
}

/// The text of a term from its key (see [`tokenize::Piece::key`]).
fn term_text(key: u64, words: &mut FxHashMap<u64, String>) -> String {
    if key >> 63 == 1 {
        return words.remove(&key).unwrap_or_default();
    }
    let a = char::from_u32((key >> 21) as u32).unwrap_or(' ');
    match char::from_u32((key & 0x1f_ffff) as u32) {
        Some(b) if b != '\0' => tokenize::Piece::Pair(a, b).text(),
        _ => tokenize::Piece::Single(a).text(),
    }
}

/// How hard a fragment is deflated. The browser inflates one small file (≈ 1.5 KB) per hit
/// shown, so a few per cent of bytes matter less than the build's time: on 4,000 fragments of
/// `bench/site.sh 2000`'s site, level 2 (zlib-rs's fast matcher) made them 5.6 % larger than
/// level 6 (the default, used before) in about half the time; level 1 (static codes only)
/// made them 30 % larger.
pub const FRAGMENT_LEVEL: u32 = 2;

thread_local! {
    /// Each thread's deflate state, reset for every fragment: a new one allocates and clears
    /// its window and tables (≈ 300 KB), several times the work of deflating a fragment.
    static DEFLATER: std::cell::RefCell<flate2::Compress> = std::cell::RefCell::new(
        flate2::Compress::new(flate2::Compression::new(FRAGMENT_LEVEL), false),
    );
}

/// A record's fragment file, as the browser reads it: its JSON, gzipped at [`FRAGMENT_LEVEL`].
pub fn fragment(json: &[u8]) -> Vec<u8> {
    use crate::deflate::{End, GZIP_HEADER, gzip_trailer, part};
    // Deflating into memory cannot fail.
    let body = DEFLATER.with(|c| part(&mut c.borrow_mut(), json, End::Final).unwrap_or_default());
    let trailer = gzip_trailer(crc32fast::hash(json), json.len() as u64);
    [&GZIP_HEADER[..], &body, &trailer].concat()
}

/// `meta.json`; `bounds` are the departments' record bounds in tree order.
fn meta(tree: &Tree, files: &[SourceFile], bounds: &[u32], buckets: u32) -> Meta {
    let mut years = Vec::new();
    let mut regions = Vec::new();
    let mut i = 0;
    for y in &tree.years {
        let ystart = bounds[i] as usize;
        for r in &y.regions {
            let rstart = bounds[i] as usize;
            i += r.departments.len();
            regions.push((
                y.year,
                r.key.clone(),
                r.name.clone(),
                rstart,
                bounds[i] as usize,
            ));
        }
        years.push((y.year, ystart, bounds[i] as usize));
    }
    // Hashed, not ordered: the sorts below order every name (by count, then by name).
    let mut counts: FxHashMap<&str, (usize, FxHashMap<&str, usize>)> = FxHashMap::default();
    // From the documents' summaries: an unchanged document is not decoded for them.
    for f in files {
        for level in &f.document.summary().levels {
            let e = counts.entry(&level.name).or_default();
            e.0 += level.rows;
            for (name, rows) in &level.below {
                *e.1.entry(name).or_default() += rows;
            }
        }
    }
    let mut levels: Vec<(usize, String, Vec<String>)> = counts
        .into_iter()
        .map(|(l1, (n, l2s))| {
            let mut l2: Vec<(usize, &str)> = l2s.into_iter().map(|(k, v)| (v, k)).collect();
            l2.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            let l2 = l2.into_iter().take(30).map(|x| x.1.to_string()).collect();
            (n, l1.to_string(), l2)
        })
        .collect();
    levels.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Meta {
        v: 1,
        page_bits: index::PAGE_BITS,
        buckets,
        records: bounds[bounds.len() - 1] as usize,
        years,
        regions,
        levels: levels.into_iter().take(20).map(|x| (x.1, x.2)).collect(),
    }
}

/// Adds the ranges of the `extra` records, numbered from `base`, to the year and region
/// filters: one entry per run of consecutive records of one year (and region).
fn extra_ranges(meta: &mut Meta, extra: &[selfeval::SelfEvalRecord], base: usize) {
    let mut start = 0;
    while start < extra.len() {
        let first = &extra[start];
        let year = first.record.year;
        let mut end = start;
        while end < extra.len() && extra[end].record.year == year {
            end += 1;
        }
        meta.years.push((year, base + start, base + end));
        let mut r = start;
        while r < end {
            let key = &extra[r].region_key;
            let mut e = r;
            while e < end && extra[e].region_key == *key {
                e += 1;
            }
            meta.regions.push((
                year,
                key.clone(),
                extra[r].region_name.clone(),
                base + r,
                base + e,
            ));
            r = e;
        }
        start = end;
    }
}

/// A region's departments: (key, name, first record, end).
type DeptList = Vec<(String, String, usize, usize)>;

/// `d/{year}-{region}.json`: each region's departments with their record ranges, for the
/// department filter.
fn department_lists(depts: &[&DeptEntry], bounds: &[u32]) -> Vec<(String, DeptList)> {
    let mut lists: BTreeMap<String, DeptList> = BTreeMap::new();
    for (i, d) in depts.iter().enumerate() {
        lists
            .entry(format!("d/{}-{}.json", d.year, d.region))
            .or_default()
            .push((
                d.key.clone(),
                d.name.clone(),
                bounds[i] as usize,
                bounds[i + 1] as usize,
            ));
    }
    lists.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    /// The fragments of the bundled content's records, as [`super::fragment`] makes them one
    /// after another on one thread (its deflate state reused), and their JSON.
    fn bundled() -> Vec<(Vec<u8>, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::content::load::load_dir(&root, false);
        let tree = crate::content::tree::tree(&loaded.files, &[]);
        let records: Vec<super::Record> = (super::record::departments(&tree))
            .flat_map(|d| super::record::department_records(d, &loaded.files[d.file], &[]))
            .collect();
        assert!(records.len() >= 30, "{} records", records.len());
        (records.iter().map(super::to_json))
            .map(|json| (super::fragment(&json), json))
            .collect()
    }

    #[test]
    fn fragments_are_what_a_fresh_gzip_writer_makes_and_inflate_back() {
        for (gz, json) in bundled() {
            let level = flate2::Compression::new(super::FRAGMENT_LEVEL);
            let mut fresh = flate2::GzBuilder::new().write(Vec::new(), level);
            fresh.write_all(&json).unwrap();
            assert_eq!(
                gz,
                fresh.finish().unwrap(),
                "{}",
                String::from_utf8_lossy(&json)
            );
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, json);
        }
    }

    /// A stored document that cannot be read back (its store spoiled and its YAML gone after
    /// its summary was taken) stands in with no projects while its summary counts several:
    /// the index is made without the missing records' fragments, and nothing panics (the
    /// build then refuses to publish, `pipeline::BuildError::StoreSpoiled`).
    #[test]
    fn a_document_spoiled_while_its_records_are_made_leaves_their_fragments_out() {
        use crate::content::load::parsed::Parsed;
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut loaded = crate::content::load::load_dir(&content, false);
        let at = (loaded.files.iter())
            .position(|f| f.document.projects.len() >= 2)
            .expect("a bundled department with two projects");
        let f = &loaded.files[at];
        let dir = tempfile::tempdir().unwrap();
        let yaml = dir.path().join("dept.yaml");
        let bytes = std::fs::read(&f.path).unwrap();
        std::fs::write(&yaml, &bytes).unwrap();
        let store = Parsed::open(dir.path().join("v"));
        store.put(f, &bytes).expect("stored");
        let source = crate::digest::sha256_hex(&bytes);
        let taken = store.get(&yaml, &f.rel, &source).expect("taken");
        let projects = taken.document.summary().projects.len();
        assert!(projects >= 2);
        // Every stored file spoiled (the summary was read already), and the YAML gone.
        for e in walkdir::WalkDir::new(dir.path().join("v")) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                std::fs::write(e.path(), b"x").unwrap();
            }
        }
        std::fs::remove_file(&yaml).unwrap();
        loaded.files[at] = taken;
        let tree = crate::content::tree::tree(&loaded.files, &[]);
        let written = std::sync::Mutex::new(Vec::new());
        let write = |rel: &str, _: &[u8]| -> Result<(), ()> {
            written.lock().unwrap().push(rel.to_string());
            Ok(())
        };
        let stats = super::build(&tree, &loaded.files, &[], &write).expect("index made");
        assert!(loaded.files[at].document.spoiled());
        let fragments = (written.into_inner().unwrap().iter())
            .filter(|rel| rel.contains("/f/"))
            .count();
        // The stand-in's own department record is made; its projects' are not.
        assert_eq!(fragments + projects, stats.records);
    }

    #[test]
    fn an_empty_record_is_a_whole_gzip_stream() {
        let gz = super::fragment(b"");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert!(back.is_empty());
    }
}
