//! The steps of a build, in the order [`super::build`] runs them: process (load and check
//! every document once, frozen years), assemble (tree and site values), then each output
//! given the tree and the staging writer (pages with the frozen years' copies, comparisons,
//! downloads and bundles, search), and finish (assets, feed, sitemap, link check).

use super::{BuildError, Setup, cache};
use crate::address::Address;
use crate::content::load::SourceFile;
use crate::content::load::parsed::{Known, Parsed};
use crate::content::tree::{self as model, DeptEntry, Tree};
use crate::diagnostic::Severity;
use crate::publish::freeze::{self, Corrected, Frozen};
use crate::publish::staging::{Linked, OutputError, Staging};
use crate::render::kind;
use crate::render::links::LinkIndex;
use crate::render::pages::{self, MdPage, SiteMeta};
use crate::render::renderer::{self as render, Renderer};
use crate::review::check::{self, Report};
use cache::Cache;
use rayon::prelude::*;
use sha2::Digest;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The content as read and checked: every document once.
pub struct Content {
    /// Every document, its findings, the catalogue and the metric matches.
    pub report: Report,
    /// Each document's rows that feed a comparison, as the comparisons lay them out, taken
    /// when it was checked (in the order of the loaded files).
    pub rows: Vec<crate::outputs::compare::rows::KeptRows>,
    /// Frozen years by year.
    pub frozen: BTreeMap<u16, Frozen>,
    /// Departments of frozen years that carry corrections.
    pub corrected: Vec<Corrected>,
}

impl Content {
    /// True for a year that is built from its documents, not published from its archive.
    pub fn live(&self, year: u16) -> bool {
        !self.frozen.contains_key(&year)
    }

    /// Department files of frozen years with a new correction: rendered anew.
    fn rerender(&self) -> HashSet<&str> {
        (self.corrected.iter())
            .filter(|c| c.live)
            .map(|c| c.rel.as_str())
            .collect()
    }
}

/// Loads and checks every document once; stops on any error. Frozen years' sources must
/// match their archive but for declared corrections.
pub fn process(
    root: &Path,
    out: &Path,
    parsed: Option<&Parsed>,
    inputs: Option<&cache::Inputs>,
) -> Result<Content, BuildError> {
    let content = root.join("content");
    let known = parsed.zip(inputs).map(|(store, i)| Known {
        store,
        hashes: &i.departments,
    });
    // Each document's comparison rows are made as it is checked, so that the comparisons
    // need not hold or decode the documents again; when an earlier build kept them under the
    // same catalogue, they are read from the store only if a table that shows them is laid
    // out again (after an edit, those of the edited department's metrics).
    let (report, rows) = check::check_errors_each(&content, known, |catalogue, key, f, found| {
        use crate::outputs::compare::rows::FileRows;
        let key = format!("comparison rows\0{key}");
        let make = || FileRows::of(catalogue, &f.document, found.found());
        Parsed::derived_or_later(parsed, &f.rel, &key, make)
    });
    if report.count(Severity::Error) > 0 {
        return Err(BuildError::Content {
            report: report.render(),
            errors: report.count(Severity::Error),
        });
    }
    crate::paths::refuse_empty_over_published(&content, out, report.loaded.files.len())?;
    // The same check `gongkai check` runs (review::check::frozen_sources).
    let (frozen, corrected) = check::frozen_sources(root, &report.loaded.files)?;
    Ok(Content {
        report,
        rows,
        frozen,
        corrected,
    })
}

/// The site as assembled from the content: the tree, the Markdown pages, the site values.
pub struct Site {
    /// Years → regions → departments.
    pub tree: Tree,
    /// The Markdown pages.
    pub md_pages: Vec<MdPage>,
    /// The values every template receives.
    pub meta: SiteMeta,
    /// Warnings published beside the text.
    pub warnings: usize,
}

/// Gathers the tree and the site values.
pub fn assemble(
    root: &Path,
    config: &crate::config::Config,
    opts: &super::BuildOptions,
    content: &Content,
) -> Result<Site, BuildError> {
    let report = &content.report;
    let tree = model::tree(&report.loaded.files, &report.findings);
    // The build stopped on any error, so every finding the tree counted is a warning.
    let warnings: usize = tree
        .years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
        .map(|d| d.flagged)
        .sum();
    let md_pages = pages::load_markdown(&root.join("content")).map_err(BuildError::Pages)?;
    for md in &md_pages {
        crate::paths::check_page_name(&root.join("content"), &md.slug)?;
    }
    let mut archived: BTreeMap<u16, String> = (content.frozen.values())
        .map(|f| (f.year, f.date.clone()))
        .collect();
    archived.extend(opts.freezing.clone());
    let mut meta = SiteMeta::new(config, &md_pages, &tree, archived);
    meta.selfevals =
        crate::render::selfeval::SelfEvalIndex::new(&report.selfevals, &report.loaded.files);
    meta.revisions = (content.corrected.iter())
        .map(|c| (c.path(), c.archived.iter().map(|r| r.number).collect()))
        .collect();
    Ok(Site {
        tree,
        md_pages,
        meta,
        warnings,
    })
}

