//! The 一级/二级 framework of each project table: the 产出, 效益 and 满意度 levels present, a
//! 成本指标 where the framework in force asks for one, and 二级 names from the vocabulary.

use super::rows::is_named;
use super::shape::Category;
use super::{Finding, Place, Rule};
use crate::content::model::{Document, Indicator, Project};
use crate::messages::{FindingText, Term};
use std::collections::BTreeSet;

/// The first budget year for which a project table must hold 成本指标: 财预〔2021〕101号
/// (2021-08-18) made the cost-control requirement part of every project target (S2).
pub const COST_REQUIRED_FROM: u16 = 2022;

/// The three 一级指标 of a project table, in the order of the table (the order [`level1`]
/// relies on: a row both 效益 and 满意度 is 满意度's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level1 {
    /// 产出指标 (with 成本, which layout B writes as a 一级 of its own).
    Output,
    /// 效益指标 (效果指标).
    Benefit,
    /// 满意度指标.
    Satisfaction,
}

impl Level1 {
    /// The 一级 a written 一级指标 names plainly (`产出指标`, `项目完成指标`, `项目效益指标`,
    /// `满意度指标`); `None` for a blank or another word, which the vocabulary cannot place.
    fn named(level1: &str) -> Option<Level1> {
        if level1.contains("满意") {
            Some(Level1::Satisfaction)
        } else if level1.contains("效益") || level1.contains("效果") {
            Some(Level1::Benefit)
        } else if ["产出", "完成", "成本"].iter().any(|w| level1.contains(w)) {
            Some(Level1::Output)
        } else {
            None
        }
    }
}

/// The 二级指标 vocabulary (S8, S9, S21), written without `指标` and `性`, each with the 一级 it
/// stands under. The last is the wording of the Ministry's 2013 common framework
/// (财预〔2013〕53号), which forms of 2019–2021 still print (corpus 01, 26): the same level
/// under its older name.
const LEVEL2: &[(&str, Level1)] = &[
    ("数量", Level1::Output),
    ("质量", Level1::Output),
    ("时效", Level1::Output),
    ("成本", Level1::Output),
    ("经济成本", Level1::Output),
    ("社会成本", Level1::Output),
    ("生态环境成本", Level1::Output),
    ("经济效益", Level1::Benefit),
    ("社会效益", Level1::Benefit),
    ("生态效益", Level1::Benefit),
    ("可持续影响", Level1::Benefit),
    ("服务对象满意度", Level1::Satisfaction),
    ("社会公众或服务对象满意度", Level1::Satisfaction),
];

/// Runs the framework rules on `doc`.
pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (pi, p) in doc.projects.iter().enumerate() {
        check_project(doc.document.year, pi, p, out);
    }
}

/// A 二级 name reduced to its core: spaces, `(必填)`-style remarks, `指标` and `性` removed.
fn core(level2: &str) -> String {
    let mut s: String = level2.chars().filter(|c| !c.is_whitespace()).collect();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let (Some(a), Some(b)) = (s.find(open), s.rfind(close))
            && a < b
        {
            s.replace_range(a..b + close.len_utf8(), "");
        }
    }
    let s = s.replace("指标", "").replace('性', "");
    s.strip_suffix('等').map(str::to_string).unwrap_or(s)
}

/// Which of 产出, 效益, 满意度 a row belongs to: by its 一级 as written ([`Level1::named`]) or
/// by what its 二级 and 三级 say it measures, the later level of the two when they differ (a
/// 服务对象满意度 row under 效益指标 is the table's 满意度).
fn level1(row: &Indicator) -> Option<Level1> {
    let measured = match Category::of(row) {
        Category::Satisfaction => Some(Level1::Satisfaction),
        Category::Benefit => Some(Level1::Benefit),
        Category::Quantity | Category::Quality | Category::Timeliness | Category::Cost => {
            Some(Level1::Output)
        }
        _ => None,
    };
    Level1::named(&row.level1).max(measured)
}

