//! `gongkai new YEAR REGION DEPT`: a department file from the template.

use crate::scaffold::{self, NewRegion};
use std::path::Path;
use std::process::ExitCode;

/// Adds `content/YEAR/REGION/DEPT.yaml` under `root`; `slug` names an `unstated` region.
pub fn run(root: &Path, year: u32, region: &str, slug: Option<&str>, dept: &str) -> ExitCode {
    match NewRegion::parse(region, slug)
        .and_then(|r| scaffold::new_department(root, year, &r, dept))
    {
        Ok(path) => {
            eprintln!(
                "已写入 {}。请把每个“…”换成原文内容，再运行 gongkai check",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}
