//! What every page has, whatever its kind: the site-wide values every template receives
//! ([`SiteMeta`]), a page's title, address, breadcrumbs and banners ([`PageMeta`], made by
//! [`meta`]), and a document's source link.

use crate::address::Address;
use crate::config::Config;
use crate::content::tree::Tree;
use serde::Serialize;

/// A link in the breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// The label.
    pub name: String,
    /// The address (with the base path).
    pub href: String,
}

/// What every page has: its title, address, breadcrumbs and publication date.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The page title.
    pub title: String,
    /// Site-relative path (`2024/130529/414/`), empty for the home page.
    pub path: String,
    /// Full canonical address.
    pub canonical: String,
    /// Breadcrumbs, home first; the last one is the page itself.
    pub crumbs: Vec<Crumb>,
    /// The document's 公开日期 as shown (with a note when it is the site's default); none on
    /// pages that show no single document.
    pub published: Option<String>,
    /// Set on pages of a past year: the 历史归档 banner.
    pub history: Option<History>,
    /// Set on the pages of a corrected document: the 更正 notice.
    pub notice: Option<Notice>,
    /// Set on the pages of one document: where its text was taken from.
    pub source: Option<Source>,
}

/// Where a document's text was taken from, as its pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The file name or address, as the document names it.
    pub name: String,
    /// A link to it: the address itself, or the file copied into the site; none when the file
    /// is not published with the site.
    pub href: Option<String>,
}

/// The folder under `content/` whose files are published beside the departments naming them
/// as their `source`.
pub const SOURCES: &str = "sources";

/// A source file name that can be published as is: letters, digits, `.`, `_` and `-`, not
/// starting with a dot.
pub(crate) fn publishable(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The correction notice of a corrected document's pages.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// The revision shown: 1 + the number of corrections.
    pub revision: usize,
    /// The corrections, oldest first.
    pub corrections: Vec<crate::content::model::Correction>,
    /// Earlier revisions kept at their own address: (label, link).
    pub revisions: Vec<Crumb>,
}

/// The banner of a past year's page, pointing to the latest year.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The page's year.
    pub year: u16,
    /// When the year was frozen, if it is frozen.
    pub archived: Option<String>,
    /// The latest year.
    pub latest_year: u16,
    /// The same department (or region, or the year) in the latest year.
    pub latest_href: String,
    /// What `latest_href` is: 本部门, 本地区, or empty for the year.
    pub latest_label: &'static str,
}

/// The links every page may show: the site's own pages and files.
#[derive(Debug, Clone, Serialize)]
pub struct SiteLinks {
    /// The home page.
    pub home: String,
    /// The stylesheet.
    pub style: String,
    /// The icon.
    pub favicon: String,
    /// The feed of newly published documents.
    pub feed: String,
    /// The search page.
    pub search: String,
    /// The search page's script.
    pub search_script: String,
    /// The comparisons' index.
    pub compare: String,
    /// The self-evaluations' index.
    pub selfeval: String,
    /// The review rules.
    pub rules: String,
}

impl SiteLinks {
    /// The links under the base path `base`.
    pub fn new(base: &str) -> SiteLinks {
        SiteLinks {
            home: Address::Home.href(base),
            style: Address::Stylesheet.href(base),
            favicon: Address::Favicon.href(base),
            feed: Address::Feed.href(base),
            search: Address::Search.href(base),
            search_script: Address::SearchScript.href(base),
            compare: Address::CompareIndex.href(base),
            selfeval: Address::SelfEvalIndex.href(base),
            rules: Address::Rules.href(base),
        }
    }
}