/// The framework rules on one project table.
pub fn check_project(year: u16, pi: usize, p: &Project, out: &mut Vec<Finding>) {
    let rows: Vec<&Indicator> = p.indicators.iter().filter(|r| is_named(r)).collect();
    if rows.is_empty() {
        return;
    }
    let present: BTreeSet<Level1> = rows.iter().filter_map(|r| level1(r)).collect();
    let missing: Vec<Term> = [
        (Level1::Output, Term::OutputIndicator),
        (Level1::Benefit, Term::BenefitIndicator),
        (Level1::Satisfaction, Term::SatisfactionIndicator),
    ]
    .into_iter()
    .filter(|(l, _)| !present.contains(l))
    .map(|(_, term)| term)
    .collect();
    if !missing.is_empty() {
        out.push(Finding::new(
            Rule::MissingLevel1,
            Place::Project(pi),
            FindingText::MissingLevel1 {
                project: p.name.to_string(),
                missing,
            },
        ));
    }
    if year >= COST_REQUIRED_FROM && !rows.iter().any(|r| Category::of(r) == Category::Cost) {
        out.push(Finding::new(
            Rule::MissingCost,
            Place::Project(pi),
            FindingText::MissingCost {
                project: p.name.to_string(),
                year,
            },
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, r) in p.indicators.iter().enumerate() {
        let name = r.level2.trim();
        if name.is_empty() || !is_named(r) || !seen.insert(name) {
            continue;
        }
        let core = core(name);
        let known = LEVEL2.iter().find(|(n, _)| *n == core).map(|(_, l)| *l);
        // A known name under a 一级 that plainly names another level (满意度 under 效益).
        let under = match (known, Level1::named(&r.level1)) {
            (None, _) => None,
            (Some(belongs), Some(written)) if belongs != written => Some(r.level1.to_string()),
            (Some(_), _) => continue,
        };
        out.push(Finding::new(
            Rule::UnknownLevel2,
            Place::Row(pi, i),
            FindingText::UnknownLevel2 {
                name: name.to_string(),
                under,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::rows::tests::{project, row};

    fn rules(year: u16, p: &Project) -> Vec<Rule> {
        let mut out = Vec::new();
        check_project(year, 0, p, &mut out);
        out.into_iter().map(|f| f.rule).collect()
    }

    /// Seed 002, 巨鹿县《计量业务经费》 as published: no 满意度 row.
    fn jiliang() -> Project {
        project(
            "计量业务经费",
            "5",
            vec![
                row("产出指标", "数量指标", "检验仪器设备台件数", "≥20台件"),
                row("产出指标", "质量指标", "设备检验率", "100%"),
                row(
                    "产出指标",
                    "时效指标",
                    "检测计量器具完成时限",
                    "不超过12月份",
                ),
                row("产出指标", "成本指标", "计量业务经费金额", "5万元"),
                row("效益指标", "可持续影响指标", "计量设备持续使用时间", "≥1年"),
            ],
        )
    }

    #[test]
    fn missing_level1() {
        assert_eq!(rules(2024, &jiliang()), vec![Rule::MissingLevel1]);
        let mut whole = jiliang();
        // Seed 002, 《食品抽检经费》's satisfaction row completes it.
        whole.indicators.push(row(
            "满意度指标",
            "服务对象满意度指标",
            "服务群体满意度",
            "≥90%",
        ));
        assert!(rules(2024, &whole).is_empty());
    }

    #[test]
    fn missing_cost() {
        let mut p = jiliang();
        p.indicators.push(row(
            "满意度指标",
            "服务对象满意度指标",
            "服务群体满意度",
            "≥90%",
        ));
        p.indicators.remove(3);
        assert_eq!(rules(2024, &p), vec![Rule::MissingCost]);
        // Before 101号 took effect the table is not asked for one.
        assert!(rules(2021, &p).is_empty());
    }

    #[test]
    fn a_level1_written_as_its_older_name_is_that_level() {
        // 项目完成指标 (corpus 04) is 产出 even when its 二级 says nothing the vocabulary
        // knows; a 满意度 row written under 效益指标 still counts as the table's 满意度.
        let p = project(
            "麻风病防治",
            "4",
            vec![
                row("项目完成指标", "完成情况", "慰问人数", "32人"),
                row("项目效益指标", "社会效益指标", "关爱", "明显增加"),
                row("效益指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            ],
        );
        let found = rules(2021, &p);
        assert!(!found.contains(&Rule::MissingLevel1), "{found:?}");
        let present: Vec<_> = p.indicators.iter().map(level1).collect();
        assert_eq!(
            present,
            [
                Some(Level1::Output),
                Some(Level1::Benefit),
                Some(Level1::Satisfaction)
            ]
        );
        // A blank 一级 and a 二级 that says nothing: no level.
        assert_eq!(level1(&row("", "其他", "说明", "见附件")), None);
    }

    #[test]
    fn unknown_level2() {
        // Corpus 04, 昭化区疾控中心: 满意度指标 as the 二级 name.
        let p = project(
            "麻风病防治",
            "4",
            vec![
                row("项目完成指标", "数量指标", "慰问人数", "32人"),
                row("项目效益指标", "社会效益指标", "关爱", "明显增加"),
                row("满意度指标", "满意度指标", "群众幸福感", "明显提升"),
            ],
        );
        let found = rules(2021, &p);
        assert_eq!(found, vec![Rule::UnknownLevel2]);
        // Seed 001 writes 可持续性影响, corpus 05 数量指标(必填硬性指标): both in the vocabulary.
        assert_eq!(core("可持续性影响"), "可持续影响");
        assert_eq!(core("数量指标(必填硬性指标)"), "数量");
        assert_eq!(core("服务对象满意度指标"), "服务对象满意度");
        // Corpus 01, 青山区教育局 2020: the 2013 framework's name is known, but it stands
        // under 效益指标, the wrong 一级.
        let p = project(
            "农村义务教育薄弱学校改造补助资金",
            "16",
            vec![
                row("产出指标", "数量指标", "学校改造数量", "3所"),
                row("效益指标", "社会效益指标", "办学条件", "稳步提高"),
                row(
                    "效益指标",
                    "社会公众或服务对象满意度指标",
                    "学生家长满意度",
                    "≥90%",
                ),
            ],
        );
        let mut found = Vec::new();
        check_project(2020, 0, &p, &mut found);
        let texts: Vec<_> = found.iter().map(|f| &f.message).collect();
        assert_eq!(
            texts,
            [&FindingText::UnknownLevel2 {
                name: "社会公众或服务对象满意度指标".into(),
                under: Some("效益指标".into()),
            }]
        );
        // Under 满意度指标 it is in place; a 一级 the vocabulary cannot place is left alone.
        for level1 in ["满意度指标", "", "其他"] {
            let mut q = p.clone();
            q.indicators[2].level1 = level1.into();
            assert!(!rules(2020, &q).contains(&Rule::UnknownLevel2), "{level1}");
        }
    }
}
