//! `gongkai import FILE...`: disclosed documents into YAML drafts with their reports.

use crate::import;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Imports `files` into drafts under `out`; `force` overwrites drafts that exist.
pub fn run(files: &[PathBuf], out: &Path, force: bool) -> ExitCode {
    match import::import(files, out, force) {
        Ok(done) => {
            for i in &done {
                let d = &i.draft;
                let rows: usize = d.projects.iter().map(|p| p.indicators.len()).sum();
                println!(
                    "{} → {}: {} projects, {rows} indicator rows, {} notes",
                    i.source.display(),
                    i.path.display(),
                    d.projects.len(),
                    d.notes.len()
                );
                for n in &d.notes {
                    println!("  {n}");
                }
            }
            eprintln!("run `gongkai check` and go through each draft's notes before publishing");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}\nimport failed: nothing was written");
            ExitCode::FAILURE
        }
    }
}
