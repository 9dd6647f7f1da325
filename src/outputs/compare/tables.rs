//! The comparison tables, computed in Rust so templates only lay them out: every region's
//! rows for one metric in one year, one region's rows for a metric across years, and the
//! overview of a year's departments side by side. Each table also gives its CSV.

use super::chart::{self, Bar};
use super::cost::CostView;
use super::rows::{self, Row};
use crate::address::Anchor;
use crate::content::catalogue::{Measure, Metric};
use crate::content::load::SourceFile;
use crate::content::matching::RowRef;
use crate::content::model::Wan;
use crate::content::model::value::{DayPart, Deadline, Magnitude, Recurrence, TargetValue};
use crate::content::tree::{DeptEntry, RegionEntry, Tree};
use crate::render::pages::SiteMeta;
use crate::spreadsheet::{csv_records, excel_csv};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// One indicator row in a comparison, with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Line<'a> {
    /// Budget year.
    pub year: u16,
    /// Department name.
    pub dept: &'a str,
    /// Department page.
    pub dept_href: String,
    /// 三级指标 as written.
    pub indicator: String,
    /// 指标值 exactly as published.
    pub value: String,
    /// ≥, ≤ … or empty.
    pub comparison: &'static str,
    /// The parsed number (`650`, `1-2`) or date (`2024-12-31`); empty when unparsed.
    pub number: String,
    /// The parsed unit.
    pub unit: String,
    /// True for a value written as an estimate (预计).
    pub estimate: bool,
    /// True when the unit is in the metric's family, so the value is compared.
    pub agrees: bool,
    /// Project name.
    pub project: String,
    /// Project code, if any.
    pub code: String,
    /// The row on the project page (`…/#r2`).
    pub row_href: String,
    /// The project's 预算数 in 万元.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub budget: Wan,
    /// The cost per unit, which budget was divided and how, or why there is no figure;
    /// none for metrics that are not counted outputs.
    pub cost: Option<CostView>,
    /// The single number compared and drawn, when there is one.
    #[serde(skip)]
    pub magnitude: Option<Decimal>,
    /// What the department's self-evaluation (绩效自评) says became of the row, when there is one.
    pub outcome: Option<crate::render::selfeval::Outcome>,
}

/// A region's rows; none means 未设置此指标.
#[derive(Debug, Clone, Serialize)]
pub struct RegionRows<'a> {
    /// Budget year.
    pub year: u16,
    /// Region key.
    pub key: String,
    /// Short name (county).
    pub name: String,
    /// Region page for that year.
    pub href: String,
    /// Its rows for the metric.
    pub lines: Vec<Line<'a>>,
}

/// One metric compared across regions (one year) or across years (one region).
#[derive(Debug, Clone, Serialize)]
pub struct MetricTable<'a> {
    /// The metric.
    pub metric: &'a Metric,
    /// The groups: every region of a year, or every year of a region; none on a page that
    /// shows them in brief.
    pub groups: Vec<RegionRows<'a>>,
    /// Groups with at least one row.
    pub with: usize,
    /// All groups; the others are 未设置此指标.
    pub of: usize,
    /// Rows whose unit is outside the metric's family.
    pub mismatched: usize,
}

fn deadline_text(d: &Deadline) -> String {
    let mut s = match d.recurrence {
        Recurrence::Monthly => "每月".to_string(),
        Recurrence::Once => String::new(),
    };
    if let Some(y) = d.year {
        s.push_str(&y.to_string());
    }
    if let Some(m) = d.month {
        if !s.is_empty() && d.year.is_some() {
            s.push('-');
        }
        s.push_str(&format!("{m:02}"));
    }
    match d.day {
        DayPart::Unspecified => {}
        DayPart::Day(n) => s.push_str(&format!("-{n:02}")),
        DayPart::End => s.push_str(" 月底"),
        DayPart::Middle => s.push_str(" 中旬"),
    }
    if d.by {
        s.push_str(" 之前");
    }
    s
}

