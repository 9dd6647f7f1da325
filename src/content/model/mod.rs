//! The typed model of one 部门预算绩效目标 document, as it is written in a department's YAML file.
//!
//! Every struct rejects unknown fields, so a typo in the YAML is an error rather than a silently
//! dropped value. Text is kept exactly as published; parsed forms sit beside it, never instead.

pub mod amount;
pub mod answer;
pub mod field_name;
pub mod gbt2260;
pub mod schema;
pub mod selfeval;
pub mod value;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use amount::Wan;
pub use answer::Answer;
pub use value::{Target, TargetValue};

/// The schema version this build of gongkai reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One department's disclosure for one budget year: the root of a content YAML file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(
    title = "部门预算绩效目标文件",
    description = "一个部门一个预算年度的绩效目标文本，按原文录入"
)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Schema version of the file (`schema: 1`).
    #[schemars(title = "文件格式版本", description = "固定写 1")]
    pub schema: u32,
    /// Facts about the document itself: year, status, who compiled and reviewed it.
    #[schemars(
        title = "文件信息",
        description = "预算年度、文本状态、编制和审核单位、公开日期等"
    )]
    pub document: DocumentInfo,
    /// The department, its region and its budget units.
    #[schemars(title = "部门信息", description = "部门名称、所属地区和预算单位")]
    pub department: Department,
    /// 第一部分: the department's overall goals, sub-goals and safeguards.
    #[serde(default)]
    #[schemars(
        title = "第一部分 部门整体绩效目标",
        description = "总体绩效目标、分项绩效目标、工作保障措施；原文没有则省略"
    )]
    pub part1: Part1,
    /// 第二部分: one entry per budget project table.
    #[serde(default)]
    #[schemars(
        title = "第二部分 项目绩效目标表",
        description = "每个项目一张表，按原文顺序"
    )]
    pub projects: Vec<Project>,
}

impl Document {
    /// Gives back the spare room of the document's long lists. A YAML list is read without
    /// knowing its length, so its vector grows by doubling: 23 indicator rows sit in room for
    /// 32, which at provincial scale held a few hundred megabytes of nothing.
    pub fn fit(&mut self) {
        fit(&mut self.projects);
        for p in &mut self.projects {
            fit(&mut p.indicators);
        }
    }

    /// The unit a project belongs to: the unit its `unit` code names, or the only unit.
    pub fn unit_of(&self, p: &Project) -> Option<&Unit> {
        let units = &self.department.units;
        p.unit
            .as_deref()
            .and_then(|c| units.iter().find(|u| u.code.as_deref() == Some(c)))
            .or_else(|| (units.len() == 1).then(|| &units[0]))
    }
}

/// Moves `v` into a vector of exactly its length (a smaller allocation, which shrinking in
/// place does not always give back).
fn fit<T>(v: &mut Vec<T>) {
    if v.capacity() > v.len() {
        let mut exact = Vec::with_capacity(v.len());
        exact.append(v);
        *v = exact;
    }
}

/// Facts about the disclosure document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "文件信息")]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// Budget year (预算年度).
    #[schemars(title = "预算年度", description = "四位数字，如 2024")]
    pub year: u16,
    /// 草案 (draft), 正式 (final), or 未注明 when the document does not say.
    #[schemars(title = "文本状态", description = "草案、正式，原文未写明写 未注明")]
    pub status: Status,
    /// The title as printed on the document, if it has one.
    #[serde(default)]
    #[schemars(title = "文件标题", description = "按原文照录")]
    pub title: Option<String>,
    /// Who compiled it (编制单位).
    #[serde(default)]
    #[schemars(title = "编制单位")]
    pub compiled_by: Option<String>,
    /// Who reviewed it (审核单位).
    #[serde(default)]
    #[schemars(title = "审核单位", description = "如县财政局")]
    pub reviewed_by: Option<String>,
    /// Publication date, `YYYY-MM-DD`, a real calendar date; empty until known.
    #[serde(default)]
    #[schemars(title = "公开日期", description = "写成 2024-02-01，须为真实的日期")]
    pub published: Option<Date>,
    /// Where the text was taken from (a file name or an address).
    #[serde(default)]
    #[schemars(title = "原文出处", description = "文件名或网址")]
    pub source: Option<String>,
    /// Notes of the person who transcribed the document: what was unreadable, what was inferred.
    #[serde(default)]
    #[schemars(
        title = "录入说明",
        description = "录入人对原文的说明：哪里看不清、哪里是推断的"
    )]
    pub notes: Vec<String>,
    /// Declared corrections (更正), oldest first; each one makes a new revision of the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "更正记录",
        description = "已公开文本的更正，按时间先后；每条更正形成一个新版本"
    )]
    pub corrections: Vec<Correction>,
}