/// What every output step is given.
pub struct Context<'a> {
    /// Settings, theme, cache.
    pub setup: &'a Setup,
    /// The documents.
    pub content: &'a Content,
    /// The rows of each document that feed a comparison.
    pub fed: &'a [Vec<crate::content::matching::Fed<'a>>],
    /// The tree and site values.
    pub site: &'a Site,
    /// Renders and writes pages.
    pub renderer: &'a Renderer<'a>,
    /// Where files go.
    pub staging: &'a Staging,
    /// The previous build's cache, when its site-wide values equal this build's (so that
    /// what it made from an unchanged key may be published again).
    pub same_site: Option<&'a Cache>,
}

impl Context<'_> {
    fn files(&self) -> &[SourceFile] {
        &self.content.report.loaded.files
    }
}

/// Frozen years, published from their archive byte for byte (after the home page). A corrected department's
/// archived revisions go to `rev.N/` beneath it; its address shows the newest revision.
/// Returns the anchors of the pages copied.
fn frozen(cx: &Context) -> Result<LinkIndex, BuildError> {
    let mut index = LinkIndex::default();
    let mut copy = |rel: String, path: &Path| -> Result<(), BuildError> {
        let bytes = std::fs::read(path).map_err(|source| freeze::FreezeError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(page) = rel.strip_suffix("index.html") {
            index.add_anchors(page, &String::from_utf8_lossy(&bytes));
        }
        cx.staging.write(&rel, &bytes)?;
        Ok(())
    };
    let corrected = &cx.content.corrected;
    let corrected_paths: Vec<String> = corrected.iter().map(Corrected::path).collect();
    for f in cx.content.frozen.values() {
        for (rel, path) in f.pages()? {
            if !corrected_paths.iter().any(|p| rel.starts_with(p.as_str())) {
                copy(rel, &path)?;
            }
        }
    }
    for c in corrected {
        let dept = c.path();
        for (i, r) in c.archived.iter().enumerate() {
            let newest = i + 1 == c.archived.len() && !c.live;
            for (rel, path) in r.files()? {
                copy(
                    format!(
                        "{}{rel}",
                        Address::Revision {
                            department: &dept,
                            number: r.number,
                        }
                    ),
                    &path,
                )?;
                if newest {
                    copy(format!("{dept}{rel}"), &path)?;
                }
            }
        }
    }
    Ok(index)
}

/// What the pages step made.
pub struct Pages {
    /// The links and anchors of every page.
    pub links: LinkIndex,
    /// Departments copied from the previous output.
    pub reused: usize,
    /// Each live department's key and the files under its address, by department file, for
    /// the cache.
    pub made: BTreeMap<String, cache::Department>,
    /// The search index, when it was built in the same pass as the department pages (a
    /// build that takes nothing from the previous output: each document is decoded once,
    /// for its pages and its search records).
    pub search: Option<crate::outputs::search::Stats>,
}

/// The home, year, region, Markdown, search and 404 pages, then every department's page,
/// project pages and data files: copied from the previous output when the cache shows
/// nothing they are made from changed, rendered on every core otherwise.
pub fn pages(cx: &Context) -> Result<Pages, BuildError> {
    let (site, config, tree, r) = (&cx.site.meta, &cx.setup.config, &cx.site.tree, cx.renderer);
    let files = cx.files();
    let content = cx.content;
    let mut index = LinkIndex::default();
    let frozen_years: std::collections::BTreeSet<u16> = content.frozen.keys().copied().collect();
    let kinds_site = kind::Site {
        meta: site,
        config,
        tree,
        md_pages: &cx.site.md_pages,
        frozen: &frozen_years,
        files,
        selfevals: &content.report.selfevals,
        content_dir: &cx.setup.content_dir,
    };
    kind::render_all(pages::KINDS, r, kinds_site, &mut index)?;
    index.merge(frozen(cx)?);
    crate::render::selfeval::write(r, &cx.setup.content_dir, files, &content.report.selfevals)?;

    let rerender = content.rerender();
    let depts: Vec<&DeptEntry> = tree
        .years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|g| &g.departments)
        .filter(|d| content.live(d.year) || rerender.contains(files[d.file].rel.as_str()))
        .collect();
    // A department of a live year whose file and site values are as the cache recorded has
    // its files copied from the previous output (each checked against its hash).
    let (inputs, previous) = (&cx.setup.inputs, &cx.setup.previous);
    let site_key = inputs.as_ref().map(|i| i.site_key(site));
    // A department's key: its file's hash and its findings, which may come from other
    // documents (the review across years).
    let keys: std::collections::HashMap<&str, String> = match inputs {
        Some(i) => (depts.par_iter())
            .filter_map(|d| {
                let rel = files[d.file].rel.as_str();
                let source = i.departments.get(rel)?;
                let mut h = sha2::Sha256::new();
                h.update(source);
                h.update(content.report.findings[d.file].digest());
                Some((rel, crate::publish::manifest::hex(&h.finalize())))
            })
            .collect(),
        None => Default::default(),
    };
    let unchanged = |d: &DeptEntry| -> Option<&cache::Department> {
        let c = previous.as_ref()?;
        let rel = files[d.file].rel.as_str();
        let old = c.departments.get(rel)?;
        (content.live(d.year)
            && !rerender.contains(rel)
            && site_key.as_deref() == Some(c.site.as_str())
            && keys.get(rel) == Some(&old.source))
        .then_some(old)
    };
    // A department's files are copied all together or made all anew: they go without the page memo,
    // whose keys would cost a clean build a serialisation of every project.
    let plain = Renderer {
        theme: r.theme,
        site: r.site,
        staging: r.staging,
        live_reload: r.live_reload,
        memo: None,
    };
    // A department's pages and data, made from its document (decoded for them alone when
    // not given, and let go once they are written).
    let make = |links: &mut LinkIndex, d: &DeptEntry, f: &SourceFile| {
        let flags = &content.report.findings[d.file];
        let dir = &cx.setup.content_dir;
        department(&plain, config, dir, links, d, f, flags, &cx.fed[d.file])
    };
    // Each department's outcome: `None` when made anew, else whether its files are the very
    // files of the previous output (then recorded for the cache as they were, unstat'ed).
    let one = |links: &mut LinkIndex, d: &&DeptEntry| {
        if let Some(old) = unchanged(d)
            && let Some(linked) = reuse(&cx.setup.out, old, cx.staging, links)?
        {
            let rel = files[d.file].rel.as_str();
            return Ok(Some((linked == Linked::Same).then_some((rel, old))));
        }
        make(links, d, &files[d.file].decoded())?;
        Ok(None)
    };
    // A build that takes nothing from the previous output (then no department is
    // `unchanged`) makes each department's pages with its search records, from one decoding
    // of its document; the search index is built in the same pass.
    let (dept_links, copied, search) = match cx.same_site {
        None => {
            let (links, copied, stats) = with_search(cx, &depts, make, one)?;
            (links, copied, Some(stats))
        }
        Some(_) => {
            let (links, copied) = render::each(&depts, one)?;
            (links, copied, None)
        }
    };
    index.merge(dept_links);
    let reused = copied.iter().filter(|c| c.is_some()).count();
    let same: BTreeMap<&str, &cache::Department> = copied.into_iter().flatten().flatten().collect();
    let made = department_files(cx, &depts, &rerender, &same, &index);
    Ok(Pages {
        links: index,
        reused,
        made: made
            .into_iter()
            .filter_map(|(rel, files)| {
                let source = keys.get(rel.as_str())?.clone();
                Some((rel, cache::Department { source, files }))
            })
            .collect(),
        search,
    })
}