/// Site-wide values every template receives.
#[derive(Debug, Clone, Serialize)]
pub struct SiteMeta {
    /// Site title.
    pub title: String,
    /// Base path, starting and ending with `/`.
    pub base: String,
    /// The links every page may show.
    pub links: SiteLinks,
    /// Footer line.
    pub publisher: Option<String>,
    /// The 纠错/联系 line.
    pub contact: Option<String>,
    /// The date of this build (`YYYY-MM-DD`), shown in every footer.
    pub built: String,
    /// The 公开日期 shown for documents that state none.
    #[serde(skip)]
    pub default_published: Option<String>,
    /// Markdown pages, for the footer menu.
    pub pages: Vec<Crumb>,
    /// The latest year and the region and department paths it has.
    #[serde(skip)]
    pub latest: Option<(u16, std::collections::HashSet<String>)>,
    /// Frozen years (and the one this build freezes) with their dates, for the banner.
    #[serde(skip)]
    pub archived: std::collections::BTreeMap<u16, String>,
    /// Archived revision numbers of corrected departments, by department path; each is
    /// published at `rev.N/` beneath the department.
    #[serde(skip)]
    pub revisions: std::collections::HashMap<String, Vec<usize>>,
    /// The years each department (`REGION/DEPT`) has a page in, newest first.
    #[serde(skip)]
    pub dept_years: std::collections::HashMap<String, Vec<u16>>,
    /// The self-evaluations (绩效自评) of the departments on the site.
    #[serde(skip)]
    pub selfevals: super::selfeval_index::SelfEvalIndex,
}

/// A rendered Markdown page from `content/pages/`.
#[derive(Debug, Clone, Serialize)]
pub struct MdPage {
    /// Slug: the file name without `.md`.
    pub slug: String,
    /// Title: the first `# ` heading.
    pub title: String,
    /// Sanitised HTML body.
    pub html: String,
}

impl SiteMeta {
    /// Site values from the settings, the Markdown pages and the tree; `archived` holds the
    /// frozen years with their dates.
    pub fn new(
        config: &Config,
        pages: &[MdPage],
        tree: &Tree,
        archived: std::collections::BTreeMap<u16, String>,
    ) -> SiteMeta {
        let base = config.base_path();
        let latest = tree.years.first().map(|y| {
            let paths = y
                .regions
                .iter()
                .flat_map(|r| {
                    std::iter::once(r.path.clone())
                        .chain(r.departments.iter().map(|d| d.path.clone()))
                })
                .collect();
            (y.year, paths)
        });
        let mut dept_years: std::collections::HashMap<String, Vec<u16>> = Default::default();
        for y in &tree.years {
            for d in y.regions.iter().flat_map(|r| &r.departments) {
                let key = format!("{}/{}", d.region, d.key);
                dept_years.entry(key).or_default().push(y.year);
            }
        }
        SiteMeta {
            latest,
            archived,
            dept_years,
            revisions: Default::default(),
            selfevals: Default::default(),
            title: config.title.clone(),
            pages: pages
                .iter()
                .map(|p| Crumb {
                    name: p.title.clone(),
                    href: Address::Text { slug: &p.slug }.href(&base),
                })
                .collect(),
            links: SiteLinks::new(&base),
            base,
            publisher: config.publisher.clone(),
            contact: config.contact.clone(),
            built: build_date(),
            default_published: config.default_published.clone(),
        }
    }

    /// The 公开日期 shown for a document dated `published`.
    pub fn published(&self, published: Option<&str>) -> String {
        match (published, &self.default_published) {
            (Some(d), _) => d.to_string(),
            (None, Some(d)) => format!("{d}（原文未注明，此为本站默认日期）"),
            (None, None) => "原文未注明".to_string(),
        }
    }

    /// The address of the site-relative `path`, with the base path.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// The date of this build, `YYYY-MM-DD`: today, or the day of `SOURCE_DATE_EPOCH` when set
/// (for reproducible builds).
fn build_date() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    match epoch.and_then(|s| s.trim().parse::<u64>().ok()) {
        Some(secs) => crate::publish::freeze::date_of(secs / 86_400),
        None => crate::publish::freeze::today(),
    }
}

/// The values of a page; `published` is set on the pages of one document: its 公开日期.
pub fn meta(
    site: &SiteMeta,
    config: &Config,
    title: String,
    path: &str,
    crumbs: Vec<(String, String)>,
    published: Option<Option<&str>>,
) -> PageMeta {
    let mut trail = vec![Crumb {
        name: "首页".into(),
        href: site.href(""),
    }];
    trail.extend(crumbs.into_iter().map(|(name, p)| Crumb {
        name,
        href: site.href(&p),
    }));
    PageMeta {
        history: history(site, path),
        notice: None,
        source: None,
        title,
        path: path.to_string(),
        canonical: format!("{}{path}", config.base_url),
        crumbs: trail,
        published: published.map(|p| site.published(p)),
    }
}

