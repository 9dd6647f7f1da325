//! What each page shows: the data handed to its template, built from the tree and the
//! documents. One function per kind of page; the site pages are [`PageKind`]s, each naming
//! its template and listing its pages, and [`KINDS`] is the list the build renders.

pub use super::kind::DocLinks;
use super::kind::{self, Department, DepartmentKind, PageKind, Render, RenderDepartment, Site};
use super::listing::{RegionItem, YearItem};
use super::markdown;
pub use super::site::meta;
use super::site::publishable;
pub use super::site::{Crumb, History, MdPage, Notice, PageMeta, SOURCES, SiteMeta, Source};
use crate::address::{Address, Anchor, DataFormat};
use crate::config::Config;
use crate::content::findings::DocFindings;
use crate::content::load::SourceFile;
use crate::content::model::{Document, Project, Wan};
use crate::content::tree::{self as model, DeptEntry, RegionEntry, Totals, Tree, YearEntry};
use serde::Serialize;
use std::collections::BTreeMap;
use std::iter;

/// The copy of the department's source file in the site, when `content/sources/` holds it:
/// (site-relative path, the file).
pub fn source_copy(
    content: &std::path::Path,
    dept: &DeptEntry,
    info: &crate::content::model::DocumentInfo,
) -> Option<(String, std::path::PathBuf)> {
    let name = info.source.as_deref()?.trim();
    let file = content.join(SOURCES).join(name);
    let rel = Address::Source {
        page: &dept.path,
        name,
    }
    .path();
    (publishable(name) && file.is_file()).then_some((rel, file))
}

/// The source of a document as its pages link it; `copied` tells whether its file is
/// published with the site.
fn source(
    site: &SiteMeta,
    dept: &DeptEntry,
    info: &crate::content::model::DocumentInfo,
    copied: bool,
) -> Option<Source> {
    let name = info.source.as_deref()?.trim().to_string();
    let href = if name.starts_with("https://") || name.starts_with("http://") {
        Some(name.clone())
    } else if copied && publishable(&name) {
        Some(
            Address::Source {
                page: &dept.path,
                name: &name,
            }
            .href(&site.base),
        )
    } else {
        None
    };
    Some(Source { name, href })
}

/// The site pages the build renders, kind by kind: a new kind of site page is added here,
/// beside its type (see [`PageKind`]).
pub const KINDS: &[Render] = &[
    kind::render::<HomePage>,
    kind::render::<YearPage>,
    kind::render::<RegionPage>,
    kind::render::<TextPage>,
    kind::render::<super::selfeval::IndexPage>,
    kind::render::<super::selfeval::SelfEvalPage>,
    kind::render::<super::rules::RulesPage>,
    kind::render::<SearchPage>,
    kind::render::<NotFoundPage>,
];

/// The pages made from one department's document, kind by kind: a new kind of department
/// page is added here, beside its type (see [`DepartmentKind`]).
pub const DEPARTMENT_KINDS: &[RenderDepartment] = &[
    kind::department::<DeptPage>,
    kind::department::<ProjectPage>,
];

/// The home page.
#[derive(Serialize)]
pub struct HomePage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The years with their regions and departments.
    pub years: Vec<YearItem<'a>>,
    /// Totals over all years.
    pub totals: Totals,
    /// How many self-evaluations (绩效自评) the site publishes.
    pub selfevals: usize,
}

/// Builds the home page.
pub fn home<'a>(site: &SiteMeta, config: &Config, tree: &'a Tree) -> HomePage<'a> {
    HomePage {
        page: meta(
            site,
            config,
            config.title.clone(),
            &Address::Home.path(),
            vec![],
            None,
        ),
        years: (tree.years.iter())
            .map(|y| YearItem::of(&site.base, y))
            .collect(),
        totals: tree.totals,
        selfevals: site.selfevals.count,
    }
}

impl AsRef<PageMeta> for HomePage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for HomePage<'_> {
    const TEMPLATE: &'static str = "home.html";
    type Page<'a> = HomePage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = HomePage<'a>> + 'a> {
        Box::new(iter::once(home(site.meta, site.config, site.tree)))
    }
}

