//! The typed model of one 绩效自评 (self-evaluation) document: a department's own account, a
//! year after the targets, of what each project achieved against its 年度指标值.
//!
//! A self-evaluation is its own file, `content/selfeval/YEAR/REGION/DEPT.yaml`, never an edit
//! of the target document (a frozen year stays frozen). YEAR is the budget year evaluated,
//! REGION and DEPT are the place and the file name of that year's target document, if the site
//! has one. Every value is kept as written, mistakes included; the parsed forms sit beside the
//! text, and the checks (`content::selfeval_checks`) flag what does not add up.

use super::value::Target;
use super::{Department, DocumentInfo, Wan};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// One department's self-evaluation (绩效自评表) for one budget year: the root of a
/// `content/selfeval/…` YAML file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(
    title = "绩效自评文件",
    description = "一个部门一个预算年度的绩效自评表，按原文录入"
)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// Schema version of the file (`schema: 1`).
    #[schemars(title = "文件格式版本", description = "固定写 1")]
    pub schema: u32,
    /// Facts about the document: `year` is the budget year evaluated (the targets' year).
    #[schemars(
        title = "文件信息",
        description = "year 写被评价的预算年度（即绩效目标的年度），不是自评公开的年份"
    )]
    pub document: DocumentInfo,
    /// The department, as in its target document.
    #[schemars(title = "部门信息", description = "部门名称、所属地区和预算单位")]
    pub department: Department,
    /// Which form: 项目支出绩效自评表 or 部门整体支出绩效自评表.
    #[schemars(title = "自评表类型", description = "项目支出 或 部门整体支出")]
    pub form: Form,
    /// One entry per evaluated project (for 部门整体支出 the single entry is the department).
    #[schemars(
        title = "自评项目",
        description = "每个项目一张自评表，按原文顺序；部门整体支出自评表只有一项，即部门整体"
    )]
    pub projects: Vec<EvaluatedProject>,
}

/// Which self-evaluation form a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "自评表类型", description = "项目支出 或 部门整体支出")]
pub enum Form {
    /// 项目支出绩效自评表: one table per project.
    #[serde(rename = "项目支出")]
    Project,
    /// 部门整体支出绩效自评表: the department's whole spending as one table.
    #[serde(rename = "部门整体支出")]
    Department,
}

impl Form {
    /// The form's name as printed on it.
    pub fn label(self) -> &'static str {
        match self {
            Form::Project => "项目支出绩效自评表",
            Form::Department => "部门整体支出绩效自评表",
        }
    }
}

/// One project's self-evaluation table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "项目自评表")]
#[serde(deny_unknown_fields)]
pub struct EvaluatedProject {
    /// 项目名称 (for 部门整体支出, the department's name as the form writes it).
    #[schemars(
        title = "项目名称",
        description = "部门整体支出自评表写原文的预算单位名称"
    )]
    pub name: String,
    /// 项目编码, when the form gives one; the link to the target table goes by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "项目编码",
        description = "原文有项目编码时填写；按编码（没有则按名称）对应同年度的绩效目标表"
    )]
    pub code: Option<String>,
    /// 主管部门.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "主管部门")]
    pub supervisor: Option<String>,
    /// 实施单位.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "实施单位")]
    pub implementer: Option<String>,
    /// 项目负责人及电话, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "项目负责人及电话", description = "按原文照录")]
    pub manager: Option<String>,
    /// 项目资金: budget, execution, rate and its score.
    #[serde(default)]
    #[schemars(
        title = "项目资金",
        description = "年初预算数、全年预算数、全年执行数（万元）、执行率、分值和得分"
    )]
    pub funds: Funds,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    #[serde(default)]
    #[schemars(
        title = "年度总体目标",
        description = "预期目标和实际完成情况，各按原文逐条"
    )]
    pub goals: Goals,
    /// The indicator rows with target, actual value, weight and score, in order.
    #[serde(default)]
    #[schemars(
        title = "绩效指标",
        description = "一行一条，按原文顺序；原表的空行写 - {}"
    )]
    pub indicators: Vec<Outcome>,
    /// 总分, 自评得分 and 等级 as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "总分", description = "总分、自评得分和评价等级，按原文")]
    pub total: Option<Total>,
    /// 其他需要说明事项, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "其他需要说明事项")]
    pub remarks: Option<String>,
    /// Transcriber's notes on this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "录入说明", description = "录入人对这张表的说明")]
    pub notes: Vec<String>,
}

