//! The indicator table as CSV: one row per indicator row of every project, every column, UTF-8
//! with a byte-order mark so that Excel opens it as UTF-8. One row type, [`IndicatorRow`], gives
//! the columns, their order and the table's description in each year's `datapackage.json`.

use crate::address::{Address, DataFormat};
use crate::content::load::SourceFile;
use crate::content::model::ValueType;
use crate::content::model::value::{Magnitude, TargetValue};
use crate::content::tree::{self as model, DeptEntry};
use crate::render::selfeval::{DeptRef, Outcome};
use crate::spreadsheet::excel_csv;
use serde::Serialize;
use serde_json::json;
use std::borrow::Cow;

/// The site-relative path of the data file `format` beneath the page at `page`.
fn data(page: &str, format: DataFormat) -> String {
    Address::Data { page, format }.path()
}

/// The Frictionless type of a CSV column, as `datapackage.json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Whole numbers (the year, the row number).
    Integer,
    /// Decimal numbers (amounts in 万元, weights).
    Number,
    /// Text.
    String,
}

/// A CSV column: its field name in `datapackage.json`, Frictionless type, the Chinese title
/// that heads the CSV column, and its meaning in Chinese. [`IndicatorRow::COLUMNS`] lists
/// them, made from the row type's own fields.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Field name in the schema (ASCII): the row type's field.
    pub name: &'static str,
    /// Frictionless type.
    pub kind: Kind,
    /// The column's heading in the CSV, in Chinese.
    pub title: &'static str,
    /// What it holds.
    pub description: &'static str,
}

/// One CSV cell: text as the document has it, neutralised on its way out
/// ([`crate::spreadsheet::neutralise`]) so a spreadsheet never runs it as a formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a>(pub Cow<'a, str>);

impl Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::spreadsheet::neutralise(&self.0))
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell(Cow::Owned(s))
    }
}

/// Declares the CSV row type and its column list from one list of fields: each field's
/// name is the schema's field name, followed by its type, Chinese title and description.
/// A row is written field by field by serde, so no column can fall out of step with its
/// values.
macro_rules! indicator_row {
    ($($field:ident: $kind:ident, $title:literal, $description:literal;)*) => {
        /// One indicator row of a department's CSV (`data.csv`): one field per column, in
        /// column order.
        #[derive(Debug, Serialize)]
        pub struct IndicatorRow<'a> {
            $(
                #[doc = $description]
                pub $field: Cell<'a>,
            )*
        }

        impl IndicatorRow<'_> {
            /// The columns, in the order of the fields.
            pub const COLUMNS: &'static [Column] = &[$(Column {
                name: stringify!($field),
                kind: Kind::$kind,
                title: $title,
                description: $description,
            }),*];
        }
    };
}

indicator_row! {
    year: Integer, "年度", "预算年度";
    region_code: String, "地区代码", "行政区划代码；原文未注明地区时为本站标识";
    region: String, "地区", "地区（县、区）";
    department: String, "部门", "部门名称";
    unit_code: String, "预算单位代码", "预算单位代码";
    unit: String, "预算单位", "预算单位名称";
    project_code: String, "项目编码", "项目编码，原文缺失时为空";
    project_key: String, "项目标识", "项目在本站的标识：项目编码，或无编码时的录入标识";
    project: String, "项目名称", "项目名称";
    budget: Number, "预算数（万元）", "预算数（万元），按原文位数";
    fiscal: Number, "财政资金（万元）", "其中财政资金（万元）";
    other: Number, "其他资金（万元）", "其中其他资金（万元）";
    row: Integer, "指标行号", "指标行号，与项目页锚点 #r行号 对应";
    level1: String, "一级指标", "一级指标";
    level2: String, "二级指标", "二级指标";
    indicator: String, "三级指标", "三级指标";
    description: String, "绩效指标描述", "绩效指标描述";
    value: String, "指标值", "指标值，与原文一致";
    value_kind: String, "指标值类型", "指标值的解析结果：数量、时限、定性、无法解析、空";
    comparison: String, "比较符", "数量型指标值的比较符：≥ ≤ > < =";
    number: String, "数值", "数量型指标值的数字，范围写作 下限-上限";
    number_unit: String, "计量单位", "数量型指标值的计量单位";
    basis: String, "指标值确定依据", "指标值确定依据";
    value_type: String, "定量或定性（原表）", "原表的定量/定性列";
    symbol: String, "符号（原表）", "原表的符号列";
    unit_of_measure: String, "计量单位（原表）", "原表的计量单位列";
    weight: Number, "权重（原表）", "原表的权重列";
    url: String, "项目页面", "项目页面地址（站内相对路径）";
}