/// The departments' links merged in the departments' order as each department's pages are
/// made (on any thread, in any order within a batch of the search).
#[derive(Default)]
struct InOrder {
    /// The next department to merge.
    next: usize,
    /// Departments made ahead of `next`, by place.
    waiting: BTreeMap<usize, LinkIndex>,
    /// The links of the departments before `next`.
    merged: LinkIndex,
}

impl InOrder {
    fn put(&mut self, at: usize, links: LinkIndex) {
        self.waiting.insert(at, links);
        while let Some(links) = self.waiting.remove(&self.next) {
            self.merged.merge(links);
            self.next += 1;
        }
    }
}

/// What [`with_search`] returns: the departments' links, each department's outcome (as
/// [`render::each`] gives it) and the search index's figures.
type WithSearch<T> = (LinkIndex, Vec<T>, crate::outputs::search::Stats);

/// Builds the search index, making each of `depts`' pages and data with `make` from the
/// document decoded for its search records; a department the search did not decode (its
/// records were not made) is made by `one` afterwards, in its place. Links are merged in
/// the departments' order, as [`render::each`] merges them.
fn with_search<T, M, O>(
    cx: &Context,
    depts: &[&DeptEntry],
    make: M,
    one: O,
) -> Result<WithSearch<Option<T>>, BuildError>
where
    M: Fn(&mut LinkIndex, &DeptEntry, &SourceFile) -> Result<(), render::RenderError> + Sync,
    O: Fn(&mut LinkIndex, &&DeptEntry) -> Result<Option<T>, render::RenderError>,
{
    // By the department's file (one file, one department), not by its address.
    let place: rustc_hash::FxHashMap<usize, usize> = (depts.iter().enumerate())
        .map(|(i, d)| (d.file, i))
        .collect();
    let made = std::sync::Mutex::new(InOrder::default());
    let pages = |d: &DeptEntry, f: &SourceFile| -> Result<(), render::RenderError> {
        let Some(&at) = place.get(&d.file) else {
            return Ok(());
        };
        let mut links = LinkIndex::default();
        make(&mut links, d, f)?;
        (made.lock().unwrap_or_else(|e| e.into_inner())).put(at, links);
        Ok(())
    };
    let stats = search_with(cx, Some(&pages))?;
    let InOrder {
        next,
        mut waiting,
        mut merged,
    } = made.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut outcomes: Vec<Option<T>> = (0..next).map(|_| None).collect();
    for (at, d) in depts.iter().enumerate().skip(next) {
        match waiting.remove(&at) {
            Some(links) => {
                merged.merge(links);
                outcomes.push(None);
            }
            None => outcomes.push(one(&mut merged, d)?),
        }
    }
    Ok((merged, outcomes, stats))
}

