//! The self-evaluation pages (绩效自评): one page per document at
//! `selfeval/YEAR/REGION/DEPT/`, each project's funds with the execution rate (flagged when
//! the arithmetic disagrees), and every row's target, result and verdict with why; the index
//! page `selfeval/`; the summaries the department and project pages show; and the data files
//! (`data.csv`, `data.json`) beside each page.

use super::kind::{PageKind, Site};
use super::renderer::{RenderError, Renderer};
use super::site::{Crumb, PageMeta, SiteMeta, meta};
use crate::config::Config;
use crate::content::evaluation::{self, Link, Tally};
use crate::content::load::SourceFile;
use crate::content::load::selfeval::SelfEvalFile;
use crate::content::model::Wan;
use crate::content::model::selfeval::{EvaluatedProject, Points};
use crate::content::selfeval_check::{self, Finding, Place, Rule};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub use super::selfeval_index::{
    DeptRef, Outcome, SelfEvalIndex, Summary, page_address, page_path, target_address,
};
use crate::address::{Address, Anchor, DataFormat};

/// One breakdown row of the funds, as shown.
#[derive(Debug, Serialize)]
pub struct FundRowView {
    /// The label as written.
    pub label: String,
    /// 年初预算数.
    pub initial: Option<Wan>,
    /// 全年预算数.
    pub budget: Option<Wan>,
    /// 全年执行数.
    pub executed: Option<Wan>,
    /// 执行率 as written.
    pub rate: String,
    /// The flag when the written rate disagrees with the figures.
    pub flag: Option<String>,
}

/// One indicator row, as shown.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Row number from 1 within its project; the anchor is `p{project}-r{n}`.
    pub n: usize,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 年度指标值 as written in the self-evaluation.
    pub target: String,
    /// The 指标值 of the published target when it differs, with the link to its row.
    pub published: Option<Crumb>,
    /// 实际完成值 as written.
    pub actual: String,
    /// 分值.
    pub weight: String,
    /// 得分.
    pub score: String,
    /// 偏差原因分析及改进措施.
    pub reason: String,
    /// 达成 / 未达成 / 无法判断.
    pub verdict: &'static str,
    /// `met`, `not-met`, `unknown`: the CSS class.
    pub verdict_key: &'static str,
    /// Why.
    pub why: String,
    /// The checks' notes on this row.
    pub flags: Vec<String>,
    /// A row the form left blank (shown as the form shows it).
    pub empty: bool,
}

/// 总分, 自评得分 and 等级 as written.
#[derive(Debug, Serialize)]
pub struct TotalView {
    /// 总分.
    pub weight: String,
    /// 自评得分.
    pub score: String,
    /// 等级.
    pub grade: String,
}

/// One evaluated project, as shown.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    /// Its number on the page, from 1; the anchor is `p{n}`.
    pub n: usize,
    /// The project as written.
    pub name: String,
    /// 项目编码.
    pub code: Option<String>,
    /// 主管部门.
    pub supervisor: Option<String>,
    /// 实施单位.
    pub implementer: Option<String>,
    /// The link to its target table, when the site has it.
    pub target_href: Option<String>,
    /// 年初预算数.
    pub initial: Option<Wan>,
    /// 全年预算数.
    pub budget: Option<Wan>,
    /// 全年执行数.
    pub executed: Option<Wan>,
    /// 执行率 as written.
    pub rate: String,
    /// The flag when the written rate disagrees with the figures.
    pub rate_flag: Option<String>,
    /// 执行率 分值.
    pub rate_weight: String,
    /// 执行率 得分.
    pub rate_score: String,
    /// Breakdown rows.
    pub fund_rows: Vec<FundRowView>,
    /// 预期目标.
    pub planned: Vec<String>,
    /// 实际完成情况.
    pub achieved: Vec<String>,
    /// The rows.
    pub rows: Vec<RowView>,
    /// Whether any row has a 偏差原因 column written.
    pub has_reason: bool,
    /// 总分, 自评得分, 等级 as written.
    pub total: Option<TotalView>,
    /// The flags on the totals.
    pub total_flags: Vec<String>,
    /// 其他需要说明事项.
    pub remarks: Option<String>,
    /// Transcriber's notes.
    pub notes: Vec<String>,
    /// The verdicts.
    pub tally: Tally,
}

