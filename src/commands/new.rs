//! `gongkai new YEAR REGION DEPT`: a department file from the template.

use crate::messages::Message;
use crate::scaffold::{self, NewRegion};
use std::path::Path;
use std::process::ExitCode;

/// Adds `content/YEAR/REGION/DEPT.yaml` under `root`; `slug` names an `unstated` region.
pub fn run(root: &Path, year: u32, region: &str, slug: Option<&str>, dept: &str) -> ExitCode {
    match NewRegion::parse(region, slug)
        .and_then(|r| scaffold::new_department(root, year, &r, dept))
    {
        Ok(path) => {
            let path = path.display().to_string();
            eprintln!("{}", Message::NewDone { path });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{}",
                Message::ErrorLine {
                    error: e.to_string()
                }
            );
            ExitCode::FAILURE
        }
    }
}