impl DocumentInfo {
    /// The revision of the text: 1 for the text as first published, plus one per correction.
    pub fn revision(&self) -> usize {
        1 + self.corrections.len()
    }
}

/// A declared correction (更正) of a published document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "更正")]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was published.
    #[schemars(title = "更正日期", description = "写成 2024-03-01")]
    pub date: Date,
    /// Why the text was corrected.
    #[schemars(title = "更正原因", description = "如 录入错误")]
    pub reason: String,
    /// What changed, one line each (`食品抽检批次：≥600批次 改为 ≥650批次`).
    #[schemars(
        title = "更正内容",
        description = "每条一行，如 “食品抽检批次：≥600批次 改为 ≥650批次”"
    )]
    pub changes: Vec<String>,
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "日期", description = "写成 2024-02-01")]
#[serde(try_from = "String", into = "String")]
pub struct Date(String);

impl Date {
    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Days in `month` of `year` (proleptic Gregorian calendar).
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    /// Accepts only a real calendar date written `YYYY-MM-DD` (not `2024-02-30`, `2024-13-01`
    /// or `昨天`).
    fn try_from(s: String) -> Result<Date, String> {
        let b = s.as_bytes();
        let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
        let form = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !form {
            return Err(crate::messages::Message::NotADate { written: s }.to_string());
        }
        match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d))
                if (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d) && y >= 1 =>
            {
                Ok(Date(s))
            }
            (_, Some(month), _) if !(1..=12).contains(&month) => {
                Err(crate::messages::Message::NoSuchMonth { written: s, month }.to_string())
            }
            _ => Err(crate::messages::Message::NoSuchDay { written: s }.to_string()),
        }
    }
}

#[cfg(test)]
mod date_tests {
    use super::Date;

    #[test]
    fn only_real_dates() {
        for ok in ["2024-02-29", "2000-02-29", "2024-12-31", "2021-01-01"] {
            assert!(Date::try_from(ok.to_string()).is_ok(), "{ok}");
        }
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-04-31",
            "2024-00-10",
            "2024-01-00",
            "0000-01-01",
            "昨天",
            "2024/02/01",
            "2024-2-1",
        ] {
            assert!(Date::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.0
    }
}

/// Status of a disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "文本状态", description = "草案、正式 或 未注明")]
pub enum Status {
    /// A draft (草案), as submitted for review.
    #[serde(rename = "草案")]
    Draft,
    /// The final, approved text (正式).
    #[serde(rename = "正式")]
    Final,
    /// The document does not say (未注明).
    #[serde(rename = "未注明")]
    Unstated,
}

impl Status {
    /// The Chinese label shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草案",
            Status::Final => "正式",
            Status::Unstated => "未注明",
        }
    }
}

/// The department that discloses, with its region and budget units.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "部门信息")]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// The department's name as published.
    #[schemars(title = "部门名称", description = "按原文写全称")]
    pub name: String,
    /// Where the department sits; the document may not say.
    #[schemars(
        title = "所属地区",
        description = "行政区划代码和省、市、县；原文未写明时写 unstated 和 slug"
    )]
    pub region: Region,
    /// Budget units (预算单位) the document covers; projects attach to one of them.
    #[serde(default)]
    #[schemars(
        title = "预算单位",
        description = "文本涉及的预算单位，一个文件可含多个"
    )]
    pub units: Vec<Unit>,
    /// The department's budget total in 万元, when the document states one (部门预算合计).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "部门预算合计",
        description = "原文写明部门预算总额时填写，万元"
    )]
    pub total: Option<Wan>,
    /// The department's answers (说明) to review findings about the whole document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "部门说明", description = "对整个文件的审核发现作出的说明")]
    pub answers: Vec<Answer>,
}

/// The administrative region of a department.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "所属地区")]
#[serde(try_from = "RegionSpec", into = "RegionSpec")]
pub enum Region {
    /// A region the document names, with its 6-digit 行政区划代码.
    Known(KnownRegion),
    /// The document does not name its jurisdiction; the note says what it does say.
    Unstated {
        /// What the text reveals about the place (for example “高新区”).
        note: String,
        /// An ASCII slug standing in for the region code in links.
        slug: String,
    },
}

