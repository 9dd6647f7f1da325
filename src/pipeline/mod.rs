//! `gongkai build`: content → pages, data and sitemap in a staging folder → checked links →
//! swapped in for the published site. A failed build leaves the previous site untouched.
//! [`build`] is the list of steps; [`steps`] holds each.

pub mod cache;
pub mod memo;
pub mod steps;

use crate::address::Address;
use crate::config::{Config, ConfigError};
use crate::publish::freeze::Corrected;
use crate::publish::staging::{OutputError, Staging};
use crate::render::pages::SiteMeta;
use crate::render::renderer::Renderer;
use crate::render::theme::{Theme, ThemeError};
use cache::Cache;
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
    /// Self-evaluation files (绩效自评) read.
    pub selfevals: usize,
    /// Department files parsed from their YAML; the others were unchanged since a build
    /// stored them parsed (`.gongkai/documents/`), and were taken from there.
    pub parsed: usize,
    /// Of the documents taken from the store, those decoded whole (the others were read
    /// from their summaries only: nothing made anew needed more of them).
    pub decoded: usize,
    /// Of those, the ones decoded by the time the content was loaded, checked and assembled
    /// into the tree (the review across years decodes the two documents of a pair).
    pub decoded_to_load: usize,
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
    #[error("{}", crate::messages::Message::BrokenLinks { count: _0.len(), list: _0.join("\n") })]
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
    #[error("{}", crate::messages::Message::Panic { what: _0.clone() })]
    Panic(String),
    /// A Markdown page could not be read.
    #[error("{}", crate::messages::Message::PagesUnreadable { error: crate::messages::os_error(_0) })]
    Pages(std::io::Error),
    /// A document taken from the store could not be decoded when it was needed, nor its file
    /// parsed again (the build publishes nothing).
    #[error("{}", crate::messages::Message::StoreSpoiled { file: _0.display().to_string() })]
    StoreSpoiled(PathBuf),
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

/// The output folder a build of `root` with `opts` writes to, when site.toml can be read.
pub fn output_folder(root: &Path, opts: &BuildOptions) -> Option<PathBuf> {
    let config = config_for(root, opts).ok()?;
    Some(
        opts.output
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir)),
    )
}

/// Runs `f`, turning a panic inside it into [`BuildError::Panic`] with the panic's message, so
/// a long-running caller (`serve`) survives a bug in one build.
pub fn catching<T>(f: impl FnOnce() -> Result<T, BuildError>) -> Result<T, BuildError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let text = (payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::messages::Message::NoExplanation.to_string());
        Err(BuildError::Panic(text))
    })
}

/// What a build does with what it held once it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teardown {
    /// Frees it: the process goes on (`serve`, the tests).
    Free,
    /// Leaves it to the process's exit, which follows at once (`gongkai build`): freeing the
    /// documents' findings and the two caches piece by piece took an edited rebuild ≈ 50 ms
    /// on one core, which the system's unmapping of the whole does in a few.
    Exit,
}

/// Builds the site in `root` (the folder holding site.toml, content/ and themes/) as a list of
/// named steps, each timed for `--timings`.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_then(root, opts, Teardown::Free)
}

