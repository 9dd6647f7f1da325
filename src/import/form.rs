//! A single form of any county, recognised by its structure rather than by a numbered title:
//! labels (项目名称, 主管部门, 年度资金总额, 年度目标…), the indicator header and the official
//! vocabulary of 一级/二级 names. Cells come from [`cells`](super::cells) in any layout; rows
//! are read either one per line (pipes, tabs, spaces, glued cells) or from a stream of one cell
//! per line, each cell placed by the header's columns and the shape of its value.

use super::cells::{self, Line, Tok};
use super::draft::RowResult;
use super::draft::{Draft, Indicator, Project, Unit};
use super::selfeval as se;
use super::vocab::{self, Level};
use crate::content::model::selfeval::Form as Evaluation;
use crate::messages::{AmountAsWritten, AsideColumn, Cut, DraftNote, ImportText, UnconvertedUnit};
use regex::Regex;
use std::sync::LazyLock;

/// What a column of the indicator table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// 三级指标 / 指标内容.
    Name,
    /// 指标性质 / 计算符号 / 比较符号.
    Symbol,
    /// 指标值 / 年度指标值 / 目标值.
    Value,
    /// 度量单位 / 计量单位.
    Unit,
    /// 实际完成值 / 全年实际值 (a self-evaluation).
    Actual,
    /// 分值 / 权重.
    Weight,
    /// 得分 (a self-evaluation).
    Score,
    /// 偏差原因… / 未完成原因….
    Reason,
    /// 指标值说明 / 指标值确定依据 / 绩效标准 / 备注.
    Basis,
    /// 绩效指标描述 / 指标解释.
    Desc,
    /// The 二级 of a second set of columns (中期 beside 年度, 长期 beside 年度).
    TwinLevel,
    /// The 三级 of the second set.
    TwinName,
    /// The 指标值 of the second set.
    TwinValue,
}

impl Col {
    /// The column a header cell names.
    fn of(label: &str) -> Option<Col> {
        let l = squeeze(label);
        let l = l.trim_start_matches('*');
        Some(match l {
            _ if l.starts_with("三级指标指标") => Col::Value,
            _ if l.starts_with("三级指标") || l == "指标内容" || l == "指标名称" => {
                Col::Name
            }
            _ if l.contains("原因") => Col::Reason,
            _ if l.starts_with("指标性质") || l.contains("符号") => Col::Symbol,
            _ if l.contains("实际") || l == "完成值" => Col::Actual,
            _ if l.starts_with("指标值说明")
                || l.contains("确定依据")
                || l == "绩效标准"
                || l == "备注" =>
            {
                Col::Basis
            }
            _ if l.starts_with("指标值") || l == "年度指标值" || l.ends_with("目标值") => {
                Col::Value
            }
            _ if l.contains("单位") && l.chars().count() <= 4 => Col::Unit,
            _ if l.starts_with("分值") || l.starts_with("权重") => Col::Weight,
            _ if l == "得分" => Col::Score,
            _ if l == "绩效指标描述" || l == "指标解释" => Col::Desc,
            _ if l.starts_with("二级指标") => Col::TwinLevel,
            _ => return None,
        })
    }
}

/// Why a text in none of the shapes this reader knows is refused: what it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No indicator header and no indicator names.
    NoTable,
    /// Indicator names but no values (the text stops at the header, or values stand apart).
    NoValues {
        /// The line of the indicator header.
        line: usize,
    },
    /// 二级 names followed by numbers only, no 三级 names.
    NoNames {
        /// The line.
        line: usize,
        /// What follows a 二级 name, as written.
        sample: String,
    },
    /// A whole table glued into one line with nothing between its cells.
    Glued {
        /// The line.
        line: usize,
        /// How many 二级 names it holds.
        rows: usize,
    },
}

impl Refusal {
    /// What the clerk reads.
    pub fn text(&self) -> ImportText {
        match self {
            Refusal::NoTable => ImportText::RefuseNoTable,
            Refusal::NoValues { line } => ImportText::RefuseNoValues { line: *line },
            Refusal::NoNames { line, sample } => ImportText::RefuseNoNames {
                line: *line,
                sample: sample.clone(),
            },
            Refusal::Glued { line, rows } => ImportText::RefuseGlued {
                line: *line,
                rows: *rows,
            },
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ':' => '：',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A label cell as the report names it: squeezed, without a required field's asterisk
/// (`*部门职能职责概述`, as a budget system exports it) or the colon after it.
fn bare_label(t: &str) -> String {
    let s = squeeze(t);
    s.trim_start_matches(['*', '＊'])
        .trim_end_matches('：')
        .to_string()
}

/// Labels of the form's upper part, longest first so a glued line splits at the right place.
const LABELS: [&str; 65] = [
    "实施单位(盖章)",
    "社会公众或服务对象满意度指标",
    "偏差原因分析及改进措施",
    "项目负责人及电话",
    "主管部门及代码",
    "主管部门及编码",
    "预算单位名称",
    "项目(专项)名称",
    "项目（专项）名称",
    "项目资金总额",
    "年度资金总额",
    "当年资金总额",
    "中期资金总额",
    "年度预算安排",
    "年度总体目标",
    "年度绩效目标",
    "项目年度目标",
    "项目总体目标",
    "项目主管部门",
    "项目执行单位",
    "二级项目名称",
    "一级项目名称",
    "其中：财政拨款",
    "财政拨款小计",
    "财政资金小计",
    "当年财政拨款",
    "本年财政拨款",
    "其中：财政资金",
    "当年其他资金",
    "项目起止时间",
    "项目经办人电话",
    "项目负责人电话",
    "年初设定目标",
    "项目总投资",
    "预算申报数",
    "全年预算数",
    "年初预算数",
    "项目名称",
    "专项名称",
    "主管部门",
    "实施单位",
    "预算单位",
    "申报单位",
    "部门名称",
    "部门编码",
    "单位名称",
    "单位信息",
    "资金总额",
    "资金额度",
    "预算金额",
    "项目金额",
    "申报金额",
    "上级资金",
    "财政拨款",
    "其他资金",
    "年度目标",
    "中期目标",
    "总体目标",
    "整体目标",
    "预期目标",
    "项目属性",
    "立项依据",
    "联系电话",
    "总额",
    "年度绩效总目标",
];

/// Header words split out of glued header lines.
const HEADER: [&str; 8] = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标内容",
    "年度指标值",
    "指标值",
    "项目期",
];

static YEAR_OF_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(20\d\d)\s*年度\s*[)）]|^[（(]\s*(20\d\d)\s*年度?\s*[)）]$").unwrap()
});
static ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d)\s*年").unwrap());
static MONEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[:：]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)?$").unwrap());
static INLINE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^【\s*([^】\-—－]+?)\s*[-—－]\s*([^】]+?)\s*】$").unwrap());
static INLINE_ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^指标\s*\d+\s*[:：]\s*(.+?)\s*[(（](.+)[)）]$").unwrap());
static PROJECT_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^【项目(概况|概述)】").unwrap());
/// A budget list's 单位编码 cell: digits without a decimal point (`037001`).
static UNIT_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{3,12}$").unwrap());
static BRACKET_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^【([^】\-—－]{2,20})】\s*[:：]?\s*(.*)$").unwrap());
static CODE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9A-Z]{12,})\s*[-—－]\s*(\S.*)$").unwrap());
static BRACKET_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\[【［]\s*(\d{3,6})\s*[\]】］]\s*(.*)$").unwrap());
static DASH_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{3,6})\s*[-—－]\s*(\S.*)$").unwrap());

/// Splits glued labels out of a cell: `项目主管部门青山区教育局项目执行单位化工区学校` →
/// `项目主管部门` `青山区教育局` `项目执行单位` `化工区学校`.
fn split_labels(cell: &str) -> Vec<String> {
    let words: Vec<&str> = LABELS.iter().chain(HEADER.iter()).copied().collect();
    let mut out = Vec::new();
    let mut rest = cell;
    let mut buf = String::new();
    'scan: while !rest.is_empty() {
        for w in &words {
            // A label spaced out for justification (`预 算 金 额`) is the label.
            if let Some(after) = vocab::strip_spaced_prefix(rest, w) {
                // `指标值` inside `年度指标值` or a word inside a longer name stays whole:
                // only split where the text before is not part of a longer label.
                if !buf.trim().is_empty() {
                    out.push(buf.trim().to_string());
                }
                buf.clear();
                out.push(w.to_string());
                rest = after;
                continue 'scan;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        buf.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    if !buf.trim().is_empty() {
        out.push(buf.trim().to_string());
    }
    out
}

/// True when a glued cell should be split at its labels: it starts with a label and is not
/// a long sentence that merely mentions one.
fn splits_at_labels(cell: &str) -> bool {
    let s = squeeze(cell);
    LABELS
        .iter()
        .chain(HEADER.iter())
        .any(|w| s.starts_with(&squeeze(w)))
        && !s.contains('。')
}

/// Cells of the whole text as one stream, labels and level words split out of glued cells
/// and words a line break cut in two put back.
fn tokens(lines: &[Line]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for l in lines {
        for c in &l.cells {
            let c = &c.trim_start_matches([':', '：']).trim().to_string();
            let pieces = if splits_at_labels(c) && Col::of(c).is_none() {
                split_labels(c)
            } else {
                vec![c.clone()]
            };
            for p in pieces {
                for q in vocab::split_levels(&p) {
                    let bare = q.trim_matches(|c: char| c == '：' || c == ':').trim();
                    // A page's own `发布时间:` keeps its colon: it ends a table it follows.
                    let q =
                        if page_field(&squeeze(&q)) && is_label(bare).is_none() && !is_header(bare)
                        {
                            q.trim().to_string()
                        } else {
                            bare.to_string()
                        };
                    if q.is_empty() {
                        continue;
                    }
                    out.push(Tok {
                        line: l.no,
                        text: q,
                    });
                }
            }
        }
    }
    // `项目完成` + `指标`, `一级` + `指标`, `主管部门` + `及编码` across a line break.
    let mut joined: Vec<Tok> = Vec::new();
    for t in out {
        if let Some(prev) = joined.last_mut()
            && prev.line != t.line
        {
            let both = format!("{}{}", prev.text, t.text);
            let short = t.text.chars().count() <= 4;
            if short
                && (cells::is_header_word(&both)
                    || (vocab::level(&both, false).is_some()
                        && vocab::level(&prev.text, false).is_none())
                    || (both.ends_with("指标")
                        && t.text == "指标"
                        && prev.text.chars().count() <= 6)
                    || LABELS.iter().any(|l| squeeze(l) == squeeze(&both)))
            {
                prev.text = both;
                continue;
            }
        }
        joined.push(t);
    }
    joined
}

/// Every label and header word the reader knows in the form's upper part and its table's
/// head: the import report counts them as structure wherever they stand, so a line the
/// reader read as a label is never listed as left out.
pub fn known_labels() -> impl Iterator<Item = &'static str> {
    LABELS.iter().chain(HEADER.iter()).copied()
}

