//! The addresses of the comparison pages, one function per page kind, used by the pages that
//! are those pages and by every page that links to them (a department's rows link to their
//! metric's table), so an address is written once.

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

/// Address of one region's rows of a metric in a year shown region by region.
pub fn metric_year_region_path(year: u16, metric: &str, region: &str) -> String {
    format!("{}{region}/", metric_path(year, metric))
}