/// The row `at` (kept as `row`) as a line of `metric`'s table.
fn line<'a>(
    site: &SiteMeta,
    metric: &Metric,
    dept: &'a DeptEntry,
    row: Row,
    at: RowRef,
) -> Line<'a> {
    let agrees = metric.unit_agrees(row.value.parsed());
    let (magnitude, _) = rows::magnitude(row.value.parsed());
    let (comparison, number, unit, estimate) = match row.value.parsed() {
        TargetValue::Quantity(q) => {
            let number = match q.magnitude {
                Magnitude::Exact { value } => value.normalize().to_string(),
                Magnitude::Range { low, high } => {
                    format!("{}-{}", low.normalize(), high.normalize())
                }
            };
            let symbol = q.comparison.map_or("", |c| c.symbol());
            (
                symbol,
                number,
                q.unit.clone().unwrap_or_default(),
                q.estimate,
            )
        }
        TargetValue::Deadline(d) => ("", deadline_text(d), String::new(), false),
        _ => ("", String::new(), String::new(), false),
    };
    let address = crate::content::tree::keyed_project_address(&dept.path, row.key.as_deref());
    Line {
        year: dept.year,
        dept: &dept.name,
        dept_href: site.href(&dept.path),
        value: row.value.raw().to_string(),
        indicator: row.indicator,
        comparison,
        number,
        unit,
        estimate,
        agrees,
        row_href: address.href_at(&site.base, Anchor::Row(at.row + 1)),
        project: row.project,
        code: row.code.unwrap_or_default(),
        budget: row.budget,
        cost: row.cost,
        magnitude: magnitude.filter(|_| agrees && metric.measure == Measure::Quantity),
        outcome: site
            .selfevals
            .row(&site.base, &dept.path, at.project, at.row),
    }
}

/// One region in one year, with the rows of a metric it holds, in file order.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// Budget year.
    pub year: u16,
    /// The region in that year.
    pub region: &'a RegionEntry,
    /// Its rows of the metric.
    pub rows: Vec<RowRef>,
}

/// One metric's rows grouped per year (every region) and per region across years. Rows are
/// laid out as lines only for the page that shows them, so a provincial year never holds
/// every line of a metric at once.
pub struct Tables<'a> {
    metric: &'a Metric,
    /// The metric's index in the catalogue.
    index: usize,
    /// Each file's rows as kept when it was checked, read a table at a time.
    kept: &'a [rows::KeptRows],
    /// The loaded files, whose documents give a file's rows again when its kept ones do not
    /// read back.
    files: &'a [SourceFile],
    depts: HashMap<usize, &'a DeptEntry>,
    /// Year → every region of that year.
    pub by_year: BTreeMap<u16, Vec<Group<'a>>>,
    /// Region key → that region's years, for regions in more than one year with at least one
    /// row of the metric.
    pub by_region: BTreeMap<String, Vec<Group<'a>>>,
}

/// Region names by key, from the latest year that has the region.
pub fn region_names(tree: &Tree) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    // Years are newest first, so the first name seen is the latest.
    for r in tree.years.iter().flat_map(|y| &y.regions) {
        out.entry(r.key.clone()).or_insert_with(|| r.name.clone());
    }
    out
}

fn table<'a>(metric: &'a Metric, groups: Vec<RegionRows<'a>>) -> MetricTable<'a> {
    MetricTable {
        with: groups.iter().filter(|g| !g.lines.is_empty()).count(),
        of: groups.len(),
        mismatched: (groups.iter().flat_map(|g| &g.lines))
            .filter(|l| !l.agrees)
            .count(),
        metric,
        groups,
    }
}

