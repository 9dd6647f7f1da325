//! The comparison pages under `compare/`: the index, each year's overview, each year's table
//! per metric, and each region's table per metric across years.

use super::catalogue::Catalogue;
use super::tables::{MetricTable, Overview, Tables};
use crate::config::Config;
use crate::site::pages::{Crumb, PageMeta, SiteMeta, meta};
use serde::Serialize;

/// Address of the comparison index.
pub const INDEX: &str = "compare/";

/// Address of a year's overview.
pub fn overview_path(year: u16) -> String {
    format!("compare/{year}/")
}

/// Address of a metric's table for a year.
pub fn metric_path(year: u16, metric: &str) -> String {
    format!("compare/{year}/{metric}/")
}

/// Address of a region's table of a metric across years.
pub fn region_path(region: &str, metric: &str) -> String {
    format!("compare/region/{region}/{metric}/")
}

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

fn link(site: &SiteMeta, path: String, t: &MetricTable) -> MetricLink {
    MetricLink {
        name: t.metric.name.clone(),
        href: site.href(&path),
        with: t.groups.len() - t.missing,
        of: t.groups.len(),
    }
}

fn crumbs() -> Vec<(String, String)> {
    vec![("比较".to_string(), INDEX.to_string())]
}

/// Builds the comparison index.
pub fn index(
    site: &SiteMeta,
    config: &Config,
    catalogue: &Catalogue,
    tables: &Tables,
    years: &[u16],
) -> IndexPage {
    let mut regions: Vec<RegionLinks> = Vec::new();
    for ((key, _), t) in &tables.by_region {
        let l = link(site, region_path(key, &t.metric.key), t);
        let name = tables
            .region_names
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.clone());
        match regions.last_mut() {
            Some(r) if r.name == name => r.metrics.push(l),
            _ => regions.push(RegionLinks {
                name,
                metrics: vec![l],
            }),
        }
    }
    IndexPage {
        page: meta(
            site,
            config,
            "比较各地区、各年度".into(),
            INDEX,
            crumbs(),
            None,
        ),
        years: years
            .iter()
            .map(|&year| YearLinks {
                year,
                overview_href: site.href(&overview_path(year)),
                metrics: (tables.by_year.range((year, 0)..(year, usize::MAX)))
                    .map(|(_, t)| link(site, metric_path(year, &t.metric.key), t))
                    .collect(),
            })
            .collect(),
        regions,
        metrics: catalogue
            .metrics
            .iter()
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
    /// The table.
    pub table: &'a MetricTable,
    /// True for one region across years, false for one year across regions.
    pub across_years: bool,
    /// The heading of the group column: 地区 or 年度.
    pub group_label: &'static str,
    /// The CSV download beside the table.
    pub csv_href: String,
    /// The same metric elsewhere (other years, or the year tables).
    pub see_also: Vec<Crumb>,
}

/// Builds the page of `metric`'s table for `year`.
pub fn metric_year<'a>(
    site: &SiteMeta,
    config: &Config,
    tables: &'a Tables,
    year: u16,
    mi: usize,
) -> Option<MetricPage<'a>> {
    let t = tables.by_year.get(&(year, mi))?;
    let path = metric_path(year, &t.metric.key);
    let mut c = crumbs();
    c.push((format!("{year}年"), overview_path(year)));
    c.push((t.metric.name.clone(), path.clone()));
    let see_also = (tables.by_year.iter())
        .filter(|((y, m), _)| *m == mi && *y != year)
        .map(|((y, _), _)| Crumb {
            name: format!("{y}年"),
            href: site.href(&metric_path(*y, &t.metric.key)),
        })
        .collect();
    Some(MetricPage {
        page: meta(
            site,
            config,
            format!("{year}年各地区{}比较", t.metric.name),
            &path,
            c,
            None,
        ),
        csv_href: site.href(&format!("{path}data.csv")),
        table: t,
        across_years: false,
        group_label: "地区",
        see_also,
    })
}

/// Builds the page of a region's table of a metric across years.
pub fn metric_region<'a>(
    site: &SiteMeta,
    config: &Config,
    tables: &'a Tables,
    region: &str,
    mi: usize,
) -> Option<MetricPage<'a>> {
    let t = tables.by_region.get(&(region.to_string(), mi))?;
    let path = region_path(region, &t.metric.key);
    let name = tables.region_names.get(region).cloned().unwrap_or_default();
    let mut c = crumbs();
    c.push((format!("{name} · {}", t.metric.name), path.clone()));
    let see_also = t
        .groups
        .iter()
        .map(|g| Crumb {
            name: format!("{}年各地区", g.year),
            href: site.href(&metric_path(g.year, &t.metric.key)),
        })
        .collect();
    Some(MetricPage {
        page: meta(
            site,
            config,
            format!("{name}历年{}", t.metric.name),
            &path,
            c,
            None,
        ),
        csv_href: site.href(&format!("{path}data.csv")),
        table: t,
        across_years: true,
        group_label: "年度",
        see_also,
    })
}

/// A year's overview page.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewPage<'a> {
    /// Common page values.
    pub page: PageMeta,
    /// The overview.
    pub overview: &'a Overview,
    /// The CSV download beside the table.
    pub csv_href: String,
    /// The year's metric tables.
    pub metrics: Vec<MetricLink>,
}

/// Builds a year's overview page.
pub fn overview<'a>(
    site: &SiteMeta,
    config: &Config,
    tables: &Tables,
    o: &'a Overview,
) -> OverviewPage<'a> {
    let path = overview_path(o.year);
    let mut c = crumbs();
    c.push((format!("{}年", o.year), path.clone()));
    OverviewPage {
        page: meta(
            site,
            config,
            format!("{}年各部门比较", o.year),
            &path,
            c,
            None,
        ),
        csv_href: site.href(&format!("{path}overview.csv")),
        metrics: (tables.by_year.range((o.year, 0)..(o.year, usize::MAX)))
            .map(|(_, t)| link(site, metric_path(o.year, &t.metric.key), t))
            .collect(),
        overview: o,
    }
}