/// A year page.
#[derive(Serialize)]
pub struct YearPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The year with its regions, linked.
    pub year: YearItem<'a>,
}

impl AsRef<PageMeta> for YearPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for YearPage<'_> {
    const TEMPLATE: &'static str = "year.html";
    type Page<'a> = YearPage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = YearPage<'a>> + 'a> {
        let live = (site.tree.years.iter()).filter(move |y| site.live(y.year));
        Box::new(live.map(move |y| year(site.meta, site.config, y)))
    }
}

/// Builds a year page.
pub fn year<'a>(site: &SiteMeta, config: &Config, year: &'a YearEntry) -> YearPage<'a> {
    let label = format!("{}年", year.year);
    YearPage {
        page: meta(
            site,
            config,
            format!("{label}部门预算绩效目标"),
            &year.path,
            vec![(label, year.path.clone())],
            None,
        ),
        year: YearItem::of(&site.base, year),
    }
}

/// A region page.
#[derive(Serialize)]
pub struct RegionPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The year.
    pub year: u16,
    /// The region with its departments, linked.
    pub region: RegionItem<'a>,
}

impl AsRef<PageMeta> for RegionPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for RegionPage<'_> {
    const TEMPLATE: &'static str = "region.html";
    type Page<'a> = RegionPage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = RegionPage<'a>> + 'a> {
        let live = (site.tree.years.iter()).filter(move |y| site.live(y.year));
        Box::new(live.flat_map(move |y| {
            (y.regions.iter()).map(move |g| region(site.meta, site.config, y, g))
        }))
    }
}

/// Builds a region page.
pub fn region<'a>(
    site: &SiteMeta,
    config: &Config,
    year: &YearEntry,
    region: &'a RegionEntry,
) -> RegionPage<'a> {
    let crumbs = vec![
        (format!("{}年", year.year), year.path.clone()),
        (region.name.clone(), region.path.clone()),
    ];
    RegionPage {
        page: meta(
            site,
            config,
            format!("{} {}年部门预算绩效目标", region.full_name, year.year),
            &region.path,
            crumbs,
            None,
        ),
        year: year.year,
        region: RegionItem::of(&site.base, year.year, region),
    }
}

/// A paragraph block of Part 1, rendered.
#[derive(Serialize)]
pub struct Block {
    /// Heading, as written.
    pub title: Option<String>,
    /// Main text as HTML.
    pub html: String,
    /// Second text (绩效指标) as HTML.
    pub html2: String,
    /// Numbered items, as written.
    pub items: Vec<String>,
}

/// A project as listed on its department page.
#[derive(Serialize)]
pub struct ProjectLink {
    /// Name.
    pub name: String,
    /// 项目编码, if any.
    pub code: Option<String>,
    /// Address.
    pub href: String,
    /// 预算数.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub total: Wan,
    /// Indicator rows.
    pub indicators: usize,
    /// Number of flagged findings.
    pub flagged: usize,
}

/// A budget unit with its projects.
#[derive(Serialize)]
pub struct UnitGroup {
    /// Unit code.
    pub code: Option<String>,
    /// Unit name.
    pub name: String,
    /// Its projects, in document order.
    pub projects: Vec<ProjectLink>,
    /// Sum of its projects' budgets.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub total: Wan,
    /// Sum of its projects' indicator rows.
    pub indicators: usize,
}

/// A department page.
#[derive(Serialize)]
pub struct DeptPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The department's place in the tree.
    pub dept: &'a DeptEntry,
    /// Region full name.
    pub region: String,
    /// The document's facts.
    pub info: &'a crate::content::model::DocumentInfo,
    /// 总体绩效目标.
    pub overall: Vec<Block>,
    /// 分项绩效目标.
    pub sub_goals: Vec<Block>,
    /// 工作保障措施.
    pub safeguards: Vec<Block>,
    /// Units with their projects.
    pub units: Vec<UnitGroup>,
    /// Download link of the full document as JSON.
    pub data_href: String,
    /// Download link of the indicator table as CSV.
    pub csv_href: String,
    /// The description of the year's data files' fields.
    pub datapackage_href: String,
    /// The year's comparisons with other regions' departments.
    pub compare_href: String,
    /// The same department in other years, newest first.
    pub other_years: Vec<Crumb>,
    /// Number of projects over all units.
    pub project_count: usize,
    /// The department's self-evaluation (绩效自评): how many targets were met, and its link.
    pub selfeval: Option<super::selfeval::Summary>,
}

