//! A theme: Tera templates from `themes/<name>/templates/` and static files from
//! `themes/<name>/static/`, rendered to minified HTML.
//!
//! The templates are minified once, when the theme is loaded (minify-html keeps Tera's
//! `{{ }}`, `{% %}` and `{# #}` whole as text), so a page is written as Tera renders it: a
//! provincial build spent a third of its CPU minifying every page after rendering. The
//! values a page shows are then kept as written (a run of spaces in a document's text is
//! no longer collapsed). A template whose Tera syntax sits inside an HTML tag, where the
//! minifier would read it as attributes, cannot be minified this way: a theme with one is
//! minified page by page after rendering, as before ([`Minifying`]).

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "home.html",
    "year.html",
    "region.html",
    "department.html",
    "project.html",
    "page.html",
    "rules.html",
    "404.html",
];

/// Where a theme's HTML is minified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minifying {
    /// The templates were minified when the theme was loaded; pages are written as rendered.
    Templates,
    /// Some template puts Tera syntax inside an HTML tag (or a `{{ }}` in an attribute value
    /// without quotes): every page is minified after rendering.
    Pages,
}

/// A loaded theme.
pub struct Theme {
    /// The templates as the pages are rendered from (minified when [`Minifying::Templates`]).
    tera: tera::Tera,
    /// The templates as written, when they were minified (so exactly when
    /// [`Minifying::Templates`]): a page that fails to render is rendered again from them,
    /// so that the error names the line the author wrote.
    written: Option<tera::Tera>,
    /// Static files: (site-relative path, file on disk).
    pub assets: Vec<(String, PathBuf)>,
}

/// Why a theme could not be loaded or a page rendered.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// The theme folder does not exist.
    #[error("{}", crate::messages::Message::ThemeMissing { name: name.clone(), path: path.display().to_string() })]
    Missing {
        /// Theme name from site.toml.
        name: String,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// A required template is absent.
    #[error("{}", crate::messages::Message::TemplateMissing { name: name.clone(), template: template.to_string(), path: path.display().to_string() })]
    MissingTemplate {
        /// Theme name.
        name: String,
        /// The template.
        template: &'static str,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// A template does not parse.
    #[error("{}", crate::messages::Message::TemplateError { error: _0.clone() })]
    Template(String),
    /// A template file could not be read.
    #[error("{}", crate::messages::Message::FileError { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

impl Theme {
    /// Loads theme `name` from `root/themes/name`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            return Err(ThemeError::Missing {
                name: name.into(),
                path: dir,
            });
        }
        let tdir = dir.join("templates");
        for t in REQUIRED {
            if !tdir.join(t).is_file() {
                return Err(ThemeError::MissingTemplate {
                    name: name.into(),
                    template: t,
                    path: tdir.join(t),
                });
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut sources = Vec::new();
        for e in crate::paths::walk(&tdir)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = e
                .path()
                .strip_prefix(&tdir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).map_err(|source| ThemeError::Read {
                path: e.path().into(),
                source,
            })?;
            sources.push((rel, text));
        }
        // Tera reports a template's own errors against the file as written.
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| ThemeError::Template(chain(&e)))?;
        let minified: Option<Vec<(String, String)>> = (sources.iter())
            .map(|(name, text)| Some((name.clone(), minify_template(text)?)))
            .collect();
        let mut written = None;
        if let Some(minified) = minified {
            let mut small = tera::Tera::new();
            small.autoescape_on([".html", ".xml"]);
            if small.add_raw_templates(minified).is_ok() {
                written = Some(std::mem::replace(&mut tera, small));
            }
        }
        let sdir = dir.join("static");
        let assets = crate::paths::walk(&sdir)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(&sdir)
                        .unwrap_or(e.path())
                        .to_string_lossy()
                        .replace('\\', "/"),
                    e.path().to_path_buf(),
                )
            })
            .collect();
        Ok(Theme {
            tera,
            written,
            assets,
        })
    }

    /// Renders `template` with `page` and the site values (not yet minified) into `out`,
    /// which it empties first (a caller's buffer, reused from page to page). The bytes are
    /// UTF-8, made from strings; they are not checked again (a page's whole text was, each
    /// time, a twentieth of a clean build's rendering).
    pub fn render_into<T: Serialize>(
        &self,
        template: &str,
        site: &super::site::SiteMeta,
        page: &T,
        out: &mut Vec<u8>,
    ) -> Result<(), ThemeError> {
        out.clear();
        let mut ctx =
            tera::Context::from_serialize(page).map_err(|e| ThemeError::Template(chain(&e)))?;
        ctx.insert("site", site);
        let error = |e: tera::Error| ThemeError::Template(format!("{template}: {}", chain(&e)));
        self.tera.render_to(template, &ctx, &mut *out).map_err(|e| {
            match (self.written.as_ref()).map(|w| w.render(template, &ctx)) {
                Some(Err(written)) => error(written),
                _ => error(e),
            }
        })
    }

    /// Where its HTML is minified: in the templates when they could be minified at load.
    pub fn minifying(&self) -> Minifying {
        match self.written {
            Some(_) => Minifying::Templates,
            None => Minifying::Pages,
        }
    }

    /// A rendered page as written: with `serve`'s reload script when asked, minified unless
    /// its templates were.
    pub fn finish<'h>(&self, html: &'h [u8], live_reload: bool) -> std::borrow::Cow<'h, [u8]> {
        use std::borrow::Cow;
        const BODY_END: &[u8] = b"</body>";
        let body_end = || memchr::memmem::find(html, BODY_END);
        let html = match live_reload.then(body_end).flatten() {
            Some(at) => Cow::Owned(
                [
                    &html[..at],
                    b"<script src=\"/__gongkai/reload.js\"></script>",
                    &html[at..],
                ]
                .concat(),
            ),
            _ => Cow::Borrowed(html),
        };
        match self.minifying() {
            Minifying::Templates => html,
            Minifying::Pages => Cow::Owned(minify(&html)),
        }
    }
}

