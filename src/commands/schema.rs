//! `gongkai schema`: the JSON Schema of a department file (`--selfeval`: of a
//! self-evaluation file), on standard output.

use crate::content::model::schema;
use std::io::Write;
use std::process::ExitCode;

/// Prints the schema of a department file, or with `selfeval` of a self-evaluation file.
pub fn run(selfeval: bool) -> ExitCode {
    let text = if selfeval {
        schema::selfeval()
    } else {
        schema::department()
    };
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", crate::messages::Message::CannotPrint { error });
            ExitCode::FAILURE
        }
    }
}