/// [`build`], then `teardown` of what the build held.
pub fn build_then(
    root: &Path,
    opts: &BuildOptions,
    teardown: Teardown,
) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut steps = Steps::new(start);
    let setup = Setup::read(root, opts)?;
    if let Some(figures) = setup.unchanged().map(|c| c.report) {
        Staging::clean_leftovers(&setup.out);
        steps.lap("nothing changed");
        return Ok(BuildReport::unchanged(
            &figures, setup.out, start, steps.done,
        ));
    }
    steps.lap("cache");
    // The staging folder (the site the last build swapped out) is listed while the content loads.
    let taking = Staging::taking(&setup.out);
    let parsed = (setup.inputs.is_some()).then(|| cache::parsed_documents(root, opts.clean));
    let content = steps::process(root, &setup.out, parsed.as_ref(), setup.inputs.as_ref())?;
    steps.lap("load and check");
    let site = steps::assemble(root, &setup.config, opts, &content)?;
    let decoded_to_load = decoded(&content.report.loaded.files);
    steps.lap("site model");
    // What is left of listing the recycled folder, which began beside the loading.
    let staging = taking.take()?;
    steps.lap("staging folder listed");
    // Pages whose values are unchanged are published again from the previous output, when
    // the site-wide values are the same as the previous build's.
    let site_key = setup.inputs.as_ref().map(|i| i.site_key(&site.meta));
    let previous_pages = (setup.previous.as_ref())
        .filter(|c| site_key.as_deref() == Some(c.site.as_str()))
        .map(|c| &c.pages);
    let memo = memo::PageMemo::new(&setup.out, &staging, previous_pages);
    let renderer = Renderer {
        theme: &setup.theme,
        site: &site.meta,
        staging: &staging,
        live_reload: opts.live_reload,
        memo: setup
            .inputs
            .is_some()
            .then_some(&memo as &dyn crate::render::renderer::Memo),
    };
    // Which rows feed which comparison, by document: the pages and the search both read it.
    let report = &content.report;
    let fed = (report.matches).by_file(&report.catalogue, report.loaded.files.len());
    let cx = steps::Context {
        setup: &setup,
        content: &content,
        fed: &fed,
        site: &site,
        renderer: &renderer,
        staging: &staging,
        same_site: (setup.previous.as_ref())
            .filter(|c| site_key.as_deref() == Some(c.site.as_str())),
    };
    let pages = steps::pages(&cx)?;
    let mut links = pages.links;
    steps.lap(match pages.search {
        None => "department and project pages",
        Some(_) => "department and project pages, search index",
    });
    // The comparisons, the downloads and bundles (the year folders the pages step wrote,
    // which neither `compare/` nor `search/` is in) and the search index depend on none of
    // each other's files. A build that takes most of its output from the previous one runs
    // them side by side: each is small then and runs mostly on one core. So does a clean
    // build of a site small enough that two steps' memory is no concern (each step alone
    // leaves a core idle part of the time: the bundles' writing, a metric's serial parts).
    // A clean build of a larger site runs them in turn, each on every core, holding one
    // step's memory at a time.
    let departments = content.report.loaded.files.len();
    let side_by_side = cx.same_site.is_some() || departments <= SIDE_BY_SIDE_DEPARTMENTS;
    let (compared, bundles, search) = if side_by_side {
        let made = pages.search;
        let ((compared, t1), ((bundles, t2), (search, t3))) = rayon::join(
            || timed(|| steps::comparisons(&cx)),
            || {
                rayon::join(
                    || timed(|| steps::downloads(&cx)),
                    || timed(|| made.map_or_else(|| steps::search(&cx), Ok)),
                )
            },
        );
        let done = (compared?, bundles?, search?);
        steps.lap(match made {
            None => "comparisons, downloads and bundles, search index (side by side)",
            Some(_) => "comparisons, downloads and bundles (side by side)",
        });
        steps.part("  of which comparisons", t1);
        steps.part("  of which downloads and bundles", t2);
        if made.is_none() {
            steps.part("  of which search index", t3);
        }
        done
    } else {
        let compared = steps::comparisons(&cx)?;
        steps.lap("comparisons");
        let bundles = steps::downloads(&cx)?;
        steps.lap("downloads and bundles");
        let search = match pages.search {
            Some(search) => search,
            None => {
                let search = steps::search(&cx)?;
                steps.lap("search index");
                search
            }
        };
        (compared, bundles, search)
    };
    let (compare_links, (comparisons, comparison_parts)) = compared;
    links.merge(compare_links);
    // The pages' records for the cache are gathered while the feed and sitemap are written.
    let (page_records, html_count) = rayon::join(|| memo.records(&links), || steps::finish(&cx));
    let html_count = html_count?;
    steps::check_links(&staging, links)?;
    steps.lap("feed, sitemap and link check");
    // Nothing is published when a stored document read during the build turned out spoiled.
    if let Some(f) = (content.report.loaded.files.iter()).find(|f| f.document.spoiled()) {
        return Err(BuildError::StoreSpoiled(f.path.clone()));
    }
    drop(memo); // it borrows the staging folder, which publishing takes
    let (files_written, manifest_sha256) = staging.publish_with_manifest()?;
    steps.lap("manifest and swap");

    let files = &content.report.loaded.files;
    let figures = cache::Figures {
        pages: html_count,
        files: files_written,
        departments: files.len(),
        selfevals: content.report.selfevals.len(),
        warnings: site.warnings,
        records: search.records,
        terms: search.terms,
        large_terms: search.large_terms,
        search_files: search.files,
        search_bytes: search.bytes,
        search_inline: Some(search.inline_total),
    };
    let made = cache::Made {
        departments: pages.made,
        bundles,
        pages: page_records,
        comparisons,
        comparison_parts,
    };
    // The cache is written while the store of parsed documents is cleared of what this build
    // did not use (one core each).
    rayon::join(
        || setup.save_cache(root, &site.meta, figures, made, manifest_sha256, teardown),
        || {
            if let Some(p) = &parsed {
                p.keep_used();
            }
        },
    );
    let report = BuildReport {
        pages: html_count,
        files: files_written,
        departments: files.len(),
        selfevals: content.report.selfevals.len(),
        parsed: files.len() - parsed.as_ref().map_or(0, |p| p.taken()),
        decoded: decoded(files),
        decoded_to_load,
        reused: pages.reused,
        warnings: site.warnings,
        search,
        corrected: content.corrected.clone(),
        elapsed: start.elapsed(),
        steps: steps.done,
        output: setup.out.clone(),
    };
    if teardown == Teardown::Exit {
        std::mem::forget(fed);
        std::mem::forget((setup, content, site, parsed));
    }
    Ok(report)
}

