//! `gongkai gen`: synthetic provincial content for benchmarks.

use crate::content::load;
use crate::synth;
use std::path::Path;
use std::process::ExitCode;

/// Writes `plan`'s department files to `out`, text drawn from the content folder `from`.
pub fn run(plan: &synth::Plan, out: &Path, from: &Path) -> ExitCode {
    let loaded = load::load_dir(from, false);
    let pools = synth::Pools::from_files(&loaded.files);
    let start = std::time::Instant::now();
    match synth::generate(plan, &pools, out) {
        Ok(n) => {
            eprintln!(
                "{}",
                crate::messages::Message::Generated {
                    files: n,
                    out: out.display().to_string(),
                    elapsed: start.elapsed(),
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", crate::messages::Message::ErrorLine { error });
            ExitCode::FAILURE
        }
    }
}
