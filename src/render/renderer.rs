//! Making one page: a template rendered with the page's values, its links noted for the
//! link check, minified and written into the staging folder.

use super::links::LinkIndex;
use super::site::SiteMeta;
use super::theme::{self, Theme};
use crate::publish::staging::{OutputError, Staging};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Mutex;

/// Why a page or file could not be made: its template failed, or writing it did.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to render.
    #[error(transparent)]
    Theme(#[from] theme::ThemeError),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Where a renderer's files go: a build's staging folder, or [`Collected`] in memory.
pub trait Sink: Sync {
    /// Writes `bytes` at the site-relative `rel`.
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// Writes the file at `rel` as `fill` writes it, piece by piece, without holding it whole.
    fn put_with(&self, rel: &str, fill: Fill) -> Result<(), OutputError>;
}

/// Writes a file's bytes to the writer it is given ([`Sink::put_with`]).
pub type Fill<'f> = &'f mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.write(rel, bytes)
    }

    fn put_with(&self, rel: &str, fill: Fill) -> Result<(), OutputError> {
        self.write_with(rel, fill)
    }
}

/// Files kept in memory, in the order they were written (a test renders one page kind into it).
#[derive(Debug, Default)]
pub struct Collected(Mutex<Vec<(String, Vec<u8>)>>);

impl Collected {
    /// The files written, in order.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collected {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        (self.0.lock().unwrap_or_else(|e| e.into_inner())).push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }

    fn put_with(&self, rel: &str, fill: Fill) -> Result<(), OutputError> {
        let mut bytes = Vec::new();
        fill(&mut bytes).map_err(|source| OutputError::Write {
            path: rel.into(),
            source,
        })?;
        self.put(rel, &bytes)
    }
}

/// The pages of the previous build, for a renderer to publish again instead of rendering a
/// page whose values are the same (`pipeline::memo` keeps them in the build cache).
pub trait Memo: Sync {
    /// Publishes `file` (`2024/x/index.html`) as the previous build made it, when it was
    /// made from `key` and is still as it was, adding its ids to `links` under `page`
    /// (`2024/x/`; empty for a file that is not a page) and giving its size; `None`, having
    /// written nothing, otherwise.
    fn reuse(
        &self,
        file: &str,
        page: &str,
        key: &str,
        links: &mut LinkIndex,
    ) -> Result<Option<u64>, OutputError>;
    /// Notes that `file`, the page `page`, was published from `key`.
    fn made(&self, file: &str, page: &str, key: String);
    /// Where the previous build's `file` is, when the memo recorded it and it is still as
    /// that build left it (to be read, never written).
    fn previous(&self, file: &str) -> Option<std::path::PathBuf> {
        let _ = file;
        None
    }
}

/// The key of a page: SHA-256 of its template's name and its values as JSON. With the same
/// site values, theme and tool (which the memo checks), the same key gives the same bytes.
/// `None` when the values cannot be written as JSON (the page is then always rendered).
pub fn page_key<T: Serialize>(template: &str, page: &T) -> Option<String> {
    use sha2::Digest;
    struct Hashing(sha2::Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(sha2::Sha256::new());
    h.0.update(template.as_bytes());
    h.0.update(b"\0");
    serde_json::to_writer(&mut h, page).ok()?;
    Some(crate::publish::manifest::hex(&h.0.finalize()))
}

thread_local! {
    /// Each thread's page buffer, rendered into page after page (its room kept).
    static PAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Everything a page needs besides its own values; shared by every thread of a build.
pub struct Renderer<'a> {
    /// The templates.
    pub theme: &'a Theme,
    /// The site-wide values every template receives.
    pub site: &'a SiteMeta,
    /// Where files go.
    pub staging: &'a dyn Sink,
    /// Add `serve`'s live-reload script to every page.
    pub live_reload: bool,
    /// The previous build's pages, when they may be published again.
    pub memo: Option<&'a dyn Memo>,
}

impl Renderer<'_> {
    /// Renders `template` with `page` and writes it at the address `rel` (`2024/x/`, written
    /// as `2024/x/index.html`, or a file name such as `404.html`); its ids and internal links
    /// go into `links`.
    pub fn page<T: Serialize>(
        &self,
        links: &mut LinkIndex,
        template: &str,
        rel: &str,
        page: &T,
    ) -> Result<(), RenderError> {
        let key = self.memo.and_then(|_| page_key(template, page));
        self.page_keyed(links, template, rel, page, key)
    }

    /// [`Self::page`] with the memo key given by the caller, who vouches that the same key
    /// (with the same site values) always gives the same page: a comparison's region page is
    /// keyed by its rows, so that an unchanged one is published again without being laid out.
    pub fn page_keyed<T: Serialize>(
        &self,
        links: &mut LinkIndex,
        template: &str,
        rel: &str,
        page: &T,
        key: Option<String>,
    ) -> Result<(), RenderError> {
        let file = if rel.ends_with(".html") {
            rel.to_string()
        } else {
            format!("{rel}index.html")
        };
        if let (Some(memo), Some(key)) = (self.memo, &key)
            && memo.reuse(&file, rel, key, links)?.is_some()
        {
            return Ok(());
        }
        PAGE.with(|buffer| -> Result<(), RenderError> {
            // A page made while this thread's buffer is in use (none is) gets its own.
            let (mut held, mut own) = (buffer.try_borrow_mut(), Vec::new());
            let html = match &mut held {
                Ok(held) => &mut **held,
                Err(_) => &mut own,
            };
            self.theme.render_into(template, self.site, page, html)?;
            // Links are read from the HTML as rendered, before a page is minified.
            links.add_page(rel, &html[..], &self.site.base);
            let bytes = self.theme.finish(html, self.live_reload);
            Ok(self.staging.put(&file, &bytes)?)
        })?;
        if let (Some(memo), Some(key)) = (self.memo, key) {
            memo.made(&file, rel, key);
        }
        Ok(())
    }

    /// Writes a file that is not a page (CSV, JSON) at the site-relative `rel`.
    pub fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
        Ok(self.staging.put(rel, bytes)?)
    }

    /// Writes the file at `rel` (CSV, JSON) as `fill` writes it, piece by piece.
    pub fn file_with(&self, rel: &str, fill: Fill) -> Result<(), RenderError> {
        Ok(self.staging.put_with(rel, fill)?)
    }
}

/// Runs `make` on every item in parallel, each noting its pages' links; returns every link
/// noted, merged in item order, and what `make` returned for each item, in item order.
pub fn each<T, R, F>(items: &[T], make: F) -> Result<(LinkIndex, Vec<R>), RenderError>
where
    T: Sync,
    R: Send,
    F: Fn(&mut LinkIndex, &T) -> Result<R, RenderError> + Sync,
{
    items
        .par_iter()
        .try_fold(
            || (LinkIndex::default(), Vec::new()),
            |(mut links, mut out), item| {
                out.push(make(&mut links, item)?);
                Ok((links, out))
            },
        )
        .try_reduce(
            || (LinkIndex::default(), Vec::new()),
            |(mut links, mut out), (more_links, more)| {
                links.merge(more_links);
                out.extend(more);
                Ok((links, out))
            },
        )
}
