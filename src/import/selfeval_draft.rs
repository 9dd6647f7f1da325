//! A self-evaluation form's draft, written as the site's own self-evaluation document
//! ([`SelfEvaluation`], the one schema `check` and `build` read): where it goes
//! (`selfeval/YEAR/REGION/DEPT.yaml`), its YAML, and the tick-list a clerk holds against the
//! printed form (funds, 执行率, rows, 分值 and 得分 against the stated 总分).

use super::draft::{Draft, Indicator, Project};
use super::draft::{FundLine, Money};
use crate::content::model::selfeval::{
    EvaluatedProject, Form, FundRow, Funds, Goals, Outcome, Points, SelfEvaluation, Total,
};
use crate::content::model::{Date, Department, DocumentInfo, Target, Wan};
use crate::messages::{DraftNote, FundCell, ImportText, Lang, SumOf};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// Why a draft could not be made into a self-evaluation document.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The department or document part did not fit the model.
    #[error("{}", ImportText::DraftModel { part: part.to_string(), reason: reason.clone() })]
    Model {
        /// Which part (`department`, `document`).
        part: &'static str,
        /// The model's reason.
        reason: String,
    },
    /// An amount beyond the model's range.
    #[error("{}", ImportText::DraftRange { amount: _0.clone() })]
    Range(String),
}

/// The draft as a self-evaluation document.
pub fn document(d: &Draft, form: Form) -> Result<SelfEvaluation, DraftError> {
    let model = |part: &'static str| {
        move |e: serde_json::Error| DraftError::Model {
            part,
            reason: e.to_string(),
        }
    };
    let mut document: DocumentInfo = serde_json::to_value(&d.document)
        .and_then(serde_json::from_value)
        .map_err(model("文件信息"))?;
    // 公开日期, when the page gives a real date.
    document.published = d
        .document
        .published
        .clone()
        .and_then(|p| Date::try_from(p).ok());
    let department: Department = serde_json::to_value(&d.department)
        .and_then(serde_json::from_value)
        .map_err(model("部门信息"))?;
    let converted: Vec<(String, String)> = d
        .projects
        .iter()
        .flat_map(|p| {
            money_of(p)
                .into_iter()
                .filter(|m| p.evaluation.converted.contains(&m.written))
        })
        .map(|m| (m.written.clone(), m.wan.to_string()))
        .collect();
    if !converted.is_empty() {
        document
            .notes
            .push(DraftNote::ConvertedFromYuan { amounts: converted }.text());
    }
    let projects = d
        .projects
        .iter()
        .map(project)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SelfEvaluation {
        schema: 1,
        document,
        department,
        form,
        projects,
    })
}

/// Every amount of a project's funds table.
fn money_of(p: &Project) -> Vec<&Money> {
    let e = &p.evaluation;
    e.funds
        .iter()
        .chain(e.fund_rows.iter())
        .flat_map(|l| [&l.initial, &l.budget, &l.executed])
        .flatten()
        .collect()
}

fn wan(m: &Option<Money>) -> Result<Option<Wan>, DraftError> {
    m.as_ref()
        .map(|m| Wan::in_range(m.wan).ok_or_else(|| DraftError::Range(m.written.clone())))
        .transpose()
}

fn target(t: &Option<String>) -> Target {
    t.as_ref().map(Target::new).unwrap_or_default()
}

fn points(t: &Option<String>) -> Option<Points> {
    t.as_ref().map(Points::new)
}

fn fund_row(l: &FundLine) -> Result<FundRow, DraftError> {
    Ok(FundRow {
        label: l.label.clone(),
        initial: wan(&l.initial)?,
        budget: wan(&l.budget)?,
        executed: wan(&l.executed)?,
        rate: target(&l.rate),
    })
}

fn project(p: &Project) -> Result<EvaluatedProject, DraftError> {
    let e = &p.evaluation;
    let mut funds = Funds::default();
    if let Some(l) = &e.funds {
        funds.initial = wan(&l.initial)?;
        funds.budget = wan(&l.budget)?;
        funds.executed = wan(&l.executed)?;
        funds.rate = target(&l.rate);
        funds.weight = points(&l.weight);
        funds.score = points(&l.score);
    }
    funds.rows = e.fund_rows.iter().map(fund_row).collect::<Result<_, _>>()?;
    let total =
        (e.total_weight.is_some() || e.total_score.is_some() || e.grade.is_some()).then(|| Total {
            weight: points(&e.total_weight),
            score: points(&e.total_score),
            grade: e.grade.clone(),
        });
    let notes: Vec<String> = p
        .notes
        .iter()
        .chain(&e.notes)
        .map(DraftNote::text)
        .collect();
    Ok(EvaluatedProject {
        name: p.name.clone(),
        code: p.code.clone(),
        supervisor: e.supervisor.clone(),
        implementer: e.implementer.clone(),
        manager: e.manager.clone(),
        funds,
        goals: Goals {
            planned: p.goals.clone(),
            achieved: e.achieved.clone(),
        },
        indicators: p.indicators.iter().map(outcome).collect(),
        total,
        remarks: e.remarks.clone(),
        notes,
    })
}