/// A self-evaluation page.
#[derive(Debug, Serialize)]
pub struct SelfEvalPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The department's name.
    pub dept: &'a str,
    /// The region's full name.
    pub region: String,
    /// The year evaluated.
    pub year: u16,
    /// The form's name.
    pub form: &'static str,
    /// The document's notes.
    pub notes: &'a [String],
    /// The target department's page, when the site has it.
    pub target_href: Option<String>,
    /// The projects.
    pub projects: Vec<ProjectView>,
    /// All rows' verdicts.
    pub tally: Tally,
    /// The CSV and JSON downloads.
    pub csv_href: String,
    /// The JSON download.
    pub data_href: String,
}

fn points(p: &Option<Points>) -> String {
    p.as_ref().map(|p| p.raw().to_string()).unwrap_or_default()
}

fn flags_at(found: &[Finding], place: impl Fn(Place) -> bool) -> Vec<String> {
    (found.iter())
        .filter(|f| place(f.place))
        .map(|f| f.message.text(crate::messages::Lang::Zh))
        .collect()
}

/// The target department's page path of a self-evaluation (`2024/130529/414/`).
fn dept_path(se: &SelfEvalFile) -> Option<String> {
    target_address(se).map(|a| a.path())
}

fn project_view(
    site: &SiteMeta,
    files: &[SourceFile],
    se: &SelfEvalFile,
    link: &Link,
    found: &[Finding],
    pi: usize,
    p: &EvaluatedProject,
) -> ProjectView {
    let n = pi + 1;
    let target_doc = link.document.map(|i| &files[i]);
    let target_project = (link.projects.get(pi))
        .and_then(|pl| pl.project)
        .and_then(|i| Some(&target_doc?.document.projects[i]));
    let target_dept = dept_path(se).unwrap_or_default();
    let target_project_address =
        target_project.map(|tp| crate::content::tree::project_address(&target_dept, tp));
    let target_href = target_project_address.map(|a| a.href(&site.base));
    let rows = (p.indicators.iter().enumerate())
        .map(|(ri, r)| {
            let j = evaluation::judge(r);
            let published = evaluation::target_row(files, link, pi, ri).and_then(|t| {
                let differs = found.iter().any(|f| {
                    f.rule == Rule::TargetDiffers
                        && matches!(f.place, Place::Row { project, row, .. } if project == pi && row == ri)
                });
                let tp = target_project?;
                let tri = link.projects[pi].rows[ri]?;
                differs.then(|| Crumb {
                    name: t.value.raw().to_string(),
                    href: match target_project_address {
                        Some(a) => a.href_at(&site.base, Anchor::Row(tri + 1)),
                        None => format!("{}#{}", site.href(&target_dept), Anchor::Row(tri + 1)),
                    },
                })
                .filter(|_| !tp.indicators.is_empty())
            });
            RowView {
                n: ri + 1,
                level1: r.level1.clone(),
                level2: r.level2.clone(),
                name: r.name.clone(),
                target: r.target.raw().to_string(),
                published,
                actual: r.actual.raw().to_string(),
                weight: points(&r.weight),
                score: points(&r.score),
                reason: r.reason.clone().unwrap_or_default(),
                verdict: j.verdict.label(),
                verdict_key: j.verdict.key(),
                why: j.why,
                flags: flags_at(found, |pl| {
                    matches!(pl, Place::Row { project, row, .. } if project == pi && row == ri)
                }),
                empty: r.is_empty_row(),
            }
        })
        .collect();
    let total = p.total.as_ref().map(|t| TotalView {
        weight: points(&t.weight),
        score: points(&t.score),
        grade: t.grade.clone().unwrap_or_default(),
    });
    ProjectView {
        n,
        name: p.name.clone(),
        code: p.code.clone(),
        supervisor: p.supervisor.clone(),
        implementer: p.implementer.clone(),
        target_href,
        initial: p.funds.initial,
        budget: p.funds.budget,
        executed: p.funds.executed,
        rate: p.funds.rate.raw().to_string(),
        rate_flag: flags_at(found, |pl| pl == Place::Funds { project: pi })
            .into_iter()
            .next(),
        rate_weight: points(&p.funds.weight),
        rate_score: points(&p.funds.score),
        fund_rows: (p.funds.rows.iter().enumerate())
            .map(|(fi, r)| FundRowView {
                label: r.label.clone(),
                initial: r.initial,
                budget: r.budget,
                executed: r.executed,
                rate: r.rate.raw().to_string(),
                flag: flags_at(found, |pl| {
                    pl == Place::FundRow {
                        project: pi,
                        row: fi,
                    }
                })
                .into_iter()
                .next(),
            })
            .collect(),
        planned: p.goals.planned.clone(),
        achieved: p.goals.achieved.clone(),
        has_reason: p.indicators.iter().any(|r| r.reason.is_some()),
        rows,
        total,
        total_flags: flags_at(found, |pl| pl == Place::Total { project: pi }),
        remarks: p.remarks.clone(),
        notes: p.notes.clone(),
        tally: Tally::of([p]),
    }
}

