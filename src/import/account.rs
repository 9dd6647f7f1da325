//! Every line of the source accounted for, and the tick-list a clerk holds against the
//! printed document. A line is *placed* when its text stands in the draft's fields, *structure*
//! when it holds only labels and headings the reader recognised, and *left out* otherwise; a
//! left-out line holding a figure is listed first and stops the import unless the clerk says
//! to keep going. The check does not trust the reader: it compares the draft with the text.

use super::draft::Draft;
use super::report::{LeftOut, Report};
use crate::messages::{AmountAsWritten, DraftNote, ImportText, Lang, Opener};
use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::LazyLock;

/// Strings of the draft: every field's text, the labels the reader recognised, and the cells
/// it set aside on purpose.
fn candidates(d: &Draft) -> (Vec<String>, Vec<String>) {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Number(n) => out.push(n.to_string()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    // The file name and the status are not text of the document.
                    if !matches!(
                        k.as_str(),
                        "source" | "status" | "unstated" | "slug" | "id" | "form"
                    ) {
                        walk(x, out);
                    }
                }
            }
            _ => {}
        }
    }
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"“([^”]+)”").unwrap());
    let mut fields = Vec::new();
    // A self-evaluation is written as the site's self-evaluation document: its fields are
    // those of that document, and amounts converted from 元 stand as the source wrote them.
    let value = match d.self_evaluation {
        Some(kind) => super::selfeval_draft::document(d, kind)
            .ok()
            .and_then(|doc| serde_json::to_value(doc).ok()),
        None => serde_json::to_value(d).ok(),
    };
    if let Some(v) = value {
        walk(&v, &mut fields);
    }
    for p in &d.projects {
        fields.extend(p.evaluation.converted.iter().cloned());
        // An amount in 元 or with no unit stands in the project's notes, as written.
        for n in &p.notes {
            if let DraftNote::AmountUnconverted(AmountAsWritten { amount, .. }) = n {
                fields.push(format!("{amount}元"));
                fields.push(amount.clone());
            }
        }
    }
    // The funds' sources summed into a total are read, each line as written.
    for n in &d.notes {
        if let ImportText::TotalOfSources { parts, .. } = &n.what {
            fields.extend(parts.iter().cloned());
        }
    }
    // The year stands in the text as 2024年; a bare number would match anything.
    fields.retain(|s| s != &d.document.year.to_string());
    let mut labels: Vec<String> = d.structure.clone();
    for n in d.set_aside.iter().chain(d.notes.iter()) {
        for c in QUOTED.captures_iter(&n.what.text(Lang::Zh)) {
            labels.push(c[1].to_string());
        }
    }
    labels.extend(LABELS.iter().map(|s| s.to_string()));
    labels.extend(super::form::known_labels().map(str::to_string));
    if d.self_evaluation.is_some() {
        labels.extend(SELF_EVALUATION.iter().map(|s| s.to_string()));
    }
    if d.document.year != 0 {
        // The budget year as the text writes it: `(2021年度)`, or `2021年部门项目绩效表`.
        fields.push(format!("{}年度", d.document.year));
        fields.push(format!("{}年", d.document.year));
    }
    let sq = |v: Vec<String>| {
        let mut v: Vec<String> = v
            .iter()
            .map(|s| squeeze(s))
            .filter(|s| !s.is_empty())
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        // Each string once (the first of equal ones: the sort is stable).
        let mut seen = rustc_hash::FxHashSet::default();
        v.retain(|s| seen.insert(s.clone()));
        v
    };
    (sq(fields), sq(labels))
}

/// Fields and labels together, longest first, each marked whether it is a field.
fn merged(fields: &[String], labels: &[String]) -> Vec<(String, bool)> {
    let mut all: Vec<(String, bool)> = fields
        .iter()
        .map(|f| (f.clone(), true))
        .chain(labels.iter().map(|l| (l.clone(), false)))
        .collect();
    all.sort_by_key(|(s, f)| (std::cmp::Reverse(s.chars().count()), !*f));
    all
}

