//! The `gongkai` command line: parses the arguments and runs one of [`gongkai::commands`].

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gongkai::messages::{self, CliText, Lang, Message};
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
    /// Language of messages: zh (the default) or en; else LC_ALL, LC_MESSAGES, LANG.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| {
        CliText::NotALanguage {
            value: s.to_string(),
        }
        .to_string()
    })
}

/// A whole number up to `max`, refused in the catalogue's words (clap's are English).
fn whole<T: std::str::FromStr>(s: &str, max: impl std::fmt::Display) -> Result<T, String> {
    let t = s.trim();
    t.parse().map_err(|_| {
        let (value, max) = (s.to_string(), max.to_string());
        // Digits only, yet not read: a number too large, not a word mistyped.
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            CliText::NumberTooLarge { value, max }.to_string()
        } else {
            CliText::NotANumber { value, max }.to_string()
        }
    })
}

/// `--lang` as given on the command line, read before clap so that its help speaks it. An
/// argument that is not UTF-8 (a file name in another encoding) is read lossily here and left
/// to clap, which takes paths as they are: `std::env::args` would panic on it.
fn lang_flag() -> Option<Lang> {
    let args: Vec<String> = (std::env::args_os())
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| Lang::parse(v)),
            Some(v) => v.strip_prefix('=').and_then(Lang::parse),
            None => None,
        })
}

