//! `gongkai build`: content → pages, data and sitemap in a staging folder → checked links →
//! swapped in for the published site. A failed build leaves the previous site untouched.

pub mod cache;
pub mod partial;

use crate::config::{Config, ConfigError};
use crate::content::tree as model;
use crate::diagnostic::Severity;
use crate::publish::freeze::{self, Corrected};
use crate::publish::staging::{OutputError, Staging};
use crate::render::links::LinkIndex;
use crate::render::pages::{self, SiteMeta};
use crate::render::renderer::{self as render, Renderer};
use crate::render::theme::{Theme, ThemeError};
use cache::Cache;
use sha2::Digest;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Settings that override site.toml for one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Write here instead of site.toml's `output_dir`.
    pub output: Option<PathBuf>,
    /// Use this base URL instead of site.toml's.
    pub base_url: Option<String>,
    /// Add the live-reload script of `gongkai serve` to every page.
    pub live_reload: bool,
    /// Make everything anew, ignoring the build cache (it is written afresh).
    pub clean: bool,
    /// The year `gongkai archive` is freezing, with the date: its pages carry it in their
    /// 历史归档 banner.
    pub freezing: Option<(u16, String)>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Department files read.
    pub departments: usize,
    /// Departments whose pages and data were copied from the previous output because the
    /// build cache showed nothing they are made from had changed (all of them when nothing
    /// changed at all).
    pub reused: usize,
    /// Warnings found in the content (published beside the text).
    pub warnings: usize,
    /// What the search index holds.
    pub search: crate::outputs::search::Stats,
    /// Departments of frozen years that carry corrections; `gongkai archive` seals the live ones.
    pub corrected: Vec<Corrected>,
    /// Time taken.
    pub elapsed: Duration,
    /// Each step in order, with its time and the peak memory so far (`gongkai build
    /// --timings` prints them).
    pub steps: Vec<Step>,
    /// Where the site was written.
    pub output: PathBuf,
    /// The site-wide values the pages were rendered with; `serve` re-renders an edited
    /// department with them ([`partial::department`]). `None` when nothing had changed and
    /// nothing was rendered.
    pub site: Option<SiteMeta>,
}

