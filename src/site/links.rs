//! Internal link checking: every `href` and `src` that points inside the site must name a page
//! or file that the build wrote, and every `#anchor` must exist on its page.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What one page contributes to the check.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// Element ids on the page.
    pub ids: Vec<String>,
    /// Internal links, as site-relative targets (`2024/130529/` or `2024/x/#r3`).
    pub links: Vec<String>,
}

/// Pulls ids and internal links out of a page's HTML. `base` is the site's base path.
pub fn scan(html: &str, base: &str, page_dir: &str) -> PageLinks {
    let mut out = PageLinks::default();
    for (attr, is_id) in [(" id=\"", true), (" href=\"", false), (" src=\"", false)] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = &rest[..end];
            if is_id {
                out.ids.push(value.to_string());
            } else if let Some(target) = internal(value, base, page_dir) {
                out.links.push(target);
            }
        }
    }
    out
}

fn internal(href: &str, base: &str, page_dir: &str) -> Option<String> {
    let href = href.replace("&amp;", "&");
    if href.starts_with('#') {
        return Some(format!("{page_dir}{href}"));
    }
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("//") {
        return None;
    }
    let rel = href.strip_prefix(base)?;
    Some(rel.split('?').next().unwrap_or(rel).to_string())
}

/// Checks collected links against the files written; returns one message per broken link.
pub fn check(pages: &BTreeMap<String, PageLinks>, files: &HashSet<String>) -> Vec<String> {
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(p, l)| (p.as_str(), l.ids.iter().map(String::as_str).collect()))
        .collect();
    let mut broken = BTreeSet::new();
    for (page, l) in pages {
        for link in &l.links {
            let (path, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            if !files.contains(&file) {
                broken.insert(format!("/{page}: link to /{link} points to no page"));
            } else if let Some(a) = anchor
                && !a.is_empty()
                && !ids.get(path).is_some_and(|set| set.contains(a))
            {
                broken.insert(format!(
                    "/{page}: link to /{link} names no anchor on that page"
                ));
            }
        }
    }
    broken.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_pages_and_anchors() {
        let html = r##"<a href="/yj/2024/">年</a><a href="#r1">1</a><a href="/yj/2024/x/#r9">x</a><a href="https://a.cn/">o</a><tr id="r1">"##;
        let l = scan(html, "/yj/", "2024/x/");
        assert_eq!(l.links, vec!["2024/", "2024/x/#r1", "2024/x/#r9"]);
        assert_eq!(l.ids, vec!["r1"]);
        let mut pages = BTreeMap::new();
        pages.insert("2024/x/".to_string(), l);
        let files: HashSet<String> = ["2024/x/index.html".to_string()].into();
        let broken = check(&pages, &files);
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken[0].contains("/2024/ points to no page"));
        assert!(broken[1].contains("#r9 names no anchor"));
    }
}
