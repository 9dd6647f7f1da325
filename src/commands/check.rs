//! `gongkai check`: every problem of the content, printed; how many rows each metric matched.

use crate::diagnostic::Severity;
use crate::review::check;
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks the site folder (or content folder) `path`; fails on errors, and on warnings too
/// with `deny_warnings`; `metrics` lists every matched row.
pub fn run(path: PathBuf, deny_warnings: bool, metrics: bool) -> ExitCode {
    let content = if path.join("content").is_dir() {
        path.join("content")
    } else {
        path
    };
    let report = check::check(&content);
    if metrics {
        print!("{}", report.metric_rows());
    }
    eprint!("{}", report.render());
    let failed =
        report.count(Severity::Error) > 0 || (deny_warnings && report.count(Severity::Warning) > 0);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
