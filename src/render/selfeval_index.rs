//! What the department, project and comparison pages know of the self-evaluations (绩效自评):
//! which target department each evaluates, its verdicts, and the links to them.

use crate::address::{Address, Anchor};
use crate::content::evaluation::{self, Tally};
use crate::content::load::SourceFile;
use crate::content::load::selfeval::SelfEvalFile;
use serde::Serialize;
use std::collections::HashMap;

/// The self-evaluation's file under `content/selfeval/` without `.yaml` (`2024/130529/414`).
fn stem(se: &SelfEvalFile) -> &str {
    se.rel.trim_end_matches(".yaml").trim_end_matches(".yml")
}

/// The address of a self-evaluation's page: `selfeval/YEAR/REGION/DEPT/`.
pub fn page_address(se: &SelfEvalFile) -> Address<'_> {
    Address::SelfEval { file: stem(se) }
}

/// The site-relative path of a self-evaluation's page.
pub fn page_path(se: &SelfEvalFile) -> String {
    page_address(se).path()
}

/// The address of the department page whose targets a self-evaluation evaluates: its file
/// sits at the same place under `content/selfeval/` as the target's under `content/` (the
/// loader refuses any other place).
pub fn target_address(se: &SelfEvalFile) -> Option<Address<'_>> {
    let mut parts = stem(se).split('/');
    let (year, region, dept) = (parts.next()?.parse().ok()?, parts.next()?, parts.next()?);
    parts
        .next()
        .is_none()
        .then_some(Address::Department { year, region, dept })
}

/// What the department and project pages need to know of the self-evaluations.
#[derive(Debug, Clone, Default)]
pub struct SelfEvalIndex {
    /// By the target department's page path (`2024/130529/414/`).
    pub depts: HashMap<String, DeptRef>,
    /// How many self-evaluations the site publishes, with or without their targets.
    pub count: usize,
}

/// A self-evaluation as its target department's pages link it.
#[derive(Debug, Clone)]
pub struct DeptRef {
    /// The self-evaluation page's path.
    pub path: String,
    /// The verdicts of all its rows.
    pub tally: Tally,
    /// Per target project index: the evaluated project's number on the page (from 1) and
    /// its verdicts.
    pub projects: HashMap<usize, (usize, Tally)>,
    /// Per target (project, row): the evaluated row's result.
    pub rows: HashMap<(usize, usize), Outcome>,
}

/// What became of one published target row, as a comparison shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// 实际完成值 as written.
    pub actual: String,
    /// 达成 / 未达成 / 无法判断.
    pub verdict: &'static str,
    /// `met`, `not-met`, `unknown`.
    pub verdict_key: &'static str,
    /// Why.
    pub why: String,
    /// The project's 执行率 as written in the self-evaluation.
    pub rate: String,
    /// The row on the self-evaluation page (with the base path).
    pub href: String,
}

/// The summary a department or project page shows: counts and the link.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The link to the self-evaluation (with the base path).
    pub href: String,
    /// The verdicts.
    pub tally: Tally,
}

impl SelfEvalIndex {
    /// Indexes the self-evaluations whose target department is on the site.
    pub fn new(selfevals: &[SelfEvalFile], files: &[SourceFile]) -> SelfEvalIndex {
        let mut depts = HashMap::new();
        for se in selfevals {
            let link = evaluation::link(se, files);
            let (Some(_), Some(target)) = (link.document, target_address(se)) else {
                continue;
            };
            let dept_path = target.path();
            let projects = (link.projects.iter().enumerate())
                .filter_map(|(i, pl)| {
                    let t = Tally::of([&se.document.projects[i]]);
                    Some((pl.project?, (i + 1, t)))
                })
                .collect();
            let mut rows = HashMap::new();
            for (pi, pl) in link.projects.iter().enumerate() {
                let (Some(tp), p) = (pl.project, &se.document.projects[pi]) else {
                    continue;
                };
                for (ri, tr) in pl.rows.iter().enumerate() {
                    let (Some(tr), r) = (tr, &p.indicators[ri]) else {
                        continue;
                    };
                    let j = evaluation::judge(r);
                    rows.insert(
                        (tp, *tr),
                        Outcome {
                            actual: r.actual.raw().to_string(),
                            verdict: j.verdict.label(),
                            verdict_key: j.verdict.key(),
                            why: j.why,
                            rate: p.funds.rate.raw().to_string(),
                            href: page_address(se).href_at(
                                "",
                                Anchor::EvaluatedRow {
                                    project: pi + 1,
                                    row: ri + 1,
                                },
                            ),
                        },
                    );
                }
            }
            depts.insert(
                dept_path,
                DeptRef {
                    path: page_path(se),
                    tally: Tally::of(&se.document.projects),
                    projects,
                    rows,
                },
            );
        }
        SelfEvalIndex {
            depts,
            count: selfevals.len(),
        }
    }

    /// The summary for the department page at `dept_path`.
    pub fn department(&self, base: &str, dept_path: &str) -> Option<Summary> {
        let d = self.depts.get(dept_path)?;
        Some(Summary {
            href: format!("{base}{}", d.path),
            tally: d.tally,
        })
    }

    /// What became of the target row `row` of project `project` of `dept_path`, with the
    /// link to it on the self-evaluation page.
    pub fn row(&self, base: &str, dept_path: &str, project: usize, row: usize) -> Option<Outcome> {
        let mut o = self
            .depts
            .get(dept_path)?
            .rows
            .get(&(project, row))?
            .clone();
        o.href = format!("{base}{}", o.href);
        Some(o)
    }

    /// The summary for the project page of the target project `project` of `dept_path`.
    pub fn project(&self, base: &str, dept_path: &str, project: usize) -> Option<Summary> {
        let d = self.depts.get(dept_path)?;
        let (n, tally) = d.projects.get(&project)?;
        Some(Summary {
            href: format!("{base}{}#{}", d.path, Anchor::EvaluatedProject(*n)),
            tally: *tally,
        })
    }
}
