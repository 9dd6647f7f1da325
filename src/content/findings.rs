//! A document's findings, computed once per build ([`crate::review::check`] runs the checks)
//! and reached by a typed field path: the count on the tree, the notes of a project's list
//! entry, of its indicator rows and of its amounts come from the same list.

use crate::content::validate::Finding;
use sha2::Digest;

/// Where in a document a finding points, as the pages need to tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldPath {
    /// A field of the document outside its projects (`department.units[0].code`, the file's
    /// place).
    Document,
    /// A field of the project at this index (`projects[3]…`).
    Project {
        /// The project's index in `projects`.
        index: usize,
        /// Which part of it.
        part: ProjectField,
    },
}

/// A part of a project that findings point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectField {
    /// The project as a whole (`projects[3]`).
    Whole,
    /// Its `code`.
    Code,
    /// Its `amounts` or a field inside them.
    Amounts,
    /// Its `spending_plan` or a milestone of it.
    SpendingPlan,
    /// A field of one indicator row.
    Indicator {
        /// The row's index in `indicators`.
        row: usize,
        /// Which field of the row.
        field: IndicatorField,
    },
    /// Any other field (`unit`, `id`, …).
    Other,
}

/// A field of an indicator row that findings point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorField {
    /// `value`, the 指标值.
    Value,
    /// `name`, the 三级指标.
    Name,
    /// Any other field of the row.
    Other,
}

impl FieldPath {
    /// Reads the field path a check wrote (`projects[3].indicators[2].value`).
    pub fn parse(field: &str) -> FieldPath {
        let Some((index, rest)) = indexed(field, "projects[") else {
            return FieldPath::Document;
        };
        let part = if rest.is_empty() {
            ProjectField::Whole
        } else if rest == ".code" {
            ProjectField::Code
        } else if rest.starts_with(".amounts") {
            ProjectField::Amounts
        } else if rest.starts_with(".spending_plan") {
            ProjectField::SpendingPlan
        } else if let Some((row, rest)) = indexed(rest, ".indicators[") {
            let field = match rest {
                ".value" => IndicatorField::Value,
                ".name" => IndicatorField::Name,
                _ => IndicatorField::Other,
            };
            ProjectField::Indicator { row, field }
        } else {
            ProjectField::Other
        };
        FieldPath::Project { index, part }
    }
}

/// `head` followed by a number and `]`: the number and what follows.
fn indexed<'a>(s: &'a str, head: &str) -> Option<(usize, &'a str)> {
    let rest = s.strip_prefix(head)?;
    let end = rest.find(']')?;
    Some((rest[..end].parse().ok()?, &rest[end + 1..]))
}

/// One note beside a value: what the checks found, the review rule it comes from (for the
/// link to its explanation on the 审核规则 page) and the department's 说明, if it gave one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Flag {
    /// The Chinese note.
    pub label: &'static str,
    /// The review rule's code, the anchor of its explanation on the 审核规则 page.
    pub rule: Option<&'static str>,
    /// The department's recorded 说明.
    pub answer: Option<String>,
}

impl Flag {
    fn of(f: &Finding) -> Flag {
        Flag {
            label: f.kind.label_zh(),
            rule: match f.kind {
                crate::diagnostic::Kind::Review(r) => Some(r.code()),
                _ => None,
            },
            answer: f.answer.clone(),
        }
    }
}

/// One field's notes: its findings as flags, each once.
#[derive(Debug, Clone)]
struct Note {
    path: FieldPath,
    labels: Vec<Flag>,
}

/// Every finding of one document, as the pages and the build need them: how many, the
/// errors in full, a digest of them all, and one note per field. The warnings' texts are not
/// kept: no page shows them (`gongkai check` prints them from its diagnostics), and at
/// provincial scale they held a few hundred megabytes.
#[derive(Debug, Clone, Default)]
pub struct DocFindings {
    /// How many findings the checks gave.
    count: usize,
    /// The findings that are errors, as the checks gave them.
    errors: Vec<Finding>,
    /// SHA-256 of every finding as the checks gave it, in order ([`hash_findings`]).
    digest: [u8; 32],
    /// One note per field, in the order of the fields' paths as written.
    notes: Vec<Note>,
}

