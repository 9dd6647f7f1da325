//! Internal link checking: every `href` and `src` that points inside the site must name a page
//! or file that the build wrote, and every `#anchor` must exist on its page. Links are kept
//! once per distinct target, so checking 100,000 pages costs megabytes, not gigabytes.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

/// What the build has seen: each page's anchors and each distinct internal link target.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Page (site-relative, `2024/x/`) → its element ids, space-separated.
    ids: HashMap<String, String>,
    /// Link target (`2024/x/#r3`) → the first page that links to it, as its place in
    /// `pages`: a provincial site has a million distinct targets, and a page's name is kept
    /// once for all the targets it links to first.
    targets: HashMap<Box<str>, u32>,
    /// The pages that link first to some target.
    pages: Vec<Box<str>>,
    /// Links to anchors missing from their own page, found while scanning.
    broken: BTreeSet<String>,
}

/// The values of the attribute `attr` (written with its leading space and `=`: ` id=`) in
/// `html`: in double or single quotes, or without quotes as the minifier leaves a value that
/// needs none (up to the next space or `>`).
fn attr_values<'a>(html: &'a [u8], attr: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let finder = memchr::memmem::Finder::new(attr);
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let i = finder.find(rest)?;
            rest = &rest[i + attr.len()..];
            let (value, after) = match rest.first() {
                Some(&q @ (b'"' | b'\'')) => {
                    let body = &rest[1..];
                    let end = memchr::memchr(q, body)?;
                    (&body[..end], &body[end + 1..])
                }
                _ => rest.split_at(
                    (rest
                        .iter()
                        .position(|b| matches!(b, b' ' | b'>' | b'\t' | b'\n' | b'\r')))
                    .unwrap_or(rest.len()),
                ),
            };
            rest = after;
            // A page is made from text: a value that is not is no link to check.
            if let Ok(value) = std::str::from_utf8(value) {
                return Some(value);
            }
        }
    })
}

impl LinkIndex {
    /// Records the ids and internal links of `page` (site-relative, `2024/x/`), whose HTML is
    /// `html` as rendered (attribute values quoted or not); `base` is the site's base path.
    pub fn add_page(&mut self, page: &str, html: impl AsRef<[u8]>, base: &str) {
        let html = html.as_ref();
        let ids: Vec<&str> = attr_values(html, " id=").collect();
        // A set, not a scan of the list: a project of 40,000 rows links to each of its rows.
        let id_set: HashSet<&str> = ids.iter().copied().collect();
        let mut this_page: Option<u32> = None;
        for value in attr_values(html, " href=").chain(attr_values(html, " src=")) {
            let Some(target) = internal(value, base) else {
                continue;
            };
            // A link to an anchor of the page itself is checked here and now.
            let own = match target.split_once('#') {
                Some(("", a)) => Some(a),
                Some((p, a)) if p == page => Some(a),
                _ => None,
            };
            match own {
                Some(a) => {
                    if !a.is_empty() && !id_set.contains(a) {
                        self.broken.insert(format!(
                            "/{page}: link to #{a} names no anchor on that page"
                        ));
                    }
                }
                // Most links (the header, the breadcrumbs) were seen on earlier pages.
                None if self.targets.contains_key(target.as_ref()) => {}
                None => {
                    let at = *this_page.get_or_insert_with(|| {
                        self.pages.push(page.into());
                        (self.pages.len() - 1) as u32
                    });
                    self.targets.insert(target.into(), at);
                }
            }
        }
        if !ids.is_empty() {
            self.ids.insert(page.to_string(), ids.join(" "));
        }
    }

    /// Records only the ids of a page published as it was (a frozen year's minified page,
    /// whose attribute values may be unquoted), so links from live pages to it are checked.
    pub fn add_anchors(&mut self, page: &str, html: &str) {
        let ids: Vec<&str> = attr_values(html.as_bytes(), " id=").collect();
        if !ids.is_empty() {
            self.ids.insert(page.to_string(), ids.join(" "));
        }
    }

    /// The element ids of `page` (site-relative, `2024/x/`) seen so far, space-separated.
    pub fn ids_of(&self, page: &str) -> Option<&str> {
        self.ids.get(page).map(String::as_str)
    }

    /// Records the ids of a page published unchanged, as [`LinkIndex::ids_of`] gave them
    /// when it was made.
    pub fn add_ids(&mut self, page: &str, ids: String) {
        if !ids.is_empty() {
            self.ids.insert(page.to_string(), ids);
        }
    }

    /// Adds what another index has seen.
    pub fn merge(&mut self, other: LinkIndex) {
        self.ids.extend(other.ids);
        let offset = self.pages.len() as u32;
        self.pages.extend(other.pages);
        for (t, p) in other.targets {
            self.targets.entry(t).or_insert(p + offset);
        }
        self.broken.extend(other.broken);
    }