/// The region as written in YAML: either `code`, `province`, `city`, `county`, or `unstated`
/// with a `slug`. Checked into a [`Region`] on reading.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(
    title = "所属地区",
    description = "写 code、province、county（有地级市再写 city）；原文未写明地区时只写 unstated 和 slug"
)]
#[serde(deny_unknown_fields)]
pub struct RegionSpec {
    /// 6-digit 行政区划代码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "行政区划代码",
        description = "六位数字，加引号，如 \"130529\""
    )]
    pub code: Option<String>,
    /// Province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "省（自治区、直辖市）")]
    pub province: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "市", description = "地级市；直辖市的区县不写")]
    pub city: Option<String>,
    /// County or district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "县（区）")]
    pub county: Option<String>,
    /// What the text says of a jurisdiction it does not name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "原文对地区的说法",
        description = "原文未写明所属地区时，照录原文的说法，如“仅称高新区”"
    )]
    pub unstated: Option<String>,
    /// ASCII stand-in for the code of an unstated region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "地区简称（网址用）",
        description = "只含英文字母、数字、- 或 _，如 gaoxin"
    )]
    pub slug: Option<String>,
}

impl TryFrom<RegionSpec> for Region {
    type Error = String;
    fn try_from(s: RegionSpec) -> Result<Region, String> {
        match s {
            RegionSpec {
                code: Some(code),
                province: Some(province),
                city,
                county: Some(county),
                unstated: None,
                slug: None,
            } => {
                if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "region code `{code}` must be the 6-digit 行政区划代码, such as \"130529\""
                    ));
                }
                Ok(Region::Known(KnownRegion {
                    code,
                    province,
                    city,
                    county,
                }))
            }
            RegionSpec {
                code: None,
                province: None,
                city: None,
                county: None,
                unstated: Some(note),
                slug: Some(slug),
            } => Ok(Region::Unstated { note, slug }),
            _ => Err(
                "a region needs `code`, `province` and `county` (and `city` when there is one), \
                 or, when the document does not name it, `unstated` (what the text says) and `slug`"
                    .to_string(),
            ),
        }
    }
}

impl From<Region> for RegionSpec {
    fn from(r: Region) -> RegionSpec {
        match r {
            Region::Known(k) => RegionSpec {
                code: Some(k.code),
                province: Some(k.province),
                city: k.city,
                county: Some(k.county),
                ..RegionSpec::default()
            },
            Region::Unstated { note, slug } => RegionSpec {
                unstated: Some(note),
                slug: Some(slug),
                ..RegionSpec::default()
            },
        }
    }
}

/// The `unstated` note `gongkai import` writes when the text shows no region code: a to-do
/// for the publisher, not what the text says (see [`Region::display_name`]).
pub const IMPORT_UNSTATED: &str = "导入时原文未见行政区划代码";

/// The key `gongkai import` gives a region it could not name.
pub const IMPORT_UNSTATED_SLUG: &str = "unstated";

#[cfg(test)]
mod region_tests {
    use super::*;

    /// The import's note is the publisher's to-do: the region reads 未注明地区 (with its key
    /// when the import kept it apart), and check warns with the explanation; what a
    /// publisher wrote of the region is shown.
    #[test]
    fn the_imports_placeholder_is_not_shown_what_a_publisher_wrote_is() {
        let unstated = |note: &str, slug: &str| Region::Unstated {
            note: note.into(),
            slug: slug.into(),
        };
        let imported = unstated(IMPORT_UNSTATED, IMPORT_UNSTATED_SLUG);
        assert_eq!(imported.display_name(), "未注明地区");
        assert_eq!(imported.full_name(), "未注明地区");
        assert!(imported.unstated_on_import());
        assert_eq!(
            unstated(IMPORT_UNSTATED, "324").display_name(),
            "未注明地区（324）"
        );
        let written = unstated("原文未注明所属行政区划，仅称“高新区”", "gaoxin");
        assert_eq!(
            written.display_name(),
            "未注明地区（原文未注明所属行政区划，仅称“高新区”）"
        );
        assert!(!written.unstated_on_import());
        let mut doc: Document = serde_yaml_ng::from_str(
            "schema: 1\ndocument: { year: 2024, status: 未注明 }\ndepartment:\n  name: 某局\n  region: { unstated: 语料, slug: unstated }\n",
        )
        .unwrap();
        doc.department.region = imported;
        let found = crate::content::validate::check_document(&doc, "2024/unstated/x.yaml");
        assert!(
            found
                .iter()
                .any(|f| f.kind == crate::diagnostic::Kind::UnstatedRegion),
            "{found:?}"
        );
    }
}

