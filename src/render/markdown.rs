//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes anything unsafe, so a
//! `<script>` typed into a goal reaches the page as text or not at all.

use crate::content::nesting::{options, too_deep};
use pulldown_cmark::{Event, Parser, html};

/// Renders Markdown to sanitised HTML. Raw HTML in the source is shown as text. Text nested
/// deeper than [`crate::content::nesting::MAX_NESTING`] (which `check` and the build refuse first) is shown as plain
/// escaped text instead of being rendered.
pub fn to_html(markdown: &str) -> String {
    if too_deep(markdown).is_some() {
        return format!("<p>{}</p>", crate::xml::escape(markdown));
    }
    let parser = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&out)
        .to_string()
}

/// The first `# ` heading of a Markdown page, used as its title.
pub fn title(markdown: &str) -> Option<&str> {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text() {
        let html = to_html("加强监管<script>alert(1)</script>。");
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn chinese_angle_text_is_kept() {
        let html =
            to_html("按照《关于印发<防范化解安全生产重要风险专题调度会会议纪要>的通知》的要求");
        assert!(
            html.contains("&lt;防范化解安全生产重要风险专题调度会会议纪要&gt;"),
            "{html}"
        );
    }

    #[test]
    fn deep_nesting_is_found_and_never_rendered() {
        for deep in [
            format!("# 标题\n\n{} 引用", ">".repeat(10_000)),
            format!("第一行\n{}x", "- ".repeat(5_000)),
        ] {
            assert!(too_deep(&deep).is_some(), "{}", &deep[..40]);
            let html = to_html(&deep);
            assert!(html.starts_with("<p>"), "{}", &html[..40]);
        }
        // Emphasis and links: refused or rendered, never a stack overflow.
        for deep in [
            format!("{}x{}", "*_".repeat(3_000), "_*".repeat(3_000)),
            format!("{}x{}", "[".repeat(3_000), "](a)".repeat(3_000)),
            format!("{}x{}", "<".repeat(3_000), ">".repeat(3_000)),
        ] {
            assert!(!to_html(&deep).is_empty());
        }
        assert_eq!(too_deep(&format!("一\n二\n{} 三", ">".repeat(40))), Some(3));
        assert_eq!(too_deep("> 引用\n>> 二层\n\n- 列表\n  - 子项"), None);
    }

    #[test]
    fn javascript_links_are_removed() {
        let html = to_html("[点我](javascript:alert(1))");
        assert!(!html.contains("javascript:"), "{html}");
    }
}
