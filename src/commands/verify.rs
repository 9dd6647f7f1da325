//! `gongkai verify DIR`: a published folder or a year's bundle against its manifest.

use crate::messages::Message;
use crate::publish::{bundle, manifest};
use std::path::Path;
use std::process::ExitCode;

/// Checks `dir` (a folder, or a `.tar.gz` bundle) and prints every difference.
pub fn run(dir: &Path) -> ExitCode {
    let result = if dir.is_file() {
        bundle::verify(dir)
    } else {
        manifest::verify(dir)
    };
    match result {
        Ok(d) if d.is_empty() => {
            let dir = dir.display().to_string();
            eprintln!("{}", Message::VerifyAllMatch { dir });
            ExitCode::SUCCESS
        }
        Ok(d) => {
            for (what, list) in [
                (Message::VerifyMissing, &d.missing),
                (Message::VerifyAdded, &d.added),
                (Message::VerifyAltered, &d.altered),
                (Message::VerifySymlink, &d.links),
            ] {
                for p in list {
                    println!("{what}\t{p}");
                }
            }
            eprintln!(
                "{}",
                Message::VerifyDifferences {
                    dir: dir.display().to_string(),
                    missing: d.missing.len(),
                    added: d.added.len(),
                    altered: d.altered.len(),
                    links: d.links.len(),
                }
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