/// A region named by the document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "所属地区")]
#[serde(deny_unknown_fields)]
pub struct KnownRegion {
    /// 6-digit 行政区划代码, such as `130529`.
    pub code: String,
    /// Province (省/直辖市).
    pub province: String,
    /// City (地级市); absent for a district of a 直辖市.
    #[serde(default)]
    pub city: Option<String>,
    /// County or district (县/区).
    pub county: String,
}

impl Region {
    /// The ASCII key used in paths and links: the region code, or the slug of an unstated region.
    pub fn key(&self) -> &str {
        match self {
            Region::Known(r) => &r.code,
            Region::Unstated { slug, .. } => slug,
        }
    }

    /// The name a citizen reads: the county or district, or “未注明地区”, with what the text
    /// says of the region in brackets (`未注明地区（仅称“高新区”）`). The note `gongkai import`
    /// writes ([`IMPORT_UNSTATED`]) is the publisher's to-do, not the text's: such a region
    /// reads `未注明地区`, and `gongkai check` gives the explanation. An imported region kept
    /// apart by its own key reads `未注明地区（KEY）`, so that no two regions share a name.
    pub fn display_name(&self) -> String {
        match self {
            Region::Known(r) => r.county.clone(),
            Region::Unstated { note, slug } if note == IMPORT_UNSTATED || note.is_empty() => {
                if slug == IMPORT_UNSTATED_SLUG || slug == "_" {
                    "未注明地区".to_string()
                } else {
                    format!("未注明地区（{slug}）")
                }
            }
            Region::Unstated { note, .. } => format!("未注明地区（{note}）"),
        }
    }

    /// True for a region `gongkai import` could not name: its note is the import's own.
    pub fn unstated_on_import(&self) -> bool {
        matches!(self, Region::Unstated { note, .. } if note == IMPORT_UNSTATED)
    }

    /// The full name: province, city and county.
    pub fn full_name(&self) -> String {
        match self {
            Region::Known(r) => {
                let city = r.city.as_deref().unwrap_or("");
                if r.province == city {
                    format!("{}{}", r.province, r.county)
                } else {
                    format!("{}{}{}", r.province, city, r.county)
                }
            }
            Region::Unstated { .. } => self.display_name(),
        }
    }
}

/// A budget unit (预算单位) of the department.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "预算单位")]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unit code such as `414001`; unique only inside its region. Absent when unpublished.
    #[serde(default)]
    #[schemars(title = "单位编码", description = "如 414001；原文没有则省略")]
    pub code: Option<String>,
    /// The unit's name as published.
    #[schemars(title = "单位名称")]
    pub name: String,
    /// The unit's budget total in 万元, when the document states one (单位预算合计).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "单位预算合计",
        description = "原文写明单位预算总额时填写，万元"
    )]
    pub total: Option<Wan>,
}

/// 第一部分: 部门整体绩效目标.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "第一部分 部门整体绩效目标")]
#[serde(deny_unknown_fields)]
pub struct Part1 {
    /// 总体绩效目标, in order.
    #[serde(default)]
    #[schemars(title = "一、总体绩效目标")]
    pub overall: Vec<OverallGoal>,
    /// 分项绩效目标, in order.
    #[serde(default)]
    #[schemars(title = "二、分项绩效目标")]
    pub sub_goals: Vec<SubGoal>,
    /// 工作保障措施, in order.
    #[serde(default)]
    #[schemars(title = "三、工作保障措施")]
    pub safeguards: Vec<Safeguard>,
}

impl Part1 {
    /// True when the document has no Part 1 at all (seed 003 publishes only project tables).
    pub fn is_empty(&self) -> bool {
        self.overall.is_empty() && self.sub_goals.is_empty() && self.safeguards.is_empty()
    }
}

/// One overall goal: an optional title, Markdown text and numbered items (一是…二是…).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "总体绩效目标")]
#[serde(deny_unknown_fields)]
pub struct OverallGoal {
    /// The heading, such as “1、严守安全底线，在风险管控上再加力”.
    #[serde(default)]
    #[schemars(
        title = "小标题",
        description = "如“1、严守安全底线，在风险管控上再加力”"
    )]
    pub title: Option<String>,
    /// Body text (Markdown).
    #[serde(default)]
    #[schemars(title = "正文")]
    pub text: Option<String>,
    /// Numbered sub-items, each as written (“一是守牢食品安全底线。”).
    #[serde(default)]
    #[schemars(
        title = "分条内容",
        description = "如“一是守牢食品安全底线。”，每条照录"
    )]
    pub items: Vec<String>,
}

