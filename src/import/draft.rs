//! The YAML draft an import writes: the source file's shape (docs/schema.md), with every
//! field it could not read left out, and the report of what it guessed.

use super::report::Note;
use crate::messages::{DraftNote, ImportText, Lang};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One department's document as read from a disclosed file, ready to be written as YAML.
#[derive(Debug, Default, Serialize)]
pub struct Draft {
    /// Always 1.
    pub schema: u32,
    /// Year, status and the printed title.
    pub document: DocumentInfo,
    /// The department and its budget units.
    pub department: Department,
    /// Part 1, left out when the source has none.
    #[serde(skip_serializing_if = "Part1::is_empty")]
    pub part1: Part1,
    /// Part 2: one item per project table.
    pub projects: Vec<Project>,
    /// What could not be placed with certainty, in source order.
    #[serde(skip)]
    pub notes: Vec<Note>,
    /// Cells read and deliberately not imported because the model has no field for them yet
    /// (a self-evaluation's 实际完成值 and 得分, a 中期 value beside the 年度 one).
    #[serde(skip)]
    pub set_aside: Vec<Note>,
    /// Labels and headings the reader recognised (项目名称, 一级指标…): structure, not
    /// content, when the report accounts for every line.
    #[serde(skip)]
    pub structure: Vec<String>,
    /// The line where a cut-off text ends, when the form stops before its end.
    #[serde(skip)]
    pub incomplete: Option<usize>,
    /// Every line accounted for, and the tick-list (text sources only).
    #[serde(skip)]
    pub report: Option<super::report::Report>,
    /// A self-evaluation form (绩效自评表): the draft is written as a self-evaluation
    /// document under `selfeval/`, not as a target document.
    #[serde(skip)]
    pub self_evaluation: Option<crate::content::model::selfeval::Form>,
}

/// `document:` of the draft.
#[derive(Debug, Default, Serialize)]
pub struct DocumentInfo {
    /// 预算年度; 0 when the source names none (the draft then fails `check`, on purpose).
    pub year: u16,
    /// 草案 when the title says so, else 未注明.
    pub status: &'static str,
    /// The printed title, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 编制单位.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compiled_by: Option<String>,
    /// 审核单位.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    /// The imported file's name.
    pub source: String,
    /// Remarks for the reader, such as a text that stops before the form ends.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<DraftNote>,
    /// 公开日期 as the page gives it (`发文日期: 2022-04-07`, `2022年4月7日`), YYYY-MM-DD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// `department:` of the draft.
#[derive(Debug, Default, Serialize)]
pub struct Department {
    /// 部门名称, taken from the first budget unit without 本级.
    pub name: String,
    /// Where the department is, as far as the source says.
    pub region: Region,
    /// 预算单位 named above the tables.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
}

/// The region: a code read from project codes, or stated as unknown.
#[derive(Debug, Default, Serialize)]
pub struct Region {
    /// 行政区划代码, the first six digits of the project codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 省级 name, from the code's first two digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The county named at the start of the department's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Why no code could be given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unstated: Option<String>,
    /// The folder name used instead of a code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
}

/// One 预算单位.
#[derive(Debug, Serialize)]
pub struct Unit {
    /// Its six-digit code.
    pub code: String,
    /// Its name as written.
    pub name: String,
}

/// 第一部分 of the draft.
#[derive(Debug, Default, Serialize)]
pub struct Part1 {
    /// 总体绩效目标.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overall: Vec<Overall>,
    /// 分项绩效目标.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_goals: Vec<SubGoal>,
    /// 工作保障措施.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub safeguards: Vec<Safeguard>,
}

impl Part1 {
    /// True when the source had no Part 1.
    pub fn is_empty(&self) -> bool {
        self.overall.is_empty() && self.sub_goals.is_empty() && self.safeguards.is_empty()
    }
}

/// One overall goal: a heading with a paragraph or numbered items.
#[derive(Debug, Default, Serialize)]
pub struct Overall {
    /// Its heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A single paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Several paragraphs under the heading.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// One sub-goal.
#[derive(Debug, Default, Serialize)]
pub struct SubGoal {
    /// Its heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 绩效目标, or the whole text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// 绩效指标, when written apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<String>,
}

/// One safeguard.
#[derive(Debug, Default, Serialize)]
pub struct Safeguard {
    /// Its heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One project table.
#[derive(Debug, Default, Serialize)]
pub struct Project {
    /// The unit code named above the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 项目编码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A stable address when there is no code: `project-N` after the table's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// 项目名称.
    pub name: String,
    /// 预算数 and its parts, in 万元 as written.
    pub amounts: Amounts,
    /// 资金用途.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// 资金支出计划.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spending_plan: Vec<Milestone>,
    /// 绩效目标.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// The indicator rows, top to bottom.
    pub indicators: Vec<Indicator>,
    /// Remarks on this table (money written in 元, kept as written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<DraftNote>,
    /// What a self-evaluation form adds: funds as executed, goals achieved, the total.
    #[serde(skip)]
    pub evaluation: Evaluated,
}

/// 预算数, 财政资金, 其他资金: decimal text exactly as it stands in the source.
#[derive(Debug, Default, Serialize)]
pub struct Amounts {
    /// 预算数.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// 其中：财政资金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<String>,
    /// 其他资金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
}

/// One step of the spending plan.
#[derive(Debug, Serialize)]
pub struct Milestone {
    /// 3月底 and the like.
    pub by: String,
    /// 25% and the like.
    pub percent: String,
}

/// One row of the indicator table; every cell as written, empty cells left out.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// 一级指标.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level1: Option<String>,
    /// 二级指标.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    /// 三级指标.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 绩效指标描述.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 指标值.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// 指标值确定依据.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 定量 or 定性.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// 比较符号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// 计量单位.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 权重.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// A self-evaluation's 实际完成值, 分值, 得分 and 偏差原因 (None for a target form).
    #[serde(skip)]
    pub result: Option<RowResult>,
}

impl Draft {
    /// Records a cell read but not imported, at a line of the source.
    pub fn set_aside(&mut self, line: usize, what: ImportText) {
        self.set_aside.push(Note { line, what });
    }

