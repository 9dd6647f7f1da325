//! `gongkai import FILE...`: disclosed documents into YAML drafts with their reports.

use crate::import;
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
                    "{} → {}：{} 个项目，{rows} 行指标，{} 条待核对",
                    i.source.display(),
                    i.path.display(),
                    d.projects.len(),
                    d.notes.len()
                );
                for n in &d.notes {
                    println!("  {n}");
                }
                for l in d.report.iter().flat_map(|r| r.lines(d)) {
                    println!("  {l}");
                }
            }
            eprintln!("发布前请运行 gongkai check，并逐条核对每份草稿开头的说明和打勾清单");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}\n导入未完成：没有写入任何文件");
            ExitCode::FAILURE
        }
    }
}
