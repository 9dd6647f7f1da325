//! One department's pages re-rendered on their own, for `gongkai serve`: an edit to a
//! department file shows in the browser at once, while the full build (totals, search,
//! comparisons, link check) follows in the background.

use super::{BuildError, BuildOptions, config_for};
use crate::content::findings::DocFindings;
use crate::content::load::{self, SourceMap};
use crate::content::model::field_name;
use crate::content::tree as model;
use crate::render::links::LinkIndex;
use crate::render::pages::SiteMeta;
use crate::render::renderer::{Collected, Renderer};
use crate::render::theme::Theme;
use std::path::Path;

/// The department page, its project pages and data files for `content/<rel>`, rendered with
/// the site values of the last full build. Errors of this file (syntax, types, checks on the
/// document itself) come back as [`BuildError::Content`], placed at their line.
pub fn department(
    root: &Path,
    opts: &BuildOptions,
    site: &SiteMeta,
    rel: &str,
) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let config = config_for(root, opts)?;
    let theme = Theme::load(root, &config.theme)?;
    let path = root.join("content").join(rel);
    let content_error = |report: Vec<String>| BuildError::Content {
        errors: report.len(),
        report: report.join("\n"),
    };
    let file = match load::load_file(&path, rel.to_string()) {
        Ok((file, _warnings)) => file,
        Err(failure) => {
            let text = failure.text.as_deref();
            let report = failure
                .diagnostics
                .iter()
                .map(|d| field_name::render(d, text, None));
            return Err(content_error(report.collect()));
        }
    };
    // The review as the site's settings say; findings across years need every file and
    // appear with the full rebuild that follows.
    let flags = DocFindings::new(crate::review::check::check_document(
        &file.document,
        rel,
        &config.review,
    ));
    let errors = flags.errors().to_vec();
    if !errors.is_empty() {
        let text = file.source();
        let map = SourceMap::build(&text);
        let report = (errors.into_iter())
            .map(|f| field_name::render(&f.locate(&file, &map), Some(&text), None));
        return Err(content_error(report.collect()));
    }
    let files = std::slice::from_ref(&file);
    let tree = model::tree(files, std::slice::from_ref(&flags));
    let Some(d) = (tree.years.iter())
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
        .next()
    else {
        return Ok(Vec::new());
    };
    let sink = Collected::default();
    let renderer = Renderer {
        theme: &theme,
        site,
        staging: &sink,
        live_reload: opts.live_reload,
        memo: None,
    };
    // The rows' comparisons, as the full build assigns them (a broken catalogue links none,
    // and the full build then reports it).
    let catalogue =
        crate::content::catalogue::Catalogue::load(&root.join("content")).unwrap_or_default();
    let fed = crate::content::matching::assign(&catalogue, files).by_file(&catalogue, 1);
    super::steps::department(
        &renderer,
        &config,
        &root.join("content"),
        &mut LinkIndex::default(),
        d,
        &file,
        &flags,
        &fed[0],
    )?;
    Ok(sink.into_files())
}