fn is_label(t: &str) -> Option<&'static str> {
    let s = squeeze(t);
    let s = s.trim_start_matches('*');
    LABELS
        .iter()
        .copied()
        .find(|l| squeeze(l) == s || (l.chars().count() >= 5 && s.ends_with(&squeeze(l))))
}

fn is_header(t: &str) -> bool {
    let s = squeeze(t);
    cells::is_header_word(&s)
        || HEADER.contains(&s.as_str())
        || Col::of(&s).is_some_and(|c| c != Col::TwinLevel) && s.contains("指标")
}

/// A page element that ends the form: attachments, footers, the total score.
fn ends_form(t: &str) -> bool {
    let s = squeeze(t);
    [
        "附件",
        "扫一扫",
        "[下载]",
        "其他需要说明",
        "总分",
        "注：",
        "填表人",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        || vocab::is_page_furniture(t)
        || page_field(&s)
        || (s.contains("绩效") && (s.ends_with("绩效目标表") || s.ends_with("申报表")))
}

/// A page's `发布时间：…`, `信息来源：…` field, or the next form's title: after a table they end
/// it.
fn page_field(s: &str) -> bool {
    static F: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Han}{1,6}：").unwrap());
    F.is_match(s) && !s.starts_with("指标")
}

/// A `(50)`, `30分)` or `(50分)` annotation standing alone, or a `……` placeholder row.
fn is_filler(t: &str) -> bool {
    static A: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[(（]?\d+分?[)）]$|^[…\.。]+$|^[—\-/]$").unwrap());
    A.is_match(&squeeze(t))
}

/// The template's placeholder row: `……` or `...`.
fn is_placeholder(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() >= 2 && (t.chars().all(|c| c == '…') || t.chars().all(|c| c == '.'))
}

fn is_value_like(t: &str) -> bool {
    let a = vocab::ascii_digits(t);
    a.chars().any(|c| c.is_ascii_digit()) || vocab::split_glued(t).is_some()
}

/// What the reader found, before it becomes a draft.
#[derive(Debug, Default)]
struct Form {
    title: Option<(usize, String)>,
    year: Option<(usize, String)>,
    self_evaluation: bool,
    whole_department: bool,
    /// The lines of funds' sources summed into a total ([`total_of_sources`]): read, so not
    /// set aside.
    summed: Vec<usize>,
}

/// Reads a form of any county. Refuses, saying what is missing, a text in which no
/// indicator rows can be read.
pub fn read(text: &str, source: &str) -> Result<Draft, Refusal> {
    let mut d = Draft {
        schema: 1,
        ..Draft::default()
    };
    d.document.source = source.to_string();
    d.document.status = "未注明";
    let mut spacing = Vec::new();
    let lines = cells::lines(text, &mut spacing);
    let toks = tokens(&lines);
    let last_line = lines.last().map_or(0, |l| l.no);
    let mut form = Form::default();
    let raw: Vec<&str> = text.lines().collect();
    find_title(&toks, &raw, &mut form);
    // A self-evaluation: titled so, or its table has the columns of one.
    if form.self_evaluation
        || toks.iter().any(|t| {
            matches!(
                squeeze(&t.text).as_str(),
                "实际完成值" | "全年实际值" | "完成值" | "得分"
            )
        })
    {
        form.self_evaluation = true;
        d.self_evaluation = Some(if form.whole_department {
            Evaluation::Department
        } else {
            Evaluation::Project
        });
    }
    if let Some(r) = glued_table(&lines) {
        return Err(r);
    }
    let inline = toks.iter().any(|t| INLINE_HEAD.is_match(&t.text));
    let projects = if inline {
        inline_projects(&mut d, &toks)
    } else {
        let mut projects = Vec::new();
        for (n, seg) in segments(&toks).into_iter().enumerate() {
            let toks = &toks[seg];
            let start = table_start(toks).ok_or(Refusal::NoTable)?;
            let mut p = Project::default();
            info(&mut d, &mut form, &mut p, &toks[..start]);
            facts_set_aside(&mut d, &toks[..start], &form.summed);
            if d.self_evaluation.is_some() {
                let unit = match money_unit(&toks[..start]) {
                    Money::Wan => se::Unit::Wan,
                    Money::Yuan => se::Unit::Yuan,
                    Money::Unknown => se::Unit::Unknown,
                };
                se::funds(&toks[..start], &raw, unit, &mut p.evaluation);
                se::total(&toks[start..], &mut p.evaluation);
            }
            if p.code.is_none() {
                p.id = Some(format!("project-{}", n + 1));
            }
            let rows = indicators(&mut d, &form, &lines, &toks[start..]);
            if rows.is_empty() {
                let line = toks[start].line;
                let sample = toks[start..]
                    .iter()
                    .find(|t| vocab::level(&t.text, true).is_none() && is_value_like(&t.text))
                    .map(|t| t.text.clone());
                return Err(match sample {
                    Some(sample) => Refusal::NoNames { line, sample },
                    None => Refusal::NoValues { line },
                });
            }
            p.indicators = rows;
            projects.push(p);
        }
        if projects.len() > 1 {
            d.note(
                0,
                ImportText::ProjectTables {
                    count: projects.len(),
                },
            );
        }
        projects
    };
    d.notes.splice(0..0, spacing);
    if let Some((_, t)) = &form.title {
        d.document.title = Some(t.clone());
        if t.contains("自评") {
            form.self_evaluation = true;
        }
    }
    if form.self_evaluation {
        d.note(0, ImportText::SelfEvaluationForm);
    }
    d.projects = projects;
    published(&mut d, text);
    year(&mut d, &form, &toks);
    cut_off(&mut d, last_line);
    footnotes(&mut d, &toks);
    // The last row of a cut-off text: its missing cells are not blank, they are unknown.
    if d.incomplete.is_some()
        && let Some(r) = d
            .projects
            .last_mut()
            .and_then(|p| p.indicators.last_mut())
            .and_then(|i| i.result.as_mut())
    {
        for c in [&mut r.actual, &mut r.weight, &mut r.score, &mut r.reason] {
            if c.as_deref() == Some("") {
                *c = None;
            }
        }
    }
    super::recognize::department(&mut d);
    Ok(d)
}

/// Labels of the form's upper part whose value the model has no field for: the funds'
/// sources (一般公共预算, 政府性基金, 事业收入 …, or by level of government), the project's
/// term, dates, kind, legal basis (立项依据), who carries it out and answers for it, contact
/// telephone, a department's duties, and the 中期 amount beside the 年度 one.
const FACTS: [&str; 35] = [
    // The funds' sources, which the draft sums up as 财政资金 and 其他资金.
    "一般公共预算",
    "政府性基金",
    "国有资本经营预算",
    "财政专户管理资金",
    "自有资金小计",
    "事业收入",
    "经营性收入",
    "其他收入",
    // The same by the level of government that gives them (重庆's 附件2-1).
    "中央资金",
    "省级资金",
    "市级资金",
    "县级资金",
    "区级资金",
    "本级资金",
    "项目期",
    "立项依据",
    "项目概况及立项依据",
    "具体实施单位",
    "项目负责人",
    "联系人",
    // A department's own form (部门整体绩效目标): what it does, beside its goals.
    "部门职能职责概述",
    "职能职责概述",
    "联系电话",
    "联系人电话",
    "项目负责人电话",
    "项目经办人电话",
    "项目周期",
    "实施期限",
    "项目起止时间",
    "起止时间",
    "项目实施期",
    "项目属性",
    "项目类型",
    "项目类别",
    "中期资金总额",
];

/// The years a 中期目标 or 长期目标 header gives: `中期目标(2023年—2025年)`.
static TERM_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:中期|长期)目标)\s*[（(]\s*(\d{4}\s*年?\s*[—\-－–~～至到]+\s*\d{4}\s*年?)\s*[)）]$",
    )
    .unwrap()
});