/// The columns a department's CSV gains after [`IndicatorRow::COLUMNS`] when a
/// self-evaluation (绩效自评) of its projects is published: each target row's result, empty
/// where the self-evaluation has no such row.
pub const SELFEVAL_COLUMNS: &[Column] = &[
    Column {
        name: "selfeval_actual",
        kind: Kind::String,
        title: "绩效自评实际完成值",
        description: "绩效自评表中该指标的实际完成值，与原文一致；自评表无此行时为空",
    },
    Column {
        name: "selfeval_verdict",
        kind: Kind::String,
        title: "绩效自评判断",
        description: "本站对该行的判断：达成、未达成、无法判断",
    },
    Column {
        name: "selfeval_why",
        kind: Kind::String,
        title: "绩效自评判断依据",
        description: "判断的依据：比较了哪两个数值",
    },
    Column {
        name: "selfeval_rate",
        kind: Kind::String,
        title: "绩效自评项目执行率",
        description: "绩效自评表中该项目的执行率，与原文一致",
    },
    Column {
        name: "selfeval_url",
        kind: Kind::String,
        title: "绩效自评页面",
        description: "该行在绩效自评页面上的地址（站内相对路径）",
    },
];

/// The parsed kind of a value, in Chinese.
fn kind_title(v: &TargetValue) -> &'static str {
    match v {
        TargetValue::Quantity(_) => "数量",
        TargetValue::Deadline(_) => "时限",
        TargetValue::Qualitative(_) => "定性",
        TargetValue::Unparsed => "无法解析",
        TargetValue::Empty => "空",
    }
}

/// One target row's self-evaluation result in a department's `data.json`.
#[derive(Serialize)]
struct SelfEvalRow<'a> {
    /// The target project, from 1 in the document's order.
    project: usize,
    /// The indicator row, from 1 (the CSV's 指标行号).
    row: usize,
    #[serde(flatten)]
    outcome: &'a Outcome,
}

/// The self-evaluation part of a department's `data.json`.
#[derive(Serialize)]
struct SelfEvalPart<'a> {
    /// The self-evaluation page (site-relative).
    path: &'a str,
    /// Its rows' verdicts counted.
    tally: crate::content::evaluation::Tally,
    /// Every target row the self-evaluation evaluates, in document order.
    rows: Vec<SelfEvalRow<'a>>,
}

/// A department's `data.json` when a self-evaluation of it is published: the document's own
/// fields, then `selfeval`.
#[derive(Serialize)]
struct WithSelfEval<'a> {
    #[serde(flatten)]
    document: &'a crate::content::model::Document,
    selfeval: SelfEvalPart<'a>,
}

/// A department's data downloads beside its page: `data.json` (the whole document) and
/// `data.csv` (one record per indicator row), as (site-relative path, bytes). When a
/// self-evaluation of the department is published (`selfeval`), the JSON gains its results
/// under `selfeval` and the CSV the [`SELFEVAL_COLUMNS`]; without one, both are as before.
pub fn department_data(
    dept: &DeptEntry,
    file: &SourceFile,
    selfeval: Option<&DeptRef>,
) -> [(String, Vec<u8>); 2] {
    // Compact JSON: a provincial year's documents are a gigabyte pretty-printed.
    let json = match selfeval {
        None => serde_json::to_vec(&file.document),
        Some(se) => {
            let mut rows: Vec<SelfEvalRow> = (se.rows.iter())
                .map(|(&(p, r), outcome)| SelfEvalRow {
                    project: p + 1,
                    row: r + 1,
                    outcome,
                })
                .collect();
            rows.sort_by_key(|r| (r.project, r.row));
            serde_json::to_vec(&WithSelfEval {
                document: &file.document,
                selfeval: SelfEvalPart {
                    path: &se.path,
                    tally: se.tally,
                    rows,
                },
            })
        }
    }
    .unwrap_or_default();
    [
        (data(&dept.path, DataFormat::Json), json),
        (
            data(&dept.path, DataFormat::Csv),
            department_csv(dept, file, selfeval),
        ),
    ]
}

