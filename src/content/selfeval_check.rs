//! The checks of a self-evaluation (绩效自评): what its own figures say against each other and
//! against the published targets. The document is published as written; each finding is a
//! warning shown beside the value and printed by `gongkai check`, never a silent fix.
//!
//! Rules, with where they come from: the 执行率 is 全年执行数 ÷ 全年预算数 and a score may not
//! exceed its 分值 (财政部《项目支出绩效评价管理办法》财预〔2020〕10号, 附件2 项目支出绩效自评表
//! 及其说明: “得分最高不能超过该指标分值上限”); the scores add up to the 总分 / 自评得分; a
//! row that falls short of its target is not scored full, and names its 偏差原因 (the same
//! table's 偏差原因分析及改进措施 column); the 年度指标值 is the one published with the
//! budget (the target document), or the difference is shown.

use crate::content::evaluation::{self, Link};
use crate::content::load::selfeval::SelfEvalFile;
use crate::content::load::{SourceFile, SourceMap};
use crate::content::model::selfeval::{EvaluatedProject, Points, SelfEvaluation};
use crate::content::model::value::{Magnitude, TargetValue, normalize};
use crate::content::model::{Target, Wan};
use crate::content::verdict::Verdict;
use crate::diagnostic::{Diagnostic, Kind};
use crate::messages::Message;
use rust_decimal::Decimal;

pub use crate::rules::selfeval::Rule;

/// Where in a self-evaluation a finding points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The project's 项目资金 (its whole-year figures).
    Funds {
        /// The project's index.
        project: usize,
    },
    /// A breakdown row of 项目资金.
    FundRow {
        /// The project's index.
        project: usize,
        /// The row's index in `funds.rows`.
        row: usize,
    },
    /// A field of an indicator row.
    Row {
        /// The project's index.
        project: usize,
        /// The row's index in `indicators`.
        row: usize,
        /// Which field.
        field: RowField,
    },
    /// The project's 总分.
    Total {
        /// The project's index.
        project: usize,
    },
}

/// A field of an indicator row that a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowField {
    /// 年度指标值.
    Target,
    /// 实际完成值.
    Actual,
    /// 得分.
    Score,
    /// 偏差原因.
    Reason,
}

impl Place {
    /// The project the finding belongs to.
    pub fn project(self) -> usize {
        match self {
            Place::Funds { project }
            | Place::FundRow { project, .. }
            | Place::Row { project, .. }
            | Place::Total { project } => project,
        }
    }

    /// The YAML path of the place (`projects[0].indicators[3].score`), to find its line.
    pub fn yaml_path(self) -> String {
        match self {
            Place::Funds { project } => format!("projects[{project}].funds.rate"),
            Place::FundRow { project, row } => format!("projects[{project}].funds.rows[{row}]"),
            Place::Row {
                project,
                row,
                field,
            } => {
                let f = match field {
                    RowField::Target => "target",
                    RowField::Actual => "actual",
                    RowField::Score => "score",
                    RowField::Reason => "reason",
                };
                format!("projects[{project}].indicators[{row}].{f}")
            }
            Place::Total { project } => format!("projects[{project}].total"),
        }
    }
}

/// One finding of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Where.
    pub place: Place,
    /// What is wrong, with the form's words: Chinese on pages, the process's language in
    /// `gongkai check`.
    pub message: Message,
}

impl Finding {
    /// The finding as a diagnostic at its line in `file`, whose text is `text`.
    pub fn locate(&self, file: &SelfEvalFile, text: &str) -> Diagnostic {
        let map = SourceMap::build(text);
        let path = self.place.yaml_path();
        let project = &file.document.projects[self.place.project()].name;
        Diagnostic {
            position: map.nearest(&path),
            field: Some(path),
            ..Diagnostic::file(
                Kind::SelfEval(self.rule),
                &file.path,
                Message::SelfEvalFinding {
                    project: project.clone(),
                    text: self.message.to_string(),
                },
            )
        }
    }
}