/// One 分项绩效目标.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "分项绩效目标")]
#[serde(deny_unknown_fields)]
pub struct SubGoal {
    /// The heading, such as “（一）市场监督管理能力和水平整体增强”.
    #[serde(default)]
    #[schemars(
        title = "小标题",
        description = "如“（一）市场监督管理能力和水平整体增强”"
    )]
    pub title: Option<String>,
    /// The 绩效目标 paragraph, or the whole text when the document does not split it (Markdown).
    #[serde(default)]
    #[schemars(title = "绩效目标", description = "原文不分开写时，整段写在这里")]
    pub goal: Option<String>,
    /// The 绩效指标 paragraph (Markdown).
    #[serde(default)]
    #[schemars(title = "绩效指标", description = "原文单独写出的绩效指标段落")]
    pub indicators: Option<String>,
}

/// One 工作保障措施.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "工作保障措施")]
#[serde(deny_unknown_fields)]
pub struct Safeguard {
    /// The heading, such as “（一）完善制度建设。”.
    #[serde(default)]
    #[schemars(title = "小标题")]
    pub title: Option<String>,
    /// Body text (Markdown).
    #[serde(default)]
    #[schemars(title = "正文")]
    pub text: Option<String>,
}

/// One budget project table (项目绩效目标表).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "项目绩效目标表")]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Code of the unit this project belongs to; must be declared in `department.units`.
    /// May be omitted when the department declares exactly one unit.
    #[serde(default)]
    #[schemars(
        title = "所属预算单位编码",
        description = "部门只有一个预算单位时可省略"
    )]
    pub unit: Option<String>,
    /// 项目编码, when the document gives one.
    #[serde(default)]
    #[schemars(title = "项目编码", description = "原文没有项目编码则省略，并填写 id")]
    pub code: Option<String>,
    /// A stable ASCII key for links, required when the project has no code.
    #[serde(default)]
    #[schemars(
        title = "项目简称（网址用）",
        description = "没有项目编码时必填：只含英文字母、数字、- 或 _，公开后不再改"
    )]
    pub id: Option<String>,
    /// 项目名称.
    #[schemars(title = "项目名称")]
    pub name: String,
    /// 预算规模 in 万元.
    #[schemars(title = "预算数", description = "单位万元")]
    pub amounts: Amounts,
    /// 资金用途.
    #[serde(default)]
    #[schemars(title = "资金用途")]
    pub purpose: Option<String>,
    /// 资金支出计划: milestone → cumulative percent, in order.
    #[serde(default)]
    #[schemars(
        title = "资金支出计划",
        description = "到某时累计支出的比例，按时间先后"
    )]
    pub spending_plan: Vec<Milestone>,
    /// 绩效目标, in order.
    #[serde(default)]
    #[schemars(title = "绩效目标", description = "按原文逐条")]
    pub goals: Vec<String>,
    /// The three-level indicator table, row by row (empty rows stay).
    #[serde(default)]
    #[schemars(
        title = "绩效指标表",
        description = "一行一条，按原文顺序；原表的空行写 - {}"
    )]
    pub indicators: Vec<Indicator>,
    /// Transcriber's notes on this table.
    #[serde(default)]
    #[schemars(title = "录入说明", description = "录入人对这张表的说明")]
    pub notes: Vec<String>,
    /// The department's answers (说明) to review findings about the whole table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "部门说明",
        description = "对本表（含预算、支出计划）的审核发现作出的说明"
    )]
    pub answers: Vec<Answer>,
}

impl Project {
    /// The key used in this project's link: its code, else its `id`.
    pub fn key(&self) -> Option<&str> {
        self.code.as_deref().or(self.id.as_deref())
    }
}

/// 预算规模 in 万元: total (预算数), of which fiscal (财政资金) and other (其他资金).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "预算数", description = "单位万元，只写数字，如 12.5")]
#[serde(deny_unknown_fields)]
pub struct Amounts {
    /// 预算数.
    #[schemars(title = "预算数", description = "项目预算总额（万元）")]
    pub total: Wan,
    /// 其中：财政资金.
    #[serde(default)]
    #[schemars(title = "其中：财政资金", description = "万元")]
    pub fiscal: Option<Wan>,
    /// 其他资金.
    #[serde(default)]
    #[schemars(title = "其他资金", description = "万元；原表空白则省略")]
    pub other: Option<Wan>,
}

