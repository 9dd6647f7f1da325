//! Every address on the site, written once: one [`Address`] variant per kind of page or file.
//! Rust asks an address for its [`path`](Address::path) (site-relative, as written into the
//! output folder and noted by the link check) or its [`href`](Address::href) (with the site's
//! base path, as a link); templates receive the hrefs made here and never join a path
//! themselves.
//!
//! This module sits below everything that makes a page: the site tree (`content::tree`), the
//! page types (`render`), the comparison and download steps (`outputs`) and the bundles
//! (`publish`) all take their addresses from it, and it imports nothing of theirs.

use std::fmt;

/// The format of a data file published beneath a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    /// `data.json`: the whole document, for programs.
    Json,
    /// `data.csv`: one row per indicator, for spreadsheets.
    Csv,
    /// `overview.csv`: a comparison overview's table of departments.
    OverviewCsv,
}

/// The format of a year's bundle under `downloads/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleFormat {
    /// `.zip`, which every computer unpacks.
    Zip,
    /// `.tar.gz`.
    TarGz,
}

/// A place on a page that a link can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor<'a> {
    /// A row of a project's indicator table: `#r3` (from 1).
    Row(usize),
    /// A project on a self-evaluation page: `#p2` (from 1).
    EvaluatedProject(usize),
    /// A row of a project on a self-evaluation page: `#p2-r3` (both from 1).
    EvaluatedRow {
        /// The project's number, from 1.
        project: usize,
        /// The row's number, from 1.
        row: usize,
    },
    /// A rule on the rules page: `#cost-floor`.
    Rule(&'a str),
}

impl fmt::Display for Anchor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Row(n) => write!(f, "r{n}"),
            Anchor::EvaluatedProject(n) => write!(f, "p{n}"),
            Anchor::EvaluatedRow { project, row } => write!(f, "p{project}-r{row}"),
            Anchor::Rule(code) => f.write_str(code),
        }
    }
}