fn md(text: &Option<String>) -> String {
    text.as_deref().map(markdown::to_html).unwrap_or_default()
}

/// The correction notice of a department's pages, when its document declares corrections.
fn notice(
    site: &SiteMeta,
    dept: &DeptEntry,
    info: &crate::content::model::DocumentInfo,
) -> Option<Notice> {
    if info.corrections.is_empty() {
        return None;
    }
    let archived = site.revisions.get(&dept.path);
    let revisions = (archived.into_iter().flatten())
        .filter(|&&n| n < info.revision())
        .map(|&n| Crumb {
            name: match n.checked_sub(2).and_then(|i| info.corrections.get(i)) {
                Some(c) => format!("第{n}版（{}更正）", c.date.as_str()),
                None => format!("第{n}版（最初公开的文本）"),
            },
            href: Address::Revision {
                department: &dept.path,
                number: n,
            }
            .href(&site.base),
        })
        .collect();
    Some(Notice {
        revision: info.revision(),
        corrections: info.corrections.clone(),
        revisions,
    })
}

impl AsRef<PageMeta> for DeptPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl DepartmentKind for DeptPage<'_> {
    const TEMPLATE: &'static str = "department.html";
    type Page<'a> = DeptPage<'a>;
    fn pages<'a>(d: Department<'a>) -> Box<dyn Iterator<Item = DeptPage<'a>> + 'a> {
        let copied = d.links.source_copied;
        Box::new(iter::once(department(
            d.site, d.config, d.entry, d.file, d.flags, copied,
        )))
    }
}

