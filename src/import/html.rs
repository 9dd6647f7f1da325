//! A saved web page (`.html`): its tables become rows of cells separated by pipes, its other
//! block elements lines of text, for the form reader. Merged cells (rowspan) are not repeated:
//! the reader carries 一级/二级 names down by itself.

use regex::Regex;
use std::sync::LazyLock;

/// The page as text: a line per table row (cells joined by ` | `) or per paragraph.
pub fn text(html: &str) -> String {
    static DROP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|style|head)\b.*?</(script|style|head)\s*>|<!--.*?-->").unwrap()
    });
    static CELL_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</t[dh]\s*>").unwrap());
    static BREAK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</tr\s*>|<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>|</li\s*>|</table\s*>|</caption\s*>")
            .unwrap()
    });
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").unwrap());
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);").unwrap());
    let s = DROP.replace_all(html, "");
    // Line breaks inside the source mean nothing in HTML.
    let s = s.replace(['\r', '\n'], " ");
    let s = CELL_END.replace_all(&s, " | ");
    let s = BREAK.replace_all(&s, "\n");
    let s = TAG.replace_all(&s, "");
    let s = ENTITY.replace_all(&s, |c: &regex::Captures| {
        let e = &c[1];
        let ch = if let Some(h) = e.strip_prefix("#x") {
            u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
        } else if let Some(d) = e.strip_prefix('#') {
            d.parse().ok().and_then(char::from_u32)
        } else {
            match e {
                "nbsp" => Some('\u{a0}'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "ge" => Some('≥'),
                "le" => Some('≤'),
                _ => None,
            }
        };
        ch.map_or_else(|| c[0].to_string(), |c| c.to_string())
    });
    s.lines()
        .map(|l| l.trim())
        .filter(|l| {
            !l.trim_matches(|c: char| c == '|' || c.is_whitespace())
                .is_empty()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_pipe_rows() {
        let html = "<html><head><title>x</title></head><body><p>绩效目标表</p>\
            <table><tr><td>一级指标</td><td>二级指标</td></tr>\n<tr><td rowspan=2>产出指标</td>\
            <td>数量&nbsp;指标</td><td>&ge;90%</td></tr></table><script>var a=1;</script></body></html>";
        assert_eq!(
            text(html),
            "绩效目标表\n一级指标 | 二级指标 |\n产出指标 | 数量\u{a0}指标 | ≥90% |"
        );
    }
}