/// One page or file of the site, by kind. `page` fields hold the path of the page a file sits
/// beneath, as [`Address::path`] gave it (`2024/130529/414/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address<'a> {
    /// The home page: the empty path.
    Home,
    /// A year's page: `2024/`.
    Year(u16),
    /// A region's page in a year: `2024/130529/`.
    Region {
        /// The budget year.
        year: u16,
        /// The region's key (a GB/T 2260 code or a slug).
        region: &'a str,
    },
    /// A department's page in a year: `2024/130529/414/`.
    Department {
        /// The budget year.
        year: u16,
        /// The region's key.
        region: &'a str,
        /// The department's key: its file's name without `.yaml`.
        dept: &'a str,
    },
    /// A project's page beneath its department's: `2024/130529/414/CODE/`.
    Project {
        /// The department page's path.
        department: &'a str,
        /// The project's key (its code or `id`; `_` when it has neither).
        key: &'a str,
    },
    /// An archived revision of a corrected department, kept beneath its page: `…/rev.1/`.
    Revision {
        /// The department page's path.
        department: &'a str,
        /// The revision's number, from 1.
        number: usize,
    },
    /// A data file beneath a page: `…/data.json`, `…/data.csv`.
    Data {
        /// The page's path.
        page: &'a str,
        /// Which file.
        format: DataFormat,
    },
    /// A document's source file, published beneath its page: `…/source/NAME`.
    Source {
        /// The page's path.
        page: &'a str,
        /// The file's name under `content/sources/`.
        name: &'a str,
    },
    /// A year's data package, describing its data files' fields: `2024/datapackage.json`.
    Datapackage(u16),
    /// The JSON Table Schema of a year's indicator CSVs: `2024/indicators.schema.json`, or
    /// with the self-evaluation's columns `2024/indicators-selfeval.schema.json`.
    IndicatorSchema {
        /// The year.
        year: u16,
        /// The schema of the CSVs that carry a self-evaluation's columns.
        selfeval: bool,
    },
    /// A year's bundle of pages and data: `downloads/2024.zip`, `downloads/2024.tar.gz`.
    Bundle {
        /// The year.
        year: u16,
        /// Which archive.
        format: BundleFormat,
    },
    /// A Markdown page of `content/pages/`: `about/`.
    Text {
        /// The file's name without `.md`.
        slug: &'a str,
    },
    /// The search page: `search/`.
    Search,
    /// A file of the search index, beneath the search page: `search/t/12.bin`.
    SearchData {
        /// Its path inside the index.
        file: &'a str,
    },
    /// The page of review rules: `rules/`.
    Rules,
    /// The page shown for an address that has none: `404.html`.
    NotFound,
    /// The comparisons' index: `compare/`.
    CompareIndex,
    /// A year's overview of every department: `compare/2024/`.
    CompareOverview(u16),
    /// One region's part of a year's overview: `compare/2024/by-region/130529/`.
    CompareOverviewRegion {
        /// The year.
        year: u16,
        /// The region's key.
        region: &'a str,
    },
    /// A metric's table for a year: `compare/2024/food-inspection/`.
    CompareMetric {
        /// The year.
        year: u16,
        /// The metric's key in `content/metrics.yaml`.
        metric: &'a str,
    },
    /// One region's rows of a metric's table, when the table is shown region by region:
    /// `compare/2024/food-inspection/130529/`.
    CompareMetricRegion {
        /// The year.
        year: u16,
        /// The metric's key.
        metric: &'a str,
        /// The region's key.
        region: &'a str,
    },
    /// A region's table of a metric across years: `compare/region/130529/food-inspection/`.
    CompareRegion {
        /// The region's key.
        region: &'a str,
        /// The metric's key.
        metric: &'a str,
    },
    /// The self-evaluations' index: `selfeval/`.
    SelfEvalIndex,
    /// A self-evaluation's page: `selfeval/2024/130529/414/`.
    SelfEval {
        /// Its file under `content/selfeval/`, without `.yaml` (`2024/130529/414`).
        file: &'a str,
    },
    /// The feed of newly published documents: `feed.xml`.
    Feed,
    /// The sitemap: `sitemap.xml`, or one part of a sitemap too long for one file:
    /// `sitemap-2.xml` (from 1).
    Sitemap {
        /// The part's number; `None` for `sitemap.xml` itself.
        part: Option<usize>,
    },
    /// What crawlers may read: `robots.txt`.
    Robots,
    /// The theme's stylesheet: `style.css`.
    Stylesheet,
    /// The site's icon: `favicon.svg`.
    Favicon,
    /// The search page's script: `search.js`.
    SearchScript,
}

impl Address<'_> {
    /// The site-relative path: a page's ends with `/` (written as `index.html` inside it),
    /// except [`Address::NotFound`]; the home page's is empty.
    pub fn path(&self) -> String {
        self.to_string()
    }

    /// The link to it, with the site's `base` path (`/`, `/yjsgk/`).
    pub fn href(&self, base: &str) -> String {
        format!("{base}{self}")
    }

    /// The link to `anchor` on it, with the site's `base` path.
    pub fn href_at(&self, base: &str, anchor: Anchor) -> String {
        format!("{base}{self}#{anchor}")
    }
}