/// Builds a department page.
pub fn department<'a>(
    site: &SiteMeta,
    config: &Config,
    dept: &'a DeptEntry,
    file: &'a SourceFile,
    flags: &DocFindings,
    copied: bool,
) -> DeptPage<'a> {
    let doc = &file.document;
    let region = &doc.department.region;
    let crumbs = vec![
        (format!("{}年", dept.year), Address::Year(dept.year).path()),
        (
            region.display_name(),
            Address::Region {
                year: dept.year,
                region: &dept.region,
            }
            .path(),
        ),
        (dept.name.clone(), dept.path.clone()),
    ];
    let link = |i: usize, p: &Project| ProjectLink {
        name: p.name.clone(),
        code: p.code.clone(),
        href: model::project_address(&dept.path, p).href(&site.base),
        total: p.amounts.total,
        indicators: p.indicators.iter().filter(|r| !r.is_empty_row()).count(),
        flagged: flags.project_count(i),
    };
    let mut units: Vec<UnitGroup> = doc
        .department
        .units
        .iter()
        .map(|u| UnitGroup {
            code: u.code.clone(),
            name: u.name.clone(),
            projects: vec![],
            total: Wan::ZERO,
            indicators: 0,
        })
        .collect();
    let single = units.len() <= 1;
    for (i, p) in doc.projects.iter().enumerate() {
        let target = match &p.unit {
            Some(code) => units
                .iter()
                .position(|u| u.code.as_deref() == Some(code.as_str())),
            None if single => (!units.is_empty()).then_some(0),
            None => None,
        };
        match target {
            Some(t) => units[t].projects.push(link(i, p)),
            None => {
                if units
                    .last()
                    .is_none_or(|u| !u.name.is_empty() || u.code.is_some())
                {
                    units.push(UnitGroup {
                        code: None,
                        name: String::new(),
                        projects: vec![],
                        total: Wan::ZERO,
                        indicators: 0,
                    });
                }
                if let Some(last) = units.last_mut() {
                    last.projects.push(link(i, p));
                }
            }
        }
    }
    for u in &mut units {
        u.total = u.projects.iter().map(|p| p.total).sum();
        u.indicators = u.projects.iter().map(|p| p.indicators).sum();
    }
    let mut page = meta(
        site,
        config,
        format!("{} {}年部门预算绩效目标", dept.name, dept.year),
        &dept.path,
        crumbs,
        Some(dept.published.as_deref()),
    );
    page.notice = notice(site, dept, &doc.document);
    page.source = source(site, dept, &doc.document, copied);
    DeptPage {
        page,
        region: region.full_name(),
        info: &doc.document,
        overall: doc
            .part1
            .overall
            .iter()
            .map(|g| Block {
                title: g.title.clone(),
                html: md(&g.text),
                html2: String::new(),
                items: g.items.clone(),
            })
            .collect(),
        sub_goals: doc
            .part1
            .sub_goals
            .iter()
            .map(|g| Block {
                title: g.title.clone(),
                html: md(&g.goal),
                html2: md(&g.indicators),
                items: vec![],
            })
            .collect(),
        safeguards: doc
            .part1
            .safeguards
            .iter()
            .map(|g| Block {
                title: g.title.clone(),
                html: md(&g.text),
                html2: String::new(),
                items: vec![],
            })
            .collect(),
        other_years: (site
            .dept_years
            .get(&format!("{}/{}", dept.region, dept.key)))
        .into_iter()
        .flatten()
        .filter(|&&y| y != dept.year)
        .map(|&y| Crumb {
            name: format!("{y}年"),
            href: Address::Department {
                year: y,
                region: &dept.region,
                dept: &dept.key,
            }
            .href(&site.base),
        })
        .collect(),
        project_count: units.iter().map(|u| u.projects.len()).sum(),
        selfeval: site.selfevals.department(&site.base, &dept.path),
        units,
        data_href: Address::Data {
            page: &dept.path,
            format: DataFormat::Json,
        }
        .href(&site.base),
        csv_href: Address::Data {
            page: &dept.path,
            format: DataFormat::Csv,
        }
        .href(&site.base),
        datapackage_href: Address::Datapackage(dept.year).href(&site.base),
        compare_href: Address::CompareOverview(dept.year).href(&site.base),
        dept,
    }
}

/// A merged cell of the indicator table: its text and how many rows it spans.
#[derive(Serialize)]
pub struct Span<'a> {
    /// The cell text.
    pub text: &'a str,
    /// Rows covered.
    pub rows: usize,
}

/// A note beside a value, with the link to its rule's explanation on the 审核规则 page.
#[derive(Debug, Serialize)]
pub struct FlagLink {
    /// The note as the checks made it.
    #[serde(flatten)]
    pub flag: crate::content::findings::Flag,
    /// The rule's explanation, when the note comes from a review rule.
    pub href: Option<String>,
}

impl FlagLink {
    /// The notes `flags`, each with its rule's link.
    fn all(site: &SiteMeta, flags: Vec<crate::content::findings::Flag>) -> Vec<FlagLink> {
        (flags.into_iter())
            .map(|flag| FlagLink {
                href: (flag.rule)
                    .map(|code| Address::Rules.href_at(&site.base, Anchor::Rule(code))),
                flag,
            })
            .collect()
    }
}

/// One row of the indicator table, ready for the form layout.
#[derive(Serialize)]
pub struct Row<'a> {
    /// Row number, from 1; the anchor is `r{n}`.
    pub n: usize,
    /// 一级指标 cell when this row starts a run of it.
    pub level1: Option<Span<'a>>,
    /// 二级指标 cell when this row starts a run of it.
    pub level2: Option<Span<'a>>,
    /// 三级指标.
    pub name: &'a str,
    /// 绩效指标描述.
    pub description: &'a str,
    /// 指标值 exactly as published.
    pub value: &'a str,
    /// The parsed kind (`quantity`, `deadline`, `qualitative`, `unparsed`, `empty`).
    pub kind: &'static str,
    /// 指标值确定依据.
    pub basis: &'a str,
    /// Notes on this row from the checks, in Chinese.
    pub flags: Vec<FlagLink>,
    /// The comparison this row feeds: the metric's name and its page for the year.
    pub compare: Option<Crumb>,
}

