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
        "templates/selfeval.html",
        include_str!("../themes/default/templates/selfeval.html"),
    ),
    (
        "templates/selfeval_index.html",
        include_str!("../themes/default/templates/selfeval_index.html"),
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
    (
        "static/favicon.svg",
        include_str!("../themes/default/static/favicon.svg"),
    ),
];

const SITE_TOML: &str = "# gongkai site settings\ntitle = \"部门预算绩效目标公开\"\n# The public address; a sub-path such as https://www.example.gov.cn/yjsgk/ works too.\nbase_url = \"https://www.example.gov.cn/\"\ntheme = \"default\"\noutput_dir = \"public\"\nport = 1111\n# 纠错/联系：每页显示。\n# contact = \"发现本站内容与公开原文不符，请发邮件至 …，写明页面地址。\"\n# 原文未注明公开日期时显示的本站默认日期（页面注明为默认）。\n# default_published = \"2024-01-01\"\n";

const ABOUT: &str = "# 关于本站\n\n本站公开各部门的部门预算绩效目标，按原文录入。\n";

/// The department file `gongkai new` writes; every `…` is a placeholder that `gongkai check`
/// reports as an error until it is replaced with the document's own text.
pub const DEPARTMENT_TEMPLATE: &str = r#"{MODELINE}
# 部门预算绩效目标 录入文件（一个部门、一个预算年度一份）。填写说明见 docs/schema.md。
# 每个“…”都是占位符，要换成原文内容；原文没有的项目整行删除。填完运行 gongkai check。
schema: 1                       # 文件格式版本，固定写 1
document:                       # 文件信息
  year: {YEAR}                    # 预算年度（四位数字）
  status: 草案                  # 文本状态：草案、正式，原文未写明写 未注明
  title: …                      # 文件标题，按原文照录
  compiled_by: …                # 编制单位
  reviewed_by: …                # 审核单位（如财政局）
  published: …                  # 公开日期，写成 2024-02-01；未公开前删除此行
  source: …                     # 原文出处：文件名或网址
department:                     # 部门信息
  name: …                       # 部门名称（全称）
{REGION_BLOCK}  units:                        # 预算单位，一个文件可含多个单位
    - code: "{DEPT}001"         # 单位编码
      name: …                   # 单位名称
part1:                          # 第一部分 部门整体绩效目标（原文没有则整段删除）
  overall:                      # 一、总体绩效目标
    - text: …                   # 正文
  sub_goals:                    # 二、分项绩效目标
    - title: …                  # 小标题，如“（一）市场监督管理能力和水平整体增强”
      goal: …                   # 绩效目标
  safeguards:                   # 三、工作保障措施
    - title: …                  # 小标题
      text: …                   # 正文
projects:                       # 第二部分 项目绩效目标表，每个项目一段
  - unit: "{DEPT}001"           # 所属预算单位的编码（同上）
    code: "…"                   # 项目编码，如 {REGION}{YY}P000000000001；原文没有则删除此行并填写 id
    name: …                     # 项目名称
    amounts:                    # 预算数，单位万元，只写数字（如 12.5），不写逗号和“万元”
      total: 0.00               # 预算数
      fiscal: 0.00              # 其中：财政资金
      other: 0.00               # 其他资金；原表空白则删除此行
    purpose: …                  # 资金用途
    spending_plan:              # 资金支出计划：到某时累计支出的比例
      - { by: …, percent: … }   # 如 { by: 6月底, percent: 50% }
    goals:                      # 绩效目标，按原文逐条
      - …
    indicators:                 # 绩效指标表，一行一条
      - level1: 产出指标        # 一级指标：产出指标、效益指标、满意度指标
        level2: 数量指标        # 二级指标：数量、质量、时效、成本指标；经济、社会、生态效益指标；可持续影响指标；服务对象满意度指标
        name: …                 # 三级指标
        description: …          # 绩效指标描述
        value: "…"              # 指标值，照录原文（如 "≥650批次"），带符号时加引号
        basis: …                # 指标值确定依据
"#;