/// Labels of the self-evaluation forms (绩效自评表), counted as structure in them.
const SELF_EVALUATION: [&str; 42] = [
    "项目资金（元）",
    "项目资金（万元）",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "年度预算数",
    "调整后预算数",
    "预算执行数",
    "预算执行率",
    "预算执行情况",
    "执行率",
    "年初预算",
    "分值",
    "得分",
    "权重",
    "实际完成值",
    "全年实际值",
    "完成值",
    "偏差原因分析及改进措施",
    "未完成原因分析",
    "未完成原因及拟采取的改进措施",
    "原因",
    "年度总体目标完成情况综述",
    "年度目标完成情况",
    "年度总体目标",
    "项目年度目标",
    "年初设定目标",
    "预期目标",
    "实际完成情况",
    "项目基本情况",
    "项目实施内容及过程概述",
    "项目年度目标完成情况",
    "指标性质",
    "度量单位",
    "其他需要说明事项",
    "总分",
    "主管部门",
    "实施单位",
    "项目负责人及电话",
    "资金情况",
    "按收入性质分",
    "按支出性质分",
];

/// Words of the official forms the reader does not itself look for (headings, units, the
/// parts' titles), counted as structure wherever they stand, beside the reader's own labels
/// ([`super::form::known_labels`]).
const LABELS: [&str; 33] = [
    "第一部分",
    "第二部分",
    "部门整体绩效目标",
    "预算项目绩效目标",
    "总体绩效目标",
    "分项绩效目标",
    "工作保障措施",
    "绩效目标",
    "单位：万元",
    "单位：元",
    "预算规模及资金用途",
    "资金支出计划（%）",
    "资金支出计划",
    "其中：财政",
    "项目编码",
    "预算数",
    "资金用途",
    "绩效指标描述",
    "指标值确定依据",
    "目录",
    "资金情况",
    "（万元）",
    "（元）",
    "万元",
    "项目资金",
    "其中",
    "年度",
    "目标",
    "指标",
    "金额",
    "绩效目标表",
    "本级",
    "项目",
];

/// A line or a field as compared: spaces, pipes and the byte-order mark out, half- and
/// full-width punctuation alike, full-width digits read as digits (the draft holds `12.5`
/// where the text wrote `１２.５`, and both are reported).
fn squeeze(s: &str) -> String {
    super::vocab::ascii_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|' && *c != '\u{feff}')
        .map(|c| match c {
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '\u{a0}' | '\u{3000}' => ' ',
            c => c,
        })
        .filter(|c| *c != ' ')
        .collect()
}

/// What is left of a line once punctuation is taken out.
fn residue(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !"\u{1}：:,，。、;；（）()【】[]［］*-—_·…|/\\\"“”‘’《》<>「」!！?？.．#=＝"
                    .contains(*c)
        })
        .collect()
}

/// A residue without the numbering that opens it (`(1)项目概述`, `1.“…”项目`, `（二）`):
/// numbering is no figure.
fn unnumbered(s: &str) -> String {
    static N: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[（(]?\d{1,2}[)）]|\d{1,2}[.．、]|[（(]?[一二三四五六七八九十]{1,3}[)）、])",
        )
        .unwrap()
    });
    N.replace(s, "").to_string()
}

fn has_figure(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "%％≥≤≧≦".contains(c))
}

