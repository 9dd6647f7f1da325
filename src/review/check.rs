//! `gongkai check`: load and validate a content folder, print every diagnostic. Each document
//! is checked once: content's own checks ([`validate`]) and, beside them, the review of
//! targets ([`super::review_document`], [`super::review_years`]), whose findings join the
//! document's as check findings ([`check_document`]). This module sits in `review` because it
//! runs both: `content` imports nothing of the review.

use super::{Place, Settings};
use crate::content::catalogue::Catalogue;
use crate::content::findings::{self, DocFindings, Gathering};
use crate::content::load::parsed::Parsed;
use crate::content::load::{self, Loaded};
use crate::content::matching::{self, Matches, Problem};
use crate::content::model::{Answer, Document};
use crate::content::validate::{self, Finding};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::messages::Message;
use rayon::prelude::*;
use std::path::Path;

/// The outcome of checking a content folder.
#[derive(Debug)]
pub struct Report {
    /// Everything loaded.
    pub loaded: Loaded,
    /// Every diagnostic, loading and validation alike, sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// The metric catalogue (empty when content/metrics.yaml is missing or broken).
    pub catalogue: Catalogue,
    /// Which rows measure which metric.
    pub matches: Matches,
    /// Each loaded file's findings (every severity), in the order of `loaded.files`: the
    /// checks run once, and the tree and pages read their notes from here.
    pub findings: Vec<DocFindings>,
    /// The self-evaluations (绩效自评) under `content/selfeval/` that parsed, sorted by path.
    pub selfevals: Vec<load::selfeval::SelfEvalFile>,
}

impl Report {
    /// Number of diagnostics of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Renders every diagnostic with its snippet, then a summary line.
    pub fn render(&self) -> String {
        let sources: std::collections::HashMap<&Path, &str> = self
            .loaded
            .files
            .iter()
            .map(|f| (f.path.as_path(), f.text.as_str()))
            .chain(
                self.loaded
                    .failed_sources
                    .iter()
                    .map(|(p, t)| (p.as_path(), t.as_str())),
            )
            .collect();
        let docs: std::collections::HashMap<&Path, &load::document::Doc> = self
            .loaded
            .files
            .iter()
            .map(|f| (f.path.as_path(), &f.document))
            .collect();
        // A self-evaluation's text is not kept with it: read again for its snippets.
        let mut selfeval_texts: std::collections::HashMap<&Path, String> = Default::default();
        for d in &self.diagnostics {
            let file = d.file.as_path();
            let under = file
                .components()
                .any(|c| c.as_os_str() == load::selfeval::FOLDER);
            if under && !sources.contains_key(file) && !selfeval_texts.contains_key(file) {
                let small = std::fs::metadata(file).is_ok_and(|m| m.len() <= load::MAX_FILE_BYTES);
                if let Some(text) = small.then(|| std::fs::read_to_string(file).ok()).flatten() {
                    selfeval_texts.insert(file, text);
                }
            }
        }
        let mut out = String::new();
        for d in &self.diagnostics {
            let file = d.file.as_path();
            let text =
                (sources.get(file).copied()).or(selfeval_texts.get(file).map(String::as_str));
            let doc = docs.get(file).map(|d| &***d);
            out.push_str(&crate::content::model::field_name::render(d, text, doc));
            out.push('\n');
        }
        let projects: usize = self
            .loaded
            .files
            .iter()
            .map(|f| f.document.summary().projects.len())
            .sum();
        for (m, rows) in self.catalogue.metrics.iter().zip(&self.matches.rows) {
            let regions: std::collections::BTreeSet<(u16, String)> = rows
                .iter()
                .map(|r| {
                    let d = self.loaded.files[r.file].document.summary();
                    (d.year, d.region.key().to_string())
                })
                .collect();
            let (name, key) = (m.name.clone(), m.key.clone());
            let (rows, regions) = (rows.len(), regions.len());
            let line = Message::MetricMatched {
                name,
                key,
                rows,
                regions,
            };
            out.push_str(&format!("{line}\n"));
        }
        if !self.selfevals.is_empty() {
            let line = Message::SelfEvalCount {
                count: self.selfevals.len(),
            };
            out.push_str(&format!("{line}\n"));
        }
        let summary = Message::CheckSummary {
            files: self.loaded.files.len() + self.loaded.failed_sources.len(),
            projects,
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
        };
        out.push_str(&format!("{summary}\n"));
        out
    }
}

impl Report {
    /// One line per row assigned to a metric: `metric  file  field  name  value`.
    pub fn metric_rows(&self) -> String {
        let mut out = String::new();
        for (m, rows) in self.catalogue.metrics.iter().zip(&self.matches.rows) {
            for r in rows {
                let f = &self.loaded.files[r.file];
                let row = &f.document.projects[r.project].indicators[r.row];
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    m.key,
                    f.rel,
                    r.field(),
                    row.name,
                    row.value.raw()
                ));
            }
        }
        out
    }
}

