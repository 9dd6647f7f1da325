//! The site tree as pages list it: each year, region and department with its links made by
//! [`crate::address`], so templates lay the lists out without joining a path. Each item keeps
//! the tree's own fields (`path`, `totals`, …) beside its links.

use crate::address::{Address, BundleFormat};
use crate::content::tree::{DeptEntry, RegionEntry, Totals, YearEntry};
use serde::Serialize;

/// A year with its links and, where the page lists them, its regions.
#[derive(Debug, Serialize)]
pub struct YearItem<'a> {
    /// The year.
    pub year: u16,
    /// Site-relative path (`2024/`).
    pub path: &'a str,
    /// Totals of all its departments.
    pub totals: Totals,
    /// Its page.
    pub href: String,
    /// Its comparisons' overview.
    pub compare_href: String,
    /// Its bundle as `.zip`.
    pub zip_href: String,
    /// Its bundle as `.tar.gz`.
    pub tar_href: String,
    /// The description of its data files' fields.
    pub datapackage_href: String,
    /// Its regions with their departments; empty on pages that list years only.
    pub regions: Vec<RegionItem<'a>>,
}

/// A region in a year, with its link and its departments.
#[derive(Debug, Serialize)]
pub struct RegionItem<'a> {
    /// Region key (code or slug).
    pub key: &'a str,
    /// Short name (county or district).
    pub name: &'a str,
    /// Full name with province and city.
    pub full_name: &'a str,
    /// Site-relative path (`2024/130529/`).
    pub path: &'a str,
    /// Totals of its departments.
    pub totals: Totals,
    /// Its page.
    pub href: String,
    /// Its departments, by key.
    pub departments: Vec<DeptItem<'a>>,
}

/// A department with its link.
#[derive(Debug, Serialize)]
pub struct DeptItem<'a> {
    /// The department as the tree holds it.
    #[serde(flatten)]
    pub entry: &'a DeptEntry,
    /// Its page.
    pub href: String,
}

impl<'a> YearItem<'a> {
    /// The year's links, without its regions.
    pub fn links(base: &str, y: &'a YearEntry) -> YearItem<'a> {
        let bundle = |format| Address::Bundle {
            year: y.year,
            format,
        };
        YearItem {
            year: y.year,
            path: &y.path,
            totals: y.totals,
            href: Address::Year(y.year).href(base),
            compare_href: Address::CompareOverview(y.year).href(base),
            zip_href: bundle(BundleFormat::Zip).href(base),
            tar_href: bundle(BundleFormat::TarGz).href(base),
            datapackage_href: Address::Datapackage(y.year).href(base),
            regions: vec![],
        }
    }

    /// The year with every region and department, linked.
    pub fn of(base: &str, y: &'a YearEntry) -> YearItem<'a> {
        YearItem {
            regions: (y.regions.iter())
                .map(|r| RegionItem::of(base, y.year, r))
                .collect(),
            ..YearItem::links(base, y)
        }
    }
}

impl<'a> RegionItem<'a> {
    /// The region of `year` with its departments, linked.
    pub fn of(base: &str, year: u16, r: &'a RegionEntry) -> RegionItem<'a> {
        RegionItem {
            key: &r.key,
            name: &r.name,
            full_name: &r.full_name,
            path: &r.path,
            totals: r.totals,
            href: Address::Region {
                year,
                region: &r.key,
            }
            .href(base),
            departments: r
                .departments
                .iter()
                .map(|d| DeptItem::of(base, d))
                .collect(),
        }
    }
}

impl<'a> DeptItem<'a> {
    /// The department, linked.
    pub fn of(base: &str, d: &'a DeptEntry) -> DeptItem<'a> {
        DeptItem {
            entry: d,
            href: Address::Department {
                year: d.year,
                region: &d.region,
                dept: &d.key,
            }
            .href(base),
        }
    }
}
