//! `gongkai import FILE...`: disclosed documents into YAML drafts with their reports.

use crate::import;
use crate::messages::Message;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Imports `files` into drafts under `out`; `force` overwrites drafts that exist;
/// `keep_going` writes them even when lines holding figures were left out, and writes the
/// files that could be read when others could not. Every refused file is named, each with
/// its reason, not only the first. `year` is the budget year of files that state none.
pub fn run(
    files: &[PathBuf],
    out: &Path,
    force: bool,
    keep_going: bool,
    year: Option<u16>,
) -> ExitCode {
    let batch = import::read_all(files, out, force, keep_going, year);
    for e in &batch.failed {
        eprintln!("{e}");
    }
    if !batch.failed.is_empty() && !keep_going {
        eprintln!(
            "{}",
            Message::ImportNoneWritten {
                failed: batch.failed.len(),
                total: files.len(),
            }
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = import::write_all(&batch.drafts, out) {
        eprintln!("{e}\n{}", Message::ImportFailed);
        return ExitCode::FAILURE;
    }
    for i in &batch.drafts {
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
    if !batch.failed.is_empty() {
        eprintln!(
            "{}",
            Message::ImportPartly {
                failed: batch.failed.len(),
                written: batch.drafts.len(),
            }
        );
        return ExitCode::FAILURE;
    }
    eprintln!("{}", Message::ImportNext);
    ExitCode::SUCCESS
}