/// 项目资金 of a self-evaluation: the whole-year figures and their score.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "项目资金")]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// 年初预算数, 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "年初预算数",
        description = "万元；原表以元为单位时换算为万元并在录入说明中写明"
    )]
    pub initial: Option<Wan>,
    /// 全年预算数 (调整后预算数), 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "全年预算数", description = "万元；即调整后预算数")]
    pub budget: Option<Wan>,
    /// 全年执行数, 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "全年执行数", description = "万元")]
    pub executed: Option<Wan>,
    /// 执行率 as written (“100%”), even when the figures give another rate.
    #[serde(
        default,
        skip_serializing_if = "unwritten",
        serialize_with = "as_written"
    )]
    #[schemars(
        title = "执行率",
        description = "照录原文，如 \"100%\"；与执行数÷预算数不符也照录"
    )]
    pub rate: Target,
    /// 分值 of the execution rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "分值")]
    pub weight: Option<Points>,
    /// 得分 of the execution rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "得分")]
    pub score: Option<Points>,
    /// The breakdown rows (其中：当年财政拨款, 上年结转资金, 其他资金 …), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "资金明细",
        description = "其中：当年财政拨款、上年结转资金、其他资金等，按原文逐行"
    )]
    pub rows: Vec<FundRow>,
}

/// One breakdown row of 项目资金.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "资金明细")]
#[serde(deny_unknown_fields)]
pub struct FundRow {
    /// The row's label as written (“其中：当年财政拨款”).
    #[schemars(title = "资金来源", description = "按原文，如“其中：当年财政拨款”")]
    pub label: String,
    /// 年初预算数, 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "年初预算数", description = "万元")]
    pub initial: Option<Wan>,
    /// 全年预算数, 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "全年预算数", description = "万元")]
    pub budget: Option<Wan>,
    /// 全年执行数, 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "全年执行数", description = "万元")]
    pub executed: Option<Wan>,
    /// 执行率 as written.
    #[serde(
        default,
        skip_serializing_if = "unwritten",
        serialize_with = "as_written"
    )]
    #[schemars(title = "执行率", description = "照录原文")]
    pub rate: Target,
}

/// 年度总体目标 of a self-evaluation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "年度总体目标")]
#[serde(deny_unknown_fields)]
pub struct Goals {
    /// 预期目标 / 年初设定目标, one item each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "预期目标", description = "即年初设定目标，按原文逐条")]
    pub planned: Vec<String>,
    /// 实际完成情况 / 年度总体目标完成情况综述, one item each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "实际完成情况", description = "按原文逐条")]
    pub achieved: Vec<String>,
}

/// One indicator row of a self-evaluation. A field left out was not in the form; a field
/// written `""` was a blank cell.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "自评指标", description = "自评表绩效指标的一行")]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// 一级指标.
    #[serde(default)]
    #[schemars(title = "一级指标")]
    pub level1: String,
    /// 二级指标.
    #[serde(default)]
    #[schemars(title = "二级指标")]
    pub level2: String,
    /// 三级指标.
    #[serde(default)]
    #[schemars(title = "三级指标")]
    pub name: String,
    /// 年度指标值 as written, parsed like a target's 指标值.
    #[serde(
        default,
        skip_serializing_if = "unwritten",
        serialize_with = "as_written"
    )]
    #[schemars(
        title = "年度指标值",
        description = "照录原文，如 \"≥650批次\"；指标性质、指标值、度量单位分栏时连写，如 \"≧735人次\""
    )]
    pub target: Target,
    /// 指标性质 (≥, ≤, =, as written), when the form has its own column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "指标性质", description = "原表单列的 ≥、≤、= 等，按原文")]
    pub symbol: Option<String>,
    /// 度量单位, when the form has its own column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "度量单位")]
    pub unit: Option<String>,
    /// 实际完成值 as written, parsed the same way.
    #[serde(
        default,
        skip_serializing_if = "unwritten",
        serialize_with = "as_written"
    )]
    #[schemars(title = "实际完成值", description = "照录原文，如 \"98%\"、\"已完成\"")]
    pub actual: Target,
    /// 分值 (or 权重).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "分值", description = "即权重，按原文")]
    pub weight: Option<Points>,
    /// 得分.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "得分", description = "按原文")]
    pub score: Option<Points>,
    /// 偏差原因分析及改进措施, as written (`""` for a blank cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "偏差原因分析及改进措施",
        description = "按原文；原表空白写 \"\""
    )]
    pub reason: Option<String>,
}

impl Outcome {
    /// True for a row the form left blank in its name and values (a heading-only row such as
    /// an empty 生态效益指标, or the form's `……` placeholder row).
    pub fn is_empty_row(&self) -> bool {
        let placeholder = |s: &str| s.trim().chars().all(|c| matches!(c, '…' | '.' | '。'));
        placeholder(&self.name)
            && self.target.raw().trim().is_empty()
            && self.actual.raw().trim().is_empty()
    }
}

