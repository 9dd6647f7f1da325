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
    // The process ends once the summary is printed: what the build held is left to its exit.
    match pipeline::build_then(root, &opts, pipeline::Teardown::Exit) {
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
                eprintln!("{}", Message::TimingsHead);
                for s in &r.steps {
                    eprintln!("{}", step_line(s));
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // The previous site stays as it was; say so only when there is one.
            let published = pipeline::output_folder(root, &opts)
                .is_some_and(|out| out.join(crate::publish::manifest::FILE).is_file());
            let failed = if published {
                Message::BuildFailed
            } else {
                Message::BuildFailedNothingPublished
            };
            eprintln!("{e}\n{failed}");
            ExitCode::FAILURE
        }
    }
}

/// One step's line of `--timings`: its wall time, the processor time it took on every
/// core and their ratio (how many cores were busy on average), its name and the peak
/// memory so far. The wall time comes first (bench/load.sh reads it).
fn step_line(s: &pipeline::Step) -> String {
    let wall = s.took.as_secs_f64();
    let usage = match s.cpu.map(|c| c.as_secs_f64()) {
        Some(cpu) if wall > 0.0 => format!("{cpu:>8.2}s {:>5.2}", cpu / wall),
        Some(cpu) => format!("{cpu:>8.2}s {:>5}", "-"),
        None => format!("{:>9} {:>5}", "-", "-"),
    };
    let peak = s.peak_memory.map_or(String::new(), |b| {
        Message::PeakMemory {
            mib: b / (1024 * 1024),
        }
        .to_string()
    });
    format!("{wall:>8.2}s {usage}  {}{peak}", s.name)
}

#[cfg(test)]
mod tests {
    use super::step_line;
    use crate::pipeline::Step;
    use std::time::Duration;

    #[test]
    fn a_step_shows_its_wall_time_first_then_its_processor_time_and_cores() {
        let step = |took: u64, cpu: Option<u64>| Step {
            name: "comparisons",
            took: Duration::from_millis(took),
            cpu: cpu.map(Duration::from_millis),
            peak_memory: None,
        };
        assert_eq!(
            step_line(&step(2000, Some(3500))),
            "    2.00s     3.50s  1.75  comparisons"
        );
        // A step too short to time, and a system that does not tell the processor time.
        assert_eq!(
            step_line(&step(0, Some(0))),
            "    0.00s     0.00s     -  comparisons"
        );
        assert_eq!(
            step_line(&step(10, None)),
            "    0.01s         -     -  comparisons"
        );
    }
}