/// The CSV of one department: a byte-order mark, the header (the columns' Chinese titles),
/// one [`IndicatorRow`] per indicator row, followed by the [`SELFEVAL_COLUMNS`] when a
/// self-evaluation is published.
fn department_csv(dept: &DeptEntry, file: &SourceFile, selfeval: Option<&DeptRef>) -> Vec<u8> {
    fn opt(v: &Option<String>) -> Cell<'_> {
        Cell::from(v.as_deref().unwrap_or_default())
    }
    let doc = &file.document;
    let region = &doc.department.region;
    // What every row of the department, or of a project, repeats is written out once.
    let (year, region_name) = (dept.year.to_string(), region.display_name());
    let (year, region_name) = (year.as_str(), region_name.as_str());
    let projects: Vec<[String; 4]> = (doc.projects.iter())
        .map(|p| {
            let amount = |v: Option<crate::content::model::Wan>| v.map(|v| v.to_string());
            [
                p.amounts.total.to_string(),
                amount(p.amounts.fiscal).unwrap_or_default(),
                amount(p.amounts.other).unwrap_or_default(),
                model::project_path(&dept.path, p),
            ]
        })
        .collect();
    let rows = doc.projects.iter().enumerate().flat_map(|(pi, p)| {
        let unit = doc.unit_of(p);
        let [budget, fiscal, other, url] = &projects[pi];
        p.indicators.iter().enumerate().map(move |(i, r)| {
            let (comparison, number, number_unit) = match r.value.parsed() {
                TargetValue::Quantity(q) => (
                    q.comparison.map_or("", |c| c.symbol()),
                    match &q.magnitude {
                        Magnitude::Exact { value } => value.to_string(),
                        Magnitude::Range { low, high } => format!("{low}-{high}"),
                    },
                    q.unit.as_deref().unwrap_or_default(),
                ),
                _ => Default::default(),
            };
            let row = IndicatorRow {
                year: year.into(),
                region_code: region.key().into(),
                region: region_name.into(),
                department: doc.department.name.as_str().into(),
                unit_code: unit.map_or(Cell::from(""), |u| opt(&u.code)),
                unit: unit.map_or("", |u| u.name.as_str()).into(),
                project_code: opt(&p.code),
                project_key: p.key().unwrap_or("_").into(),
                project: p.name.as_str().into(),
                budget: budget.as_str().into(),
                fiscal: fiscal.as_str().into(),
                other: other.as_str().into(),
                row: (i + 1).to_string().into(),
                level1: r.level1.as_str().into(),
                level2: r.level2.as_str().into(),
                indicator: r.name.as_str().into(),
                description: r.description.as_str().into(),
                value: r.value.raw().into(),
                value_kind: kind_title(r.value.parsed()).into(),
                comparison: comparison.into(),
                number: number.into(),
                number_unit: number_unit.into(),
                basis: opt(&r.basis),
                value_type: match r.value_type {
                    Some(ValueType::Quantitative) => "定量",
                    Some(ValueType::Qualitative) => "定性",
                    None => "",
                }
                .into(),
                symbol: opt(&r.symbol),
                unit_of_measure: opt(&r.unit),
                weight: Cell::from(r.weight.map(|v| v.to_string()).unwrap_or_default()),
                url: url.as_str().into(),
            };
            let outcome = selfeval.map(|se| se.rows.get(&(pi, i)));
            (row, outcome)
        })
    });
    let extra = if selfeval.is_some() {
        SELFEVAL_COLUMNS
    } else {
        &[]
    };
    let header = (IndicatorRow::COLUMNS.iter().chain(extra)).map(|c| c.title);
    let mut out = excel_csv(std::iter::once(header));
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(&mut out);
    // Writing into a Vec cannot fail.
    for (row, outcome) in rows {
        match outcome {
            None => {
                let _ = w.serialize(row);
            }
            Some(o) => {
                let cells: [Cell; 5] = match o {
                    Some(o) => [
                        o.actual.as_str().into(),
                        o.verdict.into(),
                        o.why.as_str().into(),
                        o.rate.as_str().into(),
                        o.href.as_str().into(),
                    ],
                    None => std::array::from_fn(|_| Cell::from("")),
                };
                let _ = w.serialize((row, cells));
            }
        }
    }
    drop(w);
    out
}

#[derive(Serialize)]
struct Resource {
    name: String,
    path: String,
    title: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    schema: &'static str,
}

/// The schema file of the CSV of a department with a published self-evaluation.
pub const SELFEVAL_SCHEMA: &str = "indicators-selfeval.schema.json";

