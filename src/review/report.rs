//! `gongkai review`: the review report for the finance bureau. One HTML page per department
//! listing every finding with its rule, level, place, the row as published, the
//! department's 说明 and a link to the row on the public site; a summary page per region and
//! year; the rule catalogue; and `findings.csv` with every finding, for a spreadsheet.
//!
//! The report is written into a staging folder and swapped in only when complete, so a
//! failed run leaves the previous report as it was.

use super::{Finding, Level, Place, Rule, RuleInfo, review_document, review_years};
use crate::address::Anchor;
use crate::config::{Config, ConfigError};
use crate::content::load::document::Doc;
use crate::content::model::Document;
use crate::content::tree::{self as tree_model, DeptEntry};
use crate::diagnostic::Severity;
use crate::publish::staging::{OutputError, Staging};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why the report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// site.toml is missing or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The content has errors: the review needs every file to load.
    #[error("{report}\n{}", crate::messages::Message::ReviewNeedsClean { errors: *errors })]
    Content {
        /// Rendered diagnostics.
        report: String,
        /// Number of errors.
        errors: usize,
    },
    /// A report template failed (a bug of gongkai, not of the content).
    #[error("{}", crate::messages::Message::ReviewTemplate { error: _0.clone() })]
    Template(String),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The report folder would replace the site, a source folder or a folder of other files.
    #[error(transparent)]
    Paths(#[from] crate::paths::PathError),
}

/// True when `out` holds a report an earlier `gongkai review` wrote before reports carried
/// a manifest: its findings table and its page of rules.
fn earlier_report(out: &Path) -> bool {
    out.join("findings.csv").is_file() && out.join("rules.html").is_file()
}

/// What a run wrote.
#[derive(Debug)]
pub struct Summary {
    /// Where the report is.
    pub output: PathBuf,
    /// Departments reviewed.
    pub departments: usize,
    /// Findings, answered ones included.
    pub findings: usize,
    /// Findings the departments answered with a 说明.
    pub answered: usize,
}

/// One finding as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Rule code.
    pub rule: &'static str,
    /// Rule title.
    pub title: &'static str,
    /// Level label.
    pub level: &'static str,
    /// Where, in the form's terms.
    pub place: String,
    /// The project's name, for a finding inside a project.
    pub project: String,
    /// The row number (1-based), for a row.
    pub row: Option<usize>,
    /// The row's 三级指标, for a row.
    pub indicator: String,
    /// The row's 指标值 as published, for a row.
    pub value: String,
    /// What was found.
    pub message: String,
    /// The department's 说明.
    pub answer: Option<String>,
    /// The row (or project, or department) on the public site.
    pub link: String,
}

/// Counts of findings by level: 重要, 一般, 提示, and answered.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    /// 重要.
    pub serious: usize,
    /// 一般.
    pub normal: usize,
    /// 提示.
    pub hint: usize,
    /// Answered with a 说明.
    pub answered: usize,
    /// All findings.
    pub total: usize,
}

impl Counts {
    fn add(&mut self, f: &Finding) {
        match f.level {
            Level::Serious => self.serious += 1,
            Level::Normal => self.normal += 1,
            Level::Hint => self.hint += 1,
        }
        self.answered += usize::from(f.answer.is_some());
        self.total += 1;
    }
}

/// A department's page of the report.
#[derive(Debug, Serialize)]
pub struct DeptReport {
    /// Budget year.
    pub year: u16,
    /// Region name.
    pub region: String,
    /// Department name.
    pub name: String,
    /// The source file under content/.
    pub file: String,
    /// The report page, relative to the report's folder.
    pub href: String,
    /// The department on the public site.
    pub public: String,
    /// Counts.
    pub counts: Counts,
    /// Every finding, in the order of the document.
    pub lines: Vec<Line>,
}

/// A region and year on the summary page.
#[derive(Debug, Serialize)]
pub struct RegionSummary {
    /// Budget year.
    pub year: u16,
    /// Region name.
    pub name: String,
    /// Totals of its departments.
    pub counts: Counts,
    /// Its departments: name, report page, counts.
    pub departments: Vec<(String, String, Counts)>,
    /// Findings per rule: code, title, count.
    pub rules: Vec<(&'static str, &'static str, usize)>,
}

const INDEX: &str = include_str!("templates/index.html");
const DEPARTMENT: &str = include_str!("templates/department.html");
const RULES: &str = include_str!("templates/rules.html");
const BASE: &str = include_str!("templates/base.html");

/// The findings of every loaded document (per file), both the document's own and those
/// comparing it with earlier years, sorted by place.
pub fn findings(docs: &[&Doc], config: &Config) -> Vec<Vec<Finding>> {
    let years = review_years(docs, &config.review);
    docs.iter()
        .zip(years)
        .map(|(d, y)| {
            let mut all = review_document(d, &config.review);
            all.extend(y);
            all.sort_by_key(|f| (f.place.project(), f.place, f.rule));
            all
        })
        .collect()
}

fn line(doc: &Document, dept: &DeptEntry, base: &str, f: &Finding) -> Line {
    let project = f.place.project().and_then(|p| doc.projects.get(p));
    let row = match f.place {
        Place::Row(p, i) => doc.projects.get(p).and_then(|p| p.indicators.get(i)),
        _ => None,
    };
    let link = match (project, f.place.row_number()) {
        (Some(p), Some(n)) => {
            tree_model::project_address(&dept.path, p).href_at(base, Anchor::Row(n))
        }
        (Some(p), None) => tree_model::project_address(&dept.path, p).href(base),
        _ => format!("{base}{}", dept.path),
    };
    Line {
        rule: f.rule.code(),
        title: f.rule.title(),
        level: f.level.label(),
        place: f.place.describe(),
        project: project.map(|p| p.name.clone()).unwrap_or_default(),
        row: f.place.row_number(),
        indicator: row.map(|r| r.name.clone()).unwrap_or_default(),
        value: row.map(|r| r.value.raw().to_string()).unwrap_or_default(),
        message: f.message.text(crate::messages::Lang::Zh),
        answer: f.answer.clone(),
        link,
    }
}