/// A project page.
#[derive(Serialize)]
pub struct ProjectPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The department.
    pub dept: &'a DeptEntry,
    /// The project as written, but for its indicator rows (the table is `rows`).
    pub project: ProjectFacts<'a>,
    /// Unit name, when known.
    pub unit: Option<String>,
    /// The indicator table.
    pub rows: Vec<Row<'a>>,
    /// Whether the document has a 指标值确定依据 column.
    pub has_basis: bool,
    /// Whether goals need “目标N” labels (their text carries no numbering of its own).
    pub goal_labels: bool,
    /// Project-level notes from the checks.
    pub flags: Vec<FlagLink>,
    /// The department's page.
    pub dept_href: String,
    /// Region full name.
    pub region: String,
    /// The comparisons the project's rows feed, each once, in catalogue order.
    pub compared: Vec<Crumb>,
    /// The project's self-evaluation (绩效自评): its verdicts and link.
    pub selfeval: Option<super::selfeval::Summary>,
}

/// A project as its page hands it to the template: every field of [`Project`] but its
/// indicator rows, which the page gives laid out as [`ProjectPage::rows`]. Handing the rows
/// over twice made a clean build convert every indicator into the template's values twice
/// (`perf`: 2.3 % of a clean build's CPU). A test holds it to the model's fields.
#[derive(Serialize)]
pub struct ProjectFacts<'a> {
    /// 所属预算单位编码.
    pub unit: &'a Option<String>,
    /// 项目编码.
    pub code: &'a Option<String>,
    /// 项目简称（网址用）.
    pub id: &'a Option<String>,
    /// 项目名称.
    pub name: &'a str,
    /// 预算数.
    pub amounts: &'a crate::content::model::Amounts,
    /// 资金用途.
    pub purpose: &'a Option<String>,
    /// 资金支出计划.
    pub spending_plan: &'a [crate::content::model::Milestone],
    /// 绩效目标.
    pub goals: &'a [String],
    /// 录入说明.
    pub notes: &'a [String],
    /// The department's recorded answers (说明), left out when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub answers: &'a [crate::content::model::Answer],
}

impl<'a> ProjectFacts<'a> {
    /// The facts of `p`.
    pub fn of(p: &'a Project) -> ProjectFacts<'a> {
        let Project {
            unit,
            code,
            id,
            name,
            amounts,
            purpose,
            spending_plan,
            goals,
            indicators: _,
            notes,
            answers,
        } = p;
        ProjectFacts {
            unit,
            code,
            id,
            name,
            amounts,
            purpose,
            spending_plan,
            goals,
            notes,
            answers,
        }
    }
}

/// Row spans of a column: for each row, `Some(run length)` where a run of equal text starts.
fn runs<'a>(
    cells: impl Iterator<Item = &'a str> + Clone,
    parents: Option<&[Option<usize>]>,
) -> Vec<Option<usize>> {
    let cells: Vec<&str> = cells.collect();
    let mut out = vec![None; cells.len()];
    let mut i = 0;
    while i < cells.len() {
        let mut j = i + 1;
        while j < cells.len()
            && cells[j] == cells[i]
            && !cells[i].is_empty()
            && parents.is_none_or(|p| p[j].is_none())
        {
            j += 1;
        }
        out[i] = Some(j - i);
        i = j;
    }
    out
}

impl AsRef<PageMeta> for ProjectPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl DepartmentKind for ProjectPage<'_> {
    const TEMPLATE: &'static str = "project.html";
    type Page<'a> = ProjectPage<'a>;
    fn pages<'a>(d: Department<'a>) -> Box<dyn Iterator<Item = ProjectPage<'a>> + 'a> {
        let doc = &d.file.document;
        Box::new(
            (0..doc.projects.len())
                .map(move |i| project(d.site, d.config, d.entry, doc, d.flags, i, &d.links)),
        )
    }
}