/// Percentage points a written rate may differ from the computed one (rounding to whole
/// percents leaves at most half a point).
const RATE_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Every finding of one self-evaluation, given its link to the targets in `files`.
pub fn check(se: &SelfEvaluation, link: &Link, files: &[SourceFile]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pi, p) in se.projects.iter().enumerate() {
        rate(
            p.funds.budget,
            p.funds.executed,
            &p.funds.rate,
            Place::Funds { project: pi },
            &mut out,
        );
        for (ri, r) in p.funds.rows.iter().enumerate() {
            rate(
                r.budget,
                r.executed,
                &r.rate,
                Place::FundRow {
                    project: pi,
                    row: ri,
                },
                &mut out,
            );
        }
        total(p, pi, &mut out);
        rows(p, pi, &mut out);
        for (ri, r) in p.indicators.iter().enumerate() {
            let Some(published) = evaluation::target_row(files, link, pi, ri) else {
                continue;
            };
            let (mine, theirs) = (r.target.raw(), published.value.raw());
            if r.target.is_written() && normalize(mine) != normalize(theirs) {
                out.push(Finding {
                    rule: Rule::TargetDiffers,
                    place: Place::Row {
                        project: pi,
                        row: ri,
                        field: RowField::Target,
                    },
                    message: Message::SelfEvalTargetDiffers {
                        name: r.name.clone(),
                        written: mine.to_string(),
                        published: theirs.to_string(),
                    },
                });
            }
        }
    }
    out
}

/// The rate a percentage text states (`100%`, `80.4%`), when it is one.
fn percent(t: &Target) -> Option<Decimal> {
    match t.parsed() {
        TargetValue::Quantity(q) if q.unit.as_deref() == Some("%") && q.comparison.is_none() => {
            match q.magnitude {
                Magnitude::Exact { value } => Some(value),
                Magnitude::Range { .. } => None,
            }
        }
        _ => None,
    }
}

fn rate(
    budget: Option<Wan>,
    executed: Option<Wan>,
    written: &Target,
    place: Place,
    out: &mut Vec<Finding>,
) {
    let (Some(b), Some(e), Some(w)) = (budget, executed, percent(written)) else {
        return;
    };
    let Some(computed) = computed_rate(b, e) else {
        return;
    };
    if (computed - w).abs() > RATE_TOLERANCE {
        out.push(Finding {
            rule: Rule::RateArithmetic,
            place,
            message: Message::SelfEvalRate {
                written: written.raw().to_string(),
                executed: e.to_string(),
                budget: b.to_string(),
                computed: computed.round_dp(1).to_string(),
            },
        });
    }
}

/// 执行数 ÷ 预算数 in percent; `None` for a zero budget.
pub fn computed_rate(budget: Wan, executed: Wan) -> Option<Decimal> {
    if budget.0.is_zero() {
        return None;
    }
    executed
        .0
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget.0)
}

fn number(p: &Option<Points>) -> Option<Decimal> {
    p.as_ref().and_then(Points::number)
}

fn total(p: &EvaluatedProject, pi: usize, out: &mut Vec<Finding>) {
    let Some(t) = &p.total else { return };
    let place = Place::Total { project: pi };
    // Saturating: a score written with thirty digits must not overflow the sum.
    let scored = |get: fn(&crate::content::model::selfeval::Outcome) -> &Option<Points>,
                  funds: &Option<Points>| {
        (p.indicators.iter().filter_map(|r| number(get(r))))
            .chain(number(funds))
            .fold(Decimal::ZERO, Decimal::saturating_add)
    };
    if let Some(stated) = number(&t.score) {
        let sum = scored(|r| &r.score, &p.funds.score);
        if sum != stated {
            out.push(Finding {
                rule: Rule::TotalMismatch,
                place,
                message: Message::SelfEvalScoreSum {
                    sum: sum.to_string(),
                    stated: t.score.as_ref().map_or("", |s| s.raw()).to_string(),
                },
            });
        }
    }
    if let Some(stated) = number(&t.weight) {
        let sum = scored(|r| &r.weight, &p.funds.weight);
        if sum != stated {
            out.push(Finding {
                rule: Rule::TotalMismatch,
                place,
                message: Message::SelfEvalWeightSum {
                    sum: sum.to_string(),
                    stated: t.weight.as_ref().map_or("", |s| s.raw()).to_string(),
                },
            });
        }
    }
}

