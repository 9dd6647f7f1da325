//! The comparison pages under `compare/`: the index, each year's overview, each year's table
//! per metric, and each region's table per metric across years.

use super::tables::{MetricTable, Overview, RegionSummary, RegionTotals};
use crate::address::{Address, DataFormat};
use crate::config::Config;
use crate::content::catalogue::{Catalogue, Metric};
use crate::render::pages::{Crumb, PageMeta, SiteMeta, meta};
use serde::Serialize;
use std::borrow::Cow;

/// A link with a count: how many groups have the metric, of how many.
#[derive(Debug, Clone, Serialize)]
pub struct MetricLink {
    /// Metric name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// Groups (regions or years) with at least one row.
    pub with: usize,
    /// All groups.
    pub of: usize,
}

/// A year in the index.
#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    /// The year.
    pub year: u16,
    /// Its overview.
    pub overview_href: String,
    /// Its metric tables.
    pub metrics: Vec<MetricLink>,
}

/// A region in the index, with its tables across years.
#[derive(Debug, Clone, Serialize)]
pub struct RegionLinks {
    /// Region name.
    pub name: String,
    /// Its tables.
    pub metrics: Vec<MetricLink>,
}

/// The comparison index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexPage {
    /// Common page values.
    pub page: PageMeta,
    /// Years, newest first.
    pub years: Vec<YearLinks>,
    /// Regions present in more than one year.
    pub regions: Vec<RegionLinks>,
    /// The catalogue's metrics.
    pub metrics: Vec<MetricAbout>,
}

/// A metric of the catalogue, as the index describes it.
#[derive(Debug, Clone, Serialize)]
pub struct MetricAbout {
    /// Chinese name.
    pub name: String,
    /// What it counts.
    pub about: String,
}

/// The index's link to the table of `metric` at `path`, where `with` of `of` groups have rows.
pub fn link(
    site: &SiteMeta,
    path: &str,
    metric: &Metric,
    (with, of): (usize, usize),
) -> MetricLink {
    MetricLink {
        name: metric.name.clone(),
        href: site.href(path),
        with,
        of,
    }
}

fn crumbs() -> Vec<(String, String)> {
    vec![("比较".to_string(), Address::CompareIndex.path())]
}

/// Builds the comparison index from the links gathered while the tables were written.
pub fn index(
    site: &SiteMeta,
    config: &Config,
    catalogue: &Catalogue,
    years: Vec<YearLinks>,
    regions: Vec<RegionLinks>,
) -> IndexPage {
    IndexPage {
        page: meta(
            site,
            config,
            "比较各地区、各年度".into(),
            &Address::CompareIndex.path(),
            crumbs(),
            None,
        ),
        years,
        regions,
        metrics: (catalogue.metrics.iter())
            .map(|m| MetricAbout {
                name: m.name.clone(),
                about: m.about.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

/// A metric's table page.
#[derive(Debug, Clone, Serialize)]
pub struct MetricPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The table; without its rows when the page shows them in brief.
    pub table: &'a MetricTable<'a>,
    /// Groups (regions or years) with at least one row.
    pub with: usize,
    /// All groups.
    pub of: usize,
    /// True for one region across years, false for regions side by side.
    pub across_years: bool,
    /// The heading of the group column: 地区 or 年度.
    pub group_label: &'static str,
    /// The chart (inline SVG), empty when nothing is drawn.
    pub chart: String,
    /// For a year with too many rows for one page: each region in brief, linking to its
    /// rows. Empty when every row is on the page.
    pub summary: Vec<RegionSummary>,
    /// The CSV download beside the table (every row, also in brief mode).
    pub csv_href: String,
    /// The same metric elsewhere (other years, or the year tables).
    pub see_also: Vec<Crumb>,
}

/// A year's table with more rows than this is shown region by region.
pub const INLINE_ROWS: usize = 300;

/// A metric page's common values; `dir` holds the table's CSV.
fn metric_page<'a>(
    site: &SiteMeta,
    page: PageMeta,
    t: &'a MetricTable<'a>,
    dir: &str,
    across_years: bool,
) -> MetricPage<'a> {
    let (with, of) = t.counts();
    MetricPage {
        page,
        table: t,
        with,
        of,
        across_years,
        group_label: if across_years { "年度" } else { "地区" },
        chart: String::new(),
        summary: vec![],
        csv_href: Address::Data {
            page: dir,
            format: DataFormat::Csv,
        }
        .href(&site.base),
        see_also: vec![],
    }
}

/// Builds the page of a metric's table `t` for `year`; `years` are the site's years. With a
/// `summary` (a year of more than [`INLINE_ROWS`] rows), the page lists each region in brief
/// and `t` holds the counts only.
pub fn metric_year<'a>(
    site: &SiteMeta,
    config: &Config,
    t: &'a MetricTable<'a>,
    year: u16,
    years: &[u16],
    summary: Vec<RegionSummary>,
) -> MetricPage<'a> {
    let path = Address::CompareMetric {
        year,
        metric: &t.metric.key,
    }
    .path();
    let mut c = crumbs();
    c.push((format!("{year}年"), Address::CompareOverview(year).path()));
    c.push((t.metric.name.clone(), path.clone()));
    let title = format!("{year}年各地区{}比较", t.metric.name);
    let base = metric_page(
        site,
        meta(site, config, title, &path, c, None),
        t,
        &path,
        false,
    );
    let see_also = (years.iter().filter(|y| **y != year))
        .map(|y| Crumb {
            name: format!("{y}年"),
            href: Address::CompareMetric {
                year: *y,
                metric: &t.metric.key,
            }
            .href(&site.base),
        })
        .collect();
    if !summary.is_empty() {
        MetricPage {
            summary,
            see_also,
            ..base
        }
    } else {
        MetricPage {
            chart: t.chart(false),
            see_also,
            ..base
        }
    }
}

