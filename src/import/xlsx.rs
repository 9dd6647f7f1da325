//! A spreadsheet (calamine): an .xlsx, or an Excel 97–2003 .xls (WPS's .et is the same
//! format), read as the first sheet's cells. An export of the budget system has one indicator
//! per row, the project's columns repeated on each of its rows, and 比较符号, 指标值, 计量单位
//! and 权重 apart ([`read`]); a sheet laid out as the printed form goes to the form reader as
//! text ([`as_pipes`]).

use super::draft::{Draft, Indicator, Project, Unit};
use crate::messages::ImportText;
use calamine::{Data, Reader};
use std::path::Path;

/// Columns an export must have.
const REQUIRED: [&str; 5] = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"];

/// The file format of a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (.xlsx): a zip archive.
    Xlsx,
    /// The binary format of Excel 97–2003 (.xls) and of WPS (.et).
    Xls,
}

/// The first sheet's cells, row by row, as text.
pub fn cells(path: &Path, format: Format) -> Result<Vec<Vec<String>>, Box<ImportText>> {
    let unreadable = |e: calamine::Error| ImportText::NotAnXlsx {
        cause: super::open_error::calamine(&e),
    };
    let mut book = match format {
        Format::Xlsx => {
            super::open_error::xlsx_archive(path)
                .map_err(|cause| ImportText::NotAnXlsx { cause })?;
            calamine::open_workbook_auto(path).map_err(unreadable)?
        }
        Format::Xls => calamine::Sheets::Xls(
            calamine::open_workbook::<calamine::Xls<_>, _>(path)
                .map_err(|e| unreadable(calamine::Error::Xls(e)))?,
        ),
    };
    let range = book
        .worksheet_range_at(0)
        .ok_or(ImportText::NoSheet)?
        .map_err(|e| ImportText::SheetUnreadable {
            cause: super::open_error::calamine(&e),
        })?;
    // The number formats and formulas of the first sheet, where the format keeps them (an
    // .xls has no styles in calamine: its cells read by their types alone).
    let first = book.sheet_names().first().cloned().unwrap_or_default();
    let styles = book.worksheet_style(&first).ok();
    let (top, left) = range.start().unwrap_or((0, 0));
    if let Ok(formulas) = book.worksheet_formula(&first) {
        let (ftop, fleft) = formulas.start().unwrap_or((0, 0));
        let missing: Vec<String> = (formulas.cells())
            .filter(|(_, _, f)| !f.trim().is_empty())
            .map(|(r, c, _)| (ftop + r as u32, fleft + c as u32))
            .filter(|&(r, c)| {
                (range.get_value((r, c))).is_none_or(|v| v.to_string().trim().is_empty())
            })
            .map(|(r, c)| cell_name(r, c))
            .collect();
        if !missing.is_empty() {
            return Err(Box::new(ImportText::FormulaWithoutValue {
                cells: missing.join("、"),
            }));
        }
    }
    Ok(range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            (row.iter().enumerate())
                .map(|(c, v)| {
                    let at = (top + r as u32, left + c as u32);
                    let format = (styles.as_ref())
                        .and_then(|s| s.get(at))
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.as_str());
                    shown(v, format)
                })
                .collect()
        })
        .collect())
}

/// A cell as a clerk sees it in Excel or WPS: a fraction formatted as a percentage as the
/// percentage (`0.95` under `0%` → `95%`), a date as a date (`2024-12-31`, or `2024年12月31日`
/// when its format writes 年), a boolean as Excel shows it (`TRUE`), and a number without the
/// binary fraction's noise (`0.1+0.2` → `0.3`, to Excel's 15 significant digits).
pub fn shown(v: &Data, format: Option<&str>) -> String {
    // A format's sections are separated by `;`; the first is for positive numbers. Text in
    // quotes or after a backslash is literal, not a code.
    let code = format.map(|f| {
        let mut out = String::new();
        let (mut quoted, mut escaped) = (false, false);
        for ch in f.split(';').next().unwrap_or("").chars() {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = !quoted,
                _ if quoted => {}
                c => out.push(c),
            }
        }
        out
    });
    match v {
        Data::Float(f) if code.as_deref().is_some_and(|c| c.contains('%')) => {
            let c = code.as_deref().unwrap_or("");
            let places = c.split_once('.').map_or(0, |(_, frac)| {
                frac.chars().take_while(|&c| c == '0').count()
            });
            format!("{:.*}%", places, f * 100.0)
        }
        Data::Int(i) if code.as_deref().is_some_and(|c| c.contains('%')) => {
            format!("{}%", i128::from(*i) * 100)
        }
        Data::Float(f) => plain_number(*f),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            let chinese = format.is_some_and(|f| f.contains('年'));
            let date = if chinese {
                format!("{y}年{m}月{day}日")
            } else {
                format!("{y}-{m:02}-{day:02}")
            };
            if (h, min, s) == (0, 0, 0) {
                date
            } else {
                format!("{date} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        other => other.to_string(),
    }
}

/// A number to Excel's precision (15 significant digits), written shortest.
fn plain_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    rounded.to_string()
}

