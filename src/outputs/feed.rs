//! `feed.xml`: an Atom feed with one entry per published department document and one per
//! declared correction (更正), so that readers and archivists learn of new disclosures and
//! corrections without visiting the site. Dates come from the documents (公开日期, the
//! correction's date), or 1 January of the budget year when none is given, never from the
//! clock, so the feed is the same build after build.

use crate::config::Config;
use crate::content::tree::Tree;
use crate::xml::escape;

/// The entry date of a document: its `published` date when it is `YYYY-MM-DD`.
fn date(published: Option<&str>, year: u16) -> String {
    match published {
        Some(d)
            if d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }) =>
        {
            format!("{d}T00:00:00Z")
        }
        _ => format!("{year}-01-01T00:00:00Z"),
    }
}

/// The Atom feed of every department document in `tree`, newest first.
pub fn atom(config: &Config, tree: &Tree) -> Vec<u8> {
    let mut entries: Vec<(String, String)> = tree
        .years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|r| r.departments.iter().map(move |d| (r, d)))
        .flat_map(|(r, d)| {
            let url = format!("{}{}", config.base_url, d.path);
            // One entry per correction, dated from the correction, pointing at the notice.
            let page = url.clone();
            let corrections = d.corrections.iter().enumerate().map(move |(i, c)| {
                let when = format!("{}T00:00:00Z", c.date.as_str());
                let id = format!("{page}#revision-{}", i + 2);
                let xml = format!(
                    "<entry><title>{}</title><link href=\"{}\"/><id>{}</id><updated>{when}</updated><summary>{}</summary></entry>\n",
                    escape(&format!("更正：{} {}年部门预算绩效目标（第{}版）", d.name, d.year, i + 2)),
                    escape(&page),
                    escape(&id),
                    escape(&format!("{}。{}", c.reason, c.changes.join("；"))),
                );
                (format!("{when}\u{0}{id}"), xml)
            });
            let when = date(d.published.as_deref(), d.year);
            let xml = format!(
                "<entry><title>{}</title><link href=\"{}\"/><id>{}</id><updated>{when}</updated><summary>{} {}年：{} 个项目，预算 {} 万元，{} 条绩效指标（{}）</summary></entry>\n",
                escape(&format!("{} {}年部门预算绩效目标", d.name, d.year)),
                escape(&url),
                escape(&url),
                escape(&r.full_name),
                d.year,
                d.totals.projects,
                d.totals.budget,
                d.totals.indicators,
                d.status,
            );
            std::iter::once((format!("{when}\u{0}{}", d.path), xml)).chain(corrections)
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    let updated = entries
        .first()
        .map_or("1970-01-01T00:00:00Z", |e| {
            e.0.split('\u{0}').next().unwrap_or("")
        })
        .to_string();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>{}</title>\n<link href=\"{}\"/>\n<link rel=\"self\" href=\"{}{}\"/>\n<id>{}</id>\n<updated>{updated}</updated>\n<author><name>{}</name></author>\n",
        escape(&config.title),
        escape(&config.base_url),
        escape(&config.base_url),
        crate::address::Address::Feed,
        escape(&config.base_url),
        escape(&config.title),
    );
    for (_, xml) in entries {
        out.push_str(&xml);
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn dates_come_from_the_document_or_the_year() {
        assert_eq!(date(Some("2024-02-01"), 2024), "2024-02-01T00:00:00Z");
        assert_eq!(date(Some("2024年2月"), 2024), "2024-01-01T00:00:00Z");
        assert_eq!(date(None, 2021), "2021-01-01T00:00:00Z");
    }
}