/// Why `gongkai new` or `gongkai init` refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The year is not a four-digit budget year.
    #[error("{}", crate::messages::Message::NewYear { year: *_0 })]
    Year(u32),
    /// The region is neither a GB/T 2260 code nor `unstated`.
    #[error("{}", crate::messages::Message::NewRegion { region: _0.clone() })]
    Region(String),
    /// `unstated` without a usable `--slug`.
    #[error("{}", crate::messages::Message::NewSlug)]
    Slug,
    /// The department code cannot be part of a file name and a link.
    #[error("{}", crate::messages::Message::NewDepartment { code: _0.clone() })]
    Department(String),
    /// The file or site exists already.
    #[error("{}", crate::messages::Message::AlreadyExists { path: _0.display().to_string() })]
    Exists(PathBuf),
    /// The disk refused.
    #[error("{}", crate::messages::Message::CannotWrite { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// Where a new department belongs: a coded region or one the document does not name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewRegion {
    /// A GB/T 2260 code such as `130529`.
    Code(String),
    /// `unstated`, with the ASCII slug that stands in for the code in paths and links.
    Unstated {
        /// The slug, such as `gaoxin`.
        slug: String,
    },
}

impl NewRegion {
    /// Reads the region argument of `gongkai new` (a code, or `unstated` with `--slug`).
    pub fn parse(region: &str, slug: Option<&str>) -> Result<NewRegion, ScaffoldError> {
        if region == "unstated" {
            return match slug {
                Some(s) if crate::content::validate::is_safe_key(s) => Ok(NewRegion::Unstated {
                    slug: s.to_string(),
                }),
                _ => Err(ScaffoldError::Slug),
            };
        }
        if crate::content::model::gbt2260::is_region_code(region) {
            Ok(NewRegion::Code(region.to_string()))
        } else {
            Err(ScaffoldError::Region(region.to_string()))
        }
    }

    /// The folder under the year: the code or the slug.
    fn folder(&self) -> &str {
        match self {
            NewRegion::Code(c) => c,
            NewRegion::Unstated { slug } => slug,
        }
    }

