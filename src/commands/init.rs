//! `gongkai init DIR`: a new site that builds at once.

use crate::scaffold;
use std::path::Path;
use std::process::ExitCode;

/// Makes a new site in `dir`.
pub fn run(dir: &Path) -> ExitCode {
    match scaffold::init(dir) {
        Ok(()) => {
            eprintln!(
                "已在 {} 建立新站点。下一步：gongkai new 年度 地区代码 部门编码 --root {0}，再运行 gongkai serve {0}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}
