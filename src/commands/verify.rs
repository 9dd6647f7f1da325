//! `gongkai verify DIR`: a published folder or a year's bundle against its manifest.

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
            eprintln!("{}: every file matches manifest.txt", dir.display());
            ExitCode::SUCCESS
        }
        Ok(d) => {
            for (what, list) in [
                ("missing", &d.missing),
                ("added", &d.added),
                ("altered", &d.altered),
                ("symlink", &d.links),
            ] {
                for p in list {
                    println!("{what}\t{p}");
                }
            }
            eprintln!(
                "{}: {} missing, {} added, {} altered, {} symlinks",
                dir.display(),
                d.missing.len(),
                d.added.len(),
                d.altered.len(),
                d.links.len()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