/// A cell's name as the form's words give it: `第 5 行 C 列`.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(col) + 1;
    while c > 0 {
        let d = (c - 1) % 26;
        letters.push(char::from(b'A' + d as u8));
        c = (c - 1) / 26;
    }
    let letters: String = letters.into_iter().rev().collect();
    format!("第 {} 行 {letters} 列", u64::from(row) + 1)
}

/// A sheet laid out as a self-evaluation form (绩效自评表), cell for cell: read as text by the
/// form reader, not as an export of one indicator per row.
pub fn is_self_evaluation(rows: &[Vec<String>]) -> bool {
    rows.iter().flatten().any(|c| {
        let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        c.contains("自评表") || matches!(c.as_str(), "实际完成值" | "全年实际值" | "完成值")
    })
}

/// The sheet as lines of cells separated by pipes, for the form reader.
pub fn as_pipes(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| {
            let cells: Vec<&str> = r.iter().map(|c| c.trim()).collect();
            format!("| {} |\n", cells.join(" | "))
        })
        .collect()
}

/// Reads the first sheet's `rows` (an export of one indicator per row) into a draft
/// (projects only: an export has no Part 1). The error says what the sheet lacked.
pub fn read(rows: &[Vec<String>], source: &str) -> Result<Draft, Box<ImportText>> {
    let Some(h) = rows.iter().position(|r| r.iter().any(|c| c == "三级指标")) else {
        return Err(Box::new(ImportText::SheetNoHeader {
            first: rows.first().map(|r| r.join(" | ")).unwrap_or_default(),
        }));
    };
    // A header cell is matched without its spaces and without the unit it names in
    // brackets: `预算数（万元）`, `指标值 `.
    let header: Vec<String> = rows[h].iter().map(|c| header_name(c)).collect();
    let col = |name: &str| header.iter().position(|c| c == name);
    if let Some(missing) = REQUIRED.iter().find(|n| col(n).is_none()) {
        return Err(Box::new(ImportText::SheetMissingColumn {
            column: missing.to_string(),
        }));
    }
    let get = |row: &[String], names: &[&str]| -> Option<String> {
        let i = names.iter().find_map(|n| col(n))?;
        row.get(i)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut d = Draft {
        schema: 1,
        ..Draft::default()
    };
    d.document.source = source.to_string();
    d.document.status = "未注明";
    // Page numbers and header rows a page break repeated are no indicators.
    let paged = super::pages::strip_rows(rows);
    paged.annotate(&mut d);
    for (offset, row) in rows[h + 1..].iter().enumerate() {
        let line = h + offset + 2;
        if row.iter().all(|c| c.trim().is_empty()) || paged.lines.contains(&line) {
            continue;
        }
        let name = get(row, &["项目名称"]);
        let code = get(row, &["项目编码"]);
        // A project's cells merged down its rows are empty below its first: the rows
        // belong to the project above.
        let name = match (name, &code, d.projects.last()) {
            (None, None, Some(p)) => p.name.clone(),
            (name, _, _) => name.unwrap_or_default(),
        };
        let unit = get(row, &["预算单位", "单位"]).map(|u| {
            let (c, n) = u.split_at(u.find(|c: char| !c.is_ascii_digit()).unwrap_or(u.len()));
            (c.to_string(), n.trim().to_string())
        });
        let same = d
            .projects
            .last()
            .is_some_and(|p| p.name == name && p.code == code);
        if !same {
            let mut p = Project {
                name: name.clone(),
                code: code.clone(),
                ..Project::default()
            };
            if let Some((c, n)) = unit.filter(|(c, _)| c.len() == 6) {
                if !d.department.units.iter().any(|u| u.code == c) {
                    d.department.units.push(Unit {
                        code: c.clone(),
                        name: n,
                    });
                }
                p.unit = Some(c);
            }
            // A header naming 元 (`预算数（元）`) gives amounts in 元: converted to 万元.
            let mut amount = |names: &[&str], label: &str, p: &mut Project| {
                let n = get(row, names)?;
                let in_yuan = (names.iter().find_map(|n| col(n)))
                    .and_then(|i| rows[h].get(i))
                    .is_some_and(|c| names_yuan(c));
                let plain = n.replace(',', "");
                match in_yuan.then(|| {
                    plain
                        .strip_suffix('元')
                        .unwrap_or(&plain)
                        .trim()
                        .to_string()
                }) {
                    Some(yuan) => super::form::from_yuan(&mut d, p, line, label, &yuan),
                    None => Some(n),
                }
            };
            p.amounts.total = amount(&["预算数", "预算金额"], "预算数", &mut p);
            p.amounts.fiscal = amount(&["财政资金", "其中：财政资金"], "财政资金", &mut p);
            p.amounts.other = amount(&["其他资金"], "其他资金", &mut p);
            if p.code.is_none() {
                let n = d.projects.len() + 1;
                p.id = Some(format!("project-{n}"));
                d.note(
                    line,
                    ImportText::NoCodeInSheet {
                        project: name.to_string(),
                        number: n,
                    },
                );
            }
            d.projects.push(p);
        }
        // Some sheets head the column of ≥, ≤ and = 指标性质; there it is the symbol, and
        // 指标性质 names 定量 or 定性 only when it says so.
        let nature = get(row, &["定量/定性", "指标性质"]);
        let (nature, symbol) = match (nature, get(row, &["比较符号", "符号", "运算符"])) {
            (Some(n), None) if is_symbol(&n) => (None, Some(n)),
            (n, s) => (n, s),
        };
        let number = get(row, &["指标值"]);
        let unit = get(row, &["计量单位", "度量单位", "指标单位"]);
        let value = match (&symbol, &number, &unit) {
            (None, None, None) => None,
            // A percentage cell already shows its unit (`95%`, unit column `%`).
            (s, n, u) => Some(format!(
                "{}{}{}",
                s.as_deref().unwrap_or(""),
                n.as_deref().unwrap_or(""),
                u.as_deref()
                    .filter(|u| !n.as_deref().is_some_and(|n| n.ends_with(u)))
                    .unwrap_or("")
            )),
        };
        // 一级指标 and 二级指标 merged down their rows: empty below the first.
        let above = d.projects.last().and_then(|p| p.indicators.last());
        let level1 = get(row, &["一级指标"]).or_else(|| above.and_then(|i| i.level1.clone()));
        let level2 = get(row, &["二级指标"]).or_else(|| {
            above
                .filter(|i| i.level1 == level1)
                .and_then(|i| i.level2.clone())
        });
        let ind = Indicator {
            level1,
            level2,
            name: get(row, &["三级指标"]),
            description: get(row, &["绩效指标描述", "指标内容", "指标解释"]),
            value,
            basis: get(row, &["指标值确定依据", "确定依据"]),
            value_type: nature,
            symbol,
            unit,
            weight: get(row, &["权重", "分值"]),
            result: None,
        };
        if let Some(p) = d.projects.last_mut() {
            p.indicators.push(ind);
        }
    }
    if let Some(y) = rows[h + 1..]
        .iter()
        .find_map(|r| get(r, &["年度", "预算年度"]))
    {
        d.document.year = y.parse().unwrap_or(0);
    }
    // Else the year the sheet's title states (`2024年度项目支出绩效目标表`).
    if d.document.year == 0 {
        d.document.year = (rows[..h].iter().flatten())
            .find_map(|c| title_year(c))
            .unwrap_or(0);
    }
    super::recognize::finish(&mut d, &[]);
    Ok(d)
}

/// A header cell as its columns are named: without spaces, and without a unit in brackets
/// at its end (`预算数（万元）` → `预算数`).
fn header_name(cell: &str) -> String {
    let name: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    match name.find(['（', '(']) {
        Some(at) if at > 0 && name.ends_with(['）', ')']) => name[..at].to_string(),
        _ => name,
    }
}

/// A header cell naming 元 as its unit (`预算数（元）`, `金额(元)`), not 万元.
fn names_yuan(cell: &str) -> bool {
    let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    s.ends_with("（元）") || s.ends_with("(元)")
}

/// True for a cell holding only a comparison symbol (≥, ≤, =, >, <, in either width).
fn is_symbol(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| "≥≤=＝><＞＜≧≦".contains(c))
}