/// Loads and validates every department file under `content`.
pub fn check(content: &Path) -> Report {
    let (mut report, _) = check_at(content, Severity::Warning, true, None, |_, _, _, _| ());
    // The frozen years, as a build checks them: check never passes what build refuses.
    if let Some(root) = content.parent().filter(|_| content.ends_with("content"))
        && let Err(e) = frozen_sources(root, &report.loaded.files)
    {
        let at = root.join("archive");
        report
            .diagnostics
            .push(Diagnostic::file(Kind::Frozen, &at, e.to_string()));
    }
    if content.is_dir() && load::find_files(content).is_empty() {
        report.diagnostics.push(
            Diagnostic::file(
                Kind::NoContent,
                content,
                Message::NoDepartmentFiles {
                    dir: content.display().to_string(),
                }
                .to_string(),
            )
            .expected(Message::DepartmentFileHint.to_string()),
        );
    }
    report
}

/// The frozen (archived) years of the site in `root`, each checked as a build must: its
/// archive unaltered, and `content/YEAR/` equal to it but for one new declared correction
/// per file (`files`: the documents loaded). Returns the frozen years and the departments
/// that carry corrections; the error is the one a build stops on. `gongkai check` runs it
/// ([`check`]) so that it never says 0 errors where a build refuses.
pub fn frozen_sources(
    root: &Path,
    files: &[load::SourceFile],
) -> Result<
    (
        std::collections::BTreeMap<u16, crate::publish::freeze::Frozen>,
        Vec<crate::publish::freeze::Corrected>,
    ),
    crate::publish::freeze::FreezeError,
> {
    let frozen = crate::publish::freeze::frozen_years(root)?;
    let mut corrected = Vec::new();
    if !frozen.is_empty() {
        let by_rel: std::collections::HashMap<&str, &load::SourceFile> =
            files.iter().map(|f| (f.rel.as_str(), f)).collect();
        let current = |rel: &str| {
            by_rel
                .get(rel)
                .map(|f| f.document.summary().corrections.clone())
        };
        for f in frozen.values() {
            f.verify_archive()?;
            corrected.extend(f.check_sources(&root.join("content"), &current)?);
        }
    }
    Ok((frozen, corrected))
}

/// Loads and validates, keeping only errors: what a build needs to know, without placing
/// every warning in its file.
pub fn check_errors(content: &Path) -> Report {
    check_errors_with(content, None)
}

/// [`check_errors`], taking the documents `known` holds instead of parsing them again (every
/// check still runs on them).
pub fn check_errors_with(content: &Path, known: Option<load::parsed::Known>) -> Report {
    check_errors_each(content, known, |_, _, _, _| ()).0
}

/// [`check_errors_with`], giving each document to `extra` as soon as it is checked, with
/// the catalogue, a key naming the catalogue (for what is stored of it) and the document's
/// rows assigned to metrics; returns what `extra` made of each loaded file, in their order.
pub fn check_errors_each<X: Send>(
    content: &Path,
    known: Option<load::parsed::Known>,
    extra: impl Fn(&Catalogue, &str, &load::SourceFile, &matching::FileMatches) -> X + Sync,
) -> (Report, Vec<X>) {
    check_at(content, Severity::Error, false, known, extra)
}

/// The review settings of the site `content` belongs to: the `[review]` table of the
/// site.toml beside it, or the defaults when there is none. A site.toml that cannot be read
/// is reported as an error naming its line.
pub fn review_settings(content: &Path) -> (Settings, Option<Diagnostic>) {
    let Some(root) = content.parent().filter(|r| r.join("site.toml").is_file()) else {
        return (Settings::default(), None);
    };
    match crate::config::Config::load(root) {
        Ok(c) => (c.review, None),
        Err(e) => (
            Settings::default(),
            Some(Diagnostic::file(
                Kind::Schema,
                &root.join("site.toml"),
                e.to_string(),
            )),
        ),
    }
}

/// Checks one document on its own: content's checks, then the review rules as the site's
/// `settings` say; `rel` is its path under `content/` (`2024/130529/414.yaml`).
pub fn check_document(doc: &Document, rel: &str, settings: &Settings) -> Vec<Finding> {
    let mut out = validate::check_document(doc, rel);
    let found = super::review_document(doc, settings);
    // A rule that judges the value itself (vague, a cost with no amount, a satisfaction
    // that is no rate) says more than "unparsed" about the same value.
    let judged = |r: super::Rule| {
        matches!(
            r,
            super::Rule::VagueTarget
                | super::Rule::CostNotAmount
                | super::Rule::SatisfactionNotPercent
        )
    };
    out.retain(|x| {
        x.kind != Kind::UnparsedValue
            || !found
                .iter()
                .any(|f| judged(f.rule) && f.place.field() == x.field)
    });
    unused_answers(doc, &found, &mut out);
    out.extend(found.into_iter().map(finding));
    out
}