/// Sets aside, with their values, the upper part's fields the model has no field for
/// ([`FACTS`]; the years of a 中期目标 header), so a figure among them is reported as read
/// and not imported rather than left out unseen.
fn facts_set_aside(d: &mut Draft, toks: &[Tok], summed: &[usize]) {
    static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|\d{1,2}[.．、])")
            .unwrap()
    });
    for (i, t) in toks.iter().enumerate() {
        let s = NUMBERING.replace(&bare_label(&t.text), "").to_string();
        let s = s.as_str();
        // `中期目标` and `(2023年—2025年)` split apart as a label and what follows it.
        let with_next = toks
            .get(i + 1)
            .filter(|n| n.line == t.line)
            .map(|n| format!("{}{}", t.text, n.text));
        let years = TERM_YEARS
            .captures(&t.text)
            .or_else(|| with_next.as_deref().and_then(|w| TERM_YEARS.captures(w)));
        if let Some(c) = years {
            d.set_aside(
                t.line,
                ImportText::FieldSetAside {
                    label: c[1].to_string(),
                    value: c[2].to_string(),
                },
            );
            continue;
        }
        // The supervising department's own code (`324-甘孜州…`, `[015]…`): the draft keeps
        // the department's name and its units' codes, not this one.
        if matches!(
            s,
            "主管部门" | "主管部门及代码" | "主管部门及编码" | "项目主管部门"
        ) && let Some(v) = toks.get(i + 1)
            && let Some(c) = BRACKET_CODE
                .captures(v.text.trim())
                .or_else(|| DASH_CODE.captures(v.text.trim()))
            && !d.department.units.iter().any(|u| u.code == c[1])
        {
            d.set_aside(
                v.line,
                ImportText::FieldSetAside {
                    label: format!("{s}的编码"),
                    value: c[1].to_string(),
                },
            );
            continue;
        }
        // `(2)立项依据:中标通知书…`: the label and its value in one cell.
        if let Some((label, value)) = s.split_once('：')
            && FACTS.contains(&label)
            && !value.is_empty()
        {
            let value = t.text.split_once([':', '：']).map_or("", |x| x.1).trim();
            d.set_aside(
                t.line,
                ImportText::FieldSetAside {
                    label: label.to_string(),
                    value: value.to_string(),
                },
            );
            continue;
        }
        if !FACTS.contains(&s) || summed.contains(&t.line) {
            continue;
        }
        let Some(v) = toks.get(i + 1) else {
            continue;
        };
        // A sentence field (立项依据) takes the rest of its line.
        let sentence = if s.ends_with("立项依据") {
            toks[i + 1..]
                .iter()
                .take_while(|u| u.line == v.line && is_label(&u.text).is_none())
                .map(|u| u.text.trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            v.text.trim().to_string()
        };
        let value = sentence.as_str();
        let vs = squeeze(value);
        // The next field's label, numbered (`4.其他资金`), is no value either.
        let unnumbered = NUMBERING.replace(vs.trim_end_matches('：'), "");
        // A short value, except the 立项依据, which is a sentence.
        if value.is_empty()
            || (value.chars().count() > 40 && !s.ends_with("立项依据"))
            || is_label(value).is_some()
            || is_label(&unnumbered).is_some()
            || is_header(value)
            || FACTS.contains(&unnumbered.as_ref())
        {
            continue;
        }
        d.set_aside(
            v.line,
            ImportText::FieldSetAside {
                label: s.to_string(),
                value: value.to_string(),
            },
        );
    }
}

/// The form's title: the first cell naming a 绩效…表 (or 绩效目标和指标), and its year. A
/// cell on a line of the web page around the form ([`vocab::is_page_furniture`]) gives no
/// title, unless the line is the page's 标题: `信息分类: 项目绩效目标` names the page's
/// category, not the form.
fn find_title(toks: &[Tok], raw: &[&str], form: &mut Form) {
    let page = |line: usize| {
        raw.get(line.wrapping_sub(1))
            .is_some_and(|l| vocab::is_page_furniture(l) && vocab::page_titles(l).is_empty())
    };
    for t in toks {
        let s = squeeze(&t.text);
        if s.contains("自评表") {
            form.self_evaluation = true;
        }
        if s.contains("绩效")
            && !page(t.line)
            && (s.ends_with('表')
                || s.ends_with("绩效目标和指标")
                || s.ends_with("绩效目标")
                || s.contains("绩效目标表"))
            && s.chars().count() <= 60
        {
            let exact =
                s.ends_with('表') || s.ends_with("绩效目标") || s.ends_with("绩效目标和指标");
            let had_exact = form.title.as_ref().is_some_and(|(_, t)| {
                let t = squeeze(t);
                t.ends_with('表') || t.ends_with("绩效目标") || t.ends_with("绩效目标和指标")
            });
            if form.title.is_none() || (exact && !had_exact) {
                form.title = Some((t.line, t.text.clone()));
            }
            if s.contains("整体") {
                form.whole_department = true;
            }
            if s.contains("自评") {
                form.self_evaluation = true;
            }
        }
        if form.year.is_none()
            && let Some(c) = YEAR_OF_FORM.captures(&t.text)
            && t.text.chars().count() <= 80
        {
            let y = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            form.year = Some((t.line, y.to_string()));
        }
    }
}

/// A line holding three or more 二级 names with nothing between the cells: a table glued
/// into one line, which cannot be split without guessing.
fn glued_table(lines: &[Line]) -> Option<Refusal> {
    static L2: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|满意度指标)").unwrap()
    });
    for l in lines {
        for c in &l.cells {
            let n = L2.find_iter(c).count();
            if n >= 4 {
                // Only numbers between the names: no 三级 names at all.
                let pieces: Vec<&str> = L2.split(c).skip(1).collect();
                let numbers_first = pieces
                    .iter()
                    .filter(|p| p.chars().take_while(|ch| ch.is_ascii_digit()).count() >= 3)
                    .count();
                let numbers_only = numbers_first * 2 > n;
                if numbers_only {
                    let sample = pieces
                        .first()
                        .map(|p| p.chars().take_while(|ch| ch.is_ascii_digit()).collect())
                        .unwrap_or_default();
                    return Some(Refusal::NoNames { line: l.no, sample });
                }
                return Some(Refusal::Glued {
                    line: l.no,
                    rows: n,
                });
            }
        }
    }
    None
}

/// The token ranges of the project tables: one per 项目名称 label, each beginning with the
/// title just above its label; the whole text when it names at most one project.
fn segments(toks: &[Tok]) -> Vec<std::ops::Range<usize>> {
    let names: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            matches!(
                is_label(&t.text),
                Some("项目名称" | "项目(专项)名称" | "项目（专项）名称" | "专项名称")
            )
        })
        .map(|(i, _)| i)
        .collect();
    // A second 项目名称 counts only when a table (a level name) lies between the two.
    let mut starts = vec![0];
    for w in names.windows(2) {
        let between = &toks[w[0]..w[1]];
        if between
            .iter()
            .any(|t| vocab::level(&t.text, false).is_some())
        {
            // Back up over the title and year lines just before the label.
            let mut s = w[1];
            while s > w[0]
                && toks[s - 1].line + 3 >= toks[w[1]].line
                && vocab::level(&toks[s - 1].text, false).is_none()
                && is_label(&toks[s - 1].text).is_none()
                && !is_value_like(&toks[s - 1].text)
                || s > w[0] && YEAR_OF_FORM.is_match(&toks[s - 1].text)
            {
                s -= 1;
            }
            starts.push(s);
        }
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(toks.len());
        out.push(s..e);
    }
    out
}

/// Where the indicator table starts: its header (一级指标 … or 二级指标 三级指标), else its
/// first level name after the form's upper part.
fn table_start(toks: &[Tok]) -> Option<usize> {
    let header = toks
        .iter()
        .position(|t| {
            let s = squeeze(&t.text);
            s == "一级指标" || s == "一级"
        })
        .map(|mut h| {
            // Spanning header cells before 一级指标 (年度指标值, 实际完成值, 分值…) belong to it.
            while h > 0 && (Col::of(&toks[h - 1].text).is_some() || is_header(&toks[h - 1].text)) {
                h -= 1;
            }
            h
        });
    let first_level = toks
        .iter()
        .position(|t| vocab::level(&t.text, false).is_some() && !is_label_context(&t.text));
    match (header, first_level) {
        (Some(h), Some(f)) => Some(h.min(f)),
        (h, f) => h.or(f),
    }
}

fn is_label_context(t: &str) -> bool {
    squeeze(t).chars().count() > 20
}

