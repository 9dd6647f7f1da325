//! Writing the comparison pages and their CSV files: a few metrics at a time, so that a
//! provincial site never holds every table at once while one metric's serial parts do not
//! leave a core idle, and each metric's many pages (one per region) rendered in parallel,
//! each region's rows laid out only for its own page.

use super::pages::{self, MetricLink, RegionLinks, YearLinks};
use super::recorder::Recorder;
use super::tables::{self, Group, MetricTable, RegionSummary, Tables};
use crate::address::{Address, DataFormat};
use crate::config::Config;
use crate::content::catalogue::Catalogue;
use crate::content::catalogue::Metric;
use crate::content::load::SourceFile;
use crate::content::matching::{Matches, RowRef};
use crate::content::tree::RegionEntry;
use crate::content::tree::Tree;
use crate::publish::staging::OutputError;
use crate::render::links::LinkIndex;
use crate::render::renderer::RenderError;
use crate::render::renderer::{self as render, Renderer};
use std::collections::BTreeMap;

/// What the comparisons may take from the previous build: all the files of a metric (its
/// pages and CSVs, every year and region) whose rows and their places are unchanged, without
/// laying out its tables.
pub trait MetricMemo: Sync {
    /// The key of `metric`'s rows `rows`: it changes whenever a page or CSV of the metric
    /// may change; `None` when the rows cannot be keyed without being laid out.
    fn key(&self, metric: &Metric, rows: &[RowRef]) -> Option<String>;
    /// Publishes again the files the previous build made for `metric` from `key`, adding
    /// its pages' ids to `links`; `false`, having written nothing, when it made none or any
    /// was altered since.
    fn reuse(&self, metric: &str, key: &str, links: &mut LinkIndex) -> Result<bool, OutputError>;
    /// How many files have been written so far.
    fn mark(&self) -> usize;
    /// Notes that `files`, all written since `mark` (beside other metrics' files: metrics
    /// are made a few at once), are those of `metric`, made from `key`, with their pages'
    /// ids in `links`.
    fn made(&self, metric: &str, key: String, mark: usize, files: &[String], links: &LinkIndex);
    /// The key of one region's rows `rows` of `metric` in `year`, for a year laid out region
    /// by region: it changes whenever the region's page, its line in the year's page or its
    /// part of the year's CSV may change.
    fn part_key(
        &self,
        metric: &Metric,
        year: u16,
        region: &RegionEntry,
        rows: &[RowRef],
    ) -> Option<String>;
    /// What the previous build made of the region part `id` (`metric/year/region`).
    fn part(&self, id: &str) -> Option<RegionPart>;
    /// Notes what this build made of the region part `id`.
    fn part_made(&self, id: String, part: RegionPart);
    /// The previous build's file `rel` of `metric`, opened to be read, when it is as that
    /// build left it (its parts are read where they lie, not the whole file: a year's CSV of
    /// a provincial metric is 15 MB, of which an edit changes one region's rows).
    fn previous_file(&self, metric: &str, rel: &str) -> Option<std::fs::File>;
}

/// One region's part of a metric's year laid out region by region, as a build made it: its
/// line in the year's page and its bytes in the year's CSV. The region's own page is kept by
/// the page memo under the same key.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct RegionPart {
    /// The key of its rows ([`MetricMemo::part_key`]).
    pub key: String,
    /// Its line in the year's page.
    pub summary: Vec<RegionSummary>,
    /// Where its rows are in the year's CSV (byte offsets, end excluded).
    pub csv: (u64, u64),
}

