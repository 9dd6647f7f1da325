//! `gongkai init` and `gongkai new`: a new site that builds at once, and a new department file
//! from a template. The default theme is compiled in, so a new site needs nothing else.

use std::io;
use std::path::{Path, PathBuf};

/// The default theme's files, as (path under `themes/default/`, contents).
const THEME: &[(&str, &str)] = &[
    (
        "templates/base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "templates/home.html",
        include_str!("../themes/default/templates/home.html"),
    ),
    (
        "templates/year.html",
        include_str!("../themes/default/templates/year.html"),
    ),
    (
        "templates/region.html",
        include_str!("../themes/default/templates/region.html"),
    ),
    (
        "templates/department.html",
        include_str!("../themes/default/templates/department.html"),
    ),
    (
        "templates/project.html",
        include_str!("../themes/default/templates/project.html"),
    ),
    (
        "templates/page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "templates/404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "templates/rules.html",
        include_str!("../themes/default/templates/rules.html"),
    ),
    (
        "templates/search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "templates/compare_index.html",
        include_str!("../themes/default/templates/compare_index.html"),
    ),
    (
        "templates/compare_year.html",
        include_str!("../themes/default/templates/compare_year.html"),
    ),
    (
        "templates/compare_metric.html",
        include_str!("../themes/default/templates/compare_metric.html"),
    ),
    (
        "static/style.css",
        include_str!("../themes/default/static/style.css"),
    ),
    (
        "static/search.js",
        include_str!("../themes/default/static/search.js"),
    ),
];

const SITE_TOML: &str = "# gongkai site settings\ntitle = \"部门预算绩效目标公开\"\n# The public address; a sub-path such as https://www.example.gov.cn/yjsgk/ works too.\nbase_url = \"https://www.example.gov.cn/\"\ntheme = \"default\"\noutput_dir = \"public\"\nport = 1111\n";

const ABOUT: &str = "# 关于本站\n\n本站公开各部门的部门预算绩效目标，按原文录入。\n";

/// The department file `gongkai new` writes; fill in every `…`.
pub const DEPARTMENT_TEMPLATE: &str = r#"# 填写说明见 docs/schema.md。每个“…”都要换成原文内容。
schema: 1
document:
  year: {YEAR}
  status: 草案                  # 草案, 正式, 或 未注明
  compiled_by: …
  reviewed_by: …
department:
  name: …
  region:
    code: "{REGION}"
    province: …
    city: …
    county: …
  units:
    - code: "{DEPT}001"
      name: …
part1:
  overall:
    - text: …
projects:
  - unit: "{DEPT}001"
    code: {REGION}{YY}P000000000001
    name: …
    amounts: { total: 0.00, fiscal: 0.00 }
    purpose: …
    goals:
      - …
    indicators:
      - level1: 产出指标
        level2: 数量指标
        name: …
        description: …
        value: "…"
        basis: …
"#;

fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists; nothing was overwritten", path.display()),
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Makes a new site in `dir`: site.toml, the default theme, an about page and an empty year.
pub fn init(dir: &Path) -> io::Result<()> {
    if dir.join("site.toml").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already holds a site", dir.display()),
        ));
    }
    write_new(&dir.join("site.toml"), SITE_TOML)?;
    for (rel, text) in THEME {
        write_new(&dir.join("themes/default").join(rel), text)?;
    }
    write_new(&dir.join("content/pages/about.md"), ABOUT)
}

/// Writes a department file template for `year`, `region` (6-digit code) and `dept` (code)
/// under `root/content/`; returns its path.
pub fn new_department(root: &Path, year: u16, region: &str, dept: &str) -> io::Result<PathBuf> {
    let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) || !ok(dept) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "expected a 6-digit region code and an ASCII department code, such as 130529 414",
        ));
    }
    let path = root
        .join("content")
        .join(year.to_string())
        .join(region)
        .join(format!("{dept}.yaml"));
    let text = DEPARTMENT_TEMPLATE
        .replace("{YEAR}", &year.to_string())
        .replace("{REGION}", region)
        .replace("{YY}", &format!("{:02}", year % 100))
        .replace("{DEPT}", dept);
    write_new(&path, &text)?;
    Ok(path)
}