/// Accounts for every non-blank line of `text` against the draft, and builds the tick-list.
pub fn report(text: &str, d: &Draft) -> Report {
    let (fields, labels) = candidates(d);
    let all = merged(&fields, &labels);
    // The page's title, which it also shows as a heading of its own.
    let titles: Vec<String> = super::vocab::page_titles(text)
        .iter()
        .map(|t| squeeze(t))
        .collect();
    let mut r = Report::default();
    let mut left = Vec::new();
    let mut listed = Vec::new();
    let squeezed: Vec<String> = text
        .lines()
        .map(|l| squeeze(super::blocks::strip_debris(l)))
        .collect();
    // A label the layout broke over two lines (`年初` / `预算数`, `数量` / `指标`).
    let known = |s: &str| labels.iter().any(|l| l == s);
    let broken = |i: usize| {
        let next = squeezed[i + 1..].iter().find(|l| !l.is_empty());
        let prev = squeezed[..i].iter().rev().find(|l| !l.is_empty());
        let line = &squeezed[i];
        line.chars().count() <= 4
            && (next.is_some_and(|n| known(&format!("{line}{n}")))
                || prev.is_some_and(|p| known(&format!("{p}{line}"))))
    };
    // A label broken over two lines beside another cell: the line's labels, then the head
    // of a label whose tail opens the next line (corpus 04: `绩效指标 项目完成` / `指标`).
    let broken_tail = |i: usize| {
        let Some(next) = squeezed[i + 1..].iter().find(|l| !l.is_empty()) else {
            return false;
        };
        let line = &squeezed[i];
        let ends: Vec<usize> = line.char_indices().map(|(at, _)| at).collect();
        (2..=4).any(|k| {
            let Some(&cut) = ends.len().checked_sub(k).and_then(|at| ends.get(at)) else {
                return false;
            };
            let (head, tail) = line.split_at(cut);
            let both = format!("{tail}{next}");
            known(head) && (known(&both) || super::vocab::level(&both, false).is_some())
        })
    };
    // Each string is searched for once, with automata over all of them: searching every
    // field in every line (and every line in every field) took time growing with the
    // square of the text's length (an 800 KB text took 21 s).
    let wrapped = Within::new(&squeezed, &fields);
    let within = Matcher::new(&all);
    // The numbers of values the reader joined from their columns (比较符号 | 指标值 | 计量单位:
    // `≥` `85` `%` → `≥85%`): a line that is only such a number is that value's cell. Only
    // the whole line: a number is too short to be placed inside a sentence.
    let middles: rustc_hash::FxHashSet<String> = (d.projects.iter())
        .flat_map(|p| p.indicators.iter())
        .filter_map(|i| {
            let v = i.value.as_deref()?;
            let mut mid = v;
            if let Some(s) = &i.symbol {
                mid = mid.strip_prefix(s.as_str()).unwrap_or(mid);
            }
            if let Some(u) = &i.unit {
                mid = mid.strip_suffix(u.as_str()).unwrap_or(mid);
            }
            (mid != v && !mid.is_empty()).then(|| squeeze(mid))
        })
        .collect();
    // A form's own label inside a listed name (`年度预算安排50万元`) makes the line a figure
    // of the form, not a listed project.
    let labelled = |l: &Listed| {
        let name = squeeze(&l.name);
        (labels.iter()).any(|w| w.chars().count() >= 4 && name.contains(w.as_str()))
    };
    let single: rustc_hash::FxHashSet<&str> = (fields.iter())
        .filter(|f| f.chars().count() == 1)
        .map(String::as_str)
        .collect();
    for (i, raw) in text.lines().enumerate() {
        let line = &squeezed[i];
        if line.is_empty() {
            continue;
        }
        // A line wrapped inside a longer field (a paragraph, a goal), or a joined value's
        // number alone.
        if wrapped.is_within(i) || middles.contains(line) {
            r.placed += 1;
            continue;
        }
        let mut rest = line.clone();
        let mut hit_field = false;
        // Longest first, as `all` is ordered: a field inside a longer one already taken out
        // no longer matches.
        for k in within.candidates(line) {
            let (f, is_field) = &all[k];
            if rest.contains(f.as_str()) {
                rest = rest.replace(f.as_str(), "\u{1}");
                hit_field |= *is_field;
            }
        }
        if d.self_evaluation.is_some() {
            // A self-evaluation's `(50分)` annotations, `1.` numbering of its headings and
            // the disclosure's table number (`公开14表`).
            static NOTE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"[（(]?\d+分[)）]|[（(][A-Za-z/]+[)）]|(^|\x{1})\d[.．、]|公开\d+表")
                    .unwrap()
            });
            rest = NOTE.replace_all(&rest, "\u{1}").to_string();
        }
        let mut res = residue(&rest);
        // One-character values, weights and scores (`2`, `5`) between placed cells.
        let pieces: Vec<String> = rest
            .split('\u{1}')
            .map(residue)
            .filter(|p| !p.is_empty())
            .collect();
        if !pieces.is_empty()
            && pieces
                .iter()
                .all(|p| p.chars().count() == 1 && single.contains(p.as_str()))
        {
            hit_field = true;
            res.clear();
        }
        // An attachment's number standing alone (`附件2-1`, `附表3`) marks where one ends
        // and the next begins: a heading of the document, not a figure.
        static ATTACHMENT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^附[件表][0-9一二三四五六七八九十]{1,4}$").unwrap());
        if !hit_field && ATTACHMENT.is_match(&res) {
            r.structure += 1;
            continue;
        }
        // Numbering left by a heading (`一、`, `（二）`, `3.`).
        let numbering = res.chars().count() <= 2
            && res
                .chars()
                .all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
            && rest.contains('\u{1}')
            && line
                .trim_start_matches(['（', '('])
                .starts_with(res.as_str());
        if res.is_empty() || numbering {
            if hit_field {
                r.placed += 1;
            } else {
                r.structure += 1;
            }
            continue;
        }
        if broken(i) || (!hit_field && broken_tail(i)) {
            r.structure += 1;
            continue;
        }
        let mut shown: String = raw.trim().chars().take(80).collect();
        if raw.trim().chars().count() > 80 {
            shown.push('…');
        }
        // The web page's own line (索引号, 发文日期, 打印 …): accounted for as the page's.
        if super::vocab::is_page_furniture(raw) || titles.contains(line) {
            r.page.push(LeftOut {
                line: i + 1,
                text: shown,
                figure: has_figure(&residue(&unnumbered(&rest))),
            });
            continue;
        }
        let out = LeftOut {
            line: i + 1,
            text: shown,
            figure: has_figure(&residue(&unnumbered(&rest))),
        };
        match Listed::of(line, i + 1).filter(|l| !labelled(l)) {
            Some(l) => listed.push((l, out)),
            None => left.push(out),
        }
    }
    links_above(&squeezed, &mut left, &mut r.page);
    // Two or more lines naming a project with an amount and nothing else are a list of the
    // page's forms: accounted as such, each held against the projects imported.
    let list = if listed.len() >= 2 {
        r.structure += listed.len();
        listed.into_iter().map(|(l, _)| l).collect()
    } else {
        left.extend(listed.into_iter().map(|(_, out)| out));
        Vec::new()
    };
    left.sort_by_key(|l| (!l.figure, l.line));
    r.left_out = left;
    reconcile(&mut r, text, d);
    hold_list(&mut r, &list, d);
    r
}

