//! `gongkai review`: the review of targets for the finance bureau (see [`crate::review`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes the review report of the site in `root` to `output` (default `review-report/`).
pub fn run(root: &Path, output: Option<PathBuf>) -> ExitCode {
    let out = output.unwrap_or_else(|| root.join("review-report"));
    match crate::review::report::write(root, &out) {
        Ok(s) => {
            eprintln!(
                "{}",
                crate::messages::Message::Reviewed {
                    departments: s.departments,
                    findings: s.findings,
                    answered: s.answered,
                    output: s.output.display().to_string(),
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
