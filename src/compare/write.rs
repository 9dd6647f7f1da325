//! Writing the comparison pages and their CSV files: one metric at a time, so that a
//! provincial site never holds every table at once, and each metric's many pages (one per
//! region) rendered in parallel.

use super::catalogue::Catalogue;
use super::matching::Matches;
use super::pages::{self, MetricLink, RegionLinks, YearLinks};
use super::tables;
use crate::config::Config;
use crate::load::SourceFile;
use crate::site::BuildError;
use crate::site::links::LinkIndex;
use crate::site::model::Tree;
use crate::site::render::{self, Renderer};
use std::collections::BTreeMap;

/// Writes every comparison page of `tree` (frozen years take part too) and returns the
/// links they hold.
pub fn write(
    r: &Renderer,
    config: &Config,
    tree: &Tree,
    files: &[SourceFile],
    catalogue: &Catalogue,
    matches: &Matches,
) -> Result<LinkIndex, BuildError> {
    let site = r.site;
    let mut links = LinkIndex::default();
    let years: Vec<u16> = tree.years.iter().map(|y| y.year).collect();
    let names = tables::region_names(tree);
    let mut year_links: Vec<YearLinks> = (years.iter())
        .map(|&year| YearLinks {
            year,
            overview_href: site.href(&pages::overview_path(year)),
            metrics: vec![],
        })
        .collect();
    let mut region_links: BTreeMap<String, Vec<MetricLink>> = BTreeMap::new();
    for (metric, rows) in catalogue.metrics.iter().zip(&matches.rows) {
        let t = tables::tables(site, tree, files, metric, rows);
        // Years are newest first in the tree and in `year_links`.
        for (ylinks, (&year, table)) in year_links.iter_mut().zip(t.by_year.iter().rev()) {
            let p = pages::metric_year(site, config, table, year, &years);
            ylinks.metrics.push(pages::link(site, &p.page.path, table));
            r.file(&format!("{}data.csv", p.page.path), &table.csv())?;
            if !p.summary.is_empty() {
                links.merge(render::each(&table.groups, |links, g| {
                    let one = table.only(&g.key);
                    match one
                        .as_ref()
                        .and_then(|one| pages::metric_year_region(site, config, one, year))
                    {
                        Some(p) => r.page(links, "compare_metric.html", &p.page.path, &p),
                        None => Ok(()),
                    }
                })?);
            }
            r.page(&mut links, "compare_metric.html", &p.page.path, &p)?;
        }
        let by_region: Vec<_> = t.by_region.iter().collect();
        for (key, table) in &by_region {
            let path = pages::region_path(key, &metric.key);
            (region_links.entry(key.to_string()).or_default())
                .push(pages::link(site, &path, table));
        }
        links.merge(render::each(&by_region, |links, (key, table)| {
            let name = names.get(*key).map_or(key.as_str(), String::as_str);
            let p = pages::metric_region(site, config, table, key, name);
            r.file(&format!("{}data.csv", p.page.path), &table.csv())?;
            r.page(links, "compare_metric.html", &p.page.path, &p)
        })?);
    }
    for (y, ylinks) in tree.years.iter().zip(&year_links) {
        let o = tables::overview(site, y, files);
        let p = pages::overview(site, config, &o, None, ylinks.metrics.clone());
        r.file(&format!("{}overview.csv", p.page.path), &o.csv())?;
        if !p.regions.is_empty() {
            links.merge(render::each(&o.regions(), |links, (totals, part)| {
                let region = Some((totals.key.as_str(), totals.name.as_str()));
                let rp = pages::overview(site, config, part, region, ylinks.metrics.clone());
                r.page(links, "compare_year.html", &rp.page.path, &rp)
            })?);
        }
        r.page(&mut links, "compare_year.html", &p.page.path, &p)?;
    }
    let regions = (region_links.into_iter())
        .map(|(key, metrics)| RegionLinks {
            name: names.get(&key).cloned().unwrap_or(key),
            metrics,
        })
        .collect();
    let index = pages::index(site, config, catalogue, year_links, regions);
    r.page(&mut links, "compare_index.html", pages::INDEX, &index)?;
    Ok(links)
}