/// One department's files: its page, its project pages, its JSON and CSV.
#[allow(clippy::too_many_arguments)]
fn department(
    r: &Renderer,
    config: &crate::config::Config,
    content_dir: &Path,
    links: &mut LinkIndex,
    d: &DeptEntry,
    f: &SourceFile,
    flags: &crate::content::findings::DocFindings,
    fed: &[crate::content::matching::Fed],
) -> Result<(), crate::render::renderer::RenderError> {
    let copy = pages::source_copy(content_dir, d, &f.document.document);
    let dept = kind::Department {
        site: r.site,
        config,
        entry: d,
        file: f,
        flags,
        links: pages::DocLinks {
            fed,
            source_copied: copy.is_some(),
        },
    };
    kind::render_department(pages::DEPARTMENT_KINDS, r, dept, links)?;
    for (rel, bytes) in
        crate::outputs::downloads::department_data(d, f, r.site.selfevals.depts.get(&d.path))
    {
        r.file(&rel, &bytes)?;
    }
    if let Some((rel, path)) = &copy {
        let bytes = std::fs::read(path).map_err(|source| OutputError::Write {
            path: path.clone(),
            source,
        })?;
        r.file(rel, &bytes)?;
    }
    Ok(())
}

/// Publishes a department's files from the previous output `out` into `staging` as hard
/// links when each still has the size, inode and modification time the cache recorded
/// (nothing is read or hashed), noting the pages' ids for the link check; `None`, having
/// written nothing, when any differs or is gone. [`Linked::Same`] when every file is the
/// very file of the previous output (so it keeps the stamp just checked), else
/// [`Linked::Copied`].
fn reuse(
    out: &Path,
    old: &cache::Department,
    staging: &Staging,
    links: &mut LinkIndex,
) -> Result<Option<Linked>, OutputError> {
    if !(old.files.iter()).all(|f| f.unchanged_at(&out.join(&f.path))) {
        return Ok(None);
    }
    let mut all = Linked::Same;
    for f in &old.files {
        let linked = staging.link(
            &f.path,
            &out.join(&f.path),
            f.stamp.inode,
            f.size,
            &f.sha256,
        )?;
        if linked == Linked::Copied {
            all = Linked::Copied;
        }
        if let Some(page) = f.path.strip_suffix("index.html") {
            links.add_ids(page, f.ids.clone());
        }
    }
    Ok(Some(all))
}

/// The files written under each live department's address (its page, project pages, JSON
/// and CSV), by department file, for the cache: each with its stamp in the staging folder
/// (the one it keeps once swapped in) and a page's ids from `links`. The departments in
/// `same` were published again as the very files of the previous output: their records
/// are taken over as they were, without a `stat` of each file.
fn department_files(
    cx: &Context,
    depts: &[&DeptEntry],
    rerender: &HashSet<&str>,
    same: &BTreeMap<&str, &cache::Department>,
    links: &LinkIndex,
) -> BTreeMap<String, Vec<cache::OutputFile>> {
    let files = cx.files();
    let by_path: std::collections::HashMap<&str, &str> = depts
        .iter()
        .filter(|d| cx.content.live(d.year) && !rerender.contains(files[d.file].rel.as_str()))
        .map(|d| (d.path.as_str(), files[d.file].rel.as_str()))
        .filter(|(_, rel)| !same.contains_key(rel))
        .collect();
    let mut out: BTreeMap<String, Vec<cache::OutputFile>> = (same.iter())
        .map(|(rel, old)| (rel.to_string(), old.files.clone()))
        .collect();
    // Stat'ed on every core, gathered in the order they were written.
    let found: Vec<(&str, cache::OutputFile)> = (cx.staging.entries().into_par_iter())
        .filter_map(|e| {
            // A department's address is its first three segments: `2024/130529/414/`.
            let (end, _) = e.path.match_indices('/').nth(2)?;
            let rel = *by_path.get(&e.path[..=end])?;
            // A file whose stamp cannot be read is recorded with none: it never matches.
            let (stamp, _) = cache::Stamp::of(&cx.staging.dir().join(&e.path)).unwrap_or_default();
            let ids = (e.path.strip_suffix("index.html"))
                .and_then(|page| links.ids_of(page))
                .unwrap_or_default()
                .to_string();
            let file = cache::OutputFile {
                path: e.path,
                size: e.size,
                sha256: e.sha256,
                stamp,
                ids,
            };
            Some((rel, file))
        })
        .collect();
    for (rel, file) in found {
        out.entry(rel.to_string()).or_default().push(file);
    }
    out
}