/// The fewest titles in a row that make a list of links.
const LINKS: usize = 3;

/// A web page's list of links at the top of the text, above the form (corpus 18: the
/// department's other forms, `林长制工作经费`, `2025-2026松线虫病防治`, by title only): from the
/// first line on, three or more left-out lines in a row (the page's own lines may stand
/// between them), each a short title and nothing else — no colon, no cell, no sentence, no
/// target sign — move from `left` to `page`, where the report lists them as the page's. A
/// run that stops short of three, or any line the reader took, ends it: nothing below the
/// form's first line is ever taken for a link.
fn links_above(squeezed: &[String], left: &mut Vec<LeftOut>, page: &mut Vec<LeftOut>) {
    let title = |s: &str| {
        let n = s.chars().count();
        (2..=40).contains(&n)
            && !s.contains([
                '：', '|', '。', '；', '，', '≥', '≤', '＞', '＜', '>', '<', '=',
            ])
            && !super::vocab::is_number(s)
    };
    let left_at: rustc_hash::FxHashMap<usize, usize> = (left.iter().enumerate())
        .map(|(k, l)| (l.line, k))
        .collect();
    let page_at: rustc_hash::FxHashSet<usize> = page.iter().map(|l| l.line).collect();
    let mut run = Vec::new();
    for (i, s) in squeezed.iter().enumerate() {
        let line = i + 1;
        if s.is_empty() || page_at.contains(&line) {
            continue;
        }
        match left_at.get(&line) {
            Some(&k) if title(s) => run.push(k),
            _ => break,
        }
    }
    if run.len() < LINKS {
        return;
    }
    run.sort_unstable();
    for k in run.into_iter().rev() {
        page.push(left.remove(k));
    }
    page.sort_by_key(|l| l.line);
}