/// Builds the page of one region's rows of a metric in `year` (`t` holds that region only),
/// for a year shown region by region.
pub fn metric_year_region<'a>(
    site: &SiteMeta,
    config: &Config,
    t: &'a MetricTable<'a>,
    year: u16,
) -> Option<MetricPage<'a>> {
    let g = t.groups.first()?;
    let up = Address::CompareMetric {
        year,
        metric: &t.metric.key,
    }
    .path();
    let path = Address::CompareMetricRegion {
        year,
        metric: &t.metric.key,
        region: &g.key,
    }
    .path();
    let mut c = crumbs();
    c.push((format!("{year}年"), Address::CompareOverview(year).path()));
    c.push((t.metric.name.clone(), up.clone()));
    c.push((g.name.clone(), path.clone()));
    let title = format!("{year}年{}{}", g.name, t.metric.name);
    let base = metric_page(
        site,
        meta(site, config, title, &path, c, None),
        t,
        &up,
        false,
    );
    Some(MetricPage {
        chart: t.chart(false),
        see_also: vec![Crumb {
            name: format!("{year}年各地区"),
            href: site.href(&up),
        }],
        ..base
    })
}

/// Builds the page of a region's table of a metric across years.
pub fn metric_region<'a>(
    site: &SiteMeta,
    config: &Config,
    t: &'a MetricTable<'a>,
    region: &str,
    name: &str,
) -> MetricPage<'a> {
    let path = Address::CompareRegion {
        region,
        metric: &t.metric.key,
    }
    .path();
    let mut c = crumbs();
    c.push((format!("{name} · {}", t.metric.name), path.clone()));
    let title = format!("{name}历年{}", t.metric.name);
    let base = metric_page(
        site,
        meta(site, config, title, &path, c, None),
        t,
        &path,
        true,
    );
    MetricPage {
        chart: t.chart(true),
        see_also: (t.groups.iter())
            .map(|g| Crumb {
                name: format!("{}年各地区", g.year),
                href: Address::CompareMetric {
                    year: g.year,
                    metric: &t.metric.key,
                }
                .href(&site.base),
            })
            .collect(),
        ..base
    }
}

/// A year's overview page (or one region's part of it).
#[derive(Debug, Clone, Serialize)]
pub struct OverviewPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The departments shown; none when the page shows regions in brief.
    pub overview: Cow<'a, Overview>,
    /// Budget by department (inline SVG); empty in brief mode.
    pub chart: String,
    /// For a year with too many departments for one page: each region's totals, linking
    /// to its departments. Empty when every department is on the page.
    pub regions: Vec<RegionPart>,
    /// The CSV download beside the table (every department of the year).
    pub csv_href: String,
    /// The year's metric tables.
    pub metrics: Vec<MetricLink>,
}

/// A region's totals in a year's overview, with the page of its departments.
#[derive(Debug, Clone, Serialize)]
pub struct RegionPart {
    /// The totals.
    pub totals: RegionTotals,
    /// Its departments' page.
    pub href: String,
}

/// A year's overview with more departments than this is shown region by region.
pub const INLINE_DEPARTMENTS: usize = 300;

/// Builds a year's overview page, or with `region` (key, name) one region's part of it.
pub fn overview<'a>(
    site: &SiteMeta,
    config: &Config,
    o: &'a Overview,
    region: Option<(&str, &str)>,
    metrics: Vec<MetricLink>,
) -> OverviewPage<'a> {
    let year_path = Address::CompareOverview(o.year).path();
    let mut c = crumbs();
    c.push((format!("{}年", o.year), year_path.clone()));
    let (path, title) = match region {
        Some((key, name)) => {
            let p = Address::CompareOverviewRegion {
                year: o.year,
                region: key,
            }
            .path();
            c.push((name.to_string(), p.clone()));
            (p, format!("{}年{name}各部门比较", o.year))
        }
        None => (year_path.clone(), format!("{}年各部门比较", o.year)),
    };
    let brief = region.is_none() && o.lines.len() > INLINE_DEPARTMENTS;
    OverviewPage {
        page: meta(site, config, title, &path, c, None),
        chart: if brief { String::new() } else { o.chart() },
        regions: if brief {
            (o.regions().into_iter())
                .map(|(totals, _)| RegionPart {
                    href: Address::CompareOverviewRegion {
                        year: o.year,
                        region: &totals.key,
                    }
                    .href(&site.base),
                    totals,
                })
                .collect()
        } else {
            vec![]
        },
        csv_href: Address::Data {
            page: &year_path,
            format: DataFormat::OverviewCsv,
        }
        .href(&site.base),
        metrics,
        overview: if brief {
            Cow::Owned(Overview {
                year: o.year,
                lines: vec![],
            })
        } else {
            Cow::Borrowed(o)
        },
    }
}