    /// Records a note at a line of the source.
    pub fn note(&mut self, line: usize, what: ImportText) {
        self.notes.push(Note { line, what });
    }

    /// Where `check` and `build` expect this draft under the content folder:
    /// `YEAR/REGION/DEPT.yaml`, DEPT being the unit code's first three digits (or the
    /// source file's name when the document names no unit).
    pub fn path_in(&self, content: &Path) -> PathBuf {
        let region = (self.department.region.code.as_deref())
            .or(self.department.region.slug.as_deref())
            .unwrap_or("unstated");
        let dept = match self.department.units.first() {
            Some(u) if u.code.len() >= 3 => u.code[..3].to_string(),
            _ => ascii_stem(&self.document.source),
        };
        content
            .join(self.document.year.to_string())
            .join(region)
            .join(format!("{dept}.yaml"))
    }

    /// The YAML text: the report as comments on top (in Chinese: the draft is content),
    /// then the fields.
    pub fn to_yaml(&self) -> Result<String, serde_saphyr::SerializeError> {
        let mut out = format!(
            "# 由 gongkai import 从 {} 生成的草稿：请逐项核对后再发布。\n",
            self.document.source
        );
        if let Some(line) = self.incomplete {
            out.push_str(&format!(
                "# 注意：原文不完整，文字在第{line}行结束；草稿只含到此为止的内容。\n"
            ));
        }
        if self.notes.is_empty() {
            out.push_str("# 导入时没有需要核对的猜测或空缺。\n");
        } else {
            out.push_str("# 待核对（原文位置：做了什么）：\n");
            for n in &self.notes {
                out.push_str(&format!("#   {}\n", n.text(Lang::Zh)));
            }
        }
        if let Some(r) = &self.report {
            for l in r.lines(&self.set_aside, Lang::Zh) {
                out.push_str(&format!("# {l}\n"));
            }
        }
        out.push_str(&serde_saphyr::to_string(self)?);
        Ok(out)
    }
}

// ── what a self-evaluation adds (绩效自评表; read by super::selfeval) ──────────────────

/// One row's self-evaluation cells, as written. `None`: the form has no such column;
/// `Some("")`: the column is there and the cell is blank.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RowResult {
    /// 实际完成值 / 全年实际值 / 完成值.
    pub actual: Option<String>,
    /// 分值 / 权重, as written (also `/`).
    pub weight: Option<String>,
    /// 得分.
    pub score: Option<String>,
    /// 偏差原因分析及改进措施 / 未完成原因….
    pub reason: Option<String>,
}

/// A money figure of the funds table: the text as written and its value in 万元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// As written (`387664.62`, `4753.66万元`).
    pub written: String,
    /// In 万元, exact (元 divided by 10 000).
    pub wan: Decimal,
}

