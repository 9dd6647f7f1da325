//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes anything unsafe, so a
//! `<script>` typed into a goal reaches the page as text or not at all.

use pulldown_cmark::{Event, Options, Parser, html};

/// Renders Markdown to sanitised HTML. Raw HTML in the source is shown as text.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
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
    fn javascript_links_are_removed() {
        let html = to_html("[点我](javascript:alert(1))");
        assert!(!html.contains("javascript:"), "{html}");
    }
}
