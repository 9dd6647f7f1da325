//! `gongkai init DIR`: a new site that builds at once.

use crate::scaffold;
use std::path::Path;
use std::process::ExitCode;

/// Makes a new site in `dir`.
pub fn run(dir: &Path) -> ExitCode {
    match scaffold::init(dir) {
        Ok(()) => {
            eprintln!(
                "made a new site in {}; next: gongkai new YEAR REGION DEPT --root {0}, then gongkai serve {0}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