/// Writes every comparison page of `tree` (frozen years take part too) and returns the
/// links they hold; each metric's rows are laid out from what `kept` holds of each file's
/// rows. With a `memo`, a metric whose key is unchanged has its files published again from
/// the previous build.
#[allow(clippy::too_many_arguments)]
pub fn write(
    r: &Renderer,
    config: &Config,
    tree: &Tree,
    files: &[SourceFile],
    kept: &[super::rows::KeptRows],
    catalogue: &Catalogue,
    matches: &Matches,
    memo: Option<&dyn MetricMemo>,
) -> Result<LinkIndex, RenderError> {
    let site = r.site;
    let mut links = LinkIndex::default();
    let years: Vec<u16> = tree.years.iter().map(|y| y.year).collect();
    let names = tables::region_names(tree);
    let mut year_links: Vec<YearLinks> = (years.iter())
        .map(|&year| YearLinks {
            year,
            overview_href: Address::CompareOverview(year).href(&site.base),
            metrics: vec![],
        })
        .collect();
    let mut region_links: BTreeMap<String, Vec<MetricLink>> = BTreeMap::new();
    let metrics: Vec<(&Metric, &Vec<RowRef>)> =
        catalogue.metrics.iter().zip(&matches.rows).collect();
    let each = Each {
        r,
        config,
        tree,
        files,
        kept,
        years: &years,
        names: &names,
        memo,
    };
    let made = few_at_once(metrics.len(), |mi| {
        let (metric, rows) = metrics[mi];
        each.metric(mi, metric, rows)
    })?;
    // Merged in the catalogue's order, as they were when metrics were made one at a time.
    for m in made {
        for (ylinks, link) in year_links.iter_mut().zip(m.years) {
            ylinks.metrics.push(link);
        }
        for (key, link) in m.regions {
            region_links.entry(key).or_default().push(link);
        }
        links.merge(m.links);
    }
    for (y, ylinks) in tree.years.iter().zip(&year_links) {
        let o = tables::overview(site, y, files);
        let p = pages::overview(site, config, &o, None, ylinks.metrics.clone());
        let csv = Address::Data {
            page: &p.page.path,
            format: DataFormat::OverviewCsv,
        };
        r.file(&csv.path(), &o.csv())?;
        if !p.regions.is_empty() {
            let (regions, _) = render::each(&o.regions(), |links, (totals, part)| {
                let region = Some((totals.key.as_str(), totals.name.as_str()));
                let rp = pages::overview(site, config, part, region, ylinks.metrics.clone());
                r.page(links, "compare_year.html", &rp.page.path, &rp)
            })?;
            links.merge(regions);
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
    r.page(
        &mut links,
        "compare_index.html",
        &Address::CompareIndex.path(),
        &index,
    )?;
    Ok(links)
}

/// How many metrics are made at most at once: each holds its tables while its pages are
/// made (a provincial metric's are large), and two keep both cores of a small machine busy
/// through one metric's serial parts (its tables laid out, its year pages and the year's
/// CSV put together).
const METRICS_AT_ONCE: usize = 2;

/// Runs `make` on each of `0..n`, at most [`METRICS_AT_ONCE`] (and no more than rayon's
/// threads) at a time, each on a thread of its own that takes the next item as it finishes
/// one, so that no more are in flight (a rayon task waiting for its region pages could start
/// another metric). What `make` itself runs in parallel goes to rayon's threads. Returns the
/// results in item order, or the error of the first item that failed (none is started after
/// a failure).
///
/// Called on one of rayon's threads (an incremental build runs the comparisons beside the
/// bundles and the search index), the items are made one after the other on that thread
/// instead: blocked waiting for lanes whose pages are rendered on rayon's threads, it would
/// leave those lanes' work queued behind the other steps', and the comparisons would end
/// only after them.
fn few_at_once<T, F>(n: usize, make: F) -> Result<Vec<T>, RenderError>
where
    T: Send,
    F: Fn(usize) -> Result<T, RenderError> + Sync,
{
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let lanes = METRICS_AT_ONCE.min(rayon::current_num_threads()).min(n);
    if lanes <= 1 || rayon::current_thread_index().is_some() {
        return (0..n).map(make).collect();
    }
    let (next, failed) = (AtomicUsize::new(0), AtomicBool::new(false));
    let done: Vec<std::sync::Mutex<Option<Result<T, RenderError>>>> =
        (0..n).map(|_| std::sync::Mutex::new(None)).collect();
    let lane = || {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = done.get(i) else { break };
            let result = make(i);
            failed.fetch_or(result.is_err(), Ordering::Relaxed);
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|s| {
        // The lanes render pages as the main thread did, with as much stack.
        let spawned: Vec<_> = (0..lanes)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(LANE_STACK)
                    .spawn_scoped(s, lane)
            })
            .collect();
        for handle in spawned {
            match handle {
                Ok(h) => {
                    if let Err(panic) = h.join() {
                        std::panic::resume_unwind(panic);
                    }
                }
                // A lane the system would not start: this thread takes items as one.
                Err(_) => lane(),
            }
        }
    });
    let mut out = Vec::with_capacity(n);
    for slot in done {
        match slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(result) => out.push(result?),
            // Not started after an earlier item failed: that failure was returned above.
            None => break,
        }
    }
    Ok(out)
}

/// The stack of a thread that makes metrics: the main thread's.
const LANE_STACK: usize = 8 << 20;

