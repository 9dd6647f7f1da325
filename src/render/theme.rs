//! A theme: Tera templates from `themes/<name>/templates/` and static files from
//! `themes/<name>/static/`, rendered to minified HTML.

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

/// A loaded theme.
pub struct Theme {
    tera: tera::Tera,
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
    #[error("{}", crate::messages::Message::FileError { path: path.display().to_string(), error: source.to_string() })]
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
        tera.add_raw_templates(sources)
            .map_err(|e| ThemeError::Template(chain(&e)))?;
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
        Ok(Theme { tera, assets })
    }

    /// Renders `template` with `page` and the site values (not yet minified).
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        site: &super::site::SiteMeta,
        page: &T,
    ) -> Result<String, ThemeError> {
        let mut ctx =
            tera::Context::from_serialize(page).map_err(|e| ThemeError::Template(chain(&e)))?;
        ctx.insert("site", site);
        self.tera
            .render(template, &ctx)
            .map_err(|e| ThemeError::Template(format!("{template}: {}", chain(&e))))
    }
}

/// Minifies HTML and its CSS; scripts are left as written.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}
