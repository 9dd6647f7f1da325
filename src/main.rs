//! The `gongkai` command line.

use clap::{Parser, Subcommand};
use gongkai::diagnostic::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

/// A build allocates and frees millions of small strings; glibc's allocator spent a fifth of
/// a provincial build's time in malloc and free (`perf`), mimalloc far less.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "公开: publish 部门预算绩效目标 as a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate the content without building; print every problem.
    Check {
        /// The site folder (holding site.toml and content/) or a content folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Exit non-zero on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// List every indicator row assigned to a metric of content/metrics.yaml.
        #[arg(long)]
        metrics: bool,
    },
    /// Build the site into the output folder (site.toml `output_dir`, default public/).
    Build {
        /// The site folder.
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Write here instead of site.toml's output_dir.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time each step took and the peak memory so far.
        #[arg(long)]
        timings: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages.
    Serve {
        /// The site folder.
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Port (default: site.toml's `port`, else 1111).
        #[arg(long, short)]
        port: Option<u16>,
    },
    /// Make a new site in DIR that builds at once.
    Init {
        /// Where to make it.
        dir: PathBuf,
    },
    /// Add a department file from a template: content/YEAR/REGION/DEPT.yaml.
    New {
        /// 预算年度, four digits.
        year: u32,
        /// 6-digit 行政区划代码, or `unstated` (then give --slug).
        region: String,
        /// For an `unstated` region: the ASCII name that stands in for its code in addresses.
        #[arg(long)]
        slug: Option<String>,
        /// Department code (such as 414).
        dept: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Freeze a year: store its rendered pages and sources in archive/YEAR/ with a manifest;
    /// later builds publish it from there byte for byte. On a frozen year, seal its new
    /// corrections (更正) as revisions beside the original.
    Archive {
        /// The budget year to freeze.
        year: u16,
        /// The site folder.
        #[arg(default_value = ".")]
        root: PathBuf,
    },
    /// Check a published folder, or a year's bundle (packed or unpacked), against its
    /// manifest.txt; names every missing, added or altered file and fails on any difference.
    Verify {
        /// The folder holding manifest.txt, or a downloaded .tar.gz bundle.
        dir: PathBuf,
    },
    /// Turn disclosed documents (Word or PDF text, .docx, .xlsx) into YAML drafts under the
    /// content folder, with a report of every guess and every field left empty.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The content folder to place drafts in (as YEAR/REGION/DEPT.yaml).
        #[arg(long, default_value = "content")]
        out: PathBuf,
        /// Overwrite drafts that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Write synthetic department files for benchmarks (text drawn from the bundled content).
    Gen {
        /// Output content folder.
        #[arg(long)]
        out: PathBuf,
        /// Department files per year.
        #[arg(long, default_value_t = 10_000)]
        departments: usize,
        /// Number of budget years.
        #[arg(long, default_value_t = 1)]
        years: u16,
        /// The latest budget year.
        #[arg(long, default_value_t = 2024)]
        last_year: u16,
        /// Seed: the same seed writes the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to take real text from.
        #[arg(long, default_value = "content")]
        from: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            path,
            deny_warnings,
            metrics,
        } => {
            let content = if path.join("content").is_dir() {
                path.join("content")
            } else {
                path
            };
            let report = gongkai::check::check(&content);
            if metrics {
                print!("{}", report.metric_rows());
            }
            eprint!("{}", report.render());
            let failed = report.count(Severity::Error) > 0
                || (deny_warnings && report.count(Severity::Warning) > 0);
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Archive { year, root } => {
            let tmp = root.join(".gongkai-archive-build");
            let date = gongkai::archive::freeze::today();
            let opts = gongkai::site::BuildOptions {
                output: Some(tmp.clone()),
                freezing: Some((year, date.clone())),
                ..Default::default()
            };
            let frozen = root.join("archive").join(year.to_string()).exists();
            let result = gongkai::site::build(&root, &opts)
                .map_err(|e| e.to_string())
                .and_then(|report| {
                    let pending: Vec<_> = (report.corrected.into_iter())
                        .filter(|c| c.live && c.rel.starts_with(&format!("{year}/")))
                        .collect();
                    let done = if frozen {
                        match gongkai::archive::freeze::seal(&root, &tmp, &pending, &date) {
                            Ok(0) => {
                                Err(gongkai::archive::freeze::FreezeError::AlreadyFrozen(year))
                            }
                            Ok(n) => Ok(format!("sealed {n} corrected departments of {year}")),
                            Err(e) => Err(e),
                        }
                    } else {
                        gongkai::archive::freeze::freeze(&root, &tmp, year, &date)
                            .map(|n| format!("froze {year}: {n} files"))
                    };
                    done.map_err(|e| e.to_string())
                });
            let _ = std::fs::remove_dir_all(&tmp);
            match result {
                Ok(what) => {
                    eprintln!(
                        "{what} in {}",
                        root.join("archive").join(year.to_string()).display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}\narchive failed: nothing was written to archive/");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Verify { dir } => match if dir.is_file() {
            gongkai::archive::bundle::verify(&dir)
        } else {
            gongkai::archive::manifest::verify(&dir)
        } {
            Ok(d) if d.is_empty() => {
                eprintln!("{}: every file matches manifest.txt", dir.display());
                ExitCode::SUCCESS
            }
            Ok(d) => {
                for (what, list) in [
                    ("missing", &d.missing),
                    ("added", &d.added),
                    ("altered", &d.altered),
                    ("symlink", &d.links),
                ] {
                    for p in list {
                        println!("{what}\t{p}");
                    }
                }
                eprintln!(
                    "{}: {} missing, {} added, {} altered, {} symlinks",
                    dir.display(),
                    d.missing.len(),
                    d.added.len(),
                    d.altered.len(),
                    d.links.len()
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        Command::Build {
            root,
            output,
            base_url,
            timings,
        } => {
            let opts = gongkai::site::BuildOptions {
                output,
                base_url,
                live_reload: false,
                freezing: None,
            };
            match gongkai::site::build(&root, &opts) {
                Ok(r) => {
                    eprintln!(
                        "built {} pages ({} files) from {} department files in {:.2?} into {}; {} warnings (see `gongkai check`)",
                        r.pages,
                        r.files,
                        r.departments,
                        r.elapsed,
                        r.output.display(),
                        r.warnings
                    );
                    eprintln!(
                        "search index: {} records, {} terms ({} paged), {} files, {:.1} MB",
                        r.search.records,
                        r.search.terms,
                        r.search.large_terms,
                        r.search.files,
                        r.search.bytes as f64 / 1e6
                    );
                    if timings {
                        for s in &r.steps {
                            let peak = s.peak_memory.map_or(String::new(), |b| {
                                format!("  (peak {} MiB)", b / (1024 * 1024))
                            });
                            eprintln!("{:>8.2}s  {}{peak}", s.took.as_secs_f64(), s.name);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}\nbuild failed: the previous site is unchanged");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { root, port } => match gongkai::serve::serve(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Init { dir } => match gongkai::scaffold::init(&dir) {
            Ok(()) => {
                eprintln!(
                    "已在 {} 建立新站点。下一步：gongkai new 年度 地区代码 部门编码 --root {0}，再运行 gongkai serve {0}",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("错误：{e}");
                ExitCode::FAILURE
            }
        },
        Command::New {
            year,
            region,
            slug,
            dept,
            root,
        } => match gongkai::scaffold::NewRegion::parse(&region, slug.as_deref())
            .and_then(|r| gongkai::scaffold::new_department(&root, year, &r, &dept))
        {
            Ok(path) => {
                eprintln!(
                    "已写入 {}。请把每个“…”换成原文内容，再运行 gongkai check",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("错误：{e}");
                ExitCode::FAILURE
            }
        },
        Command::Import { files, out, force } => {
            match gongkai::import::import(&files, &out, force) {
                Ok(done) => {
                    for i in &done {
                        let d = &i.draft;
                        let rows: usize = d.projects.iter().map(|p| p.indicators.len()).sum();
                        println!(
                            "{} → {}: {} projects, {rows} indicator rows, {} notes",
                            i.source.display(),
                            i.path.display(),
                            d.projects.len(),
                            d.notes.len()
                        );
                        for n in &d.notes {
                            println!("  {n}");
                        }
                    }
                    eprintln!(
                        "run `gongkai check` and go through each draft's notes before publishing"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}\nimport failed: nothing was written");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Gen {
            out,
            departments,
            years,
            last_year,
            seed,
            from,
        } => {
            let loaded = gongkai::load::load_dir(&from, false);
            let pools = gongkai::synth::Pools::from_files(&loaded.files);
            let plan = gongkai::synth::Plan {
                departments,
                years,
                last_year,
                seed,
            };
            let start = std::time::Instant::now();
            match gongkai::synth::generate(&plan, &pools, &out) {
                Ok(n) => {
                    eprintln!(
                        "wrote {n} department files to {} in {:.2?}",
                        out.display(),
                        start.elapsed()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