fn outcome(i: &Indicator) -> Outcome {
    let r = i.result.clone().unwrap_or_default();
    Outcome {
        level1: i.level1.clone().unwrap_or_default(),
        level2: i.level2.clone().unwrap_or_default(),
        name: i.name.clone().unwrap_or_default(),
        target: target(&i.value),
        symbol: i.symbol.clone(),
        unit: i.unit.clone(),
        actual: target(&r.actual),
        weight: points(&r.weight.or_else(|| i.weight.clone())),
        score: points(&r.score),
        reason: r.reason,
    }
}

/// The same department's target document of that year on the site.
#[derive(Debug, Clone)]
pub struct TargetDoc {
    /// Its path under the content folder, `YEAR/REGION/DEPT.yaml`.
    pub rel: PathBuf,
    /// Its department, region included.
    pub department: Department,
}

/// The target document of the draft's year under `content` whose 部门名称 is the draft's,
/// when exactly one is.
pub fn target_of(d: &Draft, content: &Path) -> Option<TargetDoc> {
    if d.department.name.is_empty() {
        return None;
    }
    let year = content.join(d.document.year.to_string());
    let mut found = Vec::new();
    for region in std::fs::read_dir(&year).ok()?.flatten() {
        // Links are never followed (they could lead outside the site).
        if region.file_type().is_ok_and(|t| t.is_symlink()) {
            continue;
        }
        let Ok(files) = std::fs::read_dir(region.path()) else {
            continue;
        };
        for f in files.flatten() {
            let path = f.path();
            if path.extension().is_none_or(|x| x != "yaml") || path.is_symlink() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if !text.contains(&d.department.name) {
                continue;
            }
            let department = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text)
                .ok()
                .and_then(|v| v.get("department").cloned())
                .and_then(|v| serde_yaml_ng::from_value::<Department>(v).ok());
            if let Some(department) = department.filter(|t| t.name == d.department.name) {
                let rel = path.strip_prefix(content).unwrap_or(&path).to_path_buf();
                found.push(TargetDoc { rel, department });
            }
        }
    }
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// Where the draft goes: `selfeval/` and the path of the same department's target document of
/// that year when the site has one ([`target_of`]), else what a target draft would be called.
pub fn path_in(d: &Draft, content: &Path) -> PathBuf {
    let rel = match target_of(d, content) {
        Some(t) => t.rel,
        None => {
            let own = d.path_in(content);
            own.strip_prefix(content).unwrap_or(&own).to_path_buf()
        }
    };
    content.join("selfeval").join(rel)
}

/// The YAML text: the report as comments on top, then the document. With the department's
/// target document on the site (under `content`), the draft takes its region, so the two are
/// linked.
pub fn to_yaml(d: &Draft, form: Form, content: &Path) -> Result<String, String> {
    let mut doc = document(d, form).map_err(|e| e.to_string())?;
    if let Some(t) = target_of(d, content) {
        doc.department.region = t.department.region;
        doc.document.notes.push(
            DraftNote::RegionFromTargets {
                file: t.rel.display().to_string(),
            }
            .text(),
        );
    }
    let mut out = format!(
        "# 由 gongkai import 从 {} 生成的绩效自评草稿：请逐项核对后再发布。\n",
        d.document.source
    );
    if let Some(line) = d.incomplete {
        out.push_str(&format!(
            "# 注意：原文不完整，文字在第{line}行结束；草稿只含到此为止的内容。\n"
        ));
    }
    if d.notes.is_empty() {
        out.push_str("# 导入时没有需要核对的猜测或空缺。\n");
    } else {
        out.push_str("# 待核对（原文位置：做了什么）：\n");
        for n in &d.notes {
            out.push_str(&format!("#   {}\n", n.text(Lang::Zh)));
        }
    }
    if let Some(r) = &d.report {
        for l in r.lines(&d.set_aside, Lang::Zh) {
            out.push_str(&format!("# {l}\n"));
        }
    }
    out.push_str(&serde_saphyr::to_string(&doc).map_err(|e| e.to_string())?);
    Ok(out)
}

