//! `gongkai build`: the site into its output folder, with a summary (and `--timings`).

use crate::messages::Message;
use crate::pipeline::{self, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Builds the site in `root` (everything anew with `clean`); prints what was written, and
/// each step's time with `timings`.
pub fn run(
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    timings: bool,
    clean: bool,
) -> ExitCode {
    let opts = BuildOptions {
        output,
        base_url,
        live_reload: false,
        freezing: None,
        clean,
    };
    match pipeline::build(root, &opts) {
        Ok(r) => {
            eprintln!(
                "{}",
                Message::Built {
                    pages: r.pages,
                    files: r.files,
                    departments: r.departments,
                    selfevals: r.selfevals,
                    elapsed: r.elapsed,
                    output: r.output.display().to_string(),
                    warnings: r.warnings,
                }
            );
            eprintln!(
                "{}",
                Message::SearchIndexBuilt {
                    records: r.search.records,
                    terms: r.search.terms,
                    paged: r.search.large_terms,
                    files: r.search.files,
                    megabytes: format!("{:.1}", r.search.bytes as f64 / 1e6),
                }
            );
            if r.reused > 0 {
                eprintln!(
                    "{}",
                    Message::Unchanged {
                        reused: r.reused,
                        departments: r.departments,
                        parsed: r.parsed,
                        decoded: r.decoded,
                    }
                );
            }
            if timings {
                for s in &r.steps {
                    let peak = s.peak_memory.map_or(String::new(), |b| {
                        Message::PeakMemory {
                            mib: b / (1024 * 1024),
                        }
                        .to_string()
                    });
                    eprintln!("{:>8.2}s  {}{peak}", s.took.as_secs_f64(), s.name);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}\n{}", Message::BuildFailed);
            ExitCode::FAILURE
        }
    }
}