/// One row of the 项目资金 table.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FundLine {
    /// The row's label as written (`年度资金总额`, `其中:当年财政拨款`).
    pub label: String,
    /// 年初预算数.
    pub initial: Option<Money>,
    /// 全年预算数 / 调整后预算数.
    pub budget: Option<Money>,
    /// 全年执行数 / 预算执行数.
    pub executed: Option<Money>,
    /// 执行率 as written.
    pub rate: Option<String>,
    /// 分值 / 权重 as written.
    pub weight: Option<String>,
    /// 得分 as written.
    pub score: Option<String>,
}

/// What a self-evaluation adds to a project, as written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Evaluated {
    /// 主管部门.
    pub supervisor: Option<String>,
    /// 实施单位.
    pub implementer: Option<String>,
    /// 项目负责人及电话.
    pub manager: Option<String>,
    /// The total row (年度资金总额, 总额) of the funds table.
    pub funds: Option<FundLine>,
    /// The breakdown rows (其中：当年财政拨款, 其他资金 …).
    pub fund_rows: Vec<FundLine>,
    /// 实际完成情况 of the year's goals.
    pub achieved: Vec<String>,
    /// 总分 (the sum of the 分值).
    pub total_weight: Option<String>,
    /// 自评得分.
    pub total_score: Option<String>,
    /// 等级 (优, 良 …).
    pub grade: Option<String>,
    /// 其他需要说明事项.
    pub remarks: Option<String>,
    /// Remarks on this table for the draft (rows kept as written, money converted from 元).
    pub notes: Vec<DraftNote>,
    /// Source texts that stand in the draft in another form (元 amounts written as 万元).
    pub converted: Vec<String>,
    /// Whether the funds table has 年初预算数, 全年预算数, 全年执行数 columns (in that order).
    pub fund_columns: [bool; 3],
    /// Funds rows whose figures do not line up with the columns, left for the clerk.
    pub unplaced: Vec<UnplacedFunds>,
}

/// Figures of a funds row that could not be put under their columns without guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnplacedFunds {
    /// The row's line in the source.
    pub line: usize,
    /// The row's label (`年度资金总额`).
    pub label: String,
    /// The figures as written, in order.
    pub figures: Vec<String>,
    /// The columns they belong to, in order.
    pub columns: Vec<crate::messages::FundColumn>,
    /// Amounts written in 元 with their value in 万元.
    pub converted: Vec<(String, String)>,
    /// The figures are one run-together string (a glued form).
    pub glued: bool,
    /// A run-together row that reads more than one way (else it reads none).
    pub many: bool,
    /// The row is the funds' total (年度资金总额), not a breakdown row.
    pub total: bool,
}