/// The upper part: name, department, amounts, goals.
fn info(d: &mut Draft, form: &mut Form, p: &mut Project, toks: &[Tok]) {
    let money_unit = money_unit(toks);
    let next_value = |i: usize| -> Option<&Tok> {
        toks.get(i + 1)
            .filter(|t| is_label(&t.text).is_none() && !is_header(&t.text))
    };
    // A line holding both 中期 and 年度 columns: the 年度 figure is the second on the line.
    let twin_lines: Vec<usize> = toks
        .iter()
        .filter(|t| squeeze(&t.text).starts_with("中期资金总额"))
        .map(|t| t.line)
        .collect();
    let mut goal_from = None;
    let mut seen_amount_label = None::<&str>;
    for (i, t) in toks.iter().enumerate() {
        let Some(label) = is_label(&t.text) else {
            continue;
        };
        d.structure.push(t.text.clone());
        let value = next_value(i);
        if d.self_evaluation.is_some()
            && let Some(v) = value
        {
            let e = &mut p.evaluation;
            let slot = match squeeze(label).as_str() {
                "主管部门" | "项目主管部门" | "主管部门及代码" | "主管部门及编码" => {
                    &mut e.supervisor
                }
                "实施单位" | "实施单位（盖章）" | "项目执行单位" => {
                    &mut e.implementer
                }
                "项目负责人及电话" => &mut e.manager,
                _ => &mut None,
            };
            if slot.is_none() {
                *slot = Some(v.text.trim().to_string());
            }
        }
        match squeeze(label).as_str() {
            "项目名称" | "项目（专项）名称" | "专项名称" | "二级项目名称" => {
                if p.name.is_empty()
                    && let Some(v) = value
                {
                    if let Some(c) = CODE_NAME.captures(&v.text) {
                        p.code = Some(c[1].to_string());
                        p.name = c[2].trim().to_string();
                        d.note(
                            v.line,
                            ImportText::CodeInNameCell {
                                code: c[1].to_string(),
                            },
                        );
                    } else {
                        p.name = v.text.clone();
                    }
                }
            }
            "主管部门"
            | "主管部门及代码"
            | "主管部门及编码"
            | "项目主管部门"
            | "部门名称"
            | "单位信息"
            | "预算单位名称"
            | "预算单位"
            | "申报单位"
            | "单位名称" => {
                if let Some(v) = value {
                    dept(d, label, v);
                }
            }
            "部门编码" => {
                if let Some(v) = value.filter(|v| vocab::is_number(&v.text)) {
                    d.department.units.push(Unit {
                        code: v.text.clone(),
                        name: String::new(),
                    });
                }
            }
            "年度资金总额" | "当年资金总额" | "项目资金总额" | "资金总额" | "年度预算安排"
            | "项目总投资" | "资金额度" | "预算金额" | "项目金额" | "申报金额" | "全年预算数"
            | "年初预算数" | "预算申报数" | "总额" => {
                let rank = |l: &str| {
                    [
                        "年度资金总额",
                        "当年资金总额",
                        "全年预算数",
                        "年初预算数",
                        "项目资金总额",
                        "资金总额",
                        "预算金额",
                        "申报金额",
                        "项目金额",
                        "年度预算安排",
                        "预算申报数",
                        "项目总投资",
                        "资金额度",
                        "总额",
                    ]
                    .iter()
                    .position(|x| *x == l)
                    .unwrap_or(99)
                };
                let better = seen_amount_label.is_none_or(|s| rank(label) < rank(s));
                // A self-evaluation's money is read by its funds table (selfeval.rs).
                if better
                    && d.self_evaluation.is_none()
                    && let Some((line, n, unit)) = amount_after(toks, i, money_unit)
                {
                    seen_amount_label = Some(label);
                    set_total(d, p, line, label, &n, unit);
                }
            }
            "其中：财政拨款"
            | "财政拨款"
            | "财政拨款小计"
            | "财政资金小计"
            | "当年财政拨款"
            | "本年财政拨款"
            | "其中：财政资金"
            | "上级资金" => {
                let j = if !twin_lines.is_empty() {
                    // the later label on the same line is the 年度 one
                    toks.iter()
                        .rposition(|u| u.line == t.line && is_label(&u.text) == Some(label))
                        .unwrap_or(i)
                } else {
                    i
                };
                // A self-evaluation's money is read by its funds table (selfeval.rs): there
                // only 万元 is taken here.
                if p.amounts.fiscal.is_none()
                    && let Some((line, n, unit)) = amount_after(toks, j, money_unit)
                    && (unit == Money::Wan || (unit == Money::Yuan && d.self_evaluation.is_none()))
                {
                    let n = match unit {
                        Money::Yuan => match from_yuan(d, p, line, label, &n) {
                            Some(wan) => wan,
                            None => continue,
                        },
                        _ => n,
                    };
                    if label == "上级资金" {
                        d.note(
                            line,
                            ImportText::UpperFundsAsFiscal {
                                amount: n.to_string(),
                            },
                        );
                    }
                    p.amounts.fiscal = Some(n);
                }
            }
            "其他资金" | "当年其他资金" => {
                let j = if !twin_lines.is_empty() {
                    toks.iter()
                        .rposition(|u| u.line == t.line && is_label(&u.text) == Some(label))
                        .unwrap_or(i)
                } else {
                    i
                };
                if p.amounts.other.is_none()
                    && let Some((line, n, unit)) = amount_after(toks, j, money_unit)
                    && (unit == Money::Wan || (unit == Money::Yuan && d.self_evaluation.is_none()))
                {
                    p.amounts.other = match unit {
                        Money::Yuan => from_yuan(d, p, line, label, &n),
                        _ => Some(n),
                    };
                }
            }
            "年度目标"
            | "年度绩效目标"
            | "年度绩效总目标"
            | "年度总体目标"
            | "项目年度目标"
            | "预期目标"
            | "年初设定目标"
            | "整体目标"
            | "总体目标"
            | "项目总体目标"
            | "中期目标" => {
                goal_from = match goal_from {
                    Some(g) if !label.contains("年度") => Some(g),
                    Some(g) => {
                        superseded_goals(d, &toks[g], &toks[g + 1..i]);
                        Some(i)
                    }
                    None => Some(i),
                };
            }
            _ => {}
        }
    }
    if let Some(g) = goal_from {
        goals(d, form, p, &toks[g + 1..]);
    }
    if p.name.is_empty() {
        if let Some((line, name, n)) = tree_project(toks).filter(|_| !form.whole_department) {
            d.note(
                line,
                ImportText::NameFromBudgetList {
                    amount: n.to_string(),
                    name: name.to_string(),
                },
            );
            if d.department.name.is_empty()
                && let Some(k) = toks.iter().position(|t| t.text == name)
                && k > 0
                && toks[k - 1].text.chars().count() >= 4
                && is_label(&toks[k - 1].text).is_none()
                && !is_header(&toks[k - 1].text)
                && !vocab::is_number(&toks[k - 1].text)
            {
                d.department.name = toks[k - 1].text.clone();
                d.note(
                    toks[k - 1].line,
                    ImportText::DepartmentFromBudgetList {
                        name: d.department.name.clone(),
                    },
                );
            }
            p.name = name;
            if p.amounts.total.is_none() {
                set_total(d, p, line, "金额", &n, money_unit);
            }
        } else if d.self_evaluation == Some(Evaluation::Department) && !d.department.name.is_empty()
        {
            p.name = d.department.name.clone();
            d.note(
                0,
                ImportText::WholeDepartmentSelfEval {
                    name: d.department.name.clone(),
                },
            );
        } else {
            let title = form
                .title
                .as_ref()
                .map(|t| t.1.clone())
                .unwrap_or_else(|| "绩效目标表".to_string());
            let line = form.title.as_ref().map_or(0, |t| t.0);
            d.note(
                line,
                ImportText::NameFromTitle {
                    title: title.to_string(),
                },
            );
            form.whole_department = true;
            p.name = title;
        }
    }
    if p.amounts.total.is_none() && d.self_evaluation.is_none() && money_unit == Money::Wan {
        form.summed = total_of_sources(d, p, toks);
    }
    if p.amounts.total.is_none() && p.notes.is_empty() && d.self_evaluation.is_none() {
        d.note(
            0,
            ImportText::NoBudgetFillIn {
                project: p.name.clone(),
            },
        );
    }
}

/// A funds block that writes no figure beside its 年度资金总额 but one for each source,
/// numbered as the sources at the top of the breakdown, the fiscal one first (四川's
/// 项目支出绩效目标申报表: `(一)财政拨款小计 4.00`, `(二)自有资金小计 0.00`, `(三)其他收入
/// 0.00`, each with its own `1、一般公共预算 …` beneath): the total is their sum and 其他资金
/// the sum of all but the first, said in a note naming each. Nothing is set unless every
/// numbered source has a figure in 万元 on its line. Returns the lines summed.
fn total_of_sources(d: &mut Draft, p: &mut Project, toks: &[Tok]) -> Vec<usize> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[（(][一二三四五六七八九十][)）]\S*(?:资金|拨款|收入)\S*$").unwrap()
    });
    let mut sources: Vec<(usize, String, rust_decimal::Decimal)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let s = squeeze(&t.text);
        if !SOURCE.is_match(&s) {
            continue;
        }
        let figure = amount_after(toks, i, Money::Wan)
            .filter(|(line, _, unit)| *line == t.line && *unit == Money::Wan)
            .and_then(|(_, n, _)| n.parse().ok());
        let Some(n) = figure else {
            return Vec::new();
        };
        sources.push((t.line, s.clone(), n));
    }
    let [(line, first, fiscal), rest @ ..] = sources.as_slice() else {
        return Vec::new();
    };
    if rest.is_empty() || !first.contains("财政") {
        return Vec::new();
    }
    let other: rust_decimal::Decimal = rest.iter().map(|s| s.2).sum();
    let total = fiscal + other;
    p.amounts.total = Some(total.to_string());
    p.amounts.fiscal.get_or_insert_with(|| fiscal.to_string());
    p.amounts.other.get_or_insert_with(|| other.to_string());
    let parts = sources
        .iter()
        .map(|(_, label, n)| format!("{label} {n}"))
        .collect();
    d.note(
        *line,
        ImportText::TotalOfSources {
            total: total.to_string(),
            parts,
        },
    );
    sources.iter().map(|s| s.0).collect()
}

/// The unit money is written in: a cell naming `(元)` or `单位：元` makes it 元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Money {
    Wan,
    Yuan,
    Unknown,
}