/// A document's findings while they are still being found: its own checks first, then the
/// review across years, which needs every document's summary. What [`DocFindings`] keeps is
/// gathered as each batch comes, so the batches' texts (a few hundred bytes a finding, some
/// fifty findings a document) are let go at once instead of being held for every document
/// of the site until the review across years is done.
#[derive(Debug, Clone, Default)]
pub struct Gathering {
    /// How many findings so far.
    count: usize,
    /// The errors so far, as the checks gave them.
    errors: Vec<Finding>,
    /// Every finding so far, hashed in order.
    hash: sha2::Sha256,
    /// The flags so far by field path as written, each once.
    by_field: std::collections::BTreeMap<String, Vec<Flag>>,
}

impl Gathering {
    /// Adds the next findings, in order.
    pub fn add(&mut self, found: &[Finding]) {
        self.gather(found);
        hash_findings(&mut self.hash, found);
    }

    /// As [`Gathering::add`], for findings whose [`digest_of`] is known (stored with them by
    /// an earlier build): the digest is hashed instead of their texts, so a document's own
    /// findings taken from the store are not hashed again after every edit. The digest then
    /// differs from one of the same findings added with [`Gathering::add`]; a build adds
    /// each document's own findings this way whether it made them or took them.
    pub fn add_digested(&mut self, found: &[Finding], digest: &[u8; 32]) {
        self.gather(found);
        self.hash.update(b"digested\0");
        self.hash.update(digest);
    }

    fn gather(&mut self, found: &[Finding]) {
        for f in found {
            let flag = Flag::of(f);
            let entry = match self.by_field.get_mut(f.field.as_str()) {
                Some(e) => e,
                None => self.by_field.entry(f.field.clone()).or_default(),
            };
            if !entry.contains(&flag) {
                entry.push(flag);
            }
            if f.kind.severity() == crate::diagnostic::Severity::Error {
                self.errors.push(f.clone());
            }
        }
        self.count += found.len();
    }

    /// The document's findings, once every batch is added.
    pub fn finish(self) -> DocFindings {
        let mut notes: Vec<Note> = (self.by_field.into_iter())
            .map(|(field, mut labels)| {
                labels.shrink_to_fit();
                Note {
                    path: FieldPath::parse(&field),
                    labels,
                }
            })
            .collect();
        notes.shrink_to_fit();
        let mut errors = self.errors;
        errors.shrink_to_fit();
        DocFindings {
            count: self.count,
            errors,
            digest: self.hash.finalize().into(),
            notes,
        }
    }
}

/// SHA-256 of `findings` as [`Gathering::add`] hashes them.
pub fn digest_of(findings: &[Finding]) -> [u8; 32] {
    let mut h = sha2::Sha256::new();
    hash_findings(&mut h, findings);
    h.finalize().into()
}

/// Adds `findings` to `h`: each one's kind, field, message, expectation and answer, every
/// text with its length (a debug print of them, escaping every character, took a tenth of an
/// edited rebuild).
fn hash_findings(h: &mut sha2::Sha256, findings: &[Finding]) {
    for f in findings {
        h.update(format!("{:?}", f.kind));
        let texts = [
            Some(&f.field),
            Some(&f.message),
            f.expected.as_ref(),
            f.answer.as_ref(),
        ];
        for text in texts {
            match text {
                Some(t) => {
                    h.update([1]);
                    h.update((t.len() as u64).to_le_bytes());
                    h.update(t);
                }
                None => h.update([0]),
            }
        }
    }
}

impl DocFindings {
    /// Gathers a document's findings.
    pub fn new(all: Vec<Finding>) -> DocFindings {
        let mut g = Gathering::default();
        g.add(&all);
        g.finish()
    }

    /// How many findings the document has.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The findings that are errors (a build stops on them; `serve` shows them).
    pub fn errors(&self) -> &[Finding] {
        &self.errors
    }