/// How many of `files` were taken from the store and have been decoded whole.
fn decoded(files: &[crate::content::load::SourceFile]) -> usize {
    (files.iter())
        .filter(|f| f.document.was_stored() && f.document.is_decoded())
        .count()
}

/// What a build is set up with before it reads the content: settings, the output folder, the
/// theme, the hashes of its inputs and the previous build's cache.
pub struct Setup {
    /// site.toml with the options applied.
    pub config: Config,
    /// The output folder.
    pub out: PathBuf,
    /// The templates.
    pub theme: Theme,
    /// The content folder.
    pub content_dir: PathBuf,
    /// The hashes of the inputs (none for a build that freezes a year, or when a file could
    /// not be read).
    pub inputs: Option<cache::Inputs>,
    /// The previous build's cache, when it may be used.
    pub previous: Option<Cache>,
    /// Where this kind of build keeps its cache ([`cache::file`]).
    pub cache_file: &'static str,
}

impl Setup {
    fn read(root: &Path, opts: &BuildOptions) -> Result<Setup, BuildError> {
        let config = config_for(root, opts)?;
        let out = opts
            .output
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir));
        // A build that freezes a year goes without the cache; `--clean` ignores it. The cache
        // is read while the site folder is checked and the theme loaded (one core each).
        let cache_file = cache::file(opts.live_reload);
        let (theme, previous) = rayon::join(
            || -> Result<Theme, BuildError> {
                crate::paths::check_output(root, &out)?;
                crate::paths::refuse_symlinks(root)?;
                Ok(Theme::load(root, &config.theme)?)
            },
            || {
                (opts.freezing.is_none() && !opts.clean)
                    .then(|| Cache::load(root, cache_file, &out))
                    .flatten()
            },
        );
        let theme = theme?;
        let known = previous.as_ref().map(|c| (&c.sources, c.hashed_at));
        let options = options_key(&config, opts, &out);
        let inputs = (opts.freezing.is_none())
            .then(|| cache::Inputs::read(root, &config.theme, &options, known))
            .flatten();
        let previous = previous.filter(|_| inputs.is_some());
        Ok(Setup {
            config,
            out,
            theme,
            content_dir: root.join("content"),
            inputs,
            previous,
            cache_file,
        })
    }

    /// The cache, when nothing changed since it was written and the output is as it left it.
    /// The options are part of the inputs' hash, so a `serve` build (pages with the reload
    /// script, its own address) never takes a plain build's output for its own, nor the
    /// other way round.
    fn unchanged(&self) -> Option<&Cache> {
        let (i, c) = (self.inputs.as_ref()?, self.previous.as_ref()?);
        (c.inputs == i.all && c.output_intact(&self.out)).then_some(c)
    }

    /// Records what this build was made from, once its output is published.
    fn save_cache(
        &self,
        root: &Path,
        site: &SiteMeta,
        report: cache::Figures,
        made: cache::Made,
        manifest: String,
        teardown: Teardown,
    ) {
        let Some(inputs) = &self.inputs else { return };
        let cache = Cache {
            tool: cache::tool().to_string(),
            inputs: inputs.all.clone(),
            sources: inputs.files.clone(),
            hashed_at: inputs.hashed_at,
            site: inputs.site_key(site),
            output: cache::output_key(&self.out),
            manifest,
            report,
            departments: made.departments,
            bundles: made.bundles,
            pages: made.pages,
            comparisons: made.comparisons,
            comparison_parts: made.comparison_parts,
        };
        cache.save(root, self.cache_file);
        if teardown == Teardown::Exit {
            std::mem::forget(cache);
        }
    }
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
            selfevals: figures.selfevals,
            parsed: 0,
            decoded: 0,
            decoded_to_load: 0,
            reused: figures.departments,
            warnings: figures.warnings,
            search: crate::outputs::search::Stats {
                records: figures.records,
                terms: figures.terms,
                large_terms: figures.large_terms,
                files: figures.search_files,
                bytes: figures.search_bytes,
                remade: 0,
                inline_total: figures.search_inline.unwrap_or_default(),
                kept_files: 0,
            },
            corrected: Vec::new(),
            elapsed: start.elapsed(),
            steps,
            output,
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
    /// The processor time the process spent in it, on every core (user and system time);
    /// `took` times the number of cores when every core was busy throughout.
    pub cpu: Option<Duration>,
    /// The process's peak resident memory when it ended, in bytes (where the system tells).
    pub peak_memory: Option<u64>,
}

