//! The indicator table as CSV: one row per indicator row of every project, every column, UTF-8
//! with a byte-order mark so that Excel opens it as UTF-8. The same column list describes the
//! table in each year's `datapackage.json`.

use crate::content::load::SourceFile;
use crate::content::model::ValueType;
use crate::content::model::value::{Magnitude, TargetValue};
use crate::content::tree::{self as model, DeptEntry};
use serde::Serialize;
use serde_json::json;
use std::borrow::Cow;

/// A CSV column: its field name in `datapackage.json`, Frictionless type, the Chinese title
/// that heads the CSV column, and its meaning in Chinese.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Field name in the schema (ASCII).
    pub name: &'static str,
    /// Frictionless type.
    pub kind: &'static str,
    /// The column's heading in the CSV, in Chinese.
    pub title: &'static str,
    /// What it holds.
    pub description: &'static str,
}

const fn col(
    name: &'static str,
    kind: &'static str,
    title: &'static str,
    description: &'static str,
) -> Column {
    Column {
        name,
        kind,
        title,
        description,
    }
}

/// The columns of a department's CSV, in order.
pub const COLUMNS: &[Column] = &[
    col("year", "integer", "年度", "预算年度"),
    col(
        "region_code",
        "string",
        "地区代码",
        "行政区划代码；原文未注明地区时为本站标识",
    ),
    col("region", "string", "地区", "地区（县、区）"),
    col("department", "string", "部门", "部门名称"),
    col("unit_code", "string", "预算单位代码", "预算单位代码"),
    col("unit", "string", "预算单位", "预算单位名称"),
    col(
        "project_code",
        "string",
        "项目编码",
        "项目编码，原文缺失时为空",
    ),
    col(
        "project_key",
        "string",
        "项目标识",
        "项目在本站的标识：项目编码，或无编码时的录入标识",
    ),
    col("project", "string", "项目名称", "项目名称"),
    col(
        "budget",
        "number",
        "预算数（万元）",
        "预算数（万元），按原文位数",
    ),
    col(
        "fiscal",
        "number",
        "财政资金（万元）",
        "其中财政资金（万元）",
    ),
    col(
        "other",
        "number",
        "其他资金（万元）",
        "其中其他资金（万元）",
    ),
    col(
        "row",
        "integer",
        "指标行号",
        "指标行号，与项目页锚点 #r行号 对应",
    ),
    col("level1", "string", "一级指标", "一级指标"),
    col("level2", "string", "二级指标", "二级指标"),
    col("indicator", "string", "三级指标", "三级指标"),
    col("description", "string", "绩效指标描述", "绩效指标描述"),
    col("value", "string", "指标值", "指标值，与原文一致"),
    col(
        "value_kind",
        "string",
        "指标值类型",
        "指标值的解析结果：数量、时限、定性、无法解析、空",
    ),
    col(
        "comparison",
        "string",
        "比较符",
        "数量型指标值的比较符：≥ ≤ > < =",
    ),
    col(
        "number",
        "string",
        "数值",
        "数量型指标值的数字，范围写作 下限-上限",
    ),
    col(
        "number_unit",
        "string",
        "计量单位",
        "数量型指标值的计量单位",
    ),
    col("basis", "string", "指标值确定依据", "指标值确定依据"),
    col(
        "value_type",
        "string",
        "定量或定性（原表）",
        "原表的定量/定性列",
    ),
    col("symbol", "string", "符号（原表）", "原表的符号列"),
    col(
        "unit_of_measure",
        "string",
        "计量单位（原表）",
        "原表的计量单位列",
    ),
    col("weight", "number", "权重（原表）", "原表的权重列"),
    col("url", "string", "项目页面", "项目页面地址（站内相对路径）"),
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

/// CSV that Excel opens as UTF-8: a byte-order mark, then `records` (the header first).
pub fn excel_csv<R, F>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = Vec::from("\u{feff}".as_bytes());
    out.extend(csv_records(records));
    out
}