/// Answers (说明) to a rule that finds nothing where the answer sits: the finding was fixed,
/// or the code names the wrong rule.
fn unused_answers(doc: &Document, found: &[super::Finding], out: &mut Vec<Finding>) {
    let answered = |place: Place, a: &Answer| {
        found.iter().any(|f| {
            f.rule == a.rule
                && match place {
                    Place::Project(p) => {
                        f.place.project() == Some(p) && !matches!(f.place, Place::Row(..))
                    }
                    Place::Department => matches!(f.place, Place::Department | Place::Unit(_)),
                    _ => f.place == place,
                }
        })
    };
    let mut check = |place: Place, field: String, answers: &[Answer]| {
        for (k, a) in answers.iter().enumerate() {
            if !answered(place, a) {
                out.push(
                    Finding::new(
                        Kind::UnusedAnswer,
                        format!("{field}.answers[{k}].rule"),
                        Message::UnusedAnswer {
                            rule: a.rule.code().to_string(),
                            title: a.rule.title().to_string(),
                        },
                    )
                    .expected(Message::UnusedAnswerHint),
                );
            }
        }
    };
    check(
        Place::Department,
        "department".into(),
        &doc.department.answers,
    );
    for (pi, p) in doc.projects.iter().enumerate() {
        check(Place::Project(pi), format!("projects[{pi}]"), &p.answers);
        for (i, r) in p.indicators.iter().enumerate() {
            check(
                Place::Row(pi, i),
                format!("projects[{pi}].indicators[{i}]"),
                &r.answers,
            );
        }
    }
}

/// A review finding as a check finding: its rule, its field and the rule's advice.
pub fn finding(f: super::Finding) -> Finding {
    Finding {
        kind: Kind::Review(f.rule),
        field: f.place.field(),
        message: Message::ReviewFinding {
            message: f.message.to_string(),
            place: f.place.text().to_string(),
            level: f.level.term(),
        }
        .to_string(),
        expected: Some(
            Message::ReviewAnswerHint {
                rule: f.rule.code().to_string(),
            }
            .to_string(),
        ),
        answer: f.answer,
    }
}