/// Reviews the site in `root` and writes the report to `out`.
pub fn write(root: &Path, out: &Path) -> Result<Summary, ReviewError> {
    let config = Config::load(root)?;
    // The report replaces its folder whole, as a build replaces the site: the site itself,
    // a source folder and a folder of other files are refused before anything is read. A
    // folder an earlier review wrote (its manifest, or before it had one, its findings and
    // rules) is replaced.
    match crate::paths::check_output(root, out) {
        Err(crate::paths::PathError::Foreign(_)) if earlier_report(out) => {}
        checked => checked?,
    }
    let report = super::check::check(&root.join("content"));
    let errors = report.count(Severity::Error);
    if errors > 0 {
        return Err(ReviewError::Content {
            report: report.render(),
            errors,
        });
    }
    let files = &report.loaded.files;
    let docs: Vec<&Doc> = files.iter().map(|f| &f.document).collect();
    let found = findings(&docs, &config);
    let tree = tree_model::tree(files, &report.findings);
    let base = config.base_url.clone();

    let mut depts = Vec::new();
    let mut regions = Vec::new();
    for y in &tree.years {
        for r in &y.regions {
            let mut region = RegionSummary {
                year: y.year,
                name: r.name.clone(),
                counts: Counts::default(),
                departments: Vec::new(),
                rules: Vec::new(),
            };
            let mut by_rule: BTreeMap<Rule, usize> = BTreeMap::new();
            for d in &r.departments {
                let doc = &files[d.file].document;
                let mut counts = Counts::default();
                for f in &found[d.file] {
                    counts.add(f);
                    region.counts.add(f);
                    *by_rule.entry(f.rule).or_default() += 1;
                }
                let href = format!("{}/{}/{}.html", y.year, r.key, d.key);
                region
                    .departments
                    .push((d.name.clone(), href.clone(), counts));
                depts.push(DeptReport {
                    year: y.year,
                    region: r.name.clone(),
                    name: d.name.clone(),
                    file: format!("content/{}", files[d.file].rel),
                    href,
                    public: format!("{base}{}", d.path),
                    counts,
                    lines: found[d.file]
                        .iter()
                        .map(|f| line(doc, d, &base, f))
                        .collect(),
                });
            }
            region.rules = by_rule
                .into_iter()
                .map(|(r, n)| (r.code(), r.title(), n))
                .collect();
            regions.push(region);
        }
    }

    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html"]);
    tera.add_raw_templates([
        ("base.html", BASE),
        ("index.html", INDEX),
        ("department.html", DEPARTMENT),
        ("rules.html", RULES),
    ])
    .map_err(|e| ReviewError::Template(e.to_string()))?;
    let render = |name: &str, ctx: tera::Context| {
        tera.render(name, &ctx)
            .map_err(|e| ReviewError::Template(format!("{name}: {e:?}")))
    };

    let staging = Staging::new(out)?;
    let mut ctx = tera::Context::new();
    ctx.insert("title", &config.title);
    ctx.insert("root", "");
    ctx.insert("regions", &regions);
    ctx.insert("public", &base);
    staging.write("index.html", render("index.html", ctx)?.as_bytes())?;

    let infos: Vec<(RuleInfo, &'static str, bool)> = Rule::ALL
        .iter()
        .map(|&r| {
            (
                r.info(),
                config.review.level(r).label(),
                config.review.enabled(r),
            )
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("title", &config.title);
    ctx.insert("root", "");
    ctx.insert("rules", &infos);
    staging.write("rules.html", render("rules.html", ctx)?.as_bytes())?;

    for d in &depts {
        let mut ctx = tera::Context::new();
        ctx.insert("title", &config.title);
        ctx.insert("root", "../../");
        ctx.insert("dept", d);
        staging.write(&d.href, render("department.html", ctx)?.as_bytes())?;
    }
    staging.write("findings.csv", &csv(&depts))?;
    // Its checksums, as the site has them: an auditor can `gongkai verify` the report.
    staging.publish_with_manifest()?;
    Ok(Summary {
        output: out.to_path_buf(),
        departments: depts.len(),
        findings: depts.iter().map(|d| d.counts.total).sum(),
        answered: depts.iter().map(|d| d.counts.answered).sum(),
    })
}

/// Every finding as CSV (UTF-8 with a byte-order mark, so Excel reads it).
fn csv(depts: &[DeptReport]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let head = [
        "年度",
        "地区",
        "部门",
        "文件",
        "项目",
        "行",
        "三级指标",
        "指标值",
        "规则代码",
        "规则",
        "重要程度",
        "发现",
        "部门说明",
        "链接",
    ];
    let _ = w.write_record(head);
    for d in depts {
        for l in &d.lines {
            let _ = w.write_record([
                d.year.to_string().as_str(),
                &d.region,
                &d.name,
                &d.file,
                &l.project,
                &l.row.map(|n| n.to_string()).unwrap_or_default(),
                &l.indicator,
                &l.value,
                l.rule,
                l.title,
                l.level,
                &l.message,
                l.answer.as_deref().unwrap_or(""),
                &l.link,
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}
