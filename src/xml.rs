//! Escaping text for XML and SVG written by hand (the feed, the sitemap, charts).

/// `s` with `& < > "` escaped, safe in element text and in double-quoted attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