/// The command line with its help from the catalogue, in the language spoken.
fn command() -> clap::Command {
    let about = [
        ("check", Message::AboutCheck),
        ("build", Message::AboutBuild),
        ("serve", Message::AboutServe),
        ("init", Message::AboutInit),
        ("new", Message::AboutNew),
        ("review", Message::AboutReview),
        ("archive", Message::AboutArchive),
        ("verify", Message::AboutVerify),
        ("import", Message::AboutImport),
        ("schema", Message::AboutSchema),
        ("gen", Message::AboutGen),
    ];
    let mut cmd = Cli::command()
        .about(Message::AboutApp.to_string())
        .mut_arg("lang", |a| a.help(Message::LangHelp.to_string()));
    for (name, text) in about {
        cmd = cmd.mut_subcommand(name, |c| c.about(text.to_string()).long_about(None));
    }
    for &(name, arg, help) in messages::Help::ARGS {
        cmd = cmd.mut_subcommand(name, |c| c.mut_arg(arg, |a| a.help(help.to_string())));
    }
    gongkai::commands::cli::localize(cmd)
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
        /// Make everything anew, ignoring the build cache (.gongkai/build-cache).
        #[arg(long)]
        clean: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages.
    Serve {
        /// The site folder.
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Port (default: site.toml's `port`, else 1111).
        #[arg(long, short, value_parser = |s: &str| whole::<u16>(s, u16::MAX))]
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
        #[arg(value_parser = |s: &str| whole::<u32>(s, u32::MAX))]
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
    /// Review the targets as a finance bureau does (绩效目标审核): write an HTML page per
    /// department, a summary per region and year, the rules, and findings.csv.
    Review {
        /// The site folder.
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Where to write the report (default: review-report/ in the site folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Freeze a year: store its rendered pages and sources in archive/YEAR/ with a manifest;
    /// later builds publish it from there byte for byte. On a frozen year, seal its new
    /// corrections (更正) as revisions beside the original.
    Archive {
        /// The budget year to freeze.
        #[arg(value_parser = |s: &str| whole::<u16>(s, u16::MAX))]
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
        /// Write the drafts even when lines holding figures were left out or totals disagree
        /// (they are listed at the top of each draft).
        #[arg(long)]
        keep_going: bool,
        /// The budget year of files that do not state one.
        #[arg(long, value_parser = |s: &str| whole::<u16>(s, u16::MAX))]
        year: Option<u16>,
    },
    /// Print the JSON Schema of a department file (Chinese titles), for editors with a YAML
    /// plugin; `gongkai init` writes it to docs/department.schema.json.
    Schema {
        /// 输出绩效自评文件（content/selfeval/…）的 JSON Schema。
        #[arg(long)]
        selfeval: bool,
    },
    /// Write synthetic department files for benchmarks (text drawn from the bundled content).
    Gen {
        /// Output content folder.
        #[arg(long)]
        out: PathBuf,
        /// Department files per year.
        #[arg(long, default_value_t = 10_000, value_parser = |s: &str| whole::<usize>(s, usize::MAX))]
        departments: usize,
        /// Number of budget years.
        #[arg(long, default_value_t = 1, value_parser = |s: &str| whole::<u16>(s, u16::MAX))]
        years: u16,
        /// The latest budget year.
        #[arg(long, default_value_t = 2024, value_parser = |s: &str| whole::<u16>(s, u16::MAX))]
        last_year: u16,
        /// Seed: the same seed writes the same files.
        #[arg(long, default_value_t = 1, value_parser = |s: &str| whole::<u64>(s, u64::MAX))]
        seed: u64,
        /// Where to take real text from.
        #[arg(long, default_value = "content")]
        from: PathBuf,
    },
}

/// Turns transparent huge pages off for this process. mimalloc asks for them on its large
/// regions, and the kernel then zeroes two megabytes at the first touch of each: an eighth of
/// an edited rebuild's CPU went to `clear_page_erms`. Without them a clean build of 2,000
/// departments takes 0.94 of the time and 0.92 of the memory (`farm-bench`, 4 pairs), an
/// edited rebuild the same time and 0.81 of the memory.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` takes integers, reads and writes no
    // memory of ours, and only sets a flag of this process; its result is ignored (an older
    // kernel without it leaves the pages as they were).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    use gongkai::commands;
    without_huge_pages();
    messages::set(Lang::detect(lang_flag(), |k| std::env::var(k).ok()));
    let mut cmd = command();
    let matches = match cmd.try_get_matches_from_mut(std::env::args_os()) {
        Ok(m) => m,
        Err(e) => return commands::cli::cli_error(e),
    };
    if let Some(("help", m)) = matches.subcommand() {
        let name = m.get_one::<String>("command");
        let target = match name {
            Some(n) => match cmd.find_subcommand_mut(n) {
                Some(c) => c,
                None => {
                    let name = n.clone();
                    eprintln!(
                        "{}: {}",
                        CliText::ErrorLabel,
                        CliText::UnknownCommand { name }
                    );
                    return ExitCode::from(2);
                }
            },
            None => &mut cmd,
        };
        use std::io::Write;
        let _ = write!(std::io::stdout(), "{}", target.render_help());
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return commands::cli::cli_error(e),
    };
    match cli.command {
        Command::Check {
            path,
            deny_warnings,
            metrics,
        } => commands::check::run(path, deny_warnings, metrics),
        Command::Review { root, output } => commands::review::run(&root, output),
        Command::Archive { year, root } => commands::archive::run(year, &root),
        Command::Verify { dir } => commands::verify::run(&dir),
        Command::Build {
            root,
            output,
            base_url,
            timings,
            clean,
        } => commands::build::run(&root, output, base_url, timings, clean),
        Command::Serve { root, port } => commands::serve::run(&root, port),
        Command::Init { dir } => commands::init::run(&dir),
        Command::New {
            year,
            region,
            slug,
            dept,
            root,
        } => commands::new::run(&root, year, &region, slug.as_deref(), &dept),
        Command::Import {
            files,
            out,
            force,
            keep_going,
            year,
        } => commands::import::run(&files, &out, force, keep_going, year),
        Command::Schema { selfeval } => commands::schema::run(selfeval),
        Command::Gen {
            out,
            departments,
            years,
            last_year,
            seed,
            from,
        } => {
            let plan = gongkai::synth::Plan {
                departments,
                years,
                last_year,
                seed,
            };
            commands::generate::run(&plan, &out, &from)
        }
    }
}