/// A year's `datapackage.json`: every department's CSV of that year, described by the shared
/// `indicators.schema.json`, or [`SELFEVAL_SCHEMA`] for a department for which
/// `has_selfeval` is true. `depts` are the year's departments.
pub fn datapackage(
    year: u16,
    depts: &[&DeptEntry],
    has_selfeval: impl Fn(&DeptEntry) -> bool,
) -> Vec<u8> {
    let resources: Vec<Resource> = depts
        .iter()
        .map(|d| Resource {
            name: format!("{}-{}-{}", d.year, d.region, d.key).to_ascii_lowercase(),
            // Relative to the data package, which sits in the year's folder.
            path: {
                let csv = data(&d.path, DataFormat::Csv);
                let year_dir = Address::Year(year).path();
                csv.strip_prefix(&year_dir)
                    .map_or(csv.clone(), str::to_string)
            },
            title: format!("{} {}年 绩效指标", d.name, d.year),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8-sig",
            schema: if has_selfeval(d) {
                SELFEVAL_SCHEMA
            } else {
                "indicators.schema.json"
            },
        })
        .collect();
    let pkg = json!({
        "profile": "tabular-data-package",
        "name": format!("gongkai-{year}"),
        "title": format!("{year}年部门预算绩效目标：绩效指标表"),
        "description": "每个部门一个 CSV 文件，每行一条绩效指标，数值与公开原文一致。CSV 第一行是各列的中文标题（字段的 title），各列依次对应 indicators.schema.json 中的字段。",
        "resources": resources,
    });
    serde_json::to_vec_pretty(&pkg).unwrap_or_default()
}

/// The Table Schema of the CSV files.
pub fn schema() -> Vec<u8> {
    table_schema(&[])
}

/// The Table Schema of the CSV of a department with a published self-evaluation.
pub fn schema_with_selfeval() -> Vec<u8> {
    table_schema(SELFEVAL_COLUMNS)
}

fn table_schema(extra: &[Column]) -> Vec<u8> {
    let fields: Vec<serde_json::Value> = (IndicatorRow::COLUMNS.iter().chain(extra))
        .map(|c| {
            json!({"name": c.name, "type": c.kind, "title": c.title, "description": c.description})
        })
        .collect();
    serde_json::to_vec_pretty(&json!({ "fields": fields, "missingValues": [""] }))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> IndicatorRow<'static> {
        let cell = |s: &'static str| Cell::from(s);
        IndicatorRow {
            year: cell("2024"),
            region_code: cell("130529"),
            region: cell("巨鹿县"),
            department: cell("巨鹿县市场监督管理局"),
            unit_code: cell("414001"),
            unit: cell("巨鹿县市场监督管理局本级"),
            project_code: cell("13052924P000000000001"),
            project_key: cell("13052924P000000000001"),
            project: cell("食品抽检经费"),
            budget: cell("20.00"),
            fiscal: cell("20.00"),
            other: cell(""),
            row: cell("1"),
            level1: cell("产出指标"),
            level2: cell("数量指标"),
            indicator: cell("检测数量"),
            description: cell(""),
            value: cell("=1+1"),
            value_kind: cell("无法解析"),
            comparison: cell(""),
            number: cell(""),
            number_unit: cell(""),
            basis: cell(""),
            value_type: cell(""),
            symbol: cell(""),
            unit_of_measure: cell(""),
            weight: cell("-5"),
            url: cell("2024/130529/414/13052924P000000000001/"),
        }
    }

    #[test]
    fn the_columns_are_the_row_types_fields_in_order() {
        // The header serde writes from the struct's fields is the column list.
        let mut out = Vec::new();
        let mut w = csv::Writer::from_writer(&mut out);
        w.serialize(row()).unwrap();
        drop(w);
        let text = String::from_utf8(out).unwrap();
        let header = text.lines().next().unwrap();
        let names: Vec<&str> = IndicatorRow::COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header, names.join(","));
        assert_eq!(names.len(), 28);
        // A formula is neutralised, a signed number is not.
        assert!(text.contains(",'=1+1,"), "{text}");
        assert!(text.contains(",-5,"), "{text}");
    }

    #[test]
    fn the_table_schema_describes_every_column_with_its_type() {
        let schema: serde_json::Value = serde_json::from_slice(&schema()).unwrap();
        let fields = schema["fields"].as_array().unwrap();
        assert_eq!(fields.len(), IndicatorRow::COLUMNS.len());
        assert_eq!(fields[0]["name"], "year");
        assert_eq!(fields[0]["type"], "integer");
        assert_eq!(fields[9]["name"], "budget");
        assert_eq!(fields[9]["type"], "number");
        assert_eq!(fields[27]["title"], "项目页面");
        assert_eq!(fields[27]["type"], "string");
    }
}
