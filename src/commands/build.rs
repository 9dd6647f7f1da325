//! `gongkai build`: the site into its output folder, with a summary (and `--timings`).

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
            if r.reused > 0 {
                eprintln!(
                    "{} of {} departments unchanged since the last build (see .gongkai/build-cache.json; --clean makes everything anew)",
                    r.reused, r.departments
                );
            }
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
