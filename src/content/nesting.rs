//! How deep Markdown text nests (quotes, lists, emphasis): a document's Part 1 text and the
//! Markdown pages are checked here, before anything renders them, so a text a page cannot
//! show is an error at its line rather than a crash.

use pulldown_cmark::{Event, Options, Parser};

/// The deepest nesting of quotes, lists and emphasis a text may have; real documents use two
/// or three levels. Deeper text is refused before rendering (the renderer and the sanitiser
/// recurse, and 10,000 nested `>` overflowed the stack).
pub const MAX_NESTING: usize = 32;

/// Where `markdown` first nests deeper than [`MAX_NESTING`]: the 1-based line, or `None`.
pub fn too_deep(markdown: &str) -> Option<usize> {
    // Counted on the source before parsing: a line's leading quote and list markers, and the
    // depth of the parser's events for what a line cannot show (emphasis, links).
    for (i, line) in markdown.lines().enumerate() {
        let markers = line
            .chars()
            .take_while(|c| matches!(c, '>' | ' ' | '\t' | '-' | '*' | '+'))
            .filter(|c| !c.is_whitespace())
            .count();
        if markers > MAX_NESTING {
            return Some(i + 1);
        }
    }
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(markdown[..range.start].matches('\n').count() + 1);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The Markdown extensions every text is read with, when checked and when rendered.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}