    /// The template's `region:` block.
    fn block(&self) -> String {
        match self {
            NewRegion::Code(code) => format!(
                "  region:                      # 所属地区\n    code: \"{code}\"              # 六位行政区划代码\n    province: {}             # 省（自治区、直辖市）\n    city: …                     # 市；直辖市的区县删除此行\n    county: …                   # 县（区）\n",
                crate::content::model::gbt2260::province(code).unwrap_or("…")
            ),
            NewRegion::Unstated { slug } => format!(
                "  region:                      # 所属地区（原文未写明）\n    unstated: …                 # 原文对所属地区的说法，如“仅称高新区”\n    slug: {slug}                # 用于网址的英文简称\n"
            ),
        }
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

/// The schema guide, written into every new site as `docs/schema.md`.
const SCHEMA_GUIDE: &str = include_str!("../docs/schema.md");

/// Makes a new site in `dir`: site.toml, the default theme, an about page, the schema guide
/// and the department file's JSON Schema.
pub fn init(dir: &Path) -> Result<(), ScaffoldError> {
    if dir.join("site.toml").exists() {
        return Err(ScaffoldError::Exists(dir.join("site.toml")));
    }
    write_new(&dir.join("site.toml"), SITE_TOML)?;
    for (rel, text) in THEME {
        write_new(&dir.join("themes/default").join(rel), text)?;
    }
    write_new(&dir.join("docs/schema.md"), SCHEMA_GUIDE)?;
    write_new(
        &dir.join(crate::content::model::schema::SITE_PATH),
        &crate::content::model::schema::department(),
    )?;
    write_new(&dir.join("content/pages/about.md"), ABOUT)
}

/// Writes a department file template for `year`, `region` and `dept` (an ASCII code) under
/// `root/content/`; returns its path. Refuses a year that is not four digits, a department
/// code that cannot be a file name, and an existing file.
pub fn new_department(
    root: &Path,
    year: u32,
    region: &NewRegion,
    dept: &str,
) -> Result<PathBuf, ScaffoldError> {
    if !(1000..=9999).contains(&year) {
        return Err(ScaffoldError::Year(year));
    }
    if dept.is_empty() || !dept.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ScaffoldError::Department(dept.to_string()));
    }
    let path = root
        .join("content")
        .join(year.to_string())
        .join(region.folder())
        .join(format!("{dept}.yaml"));
    let code = match region {
        NewRegion::Code(c) => c.as_str(),
        NewRegion::Unstated { .. } => "…",
    };
    let text = DEPARTMENT_TEMPLATE
        .replace("{MODELINE}", crate::content::model::schema::MODELINE)
        .replace("{YEAR}", &year.to_string())
        .replace("{REGION_BLOCK}", &region.block())
        .replace("{REGION}", code)
        .replace("{YY}", &format!("{:02}", year % 100))
        .replace("{DEPT}", dept);
    write_new(&path, &text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Fields of the model the `new` template leaves out on purpose, each with why: they
    /// are rare, written by the site rather than the clerk, or an alternative the template
    /// shows the other way.
    const NOT_IN_TEMPLATE: &[(&str, &str)] = &[
        (
            "document.notes",
            "录入说明: written only when a reconstruction needs one",
        ),
        (
            "document.corrections",
            "更正: declared after publication (archive)",
        ),
        (
            "department.answers",
            "说明 to review findings, added after a review",
        ),
        (
            "department.total",
            "部门预算总额: when the document states one, to be compared",
        ),
        (
            "department.units[].total",
            "a unit's stated total: when the document states one",
        ),
        (
            "projects[].answers",
            "说明 to review findings, added after a review",
        ),
        (
            "projects[].indicators[].answers",
            "说明 to review findings, added after a review",
        ),
        (
            "projects[].indicators[].metric",
            "a row's comparable metric, set only to override matching",
        ),
        (
            "part1.overall[].title",
            "an overall goal with a heading: the alternative to text",
        ),
        (
            "part1.overall[].items",
            "an overall goal as numbered items: the alternative to text",
        ),
        (
            "part1.sub_goals[].indicators",
            "绩效指标 written apart from the goal: rare",
        ),
        (
            "projects[].id",
            "the address of a project without a code: said in the code line",
        ),
        ("projects[].notes", "录入说明 of one project"),
        (
            "projects[].indicators[].value_type",
            "定量/定性 column of some budget systems",
        ),
        (
            "projects[].indicators[].symbol",
            "比较符号 column of some budget systems",
        ),
        (
            "projects[].indicators[].unit",
            "计量单位 column of some budget systems",
        ),
        (
            "projects[].indicators[].weight",
            "权重 column of some budget systems",
        ),
    ];

    /// The fields a `new` file holds, for each kind of region.
    fn template_paths() -> BTreeSet<String> {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = BTreeSet::new();
        for (region, dept) in [
            (NewRegion::Code("130529".into()), "414"),
            (NewRegion::parse("unstated", Some("gaoxin")).unwrap(), "001"),
        ] {
            let file = new_department(dir.path(), 2024, &region, dept).unwrap();
            let text = std::fs::read_to_string(file).unwrap();
            let value: serde_json::Value = serde_yaml_ng::from_str(&text).unwrap();
            paths.extend(crate::content::model::schema::value_paths(&value));
        }
        paths
    }

    #[test]
    fn the_new_template_covers_the_model_field_by_field() {
        let model = crate::content::model::schema::field_paths();
        let template = template_paths();
        let unknown: Vec<_> = template.difference(&model).collect();
        assert!(
            unknown.is_empty(),
            "template keys the model lacks: {unknown:?}"
        );
        let left_out: BTreeSet<String> =
            NOT_IN_TEMPLATE.iter().map(|(p, _)| p.to_string()).collect();
        let stale: Vec<_> = left_out
            .iter()
            .filter(|p| !model.contains(*p) || template.contains(*p))
            .collect();
        assert!(
            stale.is_empty(),
            "listed as left out but not a model field, or in the template: {stale:?}"
        );
        // Leaving out a field leaves out what lies under it.
        let missing: Vec<_> = model
            .difference(&template)
            .filter(|p| {
                !left_out.iter().any(|l| {
                    *p == l || p.starts_with(&format!("{l}.")) || p.starts_with(&format!("{l}["))
                })
            })
            .collect();
        assert!(
            missing.is_empty(),
            "model fields the `new` template neither has nor lists: {missing:?}"
        );
    }
}