/// What one metric made: its line in each year's list of metrics (newest year first), in
/// each region's, and its pages' links.
struct MadeMetric {
    years: Vec<MetricLink>,
    regions: Vec<(String, MetricLink)>,
    links: LinkIndex,
}

/// What every metric is made with.
struct Each<'a> {
    r: &'a Renderer<'a>,
    config: &'a Config,
    tree: &'a Tree,
    files: &'a [SourceFile],
    kept: &'a [super::rows::KeptRows],
    years: &'a [u16],
    names: &'a BTreeMap<String, String>,
    memo: Option<&'a dyn MetricMemo>,
}

impl Each<'_> {
    /// The metric `metric` (the catalogue's `mi`th) with its rows `rows`: its lines in the
    /// lists of metrics, and its files, published again when its key is unchanged.
    fn metric(
        &self,
        mi: usize,
        metric: &Metric,
        rows: &[RowRef],
    ) -> Result<MadeMetric, RenderError> {
        let (r, site) = (self.r, self.r.site);
        let t = tables::tables(self.tree, self.files, self.kept, mi, metric, rows);
        // Years are newest first in the tree and in the lists of metrics.
        let years = (t.by_year.iter().rev())
            .map(|(&year, groups)| {
                let path = Address::CompareMetric {
                    year,
                    metric: &metric.key,
                }
                .path();
                pages::link(site, &path, metric, tables::counts(groups))
            })
            .collect();
        let regions = (t.by_region.iter())
            .map(|(key, groups)| {
                let path = Address::CompareRegion {
                    region: key,
                    metric: &metric.key,
                }
                .path();
                let link = pages::link(site, &path, metric, tables::counts(groups));
                (key.to_string(), link)
            })
            .collect();
        let mut links = LinkIndex::default();
        let (years_, names) = (self.years, self.names);
        match self.memo.and_then(|m| Some((m, m.key(metric, rows)?))) {
            Some((m, key)) => {
                if !m.reuse(&metric.key, &key, &mut links)? {
                    // The files written since `mark` are this metric's and those of the
                    // metrics made beside it: its recorder tells its own.
                    let mark = m.mark();
                    let recorder = Recorder::new(r);
                    let mr = recorder.renderer(r);
                    metric_pages(&mr, self.config, &t, years_, names, self.memo, &mut links)?;
                    m.made(&metric.key, key, mark, &recorder.into_files(), &links);
                }
            }
            None => metric_pages(r, self.config, &t, years_, names, self.memo, &mut links)?,
        }
        Ok(MadeMetric {
            years,
            regions,
            links,
        })
    }
}

/// Every page and CSV of one metric: its table of each year (region by region when long)
/// and its table of each region across years.
fn metric_pages(
    r: &Renderer,
    config: &Config,
    t: &Tables,
    years: &[u16],
    names: &BTreeMap<String, String>,
    memo: Option<&dyn MetricMemo>,
    links: &mut LinkIndex,
) -> Result<(), RenderError> {
    let (site, metric) = (r.site, t.metric());
    for (&year, groups) in t.by_year.iter().rev() {
        let path = Address::CompareMetric {
            year,
            metric: &metric.key,
        }
        .path();
        let csv = Address::Data {
            page: &path,
            format: DataFormat::Csv,
        }
        .path();
        let (with, of) = tables::counts(groups);
        let rows: usize = groups.iter().map(|g| g.rows.len()).sum();
        let (table, summary) = if rows > pages::INLINE_ROWS {
            let (regions, summary) = region_by_region(r, config, t, year, groups, &csv, memo)?;
            links.merge(regions);
            let mismatched = summary.iter().map(|s| s.rows - s.agreeing).sum();
            let table = MetricTable {
                metric,
                groups: vec![],
                with,
                of,
                mismatched,
            };
            (table, summary)
        } else {
            let table = t.table(site, groups);
            r.file(&csv, &table.csv())?;
            (table, vec![])
        };
        let p = pages::metric_year(site, config, &table, year, years, summary);
        r.page(links, "compare_metric.html", &path, &p)?;
    }
    let by_region: Vec<(&String, &Vec<Group>)> = t.by_region.iter().collect();
    let (regions, _) = render::each(&by_region, |links, (key, groups)| {
        let table = t.table(site, groups);
        let name = names.get(*key).map_or(key.as_str(), String::as_str);
        let p = pages::metric_region(site, config, &table, key, name);
        let csv = Address::Data {
            page: &p.page.path,
            format: DataFormat::Csv,
        };
        r.file(&csv.path(), &table.csv())?;
        r.page(links, "compare_metric.html", &p.page.path, &p)
    })?;
    links.merge(regions);
    Ok(())
}