/// The minifier's settings for pages: HTML and its CSS; scripts are left as written.
fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    }
}

/// Minifies HTML and its CSS; scripts are left as written.
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &cfg())
}

/// A Tera template minified as a page would be, its Tera syntax kept whole; `None` when that
/// cannot be done safely: Tera syntax inside an HTML tag or inside `<style>`/`<script>`
/// (before or after minifying), a `{{ }}` in an attribute value left without quotes (a value
/// with a space would end the attribute), or Tera syntax lost or changed by the minifier (it
/// may only be moved with the attribute that holds it).
pub fn minify_template(text: &str) -> Option<String> {
    if !tera_outside_tags(text) {
        return None;
    }
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        ..cfg()
    };
    let small = String::from_utf8(minify_html::minify(text.as_bytes(), &cfg)).ok()?;
    // The minifier sorts a tag's attributes, and with them the Tera syntax in their values.
    let sorted = |text| {
        let mut parts = tera_parts(text);
        parts.sort_unstable();
        parts
    };
    (tera_outside_tags(&small) && sorted(&small) == sorted(text)).then_some(small)
}

/// Every `{{ }}`, `{% %}` and `{# #}` of `text`, in order.
fn tera_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let close = match rest[i + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                rest = &rest[i + 1..];
                continue;
            }
        };
        let Some(end) = rest[i + 2..].find(close) else {
            parts.push(&rest[i..]);
            break;
        };
        parts.push(&rest[i..i + 2 + end + 2]);
        rest = &rest[i + 2 + end + 2..];
    }
    parts
}

/// True when `text`'s Tera syntax is all in the HTML's text, or is a `{{ }}` inside a quoted
/// attribute value, and none is inside `<style>` or `<script>`.
fn tera_outside_tags(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    let tera_at = |i: usize| b[i] == b'{' && matches!(b.get(i + 1), Some(b'{' | b'%' | b'#'));
    while i < b.len() {
        if tera_at(i) {
            // Tera syntax in the text: skip it whole (it may hold `<` or `>`).
            let close: &[u8] = match b[i + 1] {
                b'{' => b"}}",
                b'%' => b"%}",
                _ => b"#}",
            };
            match memchr::memmem::find(&b[i + 2..], close) {
                Some(n) => i += 2 + n + 2,
                None => return false,
            }
            continue;
        }
        let starts_tag = b[i] == b'<'
            && b.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!');
        if !starts_tag {
            i += 1;
            continue;
        }
        if b[i + 1..].starts_with(b"!--") {
            // A comment: whatever it holds is dropped or kept whole.
            match memchr::memmem::find(&b[i..], b"-->") {
                Some(n) => i += n + 3,
                None => return false,
            }
            continue;
        }
        // Inside a tag: only `{{ }}` within quotes.
        let name_end = (i + 1..b.len())
            .find(|&j| !b[j].is_ascii_alphanumeric())
            .unwrap_or(b.len());
        let name = text[i + 1..name_end].to_ascii_lowercase();
        let mut quote = None;
        i += 1;
        loop {
            let Some(&c) = b.get(i) else { return false };
            match quote {
                None if c == b'>' => break,
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if tera_at(i) => return false,
                Some(q) if c == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        i += 1;
        if name == "style" || name == "script" {
            // Raw text up to the closing tag: no Tera syntax in CSS or scripts.
            let close = format!("</{name}");
            let end =
                memchr::memmem::find(&text.to_ascii_lowercase().as_bytes()[i..], close.as_bytes())
                    .map_or(b.len(), |n| i + n);
            if (i..end).any(tera_at) {
                return false;
            }
            i = end;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_themes_templates_are_minified_once() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(minify_template(&text).is_some(), "{}", path.display());
        }
        let theme = Theme::load(Path::new(env!("CARGO_MANIFEST_DIR")), "default").unwrap();
        assert_eq!(theme.minifying(), Minifying::Templates);
    }

    #[test]
    fn tera_syntax_inside_a_tag_is_left_to_the_pages() {
        // Read as attributes, `{%` and `%}` would be merged by the minifier.
        let inside = r#"<th scope="col"{% if wide %} colspan="2"{% endif %}>指标值</th>"#;
        assert_eq!(minify_template(inside), None);
        // A value without quotes would end at the first space of what it renders to.
        assert_eq!(minify_template("<a href={{ x }}>x</a>"), None);
        assert_eq!(minify_template("<style>p{color:{{ c }}}</style>"), None);
        // Text and quoted values keep their Tera syntax, the markup around them is minified.
        let small = minify_template(
            "<ul>\n  {% for p in ps %}\n  <li class=\"item\"><a href=\"{{ p.href }}\">{{ p.name }}</a> {# note #}</li>\n  {% endfor %}\n</ul>",
        )
        .unwrap();
        assert_eq!(
            small,
            "<ul>{% for p in ps %} <li class=item><a href=\"{{ p.href }}\">{{ p.name }}</a> {# note #}</li>{% endfor %}</ul>"
        );
    }
}