/// Every comparison page and CSV. A metric whose rows, their departments' files and the
/// tree's regions are unchanged has all its files published again from the previous output
/// (hard links) without its tables being laid out. Returns the pages' links and, for the
/// cache, each metric's key and files.
pub fn comparisons(cx: &Context) -> Result<(LinkIndex, MadeComparisons), BuildError> {
    let report = &cx.content.report;
    let memo = MetricFiles::new(cx);
    let links = crate::outputs::compare::write::write(
        cx.renderer,
        &cx.setup.config,
        &cx.site.tree,
        cx.files(),
        &cx.content.rows,
        &report.catalogue,
        &report.matches,
        (cx.setup.inputs.is_some()).then_some(&memo as &dyn MetricMemo),
    )?;
    let made = memo.made.into_inner().unwrap_or_else(|e| e.into_inner());
    let parts = memo.parts.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((links, (made, parts)))
}

use crate::outputs::compare::write::{MetricMemo, RegionPart};

/// What the comparisons made, for the cache: each metric's key and files, and each region
/// part's.
pub type MadeComparisons = (
    BTreeMap<String, cache::Department>,
    BTreeMap<String, RegionPart>,
);

/// The comparisons' [`MetricMemo`]: each metric keyed by its rows' files and places.
struct MetricFiles<'a> {
    cx: &'a Context<'a>,
    /// Each file's part of a key, by file index: its path, hash and place in the tree;
    /// `None` for a file of a frozen year or one whose hash is unknown.
    file_keys: Vec<Option<String>>,
    /// The tree's years and regions, which every table lists.
    shape: String,
    made: std::sync::Mutex<BTreeMap<String, cache::Department>>,
    parts: std::sync::Mutex<BTreeMap<String, RegionPart>>,
}

impl<'a> MetricFiles<'a> {
    fn new(cx: &'a Context<'a>) -> MetricFiles<'a> {
        let files = cx.files();
        let departments = cx.setup.inputs.as_ref().map(|i| &i.departments);
        let mut file_keys = vec![None; files.len()];
        let mut shape = sha2::Sha256::new();
        for y in &cx.site.tree.years {
            shape.update(format!("{}\0", y.year));
            for r in &y.regions {
                shape.update(format!(
                    "{}\0{}\0{}\0{}\0",
                    r.key, r.name, r.full_name, r.path
                ));
                for d in r.departments.iter().filter(|d| cx.content.live(d.year)) {
                    let rel = &files[d.file].rel;
                    if let (Some(hash), Some(slot)) = (
                        departments.and_then(|m| m.get(rel)),
                        file_keys.get_mut(d.file),
                    ) {
                        *slot = Some(format!(
                            "{rel}\0{hash}\0{}\0{}\0{}\0",
                            d.year, d.name, d.path
                        ));
                    }
                }
            }
        }
        MetricFiles {
            cx,
            file_keys,
            shape: crate::publish::manifest::hex(&shape.finalize()),
            made: Default::default(),
            parts: Default::default(),
        }
    }

    /// Adds `rows` to a key: each run of rows of one file as that file's key, the run's
    /// length and each row's place as fixed-width numbers (a provincial metric has tens of
    /// thousands of rows, and each edit keys every metric and region part again: the file's
    /// key once per run, not per row, is a tenth of the bytes hashed). `None` when a file's
    /// key is unknown.
    fn hash_rows(
        &self,
        h: &mut sha2::Sha256,
        rows: &[crate::content::matching::RowRef],
    ) -> Option<()> {
        for run in rows.chunk_by(|a, b| a.file == b.file) {
            h.update(self.file_keys.get(run[0].file)?.as_deref()?);
            let mut places = Vec::with_capacity(8 + 16 * run.len());
            places.extend((run.len() as u64).to_le_bytes());
            for at in run {
                places.extend((at.project as u64).to_le_bytes());
                places.extend((at.row as u64).to_le_bytes());
            }
            h.update(&places);
        }
        Some(())
    }
}

