//! `gongkai new YEAR REGION DEPT`: a department file from the template.

use crate::scaffold;
use std::path::Path;
use std::process::ExitCode;

/// Adds `content/YEAR/REGION/DEPT.yaml` under `root`.
pub fn run(root: &Path, year: u16, region: &str, dept: &str) -> ExitCode {
    match scaffold::new_department(root, year, region, dept) {
        Ok(path) => {
            eprintln!(
                "wrote {}; fill in every “…”, then run gongkai check",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
