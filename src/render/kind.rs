//! Page kinds: a kind of site page declares, in one place, its template, every page it has
//! with its address, and each page's values. The build renders every kind listed in
//! [`super::pages::KINDS`] through [`render_all`]; the sitemap and the link check read what was
//! written, so they pick a new kind up with no change.
//!
//! Adding a kind: a page type holding a [`PageMeta`] (made with [`super::site::meta`] at an
//! [`crate::address::Address`]), an `impl PageKind` beside it naming its template and listing
//! its pages, its line in `KINDS`, and the template in `themes/default/templates/`.

use super::links::LinkIndex;
use super::renderer::{RenderError, Renderer};
use super::site::{MdPage, PageMeta, SiteMeta};
use crate::config::Config;
use crate::content::tree::Tree;
use serde::Serialize;
use std::collections::BTreeSet;

/// What a page kind's pages are made from: the site's values, settings, tree and Markdown
/// pages.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    /// The values every template receives.
    pub meta: &'a SiteMeta,
    /// site.toml.
    pub config: &'a Config,
    /// Years → regions → departments.
    pub tree: &'a Tree,
    /// The pages of `content/pages/`.
    pub md_pages: &'a [MdPage],
    /// Years published from their archive byte for byte: their pages are not rendered.
    pub frozen: &'a BTreeSet<u16>,
}

impl Site<'_> {
    /// True for a year whose pages are rendered (not published from its archive).
    pub fn live(&self, year: u16) -> bool {
        !self.frozen.contains(&year)
    }
}

/// One kind of site page.
pub trait PageKind {
    /// The template that lays a page of this kind out, in the theme's `templates/`.
    const TEMPLATE: &'static str;
    /// A page's values, handed to the template as they serialize; its [`PageMeta`] holds
    /// its address.
    type Page<'a>: Serialize + AsRef<PageMeta>;
    /// Every page of this kind the site has.
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = Self::Page<'a>> + 'a>;
}

/// Renders every page of kind `K` at its address, noting its links in `links`.
pub fn render<K: PageKind>(
    r: &Renderer,
    site: Site,
    links: &mut LinkIndex,
) -> Result<(), RenderError> {
    for page in K::pages(site) {
        r.page(links, K::TEMPLATE, &page.as_ref().path, &page)?;
    }
    Ok(())
}

/// A kind as a list of kinds holds it: [`render`] for that kind.
pub type Render = fn(&Renderer, Site, &mut LinkIndex) -> Result<(), RenderError>;

/// Renders every kind of `kinds`, in order.
pub fn render_all(
    kinds: &[Render],
    r: &Renderer,
    site: Site,
    links: &mut LinkIndex,
) -> Result<(), RenderError> {
    kinds.iter().try_for_each(|kind| kind(r, site, links))
}
