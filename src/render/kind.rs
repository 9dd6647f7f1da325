//! Page kinds: a kind of page declares, in one place, its template, every page it has with
//! its address, and each page's values. A site page ([`PageKind`]) is made from the whole
//! site; a department's page ([`DepartmentKind`]) from one department's document, so the cache
//! can copy it while the document is unchanged. The build renders every kind listed in
//! [`super::pages::KINDS`] and [`super::pages::DEPARTMENT_KINDS`] through [`render_all`] and
//! [`render_department`]; the sitemap and the link check read what was written, so they pick a
//! new kind up with no change.
//!
//! Adding a kind: a page type holding a [`PageMeta`] (made with [`super::site::meta`] at an
//! [`crate::address::Address`]), an `impl PageKind` (or `DepartmentKind`) beside it naming
//! its template and listing its pages, its line in `KINDS` (or `DEPARTMENT_KINDS`), and the
//! template in `themes/default/templates/`. A department's pages sit beneath its address.

use super::links::LinkIndex;
use super::renderer::{RenderError, Renderer};
use super::site::{MdPage, PageMeta, SiteMeta};
use crate::config::Config;
use crate::content::findings::DocFindings;
use crate::content::load::SourceFile;
use crate::content::load::selfeval::SelfEvalFile;
use crate::content::tree::{DeptEntry, Tree};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

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
    /// Every department document, in the tree's file order.
    pub files: &'a [SourceFile],
    /// The self-evaluations (绩效自评), sorted by path.
    pub selfevals: &'a [SelfEvalFile],
    /// The content folder (for the source files published beside the documents).
    pub content_dir: &'a Path,
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

/// What a document's pages link besides the document: the comparisons its rows feed and its
/// source file.
#[derive(Debug, Clone, Copy)]
pub struct DocLinks<'a> {
    /// The document's rows that feed a comparison.
    pub fed: &'a [crate::content::matching::Fed<'a>],
    /// Whether the source file is published with the site (see [`super::pages::source_copy`]).
    pub source_copied: bool,
}

/// What a department's pages are made from: the site's values and one department's document
/// with its findings and the links its pages show.
#[derive(Clone, Copy)]
pub struct Department<'a> {
    /// The values every template receives.
    pub site: &'a SiteMeta,
    /// site.toml.
    pub config: &'a Config,
    /// The department's place in the tree (its address, key, totals).
    pub entry: &'a DeptEntry,
    /// Its document as loaded.
    pub file: &'a SourceFile,
    /// The document's findings, shown beside the values.
    pub flags: &'a DocFindings,
    /// The comparisons its rows feed and whether its source file is published.
    pub links: DocLinks<'a>,
}

/// One kind of page made from a single department's document, beneath its address.
pub trait DepartmentKind {
    /// The template that lays a page of this kind out, in the theme's `templates/`.
    const TEMPLATE: &'static str;
    /// A page's values, handed to the template as they serialize; its [`PageMeta`] holds
    /// its address.
    type Page<'a>: Serialize + AsRef<PageMeta>;
    /// Every page of this kind the department has.
    fn pages<'a>(dept: Department<'a>) -> Box<dyn Iterator<Item = Self::Page<'a>> + 'a>;
}

/// Renders every page of kind `K` of one department at its address, noting its links.
pub fn department<K: DepartmentKind>(
    r: &Renderer,
    dept: Department,
    links: &mut LinkIndex,
) -> Result<(), RenderError> {
    for page in K::pages(dept) {
        r.page(links, K::TEMPLATE, &page.as_ref().path, &page)?;
    }
    Ok(())
}

/// A department kind as a list of kinds holds it: [`department`] for that kind.
pub type RenderDepartment = fn(&Renderer, Department, &mut LinkIndex) -> Result<(), RenderError>;

/// Renders every kind of `kinds` for one department, in order.
pub fn render_department(
    kinds: &[RenderDepartment],
    r: &Renderer,
    dept: Department,
    links: &mut LinkIndex,
) -> Result<(), RenderError> {
    kinds.iter().try_for_each(|kind| kind(r, dept, links))
}