fn money_unit(toks: &[Tok]) -> Money {
    let mut wan = false;
    for t in toks {
        let s = squeeze(&t.text);
        if s.contains("（元）") || s.contains("单位：元") || s == "元" {
            return Money::Yuan;
        }
        if s.contains("万元") {
            wan = true;
        }
    }
    if wan { Money::Wan } else { Money::Unknown }
}

/// The first amount after the label at `i` (in the label's own cell or the next cells on
/// its line or the next line).
fn amount_after(toks: &[Tok], i: usize, unit: Money) -> Option<(usize, String, Money)> {
    let label_line = toks[i].line;
    for t in toks.iter().skip(i + 1).take(3) {
        if t.line > label_line + 2 || is_label(&t.text).is_some() {
            return None;
        }
        if let Some(c) = MONEY.captures(&vocab::ascii_digits(&t.text)) {
            let n = c[1].replace(',', "");
            let u = match c.get(2).map(|m| m.as_str()) {
                Some("万元" | "万") => Money::Wan,
                Some("元") => Money::Yuan,
                _ => unit,
            };
            return Some((t.line, n, u));
        }
    }
    None
}

fn set_total(d: &mut Draft, p: &mut Project, line: usize, label: &str, n: &str, unit: Money) {
    let unit = match unit {
        Money::Wan => {
            p.amounts.total = Some(n.to_string());
            return;
        }
        Money::Yuan => {
            if let Some(wan) = from_yuan(d, p, line, label, n) {
                p.amounts.total = Some(wan);
                return;
            }
            UnconvertedUnit::Yuan
        }
        Money::Unknown => UnconvertedUnit::Unstated,
    };
    let amount = AmountAsWritten {
        label: label.to_string(),
        amount: n.to_string(),
        unit,
    };
    p.notes.push(DraftNote::AmountUnconverted(amount.clone()));
    d.note(line, ImportText::AmountUnconverted(amount));
}

/// An amount the form writes in 元 (`1,205,000.00`, commas taken out: `1205000.00`), as
/// 万元 exactly (`120.5`), said in the report at its line and in the project's notes; the
/// text as written stands in the draft for the report's accounting. None when `n` is no
/// number.
pub(super) fn from_yuan(
    d: &mut Draft,
    p: &mut Project,
    line: usize,
    label: &str,
    n: &str,
) -> Option<String> {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let yuan = Decimal::from_str(n).ok()?;
    let wan = (yuan / Decimal::from(10_000)).normalize().to_string();
    d.note(
        line,
        ImportText::AmountFromYuan {
            label: label.to_string(),
            yuan: n.to_string(),
            wan: wan.clone(),
        },
    );
    let pair = (n.to_string(), wan.clone());
    match p.notes.last_mut() {
        Some(DraftNote::ConvertedFromYuan { amounts }) => amounts.push(pair),
        _ => p.notes.push(DraftNote::ConvertedFromYuan {
            amounts: vec![pair],
        }),
    }
    // As written: with or without thousands separators (`1,205,000.00`).
    let (int, frac) = n.split_once('.').map_or((n, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac {
        grouped = format!("{grouped}.{f}");
    }
    for written in [n.to_string(), grouped] {
        p.evaluation.converted.push(format!("{written}元"));
        p.evaluation.converted.push(written);
    }
    Some(wan)
}

/// The department (and its code) from a 主管部门-like cell: `[015001]武汉市青山区教育局`,
/// `324-甘孜州市场监督管理部门`, `324001-甘孜藏族自治州市场监督管理局机关`.
fn dept(d: &mut Draft, label: &str, v: &Tok) {
    let text = v.text.trim();
    let (code, name) = if let Some(c) = BRACKET_CODE.captures(text) {
        (Some(c[1].to_string()), c[2].trim().to_string())
    } else if let Some(c) = DASH_CODE.captures(text) {
        (Some(c[1].to_string()), c[2].trim().to_string())
    } else {
        (None, text.to_string())
    };
    let main = matches!(
        label,
        "主管部门" | "主管部门及代码" | "主管部门及编码" | "项目主管部门" | "部门名称"
    );
    if let Some(code) = &code
        && !d.department.units.iter().any(|u| &u.code == code)
        && (code.len() == 6 || d.department.units.is_empty())
    {
        d.department.units.retain(|u| !u.name.is_empty());
        d.department.units.push(Unit {
            code: code.clone(),
            name: name.clone(),
        });
    }
    if let Some(u) = d.department.units.iter_mut().find(|u| u.name.is_empty()) {
        u.name = name.clone();
    }
    if (main || d.department.name.is_empty()) && !name.is_empty() {
        d.department.name = name;
    }
}

/// A budget list laid out as a tree: the last name followed by an amount before the table.
fn tree_project(toks: &[Tok]) -> Option<(usize, String, String)> {
    let mut found = None;
    for w in toks.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if MONEY.is_match(&b.text)
            && vocab::is_number(&b.text.replace(',', ""))
            && b.text.len() <= 10
            && a.line != b.line
            && !a.text.ends_with(['：', ':'])
            && !a.text.contains('%')
            && !vocab::is_number(&a.text)
            && is_label(&a.text).is_none()
            && !is_header(&a.text)
            && a.text.chars().count() >= 4
        {
            found = Some((a.line, a.text.clone(), b.text.replace(',', "")));
        }
    }
    found
}

/// The text under a goal label (`项目总体目标`) that a later 年度 one (`项目年度目标`) takes
/// the place of, up to it: the draft's goals are the year's, so each of its sentences is set
/// aside under its label, for the clerk to see where it went.
fn superseded_goals(d: &mut Draft, label: &Tok, between: &[Tok]) {
    let texts = between
        .iter()
        .take_while(|t| is_label(&t.text).is_none() && !is_header(&t.text))
        .filter(|t| {
            let s = squeeze(&t.text);
            s.chars().count() >= 8 && !vocab::is_number(&s)
        });
    for t in texts {
        d.set_aside(
            t.line,
            ImportText::GoalSetAside {
                label: bare_label(&label.text),
                text: t.text.trim().to_string(),
            },
        );
    }
}

/// Goal texts after a goal label: sentences (not labels, not numbers), until the table.
fn goals(d: &mut Draft, form: &mut Form, p: &mut Project, toks: &[Tok]) {
    static SECTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+[.、]|分[)）]$|^预算|[(（]万元[)）]$").unwrap());
    let mut seen: Vec<String> = Vec::new();
    let mut all: Vec<&Tok> = Vec::new();
    let mut actual_label = false;
    for t in toks {
        let s = squeeze(&t.text);
        if is_label(&t.text).is_some() || is_header(&t.text) {
            if s.contains("目标") || s.contains("完成情况") {
                actual_label |= s.contains("完成情况");
                continue;
            }
            break;
        }
        if s.contains("完成情况") || s == "预期目标" {
            actual_label |= s.contains("完成情况");
            continue;
        }
        if SECTION.is_match(&s) && s.chars().count() <= 20 {
            break;
        }
        if vocab::level(&t.text, false).is_some() {
            break;
        }
        if s.chars().count() < 8 || vocab::is_number(&s) {
            continue;
        }
        all.push(t);
    }
    // A self-evaluation gives the goals, then what was achieved: the second half is set aside.
    let keep = if form.self_evaluation && actual_label {
        all.len().div_ceil(2)
    } else {
        all.len()
    };
    for (k, t) in all.into_iter().enumerate() {
        let s = squeeze(&t.text);
        if k >= keep && d.self_evaluation.is_some() {
            // What was achieved, as written, even when it repeats the goal word for word.
            p.evaluation.achieved.push(t.text.clone());
            continue;
        }
        if k >= keep {
            if !seen.iter().any(|g| squeeze(g) == s) {
                d.set_aside(
                    t.line,
                    ImportText::AchievedSetAside {
                        text: t.text.clone(),
                    },
                );
            } else {
                d.structure.push(t.text.clone());
            }
            continue;
        }
        if seen.iter().any(|g| squeeze(g) == s) {
            d.set_aside(
                t.line,
                ImportText::RepeatedGoal {
                    self_evaluation: form.self_evaluation,
                    text: t.text.clone(),
                },
            );
            continue;
        }
        seen.push(t.text.clone());
    }
    p.goals = seen;
}

/// The header's columns after the 三级 name (or 指标内容), in order. A header whose spanning
/// cells stand before 一级指标 (a self-evaluation's 年度指标值 over 指标性质/指标值/度量单位)
/// has the sub-columns put in its place.
fn columns(header: &[Tok]) -> Vec<Col> {
    let labels: Vec<String> = header.iter().map(|t| squeeze(&t.text)).collect();
    let first = labels.iter().position(|l| l == "一级指标" || l == "一级");
    let name_at = labels
        .iter()
        .position(|l| Col::of(l) == Some(Col::Name))
        .or_else(|| labels.iter().position(|l| l.starts_with("二级指标")));
    let Some(name_at) = name_at else {
        return vec![Col::Value];
    };
    let mut post: Vec<Col> = Vec::new();
    let mut seen_value = false;
    for l in &labels[name_at + 1..] {
        let Some(c) = Col::of(l) else { continue };
        let c = match c {
            Col::TwinLevel => Col::TwinLevel,
            Col::Name if seen_value => Col::TwinName,
            Col::Value if seen_value && post.contains(&Col::TwinLevel) => Col::TwinValue,
            c => c,
        };
        if c == Col::Value {
            seen_value = true;
        }
        post.push(c);
    }
    let pre: Vec<Col> = first
        .map(|f| labels[..f].iter().filter_map(|l| Col::of(l)).collect())
        .unwrap_or_default();
    if pre.contains(&Col::Value) {
        let mut out = Vec::new();
        for c in pre {
            if c == Col::Value {
                out.extend(post.iter().copied());
            } else if !out.contains(&c) {
                out.push(c);
            }
        }
        if !out.contains(&Col::Value) {
            out.push(Col::Value);
        }
        out
    } else if post.contains(&Col::Value) {
        post
    } else {
        let mut p = post;
        p.insert(0, Col::Value);
        p
    }
}