/// Why a build failed. In every case the previous output is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// site.toml is missing or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The theme is missing or a template is broken.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// The content has errors; the text lists every one.
    #[error("{report}")]
    Content {
        /// Rendered diagnostics.
        report: String,
        /// Number of errors.
        errors: usize,
    },
    /// Links inside the site point nowhere.
    #[error("{} broken internal links:\n{}", .0.len(), .0.join("\n"))]
    Links(Vec<String>),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A page or file could not be made.
    #[error(transparent)]
    Render(#[from] crate::render::renderer::RenderError),
    /// A frozen year's sources were edited, or its archive cannot be read.
    #[error(transparent)]
    Frozen(#[from] crate::publish::freeze::FreezeError),
    /// A Markdown page could not be read.
    #[error("cannot read content/pages: {0}")]
    Pages(std::io::Error),
}

/// site.toml with the options' base URL, if any.
fn config_for(root: &Path, opts: &BuildOptions) -> Result<Config, BuildError> {
    let mut config = Config::load(root)?;
    if let Some(b) = &opts.base_url {
        config.base_url = if b.ends_with('/') {
            b.clone()
        } else {
            format!("{b}/")
        };
    }
    Ok(config)
}

/// Builds the site in `root` (the folder holding site.toml, content/ and themes/), in named
/// steps: the cache (nothing changed: done), load and check (every document parsed and
/// checked once), the site model, pages, comparisons, downloads and bundles, the search
/// index, then feed, sitemap and link check, manifest and swap.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut steps = Steps::new(start);
    let config = config_for(root, opts)?;
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    let theme = Theme::load(root, &config.theme)?;

    // What the last build was made from; a build that freezes a year goes without.
    let inputs = opts
        .freezing
        .is_none()
        .then(|| cache::Inputs::read(root, &config.theme, &options_key(&config, opts, &out)))
        .flatten();
    let previous = (inputs.as_ref())
        .filter(|_| !opts.clean)
        .and_then(|_| Cache::load(root, &out));
    if let (Some(i), Some(c)) = (&inputs, &previous)
        && !opts.live_reload
        && c.inputs == i.all
        && c.output_intact(&out)
    {
        steps.lap("nothing changed");
        return Ok(BuildReport::unchanged(&c.report, out, start, steps.done));
    }
    steps.lap("cache");

    let content = root.join("content");
    let frozen = freeze::frozen_years(root)?;
    let report = crate::content::check::check_errors(&content);
    if report.count(Severity::Error) > 0 {
        return Err(BuildError::Content {
            report: report.render(),
            errors: report.count(Severity::Error),
        });
    }
    steps.lap("load and check");
    let files = &report.loaded.files;
    let mut corrected: Vec<Corrected> = Vec::new();
    if !frozen.is_empty() {
        let by_rel: std::collections::HashMap<&str, &crate::content::load::SourceFile> =
            files.iter().map(|f| (f.rel.as_str(), f)).collect();
        let current = |rel: &str| {
            by_rel
                .get(rel)
                .map(|f| f.document.document.corrections.clone())
        };
        for f in frozen.values() {
            corrected.extend(f.check_sources(&content, &current)?);
        }
    }
    let tree = model::tree(files, &report.findings);
    // The build stopped above on any error, so every finding the tree counted is a warning.
    let warnings: usize = tree
        .years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
        .map(|d| d.flagged)
        .sum();
    let md_pages = pages::load_markdown(&content).map_err(BuildError::Pages)?;
    let mut archived: std::collections::BTreeMap<u16, String> =
        frozen.values().map(|f| (f.year, f.date.clone())).collect();
    archived.extend(opts.freezing.clone());
    let mut site = SiteMeta::new(&config, &md_pages, &tree, archived);
    site.revisions = corrected
        .iter()
        .map(|c| (c.path(), c.archived.iter().map(|r| r.number).collect()))
        .collect();
    let staging = Staging::new(&out)?;
    steps.lap("site model");

    let renderer = Renderer {
        theme: &theme,
        site: &site,
        staging: &staging,
        live_reload: opts.live_reload,
    };

    let mut index = LinkIndex::default();
    let home = pages::home(&site, &config, &tree);
    renderer.page(&mut index, "home.html", "", &home)?;
    // Frozen years are published from their archive, byte for byte. A corrected department's
    // archived revisions go to `rev.N/` beneath it; its address shows the newest revision.
    let live = |year: u16| !frozen.contains_key(&year);
    let mut copy = |rel: String, path: &Path| -> Result<(), BuildError> {
        let bytes = std::fs::read(path).map_err(|source| freeze::FreezeError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(page) = rel.strip_suffix("index.html") {
            index.add_anchors(page, &String::from_utf8_lossy(&bytes));
        }
        staging.write(&rel, &bytes)?;
        Ok(())
    };
    let corrected_paths: Vec<String> = corrected.iter().map(Corrected::path).collect();
    for f in frozen.values() {
        for (rel, path) in f.pages()? {
            if !corrected_paths.iter().any(|p| rel.starts_with(p.as_str())) {
                copy(rel, &path)?;
            }
        }
    }
    for c in &corrected {
        let dept = c.path();
        for (i, r) in c.archived.iter().enumerate() {
            let newest = i + 1 == c.archived.len() && !c.live;
            for (rel, path) in r.files()? {
                copy(
                    format!("{dept}{}/{rel}", freeze::revision_dir(r.number)),
                    &path,
                )?;
                if newest {
                    copy(format!("{dept}{rel}"), &path)?;
                }
            }
        }
    }
    let rerender: HashSet<&str> = corrected
        .iter()
        .filter(|c| c.live)
        .map(|c| c.rel.as_str())
        .collect();
    for y in tree.years.iter().filter(|y| live(y.year)) {
        let year = pages::year(&site, &config, y);
        renderer.page(&mut index, "year.html", &y.path, &year)?;
        for r in &y.regions {
            let region = pages::region(&site, &config, y, r);
            renderer.page(&mut index, "region.html", &r.path, &region)?;
        }
    }
    for md in &md_pages {
        let text = pages::text(&site, &config, md);
        renderer.page(&mut index, "page.html", &format!("{}/", md.slug), &text)?;
    }
    let search_page = pages::search(&site, &config, &tree);
    renderer.page(&mut index, "search.html", "search/", &search_page)?;
    let not_found = pages::not_found(&site, &config);
    renderer.page(&mut index, "404.html", "404.html", &not_found)?;

    let depts: Vec<&model::DeptEntry> = tree
        .years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
        .filter(|d| live(d.year) || rerender.contains(files[d.file].rel.as_str()))
        .collect();
    // A department of a live year whose file and site values are as the cache recorded has
    // its files copied from the previous output (each checked against its hash).
    let site_key = inputs.as_ref().map(|i| i.site_key(&site));
    let unchanged = |d: &model::DeptEntry| -> Option<&cache::Department> {
        let (i, c) = (inputs.as_ref()?, previous.as_ref()?);
        let rel = files[d.file].rel.as_str();
        let old = c.departments.get(rel)?;
        (live(d.year)
            && !rerender.contains(rel)
            && site_key.as_deref() == Some(c.site.as_str())
            && i.departments.get(rel) == Some(&old.source))
        .then_some(old)
    };
    let (dept_links, copied) = render::each(&depts, |links, d| {
        if let Some(old) = unchanged(d)
            && reuse(&out, old, &staging, links)?
        {
            return Ok(true);
        }
        let f = &files[d.file];
        let flags = &report.findings[d.file];
        let dept_page = pages::department(&site, &config, d, f, flags);
        renderer.page(links, "department.html", &d.path, &dept_page)?;
        for i in 0..f.document.projects.len() {
            let p = pages::project(&site, &config, d, &f.document, flags, i);
            renderer.page(links, "project.html", &p.page.path, &p)?;
        }
        for (rel, bytes) in crate::outputs::downloads::department_data(d, f) {
            renderer.file(&rel, &bytes)?;
        }
        Ok(false)
    })?;
    let reused = copied.into_iter().filter(|&c| c).count();
    index.merge(dept_links);
    let dept_files = department_files(&staging, &depts, files, &live, &rerender);
    steps.lap("department and project pages");

    index.merge(crate::outputs::compare::write::write(
        &renderer,
        &config,
        &tree,
        files,
        &report.catalogue,
        &report.matches,
    )?);
    steps.lap("comparisons");

    for y in tree.years.iter().filter(|y| live(y.year)) {
        let depts: Vec<&model::DeptEntry> = y.regions.iter().flat_map(|r| &r.departments).collect();
        for (name, bytes) in [
            (
                "datapackage.json",
                crate::outputs::downloads::datapackage(y.year, &depts),
            ),
            (
                "indicators.schema.json",
                crate::outputs::downloads::schema(),
            ),
        ] {
            let rel = format!("{}{name}", y.path);
            staging.write(&rel, &bytes)?;
        }
    }
    // Each year's bundle, once all its pages and data are written (frozen years included).
    for y in &tree.years {
        let rel = crate::publish::bundle::path(y.year);
        let done = staging.entries();
        staging.write_with(&rel, |out| {
            crate::publish::bundle::write(staging.dir(), y.year, &done, out)
        })?;
    }
    steps.lap("downloads and bundles");
    let search =
        crate::outputs::search::build(&tree, files, &|rel, bytes| staging.write(rel, bytes))?;
    steps.lap("search index");

    for (rel, path) in &theme.assets {
        let bytes = std::fs::read(path).map_err(|source| OutputError::Write {
            path: path.clone(),
            source,
        })?;
        staging.write(rel, &bytes)?;
    }
    staging.write("feed.xml", &crate::outputs::feed::atom(&config, &tree))?;
    let written = staging.paths();
    let html_count = written.iter().filter(|p| p.ends_with(".html")).count();
    for (rel, bytes) in sitemap(&config, &written) {
        staging.write(&rel, &bytes)?;
    }

    let files_set: HashSet<String> = staging.paths().into_iter().collect();
    let broken = index.check(&files_set);
    if !broken.is_empty() {
        return Err(BuildError::Links(broken));
    }
    steps.lap("feed, sitemap and link check");
    let files_written = staging.write_manifest()?;
    staging.publish()?;
    steps.lap("manifest and swap");
    let figures = cache::Figures {
        pages: html_count,
        files: files_written,
        departments: files.len(),
        warnings,
        records: search.records,
        terms: search.terms,
        large_terms: search.large_terms,
        search_files: search.files,
        search_bytes: search.bytes,
    };
    if let (Some(inputs), Some(site_key)) = (inputs, site_key)
        && let Ok(manifest) = std::fs::read(out.join(crate::publish::manifest::FILE))
    {
        Cache {
            tool: cache::tool().to_string(),
            inputs: inputs.all,
            site: site_key,
            output: cache::output_key(&out),
            manifest: crate::publish::manifest::hex(&sha2::Sha256::digest(&manifest)),
            report: figures,
            departments: dept_files
                .into_iter()
                .filter_map(|(rel, files)| {
                    let source = inputs.departments.get(&rel)?.clone();
                    Some((rel, cache::Department { source, files }))
                })
                .collect(),
        }
        .save(root);
    }
    Ok(BuildReport {
        pages: html_count,
        files: files_written,
        departments: files.len(),
        reused,
        warnings,
        search,
        corrected,
        elapsed: start.elapsed(),
        steps: steps.done,
        output: out,
        site: Some(site),
    })
}

/// Every option that changes what a build writes, as the cache keys it.
fn options_key(config: &Config, opts: &BuildOptions, out: &Path) -> String {
    format!(
        "base_url={}\0live_reload={}\0output={}",
        config.base_url,
        opts.live_reload,
        cache::output_key(out)
    )
}

/// Copies a department's files from the previous output `out` into `staging` when each still
/// has the size and SHA-256 the cache recorded, noting the pages' anchors for the link check;
/// `false`, having written nothing, when any differs or is gone.
fn reuse(
    out: &Path,
    old: &cache::Department,
    staging: &Staging,
    links: &mut LinkIndex,
) -> Result<bool, OutputError> {
    let mut found = Vec::with_capacity(old.files.len());
    for (rel, size, sha256) in &old.files {
        let Ok(bytes) = std::fs::read(out.join(rel)) else {
            return Ok(false);
        };
        if bytes.len() as u64 != *size
            || crate::publish::manifest::hex(&sha2::Sha256::digest(&bytes)) != *sha256
        {
            return Ok(false);
        }
        found.push((rel, bytes));
    }
    for (rel, bytes) in found {
        if let Some(page) = rel.strip_suffix("index.html") {
            links.add_anchors(page, &String::from_utf8_lossy(&bytes));
        }
        staging.write(rel, &bytes)?;
    }
    Ok(true)
}

/// The files written under each live department's address (its page, project pages, JSON
/// and CSV), by department file, for the cache.
fn department_files(
    staging: &Staging,
    depts: &[&model::DeptEntry],
    files: &[crate::content::load::SourceFile],
    live: &dyn Fn(u16) -> bool,
    rerender: &HashSet<&str>,
) -> std::collections::BTreeMap<String, Vec<(String, u64, String)>> {
    let by_path: std::collections::HashMap<&str, &str> = depts
        .iter()
        .filter(|d| live(d.year) && !rerender.contains(files[d.file].rel.as_str()))
        .map(|d| (d.path.as_str(), files[d.file].rel.as_str()))
        .collect();
    let mut out: std::collections::BTreeMap<String, Vec<(String, u64, String)>> =
        std::collections::BTreeMap::new();
    for e in staging.entries() {
        // A department's address is its first three segments: `2024/130529/414/`.
        let Some((end, _)) = e.path.match_indices('/').nth(2) else {
            continue;
        };
        if let Some(rel) = by_path.get(&e.path[..=end]) {
            out.entry(rel.to_string())
                .or_default()
                .push((e.path, e.size, e.sha256));
        }
    }
    out
}

impl BuildReport {
    /// The report of a build that found nothing changed since the one the cache describes.
    fn unchanged(
        figures: &cache::Figures,
        output: PathBuf,
        start: Instant,
        steps: Vec<Step>,
    ) -> BuildReport {
        BuildReport {
            pages: figures.pages,
            files: figures.files,
            departments: figures.departments,
            reused: figures.departments,
            warnings: figures.warnings,
            search: crate::outputs::search::Stats {
                records: figures.records,
                terms: figures.terms,
                large_terms: figures.large_terms,
                files: figures.search_files,
                bytes: figures.search_bytes,
            },
            corrected: Vec::new(),
            elapsed: start.elapsed(),
            steps,
            output,
            site: None,
        }
    }
}

/// One step of a build, as `--timings` reports it.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the step does.
    pub name: &'static str,
    /// How long it took.
    pub took: Duration,
    /// The process's peak resident memory when it ended, in bytes (where the system tells).
    pub peak_memory: Option<u64>,
}