fn check_at<X: Send>(
    content: &Path,
    min: Severity,
    keep_text: bool,
    known: Option<load::parsed::Known>,
    extra: impl Fn(&Catalogue, &str, &load::SourceFile, &matching::FileMatches) -> X + Sync,
) -> (Report, Vec<X>) {
    let (settings, bad) = review_settings(content);
    let (catalogue, bad_catalogue) = match Catalogue::load(content) {
        Ok(c) => (c, None),
        Err(d) => (Catalogue::default(), Some(*d)),
    };
    // Each document's own checks and review, and its rows' metrics, as soon as it is loaded
    // (so that it need not be held until every other document is). They depend on it and on
    // the settings or the catalogue alone: an earlier build's are taken when those are the
    // same.
    let store = known.map(|k| k.store);
    let settings_key = format!("findings\0{settings:?}");
    let catalogue_key = format!(
        "metrics\0{}",
        crate::digest::sha256_hex(format!("{catalogue:?}").as_bytes())
    );
    // Of a document's own findings, only those to be placed in their file (at or above
    // `min`) are held until the review across years is done; the rest are gathered for the
    // pages at once ([`Gathering`]): held for every document, their texts were a third of
    // what a build of 30,000 departments held after loading.
    let (mut loaded, own) = load::load_dir_each(content, keep_text, known, |f| {
        let (found, digest) = Parsed::derived_or(store, &f.rel, &settings_key, || {
            let found = check_document(&f.document, &f.rel, &settings);
            let digest = findings::digest_of(&found);
            (found, digest)
        });
        let mut gathering = Gathering::default();
        gathering.add_digested(&found, &digest);
        let placed: Vec<Finding> = (found.into_iter())
            .filter(|x| x.kind.severity() >= min)
            .collect();
        let rows = Parsed::derived_or(store, &f.rel, &catalogue_key, || {
            matching::assign_file(&catalogue, 0, f)
        });
        let made = extra(&catalogue, &catalogue_key, f, &rows);
        ((gathering, placed), (rows, made))
    });
    let (own, rows): (Vec<(Gathering, Vec<Finding>)>, Vec<_>) = own.into_iter().unzip();
    let (rows, made): (Vec<matching::FileMatches>, Vec<X>) = rows.into_iter().unzip();
    let mut diagnostics: Vec<Diagnostic> = std::mem::take(&mut loaded.diagnostics)
        .into_iter()
        .filter(|d| d.severity() >= min)
        .collect();
    diagnostics.extend(bad);
    // Then the review across years, which needs every document's summary, beside the
    // checks across documents and the gathering of the rows' metrics.
    let docs: Vec<&load::document::Doc> = loaded.files.iter().map(|f| &f.document).collect();
    let (years, (corpus, matches)) = rayon::join(
        || super::review_years(&docs, &settings),
        || {
            (
                validate::check_corpus(&loaded.files),
                matching::gather(&catalogue, rows),
            )
        },
    );
    // A document's findings are placed (those at or above `min`) and gathered for the pages
    // as soon as they are found, so the findings of every document are never held at once.
    let (located, findings): (Vec<Vec<Diagnostic>>, Vec<DocFindings>) = (loaded.files.par_iter())
        .zip(own)
        .zip(years)
        .map(|((f, (mut gathering, mut placed)), years)| {
            let years: Vec<Finding> = years.into_iter().map(finding).collect();
            gathering.add(&years);
            placed.extend(years.into_iter().filter(|x| x.kind.severity() >= min));
            (
                validate::locate_findings(f, &placed, min),
                gathering.finish(),
            )
        })
        .unzip();
    diagnostics.extend(located.into_iter().flatten());
    diagnostics.extend(corpus);
    diagnostics.extend(bad_catalogue);
    for p in &matches.problems {
        let (at, kind, message, expected) = match p {
            Problem::Ambiguous { at, metrics } => (
                at,
                Kind::AmbiguousMetric,
                format!(
                    "the rules of {} all recognise this row; it is compared as `{}`",
                    metrics
                        .iter()
                        .map(|&m| format!("`{}`", catalogue.metrics[m].key))
                        .collect::<Vec<_>>()
                        .join(", "),
                    catalogue.metrics[metrics[0]].key
                ),
                "one metric: add `metric: <key>` (or `metric: none`) to the row",
            ),
            Problem::UnknownPin { at, key } => (
                at,
                Kind::UnknownMetric,
                format!("`metric: {key}` names no metric of content/metrics.yaml"),
                "a key listed in content/metrics.yaml, or `none`",
            ),
        };
        if kind.severity() < min {
            continue;
        }
        let f = &loaded.files[at.file];
        let finding = validate::Finding {
            kind,
            field: format!("{}.metric", at.field()),
            message,
            expected: Some(expected.into()),
            answer: None,
        };
        diagnostics.push(finding.locate(f, &crate::content::load::SourceMap::build(&f.source())));
    }
    let (selfevals, problems) = load::selfeval::load_dir(content);
    diagnostics.extend(problems.into_iter().filter(|d| d.severity() >= min));
    if Severity::Warning >= min {
        diagnostics.extend(crate::content::selfeval_check::check_all(
            &selfevals,
            &loaded.files,
        ));
    }
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    // What the checks decoded and kept is let go again (for the documents a build stored,
    // on a site large enough that it lets them go).
    if load::releases(loaded.files.len()) {
        for f in &mut loaded.files {
            f.document.release();
        }
    }
    let report = Report {
        loaded,
        diagnostics,
        catalogue,
        matches,
        findings,
        selfevals,
    };
    (report, made)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value that a rule judging values flags (a cost without an amount, a vague target)
    /// is not also "unparsed": the rule says more about it.
    #[test]
    fn a_value_a_rule_judges_is_not_also_unparsed() {
        let text = std::fs::read_to_string("content/2024/130529/414.yaml").unwrap();
        let mut doc: Document = serde_saphyr::from_str(&text).unwrap();
        let rows = &mut doc.projects[0].indicators;
        let cost = rows.iter().position(|r| r.level2.contains("成本")).unwrap();
        rows[cost].value = crate::content::model::Target::new("参照政府采购成本控制");
        let time = rows.iter().position(|r| r.level2.contains("时效")).unwrap();
        rows[time].value = crate::content::model::Target::new("及时支出");
        let found = check_document(&doc, "2024/130529/414.yaml", &Settings::default());
        let at = |i: usize| format!("projects[0].indicators[{i}].value");
        let kinds = |i: usize| -> Vec<Kind> {
            (found.iter().filter(|f| f.field == at(i)))
                .map(|f| f.kind)
                .collect()
        };
        assert_eq!(
            kinds(cost),
            [Kind::Review(super::super::Rule::CostNotAmount)]
        );
        assert_eq!(kinds(time), [Kind::Review(super::super::Rule::VagueTarget)]);
    }
}
