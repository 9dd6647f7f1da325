//! What each subcommand of the command line runs, one file each; `main.rs` only parses the
//! arguments and calls the `run` of one of these.

pub mod archive;
pub mod build;
pub mod check;
pub mod cli;
pub mod generate;
pub mod import;
pub mod init;
pub mod new;
pub mod review;
pub mod schema;
pub mod serve;
pub mod verify;
