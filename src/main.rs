//! The `gongkai` command line.

use clap::{Parser, Subcommand};
use gongkai::diagnostic::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "gongkai", version, about = "公开: publish 部门预算绩效目标 as a static site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate the content without building; print every problem.
    Check {
        /// The site folder (holding site.toml and content/) or a content folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Exit non-zero on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { path, deny_warnings } => {
            let content = if path.join("content").is_dir() { path.join("content") } else { path };
            let report = gongkai::check::check(&content);
            eprint!("{}", report.render());
            let failed = report.count(Severity::Error) > 0
                || (deny_warnings && report.count(Severity::Warning) > 0);
            if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
    }
}
