//! A self-evaluation held against its targets: which target document, project and row each
//! evaluated project and row refers to (by project code, else by name; rows by 三级指标), and
//! the verdict of every row.
//!
//! The target document is the one at the same place under `content/` (`YEAR/REGION/DEPT.yaml`).
//! A self-evaluation whose targets are not on the site stands on its own 年度指标值.

use crate::content::load::SourceFile;
use crate::content::load::selfeval::SelfEvalFile;
use crate::content::model::selfeval::{EvaluatedProject, Outcome};
use crate::content::model::{Document, Indicator, Project};
use crate::content::verdict::{self, Direction, Judgement, Verdict};

/// Where a self-evaluation's projects and rows meet the published targets.
#[derive(Debug, Clone, Default)]
pub struct Link {
    /// The index of the target document among the loaded files, when the site has it.
    pub document: Option<usize>,
    /// One entry per evaluated project, in order.
    pub projects: Vec<ProjectLink>,
}

/// An evaluated project's target table and rows.
#[derive(Debug, Clone, Default)]
pub struct ProjectLink {
    /// The index of the target project in its document, when found.
    pub project: Option<usize>,
    /// For each evaluated row, the index of the target row with the same 三级指标.
    pub rows: Vec<Option<usize>>,
}

/// Text compared without white space.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Links `se` to the target documents `files`.
pub fn link(se: &SelfEvalFile, files: &[SourceFile]) -> Link {
    let document = files.iter().position(|f| f.rel == se.target_rel());
    let doc = document.map(|i| &*files[i].document);
    let projects = se
        .document
        .projects
        .iter()
        .map(|p| link_project(p, doc))
        .collect();
    Link { document, projects }
}

fn link_project(p: &EvaluatedProject, doc: Option<&Document>) -> ProjectLink {
    let none = || ProjectLink {
        project: None,
        rows: vec![None; p.indicators.len()],
    };
    let Some(doc) = doc else {
        return none();
    };
    let by_code = p.code.as_deref().and_then(|c| {
        (doc.projects.iter()).position(|t| t.code.as_deref().map(squeeze) == Some(squeeze(c)))
    });
    let by_name = || {
        let name = squeeze(&p.name);
        (doc.projects.iter()).position(|t| squeeze(&t.name) == name)
    };
    let Some(index) = by_code.or_else(by_name) else {
        return none();
    };
    let target = &doc.projects[index];
    ProjectLink {
        project: Some(index),
        rows: p.indicators.iter().map(|r| link_row(r, target)).collect(),
    }
}

fn link_row(r: &Outcome, target: &Project) -> Option<usize> {
    let name = squeeze(&r.name);
    if name.is_empty() {
        return None;
    }
    let same: Vec<usize> = (target.indicators.iter().enumerate())
        .filter(|(_, t)| squeeze(&t.name) == name)
        .map(|(i, _)| i)
        .collect();
    match same.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => many
            .iter()
            .copied()
            .find(|&i| squeeze(&target.indicators[i].level2) == squeeze(&r.level2))
            .or(Some(many[0])),
    }
}

/// The verdict of one row.
pub fn judge(row: &Outcome) -> Judgement {
    verdict::judge(&row.target, &row.actual, Direction::of_level2(&row.level2))
}

/// The target row of an evaluated row, when linked.
pub fn target_row<'a>(
    files: &'a [SourceFile],
    link: &Link,
    project: usize,
    row: usize,
) -> Option<&'a Indicator> {
    let doc = &files[link.document?].document;
    let pl = link.projects.get(project)?;
    let p = &doc.projects[pl.project?];
    p.indicators.get((*pl.rows.get(row)?)?)
}

/// How many rows of a self-evaluation were met, not met and not judged (empty rows skipped).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// 达成.
    pub met: usize,
    /// 未达成.
    pub not_met: usize,
    /// 无法判断.
    pub unknown: usize,
}

impl Tally {
    /// Counts the verdicts of `projects`' rows.
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a EvaluatedProject>) -> Tally {
        let mut t = Tally::default();
        for row in projects.into_iter().flat_map(|p| &p.indicators) {
            if row.is_empty_row() {
                continue;
            }
            match judge(row).verdict {
                Verdict::Met => t.met += 1,
                Verdict::NotMet => t.not_met += 1,
                Verdict::Unknown => t.unknown += 1,
            }
        }
        t
    }

    /// Rows judged in all.
    pub fn total(&self) -> usize {
        self.met + self.not_met + self.unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load;
    use std::path::Path;

    fn content() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
    }

    /// Every bundled self-evaluation loads; each row gets a verdict, and the tally counts them.
    #[test]
    fn the_bundled_self_evaluations_are_judged() {
        let (files, problems) = load::selfeval::load_dir(&content());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(files.len() >= 2, "{files:?}");
        for f in &files {
            let t = Tally::of(&f.document.projects);
            assert!(t.total() > 0, "{}", f.rel);
        }
        let lingling = files
            .iter()
            .find(|f| f.rel.starts_with("2021/431102/"))
            .unwrap();
        let t = Tally::of(&lingling.document.projects);
        // 木材销售收入 1093 of 1100万元 and 林产品收入 2.45 of 2.6亿元 fall short.
        assert_eq!(t.not_met, 2, "{t:?}");
    }

    #[test]
    fn links_by_code_then_by_name_and_rows_by_name() {
        let loaded = load::load_dir(&content(), false);
        let target = loaded
            .files
            .iter()
            .find(|f| f.document.projects.iter().any(|p| p.code.is_some()))
            .unwrap();
        let tp = target
            .document
            .projects
            .iter()
            .find(|p| p.code.is_some())
            .unwrap();
        let row = tp
            .indicators
            .iter()
            .position(|r| !r.name.is_empty())
            .unwrap();
        let yaml = format!(
            "schema: 1\ndocument: {{ year: {}, status: 正式 }}\ndepartment:\n  name: x\n  region: {}\n\
             form: 项目支出\nprojects:\n  - name: 另一个名称\n    code: \"{}\"\n    indicators:\n\
             \x20     - {{ name: \"{}\", target: \"1\", actual: \"1\" }}\n      - {{ name: 没有这一行 }}\n\
             \x20 - name: \"{}\"\n  - name: 不存在的项目\n",
            target.document.document.year,
            serde_json::to_string(&crate::content::model::RegionSpec::from(
                target.document.department.region.clone()
            ))
            .unwrap(),
            tp.code.as_deref().unwrap(),
            tp.indicators[row].name,
            tp.name,
        );
        let se = SelfEvalFile {
            path: "x.yaml".into(),
            rel: target.rel.clone(),
            document: serde_saphyr::from_str(&yaml).unwrap(),
        };
        let l = link(&se, &loaded.files);
        let tpi = target
            .document
            .projects
            .iter()
            .position(|p| p.code.is_some());
        assert_eq!(l.projects[0].project, tpi);
        assert_eq!(l.projects[0].rows, [Some(row), None]);
        assert_eq!(l.projects[1].project, tpi);
        assert_eq!(l.projects[2].project, None);
        let elsewhere = SelfEvalFile {
            rel: "1999/x/y.yaml".into(),
            ..se
        };
        assert!(link(&elsewhere, &loaded.files).document.is_none());
    }
}