/// A partly read indicator row.
#[derive(Debug, Default, Clone)]
struct Row {
    line: usize,
    name: Vec<String>,
    cells: Vec<(Col, Tok)>,
}

impl Row {
    fn has(&self, c: Col) -> bool {
        self.cells.iter().any(|x| x.0 == c)
    }
    fn last_col(&self) -> Option<Col> {
        self.cells.last().map(|x| x.0)
    }
}

/// Whether a cell may stand in a column, given what the row holds so far.
fn fits(col: Col, t: &str, row: &Row, cols: &[Col], stream: bool) -> bool {
    let value_pos = cols.iter().position(|c| *c == Col::Value);
    let here = cols.iter().position(|c| *c == col);
    match col {
        Col::Name | Col::TwinName => !vocab::is_number(t),
        Col::Symbol => vocab::is_operator(t) || matches!(t.trim(), "定量" | "定性"),
        Col::Value | Col::TwinValue => true,
        Col::Unit => {
            vocab::is_unit(t)
                && (row
                    .cells
                    .iter()
                    .any(|(c, v)| *c == Col::Value && vocab::is_number(&v.text))
                    || (here < value_pos && !row.has(Col::Value)))
        }
        Col::Actual => true,
        Col::Weight | Col::Score => vocab::is_number(t) || matches!(t.trim(), "/" | "—" | "-"),
        Col::Reason | Col::Basis | Col::Desc => !stream,
        Col::TwinLevel => vocab::level(t, true).is_some(),
    }
}

/// Places cells in the columns, left to right: each cell in the first column after the last
/// used one that it fits. Returns the cells that did not fit.
fn place(row: &mut Row, toks: &[Tok], cols: &[Col], stream: bool) -> Vec<Tok> {
    let mut rest = Vec::new();
    let mut next = row
        .last_col()
        .and_then(|c| cols.iter().position(|x| *x == c))
        .map_or(0, |p| p + 1);
    for (k, t) in toks.iter().enumerate() {
        let remaining = toks.len() - k;
        let mut placed = false;
        while next < cols.len() {
            let c = cols[next];
            // Keep enough columns for the cells still to come: a required value is never
            // skipped while cells remain.
            if fits(c, &t.text, row, cols, stream)
                && !(c != Col::Value
                    && !row.has(Col::Value)
                    && cols[next + 1..].contains(&Col::Value)
                    && remaining == 1
                    && c != Col::Symbol
                    && c != Col::Unit)
            {
                row.cells.push((c, t.clone()));
                next += 1;
                placed = true;
                break;
            }
            next += 1;
        }
        if !placed {
            rest.push(t.clone());
        }
    }
    rest
}

/// Reads the indicator rows from the header (or first level name) on.
fn indicators(d: &mut Draft, form: &Form, lines: &[Line], toks: &[Tok]) -> Vec<Indicator> {
    // The header: from its start to the first level name.
    let body_at = toks
        .iter()
        .position(|t| vocab::level(&t.text, false).is_some() && !is_header(&t.text))
        .unwrap_or(toks.len());
    let header = &toks[..body_at];
    for t in header {
        d.structure.push(t.text.clone());
    }
    let cols = columns(header);
    let self_eval =
        form.self_evaluation || cols.contains(&Col::Actual) || cols.contains(&Col::Score);
    let body = &toks[body_at..];
    // One cell per line: rows are read from the stream; otherwise one row per line.
    let last = body.last().map_or(0, |t| t.line);
    let body_lines: Vec<&Line> = lines
        .iter()
        .filter(|l| body.first().is_some_and(|t| l.no >= t.line) && l.no <= last)
        .collect();
    let single = body_lines.iter().filter(|l| l.cells.len() == 1).count();
    let glued = body_lines
        .iter()
        .filter(|l| {
            l.cells.len() == 1
                && vocab::split_levels(&l.cells[0]).last().is_some_and(|c| {
                    vocab::split_glued(c).is_some() && vocab::level(c, true).is_none()
                })
        })
        .count();
    let stream = single * 10 >= body_lines.len() * 6 && glued * 2 < single;
    let mut rows: Vec<(Option<String>, Option<String>, Row)> = Vec::new();
    let (mut l1, mut l2): (Option<String>, Option<String>) = (None, None);
    let mut pending: Option<Row> = None;
    let mut i = 0;
    let push = |rows: &mut Vec<(Option<String>, Option<String>, Row)>,
                l1: &Option<String>,
                l2: &Option<String>,
                r: Row| {
        rows.push((l1.clone(), l2.clone(), r));
    };
    while i < body.len() {
        let t = &body[i];
        if ends_form(&t.text) {
            break;
        }
        // Level names.
        // An ambiguous name (满意度指标, 成本指标) is a 一级 only when a different level name
        // follows it and no 一级 stands just before it.
        let next_is_level = body
            .get(i + 1)
            .is_some_and(|n| vocab::level(&n.text, true).is_some())
            && !(i > 0 && matches!(vocab::level(&body[i - 1].text, false), Some(Level::One(..))));
        if let Some(level) = vocab::level(&t.text, !next_is_level) {
            if let Some(r) = pending.take() {
                push(&mut rows, &l1, &l2, r);
            }
            match level {
                Level::One(n, _) => {
                    l1 = Some(n);
                    l2 = None;
                }
                Level::Two(n, f) => {
                    if l1.is_none() {
                        l1 = Some(vocab::level1_of(f).to_string());
                        d.note(
                            t.line,
                            ImportText::Level1Inferred {
                                level2: n.to_string(),
                                level1: vocab::level1_of(f).to_string(),
                            },
                        );
                    }
                    l2 = Some(n);
                }
            }
            d.structure.push(t.text.clone());
            i += 1;
            continue;
        }
        // A self-evaluation's `……` row (the template's placeholder) is a row of the
        // published table: kept as written, with nothing else in it.
        if self_eval && is_placeholder(&t.text) {
            if let Some(r) = pending.take() {
                push(&mut rows, &l1, &l2, r);
            }
            let r = Row {
                line: t.line,
                name: vec![t.text.trim().to_string()],
                ..Row::default()
            };
            push(&mut rows, &l1, &l2, r);
            i += 1;
            continue;
        }
        if is_filler(&t.text) || is_header(&t.text) {
            d.structure.push(t.text.clone());
            i += 1;
            continue;
        }
        if stream {
            // A row: its name, then cells while they fit the columns.
            let mut r = Row {
                line: t.line,
                name: vec![t.text.clone()],
                ..Row::default()
            };
            i += 1;
            let mut next = 0;
            while i < body.len() && next < cols.len() {
                let u = &body[i];
                // A level name ends the row, unless it repeats the row's own 二级 in the
                // second set of columns.
                let repeats = cols[next] == Col::TwinLevel
                    && l2
                        .as_deref()
                        .is_some_and(|l| vocab::bare(l) == vocab::bare(&u.text));
                if vocab::level(&u.text, true).is_some() && !repeats || ends_form(&u.text) {
                    break;
                }
                let c = cols[next];
                let required = c == Col::Value;
                if required || fits(c, &u.text, &r, &cols, true) {
                    if required && is_filler(&u.text) {
                        break;
                    }
                    r.cells.push((c, u.clone()));
                    i += 1;
                }
                next += 1;
            }
            push(&mut rows, &l1, &l2, r);
            continue;
        }
        // One row per line: every cell of this line from here.
        let line = t.line;
        let mut cells_here: Vec<Tok> = Vec::new();
        while i < body.len() && body[i].line == line {
            let u = &body[i];
            if ends_form(&u.text) {
                break;
            }
            if cells_here.is_empty() && vocab::level(&u.text, true).is_some() {
                break;
            }
            if is_filler(&u.text) && cells_here.is_empty() {
                d.structure.push(u.text.clone());
                i += 1;
                continue;
            }
            cells_here.push(u.clone());
            i += 1;
        }
        if cells_here.is_empty() {
            continue;
        }
        // A row still waiting for its value takes this line's cells.
        if let Some(mut r) = pending.take() {
            let rest = place(&mut r, &cells_here, &cols, false);
            if rest.is_empty() {
                if r.has(Col::Value) && (!self_eval || r.has(Col::Actual)) {
                    push(&mut rows, &l1, &l2, r);
                } else {
                    pending = Some(r);
                }
                continue;
            }
            push(&mut rows, &l1, &l2, r);
        }
        // A line that only completes the row above (its weight, its actual value).
        if let Some((_, _, prev)) = rows.last_mut()
            && prev.has(Col::Value)
            && !cells_here.is_empty()
        {
            let mut trial = prev.clone();
            let rest = place(&mut trial, &cells_here, &cols, false);
            let completes = rest.is_empty()
                && cells_here.iter().all(|c| {
                    vocab::is_number(&c.text)
                        || (self_eval && !trial.has(Col::Score))
                        || !prev.has(Col::Actual) && self_eval
                });
            if completes
                && cells_here.len() < 4
                && cells_here.iter().any(|c| vocab::is_number(&c.text))
            {
                *prev = trial;
                continue;
            }
        }
        let mut r = Row {
            line,
            ..Row::default()
        };
        let mut cs = cells_here;
        if cs.len() == 1
            && let Some((name, value)) = vocab::split_glued(&cs[0].text)
        {
            {
                d.note(
                    line,
                    ImportText::NameValueJoined {
                        cell: cs[0].text.clone(),
                        name: name.to_string(),
                        value: value.to_string(),
                    },
                );
                let l = cs[0].line;
                cs = vec![
                    Tok {
                        line: l,
                        text: name,
                    },
                    Tok {
                        line: l,
                        text: value,
                    },
                ];
            }
        }
        r.name.push(cs[0].text.clone());
        let rest = place(&mut r, &cs[1..], &cols, false);
        if !rest.is_empty() {
            // More cells than columns: with spaces as the separator, the name held spaces.
            let mut r2 = Row {
                line,
                ..Row::default()
            };
            let n = cs.len();
            // Try names of 2, 3… cells.
            let mut done = false;
            for k in 2..n {
                let mut trial = Row {
                    line,
                    name: cs[..k].iter().map(|t| t.text.clone()).collect(),
                    ..Row::default()
                };
                if place(&mut trial, &cs[k..], &cols, false).is_empty() && trial.has(Col::Value) {
                    r2 = trial;
                    done = true;
                    break;
                }
            }
            if done {
                r = r2;
            } else {
                d.note(
                    line,
                    ImportText::ExtraCells {
                        cells: rest
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" / "),
                    },
                );
            }
        }
        if r.has(Col::Value) {
            push(&mut rows, &l1, &l2, r);
        } else {
            pending = Some(r);
        }
    }
    if let Some(r) = pending.take() {
        push(&mut rows, &l1, &l2, r);
    }
    // A text cut inside a level name (`满意` of 满意度指标, `生态` of 生态效益指标) ends with
    // that piece alone: it is no indicator.
    if let Some((_, _, r)) = rows.last()
        && !r.has(Col::Value)
        && r.name.len() == 1
        && vocab::is_level_prefix(&r.name[0])
    {
        d.note(
            r.line,
            ImportText::CutAtNextName {
                name: r.name[0].clone(),
            },
        );
        rows.pop();
    }
    rows.into_iter()
        .filter(|(_, _, r)| {
            !r.cells
                .iter()
                .any(|(c, t)| *c == Col::Value && is_header(&t.text))
        })
        .map(|(l1, l2, r)| indicator(d, l1, l2, r, self_eval.then_some(&cols[..])))
        .collect()
}