/// 总分, 自评得分 and 等级 of a project's self-evaluation, as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "总分")]
#[serde(deny_unknown_fields)]
pub struct Total {
    /// 总分 (the sum of all 分值, normally 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "总分")]
    pub weight: Option<Points>,
    /// 自评得分.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "自评得分")]
    pub score: Option<Points>,
    /// 评价等级 (优, 良, 中, 差), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "评价等级", description = "如 优、良、中、差，按原文")]
    pub grade: Option<String>,
}

/// A 分值 or 得分 as written (`10`, `7.5`, `/`), with its number when it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Points {
    raw: String,
    number: Option<Decimal>,
}

impl Points {
    /// Reads `raw`, keeping it verbatim.
    pub fn new(raw: impl Into<String>) -> Points {
        let raw = raw.into();
        let t = super::value::normalize(&raw);
        let t = t.strip_suffix('分').unwrap_or(&t);
        let number = super::value::parse_number(t);
        Points { raw, number }
    }

    /// The text as written.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The number, when the text is one (`/` and `—` are not).
    pub fn number(&self) -> Option<Decimal> {
        self.number
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PointsVisitor;
        impl Visitor<'_> for PointsVisitor {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("分值或得分，按原文写数字，如 10 或 7.5")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Points, E> {
                Ok(Points::new(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Points, E> {
                Ok(Points::new(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Points, E> {
                Ok(Points::new(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Points, E> {
                Ok(Points::new(v.to_string()))
            }
        }
        d.deserialize_str(PointsVisitor)
    }
}

impl JsonSchema for Points {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "分值或得分",
            "description": "按原文，如 10、7.5；原表写 / 时照录",
            "type": ["string", "number"]
        })
    }
}

/// Writes a [`Target`] back as the text it was read from, so a self-evaluation serialises to
/// the same YAML it is read from (the importer writes drafts this way).
fn as_written<S: Serializer>(t: &Target, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.raw())
}

/// True when the YAML left the field out (nothing to write back).
fn unwritten(t: &Target) -> bool {
    !t.is_written()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::value::TargetValue;

    const TEXT: &str = r#"schema: 1
document:
  year: 2022
  status: 正式
  source: 03-yongde.txt
department:
  name: 永德县明朗中学
  region: { code: "530923", province: 云南省, city: 临沧市, county: 永德县 }
form: 项目支出
projects:
  - name: 义务教育营养改善计划专项资金
    supervisor: 永德县教育体育局
    funds:
      initial: 38.766462
      budget: 38.766462
      rate: 100%
      weight: 10
      score: 10
    indicators:
      - level1: 产出指标
        level2: 数量指标
        name: 学生受资助人数
        target: ≧735人次
        symbol: ≧
        unit: 人次
        actual: "735"
        weight: 10
        score: 10
        reason: ""
      - {}
    total: { weight: 100, score: 96, grade: 优 }
"#;

    #[test]
    fn reads_and_writes_back_the_same_model() {
        let doc: SelfEvaluation = serde_saphyr::from_str(TEXT).unwrap();
        assert_eq!(doc.form, Form::Project);
        let p = &doc.projects[0];
        assert_eq!(p.funds.rate.raw(), "100%");
        assert_eq!(p.funds.executed, None);
        let row = &p.indicators[0];
        assert!(matches!(row.target.parsed(), TargetValue::Quantity(_)));
        assert_eq!(row.actual.raw(), "735");
        assert_eq!(
            row.weight.as_ref().and_then(Points::number),
            Some(10.into())
        );
        assert_eq!(row.reason.as_deref(), Some(""));
        assert!(p.indicators[1].is_empty_row());
        assert!(!p.indicators[1].target.is_written());
        let yaml = serde_saphyr::to_string(&doc).unwrap();
        let again: SelfEvaluation = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(
            serde_json::to_value(&doc).unwrap(),
            serde_json::to_value(&again).unwrap(),
            "{yaml}"
        );
        // A cell left out stays left out; a blank one stays blank.
        assert_eq!(again.projects[0].indicators[0].reason.as_deref(), Some(""));
        assert!(!again.projects[0].indicators[1].actual.is_written());
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let bad = TEXT.replace("supervisor:", "supervisr:");
        assert!(serde_saphyr::from_str::<SelfEvaluation>(&bad).is_err());
        let bad = TEXT.replace("form: 项目支出", "form: 项目");
        assert!(serde_saphyr::from_str::<SelfEvaluation>(&bad).is_err());
    }

    #[test]
    fn points_keep_their_text_and_read_their_number() {
        assert_eq!(Points::new("7.5").number(), Some(Decimal::new(75, 1)));
        assert_eq!(Points::new("10分").number(), Some(10.into()));
        assert_eq!(Points::new("/").number(), None);
        assert_eq!(Points::new("/").raw(), "/");
    }
}