fn rows(p: &EvaluatedProject, pi: usize, out: &mut Vec<Finding>) {
    for (ri, r) in p.indicators.iter().enumerate() {
        let at = |field| Place::Row {
            project: pi,
            row: ri,
            field,
        };
        let (weight, score) = (number(&r.weight), number(&r.score));
        if let (Some(w), Some(s)) = (weight, score)
            && s > w
        {
            out.push(Finding {
                rule: Rule::ScoreAboveWeight,
                place: at(RowField::Score),
                message: Message::SelfEvalScoreAboveWeight {
                    name: r.name.clone(),
                    score: s.to_string(),
                    weight: w.to_string(),
                },
            });
        }
        let j = evaluation::judge(r);
        let (target, actual) = (r.target.raw().to_string(), r.actual.raw().to_string());
        if j.verdict == Verdict::Met {
            if let (Some(w), Some(s)) = (weight, score)
                && s < w
            {
                out.push(Finding {
                    rule: Rule::MetNotFullScore,
                    place: at(RowField::Score),
                    message: Message::SelfEvalMetNotFull {
                        name: r.name.clone(),
                        target,
                        actual,
                        score: s.to_string(),
                        weight: w.to_string(),
                    },
                });
            }
            continue;
        }
        if j.verdict != Verdict::NotMet {
            continue;
        }
        if let (Some(w), Some(s)) = (weight, score)
            && s >= w
        {
            out.push(Finding {
                rule: Rule::ShortfallFullScore,
                place: at(RowField::Score),
                message: Message::SelfEvalShortfallFullScore {
                    name: r.name.clone(),
                    target: target.clone(),
                    actual: actual.clone(),
                    score: s.to_string(),
                },
            });
        }
        if r.reason.as_deref().is_none_or(|t| t.trim().is_empty()) {
            out.push(Finding {
                rule: Rule::ShortfallNoReason,
                place: at(RowField::Reason),
                message: Message::SelfEvalShortfallNoReason {
                    name: r.name.clone(),
                    target,
                    actual,
                },
            });
        }
    }
}

