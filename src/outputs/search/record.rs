//! What a search hit is: one record per department (its Part 1) and one per project, each cut
//! into segments (a field, a goal, an indicator row) so a hit can point at its row's anchor and
//! show the text around the match.

use crate::content::load::SourceFile;
use crate::content::matching::Fed;
use crate::content::model::{Document, Project};
use crate::content::tree::{self as model, DeptEntry, Tree};
use serde::Serialize;

/// One searchable piece of a record: a field, a goal or an indicator row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Segment {
    /// Anchor on the record's page (`r3` for indicator row 3), empty for the top of the page.
    #[serde(rename = "a")]
    pub anchor: String,
    /// What the text is, in Chinese (项目名称, 绩效目标, 三级指标 …).
    #[serde(rename = "l")]
    pub label: String,
    /// The text exactly as published.
    #[serde(rename = "x")]
    pub text: String,
    /// 一级指标 and 二级指标 of an indicator row, for the category filter.
    #[serde(rename = "c", skip_serializing_if = "Option::is_none")]
    pub category: Option<(String, String)>,
    /// Where the text is shown, when not on the record's page (site-relative, with anchor).
    #[serde(rename = "p", skip_serializing_if = "Option::is_none")]
    pub shown_at: Option<String>,
    /// The 指标值 of an indicator row, as published, shown beside a hit on the row.
    #[serde(rename = "v", skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The name of the comparable metric an indicator row is compared under
    /// (食品抽检批次 for 检测数量): searched with the row, so a row is found by what it counts.
    #[serde(rename = "m", skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
}

impl Segment {
    /// Every text of the segment that is searched: the text, then the metric's name.
    pub fn searched(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.text.as_str()).chain(self.metric.as_deref())
    }
}

/// A search record: the page a hit lands on and everything shown in the result list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    /// Site-relative page address (`2024/130529/414/` or a project's).
    #[serde(rename = "u")]
    pub url: String,
    /// Title: the project's or the department's name.
    #[serde(rename = "t")]
    pub title: String,
    /// Department name.
    #[serde(rename = "d")]
    pub dept: String,
    /// Region name (county or district).
    #[serde(rename = "r")]
    pub region: String,
    /// Budget year.
    #[serde(rename = "y")]
    pub year: u16,
    /// Budget in 万元 as written (the project's 预算数, or the department's total).
    #[serde(rename = "b")]
    pub budget: String,
    /// The searchable text.
    #[serde(rename = "s")]
    pub segments: Vec<Segment>,
}

fn seg(anchor: &str, label: &str, text: impl Into<String>) -> Option<Segment> {
    let text = text.into();
    (!text.trim().is_empty()).then(|| Segment {
        anchor: anchor.to_string(),
        label: label.to_string(),
        text,
        category: None,
        shown_at: None,
        value: None,
        metric: None,
    })
}

/// The records of one department in the order they are numbered: its Part 1, then its
/// projects in document order. `fed` are the file's rows that feed a comparison.
pub fn department_records(dept: &DeptEntry, file: &SourceFile, fed: &[Fed]) -> Vec<Record> {
    // Decoded for its records alone when the build does not hold it.
    department_records_of(dept, &file.document.read(), fed)
}

/// [`department_records`] of the department's document `doc`, decoded by the caller.
pub fn department_records_of(dept: &DeptEntry, doc: &Document, fed: &[Fed]) -> Vec<Record> {
    let mut out = Vec::with_capacity(doc.projects.len() + 1);
    out.push(part1_record(dept, doc));
    out.extend(
        (doc.projects.iter().enumerate()).map(|(i, p)| project_record(dept, doc, p, i, fed)),
    );
    out
}

fn part1_record(dept: &DeptEntry, doc: &Document) -> Record {
    let region = doc.department.region.full_name();
    let mut s: Vec<Option<Segment>> = vec![
        seg("", "部门", doc.department.name.clone()),
        seg("", "地区", region),
    ];
    s.extend(doc.department.units.iter().map(|u| {
        let code = u.code.as_deref().unwrap_or("");
        seg(
            "part2",
            "单位",
            format!("{code} {}", u.name).trim().to_string(),
        )
    }));
    for g in &doc.part1.overall {
        let mut text: Vec<&str> = g.title.iter().chain(&g.text).map(String::as_str).collect();
        text.extend(g.items.iter().map(String::as_str));
        s.push(seg("part1", "总体绩效目标", text.join("\n")));
    }
    for g in &doc.part1.sub_goals {
        let text: Vec<&str> = [&g.title, &g.goal, &g.indicators]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        s.push(seg("part1", "分项绩效目标", text.join("\n")));
    }
    for g in &doc.part1.safeguards {
        let text: Vec<&str> = g.title.iter().chain(&g.text).map(String::as_str).collect();
        s.push(seg("part1", "工作保障措施", text.join("\n")));
    }
    Record {
        url: dept.path.clone(),
        title: doc.department.name.clone(),
        dept: doc.department.name.clone(),
        region: doc.department.region.display_name(),
        year: dept.year,
        budget: dept.totals.budget.to_string(),
        segments: s.into_iter().flatten().collect(),
    }
}

