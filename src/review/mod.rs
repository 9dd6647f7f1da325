//! The review of targets (绩效目标审核): the checks a finance bureau makes before it accepts a
//! department's targets, each a [`Rule`] of the catalogue with its source.
//!
//! [`review_document`] runs the rules on one document, [`review_years`] compares the same
//! project across years. A [`Finding`] names its rule, its level (after the site's
//! settings), its typed [`Place`] in the document and, when the department answered it, the
//! recorded 说明. `gongkai check`, the public pages and `gongkai review` all read the same
//! findings.

pub mod budget;
pub mod check;
pub mod framework;
pub mod place;
pub mod report;
pub mod rows;
pub mod shape;
pub mod weights;
pub mod years;

/// The rule catalogue, kept below `diagnostic` in [`crate::rules`].
pub use crate::rules::review as rule;

pub use crate::rules::settings::{self, Settings};
pub use place::Place;
pub use rule::{Level, Rule, RuleInfo};

use crate::content::load::document::Doc;
use crate::content::model::{Document, answer};
use crate::messages::FindingText;

/// One finding of the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Its level, after the site's settings.
    pub level: Level,
    /// Where in the document.
    pub place: Place,
    /// What was found, with the figures, in the catalogue's words (the report and the pages
    /// show it in Chinese, the terminal in the publisher's language).
    pub message: FindingText,
    /// The department's recorded 说明, when it answered this rule at this place.
    pub answer: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `place` with its default level and no answer yet.
    pub fn new(rule: Rule, place: Place, message: FindingText) -> Finding {
        Finding {
            rule,
            level: rule.level(),
            place,
            message,
            answer: None,
        }
    }
}

/// Runs every rule on one document: findings of rules the site switched off are dropped, the
/// others get the site's level and the department's answer.
pub fn review_document(doc: &Document, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    budget::check(doc, &mut out);
    framework::check(doc, &mut out);
    rows::check(doc, &mut out);
    weights::check(doc, &mut out);
    finish(doc, settings, out)
}

/// Compares each project with the same project of an earlier year. `docs` are every loaded
/// document; the result holds, per document (by index), the findings about it.
pub fn review_years(docs: &[&Doc], settings: &Settings) -> Vec<Vec<Finding>> {
    years::check(docs, settings)
}

fn finish(doc: &Document, settings: &Settings, found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| settings.enabled(f.rule))
        .map(|mut f| {
            f.level = settings.level(f.rule);
            f.answer = answers_at(doc, f.place)
                .and_then(|a| answer::find(a, f.rule))
                .map(str::to_string);
            f
        })
        .collect()
}

/// The answers (说明) a document records at `place`: a row's, a project's (for the project,
/// its amounts and its plan) or the department's.
pub fn answers_at(doc: &Document, place: Place) -> Option<&[crate::content::model::Answer]> {
    match place {
        Place::Department | Place::Unit(_) => Some(&doc.department.answers),
        Place::Project(p) | Place::Amounts(p) | Place::Plan(p, _) => {
            doc.projects.get(p).map(|p| p.answers.as_slice())
        }
        Place::Row(p, i) => doc
            .projects
            .get(p)
            .and_then(|p| p.indicators.get(i))
            .map(|r| r.answers.as_slice()),
    }
}
