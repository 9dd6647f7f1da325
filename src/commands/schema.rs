//! `gongkai schema`: the JSON Schema of a department file, on standard output.

use crate::model::schema;
use std::io::Write;
use std::process::ExitCode;

/// Prints the schema.
pub fn run() -> ExitCode {
    match std::io::stdout().write_all(schema::department().as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", crate::messages::Message::CannotPrint { error });
            ExitCode::FAILURE
        }
    }
}