    /// SHA-256 of every finding, warnings' texts included: the build cache keys a
    /// department's pages with it, since findings may come from other documents.
    pub fn digest(&self) -> &[u8; 32] {
        &self.digest
    }

    /// The notes on fields inside project `index` (not on the project as a whole), counted.
    pub fn project_count(&self, index: usize) -> usize {
        self.project_notes_where(index, |p| p != ProjectField::Whole)
            .map(|n| n.labels.len())
            .sum()
    }

    /// The flags of row `row` of project `index`: its value's, then its name's, each once.
    pub fn row_labels(&self, index: usize, row: usize) -> Vec<Flag> {
        let mut out: Vec<Flag> = Vec::new();
        for field in [IndicatorField::Value, IndicatorField::Name] {
            let at = FieldPath::Project {
                index,
                part: ProjectField::Indicator { row, field },
            };
            for n in self.notes.iter().filter(|n| n.path == at) {
                for l in &n.labels {
                    if !out.contains(l) {
                        out.push(l.clone());
                    }
                }
            }
        }
        out
    }

    /// The flags on project `index` as a whole (a missing level, costs over the budget, a
    /// table copied from last year) and on its amounts, spending plan and code.
    pub fn project_labels(&self, index: usize) -> Vec<Flag> {
        self.project_notes_where(index, |p| {
            matches!(
                p,
                ProjectField::Whole
                    | ProjectField::Amounts
                    | ProjectField::SpendingPlan
                    | ProjectField::Code
            )
        })
        .flat_map(|n| n.labels.iter().cloned())
        .collect()
    }