/// One step of a spending plan: by this milestone, this cumulative share is spent.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "资金支出计划")]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The milestone as written (“3月底”).
    #[schemars(title = "时间节点", description = "如 6月底")]
    pub by: String,
    /// The cumulative percent as written (“25%”).
    #[schemars(title = "累计支出比例", description = "如 50%")]
    pub percent: String,
}

impl Milestone {
    /// The percent as a number, when it is one (“25%” → 25).
    pub fn percent_value(&self) -> Option<rust_decimal::Decimal> {
        value::parse_number(self.percent.trim().trim_end_matches(['%', '％']).trim())
    }
}

/// One row of the indicator table.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "绩效指标", description = "绩效指标表的一行")]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标 (产出指标 / 效益指标 / 满意度指标, or as written).
    #[serde(default)]
    #[schemars(title = "一级指标", description = "产出指标、效益指标、满意度指标")]
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标, …, as written).
    #[serde(default)]
    #[schemars(
        title = "二级指标",
        description = "数量、质量、时效、成本指标；经济、社会、生态效益指标；可持续影响指标；服务对象满意度指标"
    )]
    pub level2: String,
    /// 三级指标.
    #[serde(default)]
    #[schemars(title = "三级指标")]
    pub name: String,
    /// 绩效指标描述.
    #[serde(default)]
    #[schemars(title = "绩效指标描述")]
    pub description: String,
    /// 指标值, verbatim, with its parsed form.
    #[serde(default)]
    #[schemars(
        title = "指标值",
        description = "照录原文，如 \"≥650批次\"，带符号时加引号"
    )]
    pub value: Target,
    /// 指标值确定依据.
    #[serde(default)]
    #[schemars(title = "指标值确定依据")]
    pub basis: Option<String>,
    /// 指标值类型 (定量/定性), when the source system exports it.
    #[serde(default)]
    #[schemars(title = "指标值类型", description = "定量 或 定性")]
    pub value_type: Option<ValueType>,
    /// 比较符号, when exported as its own column.
    #[serde(default)]
    #[schemars(title = "比较符号", description = "预算系统导出时单列的 ≥、≤、= 等")]
    pub symbol: Option<String>,
    /// 计量单位, when exported as its own column.
    #[serde(default)]
    #[schemars(title = "计量单位")]
    pub unit: Option<String>,
    /// 权重, when exported.
    #[serde(default)]
    #[schemars(title = "权重", description = "数字")]
    pub weight: Option<rust_decimal::Decimal>,
    /// The comparable metric this row measures, chosen by hand; wins over the catalogue's rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "可比指标",
        description = "本行对应 content/metrics.yaml 中的可比指标键名；写 none 表示不参与比较"
    )]
    pub metric: Option<MetricChoice>,
    /// The department's answers (说明) to review findings about this row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "部门说明", description = "对本行的审核发现作出的说明")]
    pub answers: Vec<Answer>,
}

/// A hand-made choice of metric for an indicator row (`metric: food-sampling`, `metric: none`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "可比指标")]
#[serde(from = "String", into = "String")]
pub enum MetricChoice {
    /// The row measures the catalogue's metric with this key.
    Pin(String),
    /// The row is never compared, whatever the rules say (`none`).
    Exclude,
}

impl From<String> for MetricChoice {
    fn from(s: String) -> MetricChoice {
        if s == "none" {
            MetricChoice::Exclude
        } else {
            MetricChoice::Pin(s)
        }
    }
}

impl From<MetricChoice> for String {
    fn from(c: MetricChoice) -> String {
        match c {
            MetricChoice::Pin(k) => k,
            MetricChoice::Exclude => "none".into(),
        }
    }
}

impl Indicator {
    /// True for a row the document left blank in every cell.
    pub fn is_empty_row(&self) -> bool {
        self.name.trim().is_empty()
            && self.description.trim().is_empty()
            && self.value.raw().trim().is_empty()
    }

    /// True for a row that names what it measures (a 三级指标 or a description): the rows the
    /// checks and the review read.
    pub fn is_named(&self) -> bool {
        !self.name.trim().is_empty() || !self.description.trim().is_empty()
    }
}

/// 指标值类型 as exported by budget systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(title = "指标值类型", description = "定量 或 定性")]
pub enum ValueType {
    /// 定量: a measurable number.
    #[serde(rename = "定量")]
    Quantitative,
    /// 定性: a qualitative statement.
    #[serde(rename = "定性")]
    Qualitative,
}