/// Every finding of every self-evaluation, as diagnostics at their lines.
pub fn check_all(selfevals: &[SelfEvalFile], files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for se in selfevals {
        let link = evaluation::link(se, files);
        let found = check(&se.document, &link, files);
        if found.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&se.path).unwrap_or_default();
        out.extend(found.iter().map(|f| f.locate(se, &text)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    const HEAD: &str = "schema: 1\ndocument: { year: 2021, status: 正式 }\ndepartment:\n  name: 局\n  \
        region: { code: \"431102\", province: 湖南省, county: 零陵区 }\nform: 部门整体支出\nprojects:\n";

    fn doc(projects: &str) -> SelfEvaluation {
        serde_saphyr::from_str(&format!("{HEAD}{projects}")).unwrap()
    }

    fn rules(projects: &str) -> Vec<(Rule, Place)> {
        check(&doc(projects), &Link::default(), &[])
            .into_iter()
            .map(|f| (f.rule, f.place))
            .collect()
    }

    #[test]
    fn rate_arithmetic() {
        // 21 零陵: 3824.26 / 4753.66 = 80.4%, written 100%.
        let found = check(
            &doc("  - name: x\n    funds: { budget: 4753.66, executed: 3824.26, rate: 100% }\n"),
            &Link::default(),
            &[],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, Rule::RateArithmetic);
        let (zh, en) = (
            found[0].message.text(Lang::Zh),
            found[0].message.text(Lang::En),
        );
        assert!(
            zh.contains("80.4%") && zh.contains("执行率写作“100%”"),
            "{zh}"
        );
        assert!(
            en.contains("80.4%") && en.contains("execution rate"),
            "{en}"
        );
        // Rounded as written: 80.4 for 80.449…, 100% for 9.48 of 9.48.
        for ok in [
            "{ budget: 4753.66, executed: 3824.26, rate: 80% }",
            "{ budget: 9.48, executed: 9.48, rate: 100% }",
            "{ budget: 0, executed: 0, rate: 0.00% }",
            "{ budget: 5, rate: 100% }",
        ] {
            assert!(
                rules(&format!("  - name: x\n    funds: {ok}\n")).is_empty(),
                "{ok}"
            );
        }
        let row = "  - name: x\n    funds:\n      rows:\n        - { label: 其中：财政资金, budget: 10, executed: 5, rate: 100% }\n";
        assert_eq!(
            rules(row),
            [(Rule::RateArithmetic, Place::FundRow { project: 0, row: 0 })]
        );
    }

    #[test]
    fn total_mismatch() {
        let p = |score: &str| {
            format!(
                "  - name: x\n    funds: {{ weight: 10, score: 10 }}\n    indicators:\n      \
                 - {{ name: a, target: 100%, actual: 100%, weight: 50, score: 50 }}\n      \
                 - {{ name: b, target: 100%, actual: 90%, weight: 40, score: 36, reason: 天气 }}\n    \
                 total: {{ weight: 100, score: {score} }}\n"
            )
        };
        assert!(rules(&p("96")).is_empty());
        assert_eq!(
            rules(&p("98")),
            [(Rule::TotalMismatch, Place::Total { project: 0 })]
        );
    }

    #[test]
    fn enormous_scores_do_not_overflow() {
        let big = "79228162514264337593543950335";
        let p = format!(
            "  - name: x\n    funds: {{ weight: {big}, score: {big}, budget: 0.0001, executed: {big}, rate: 1% }}\n    indicators:\n      \
             - {{ name: a, weight: {big}, score: {big} }}\n    total: {{ weight: {big}, score: 1 }}\n"
        );
        // Read as a document, an amount that large is refused; scores are not amounts.
        let text = p.replace(&format!("executed: {big}"), "executed: 1000000");
        let found: Vec<Rule> = rules(&text).into_iter().map(|(r, _)| r).collect();
        assert_eq!(found, [Rule::RateArithmetic, Rule::TotalMismatch]);
    }

    #[test]
    fn score_above_weight() {
        let p = |score: &str| {
            format!(
                "  - name: x\n    indicators:\n      - {{ name: a, target: 100%, actual: 100%, weight: 10, score: {score} }}\n"
            )
        };
        assert!(rules(&p("10")).is_empty());
        let at = Place::Row {
            project: 0,
            row: 0,
            field: RowField::Score,
        };
        assert_eq!(rules(&p("12")), [(Rule::ScoreAboveWeight, at)]);
    }

    #[test]
    fn shortfall_full_score_and_no_reason() {
        let row = |actual: &str, score: &str, reason: &str| {
            format!(
                "  - name: x\n    indicators:\n      - {{ name: 木材销售收入, target: 1100万元, actual: {actual}, weight: 6, score: {score}{reason} }}\n"
            )
        };
        let score = Place::Row {
            project: 0,
            row: 0,
            field: RowField::Score,
        };
        let reason = Place::Row {
            project: 0,
            row: 0,
            field: RowField::Reason,
        };
        // Met: nothing to say.
        assert!(rules(&row("1100万元", "6", "")).is_empty());
        // Short with a reason and a lower score: nothing to say.
        assert!(rules(&row("1093万元", "5", ", reason: 市场价格下降")).is_empty());
        // 21 零陵: short, scored 5 of 6, the reason cell blank.
        assert_eq!(
            rules(&row("1093万元", "5", ", reason: \"\"")),
            [(Rule::ShortfallNoReason, reason)]
        );
        assert_eq!(
            rules(&row("1093万元", "6", ", reason: 价格")),
            [(Rule::ShortfallFullScore, score)]
        );
        // Not comparable: no finding.
        assert!(rules(&row("有效", "6", "")).is_empty());
    }

    #[test]
    fn met_but_not_full_score() {
        // 03 永德 资金到位及时率: ≧100% reached with 100%, scored 7 of 10.
        let row = |actual: &str, score: &str| {
            format!(
                "  - name: x\n    indicators:\n      - {{ name: 资金到位及时率, target: ≧100%, actual: {actual}, weight: 10, score: {score}, reason: \"\" }}\n"
            )
        };
        let at = Place::Row {
            project: 0,
            row: 0,
            field: RowField::Score,
        };
        let found = check(&doc(&row("100%", "7")), &Link::default(), &[]);
        assert_eq!(
            found.iter().map(|f| (f.rule, f.place)).collect::<Vec<_>>(),
            [(Rule::MetNotFullScore, at)]
        );
        let zh = found[0].message.text(Lang::Zh);
        assert!(
            zh.contains("达到年度指标值“≧100%”") && zh.contains("得分 7 却低于分值 10"),
            "{zh}"
        );
        let en = found[0].message.text(Lang::En);
        assert!(en.contains("meets the target") && en.contains("10"), "{en}");
        // Full marks, or not met (the other rules speak then), or not comparable: not this rule.
        assert!(rules(&row("100%", "10")).is_empty());
        assert!(
            !rules(&row("90%", "7"))
                .iter()
                .any(|(r, _)| *r == Rule::MetNotFullScore)
        );
        assert!(rules(&row("已完成", "7")).is_empty());
    }

    #[test]
    fn target_differs_from_the_published_one() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::content::load::load_dir(&content, false);
        let (fi, f) = (loaded.files.iter().enumerate())
            .find(|(_, f)| f.document.projects.iter().any(|p| !p.indicators.is_empty()))
            .unwrap();
        let tp = &f.document.projects[0];
        let ti = tp
            .indicators
            .iter()
            .position(|r| !r.name.is_empty())
            .unwrap();
        let published = tp.indicators[ti].value.raw();
        let se = |target: &str| {
            doc(&format!(
                "  - name: x\n    indicators:\n      - {{ name: a, target: \"{target}\" }}\n"
            ))
        };
        let link = Link {
            document: Some(fi),
            projects: vec![evaluation::ProjectLink {
                project: Some(0),
                rows: vec![Some(ti)],
            }],
        };
        let found = |t: &str| -> Vec<Rule> {
            check(&se(t), &link, &loaded.files)
                .into_iter()
                .map(|f| f.rule)
                .collect()
        };
        assert!(found(published).is_empty(), "{published}");
        assert_eq!(found("≥123456789次"), [Rule::TargetDiffers]);
    }
}