/// The budget year a title states: four digits (either width) from 2000 to 2099 followed
/// by 年.
fn title_year(cell: &str) -> Option<u16> {
    let digits: String = (cell.chars())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let at = digits.find('年')?;
    let year = digits[..at].trim_end();
    let year = year.get(year.len().checked_sub(4)?..)?;
    let y: u16 = year.parse().ok()?;
    (2000..2100).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        (lines.iter())
            .map(|l| l.split('|').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn cells_read_as_excel_shows_them_and_are_named_as_the_form_names_them() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        assert_eq!(shown(&Data::Float(0.95), Some("0%")), "95%");
        assert_eq!(shown(&Data::Float(0.955), Some("0.0%")), "95.5%");
        assert_eq!(shown(&Data::Float(0.1 + 0.2), Some("General")), "0.3");
        assert_eq!(shown(&Data::Float(120.5), None), "120.5");
        assert_eq!(
            shown(&Data::Int(i64::MAX), Some("0%")),
            "922337203685477580700%"
        );
        let date = Data::DateTime(ExcelDateTime::new(
            45657.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(shown(&date, Some("yyyy-mm-dd")), "2024-12-31");
        assert_eq!(
            shown(&date, Some("yyyy\"年\"m\"月\"d\"日\"")),
            "2024年12月31日"
        );
        assert_eq!(shown(&Data::Bool(true), None), "TRUE");
        // A percent sign in quotes is text of the format, not a percent format.
        assert_eq!(shown(&Data::Float(5.0), Some("0\"%\"")), "5");
        assert_eq!(cell_name(4, 2), "第 5 行 C 列");
        assert_eq!(cell_name(0, 27), "第 1 行 AB 列");
        assert_eq!(cell_name(u32::MAX, u32::MAX), "第 4294967296 行 MWLQKWV 列");
    }

    #[test]
    fn header_cells_lose_spaces_and_the_unit_they_name() {
        assert_eq!(header_name("预算数（万元）"), "预算数");
        assert_eq!(header_name(" 指标 值 "), "指标值");
        assert_eq!(header_name("其中：财政资金"), "其中：财政资金");
        assert_eq!(header_name("（备注）"), "（备注）");
    }

    #[test]
    fn a_title_states_the_year_in_either_width() {
        assert_eq!(title_year("2024年度项目支出绩效目标表"), Some(2024));
        assert_eq!(title_year("某某县２０２５年部门预算"), Some(2025));
        assert_eq!(title_year("第12年"), None);
        assert_eq!(title_year("项目支出绩效目标表"), None);
    }

    /// A sheet as Excel users make it: the year in the title, the project's and the first
    /// levels' cells merged down their rows (empty below the first), the unit headed 度量单位,
    /// the symbol headed 指标性质 and the amount's header naming 万元.
    #[test]
    fn merged_cells_and_the_columns_other_sheets_name_otherwise() {
        let sheet = rows(&[
            "2024年度项目支出绩效目标表||||||||",
            "项目名称|预算数（万元）|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|备注",
            "乡镇所建设|120.5|产出指标|数量指标|建设所数|≥|5|个|",
            "||||购置记录仪|≥|30|台|",
            "|||质量指标|验收合格率|≥|95|%|",
            "食品抽检|80|效益指标|社会效益指标|群众满意|定性|明显提升||",
            "||||抽检批次|≥|300|批次|",
        ]);
        let d = read(&sheet, "sheet.xlsx").unwrap();
        assert_eq!(d.document.year, 2024);
        let names: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["乡镇所建设", "食品抽检"],
            "merged names are one project"
        );
        let p = &d.projects[0];
        assert_eq!(p.amounts.total.as_deref(), Some("120.5"));
        let rows: Vec<_> = (p.indicators.iter())
            .map(|i| {
                (
                    i.level1.as_deref(),
                    i.level2.as_deref(),
                    i.name.as_deref(),
                    i.value.as_deref(),
                    i.unit.as_deref(),
                    i.value_type.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    Some("产出指标"),
                    Some("数量指标"),
                    Some("建设所数"),
                    Some("≥5个"),
                    Some("个"),
                    None
                ),
                (
                    Some("产出指标"),
                    Some("数量指标"),
                    Some("购置记录仪"),
                    Some("≥30台"),
                    Some("台"),
                    None
                ),
                (
                    Some("产出指标"),
                    Some("质量指标"),
                    Some("验收合格率"),
                    Some("≥95%"),
                    Some("%"),
                    None
                ),
            ]
        );
        let q = &d.projects[1].indicators;
        assert_eq!(q[0].value_type.as_deref(), Some("定性"));
        assert_eq!(q[1].level2.as_deref(), Some("社会效益指标"));
    }
}
