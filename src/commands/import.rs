//! `gongkai import FILE...`: disclosed documents into YAML drafts with their reports.

use crate::import;
use crate::messages::Message;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Imports `files` into drafts under `out`; `force` overwrites drafts that exist;
/// `keep_going` writes them even when lines holding figures were left out.
pub fn run(files: &[PathBuf], out: &Path, force: bool, keep_going: bool) -> ExitCode {
    match import::import(files, out, force, keep_going) {
        Ok(done) => {
            for i in &done {
                let d = &i.draft;
                let rows: usize = d.projects.iter().map(|p| p.indicators.len()).sum();
                println!(
                    "{}",
                    Message::Imported {
                        source: i.source.display().to_string(),
                        draft: i.path.display().to_string(),
                        projects: d.projects.len(),
                        rows,
                        notes: d.notes.len(),
                    }
                );
                for n in &d.notes {
                    println!("  {n}");
                }
                let lang = crate::messages::current();
                for l in d.report.iter().flat_map(|r| r.lines(&d.set_aside, lang)) {
                    println!("  {l}");
                }
            }
            eprintln!("{}", Message::ImportNext);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}\n{}", Message::ImportFailed);
            ExitCode::FAILURE
        }
    }
}
