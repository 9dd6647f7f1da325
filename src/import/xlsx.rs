//! An .xlsx export of the budget system (calamine): one indicator per row, the project's
//! columns repeated on each of its rows, and 比较符号, 指标值, 计量单位 and 权重 apart.

use super::draft::{Draft, Indicator, Project, Unit};
use crate::messages::ImportText;
use calamine::{Data, Reader};
use std::path::Path;

/// Columns an export must have.
const REQUIRED: [&str; 5] = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"];

/// The first sheet's cells, row by row, as text.
pub fn cells(path: &Path) -> Result<Vec<Vec<String>>, Box<ImportText>> {
    super::open_error::xlsx_archive(path).map_err(|cause| ImportText::NotAnXlsx { cause })?;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| ImportText::NotAnXlsx {
        cause: super::open_error::calamine(&e),
    })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(ImportText::NoSheet)?
        .map_err(|e| ImportText::SheetUnreadable {
            cause: super::open_error::calamine(&e),
        })?;
    Ok(range
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect())
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

/// Reads the first sheet into a draft (projects only: an export has no Part 1). The error
/// says what the sheet lacked.
pub fn read(path: &Path, source: &str) -> Result<Draft, Box<ImportText>> {
    let rows = cells(path)?;
    let Some(h) = rows.iter().position(|r| r.iter().any(|c| c == "三级指标")) else {
        return Err(Box::new(ImportText::SheetNoHeader {
            first: rows.first().map(|r| r.join(" | ")).unwrap_or_default(),
        }));
    };
    let header = &rows[h];
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
    for (offset, row) in rows[h + 1..].iter().enumerate() {
        let line = h + offset + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let name = get(row, &["项目名称"]).unwrap_or_default();
        let code = get(row, &["项目编码"]);
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
            p.amounts.total = get(row, &["预算数", "预算金额"]);
            p.amounts.fiscal = get(row, &["财政资金", "其中：财政资金"]);
            p.amounts.other = get(row, &["其他资金"]);
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
        let symbol = get(row, &["比较符号", "符号"]);
        let number = get(row, &["指标值"]);
        let unit = get(row, &["计量单位"]);
        let value = match (&symbol, &number, &unit) {
            (None, None, None) => None,
            (s, n, u) => Some(format!(
                "{}{}{}",
                s.as_deref().unwrap_or(""),
                n.as_deref().unwrap_or(""),
                u.as_deref().unwrap_or("")
            )),
        };
        let ind = Indicator {
            level1: get(row, &["一级指标"]),
            level2: get(row, &["二级指标"]),
            name: get(row, &["三级指标"]),
            description: get(row, &["绩效指标描述", "指标内容", "指标解释"]),
            value,
            basis: get(row, &["指标值确定依据", "确定依据"]),
            value_type: get(row, &["定量/定性", "指标性质"]),
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
    super::recognize::finish(&mut d, &[]);
    Ok(d)
}
