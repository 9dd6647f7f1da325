//! `gongkai build`: content → pages, data and sitemap in a staging folder → checked links →
//! swapped in for the published site. A failed build leaves the previous site untouched.

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
    /// department with them ([`partial::department`]).
    pub site: SiteMeta,
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
    /// The output folder overlaps the sources, or a source is a symbolic link.
    #[error(transparent)]
    Paths(#[from] crate::paths::PathError),
    /// The build stopped on a bug (a panic) instead of an error; `serve` reports it and keeps
    /// rebuilding on the next edit.
    #[error(
        "构建时程序内部出错（panic）：{0}\n这是 gongkai 的缺陷，不是内容的错误；请把这段信息报告给维护者。上一次成功构建的站点保持不变"
    )]
    Panic(String),
    /// A Markdown page could not be read.
    #[error("无法使用 content/pages 中的页面：{0}")]
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

/// Runs `f`, turning a panic inside it into [`BuildError::Panic`] with the panic's message, so
/// a long-running caller (`serve`) survives a bug in one build.
pub fn catching<T>(f: impl FnOnce() -> Result<T, BuildError>) -> Result<T, BuildError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let text = (payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "（无说明）".to_string());
        Err(BuildError::Panic(text))
    })
}

/// Builds the site in `root` (the folder holding site.toml, content/ and themes/).
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut steps = Steps::new(start);
    let config = config_for(root, opts)?;
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    crate::paths::check_output(root, &out)?;
    crate::paths::refuse_symlinks(root)?;
    let theme = Theme::load(root, &config.theme)?;
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
    crate::paths::refuse_empty_over_published(&content, &out, files.len())?;
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
            f.verify_archive()?;
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
    for md in &md_pages {
        crate::paths::check_page_name(&content, &md.slug)?;
    }
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
    let rules_page = crate::render::rules::page(&site, &config);
    renderer.page(
        &mut index,
        "rules.html",
        crate::render::rules::PATH,
        &rules_page,
    )?;
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
    let fed = report.matches.by_file(&report.catalogue, files.len());
    let (dept_links, _) = render::each(&depts, |links, d| {
        let f = &files[d.file];
        let flags = &report.findings[d.file];
        let copy = pages::source_copy(&content, d, &f.document.document);
        let dept_page = pages::department(&site, &config, d, f, flags, copy.is_some());
        renderer.page(links, "department.html", &d.path, &dept_page)?;
        for i in 0..f.document.projects.len() {
            let doc_links = pages::DocLinks {
                fed: &fed[d.file],
                source_copied: copy.is_some(),
            };
            let p = pages::project(&site, &config, d, &f.document, flags, i, &doc_links);
            renderer.page(links, "project.html", &p.page.path, &p)?;
        }
        for (rel, bytes) in crate::outputs::downloads::department_data(d, f) {
            renderer.file(&rel, &bytes)?;
        }
        if let Some((rel, path)) = &copy {
            let bytes = std::fs::read(path).map_err(|source| OutputError::Write {
                path: path.clone(),
                source,
            })?;
            renderer.file(rel, &bytes)?;
        }
        Ok(())
    })?;
    index.merge(dept_links);
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
        staging.write_with(&crate::publish::bundle::zip_path(y.year), |out| {
            crate::publish::bundle::write_zip(staging.dir(), y.year, &done, out)
        })?;
    }
    steps.lap("downloads and bundles");
    let search =
        crate::outputs::search::build(&tree, files, &fed, &|rel, bytes| staging.write(rel, bytes))?;
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
    Ok(BuildReport {
        pages: html_count,
        files: files_written,
        departments: files.len(),
        warnings,
        search,
        corrected,
        elapsed: start.elapsed(),
        steps: steps.done,
        output: out,
        site,
    })
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