/// Groups the rows of `metric` (`rows`, in file order) by year and region.
/// Each row is laid out from what `kept` holds of its file (`index` is the metric's in the
/// catalogue), or from its document in `files` when that does not read back.
pub fn tables<'a>(
    tree: &'a Tree,
    files: &'a [SourceFile],
    kept: &'a [rows::KeptRows],
    index: usize,
    metric: &'a Metric,
    rows: &[RowRef],
) -> Tables<'a> {
    let place: HashMap<usize, (&RegionEntry, &DeptEntry)> = (tree.years.iter())
        .flat_map(|y| &y.regions)
        .flat_map(|r| r.departments.iter().map(move |d| (d.file, (r, d))))
        .collect();
    let mut rows_of: BTreeMap<(u16, &str), Vec<RowRef>> = BTreeMap::new();
    for &at in rows {
        if let Some(&(r, d)) = place.get(&at.file) {
            rows_of
                .entry((d.year, r.key.as_str()))
                .or_default()
                .push(at);
        }
    }
    let mut out = Tables {
        metric,
        index,
        kept,
        files,
        depts: place.iter().map(|(&f, &(_, d))| (f, d)).collect(),
        by_year: BTreeMap::new(),
        by_region: BTreeMap::new(),
    };
    let mut years_of: BTreeMap<&str, usize> = BTreeMap::new();
    for r in tree.years.iter().flat_map(|y| &y.regions) {
        *years_of.entry(r.key.as_str()).or_default() += 1;
    }
    for (key, _) in years_of.iter().filter(|(_, n)| **n > 1) {
        let groups: Vec<Group> = (tree.years.iter())
            .filter_map(|y| {
                let region = y.regions.iter().find(|r| r.key == *key)?;
                let rows = rows_of.get(&(y.year, *key)).cloned().unwrap_or_default();
                Some(Group {
                    year: y.year,
                    region,
                    rows,
                })
            })
            .collect();
        if groups.iter().any(|g| !g.rows.is_empty()) {
            out.by_region.insert(key.to_string(), groups);
        }
    }
    for y in &tree.years {
        let groups = (y.regions.iter())
            .map(|region| Group {
                year: y.year,
                region,
                rows: (rows_of.remove(&(y.year, region.key.as_str()))).unwrap_or_default(),
            })
            .collect();
        out.by_year.insert(y.year, groups);
    }
    out
}

/// Groups with at least one row, and all groups.
pub fn counts(groups: &[Group]) -> (usize, usize) {
    let with = groups.iter().filter(|g| !g.rows.is_empty()).count();
    (with, groups.len())
}

impl<'a> Tables<'a> {
    /// The metric these tables compare.
    pub fn metric(&self) -> &'a Metric {
        self.metric
    }

    /// The table of `groups`, each row laid out as a line. Only the rows of these groups
    /// are read from what was kept of their files, so a metric's rows are never all held.
    pub fn table(&self, site: &SiteMeta, groups: &[Group<'a>]) -> MetricTable<'a> {
        let all: Vec<RowRef> = groups.iter().flat_map(|g| &g.rows).copied().collect();
        let remake = |file: usize| match self.files.get(file) {
            Some(f) => rows::remade(self.metric, &f.decoded().document, file, &all),
            None => Vec::new(),
        };
        let mut kept = rows::of_metric(self.kept, self.index, &all, remake);
        let groups = (groups.iter())
            .map(|g| RegionRows {
                year: g.year,
                key: g.region.key.clone(),
                name: g.region.name.clone(),
                href: site.href(&g.region.path),
                // Every row of a group has its document's place and its kept row.
                lines: (g.rows.iter())
                    .filter_map(|&at| {
                        let dept = self.depts.get(&at.file)?;
                        Some(line(site, self.metric, dept, kept.remove(&at)?, at))
                    })
                    .collect(),
            })
            .collect();
        table(self.metric, groups)
    }
}

/// A region's rows of a metric in brief, for a year's table too long to show every row.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct RegionSummary {
    /// Region short name.
    pub name: String,
    /// The page listing the region's rows.
    pub href: String,
    /// Rows of the metric.
    pub rows: usize,
    /// Rows whose unit is in the family.
    pub agreeing: usize,
    /// Smallest and largest compared value, with the unit (`90%–100%`); empty when none.
    pub range: String,
}