/// The process's peak resident memory so far (Linux: VmHWM), in bytes.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The steps of a build so far.
struct Steps {
    last: Instant,
    done: Vec<Step>,
}

impl Steps {
    fn new(start: Instant) -> Steps {
        Steps {
            last: start,
            done: Vec::new(),
        }
    }

    /// Ends the step `name`, which began when the previous one ended.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push(Step {
            name,
            took: now - self.last,
            peak_memory: peak_memory(),
        });
        self.last = now;
    }
}

/// Sitemap files (split at the protocol's 50,000 addresses) and robots.txt.
fn sitemap(config: &Config, written: &[String]) -> Vec<(String, Vec<u8>)> {
    const LIMIT: usize = 50_000;
    let mut urls: Vec<String> = written
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            format!(
                "{}{}",
                config.base_url,
                p.strip_suffix("index.html").unwrap_or(p)
            )
        })
        .collect();
    urls.sort();
    let mut out = Vec::new();
    let chunks: Vec<&[String]> = urls.chunks(LIMIT).collect();
    let urlset = |chunk: &[String]| {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in chunk {
            s.push_str(&format!(
                "<url><loc>{}</loc></url>\n",
                crate::xml::escape(u)
            ));
        }
        s.push_str("</urlset>\n");
        s.into_bytes()
    };
    if chunks.len() <= 1 {
        out.push((
            "sitemap.xml".to_string(),
            urlset(chunks.first().copied().unwrap_or(&[])),
        ));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (i, c) in chunks.iter().enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            index.push_str(&format!(
                "<sitemap><loc>{}{name}</loc></sitemap>\n",
                crate::xml::escape(&config.base_url)
            ));
            out.push((name, urlset(c)));
        }
        index.push_str("</sitemapindex>\n");
        out.push(("sitemap.xml".to_string(), index.into_bytes()));
    }
    out.push((
        "robots.txt".to_string(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    ));
    out
}