/// A line that names a project with its amount and nothing else (`防火隔离带建设50万元`),
/// as a page lists the forms it links to.
#[derive(Debug)]
struct Listed {
    line: usize,
    name: String,
    /// In 万元, as written.
    amount: String,
}

impl Listed {
    /// `squeezed` (line `line`) read as a listed project: a name of four Chinese characters
    /// or more, not a label (`年度资金总额：80万元` has a colon; `合计80万元` is too short),
    /// then an amount in 万元 ending the line.
    fn of(squeezed: &str, line: usize) -> Option<Listed> {
        static LISTED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:（?\d{1,3}[）.．、])?(.+?)(\d[\d,]*(?:\.\d+)?)(?:万元|万)$").unwrap()
        });
        let c = LISTED.captures(squeezed)?;
        let name = c[1].trim_end_matches(['（', '(']).to_string();
        let chinese = name
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        let label = [
            "总额", "资金", "金额", "预算", "拨款", "合计", "小计", "总计", "其中",
        ]
        .iter()
        .any(|w| name.ends_with(w) || name.starts_with(w));
        (chinese >= 4 && !name.contains('：') && !label).then(|| Listed {
            line,
            name,
            amount: c[2].replace(',', ""),
        })
    }
}

/// Each listed project held against the projects imported: the same amount, another
/// amount (a mismatch the clerk must settle), or no table in this text.
fn hold_list(r: &mut Report, list: &[Listed], d: &Draft) {
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return;
    };
    r.ticks.push(ImportText::ListedProjects {
        first: first.line,
        last: last.line,
        count: list.len(),
    });
    for l in list {
        let name = squeeze(&l.name);
        let project = d.projects.iter().find(|p| {
            let p = squeeze(&p.name);
            !p.is_empty()
                && (p == name
                    || (p.chars().count() >= 4 && (name.contains(&p) || p.contains(&name)))
                    || strsim::normalized_levenshtein(&p, &name) >= 0.8)
        });
        let total = project.and_then(|p| p.amounts.total.as_deref());
        let same = |t: &str| matches!((Decimal::from_str(t), Decimal::from_str(&l.amount)), (Ok(a), Ok(b)) if a == b);
        match (project, total) {
            (None, _) => r.ticks.push(ImportText::ListedElsewhere {
                line: l.line,
                name: l.name.clone(),
                amount: l.amount.clone(),
            }),
            (Some(_), Some(t)) if !same(t) => r.errors.push(ImportText::ListedDiffers {
                line: l.line,
                name: l.name.clone(),
                listed: l.amount.clone(),
                total: t.to_string(),
            }),
            (Some(_), None) => r.errors.push(ImportText::ListedNoTotal {
                line: l.line,
                name: l.name.clone(),
                amount: l.amount.clone(),
            }),
            (Some(_), Some(_)) => r.ticks.push(ImportText::ListedAgrees {
                line: l.line,
                name: l.name.clone(),
                amount: l.amount.clone(),
            }),
        }
    }
}

/// Which lines (of four characters or more) stand inside a field, found in one pass over the
/// fields with an automaton of the lines.
struct Within {
    inside: Vec<bool>,
}

impl Within {
    fn new(lines: &[String], fields: &[String]) -> Within {
        // Each distinct line once, with the lines that read so.
        let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut patterns: Vec<&str> = Vec::new();
        let mut of: Vec<Option<usize>> = vec![None; lines.len()];
        for (i, l) in lines.iter().enumerate() {
            if l.chars().count() >= 4 {
                of[i] = Some(*index.entry(l.as_str()).or_insert_with(|| {
                    patterns.push(l.as_str());
                    patterns.len() - 1
                }));
            }
        }
        let mut found = vec![false; patterns.len()];
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) {
            for f in fields {
                for m in ac.find_overlapping_iter(f.as_str()) {
                    found[m.pattern().as_usize()] = true;
                }
            }
        }
        Within {
            inside: of.iter().map(|p| p.is_some_and(|p| found[p])).collect(),
        }
    }

    /// Whether line `i` (0-based) stands inside a field.
    fn is_within(&self, i: usize) -> bool {
        self.inside[i]
    }
}