impl<'a> MetricTable<'a> {
    /// Groups with at least one row, and all groups.
    pub fn counts(&self) -> (usize, usize) {
        (self.with, self.of)
    }

    /// The bar chart of the compared rows, as inline SVG; empty when nothing can be drawn.
    /// Bars are labelled by region, or by year `across_years`, and by indicator when a group
    /// has several rows.
    pub fn chart(&self, across_years: bool) -> String {
        let bars: Vec<Bar> = (self.groups.iter())
            .flat_map(|g| g.lines.iter().map(move |l| (g, l)))
            .filter_map(|(g, l)| {
                let name = if across_years {
                    format!("{}年", g.year)
                } else {
                    g.name.clone()
                };
                Some(Bar {
                    label: if g.lines.len() > 1 {
                        format!("{name} · {}", l.indicator)
                    } else {
                        name
                    },
                    value: l.magnitude?,
                    text: l.value.to_string(),
                })
            })
            .collect();
        if bars.is_empty() {
            return String::new();
        }
        let unit = self.metric.units.join("、");
        chart::bars("chart", &format!("{}（{unit}）", self.metric.name), &bars)
    }

    /// Every group in brief; `href` gives each group's page.
    pub fn summary(&self, href: impl Fn(&RegionRows) -> String) -> Vec<RegionSummary> {
        (self.groups.iter())
            .map(|g| {
                let values: Vec<Decimal> = g.lines.iter().filter_map(|l| l.magnitude).collect();
                let unit = (g.lines.iter().find(|l| l.magnitude.is_some()))
                    .map_or("", |l| l.unit.as_str());
                let range = match (values.iter().min(), values.iter().max()) {
                    (Some(lo), Some(hi)) if lo == hi => format!("{}{unit}", lo.normalize()),
                    (Some(lo), Some(hi)) => {
                        format!("{}{unit}–{}{unit}", lo.normalize(), hi.normalize())
                    }
                    _ => String::new(),
                };
                RegionSummary {
                    name: g.name.clone(),
                    href: href(g),
                    rows: g.lines.len(),
                    agreeing: g.lines.iter().filter(|l| l.agrees).count(),
                    range,
                }
            })
            .collect()
    }

    /// The table as CSV (UTF-8 with a byte-order mark), one row per line and one per region
    /// without the metric.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = Self::csv_head();
        out.extend(self.csv_part());
        out
    }

    /// The byte-order mark and header of a metric table's CSV.
    pub fn csv_head() -> Vec<u8> {
        excel_csv([CSV_HEADER])
    }

    /// The records of the table's CSV without the head: a part of a longer CSV.
    pub fn csv_part(&self) -> Vec<u8> {
        let metric_name = self.metric.name.as_str();
        let rows = self.groups.iter().flat_map(|g| {
            let missing = g.lines.is_empty().then(|| {
                let mut r = vec![
                    Cow::Owned(g.year.to_string()),
                    (&g.key).into(),
                    (&g.name).into(),
                ];
                r.extend(["", metric_name, "未设置此指标"].map(Cow::Borrowed));
                r.resize(CSV_HEADER.len(), Cow::Borrowed(""));
                r
            });
            let lines = g.lines.iter().map(move |l| {
                vec![
                    Cow::Owned(l.year.to_string()),
                    (&g.key).into(),
                    (&g.name).into(),
                    l.dept.into(),
                    metric_name.into(),
                    l.indicator.as_str().into(),
                    l.value.as_str().into(),
                    l.comparison.into(),
                    (&l.number).into(),
                    (&l.unit).into(),
                    (if l.agrees { "是" } else { "否" }).into(),
                    l.project.as_str().into(),
                    l.code.as_str().into(),
                    Cow::Owned(l.budget.to_string()),
                    l.cost.as_ref().map_or("", |c| c.figure.as_str()).into(),
                    l.cost.as_ref().map_or("", |c| c.how.as_str()).into(),
                    l.cost.as_ref().map_or("", |c| c.basis.as_str()).into(),
                    l.outcome.as_ref().map_or("", |o| o.actual.as_str()).into(),
                    l.outcome.as_ref().map_or("", |o| o.verdict).into(),
                    l.outcome.as_ref().map_or("", |o| o.rate.as_str()).into(),
                ]
            });
            missing.into_iter().chain(lines)
        });
        csv_records(rows)
    }
}

