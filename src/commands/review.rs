//! `gongkai review`: the review of targets for the finance bureau (see [`crate::review`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes the review report of the site in `root` to `output` (default `review-report/`).
pub fn run(root: &Path, output: Option<PathBuf>) -> ExitCode {
    let out = output.unwrap_or_else(|| root.join("review-report"));
    match crate::review::report::write(root, &out) {
        Ok(s) => {
            eprintln!(
                "审核了 {} 个部门，发现 {} 处（部门已说明 {} 处）；报告在 {}（index.html 为汇总，findings.csv 为全部发现）",
                s.departments,
                s.findings,
                s.answered,
                s.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