/// `records` as CSV, without a byte-order mark: a whole file's, or a part of one. A cell a
/// spreadsheet would run as a formula is neutralised ([`super::cell::neutralise`]).
pub fn csv_records<R, F>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = Vec::new();
    let mut w = csv::Writer::from_writer(&mut out);
    // Writing into a Vec cannot fail.
    for r in records {
        for field in r {
            let _ = w.write_field(super::cell::neutralise(field.as_ref()).as_ref());
        }
        let _ = w.write_record(None::<&[u8]>);
    }
    drop(w);
    out
}

/// A department's data downloads beside its page: `data.json` (the whole document) and
/// `data.csv` (one record per indicator row), as (site-relative path, bytes).
pub fn department_data(dept: &DeptEntry, file: &SourceFile) -> [(String, Vec<u8>); 2] {
    // Compact JSON: a provincial year's documents are a gigabyte pretty-printed.
    let json = serde_json::to_vec(&file.document).unwrap_or_default();
    [
        (format!("{}data.json", dept.path), json),
        (format!("{}data.csv", dept.path), department_csv(dept, file)),
    ]
}

/// The CSV of one department: a byte-order mark, the header, one record per indicator row.
fn department_csv(dept: &DeptEntry, file: &SourceFile) -> Vec<u8> {
    fn opt(v: &Option<String>) -> Cow<'_, str> {
        Cow::Borrowed(v.as_deref().unwrap_or_default())
    }
    let doc = &file.document;
    let region = &doc.department.region;
    let owned = |v: Option<String>| Cow::Owned(v.unwrap_or_default());
    let header = COLUMNS.iter().map(|c| Cow::Borrowed(c.title)).collect();
    let rows = doc.projects.iter().flat_map(|p| {
        let unit = doc.unit_of(p);
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
            vec![
                Cow::Owned(dept.year.to_string()),
                Cow::Borrowed(region.key()),
                Cow::Owned(region.display_name()),
                Cow::Borrowed(doc.department.name.as_str()),
                unit.map_or(Cow::Borrowed(""), |u| opt(&u.code)),
                Cow::Borrowed(unit.map_or("", |u| u.name.as_str())),
                opt(&p.code),
                Cow::Borrowed(p.key().unwrap_or("_")),
                Cow::Borrowed(p.name.as_str()),
                Cow::Owned(p.amounts.total.to_string()),
                owned(p.amounts.fiscal.map(|v| v.to_string())),
                owned(p.amounts.other.map(|v| v.to_string())),
                Cow::Owned((i + 1).to_string()),
                Cow::Borrowed(r.level1.as_str()),
                Cow::Borrowed(r.level2.as_str()),
                Cow::Borrowed(r.name.as_str()),
                Cow::Borrowed(r.description.as_str()),
                Cow::Borrowed(r.value.raw()),
                Cow::Borrowed(kind_title(r.value.parsed())),
                Cow::Borrowed(comparison),
                Cow::Owned(number),
                Cow::Borrowed(number_unit),
                opt(&r.basis),
                Cow::Borrowed(match r.value_type {
                    Some(ValueType::Quantitative) => "定量",
                    Some(ValueType::Qualitative) => "定性",
                    None => "",
                }),
                opt(&r.symbol),
                opt(&r.unit),
                owned(r.weight.map(|v| v.to_string())),
                Cow::Owned(model::project_path(&dept.path, p)),
            ]
        })
    });
    excel_csv(std::iter::once(header).chain(rows))
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

/// A year's `datapackage.json`: every department's CSV of that year, described by the shared
/// `indicators.schema.json`. `depts` are the year's departments.
pub fn datapackage(year: u16, depts: &[&DeptEntry]) -> Vec<u8> {
    let resources: Vec<Resource> = depts
        .iter()
        .map(|d| Resource {
            name: format!("{}-{}-{}", d.year, d.region, d.key).to_ascii_lowercase(),
            path: format!(
                "{}data.csv",
                d.path.strip_prefix(&format!("{year}/")).unwrap_or(&d.path)
            ),
            title: format!("{} {}年 绩效指标", d.name, d.year),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8-sig",
            schema: "indicators.schema.json",
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
    let fields: Vec<serde_json::Value> = COLUMNS
        .iter()
        .map(|c| {
            json!({"name": c.name, "type": c.kind, "title": c.title, "description": c.description})
        })
        .collect();
    serde_json::to_vec_pretty(&json!({ "fields": fields, "missingValues": [""] }))
        .unwrap_or_default()
}