/// The columns of a metric table's CSV.
const CSV_HEADER: [&str; 20] = [
    "年度",
    "地区代码",
    "地区",
    "部门",
    "指标",
    "三级指标",
    "指标值（原文）",
    "比较",
    "数值",
    "单位",
    "单位一致",
    "项目",
    "项目编码",
    "项目预算（万元）",
    "每单位成本",
    "每单位成本算式或不能折算的原因",
    "所除的预算",
    "绩效自评实际完成值",
    "绩效自评判断",
    "绩效自评项目执行率",
];

/// One department in a year's overview.
#[derive(Debug, Clone, Serialize)]
pub struct DeptLine {
    /// Region key.
    pub region_key: String,
    /// Region short name.
    pub region: String,
    /// Region page.
    pub region_href: String,
    /// Department name.
    pub dept: String,
    /// Department page.
    pub dept_href: String,
    /// Total 预算数, 万元.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub budget: Wan,
    /// Projects.
    pub projects: usize,
    /// Indicator rows (blank rows not counted).
    pub rows: usize,
    /// Rows with a number or a date.
    pub quantitative: usize,
    /// Rows with a qualitative statement only.
    pub qualitative: usize,
    /// The other rows: values that could not be read as a number, a date or a statement.
    pub other: usize,
    /// Share of quantitative rows, in whole percent.
    pub share: u32,
    /// Findings `gongkai check` flagged.
    pub flagged: usize,
    /// Budget by project, as a stacked bar (inline SVG).
    pub stack: String,
    /// The largest projects with their budgets, largest first (at most three).
    pub largest: Vec<ProjectBudget>,
}

/// A project's name and budget.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectBudget {
    /// Project name.
    pub name: String,
    /// 预算数, 万元.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub budget: Wan,
}

/// A year's departments side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Budget year.
    pub year: u16,
    /// One line per department, by region.
    pub lines: Vec<DeptLine>,
}

/// A region's departments in a year's overview, added up.
#[derive(Debug, Clone, Serialize)]
pub struct RegionTotals {
    /// Region key.
    pub key: String,
    /// Region short name.
    pub name: String,
    /// Departments.
    pub departments: usize,
    /// Total 预算数, 万元.
    #[serde(serialize_with = "crate::content::tree::two_decimals")]
    pub budget: Wan,
    /// Projects.
    pub projects: usize,
    /// Indicator rows.
    pub rows: usize,
    /// Share of quantitative rows, whole percent.
    pub share: u32,
    /// Flagged findings.
    pub flagged: usize,
}