/// Builds the page of one self-evaluation.
pub fn page<'a>(
    site: &SiteMeta,
    config: &Config,
    files: &[SourceFile],
    se: &'a SelfEvalFile,
    source_copied: bool,
) -> SelfEvalPage<'a> {
    let doc = &se.document;
    let link = evaluation::link(se, files);
    let found = selfeval_check::check(doc, &link, files);
    let path = page_path(se);
    let region = &doc.department.region;
    let year = doc.document.year;
    let crumbs = vec![
        ("绩效自评".to_string(), Address::SelfEvalIndex.path()),
        (
            format!("{}{}年度{}", doc.department.name, year, doc.form.label()),
            path.clone(),
        ),
    ];
    let mut page = meta(
        site,
        config,
        format!("{} {}年度绩效自评", doc.department.name, year),
        &path,
        crumbs,
        Some(doc.document.published.as_ref().map(|d| d.as_str())),
    );
    page.source = doc
        .document
        .source
        .as_ref()
        .map(|name| super::site::Source {
            name: name.clone(),
            href: source_copied.then(|| {
                Address::Source {
                    page: &path,
                    name: name.trim(),
                }
                .href(&site.base)
            }),
        });
    SelfEvalPage {
        page,
        dept: &doc.department.name,
        region: region.full_name(),
        year,
        form: doc.form.label(),
        notes: &doc.document.notes,
        target_href: (link.document.and(target_address(se))).map(|a| a.href(&site.base)),
        projects: (doc.projects.iter().enumerate())
            .map(|(pi, p)| project_view(site, files, se, &link, &found, pi, p))
            .collect(),
        tally: Tally::of(&doc.projects),
        csv_href: Address::Data {
            page: &path,
            format: DataFormat::Csv,
        }
        .href(&site.base),
        data_href: Address::Data {
            page: &path,
            format: DataFormat::Json,
        }
        .href(&site.base),
    }
}

/// One entry of the index page.
#[derive(Debug, Serialize)]
pub struct IndexItem {
    /// The page's link.
    pub href: String,
    /// The department's name.
    pub dept: String,
    /// The region's full name.
    pub region: String,
    /// The year evaluated.
    pub year: u16,
    /// The form's name.
    pub form: &'static str,
    /// Number of projects.
    pub projects: usize,
    /// The verdicts.
    pub tally: Tally,
}

/// The index page of every self-evaluation, newest year first.
#[derive(Debug, Serialize)]
pub struct IndexPage {
    /// Common page values.
    pub page: PageMeta,
    /// The self-evaluations.
    pub items: Vec<IndexItem>,
}

/// Builds the index page.
pub fn index_page(site: &SiteMeta, config: &Config, selfevals: &[SelfEvalFile]) -> IndexPage {
    let mut items: Vec<IndexItem> = (selfevals.iter())
        .map(|se| IndexItem {
            href: page_address(se).href(&site.base),
            dept: se.document.department.name.clone(),
            region: se.document.department.region.full_name(),
            year: se.document.document.year,
            form: se.document.form.label(),
            projects: se.document.projects.len(),
            tally: Tally::of(&se.document.projects),
        })
        .collect();
    items.sort_by(|a, b| b.year.cmp(&a.year).then(a.region.cmp(&b.region)));
    IndexPage {
        page: meta(
            site,
            config,
            "绩效自评".into(),
            &Address::SelfEvalIndex.path(),
            vec![("绩效自评".into(), Address::SelfEvalIndex.path())],
            None,
        ),
        items,
    }
}

/// The CSV header of a self-evaluation's rows.
pub const CSV_HEADER: [&str; 17] = [
    "年度",
    "地区代码",
    "地区",
    "部门",
    "项目名称",
    "项目编码",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "公开的绩效目标指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
    "判断",
    "判断依据",
];