fn project_record(
    dept: &DeptEntry,
    doc: &Document,
    p: &Project,
    index: usize,
    fed: &[Fed],
) -> Record {
    let region = &doc.department.region;
    let unit = doc.unit_of(p).map(|u| u.name.clone());
    let a = &p.amounts;
    let mut money = format!("预算数 {} 万元", a.total);
    if let Some(f) = a.fiscal {
        money.push_str(&format!("；财政资金 {f} 万元"));
    }
    if let Some(o) = a.other {
        money.push_str(&format!("；其他资金 {o} 万元"));
    }
    let plan: Vec<String> = p
        .spending_plan
        .iter()
        .map(|m| format!("{} {}", m.by, m.percent))
        .collect();
    let mut s: Vec<Option<Segment>> = vec![
        seg("", "项目名称", p.name.clone()),
        p.code.as_deref().and_then(|c| seg("", "项目编码", c)),
        unit.and_then(|u| seg("", "实施单位", u)),
        seg(
            "",
            "部门",
            format!("{} {}", region.full_name(), doc.department.name),
        ),
        seg("", "预算", money),
        p.purpose.as_deref().and_then(|t| seg("", "项目概况", t)),
        seg("", "支出计划", plan.join("；")),
    ];
    s.extend(p.goals.iter().map(|g| seg("", "绩效目标", g.clone())));
    // Part 1 often has a 分项绩效目标 per project, titled with the project's name.
    for g in &doc.part1.sub_goals {
        if g.title.as_deref().map(strip_enumeration) == Some(p.name.as_str()) {
            let text: Vec<&str> = g
                .goal
                .iter()
                .chain(&g.indicators)
                .map(String::as_str)
                .collect();
            s.push(seg("", "分项绩效目标", text.join("\n")).map(|mut x| {
                x.shown_at = Some(format!("{}#part1", dept.path));
                x
            }));
        }
    }
    for (i, r) in p.indicators.iter().enumerate() {
        if r.is_empty_row() {
            continue;
        }
        let mut parts: Vec<&str> = vec![&r.name];
        if r.description != r.name {
            parts.push(&r.description);
        }
        parts.push(r.value.raw());
        parts.extend(r.basis.as_deref());
        let text = parts
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("；");
        s.push(seg(&format!("r{}", i + 1), "绩效指标", text).map(|mut x| {
            x.category = Some((r.level1.clone(), r.level2.clone()));
            x.value = Some(r.value.raw().to_string()).filter(|v| !v.trim().is_empty());
            x.metric = (fed.iter())
                .find(|f| f.project == index && f.row == i)
                .map(|f| f.metric.name.clone());
            x
        }));
    }
    Record {
        url: model::project_path(&dept.path, p),
        title: p.name.clone(),
        dept: doc.department.name.clone(),
        region: region.display_name(),
        year: dept.year,
        budget: a.total.to_string(),
        segments: s.into_iter().flatten().collect(),
    }
}

/// A heading without its enumeration and final stop: `（三）标准计量经费。` → `标准计量经费`.
fn strip_enumeration(title: &str) -> &str {
    let t = title.trim();
    let t = if let Some(rest) = t.strip_prefix(['（', '(']) {
        rest.split_once(['）', ')']).map_or(t, |(_, r)| r)
    } else {
        t.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['、', '.', '．'])
    };
    t.trim().trim_end_matches(['。', '.'])
}

/// Every department of the tree in record order: years newest first, then regions, then
/// departments, as the tree lists them.
pub fn departments(tree: &Tree) -> impl Iterator<Item = &DeptEntry> {
    tree.years
        .iter()
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
}

#[cfg(test)]
mod tests {
    use super::strip_enumeration;

    #[test]
    fn enumerations_are_stripped_from_headings() {
        assert_eq!(
            strip_enumeration("（三）标准计量特种设备双随机监管经费"),
            "标准计量特种设备双随机监管经费"
        );
        assert_eq!(strip_enumeration("1、严守安全底线。"), "严守安全底线");
        assert_eq!(
            strip_enumeration("(十一)基层“星级所”建设经费"),
            "基层“星级所”建设经费"
        );
        assert_eq!(strip_enumeration("办公楼运维费"), "办公楼运维费");
    }
}