/// The overview of `year`.
pub fn overview(
    site: &SiteMeta,
    year: &crate::content::tree::YearEntry,
    files: &[SourceFile],
) -> Overview {
    let depts: Vec<(&RegionEntry, &DeptEntry)> = (year.regions.iter())
        .flat_map(|r| r.departments.iter().map(move |d| (r, d)))
        .collect();
    let lines: Vec<DeptLine> = depts
        .par_iter()
        .map(|&(r, d)| {
            // From the document's summary: an unchanged document is not decoded for it.
            let doc = files[d.file].document.summary();
            let (quantitative, qualitative) = (doc.quantitative, doc.qualitative);
            let other = doc.indicators - quantitative - qualitative;
            let mut by_budget: Vec<(String, Wan)> = (doc.projects.iter())
                .map(|p| (p.name.clone(), p.budget))
                .collect();
            by_budget.sort_by_key(|b| std::cmp::Reverse(b.1));
            let parts: Vec<Bar> = by_budget
                .iter()
                .map(|(n, w)| Bar {
                    label: n.clone(),
                    value: w.0,
                    text: format!("{w} 万元"),
                })
                .collect();
            let rows = d.totals.indicators;
            DeptLine {
                region_key: r.key.clone(),
                region: r.name.clone(),
                region_href: site.href(&r.path),
                dept: d.name.clone(),
                dept_href: site.href(&d.path),
                budget: d.totals.budget,
                projects: d.totals.projects,
                rows,
                quantitative,
                qualitative,
                other,
                share: (quantitative * 100).checked_div(rows).unwrap_or(0) as u32,
                flagged: d.flagged,
                stack: chart::stack(&format!("{} 预算按项目", d.name), &parts),
                largest: (by_budget.into_iter().take(3))
                    .map(|(name, budget)| ProjectBudget { name, budget })
                    .collect(),
            }
        })
        .collect();
    Overview {
        year: year.year,
        lines,
    }
}

impl Overview {
    /// Budget by department, as a bar chart (inline SVG).
    pub fn chart(&self) -> String {
        let bars: Vec<Bar> = (self.lines.iter())
            .map(|l| Bar {
                label: format!("{} · {}", l.region, l.dept),
                value: l.budget.0,
                text: format!("{} 万元", l.budget),
            })
            .collect();
        chart::bars(
            "budget",
            &format!("{}年各部门预算（万元）", self.year),
            &bars,
        )
    }

    /// Each region's totals with its own overview.
    pub fn regions(&self) -> Vec<(RegionTotals, Overview)> {
        let mut out: Vec<(RegionTotals, Overview)> = Vec::new();
        for l in &self.lines {
            if out.last().is_none_or(|(t, _)| t.key != l.region_key) {
                out.push((
                    RegionTotals {
                        key: l.region_key.clone(),
                        name: l.region.clone(),
                        departments: 0,
                        budget: Wan::ZERO,
                        projects: 0,
                        rows: 0,
                        share: 0,
                        flagged: 0,
                    },
                    Overview {
                        year: self.year,
                        lines: vec![],
                    },
                ));
            }
            if let Some((t, o)) = out.last_mut() {
                t.departments += 1;
                t.budget = t.budget + l.budget;
                t.projects += l.projects;
                t.rows += l.rows;
                t.flagged += l.flagged;
                let q: usize =
                    o.lines.iter().map(|x| x.quantitative).sum::<usize>() + l.quantitative;
                t.share = (q * 100).checked_div(t.rows).unwrap_or(0) as u32;
                o.lines.push(l.clone());
            }
        }
        out
    }

    /// The overview as CSV (UTF-8 with a byte-order mark).
    pub fn csv(&self) -> Vec<u8> {
        let header = [
            "年度",
            "地区",
            "部门",
            "预算合计（万元）",
            "项目数",
            "指标行数",
            "定量指标",
            "定性指标",
            "其他写法",
            "定量占比（%）",
            "标记问题数",
        ];
        let lines = self.lines.iter().map(|l| {
            vec![
                self.year.to_string(),
                l.region.clone(),
                l.dept.clone(),
                l.budget.to_string(),
                l.projects.to_string(),
                l.rows.to_string(),
                l.quantitative.to_string(),
                l.qualitative.to_string(),
                l.other.to_string(),
                l.share.to_string(),
                l.flagged.to_string(),
            ]
        });
        excel_csv(std::iter::once(header.map(String::from).to_vec()).chain(lines))
    }
}