/// A self-evaluation's data files: `data.json` (the document with each row's verdict) and
/// `data.csv` (one record per indicator row), as (site-relative path, bytes).
pub fn data(se: &SelfEvalFile, files: &[SourceFile]) -> [(String, Vec<u8>); 2] {
    let path = page_path(se);
    let doc = &se.document;
    let link = evaluation::link(se, files);
    let mut records: Vec<Vec<String>> = vec![CSV_HEADER.iter().map(|s| s.to_string()).collect()];
    let mut verdicts = Vec::new();
    for (pi, p) in doc.projects.iter().enumerate() {
        let mut rows = Vec::new();
        for (ri, r) in p.indicators.iter().enumerate() {
            let j = evaluation::judge(r);
            let published = evaluation::target_row(files, &link, pi, ri)
                .map(|t| t.value.raw().to_string())
                .unwrap_or_default();
            records.push(vec![
                doc.document.year.to_string(),
                doc.department.region.key().to_string(),
                doc.department.region.full_name(),
                doc.department.name.clone(),
                p.name.clone(),
                p.code.clone().unwrap_or_default(),
                r.level1.clone(),
                r.level2.clone(),
                r.name.clone(),
                r.target.raw().to_string(),
                published.clone(),
                r.actual.raw().to_string(),
                points(&r.weight),
                points(&r.score),
                r.reason.clone().unwrap_or_default(),
                j.verdict.label().to_string(),
                j.why.clone(),
            ]);
            rows.push(serde_json::json!({
                "verdict": j.verdict,
                "verdict_label": j.verdict.label(),
                "why": j.why,
                "published_target": (!published.is_empty()).then_some(published),
            }));
        }
        verdicts.push(rows);
    }
    let json = serde_json::json!({
        "selfeval": doc,
        "verdicts": verdicts,
        "tally": Tally::of(&doc.projects),
    });
    [
        (
            Address::Data {
                page: &path,
                format: DataFormat::Json,
            }
            .path(),
            serde_json::to_vec_pretty(&json).unwrap_or_default(),
        ),
        (
            Address::Data {
                page: &path,
                format: DataFormat::Csv,
            }
            .path(),
            crate::spreadsheet::excel_csv(records),
        ),
    ]
}

/// The source file a self-evaluation names, when `content/sources/` holds it: (its name,
/// the file), published beneath the self-evaluation's page.
fn source_copy<'a>(content_dir: &Path, se: &'a SelfEvalFile) -> Option<(&'a str, PathBuf)> {
    let name = se.document.document.source.as_deref().map(str::trim)?;
    let file = content_dir.join(super::site::SOURCES).join(name);
    (super::site::publishable(name) && file.is_file()).then_some((name, file))
}

impl AsRef<PageMeta> for IndexPage {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for IndexPage {
    const TEMPLATE: &'static str = "selfeval_index.html";
    type Page<'a> = IndexPage;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = IndexPage> + 'a> {
        let any = !site.selfevals.is_empty();
        Box::new((any.then(|| index_page(site.meta, site.config, site.selfevals))).into_iter())
    }
}

impl AsRef<PageMeta> for SelfEvalPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for SelfEvalPage<'_> {
    const TEMPLATE: &'static str = "selfeval.html";
    type Page<'a> = SelfEvalPage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = SelfEvalPage<'a>> + 'a> {
        Box::new(site.selfevals.iter().map(move |se| {
            let copied = source_copy(site.content_dir, se).is_some();
            page(site.meta, site.config, site.files, se, copied)
        }))
    }
}

/// Writes every self-evaluation's data files and source copy (its page and the index page
/// are page kinds, rendered with the others).
pub fn write(
    r: &Renderer,
    content_dir: &Path,
    files: &[SourceFile],
    selfevals: &[SelfEvalFile],
) -> Result<(), RenderError> {
    for se in selfevals {
        if let Some((name, file)) = &source_copy(content_dir, se) {
            let bytes = std::fs::read(file).map_err(|source| {
                crate::publish::staging::OutputError::Write {
                    path: file.clone(),
                    source,
                }
            })?;
            let page = page_path(se);
            r.file(&Address::Source { page: &page, name }.path(), &bytes)?;
        }
        for (rel, bytes) in data(se, files) {
            r.file(&rel, &bytes)?;
        }
    }
    Ok(())
}