/// Builds a project page.
pub fn project<'a>(
    site: &SiteMeta,
    config: &Config,
    dept: &'a DeptEntry,
    doc: &'a Document,
    flags: &DocFindings,
    index: usize,
    links: &DocLinks,
) -> ProjectPage<'a> {
    let (fed, copied) = (links.fed, links.source_copied);
    let p = &doc.projects[index];
    let region = &doc.department.region;
    let path = model::project_path(&dept.path, p);
    let crumbs = vec![
        (format!("{}年", dept.year), Address::Year(dept.year).path()),
        (
            region.display_name(),
            Address::Region {
                year: dept.year,
                region: &dept.region,
            }
            .path(),
        ),
        (dept.name.clone(), dept.path.clone()),
        (p.name.clone(), path.clone()),
    ];
    let compare_link = |m: &crate::content::catalogue::Metric| Crumb {
        name: m.name.clone(),
        href: Address::CompareMetric {
            year: dept.year,
            metric: &m.key,
        }
        .href(&site.base),
    };
    let row_metric = |i: usize| {
        (fed.iter())
            .find(|f| f.project == index && f.row == i)
            .map(|f| compare_link(f.metric))
    };
    let mut compared: Vec<Crumb> = Vec::new();
    for f in fed.iter().filter(|f| f.project == index) {
        let link = compare_link(f.metric);
        if !compared.iter().any(|c| c.href == link.href) {
            compared.push(link);
        }
    }
    let l1 = runs(p.indicators.iter().map(|r| r.level1.as_str()), None);
    let l2 = runs(p.indicators.iter().map(|r| r.level2.as_str()), Some(&l1));
    let rows = p
        .indicators
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let row_flags = FlagLink::all(site, flags.row_labels(index, i));
            Row {
                n: i + 1,
                level1: l1[i].map(|rows| Span {
                    text: &r.level1,
                    rows,
                }),
                level2: l2[i].map(|rows| Span {
                    text: &r.level2,
                    rows,
                }),
                name: &r.name,
                description: &r.description,
                value: r.value.raw(),
                kind: r.value.parsed().kind_name(),
                basis: r.basis.as_deref().unwrap_or_default(),
                flags: row_flags,
                compare: row_metric(i),
            }
        })
        .collect();
    let project_flags = FlagLink::all(site, flags.project_labels(index));
    let unit = doc.unit_of(p).map(|u| u.name.clone());
    let mut page = meta(
        site,
        config,
        format!("{} 绩效目标表", p.name),
        &path,
        crumbs,
        Some(dept.published.as_deref()),
    );
    page.notice = notice(site, dept, &doc.document);
    page.source = source(site, dept, &doc.document, copied);
    ProjectPage {
        page,
        has_basis: p.indicators.iter().any(|r| r.basis.is_some()),
        goal_labels: !p
            .goals
            .iter()
            .any(|g| g.starts_with(|c: char| c.is_ascii_digit() || c == '…')),
        rows,
        unit,
        project: ProjectFacts::of(p),
        flags: project_flags,
        dept_href: site.href(&dept.path),
        region: region.full_name(),
        compared,
        selfeval: site.selfevals.project(&site.base, &dept.path, index),
        dept,
    }
}

/// A Markdown page.
#[derive(Serialize)]
pub struct TextPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The page.
    pub md: &'a MdPage,
}

impl AsRef<PageMeta> for TextPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for TextPage<'_> {
    const TEMPLATE: &'static str = "page.html";
    type Page<'a> = TextPage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = TextPage<'a>> + 'a> {
        Box::new((site.md_pages.iter()).map(move |md| text(site.meta, site.config, md)))
    }
}