impl MetricMemo for MetricFiles<'_> {
    fn key(
        &self,
        metric: &crate::content::catalogue::Metric,
        rows: &[crate::content::matching::RowRef],
    ) -> Option<String> {
        let mut h = sha2::Sha256::new();
        h.update(format!("compare metric\0{}\0{}\0", self.shape, metric.key));
        self.hash_rows(&mut h, rows)?;
        Some(crate::publish::manifest::hex(&h.finalize()))
    }

    fn reuse(&self, metric: &str, key: &str, links: &mut LinkIndex) -> Result<bool, OutputError> {
        let Some(old) = (self.cx.same_site)
            .and_then(|c| c.comparisons.get(metric))
            .filter(|old| old.source == key)
        else {
            return Ok(false);
        };
        if reuse(&self.cx.setup.out, old, self.cx.staging, links)?.is_none() {
            return Ok(false);
        }
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.insert(metric.to_string(), old.clone());
        // Its region parts and its pages' memo keys stay known, for when the metric changes.
        if let Some(c) = self.cx.same_site {
            let prefix = format!("{metric}/");
            let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
            for (id, part) in c.comparison_parts.range(prefix.clone()..) {
                if !id.starts_with(&prefix) {
                    break;
                }
                parts.insert(id.clone(), part.clone());
            }
            if let Some(pages) = self.cx.renderer.memo {
                for f in &old.files {
                    if let Some(p) = c.pages.get(&f.path) {
                        pages.made(&f.path, &p.page, p.key.clone());
                    }
                }
            }
        }
        Ok(true)
    }

    fn mark(&self) -> usize {
        self.cx.staging.count()
    }

    fn made(&self, metric: &str, key: String, mark: usize, mine: &[String], links: &LinkIndex) {
        let staging = self.cx.staging;
        let mut files = Vec::new();
        // The metric's files are those its recorder noted, in the order the staging folder
        // lists them: other metrics, the downloads and the search index may be writing
        // beside them.
        let mine: HashSet<&str> = mine.iter().map(String::as_str).collect();
        let written = staging.entries_since(mark).into_iter();
        for e in written.filter(|e| mine.contains(e.path.as_str())) {
            // A file whose stamp cannot be read is not kept: the metric is made anew next time.
            let Some((stamp, _)) = cache::Stamp::of(&staging.dir().join(&e.path)) else {
                return;
            };
            let ids = (e.path.strip_suffix("index.html"))
                .and_then(|page| links.ids_of(page))
                .unwrap_or_default()
                .to_string();
            files.push(cache::OutputFile {
                path: e.path,
                size: e.size,
                sha256: e.sha256,
                stamp,
                ids,
            });
        }
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.insert(metric.to_string(), cache::Department { source: key, files });
    }

    fn part_key(
        &self,
        metric: &crate::content::catalogue::Metric,
        year: u16,
        region: &model::RegionEntry,
        rows: &[crate::content::matching::RowRef],
    ) -> Option<String> {
        let mut h = sha2::Sha256::new();
        h.update(format!(
            "compare part\0{}\0{year}\0{}\0{}\0{}\0{}\0",
            metric.key, region.key, region.name, region.full_name, region.path
        ));
        self.hash_rows(&mut h, rows)?;
        Some(crate::publish::manifest::hex(&h.finalize()))
    }

    fn part(&self, id: &str) -> Option<RegionPart> {
        self.cx.same_site?.comparison_parts.get(id).cloned()
    }

    fn part_made(&self, id: String, part: RegionPart) {
        let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        parts.insert(id, part);
    }

    fn previous_file(&self, metric: &str, rel: &str) -> Option<std::fs::File> {
        let old = self.cx.same_site?.comparisons.get(metric)?;
        let f = old.files.iter().find(|f| f.path == rel)?;
        f.open_unchanged(&self.cx.setup.out.join(rel))
    }
}