/// The file name without extension, reduced to ASCII letters, digits, `-` and `_`.
fn ascii_stem(source: &str) -> String {
    let stem = Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let s: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if s.is_empty() {
        "imported".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Fields of the model an import never writes, each with why: the disclosed form has no
    /// cell for them, or the publisher adds them later.
    const NOT_IMPORTED: &[(&str, &str)] = &[
        ("document.corrections", "更正: declared after publication"),
        (
            "department.total",
            "部门预算总额: not a cell of the project tables",
        ),
        (
            "department.units[].total",
            "a unit's total: not a cell of the project tables",
        ),
        (
            "department.answers",
            "说明 to review findings, added after a review",
        ),
        (
            "department.region.city",
            "市: the form names the county, not the city",
        ),
        (
            "projects[].answers",
            "说明 to review findings, added after a review",
        ),
        (
            "projects[].indicators[].answers",
            "说明 to review findings, added after a review",
        ),
        (
            "projects[].indicators[].metric",
            "a row's comparable metric, set only to override matching",
        ),
    ];

    /// A draft with every field it can write filled in.
    fn full() -> Draft {
        let some = |s: &str| Some(s.to_string());
        Draft {
            schema: 1,
            document: DocumentInfo {
                year: 2024,
                status: "正式",
                title: some("t"),
                compiled_by: some("c"),
                reviewed_by: some("r"),
                source: "s.txt".into(),
                notes: vec![DraftNote::TotalOneNumber { number: "n".into() }],
                published: Some("2024-04-07".into()),
            },
            department: Department {
                name: "d".into(),
                region: Region {
                    code: some("130529"),
                    province: some("河北省"),
                    county: some("巨鹿县"),
                    unstated: some("u"),
                    slug: some("x"),
                },
                units: vec![Unit {
                    code: "414001".into(),
                    name: "u".into(),
                }],
            },
            part1: Part1 {
                overall: vec![Overall {
                    title: some("t"),
                    text: some("x"),
                    items: vec!["i".into()],
                }],
                sub_goals: vec![SubGoal {
                    title: some("t"),
                    goal: some("g"),
                    indicators: some("i"),
                }],
                safeguards: vec![Safeguard {
                    title: some("t"),
                    text: some("x"),
                }],
            },
            projects: vec![Project {
                unit: some("414001"),
                code: some("c"),
                id: some("project-1"),
                name: "p".into(),
                amounts: Amounts {
                    total: some("1"),
                    fiscal: some("1"),
                    other: some("0"),
                },
                purpose: some("p"),
                spending_plan: vec![Milestone {
                    by: "6月底".into(),
                    percent: "50%".into(),
                }],
                goals: vec!["g".into()],
                indicators: vec![Indicator {
                    level1: some("产出指标"),
                    level2: some("数量指标"),
                    name: some("n"),
                    description: some("d"),
                    value: some("≥1"),
                    basis: some("b"),
                    value_type: some("定量"),
                    symbol: some("≥"),
                    unit: some("个"),
                    weight: some("10"),
                    result: None,
                }],
                notes: vec![DraftNote::TotalOneNumber { number: "n".into() }],
                evaluation: Default::default(),
            }],
            ..Draft::default()
        }
    }

    #[test]
    fn the_draft_writes_the_models_fields_and_only_those() {
        let yaml = full().to_yaml().unwrap();
        let value: serde_json::Value = serde_yaml_ng::from_str(&yaml).unwrap();
        let draft = crate::content::model::schema::value_paths(&value);
        let model = crate::content::model::schema::field_paths();
        let unknown: Vec<_> = draft.difference(&model).collect();
        assert!(
            unknown.is_empty(),
            "draft keys the model lacks: {unknown:?}"
        );
        let left_out: BTreeSet<&str> = NOT_IMPORTED.iter().map(|(p, _)| *p).collect();
        let stale: Vec<_> = (left_out.iter())
            .filter(|p| !model.contains(**p) || draft.contains(**p))
            .collect();
        assert!(
            stale.is_empty(),
            "listed as not imported but not a model field, or written: {stale:?}"
        );
        let missing: Vec<_> = model
            .difference(&draft)
            .filter(|p| {
                !left_out.iter().any(|l| {
                    p.as_str() == *l
                        || p.starts_with(&format!("{l}."))
                        || p.starts_with(&format!("{l}["))
                })
            })
            .collect();
        assert!(
            missing.is_empty(),
            "model fields the import draft neither writes nor lists: {missing:?}"
        );
    }
}