    fn project_notes_where(
        &self,
        index: usize,
        keep: impl Fn(ProjectField) -> bool,
    ) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| match n.path {
            FieldPath::Project { index: i, part } => i == index && keep(part),
            FieldPath::Document => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;

    #[test]
    fn field_paths_are_read_by_their_parts() {
        let row = |row, field| FieldPath::Project {
            index: 12,
            part: ProjectField::Indicator { row, field },
        };
        assert_eq!(
            FieldPath::parse("projects[12].indicators[3].value"),
            row(3, IndicatorField::Value)
        );
        assert_eq!(
            FieldPath::parse("projects[12].indicators[30].name"),
            row(30, IndicatorField::Name)
        );
        assert_eq!(
            FieldPath::parse("projects[12].indicators[3].metric"),
            row(3, IndicatorField::Other)
        );
        let part = |part| FieldPath::Project { index: 12, part };
        assert_eq!(FieldPath::parse("projects[12]"), part(ProjectField::Whole));
        assert_eq!(
            FieldPath::parse("projects[12].code"),
            part(ProjectField::Code)
        );
        assert_eq!(
            FieldPath::parse("projects[12].amounts.total"),
            part(ProjectField::Amounts)
        );
        assert_eq!(
            FieldPath::parse("projects[12].spending_plan[2].percent"),
            part(ProjectField::SpendingPlan)
        );
        assert_eq!(
            FieldPath::parse("projects[12].unit"),
            part(ProjectField::Other)
        );
        assert_eq!(
            FieldPath::parse("department.units[0].code"),
            FieldPath::Document
        );
        assert_eq!(FieldPath::parse("projects[x].code"), FieldPath::Document);
    }

    #[test]
    fn only_errors_are_kept_whole_and_the_digest_sees_every_text() {
        let f = |kind, message: &str| Finding {
            kind,
            field: "projects[0].code".into(),
            message: message.into(),
            expected: None,
            answer: None,
        };
        let warning = Kind::CodePrefix;
        let error = Kind::UndeclaredUnit;
        assert_eq!(warning.severity(), crate::diagnostic::Severity::Warning);
        assert_eq!(error.severity(), crate::diagnostic::Severity::Error);
        let found = DocFindings::new(vec![f(warning, "甲"), f(error, "乙"), f(warning, "丙")]);
        assert_eq!(found.count(), 3);
        assert_eq!(found.errors(), &[f(error, "乙")][..]);
        // A warning whose text alone changes (a finding about another year's document) must
        // change the digest the build cache keys the department's pages with.
        let other = DocFindings::new(vec![f(warning, "甲"), f(error, "乙"), f(warning, "丁")]);
        assert_ne!(found.digest(), other.digest());
        let same = DocFindings::new(vec![f(warning, "甲"), f(error, "乙"), f(warning, "丙")]);
        assert_eq!(found.digest(), same.digest());
    }

    /// Findings gathered in two batches (a document's own, then those across years) give
    /// what the whole list gives at once: count, errors, digest and notes in the same order.
    #[test]
    fn gathering_in_batches_equals_gathering_at_once() {
        use crate::rules::review::Rule;
        let f = |kind, field: &str, message: &str| Finding {
            kind,
            field: field.into(),
            message: message.into(),
            expected: None,
            answer: None,
        };
        let all = vec![
            f(
                Kind::Review(Rule::VagueTarget),
                "projects[1].indicators[0].value",
                "甲",
            ),
            f(Kind::UndeclaredUnit, "projects[10]", "乙"),
            f(Kind::CodePrefix, "projects[1].code", "丙"),
            f(
                Kind::Review(Rule::VagueTarget),
                "projects[1].indicators[0].value",
                "丁",
            ),
            f(Kind::UndeclaredUnit, "projects[2]", "戊"),
            f(Kind::CodePrefix, "projects[1].code", "己"),
        ];
        let at_once = DocFindings::new(all.clone());
        for cut in 0..=all.len() {
            let mut g = Gathering::default();
            g.add(&all[..cut]);
            g.add(&all[cut..]);
            let batched = g.finish();
            assert_eq!(
                format!("{batched:?}"),
                format!("{at_once:?}"),
                "cut at {cut}"
            );
        }
        assert_eq!(at_once.count(), 6);
        assert_eq!(at_once.errors().len(), 2);
        assert_eq!(at_once.project_count(1), 2);
        // A different text in the second batch changes the digest.
        let mut g = Gathering::default();
        g.add(&all[..3]);
        let mut later = all[3..].to_vec();
        later[0].message = "庚".into();
        g.add(&later);
        assert_ne!(g.finish().digest(), at_once.digest());
    }

    #[test]
    fn notes_reach_the_row_and_project_they_belong_to() {
        use crate::rules::review::Rule;
        let f = |kind, field: &str| Finding {
            kind,
            field: field.into(),
            message: String::new(),
            expected: None,
            answer: None,
        };
        let vague = Kind::Review(Rule::VagueTarget);
        let mut answered = f(Kind::Review(Rule::MissingLevel1), "projects[1]");
        answered.answer = Some("原表第二页缺失".into());
        let found = DocFindings::new(vec![
            f(vague, "projects[1].indicators[0].value"),
            f(vague, "projects[1].indicators[0].value"),
            f(Kind::UndeclaredUnit, "projects[1]"),
            f(Kind::UndeclaredUnit, "projects[10].unit"),
            f(Kind::CodePrefix, "projects[1].code"),
            answered,
        ]);
        assert_eq!(found.count(), 6);
        assert_eq!(found.project_count(1), 2, "the vague value once, the code");
        assert_eq!(found.project_count(10), 1);
        let row = found.row_labels(1, 0);
        assert_eq!(row.len(), 1);
        assert_eq!(row[0].label, Rule::VagueTarget.title());
        assert_eq!(row[0].rule, Some("vague-target"));
        assert!(found.row_labels(10, 0).is_empty());
        let project: Vec<(&str, Option<String>)> = found
            .project_labels(1)
            .into_iter()
            .map(|f| (f.label, f.answer))
            .collect();
        assert_eq!(
            project,
            vec![
                (Kind::UndeclaredUnit.label_zh(), None),
                (Rule::MissingLevel1.title(), Some("原表第二页缺失".into())),
                (Kind::CodePrefix.label_zh(), None),
            ]
        );
    }
}