/// The banner of a page under `YEAR/` when YEAR is not the latest year.
fn history(site: &SiteMeta, path: &str) -> Option<History> {
    let (latest, paths) = site.latest.as_ref()?;
    let mut parts = path.split('/');
    let year: u16 = parts.next()?.parse().ok()?;
    if year >= *latest {
        return None;
    }
    let rest: Vec<&str> = parts.filter(|p| !p.is_empty()).take(2).collect();
    let year_index = (Address::Year(*latest).path(), "", *latest);
    let (href, label, to) = match rest.as_slice() {
        // A department's page points to the department's own newest year, which need not
        // be the site's: a department that published nothing later has no newer page, and
        // the banner then points to the latest year's index, never to another department.
        [region, dept] => {
            let newest = (site.dept_years.get(&format!("{region}/{dept}")))
                .and_then(|ys| ys.iter().copied().max())
                .filter(|y| *y > year);
            let at = |y: u16| {
                Address::Department {
                    year: y,
                    region,
                    dept,
                }
                .path()
            };
            match newest {
                Some(y) => (at(y), "本部门", y),
                None if site.dept_years.is_empty() && paths.contains(&at(*latest)) => {
                    (at(*latest), "本部门", *latest)
                }
                None => year_index,
            }
        }
        [region] => {
            let r = Address::Region {
                year: *latest,
                region,
            }
            .path();
            if paths.contains(&r) {
                (r, "本地区", *latest)
            } else {
                year_index
            }
        }
        _ => year_index,
    };
    Some(History {
        year,
        archived: site.archived.get(&year).cloned(),
        latest_year: to,
        latest_href: site.href(&href),
        latest_label: label,
    })
}

#[cfg(test)]
mod history_tests {
    use super::*;

    /// A department whose newest page is older than the site's latest year: its older pages
    /// point to that newest page; its newest page (past, but with nothing newer of its own)
    /// to the latest year's index.
    #[test]
    fn a_department_page_points_to_the_departments_own_newest_year() {
        let mut site = SiteMeta {
            title: String::new(),
            base: "/".into(),
            links: SiteLinks::new("/"),
            publisher: None,
            pages: vec![],
            latest: Some((2026, ["2026/".to_string(), "2026/130529/".into()].into())),
            contact: None,
            built: String::new(),
            default_published: None,
            archived: Default::default(),
            revisions: Default::default(),
            dept_years: Default::default(),
            selfevals: Default::default(),
        };
        site.dept_years
            .insert("130529/414".into(), vec![2024, 2023]);
        let h = history(&site, "2023/130529/414/").unwrap();
        assert_eq!(
            (h.latest_href.as_str(), h.latest_label, h.latest_year),
            ("/2024/130529/414/", "本部门", 2024)
        );
        let h = history(&site, "2024/130529/414/CODE/").unwrap();
        assert_eq!(
            (h.latest_href.as_str(), h.latest_label, h.latest_year),
            ("/2026/", "", 2026)
        );
    }

    #[test]
    fn past_pages_point_to_the_same_department_region_or_year_in_the_latest_year() {
        let paths = ["2024/130529/", "2024/130529/414/", "2024/130225/"];
        let site = SiteMeta {
            title: String::new(),
            base: "/yjsgk/".into(),
            links: SiteLinks::new("/yjsgk/"),
            publisher: None,
            pages: vec![],
            latest: Some((2024, paths.iter().map(|p| p.to_string()).collect())),
            contact: None,
            built: String::new(),
            default_published: None,
            archived: [(2023, "2026-01-05".into())].into(),
            revisions: Default::default(),
            dept_years: Default::default(),
            selfevals: Default::default(),
        };
        let h = history(&site, "2023/130529/414/CODE/").unwrap();
        assert_eq!(
            (h.latest_href.as_str(), h.latest_label),
            ("/yjsgk/2024/130529/414/", "本部门")
        );
        assert_eq!(h.archived.as_deref(), Some("2026-01-05"));
        let h = history(&site, "2022/130529/999/").unwrap();
        assert_eq!(h.latest_href, "/yjsgk/2024/");
        assert_eq!(h.archived, None);
        assert_eq!(
            history(&site, "2022/130529/").unwrap().latest_href,
            "/yjsgk/2024/130529/"
        );
        assert_eq!(history(&site, "2022/").unwrap().latest_href, "/yjsgk/2024/");
        assert!(history(&site, "2024/130529/").is_none());
        assert!(history(&site, "about/").is_none());
    }
}