    /// Checks every link against the files written (`exists` is true for the site-relative
    /// path of a file the build wrote); one message per broken link, sorted. The targets
    /// are sorted and checked on every core, in runs that each begin a page's targets.
    pub fn check(self, exists: impl Fn(&str) -> bool + Sync) -> Vec<String> {
        let LinkIndex {
            ids,
            targets,
            pages,
            mut broken,
        } = self;
        // The targets, moved out of their map into a list sorted in place: a sorted map
        // borrowing them cost ≈ 100 MiB beside the map at 30,000 departments (a million
        // targets); the list takes the map's place.
        let mut sorted: Vec<(Box<str>, u32)> = targets.into_iter().collect();
        sorted.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let runs = runs_by_page(&sorted, rayon::current_num_threads() * 8);
        let found: Vec<Vec<String>> = (runs.par_iter())
            .map(|run| check_run(run, &ids, &pages, &exists))
            .collect();
        broken.extend(found.into_iter().flatten());
        broken.into_iter().collect()
    }
}

/// The page of a link target (`2024/x/` of `2024/x/#r3`).
fn target_page(target: &str) -> &str {
    target.split_once('#').map_or(target, |(p, _)| p)
}

/// `sorted` cut into about `n` runs of equal length, each cut moved on to where a page's
/// targets begin, so that no page's targets are split between two runs.
fn runs_by_page<T>(sorted: &[(Box<str>, T)], n: usize) -> Vec<&[(Box<str>, T)]> {
    let step = sorted.len().div_ceil(n.max(1)).max(1);
    let mut runs = Vec::new();
    let mut rest = sorted;
    while rest.len() > step {
        let page = target_page(&rest[step - 1].0);
        let end = step
            + (rest[step..].iter())
                .take_while(|(t, _)| target_page(t) == page)
                .count();
        let (run, after) = rest.split_at(end);
        runs.push(run);
        rest = after;
    }
    if !rest.is_empty() {
        runs.push(rest);
    }
    runs
}

/// The broken links among the sorted targets `run` (with the pages that link to them first).
fn check_run(
    run: &[(Box<str>, u32)],
    ids: &HashMap<String, String>,
    pages: &[Box<str>],
    exists: &(impl Fn(&str) -> bool + Sync),
) -> Vec<String> {
    let mut broken = Vec::new();
    // Sorted, a page's anchored targets come together: its ids are put in a set once.
    let mut page_ids: Option<(&str, HashSet<&str>)> = None;
    for (target, page) in run {
        let (target, page) = (&**target, &*pages[*page as usize]);
        let (path, anchor) = target
            .split_once('#')
            .map_or((target, None), |(p, a)| (p, Some(a)));
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        if !exists(&file) {
            broken.push(format!("/{page}: link to /{target} points to no page"));
        } else if let Some(a) = anchor
            && !a.is_empty()
            && !{
                if page_ids.as_ref().is_none_or(|(p, _)| *p != path) {
                    let set = (ids.get(path).into_iter())
                        .flat_map(|ids| ids.split(' '))
                        .collect();
                    page_ids = Some((path, set));
                }
                page_ids.as_ref().is_some_and(|(_, set)| set.contains(a))
            }
        {
            broken.push(format!(
                "/{page}: link to /{target} names no anchor on that page"
            ));
        }
    }
    broken
}