/// One row as a draft indicator: the published value is the sign, the number and the unit
/// together when the form gives them apart (`≥` `735` `人次` → `≥735人次`).
fn indicator(
    d: &mut Draft,
    l1: Option<String>,
    l2: Option<String>,
    r: Row,
    self_eval: Option<&[Col]>,
) -> Indicator {
    let get = |c: Col| r.cells.iter().find(|x| x.0 == c).map(|x| x.1.text.clone());
    let mut ind = Indicator {
        level1: l1,
        level2: l2,
        name: Some(r.name.join(" ")).filter(|s| !s.is_empty()),
        ..Indicator::default()
    };
    let symbol = get(Col::Symbol);
    let unit = get(Col::Unit);
    let value = get(Col::Value);
    if let Some(v) = &value {
        let sym = symbol
            .as_deref()
            .filter(|s| vocab::is_operator(s))
            .unwrap_or("");
        let u = unit.as_deref().unwrap_or("");
        ind.value = Some(format!("{sym}{v}{u}"));
        for ch in format!("{sym}{v}").chars() {
            if let Some(to) = vocab::look_alike(ch) {
                d.note(
                    r.line,
                    ImportText::ComparisonRead {
                        symbol: ch.to_string(),
                        read: to.to_string(),
                    },
                );
            }
        }
    }
    if let Some(s) = &symbol {
        if matches!(s.as_str(), "定量" | "定性") {
            ind.value_type = Some(s.clone());
        } else {
            ind.symbol = Some(s.clone());
        }
    }
    ind.unit = unit;
    ind.basis = get(Col::Basis);
    ind.description = get(Col::Desc);
    if let Some(w) = get(Col::Weight).filter(|w| vocab::is_number(w)) {
        ind.weight = Some(w);
    }
    if let Some(name) = &ind.name
        && name.contains("**")
        && name.chars().any(|c| "≥≤<>=".contains(c))
    {
        d.note(
            r.line,
            ImportText::TemplateComparison {
                name: name.to_string(),
            },
        );
    }
    let placeholder = r.cells.is_empty() && r.name.len() == 1 && is_placeholder(&r.name[0]);
    if let Some(cols) = self_eval.filter(|_| !placeholder) {
        // A column of the form with no cell in this row is a blank cell.
        let cell = |c: Col| {
            cols.contains(&c)
                .then(|| get(c).unwrap_or_default().trim().to_string())
        };
        ind.result = Some(RowResult {
            actual: cell(Col::Actual),
            weight: cell(Col::Weight),
            score: cell(Col::Score),
            reason: cell(Col::Reason),
        });
    }
    let mut aside = Vec::new();
    for (c, t) in &r.cells {
        let what = match c {
            Col::Actual | Col::Score | Col::Reason if self_eval.is_some() => continue,
            Col::Actual => AsideColumn::Actual,
            Col::Score => AsideColumn::Score,
            Col::Reason => AsideColumn::Reason,
            Col::TwinValue => AsideColumn::TwinValue,
            Col::TwinName => AsideColumn::TwinName,
            _ => continue,
        };
        if matches!(c, Col::TwinName | Col::TwinValue)
            && (Some(&t.text) == ind.name.as_ref() || value.as_ref() == Some(&t.text))
        {
            d.structure.push(t.text.clone());
            continue;
        }
        aside.push((what, t.text.clone()));
    }
    if !aside.is_empty() {
        d.set_aside(
            r.line,
            ImportText::CellsSetAside {
                name: ind.name.clone().unwrap_or_default(),
                cells: aside,
            },
        );
    }
    ind
}

/// The inline style: `【产出指标-数量指标】` then `指标1：名称（≥200次）`, each project opened
/// by `【项目概况】` after its row in a budget list (`[单位编码或单位名称] 项目名称 金额`).
/// What such a list holds besides the projects is set aside with its values, not left out:
/// the overview and the other `【…】` fields of a project (the model has no place for them),
/// the unit column before a project's name, and the list's total and subtotal rows.
fn inline_projects(d: &mut Draft, toks: &[Tok]) -> Vec<Project> {
    let unit = money_unit(toks);
    let mut out: Vec<Project> = Vec::new();
    // The tokens a project took (its row, its fields); the rest of a budget list is set aside.
    let mut taken = vec![false; toks.len()];
    let (mut l1, mut l2) = (None::<String>, None::<String>);
    let mut goal_next = false;
    for (i, t) in toks.iter().enumerate() {
        if let Some(open) = PROJECT_OPEN.find(t.text.trim()) {
            taken[i] = true;
            let mut p = Project::default();
            // The amount and the name just before, and the unit column before the name.
            let back: Vec<usize> = (0..i).rev().take(4).collect();
            if let Some(k) = back
                .iter()
                .position(|&b| vocab::is_number(&toks[b].text.replace(',', "")))
            {
                let a = back[k];
                taken[a] = true;
                let amount = toks[a].text.replace(',', "");
                if let Some(&n) = back
                    .get(k + 1)
                    .filter(|&&b| !vocab::is_number(&toks[b].text))
                {
                    p.name = toks[n].text.clone();
                    taken[n] = true;
                    if let Some(&c) = back.get(k + 2)
                        && let Some(label) = unit_column(&toks[c], &toks[n])
                    {
                        taken[c] = true;
                        d.set_aside(
                            toks[c].line,
                            ImportText::FieldSetAside {
                                label: label.to_string(),
                                value: toks[c].text.trim().to_string(),
                            },
                        );
                    }
                }
                set_total(d, &mut p, toks[a].line, "年度预算安排", &amount, unit);
            }
            if p.name.is_empty() {
                p.name = format!("第{}个项目", out.len() + 1);
                d.note(t.line, ImportText::NoNameBeforeOverview);
            }
            p.id = Some(format!("project-{}", out.len() + 1));
            d.structure.push("【项目概况】".into());
            d.structure.push("【项目概述】".into());
            // The overview after its label: the model has no field for it.
            let label = open.as_str().trim_matches(['【', '】']);
            let overview = t.text.trim()[open.end()..]
                .trim_start_matches([':', '：'])
                .trim();
            if !overview.is_empty() {
                d.set_aside(
                    t.line,
                    ImportText::FieldSetAside {
                        label: label.to_string(),
                        value: overview.to_string(),
                    },
                );
            }
            out.push(p);
            continue;
        }
        let Some(p) = out.last_mut() else { continue };
        let s = squeeze(&t.text);
        if s.starts_with("【总体目标】") {
            taken[i] = true;
            d.structure.push("【总体目标】".into());
            let rest = s
                .trim_start_matches("【总体目标】")
                .trim_start_matches('：');
            if rest.is_empty() {
                goal_next = true;
            } else {
                p.goals.push(
                    t.text
                        .trim()
                        .trim_start_matches("【总体目标】")
                        .trim()
                        .to_string(),
                );
            }
            continue;
        }
        if goal_next {
            taken[i] = true;
            p.goals.push(t.text.clone());
            goal_next = false;
            continue;
        }
        if let Some(c) = INLINE_HEAD.captures(&t.text) {
            taken[i] = true;
            let a = c[1].to_string();
            let b = c[2].to_string();
            let one = vocab::level(&a, false);
            let two = vocab::level(&b, true);
            l1 = Some(match one {
                Some(Level::One(n, _)) => n,
                _ => a.clone(),
            });
            l2 = Some(match two {
                Some(Level::Two(n, _)) => n,
                _ => {
                    // 【产出-数量指标】: the 一级 written short.
                    b.clone()
                }
            });
            if !a.ends_with("指标") {
                l1 = Some(format!("{a}指标"));
                d.note(
                    t.line,
                    ImportText::Level1Short {
                        written: a.to_string(),
                    },
                );
            }
            d.structure.push(t.text.clone());
            continue;
        }
        if let Some(c) = INLINE_ROW.captures(&t.text) {
            taken[i] = true;
            p.indicators.push(Indicator {
                level1: l1.clone(),
                level2: l2.clone(),
                name: Some(c[1].trim().to_string()),
                value: Some(c[2].trim().to_string()),
                ..Indicator::default()
            });
            continue;
        }
        // `【立项依据】:…`, `【项目资金申报测算标准】:…`: a field the model has no place for.
        if let Some(c) = BRACKET_FIELD.captures(t.text.trim()) {
            taken[i] = true;
            d.structure.push(format!("【{}】", &c[1]));
            if !c[2].trim().is_empty() {
                d.set_aside(
                    t.line,
                    ImportText::FieldSetAside {
                        label: c[1].to_string(),
                        value: c[2].trim().to_string(),
                    },
                );
            }
        }
    }
    budget_rows(d, toks, &mut taken);
    out
}