/// The tick-list of a self-evaluation: per project its funds and 执行率 (and the rate its
/// figures give), its rows, and the 分值 and 得分 summed against the stated 总分 and 自评得分.
/// Mismatches of the form itself are ticks (published as written); a form in which no row
/// has a 实际完成值 is an error (the completion columns were not read).
pub fn ticks(d: &Draft, ticks: &mut Vec<ImportText>, errors: &mut Vec<ImportText>) {
    for (n, p) in d.projects.iter().enumerate() {
        let e = &p.evaluation;
        // An amount read, one the form's header has but the row does not give, or a column
        // the form does not have.
        let show = |m: &Option<Money>, col: usize| match m {
            Some(m) => FundCell::Amount(m.wan.to_string()),
            None if e.fund_columns[col] => FundCell::NotRead,
            None => FundCell::NoColumn,
        };
        ticks.push(ImportText::TickSelfEvalProject {
            number: n + 1,
            code: p.code.clone().unwrap_or_default(),
            name: p.name.clone(),
            supervisor: e.supervisor.clone().unwrap_or_default(),
            implementer: e.implementer.clone().unwrap_or_default(),
        });
        match &e.funds {
            Some(f) => {
                let computed = match (&f.budget, &f.executed) {
                    (Some(b), Some(x)) if !b.wan.is_zero() => {
                        Some((x.wan / b.wan * Decimal::from(100)).round_dp(1).to_string())
                    }
                    _ => None,
                };
                ticks.push(ImportText::TickFunds {
                    initial: show(&f.initial, 0),
                    budget: show(&f.budget, 1),
                    executed: show(&f.executed, 2),
                    rate: f.rate.clone(),
                    computed,
                    weight: f.weight.clone(),
                    score: f.score.clone(),
                });
            }
            None => ticks.push(ImportText::TickFundsNotRead),
        }
        for u in &e.unplaced {
            ticks.push(ImportText::FundsToFill {
                line: u.line,
                label: u.label.clone(),
                figures: u.figures.clone(),
                columns: u.columns.clone(),
                project: n + 1,
                converted: u.converted.clone(),
                many: u.many,
                glued: u.glued,
                total: u.total,
            });
        }
        for r in &e.fund_rows {
            ticks.push(ImportText::TickFundRow {
                label: r.label.clone(),
                initial: show(&r.initial, 0),
                budget: show(&r.budget, 1),
                executed: show(&r.executed, 2),
            });
        }
        let rows = &p.indicators;
        let with_actual = rows
            .iter()
            .filter(|i| {
                i.result
                    .as_ref()
                    .and_then(|r| r.actual.as_deref())
                    .is_some_and(|a| !a.is_empty())
            })
            .count();
        ticks.push(ImportText::TickSelfEvalRows {
            rows: rows.len(),
            with_actual,
            goals: p.goals.len(),
            achieved: e.achieved.len(),
        });
        if with_actual == 0 && !rows.is_empty() {
            errors.push(ImportText::NoActualValues {
                project: p.name.clone(),
            });
        }
        let sum = |f: &dyn Fn(&super::draft::RowResult) -> Option<&String>| {
            rows.iter()
                .filter_map(|i| i.result.as_ref())
                .filter_map(f)
                .filter_map(|s| Points::new(s.as_str()).number())
                .sum::<Decimal>()
        };
        let fund_points = |s: &Option<String>| {
            s.as_ref()
                .and_then(|s| Points::new(s.as_str()).number())
                .unwrap_or_default()
        };
        let funds = e.funds.as_ref();
        let fund_weight = funds.and_then(|f| f.weight.clone());
        let fund_score = funds.and_then(|f| f.score.clone());
        let weights = sum(&|r| r.weight.as_ref()) + fund_points(&fund_weight);
        let scores = sum(&|r| r.score.as_ref()) + fund_points(&fund_score);
        let against = |of: SumOf, sum: Decimal, fund: &Option<String>, stated: &Option<String>| {
            let with_rate = fund.is_some();
            let sum_text = sum.to_string();
            match stated
                .as_ref()
                .and_then(|s| Points::new(s.as_str()).number())
            {
                Some(s) if s == sum => ImportText::SumAgrees {
                    of,
                    sum: sum_text,
                    with_rate,
                    stated: s.to_string(),
                },
                Some(s) => ImportText::SumDiffers {
                    of,
                    sum: sum_text,
                    with_rate,
                    stated: s.to_string(),
                    incomplete: d.incomplete.is_some(),
                },
                None => ImportText::SumNoTotal {
                    of,
                    sum: sum_text,
                    with_rate,
                },
            }
        };
        ticks.push(against(
            SumOf::Weights,
            weights,
            &fund_weight,
            &e.total_weight,
        ));
        ticks.push(against(SumOf::Scores, scores, &fund_score, &e.total_score));
        if let Some(g) = &e.grade {
            ticks.push(ImportText::TickGrade { grade: g.clone() });
        }
    }
}