/// The site-relative target of `href` (`2024/x/#r3`), or `#r3` for an anchor of the page
/// itself; none for a link that leaves the site.
fn internal<'a>(href: &'a str, base: &str) -> Option<Cow<'a, str>> {
    let href = if href.contains("&amp;") {
        Cow::Owned(href.replace("&amp;", "&"))
    } else {
        Cow::Borrowed(href)
    };
    if href.starts_with('#') {
        return Some(href);
    }
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("//") {
        return None;
    }
    let end = href.find('?').unwrap_or(href.len());
    match href {
        Cow::Borrowed(h) => Some(Cow::Borrowed(h[..end].strip_prefix(base)?)),
        Cow::Owned(h) => Some(Cow::Owned(h[..end].strip_prefix(base)?.to_string())),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_are_cut_where_a_page_s_targets_begin() {
        let targets: Vec<(Box<str>, u32)> =
            ["a/", "a/#1", "a/#2", "a/#3", "b/", "b/#1", "c/", "d/#9"]
                .into_iter()
                .map(|t| (Box::from(t), 0))
                .collect();
        let names = |runs: Vec<&[(Box<str>, u32)]>| -> Vec<Vec<String>> {
            (runs.iter())
                .map(|r| r.iter().map(|(t, _)| t.to_string()).collect())
                .collect()
        };
        assert_eq!(
            names(super::runs_by_page(&targets, 4)),
            [
                vec!["a/", "a/#1", "a/#2", "a/#3"],
                vec!["b/", "b/#1"],
                vec!["c/", "d/#9"],
            ]
        );
        assert_eq!(names(super::runs_by_page(&targets, 1)).len(), 1);
        assert_eq!(names(super::runs_by_page(&targets, 100)).len(), 4);
        assert!(super::runs_by_page::<u32>(&[], 4).is_empty());
    }

    #[test]
    fn forty_thousand_rows_are_checked_against_a_set() {
        // A project page of 40,000 rows, each linked from the page itself and from a
        // comparison page; one link names a row that does not exist.
        let n = 40_000;
        let rows: String = (1..=n)
            .map(|i| format!("<tr id=\"r{i}\"><td><a href=\"#r{i}\">{i}</a></td></tr>"))
            .collect();
        let mut index = LinkIndex::default();
        index.add_page("2024/x/p/", &rows, "/");
        let links: String = (1..=n + 1)
            .map(|i| format!("<a href=\"/2024/x/p/#r{i}\"></a>"))
            .collect();
        index.add_page("compare/2024/", &links, "/");
        let files: HashSet<&str> = ["2024/x/p/index.html", "compare/2024/index.html"].into();
        let broken = index.check(|p| files.contains(p));
        assert_eq!(
            broken,
            [format!(
                "/compare/2024/: link to /2024/x/p/#r{} names no anchor on that page",
                n + 1
            )]
        );
    }
    use super::*;

    #[test]
    fn reads_links_and_ids_with_or_without_quotes() {
        // Pages of minified templates: a template's own values lose their quotes, the values
        // a page fills in keep them.
        let mut index = LinkIndex::default();
        index.add_page(
            "2024/x/",
            "<main id=main><a href=#main>a</a><a href=\"/2024/y/#r1\">y</a><a href='/2024/z/'>z</a><a href=#gone>g</a></main>",
            "/",
        );
        let files: HashSet<&str> = ["2024/x/index.html", "2024/y/index.html"].into();
        assert_eq!(
            index.check(|p| files.contains(p)),
            [
                "/2024/x/: link to #gone names no anchor on that page",
                "/2024/x/: link to /2024/y/#r1 names no anchor on that page",
                "/2024/x/: link to /2024/z/ points to no page",
            ]
        );
    }

    #[test]
    fn reads_ids_of_minified_pages() {
        let mut index = LinkIndex::default();
        index.add_anchors("2021/x/", "<tr id=r5><td id=\"a b\">x</td><p id=last>");
        index.add_page("compare/", "<a href=\"/2021/x/#r5\"></a><a href=\"/2021/x/#last\"></a><a href=\"/2021/x/#r6\"></a>", "/");
        let files: HashSet<&str> = ["2021/x/index.html", "compare/index.html"].into();
        assert_eq!(
            index.check(|p| files.contains(p)),
            ["/compare/: link to /2021/x/#r6 names no anchor on that page"]
        );
    }

    #[test]
    fn a_broken_link_names_the_first_page_linking_to_it_after_merges() {
        // Pages of three indexes, merged as the build merges its threads' indexes: each
        // broken target must still name the page that linked to it first.
        let mut first = LinkIndex::default();
        first.add_page("2024/a/", r#"<a href="/2024/gone/">g</a>"#, "/");
        let mut second = LinkIndex::default();
        second.add_page(
            "2024/b/",
            r#"<a href="/2024/gone/">g</a><a href="/2024/x/">x</a>"#,
            "/",
        );
        second.add_page("2024/c/", r#"<a href="/2024/lost/">l</a>"#, "/");
        let mut third = LinkIndex::default();
        third.add_page(
            "2024/d/",
            r#"<a href="/2024/lost/">l</a><a href="/2024/x/#r7">r</a>"#,
            "/",
        );
        first.merge(second);
        first.merge(third);
        let files: HashSet<&str> = ["2024/x/index.html"].into();
        assert_eq!(
            first.check(|p| files.contains(p)),
            vec![
                "/2024/a/: link to /2024/gone/ points to no page",
                "/2024/c/: link to /2024/lost/ points to no page",
                "/2024/d/: link to /2024/x/#r7 names no anchor on that page",
            ]
        );
    }

    #[test]
    fn finds_broken_pages_and_anchors() {
        let html = r##"<a href="/yj/2024/">年</a><a href="#r1">1</a><a href="#r2">2</a><a href="/yj/2024/x/#r9">x</a><a href="/yj/2024/y/#r1">y</a><a href="https://a.cn/">o</a><tr id="r1">"##;
        let mut index = LinkIndex::default();
        index.add_page("2024/x/", html, "/yj/");
        let mut other = LinkIndex::default();
        other.add_page("2024/y/", r#"<p id="r1">"#, "/yj/");
        index.merge(other);
        let files: HashSet<&str> = ["2024/x/index.html", "2024/y/index.html"].into();
        let broken = index.check(|p| files.contains(p));
        assert_eq!(broken.len(), 3, "{broken:?}");
        assert!(
            broken
                .iter()
                .any(|b| b.contains("link to /2024/ points to no page")),
            "{broken:?}"
        );
        assert!(
            broken.iter().any(|b| b.contains("#r2 names no anchor")),
            "{broken:?}"
        );
        assert!(
            broken.iter().any(|b| b.contains("#r9 names no anchor")),
            "{broken:?}"
        );
    }
}