/// Each live year's data package, then each year's bundles of everything under it. Returns
/// each bundle as written with the gzip members of a `.tar.gz`, for the cache.
pub fn downloads(cx: &Context) -> Result<BTreeMap<String, cache::Bundle>, BuildError> {
    use crate::publish::bundle;
    let staging = cx.staging;
    let tree = &cx.site.tree;
    for y in tree.years.iter().filter(|y| cx.content.live(y.year)) {
        let depts: Vec<&DeptEntry> = y.regions.iter().flat_map(|r| &r.departments).collect();
        let selfevals = &cx.site.meta.selfevals.depts;
        let has_selfeval = |d: &DeptEntry| selfevals.contains_key(&d.path);
        for (address, bytes) in [
            (
                Address::Datapackage(y.year),
                crate::outputs::downloads::datapackage(y.year, &depts, has_selfeval),
            ),
            (
                Address::IndicatorSchema {
                    year: y.year,
                    selfeval: false,
                },
                crate::outputs::downloads::schema(),
            ),
        ] {
            staging.write(&address.path(), &bytes)?;
        }
        if depts.iter().any(|d| has_selfeval(d)) {
            let (year, selfeval) = (y.year, true);
            staging.write(
                &Address::IndicatorSchema { year, selfeval }.path(),
                &crate::outputs::downloads::schema_with_selfeval(),
            )?;
        }
    }
    // Each year's bundles, once all its pages and data are written (frozen years included).
    // What is unchanged since the previous build is copied from its bundles, each trusted
    // when the opened file has the size and stamp the cache recorded (as a department's pages
    // are). Each file is deflated once for both; the two are written on two threads.
    let previous = |rel: &str| -> Option<(std::fs::File, &cache::Bundle)> {
        let b = cx.setup.previous.as_ref()?.bundles.get(rel)?;
        Some((b.file.open_unchanged(&cx.setup.out.join(rel))?, b))
    };
    let mut members = BTreeMap::new();
    let done = staging.entries();
    for y in &tree.years {
        let (rel, zip_rel) = (bundle::path(y.year), bundle::zip_path(y.year));
        let held = previous(&rel).zip(previous(&zip_rel));
        // Each bundle's hash resumes from the previous one's midstates over the bytes the
        // two share (only when the previous bundles are used at all).
        let (tar_marks, zip_marks) = match &held {
            Some(((_, t), (_, z))) => (t.midstates.clone(), z.midstates.clone()),
            None => (Vec::new(), Vec::new()),
        };
        let held =
            held.and_then(|((tar, b), (zip, _))| bundle::Previous::open(tar, &b.members, zip));
        let (mut tar_marks_now, mut zip_marks_now) = (Vec::new(), Vec::new());
        let tar = bundle::write(
            staging.dir(),
            y.year,
            &done,
            held.as_ref(),
            |fill| {
                tar_marks_now = staging.write_resumable(&rel, tar_marks, fill)?;
                Ok::<_, crate::publish::staging::OutputError>(())
            },
            |fill| {
                zip_marks_now = staging.write_resumable(&zip_rel, zip_marks, fill)?;
                Ok(())
            },
        )?;
        members.insert(rel, (tar, tar_marks_now));
        members.insert(zip_rel, (Vec::new(), zip_marks_now));
    }
    // Each bundle with its stamp in the staging folder (the one it keeps once swapped in).
    let written: std::collections::HashMap<String, crate::publish::manifest::Entry> =
        (staging.entries().into_iter())
            .filter(|e| members.contains_key(&e.path))
            .map(|e| (e.path.clone(), e))
            .collect();
    Ok(members
        .into_iter()
        .filter_map(|(rel, (members, midstates))| {
            let e = written.get(&rel)?;
            // A bundle whose stamp cannot be read is recorded with none: it never matches.
            let (stamp, _) = cache::Stamp::of(&staging.dir().join(&rel)).unwrap_or_default();
            let file = cache::OutputFile {
                path: rel.clone(),
                size: e.size,
                sha256: e.sha256.clone(),
                stamp,
                ids: String::new(),
            };
            let bundle = cache::Bundle {
                file,
                members,
                midstates,
            };
            Some((rel, bundle))
        })
        .collect())
}

/// The search index. A department's fragments are published again from the previous
/// output when its file is unchanged (through the page memo, keyed by the file's hash), and
/// its terms are then taken from the previous index's postings instead of its text; the index
/// files are keyed by their bytes.
pub fn search(cx: &Context) -> Result<crate::outputs::search::Stats, BuildError> {
    search_with(cx, None)
}

/// A department's pages made from the document decoded for its search records.
type PagesHook<'a> = dyn Fn(&DeptEntry, &SourceFile) -> Result<(), render::RenderError> + Sync + 'a;

/// [`search`], handing each department's decoded document to `pages` when its records are
/// made.
fn search_with(
    cx: &Context,
    pages: Option<&PagesHook>,
) -> Result<crate::outputs::search::Stats, BuildError> {
    use crate::outputs::search;
    let selfevals = search::selfeval::records(&cx.content.report.selfevals);
    let sink = SearchSink {
        staging: cx.staging,
        memo: cx.renderer.memo,
        cx,
        pages,
    };
    Ok(search::build_with(
        &cx.site.tree,
        cx.files(),
        cx.fed,
        &selfevals,
        &sink,
    )?)
}

/// Where the search index goes: the staging folder, through the page memo.
struct SearchSink<'a> {
    staging: &'a Staging,
    memo: Option<&'a dyn render::Memo>,
    cx: &'a Context<'a>,
    /// Makes a department's pages from the document decoded for its records.
    pages: Option<&'a PagesHook<'a>>,
}