impl fmt::Display for Address<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Address::Home => Ok(()),
            Address::Year(year) => write!(f, "{year}/"),
            Address::Region { year, region } => write!(f, "{year}/{region}/"),
            Address::Department { year, region, dept } => write!(f, "{year}/{region}/{dept}/"),
            Address::Project { department, key } => write!(f, "{department}{key}/"),
            Address::Revision { department, number } => write!(f, "{department}rev.{number}/"),
            Address::Data { page, format } => match format {
                DataFormat::Json => write!(f, "{page}data.json"),
                DataFormat::Csv => write!(f, "{page}data.csv"),
                DataFormat::OverviewCsv => write!(f, "{page}overview.csv"),
            },
            Address::Source { page, name } => write!(f, "{page}source/{name}"),
            Address::Datapackage(year) => write!(f, "{year}/datapackage.json"),
            Address::IndicatorSchema { year, selfeval } => match selfeval {
                false => write!(f, "{year}/indicators.schema.json"),
                true => write!(f, "{year}/indicators-selfeval.schema.json"),
            },
            Address::Bundle { year, format } => match format {
                BundleFormat::Zip => write!(f, "downloads/{year}.zip"),
                BundleFormat::TarGz => write!(f, "downloads/{year}.tar.gz"),
            },
            Address::Text { slug } => write!(f, "{slug}/"),
            Address::Search => f.write_str("search/"),
            Address::SearchData { file } => write!(f, "search/{file}"),
            Address::Rules => f.write_str("rules/"),
            Address::NotFound => f.write_str("404.html"),
            Address::CompareIndex => f.write_str("compare/"),
            Address::CompareOverview(year) => write!(f, "compare/{year}/"),
            Address::CompareOverviewRegion { year, region } => {
                write!(f, "compare/{year}/by-region/{region}/")
            }
            Address::CompareMetric { year, metric } => write!(f, "compare/{year}/{metric}/"),
            Address::CompareMetricRegion {
                year,
                metric,
                region,
            } => write!(f, "compare/{year}/{metric}/{region}/"),
            Address::CompareRegion { region, metric } => {
                write!(f, "compare/region/{region}/{metric}/")
            }
            Address::SelfEvalIndex => f.write_str("selfeval/"),
            Address::SelfEval { file } => write!(f, "selfeval/{file}/"),
            Address::Feed => f.write_str("feed.xml"),
            Address::Sitemap { part: None } => f.write_str("sitemap.xml"),
            Address::Sitemap { part: Some(n) } => write!(f, "sitemap-{n}.xml"),
            Address::Robots => f.write_str("robots.txt"),
            Address::Stylesheet => f.write_str("style.css"),
            Address::Favicon => f.write_str("favicon.svg"),
            Address::SearchScript => f.write_str("search.js"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_address_as_published() {
        let dept = Address::Department {
            year: 2024,
            region: "130529",
            dept: "414",
        }
        .path();
        let cases = [
            (Address::Home, ""),
            (Address::Year(2024), "2024/"),
            (
                Address::Region {
                    year: 2024,
                    region: "130529",
                },
                "2024/130529/",
            ),
            (
                Address::Project {
                    department: &dept,
                    key: "130529240001",
                },
                "2024/130529/414/130529240001/",
            ),
            (
                Address::Revision {
                    department: &dept,
                    number: 2,
                },
                "2024/130529/414/rev.2/",
            ),
            (
                Address::Data {
                    page: &dept,
                    format: DataFormat::Csv,
                },
                "2024/130529/414/data.csv",
            ),
            (
                Address::Source {
                    page: &dept,
                    name: "414.pdf",
                },
                "2024/130529/414/source/414.pdf",
            ),
            (
                Address::Bundle {
                    year: 2024,
                    format: BundleFormat::TarGz,
                },
                "downloads/2024.tar.gz",
            ),
            (Address::NotFound, "404.html"),
            (Address::Sitemap { part: None }, "sitemap.xml"),
            (Address::Sitemap { part: Some(2) }, "sitemap-2.xml"),
            (
                Address::IndicatorSchema {
                    year: 2024,
                    selfeval: true,
                },
                "2024/indicators-selfeval.schema.json",
            ),
            (
                Address::CompareMetricRegion {
                    year: 2024,
                    metric: "food",
                    region: "130529",
                },
                "compare/2024/food/130529/",
            ),
            (
                Address::SelfEval {
                    file: "2023/130529/414",
                },
                "selfeval/2023/130529/414/",
            ),
        ];
        assert_eq!(dept, "2024/130529/414/");
        for (address, path) in cases {
            assert_eq!(address.path(), path, "{address:?}");
            assert_eq!(address.href("/yjsgk/"), format!("/yjsgk/{path}"));
        }
        assert_eq!(
            Address::SelfEval { file: "2023/1/2" }
                .href_at("/", Anchor::EvaluatedRow { project: 1, row: 3 }),
            "/selfeval/2023/1/2/#p1-r3"
        );
        assert_eq!(
            Address::Rules.href_at("/", Anchor::Rule("cost-floor")),
            "/rules/#cost-floor"
        );
    }
}
