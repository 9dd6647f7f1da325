//! `gongkai init DIR`: a new site that builds at once.

use crate::messages::Message;
use crate::scaffold;
use std::path::Path;
use std::process::ExitCode;

/// Makes a new site in `dir`.
pub fn run(dir: &Path) -> ExitCode {
    match scaffold::init(dir) {
        Ok(()) => {
            let dir = dir.display().to_string();
            eprintln!("{}", Message::InitDone { dir });
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