/// The budget list's column before a project's name, if `before` is one: the unit's code
/// (`037001`, digits without a decimal point) or, on the name's own line, the unit's name.
fn unit_column(before: &Tok, name: &Tok) -> Option<&'static str> {
    let text = before.text.trim();
    if UNIT_CODE.is_match(text) {
        Some("单位编码")
    } else if before.line == name.line
        && !text.starts_with('【')
        && !vocab::is_number(text)
        && !is_header(text)
    {
        Some("单位名称")
    } else {
        None
    }
}

/// The rows of a budget list that are no project's (合计, a unit's or a kind's subtotal:
/// `黄山市公安局 92156434`, `037001 黄山市公安局 27955180`, `其他运转类 1681680`): each amount
/// after the list's header that no project took, with the name (and code) before it, set aside.
fn budget_rows(d: &mut Draft, toks: &[Tok], taken: &mut [bool]) {
    let Some(start) = toks
        .iter()
        .position(|t| squeeze(&t.text).contains("预算安排"))
    else {
        return;
    };
    let free = |j: usize, taken: &[bool]| j > start && !taken[j];
    for j in start + 1..toks.len() {
        let text = toks[j].text.trim();
        if taken[j] || !vocab::is_number(&text.replace(',', "")) {
            continue;
        }
        // A code opens its row (nothing but a number, a heading or a taken cell before it, a
        // name after it): it is read with the row's amount, after the name.
        let opens_row = UNIT_CODE.is_match(text)
            && toks.get(j + 1).is_some_and(|n| !vocab::is_number(&n.text))
            && (!free(j - 1, taken)
                || vocab::is_number(&toks[j - 1].text.replace(',', ""))
                || is_header(&toks[j - 1].text));
        if opens_row {
            continue;
        }
        let mut cells = vec![text.to_string()];
        taken[j] = true;
        // The row's name: the cells before it on its line, or else the one line before.
        let mut k = j;
        while k > 0 && free(k - 1, taken) && toks[k - 1].line == toks[j].line {
            k -= 1;
        }
        if k == j
            && free(j - 1, taken)
            && !vocab::is_number(&toks[j - 1].text)
            && !is_header(&toks[j - 1].text)
        {
            k = j - 1;
            if free(k - 1, taken) && UNIT_CODE.is_match(toks[k - 1].text.trim()) {
                k -= 1;
            }
        }
        for (c, t) in toks.iter().enumerate().take(j).skip(k).rev() {
            taken[c] = true;
            cells.insert(0, t.text.trim().to_string());
        }
        d.set_aside(toks[j].line, ImportText::BudgetRowSetAside { cells });
    }
}

/// The date a web page gives for its publication (`发文日期: 2022-04-07`, `发布时间：2022年4月7日`,
/// `2022/4/7`, `2022.04.07`), taken as `document.published` when it is a real date (noted
/// when written otherwise than YYYY-MM-DD); an impossible one is reported, not taken.
pub(crate) fn published(d: &mut Draft, text: &str) {
    match vocab::published(text) {
        Some(vocab::Published::Date {
            line,
            written,
            date,
        }) => {
            if written != date.as_str() {
                d.note(
                    line,
                    ImportText::PublishedTaken {
                        written,
                        date: date.as_str().to_string(),
                    },
                );
            }
            d.document.published = Some(date.as_str().to_string());
        }
        Some(vocab::Published::Impossible { line, written }) => {
            d.note(line, ImportText::PublishedImpossible { written });
        }
        None => {}
    }
}

/// The budget year: the form's `(2023年度)`, else the year its title names
/// (`蜀山区市场监督管理局2021年部门项目绩效表`), else the year the text names most (noted).
fn year(d: &mut Draft, form: &Form, toks: &[Tok]) {
    let stated = (form.year.as_ref().map(|(_, y)| y.clone())).or_else(|| {
        let (_, title) = form.title.as_ref()?;
        Some(ANY_YEAR.captures(title)?[1].to_string())
    });
    if let Some(y) = stated {
        d.document.year = y.parse().unwrap_or(0);
        return;
    }
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for t in toks {
        for c in ANY_YEAR.captures_iter(&t.text) {
            *counts.entry(c[1].to_string()).or_default() += 1;
        }
    }
    match counts.into_iter().max_by_key(|(_, n)| *n) {
        Some((y, n)) => {
            d.note(
                0,
                ImportText::YearGuessedCheck {
                    year: y.to_string(),
                    count: n,
                },
            );
            d.document.year = y.parse().unwrap_or(0);
        }
        None => d.note(0, ImportText::NoYearFillIn),
    }
}

/// A note under a form (`注：1.一级指标分值统一设置为…`, `填表说明：…`) and the numbered lines
/// that go on with it: the form's own remarks, not its rows, set aside with their text.
fn footnotes(d: &mut Draft, toks: &[Tok]) {
    static OPENS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:注|备注|填表说明)\s*[:：]").unwrap());
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\d{1,2}|[（(]\d{1,2}[)）])\s*[.．、]?\s*\D").unwrap());
    let line_text = |line: usize| {
        toks.iter()
            .filter(|t| t.line == line)
            .map(|t| t.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut open = None::<usize>;
    let mut seen = 0;
    for t in toks {
        if t.line == seen {
            continue;
        }
        let text = t.text.trim();
        let goes_on = open.is_some_and(|l| t.line > l) && NUMBERED.is_match(text);
        if OPENS.is_match(text) || goes_on {
            seen = t.line;
            open = Some(t.line);
            d.set_aside(
                t.line,
                ImportText::FootnoteSetAside {
                    text: line_text(t.line),
                },
            );
        } else {
            open = None;
        }
    }
}

/// A text that stops before the table does: the last row without its value, or no
/// 满意度指标 rows at all (every official form ends with them).
fn cut_off(d: &mut Draft, last_line: usize) {
    let Some(p) = d.projects.last() else { return };
    let last_row_open = p
        .indicators
        .iter()
        .rfind(|r| !r.name.as_deref().is_some_and(is_placeholder))
        .is_some_and(|r| r.value.is_none());
    let satisfaction = d.projects.iter().all(|p| {
        p.indicators.iter().any(|r| {
            r.level1.as_deref().is_some_and(|l| l.contains("满意度"))
                || r.level2.as_deref().is_some_and(|l| l.contains("满意度"))
        })
    });
    let cut = if p.indicators.is_empty() {
        Cut::NoTable
    } else if last_row_open {
        Cut::OpenRow
    } else if !satisfaction {
        Cut::NoSatisfaction
    } else {
        return;
    };
    d.incomplete = Some(last_line);
    d.document.notes.push(DraftNote::Incomplete {
        line: last_line,
        cut,
    });
    d.note(last_line, ImportText::EndsHere { why: cut });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(header: &str) -> Vec<Col> {
        let mut n = Vec::new();
        let l = cells::lines(header, &mut n);
        columns(&tokens(&l))
    }

    #[test]
    fn header_columns_in_their_order() {
        assert_eq!(
            cols("一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)"),
            vec![Col::Symbol, Col::Value, Col::Unit, Col::Weight]
        );
        assert_eq!(
            cols(
                "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |"
            ),
            vec![
                Col::Symbol,
                Col::Value,
                Col::Unit,
                Col::Actual,
                Col::Weight,
                Col::Score,
                Col::Reason
            ]
        );
        assert_eq!(
            cols("一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |"),
            vec![Col::Value, Col::TwinLevel, Col::TwinName, Col::TwinValue]
        );
        assert_eq!(
            cols("绩效指标一级指标二级指标指标内容指标值"),
            vec![Col::Value]
        );
    }

    #[test]
    fn glued_labels_split() {
        assert_eq!(
            split_labels("项目主管部门青山区教育局项目执行单位化工区学校"),
            vec!["项目主管部门", "青山区教育局", "项目执行单位", "化工区学校"]
        );
    }
}