/// The fields and labels (of two characters or more) a line holds, found with one automaton
/// of them all instead of a search for each.
struct Matcher {
    ac: Option<aho_corasick::AhoCorasick>,
    /// Each pattern's first place in `all`: a string equal to one before it never matches
    /// once that one is taken out, nor when that one did not match.
    places: Vec<usize>,
}

impl Matcher {
    fn new(all: &[(String, bool)]) -> Matcher {
        let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut patterns: Vec<&str> = Vec::new();
        let mut places: Vec<usize> = Vec::new();
        for (k, (f, _)) in all.iter().enumerate() {
            if f.chars().count() < 2 {
                continue;
            }
            index.entry(f.as_str()).or_insert_with(|| {
                patterns.push(f.as_str());
                places.push(k);
                patterns.len() - 1
            });
        }
        Matcher {
            ac: aho_corasick::AhoCorasick::new(&patterns).ok(),
            places,
        }
    }

    /// The places in `all` of the strings `line` holds, in the order of `all`.
    fn candidates(&self, line: &str) -> Vec<usize> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out: Vec<usize> = (ac.find_overlapping_iter(line))
            .map(|m| self.places[m.pattern().as_usize()])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The tick-list, and the comparisons with what the text itself states.
fn reconcile(r: &mut Report, text: &str, d: &Draft) {
    r.ticks.push(ImportText::TickDepartment {
        name: d.department.name.clone(),
    });
    r.ticks.push(ImportText::TickYear {
        year: d.document.year,
    });
    if d.self_evaluation.is_some() {
        super::selfeval_draft::ticks(d, &mut r.ticks, &mut r.errors);
    } else {
        amounts(r, text, d);
    }
    counts(r, text, d);
}

/// The projects' 预算数 and their sum, against a total the text states.
fn amounts(r: &mut Report, text: &str, d: &Draft) {
    let mut sum = Decimal::ZERO;
    let mut all_known = true;
    for (n, p) in d.projects.iter().enumerate() {
        let total = match &p.amounts.total {
            Some(t) => {
                if let Ok(v) = Decimal::from_str(t) {
                    sum += v;
                }
                t.clone()
            }
            None => {
                all_known = false;
                String::new()
            }
        };
        r.ticks.push(ImportText::TickProject {
            number: n + 1,
            code: p.code.clone().unwrap_or_default(),
            name: p.name.clone(),
            total,
            rows: p.indicators.len(),
        });
    }
    r.ticks.push(ImportText::TickTotal {
        projects: d.projects.len(),
        sum: if all_known {
            sum.to_string()
        } else {
            String::new()
        },
        rows: d.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
    });
    // A total the text states.
    static TOTAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(合计|总计)[^\d]{0,6}(\d[\d,]*(?:\.\d+)?)").unwrap());
    let cut = d.incomplete.is_some();
    for (i, raw) in text.lines().enumerate() {
        let line = squeeze(raw);
        if let Some(c) = TOTAL.captures(&line)
            && let Ok(stated) = Decimal::from_str(&c[2].replace(',', ""))
            && all_known
            && !d.projects.is_empty()
        {
            let (line, label, amount) = (i + 1, c[1].to_string(), c[2].to_string());
            if stated == sum {
                r.ticks.push(ImportText::TotalAgrees {
                    line,
                    label,
                    amount,
                });
            } else if cut {
                r.ticks.push(ImportText::TotalCut {
                    line,
                    label,
                    amount,
                    sum: sum.to_string(),
                });
            } else {
                r.errors.push(ImportText::TotalDiffers {
                    line,
                    label,
                    amount,
                    sum: sum.to_string(),
                });
            }
        }
    }
}

/// Counts of what opens a project table, against the projects written.
fn counts(r: &mut Report, text: &str, d: &Draft) {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+[.．、]?.*绩效目标表$").unwrap());
    let count = |f: &dyn Fn(&str) -> bool| text.lines().filter(|l| f(&squeeze(l))).count();
    // A footnote (`注：1.一级指标分值统一设置为…`) is no header.
    let headers = count(&|l| l.contains("一级指标") && !l.starts_with("注"));
    let codes = count(&|l| l.contains("项目编码"));
    let titles = count(&|l| TITLE.is_match(l) && !l.ends_with(|c: char| c.is_ascii_digit()));
    let opens = count(&|l| l.contains("【项目概况】") || l.contains("【项目概述】"));
    let n = d.projects.len();
    for (what, k) in [
        (Opener::Header, headers),
        (Opener::CodeCell, codes),
        (Opener::Title, titles),
        (Opener::Overview, opens),
    ] {
        let (found, projects) = (k, n);
        if k == 0 {
            continue;
        }
        if k == n {
            r.ticks.push(ImportText::CountAgrees {
                found,
                what,
                projects,
            });
        } else if k > n {
            r.errors.push(ImportText::CountMore {
                found,
                what,
                projects,
            });
        } else {
            r.ticks.push(ImportText::CountFewer {
                found,
                what,
                projects,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::{Indicator, Project};

    /// The automata find what a search of every string in every line finds: the lines
    /// inside a field, and the strings a line holds (each distinct string once, at its first
    /// place, longest first), so that the report is the same as before, only found in time
    /// proportional to the text.
    #[test]
    fn the_automata_find_what_searching_each_string_finds() {
        let fields: Vec<String> = [
            "完成5个基层所标准化建设提升监管能力",
            "标准化建设所数12",
            "≥5个",
            "24.1",
        ]
        .map(String::from)
        .to_vec();
        let labels: Vec<String> = ["产出指标", "一级指标", "指标", "≥5个"]
            .map(String::from)
            .to_vec();
        let lines: Vec<String> = [
            "完成5个基层所",
            "标准化建设提升监管能力",
            "提升",
            "产出指标数量指标标准化建设所数12≥5个",
            "一级指标二级指标",
            "",
        ]
        .map(String::from)
        .to_vec();
        let within = Within::new(&lines, &fields);
        for (i, l) in lines.iter().enumerate() {
            let naive = l.chars().count() >= 4 && fields.iter().any(|f| f.contains(l.as_str()));
            assert_eq!(within.is_within(i), naive, "{l}");
        }
        let all = merged(&fields, &labels);
        let m = Matcher::new(&all);
        for l in &lines {
            let naive: Vec<usize> = (0..all.len())
                .filter(|&k| all[k].0.chars().count() >= 2 && l.contains(all[k].0.as_str()))
                .filter(|&k| !all[..k].iter().any(|(s, _)| *s == all[k].0))
                .collect();
            assert_eq!(m.candidates(l), naive, "{l}");
        }
    }

    fn draft() -> Draft {
        let mut d = Draft::default();
        d.department.name = "某局".into();
        d.document.year = 2024;
        let mut p = Project {
            name: "办公经费".into(),
            ..Project::default()
        };
        p.amounts.total = Some("10.36".into());
        p.indicators.push(Indicator {
            level1: Some("产出指标".into()),
            level2: Some("数量指标".into()),
            name: Some("派出机构数量".into()),
            value: Some("10个".into()),
            ..Indicator::default()
        });
        d.projects.push(p);
        d
    }

    #[test]
    fn every_line_is_placed_labelled_or_left_out() {
        let text = "项目名称\t办公经费\n预算数 10.36\n\n一级指标\t二级指标\n产出指标\t数量指标\t派出机构数量\t10个\n扫一扫\n电话 0311-1234567\n";
        let r = report(text, &draft());
        assert_eq!(r.placed, 3, "{r:#?}");
        assert_eq!(r.structure, 1, "{r:#?}");
        assert_eq!(
            r.left_out,
            vec![LeftOut {
                line: 7,
                text: "电话 0311-1234567".into(),
                figure: true
            },]
        );
        // The page's own 扫一扫 is the page's, not left out of the form.
        assert_eq!(
            r.page,
            vec![LeftOut {
                line: 6,
                text: "扫一扫".into(),
                figure: false
            }]
        );
    }

    /// Corpus 19: `附件2-1 |` between a list of projects and the next table is the
    /// attachment's heading; a line that says more than the number is still left out.
    #[test]
    fn an_attachments_number_alone_is_a_heading_not_a_figure() {
        let text = "附件2-1 |\n附表 3\n附件1：办公经费 12.5万元\n一级指标\n";
        let r = report(text, &draft());
        assert_eq!(r.structure, 3, "{r:#?}");
        let left: Vec<(usize, bool)> = r.left_out.iter().map(|l| (l.line, l.figure)).collect();
        assert_eq!(left, [(3, true)], "{r:#?}");
    }

    /// Corpus 19: a page lists its forms, one project and its amount a line, before the one
    /// table it holds. The list is accounted, each entry held against the projects: the one
    /// imported with another amount is a mismatch to settle, the others have no table here.
    /// One such line alone is no list and stays left out.
    #[test]
    fn a_pages_list_of_projects_is_held_against_the_projects_imported() {
        let text = "1.办公经费12万元\n2.防火隔离带建设50万元\n（3）石漠化调查8.9万\n\
                    年度资金总额：10.36万元\n一级指标\n产出指标\t数量指标\t派出机构数量\t10个\n";
        let r = report(text, &draft());
        assert!(r.figures().next().is_none(), "{r:#?}");
        let said: Vec<String> = r.ticks.iter().map(|t| t.to_string()).collect();
        assert!(
            said.contains(
                &"第1–3行列出 3 个项目及其金额（网页上的附件目录），逐个对照如下".to_string()
            ),
            "{said:#?}"
        );
        assert!(
            said.iter().any(|t| t
                .starts_with("第2行列出的“防火隔离带建设”（50 万元）在这份原文里没有绩效目标表")),
            "{said:#?}"
        );
        assert!(
            said.iter()
                .any(|t| t.starts_with("第3行列出的“石漠化调查”（8.9 万元）")),
            "{said:#?}"
        );
        let errors: Vec<String> = r.errors.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            errors,
            [
                "第1行列出的“办公经费”为 12 万元，导入的表中预算数为 10.36 万元：两处不一致，请对照原件核对"
            ]
        );
        // The same amount agrees; one listed line alone stays a left-out figure.
        let r = report("机关办公经费10.36万元\n防火隔离带建设50万元\n", &draft());
        assert!(r.errors.is_empty(), "{r:#?}");
        let agrees = "第1行列出的“机关办公经费”10.36 万元，与导入的项目预算数相符";
        assert!(r.ticks.iter().any(|t| t.to_string() == agrees), "{r:#?}");
        let r = report("防火隔离带建设50万元\n一级指标\n", &draft());
        assert_eq!(r.figures().count(), 1, "{r:#?}");
        assert!(
            !r.ticks.iter().any(|t| t.to_string().contains("列出")),
            "{r:#?}"
        );
        // Lines holding a form's label are its figures, not a list, and stay left out.
        let r = report("年度预算安排50万元\n中期预算安排120万元\n", &draft());
        assert_eq!(r.figures().count(), 2, "{r:#?}");
        assert!(
            !r.ticks.iter().any(|t| t.to_string().contains("列出")),
            "{r:#?}"
        );
    }

    /// Corpus 04: `项目完成` / `指标` broken over two lines beside the cell `绩效指标`: the
    /// line is labels, not left out.
    #[test]
    fn a_label_broken_beside_another_cell_is_a_label() {
        let text = "绩效指标 项目完成\n指标\n数量指标\t派出机构数量\t10个\n";
        let r = report(text, &draft());
        assert!(r.left_out.is_empty(), "{r:#?}");
        // A tail that makes no label with the next line is still left out.
        let r = report("绩效指标 项目宣传\n指标\n", &draft());
        let left: Vec<usize> = r.left_out.iter().map(|l| l.line).collect();
        assert_eq!(left, [1], "{r:#?}");
    }

    #[test]
    fn a_stated_total_and_the_header_count_are_compared() {
        let text = "合计 20.72\n一级指标\n一级指标\n";
        let r = report(text, &draft());
        assert_eq!(r.errors.len(), 2, "{r:#?}");
        assert!(r.errors[0].to_string().contains("合计 20.72"));
        assert!(r.errors[1].to_string().contains("原文有 2 处指标表表头"));
        let r = report("合计 10.36\n一级指标\n", &draft());
        assert!(r.errors.is_empty(), "{r:#?}");
        assert!(r.ticks.iter().any(|t| t.to_string().contains("相符")));
    }
}
