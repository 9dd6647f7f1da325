//! The site's structure computed from the loaded documents: years → regions → departments →
//! projects, each with its address and totals. Aggregates are computed here in Rust so the
//! templates only lay them out.

use crate::address::Address;
use crate::content::findings::DocFindings;
use crate::content::load::SourceFile;
use crate::content::load::summary::Summary;
use crate::content::model::{Project, Region, Wan};
use serde::Serialize;
use std::collections::BTreeMap;

/// Serializes an amount for a table: 万元 with two decimals (`70` → `70.00`), so the amounts
/// of a column line up; a document's own pages show its amounts as written.
pub fn two_decimals<S: serde::Serializer>(w: &Wan, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{:.2}", w.0.round_dp(2)))
}

/// Budget, project and indicator counts of a set of projects.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    /// Sum of 预算数, in 万元.
    #[serde(serialize_with = "two_decimals")]
    pub budget: Wan,
    /// Number of projects.
    pub projects: usize,
    /// Number of indicator rows (empty rows not counted).
    pub indicators: usize,
    /// Number of departments.
    pub departments: usize,
}

impl Totals {
    fn add(&mut self, o: &Totals) {
        self.budget = self.budget + o.budget;
        self.projects += o.projects;
        self.indicators += o.indicators;
        self.departments += o.departments;
    }

    /// Totals of one document, from its summary: its budget, projects and non-empty rows.
    pub fn of_summary(s: &Summary) -> Totals {
        Totals {
            budget: s.budget,
            projects: s.projects.len(),
            indicators: s.indicators,
            departments: 1,
        }
    }
}

/// One department's document, placed in the site.
#[derive(Debug, Clone, Serialize)]
pub struct DeptEntry {
    /// Index into the loaded files.
    #[serde(skip)]
    pub file: usize,
    /// Budget year.
    pub year: u16,
    /// Region key (code or slug).
    pub region: String,
    /// Department key: the file's stem.
    pub key: String,
    /// Department name.
    pub name: String,
    /// Site-relative path of the department page (`2024/130529/414/`).
    pub path: String,
    /// Totals.
    pub totals: Totals,
    /// 草案 / 正式 / 未注明.
    pub status: &'static str,
    /// Publication date, if known.
    pub published: Option<String>,
    /// Number of flagged findings in the document.
    pub flagged: usize,
    /// Declared corrections (更正), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::content::model::Correction>,
}

/// One region in one year.
#[derive(Debug, Clone, Serialize)]
pub struct RegionEntry {
    /// Region key (code or slug).
    pub key: String,
    /// Short name (county or district).
    pub name: String,
    /// Full name with province and city.
    pub full_name: String,
    /// Site-relative path (`2024/130529/`).
    pub path: String,
    /// Totals of its departments.
    pub totals: Totals,
    /// Its departments, by key.
    pub departments: Vec<DeptEntry>,
}

/// One budget year.
#[derive(Debug, Clone, Serialize)]
pub struct YearEntry {
    /// The year.
    pub year: u16,
    /// Site-relative path (`2024/`).
    pub path: String,
    /// Totals of all its departments.
    pub totals: Totals,
    /// Regions, by key.
    pub regions: Vec<RegionEntry>,
}

/// The site's tree, newest year first.
#[derive(Debug, Clone, Serialize)]
pub struct Tree {
    /// Years, newest first.
    pub years: Vec<YearEntry>,
    /// Totals over every year.
    pub totals: Totals,
}

/// The department key of a file: its file name without `.yaml`.
pub fn dept_key(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

/// The address of a project's page beneath the department page at `dept_path`: by its
/// code or `id`, `_` when it has neither (`check` refuses that before a build).
pub fn project_address<'a>(dept_path: &'a str, p: &'a Project) -> Address<'a> {
    keyed_project_address(dept_path, p.key())
}

/// The address of the project whose key ([`Project::key`]) is `key`, beneath the department
/// page at `dept_path`: a project without one is at `_/`.
pub fn keyed_project_address<'a>(dept_path: &'a str, key: Option<&'a str>) -> Address<'a> {
    Address::Project {
        department: dept_path,
        key: key.unwrap_or("_"),
    }
}

/// Site-relative path of a project page beneath the department page at `dept_path`.
pub fn project_path(dept_path: &str, p: &Project) -> String {
    project_address(dept_path, p).path()
}

/// Builds the tree from loaded files (which must have passed validation) and each file's
/// findings, in the same order.
pub fn tree(files: &[SourceFile], findings: &[DocFindings]) -> Tree {
    let mut by_year: BTreeMap<u16, BTreeMap<String, Vec<DeptEntry>>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        // The summary only: an unchanged document is not decoded for the tree.
        let d = f.document.summary();
        let year = d.year;
        let region = d.region.key().to_string();
        let key = dept_key(&f.rel);
        let flagged = findings.get(i).map_or(0, DocFindings::count);
        by_year
            .entry(year)
            .or_default()
            .entry(region.clone())
            .or_default()
            .push(DeptEntry {
                file: i,
                year,
                path: Address::Department {
                    year,
                    region: &region,
                    dept: &key,
                }
                .path(),
                region,
                key,
                name: d.name.clone(),
                totals: Totals::of_summary(d),
                status: d.status.label(),
                published: (d.published.as_ref()).map(|p| p.as_str().to_string()),
                flagged,
                corrections: d.corrections.clone(),
            });
    }
    let mut totals = Totals::default();
    let years = by_year
        .into_iter()
        .rev()
        .map(|(year, regions)| {
            let mut ytotals = Totals::default();
            let regions = regions
                .into_iter()
                .map(|(key, mut departments)| {
                    departments.sort_by(|a, b| a.key.cmp(&b.key));
                    let mut rt = Totals::default();
                    departments.iter().for_each(|d| rt.add(&d.totals));
                    ytotals.add(&rt);
                    let region: &Region = &files[departments[0].file].document.summary().region;
                    RegionEntry {
                        path: Address::Region { year, region: &key }.path(),
                        name: region.display_name(),
                        full_name: region.full_name(),
                        key,
                        totals: rt,
                        departments,
                    }
                })
                .collect();
            totals.add(&ytotals);
            YearEntry {
                year,
                path: Address::Year(year).path(),
                totals: ytotals,
                regions,
            }
        })
        .collect();
    Tree { years, totals }
}
