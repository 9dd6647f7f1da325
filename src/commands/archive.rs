//! `gongkai archive YEAR`: freeze a year, or seal a frozen year's corrections.

use crate::messages::Message;
use crate::pipeline::{self, BuildOptions};
use crate::publish::freeze;
use std::path::Path;
use std::process::ExitCode;

/// Builds the site into a temporary folder with `year` marked as being frozen, then stores
/// that year (or its pending corrections) under `archive/YEAR/`.
pub fn run(year: u16, root: &Path) -> ExitCode {
    let tmp = root.join(".gongkai-archive-build");
    let date = freeze::today();
    let opts = BuildOptions {
        output: Some(tmp.clone()),
        freezing: Some((year, date.clone())),
        ..Default::default()
    };
    let frozen = root.join("archive").join(year.to_string()).exists();
    let dir = root
        .join("archive")
        .join(year.to_string())
        .display()
        .to_string();
    let result = pipeline::build(root, &opts)
        .map_err(|e| e.to_string())
        .and_then(|report| {
            let pending: Vec<_> = (report.corrected.into_iter())
                .filter(|c| c.live && c.rel.starts_with(&format!("{year}/")))
                .collect();
            let done = if frozen {
                match freeze::seal(root, &tmp, &pending, &date) {
                    Ok(0) => Err(freeze::FreezeError::AlreadyFrozen(year)),
                    Ok(n) => Ok(Message::Sealed {
                        departments: n,
                        year,
                        dir: dir.clone(),
                    }),
                    Err(e) => Err(e),
                }
            } else {
                freeze::freeze(root, &tmp, year, &date).map(|n| Message::Froze {
                    year,
                    files: n,
                    dir: dir.clone(),
                })
            };
            done.map_err(|e| e.to_string())
        });
    let _ = std::fs::remove_dir_all(&tmp);
    match result {
        Ok(what) => {
            eprintln!("{what}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}\n{}", Message::ArchiveFailed);
            ExitCode::FAILURE
        }
    }
}