/// A region's bytes of a year's CSV: laid out now, or a range of the previous build's CSV.
enum Piece<'f> {
    Made(Vec<u8>),
    Kept(&'f std::fs::File, u64, u64),
}

impl Piece<'_> {
    fn len(&self) -> u64 {
        match self {
            Piece::Made(bytes) => bytes.len() as u64,
            Piece::Kept(_, start, end) => end - start,
        }
    }
}

/// True when a file of `len` bytes holds all of `start..end`.
fn holds(len: u64, (start, end): (u64, u64)) -> bool {
    start <= end && end <= len
}

/// A year with too many rows of a metric for one page: every region's rows on a page of
/// its own and the year's CSV (`csv`) put together from theirs. Returns the links of those
/// pages and each region in brief, for the year's page. With a `memo`, a region whose rows
/// are unchanged has its page published again, and its line and CSV bytes taken from the
/// previous build, without its rows being laid out.
fn region_by_region<'a>(
    r: &Renderer,
    config: &Config,
    t: &Tables<'a>,
    year: u16,
    groups: &[Group<'a>],
    csv: &str,
    memo: Option<&dyn MetricMemo>,
) -> Result<(LinkIndex, Vec<RegionSummary>), RenderError> {
    let site = r.site;
    let metric = t.metric();
    let old_csv = memo.and_then(|m| m.previous_file(&metric.key, csv));
    let old_len = (old_csv.as_ref()).map_or(0, |f| f.metadata().map_or(0, |m| m.len()));
    let (links, parts) = render::each(groups, |links, g| {
        let id = format!("{}/{year}/{}", metric.key, g.region.key);
        let key = memo.and_then(|m| m.part_key(metric, year, g.region, &g.rows));
        let path = Address::CompareMetricRegion {
            year,
            metric: &metric.key,
            region: &g.region.key,
        }
        .path();
        if let (Some(m), Some(key), Some(old_csv), Some(pages)) = (memo, &key, &old_csv, r.memo)
            && let Some(old) = m.part(&id).filter(|o| &o.key == key)
            && holds(old_len, old.csv)
            && (pages.reuse(&format!("{path}index.html"), &path, key, links)?).is_some()
        {
            let (start, end) = old.csv;
            return Ok((
                id,
                key.clone(),
                old.summary,
                Piece::Kept(old_csv, start, end),
            ));
        }
        let one = t.table(site, std::slice::from_ref(g));
        if let Some(p) = pages::metric_year_region(site, config, &one, year) {
            r.page_keyed(links, "compare_metric.html", &p.page.path, &p, key.clone())?;
        }
        let href = Address::CompareMetricRegion {
            year,
            metric: &metric.key,
            region: &g.region.key,
        }
        .href(&site.base);
        let summary = one.summary(|_| href.clone());
        Ok((
            id,
            key.unwrap_or_default(),
            summary,
            Piece::Made(one.csv_part()),
        ))
    })?;
    let head = MetricTable::csv_head();
    // The kept regions' bytes go from the previous CSV to the new one through one buffer.
    let mut buf = Vec::new();
    r.file_with(csv, &mut |out| {
        out.write_all(&head)?;
        for (.., piece) in &parts {
            match *piece {
                Piece::Made(ref bytes) => out.write_all(bytes)?,
                Piece::Kept(old, start, end) => {
                    crate::publish::copy_range(old, start, end, out, &mut buf)?
                }
            }
        }
        Ok(())
    })?;
    let mut at = head.len() as u64;
    let mut summary = Vec::new();
    for (id, key, lines, piece) in parts {
        let end = at + piece.len();
        if let Some(m) = memo.filter(|_| !key.is_empty()) {
            let part = RegionPart {
                key,
                summary: lines.clone(),
                csv: (at, end),
            };
            m.part_made(id, part);
        }
        at = end;
        summary.extend(lines);
    }
    Ok((links, summary))
}

#[cfg(test)]
mod tests {
    use super::holds;

    #[test]
    fn a_range_is_kept_only_when_all_of_it_is_there() {
        // `head\nrow one\nrow two\n`: 21 bytes.
        assert!(holds(21, (5, 13)) && holds(21, (13, 13)) && holds(21, (13, 21)));
        // A range the file no longer holds (a CSV cut short since) or a reversed one is a miss.
        assert!(!holds(21, (13, 40)));
        assert!(!holds(21, (13, 5)));
    }
}