impl crate::outputs::search::Sink for SearchSink<'_> {
    type Error = render::RenderError;

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), render::RenderError> {
        if self.memo.is_none() {
            return Ok(self.staging.write(rel, bytes)?);
        }
        let mut h = sha2::Sha256::new();
        h.update(b"search index\0");
        h.update(bytes);
        let key = crate::publish::manifest::hex(&h.finalize());
        if self.reuse(rel, &key)?.is_none() {
            self.fragment(rel, &key, bytes)?;
        }
        Ok(())
    }

    fn fragment(&self, rel: &str, key: &str, bytes: &[u8]) -> Result<(), render::RenderError> {
        self.staging.write(rel, bytes)?;
        if let Some(memo) = self.memo {
            memo.made(rel, "", key.to_string());
        }
        Ok(())
    }

    fn reuse(&self, rel: &str, key: &str) -> Result<Option<u64>, render::RenderError> {
        match self.memo {
            Some(memo) => Ok(memo.reuse(rel, "", key, &mut LinkIndex::default())?),
            None => Ok(None),
        }
    }

    fn with_document(
        &self,
        d: &DeptEntry,
        decoded: &SourceFile,
    ) -> Result<(), render::RenderError> {
        match self.pages {
            Some(pages) => pages(d, decoded),
            None => Ok(()),
        }
    }

    fn department_key(&self, d: &DeptEntry, file: &SourceFile) -> Option<String> {
        // A frozen year's department is keyed by its records' JSON.
        if !self.cx.content.live(d.year) {
            return None;
        }
        let source = self.cx.setup.inputs.as_ref()?.departments.get(&file.rel)?;
        let mut h = sha2::Sha256::new();
        // Its address comes from the tree; everything else from its file and the catalogue
        // (whose change makes the memo empty).
        let parts = [
            b"search department".as_slice(),
            file.rel.as_bytes(),
            d.path.as_bytes(),
        ];
        for part in parts.into_iter().chain([source.as_bytes()]) {
            h.update(part);
            h.update(b"\0");
        }
        Some(crate::publish::manifest::hex(&h.finalize()))
    }

    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.memo?.previous(rel)?).ok()
    }

    fn previous_figures(&self) -> Option<(usize, usize, usize)> {
        self.memo?;
        let r = &self.cx.same_site?.report;
        Some((r.terms, r.large_terms, r.search_inline?))
    }

    fn previous_files(&self, prefix: &str) -> Option<Vec<String>> {
        self.memo?;
        let pages = &self.cx.same_site?.pages;
        let out = &self.cx.setup.out;
        (pages.range(prefix.to_string()..))
            .take_while(|(rel, _)| rel.starts_with(prefix))
            .map(|(rel, p)| p.file.unchanged_at(&out.join(rel)).then(|| rel.clone()))
            .collect()
    }

    fn keep(&self, rel: &str) -> Result<u64, render::RenderError> {
        let kept = match (self.memo, self.cx.same_site.and_then(|c| c.pages.get(rel))) {
            (Some(memo), Some(old)) => memo.reuse(rel, "", &old.key, &mut LinkIndex::default())?,
            _ => None,
        };
        // Listed a moment ago as unchanged: only a file altered while the build ran is not.
        let altered = || OutputError::Write {
            path: self.staging.dir().join(rel),
            source: std::io::Error::other(crate::messages::Message::AlteredDuringBuild.to_string()),
        };
        Ok(kept.ok_or_else(altered)?)
    }
}

/// The theme's assets, the feed and the sitemap ([`check_links`] then checks the links).
/// Returns the number of HTML pages.
pub fn finish(cx: &Context) -> Result<usize, BuildError> {
    let staging = cx.staging;
    let config = &cx.setup.config;
    for (rel, path) in &cx.setup.theme.assets {
        let bytes = std::fs::read(path).map_err(|source| OutputError::Write {
            path: path.clone(),
            source,
        })?;
        staging.write(rel, &bytes)?;
    }
    staging.write(
        &Address::Feed.path(),
        &crate::outputs::feed::atom(config, &cx.site.tree),
    )?;
    // Made from the staging's own list of paths, borrowed (a copy of 770,000 paths cost
    // ≈ 50 MiB at 30,000 departments), and written once the list is let go.
    let (html_count, maps) = staging.with_entries(|written| {
        let html = written.iter().filter(|e| e.path.ends_with(".html")).count();
        let paths = written.iter().map(|e| e.path.as_str());
        (html, super::sitemap(config, paths))
    });
    for (rel, bytes) in maps {
        staging.write(&rel, &bytes)?;
    }
    Ok(html_count)
}

/// Checks every link of the site's pages against the files written to `staging`.
pub fn check_links(staging: &Staging, links: LinkIndex) -> Result<(), BuildError> {
    let broken = links.check(|file| staging.has(file));
    if broken.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Links(broken))
    }
}

#[cfg(test)]
mod tests {
    use super::InOrder;
    use crate::render::links::LinkIndex;

    /// Three departments' pages, each linking to the same missing page, their links put in
    /// the order `order`: the broken link is reported as found on the first department's
    /// page, whatever order their pages were made in.
    fn reported(order: [usize; 3]) -> Vec<String> {
        let mut made = InOrder::default();
        for at in order {
            let mut links = LinkIndex::default();
            let html = r#"<a href="/2024/gone/">g</a>"#;
            links.add_page(&format!("2024/d{at}/"), html, "/");
            made.put(at, links);
        }
        assert_eq!((made.next, made.waiting.len()), (3, 0));
        made.merged.check(|_| false)
    }

    #[test]
    fn links_are_merged_in_the_departments_order_whatever_order_they_come_in() {
        let first = vec!["/2024/d0/: link to /2024/gone/ points to no page".to_string()];
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]] {
            assert_eq!(reported(order), first, "{order:?}");
        }
    }

    #[test]
    fn a_department_not_yet_made_holds_back_those_after_it() {
        let mut made = InOrder::default();
        made.put(1, LinkIndex::default());
        made.put(2, LinkIndex::default());
        assert_eq!((made.next, made.waiting.len()), (0, 2));
        made.put(0, LinkIndex::default());
        assert_eq!((made.next, made.waiting.len()), (3, 0));
    }
}