/// The most departments a clean build makes its comparisons beside its bundles for: at
/// 2,000 departments the two steps together hold ≈ 300 MiB, and the limits measured are
/// 2 GiB at 10,000 departments and 3 GiB at 30,000, where they run in turn.
const SIDE_BY_SIDE_DEPARTMENTS: usize = 4_000;

/// `f`'s result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let began = Instant::now();
    let made = f();
    (made, began.elapsed())
}

/// The process's peak resident memory so far (Linux: VmHWM), in bytes.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The processor time the process has spent so far, on all its threads (user and system
/// time, `getrusage`), where the system tells.
fn cpu_time() -> Option<Duration> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: `getrusage` fills the struct it is given, a valid pointer to one, and reports
    // failure (then nothing is read from it).
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        let micros = u64::try_from(t.tv_usec).ok()?;
        Some(Duration::from_secs(u64::try_from(t.tv_sec).ok()?) + Duration::from_micros(micros))
    };
    Some(time(usage.ru_utime)? + time(usage.ru_stime)?)
}

/// The steps of a build so far.
struct Steps {
    last: Instant,
    /// The processor time spent when the last step ended.
    last_cpu: Option<Duration>,
    done: Vec<Step>,
}

impl Steps {
    fn new(start: Instant) -> Steps {
        Steps {
            last: start,
            last_cpu: cpu_time(),
            done: Vec::new(),
        }
    }

    /// Ends the step `name`, which began when the previous one ended.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        self.done.push(Step {
            name,
            took: now - self.last,
            cpu: cpu
                .zip(self.last_cpu)
                .map(|(now, then)| now.saturating_sub(then)),
            peak_memory: peak_memory(),
        });
        self.last = now;
        self.last_cpu = cpu;
    }

    /// Records how long `name`, one of the parts the last step ran side by side, took on its
    /// own (its processor time is in the step's).
    fn part(&mut self, name: &'static str, took: Duration) {
        self.done.push(Step {
            name,
            took,
            cpu: None,
            peak_memory: None,
        });
    }
}

/// Sitemap files (split at the protocol's 50,000 addresses) and robots.txt.
/// `written` are the paths of the files written, borrowed: the pages' addresses are sorted as
/// borrowed paths (each shares the base URL) and made whole one at a time.
fn sitemap<'a>(config: &Config, written: impl Iterator<Item = &'a str>) -> Vec<(String, Vec<u8>)> {
    const LIMIT: usize = 50_000;
    let mut pages: Vec<&str> = written
        .filter_map(|p| p.strip_suffix("index.html"))
        .collect();
    pages.sort_unstable();
    let mut out = Vec::new();
    let chunks: Vec<&[&str]> = pages.chunks(LIMIT).collect();
    let urlset = |chunk: &[&str]| {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for p in chunk {
            let u = format!("{}{p}", config.base_url);
            s.push_str(&format!(
                "<url><loc>{}</loc></url>\n",
                crate::xml::escape(&u)
            ));
        }
        s.push_str("</urlset>\n");
        s.into_bytes()
    };
    if chunks.len() <= 1 {
        out.push((
            Address::Sitemap { part: None }.path(),
            urlset(chunks.first().copied().unwrap_or(&[])),
        ));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (i, c) in chunks.iter().enumerate() {
            let name = Address::Sitemap { part: Some(i + 1) }.path();
            index.push_str(&format!(
                "<sitemap><loc>{}{name}</loc></sitemap>\n",
                crate::xml::escape(&config.base_url)
            ));
            out.push((name, urlset(c)));
        }
        index.push_str("</sitemapindex>\n");
        out.push((Address::Sitemap { part: None }.path(), index.into_bytes()));
    }
    out.push((
        Address::Robots.path(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}{}\n",
            config.base_url,
            Address::Sitemap { part: None }
        )
        .into_bytes(),
    ));
    out
}
