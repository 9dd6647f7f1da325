//! Pages (and search fragments) published again instead of made: every page a build renders is recorded in the
//! build cache with its key (its template and values, [`crate::render::renderer::page_key`])
//! and its file as published. The next build, when the site-wide values are the same
//! (`Cache::site`: the tool, options, site.toml, theme, catalogue, Markdown pages, …), hard-links
//! a page whose key is unchanged from the previous output, provided the file still has the
//! recorded size, inode and modification time; it renders every other page. So an edit
//! re-renders only the comparison, year, region and home pages whose values it changed.

use super::cache::{OutputFile, Page, Stamp};
use crate::publish::staging::{Linked, OutputError, Staging};
use crate::render::links::LinkIndex;
use crate::render::renderer::Memo;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

/// The pages of one build: those of the previous build it may publish again, and those it
/// published.
pub struct PageMemo<'a> {
    out: &'a Path,
    staging: &'a Staging,
    previous: Option<&'a BTreeMap<String, Page>>,
    made: Mutex<Vec<Made>>,
}

/// A file published, as [`PageMemo::records`] will record it: its path, its page, its key and,
/// for a file published again as the very file of the previous output, the stamp that
/// file was checked to have (any other file's stamp is read once the build has written it).
type Made = (String, String, String, Option<Stamp>);

impl<'a> PageMemo<'a> {
    /// A memo for a build writing into `staging` to replace `out`; `previous` holds the pages
    /// of the last build, given only when its site-wide values equal this build's.
    pub fn new(
        out: &'a Path,
        staging: &'a Staging,
        previous: Option<&'a BTreeMap<String, Page>>,
    ) -> PageMemo<'a> {
        PageMemo {
            out,
            staging,
            previous,
            made: Mutex::new(Vec::new()),
        }
    }

    /// The pages published, for the cache: each with its entry in the staging folder, its
    /// stamp there (the one it keeps once swapped in: for a page published again as the very
    /// file of the previous output, the stamp [`Memo::reuse`] checked, so that 22,000 search
    /// fragments are not stat'ed twice) and its ids from `links`.
    pub fn records(&self, links: &LinkIndex) -> BTreeMap<String, Page> {
        let entries: HashMap<String, (u64, String)> = (self.staging.entries().into_par_iter())
            .map(|e| (e.path, (e.size, e.sha256)))
            .collect();
        let made = std::mem::take(&mut *self.made.lock().unwrap_or_else(|e| e.into_inner()));
        // Stat'ed on every core (a clean build of 10,000 departments records 110,000 search
        // fragments), gathered in the order they were made.
        let records: Vec<(String, Page)> = (made.into_par_iter())
            .filter_map(|(file, page, key, known)| {
                let (size, sha256) = entries.get(&file)?.clone();
                let stamp = match known {
                    Some(stamp) => stamp,
                    None => Stamp::of(&self.staging.dir().join(&file))?.0,
                };
                let ids = links.ids_of(&page).unwrap_or_default().to_string();
                let file_record = OutputFile {
                    path: file.clone(),
                    size,
                    sha256,
                    stamp,
                    ids,
                };
                Some((
                    file,
                    Page {
                        key,
                        page,
                        file: file_record,
                    },
                ))
            })
            .collect();
        records.into_iter().collect()
    }
}

impl PageMemo<'_> {
    /// Notes a file published.
    fn push(&self, made: Made) {
        (self.made.lock().unwrap_or_else(|e| e.into_inner())).push(made);
    }
}

impl Memo for PageMemo<'_> {
    fn reuse(
        &self,
        file: &str,
        page: &str,
        key: &str,
        links: &mut LinkIndex,
    ) -> Result<Option<u64>, OutputError> {
        let Some(old) = self.previous.and_then(|p| p.get(file)) else {
            return Ok(None);
        };
        let from = self.out.join(file);
        if old.key != key || old.page != page || !old.file.unchanged_at(&from) {
            return Ok(None);
        }
        let f = &old.file;
        let linked = (self.staging).link(file, &from, f.stamp.inode, f.size, &f.sha256)?;
        if !page.is_empty() {
            links.add_ids(page, old.file.ids.clone());
        }
        let known = (linked == Linked::Same).then_some(f.stamp);
        self.push((file.to_string(), page.to_string(), key.to_string(), known));
        Ok(Some(old.file.size))
    }

    fn previous(&self, file: &str) -> Option<std::path::PathBuf> {
        let old = self.previous?.get(file)?;
        let from = self.out.join(file);
        old.file.unchanged_at(&from).then_some(from)
    }

    fn made(&self, file: &str, page: &str, key: String) {
        self.push((file.to_string(), page.to_string(), key, None));
    }
}