/// Builds a Markdown page.
pub fn text<'a>(site: &SiteMeta, config: &Config, md: &'a MdPage) -> TextPage<'a> {
    let path = Address::Text { slug: &md.slug }.path();
    TextPage {
        page: meta(
            site,
            config,
            md.title.clone(),
            &path,
            vec![(md.title.clone(), path.clone())],
            None,
        ),
        md,
    }
}

/// The search page: the box and filters; `search.js` fills in the results.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The years, linked for readers without JavaScript (without their regions).
    pub years: Vec<YearItem<'a>>,
}

impl AsRef<PageMeta> for SearchPage<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for SearchPage<'_> {
    const TEMPLATE: &'static str = "search.html";
    type Page<'a> = SearchPage<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = SearchPage<'a>> + 'a> {
        Box::new(iter::once(search(site.meta, site.config, site.tree)))
    }
}

/// Builds the search page.
pub fn search<'a>(site: &SiteMeta, config: &Config, tree: &'a Tree) -> SearchPage<'a> {
    SearchPage {
        page: meta(
            site,
            config,
            "搜索".into(),
            &Address::Search.path(),
            vec![("搜索".into(), Address::Search.path())],
            None,
        ),
        years: (tree.years.iter())
            .map(|y| YearItem::links(&site.base, y))
            .collect(),
    }
}

/// The 404 page.
#[derive(Serialize)]
pub struct NotFoundPage {
    /// Common page values.
    pub page: PageMeta,
}

impl AsRef<PageMeta> for NotFoundPage {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for NotFoundPage {
    const TEMPLATE: &'static str = "404.html";
    type Page<'a> = NotFoundPage;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = NotFoundPage> + 'a> {
        Box::new(iter::once(not_found(site.meta, site.config)))
    }
}

/// Builds the 404 page.
pub fn not_found(site: &SiteMeta, config: &Config) -> NotFoundPage {
    NotFoundPage {
        page: meta(
            site,
            config,
            "页面不存在".into(),
            &Address::NotFound.path(),
            vec![],
            None,
        ),
    }
}

/// Loads the Markdown pages under `content/pages/`, sorted by slug.
pub fn load_markdown(content: &std::path::Path) -> std::io::Result<Vec<MdPage>> {
    let dir = content.join("pages");
    let mut pages = BTreeMap::new();
    if dir.is_dir() {
        for e in std::fs::read_dir(&dir)? {
            let path = e?.path();
            if path.extension().is_some_and(|x| x == "md")
                && !path.file_name().is_some_and(crate::paths::is_scratch)
                && let Some(slug) = path.file_stem().and_then(|s| s.to_str())
            {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    std::io::Error::new(e.kind(), format!("{}：{e}", path.display()))
                })?;
                if let Some(line) = crate::content::nesting::too_deep(&text) {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "{}:{line}: 第 {line} 行嵌套超过 {} 层（引用 `>`、列表或强调层层套叠），无法显示；请改为普通段落",
                            path.display(),
                            crate::content::nesting::MAX_NESTING
                        ),
                    ));
                }
                let title = markdown::title(&text).unwrap_or(slug).to_string();
                pages.insert(
                    slug.to_string(),
                    MdPage {
                        slug: slug.to_string(),
                        title,
                        html: markdown::to_html(&text),
                    },
                );
            }
        }
    }
    Ok(pages.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::ProjectFacts;
    use std::path::Path;

    #[test]
    fn a_projects_facts_are_every_field_of_the_model_but_its_rows() {
        // Every project of the bundled content: the template receives what the model
        // serialises, less `indicators` (given as the page's `rows`). A field added to the
        // model and not to the facts fails here.
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::content::load::load_dir(&content, false);
        let projects: Vec<_> = (loaded.files.iter())
            .flat_map(|f| &f.document.projects)
            .collect();
        assert!(projects.len() >= 28, "{} projects", projects.len());
        for p in projects {
            let mut model = serde_json::to_value(p).unwrap();
            let rows = model.as_object_mut().unwrap().remove("indicators");
            assert!(rows.is_some_and(|r| r.is_array()));
            assert_eq!(serde_json::to_value(ProjectFacts::of(p)).unwrap(), model);
        }
    }
}
