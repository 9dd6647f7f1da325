//! What a printed form puts around its tables that is no part of them: a table's caption
//! (`表1 …`, `表 2-1 …`, `附表3`), the mark of a table going on over a page (`续表`, `（续表）`,
//! `表1（续）`), and the lines the clerks sign at the form's foot (`填表人：…`, `联系电话：…`,
//! `填报日期：…`, `审核人：…`, `单位负责人：…`, `财务负责人：…`). None of them is a row of
//! the table, a project's text or the department's name. [`of`] names what a line is, by its
//! shape, never by the words of one county's form.

use regex::Regex;
use std::sync::LazyLock;

/// A line around a table, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Margin {
    /// A table's number, and the title after it when there is one (`表1 2024年度项目支出绩效
    /// 目标表` → `2024年度项目支出绩效目标表`): the number is a caption's, the title the form's.
    Caption {
        /// The number as written, without spaces (`表1`, `表2-1`, `附表3`).
        number: String,
        /// What follows the number, trimmed; empty when the caption is only a number.
        title: String,
    },
    /// The table goes on from the page before (`续表`, `（续表）`, `续表2-1`, `表1（续）`):
    /// skipped as a page number is.
    Continued,
    /// The form's foot, signed: every field of the line is one the clerks sign or date.
    Signed {
        /// The fields as written (`填表人：张三`), in order.
        fields: Vec<String>,
        /// At least one field names a signer or a date (not only a telephone or a contact):
        /// such a line is a signature wherever it stands.
        signer: bool,
        /// What the line holds before its signed fields, read as the line
        /// (`填报单位（盖章）：某某局    填表人：张三` keeps `填报单位（盖章）：某某局`); `None`
        /// when the whole line is signed.
        kept: Option<String>,
    },
}

/// A table's number: `表1`, `表 2-1`, `附表3`, `表一`, `附表`; then optionally `（续）` or
/// `（续表）`, and the rest of the line.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<number>
            附\s*表\s*(?:[0-9]+(?:\s*[-－—–.．]\s*[0-9]+)*|[一二三四五六七八九十]+)?
          | 表\s*(?:[0-9]+(?:\s*[-－—–.．]\s*[0-9]+)*|[一二三四五六七八九十]+)
        )
        (?P<continued>\s*[（(]\s*续\s*表?\s*[)）])?
        (?P<rest>.*)$",
    )
    .unwrap()
});

/// The mark of a table going on: `续表`, `续上表`, `续表2-1`, `（续表）`, `(续)`, `（续表1）`,
/// with a title after it or not.
static CONTINUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [（(]\s*续\s*(?:上\s*)?表?\s*(?:[0-9]+(?:\s*[-－—–.．]\s*[0-9]+)*|[一二三四五六七八九十]+)?\s*[)）]
          | 续\s*(?:上\s*)?表\s*(?:[0-9]+(?:\s*[-－—–.．]\s*[0-9]+)*|[一二三四五六七八九十]+)?
        )
        (?P<rest>.*)$",
    )
    .unwrap()
});

/// Labels of the fields signed or dated at a form's foot; [`CONTACT`] are those that sign
/// nothing by themselves.
const SIGNED: [&str; 15] = [
    "单位负责人",
    "部门负责人",
    "财务负责人",
    "填表人",
    "填报人",
    "制表人",
    "经办人",
    "审核人",
    "复核人",
    "填报日期",
    "填表日期",
    "制表日期",
    "审核日期",
    "联系电话",
    "联系人",
];

/// The labels of [`SIGNED`] that name no signer and no date.
const CONTACT: [&str; 2] = ["联系电话", "联系人"];

/// A label of [`SIGNED`], spaces allowed between its characters (`填 表 人`), then a colon,
/// a space or the line's end (`审核人员…` is no label).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = SIGNED.to_vec();
    labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    let alternatives: Vec<String> = labels
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(r"\s*")
        })
        .collect();
    Regex::new(&format!(
        r"(?:{})\s*(?:[（(]\s*(?:签字|签名|签章|盖章)\s*[)）])?(?:\s*[:：]|\s+|$)",
        alternatives.join("|")
    ))
    .unwrap()
});

/// A signed field's value: a name, a telephone, a date: short, and no sentence.
fn is_signed_value(v: &str) -> bool {
    v.chars().count() <= 30 && !v.contains(['。', '，', ',', '；', ';'])
}

/// The line's text, cells joined by a space (pipes, tabs and runs of spaces alike).
fn text_of(line: &str) -> String {
    line.split(['|', '｜', '\t', ' ', '\u{3000}', '\u{a0}'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the line is, when it is one of a table's margins. `cells` is how many cells the
/// line has: a caption or a continuation mark stands alone on its line (a paragraph, or a
/// row of one cell), a signature may fill a row.
pub fn of(line: &str, cells: usize) -> Option<Margin> {
    let text = super::vocab::ascii_digits(&text_of(line));
    if text.is_empty() {
        return None;
    }
    if let Some(m) = signed(&text) {
        return Some(m);
    }
    // A caption is one paragraph; a cell-separated line holding one is a row of one cell,
    // or the caption split at its spaces.
    let spaced = line.trim().contains([' ', '\u{3000}', '\u{a0}']) && !line.contains(['|', '\t']);
    if cells > 1 && !spaced {
        return None;
    }
    if let Some(c) = CONTINUED.captures(&text) {
        let rest = &c["rest"];
        // `（续表）` or `续表` then its title, or nothing; never a word that goes on (`续表格`).
        if text.starts_with(['（', '('])
            || rest.trim().is_empty()
            || rest.starts_with([' ', ':', '：'])
        {
            return Some(Margin::Continued);
        }
    }
    let c = CAPTION.captures(&text)?;
    let rest = &c["rest"];
    if c.name("continued").is_some() {
        return Some(Margin::Continued);
    }
    let number: String = c["number"].chars().filter(|c| !c.is_whitespace()).collect();
    let digits = number.chars().any(|c| c.is_ascii_digit());
    // After the number: nothing, a space or a colon, or (after digits) the title itself.
    let title = match rest.chars().next() {
        None => "",
        Some(' ' | ':' | '：' | '、' | '.' | '．') => {
            rest.trim_start_matches([' ', ':', '：', '、', '.', '．'])
        }
        Some(c) if digits && !c.is_ascii_digit() && !matches!(c, '%' | '％') => rest,
        _ => return None,
    };
    // `附表` alone names a table; a bare `表` then words is a sentence (`表一…`, `表彰`).
    if !digits && number != "附表" && !title.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some(Margin::Caption {
        number,
        title: title.trim().to_string(),
    })
}

/// A line made only of signed fields (`填表人：张三 联系电话：0551-62345678`), from its
/// first character to its last.
fn signed(text: &str) -> Option<Margin> {
    let found: Vec<regex::Match> = LABEL.find_iter(text).collect();
    let first = found.first()?;
    // The signed fields may follow a field of the form on its line (`填报单位：某局`), apart
    // from it and each with its colon.
    let head = text[..first.start()].trim();
    if !head.is_empty()
        && (!text[..first.start()].ends_with(' ')
            || !head.contains([':', '：'])
            || !found.iter().all(|m| m.as_str().ends_with([':', '：'])))
    {
        return None;
    }
    let mut fields = Vec::new();
    let mut signer = false;
    for (i, m) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(text.len(), |n| n.start());
        let value = text[m.end()..end].trim();
        if !is_signed_value(value) {
            return None;
        }
        let label: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
        // `联系电话` alone, with no colon nor value, is a column's head, not a signature.
        if !CONTACT.iter().any(|c| label.starts_with(c)) {
            signer = true;
        }
        fields.push(text[m.start()..end].trim().to_string());
    }
    // A label alone, without colon or value, heads a column (`联系电话`).
    let colons = found.iter().any(|m| m.as_str().ends_with([':', '：']));
    if !colons && found.iter().all(|m| m.as_str().trim() == text.trim()) {
        return None;
    }
    if !head.is_empty() && !signer {
        return None;
    }
    Some(Margin::Signed {
        fields,
        signer,
        kept: (!head.is_empty()).then(|| head.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(line: &str) -> Option<(String, String)> {
        match of(line, 1) {
            Some(Margin::Caption { number, title }) => Some((number, title)),
            _ => None,
        }
    }

    #[test]
    fn captions_in_their_usual_forms() {
        for (line, number, title) in [
            (
                "表1 2024年度项目支出绩效目标表",
                "表1",
                "2024年度项目支出绩效目标表",
            ),
            ("表 2-1 项目绩效指标", "表2-1", "项目绩效指标"),
            ("表2-1：项目支出绩效目标表", "表2-1", "项目支出绩效目标表"),
            ("表3项目支出绩效目标表", "表3", "项目支出绩效目标表"),
            ("附表3", "附表3", ""),
            ("附表 2", "附表2", ""),
            ("附表", "附表", ""),
            (
                "表一 部门整体支出绩效目标表",
                "表一",
                "部门整体支出绩效目标表",
            ),
            ("表 4.2 绩效指标", "表4.2", "绩效指标"),
            ("表１", "表1", ""),
        ] {
            assert_eq!(
                caption(line),
                Some((number.to_string(), title.to_string())),
                "{line}"
            );
        }
        for not in [
            "表彰先进个人数",
            "表一级指标",
            "表格填报及时率",
            "表12%",
            "项目支出绩效目标表",
            "产出指标 | 数量指标 | 表1填报数 | 5",
        ] {
            assert_eq!(caption(not), None, "{not}");
        }
    }

    #[test]
    fn a_table_going_on_over_a_page() {
        for line in [
            "续表",
            "续 表",
            "（续表）",
            "(续)",
            "（续）",
            "续表1",
            "续表 2-1",
            "续上表",
            "表1（续）",
            "表 2-1（续表） 项目绩效指标",
            "附表3(续)",
            "| 续表 | | |",
            "续表：项目支出绩效目标表",
        ] {
            assert_eq!(of(line, 1), Some(Margin::Continued), "{line}");
        }
        for not in ["续表格填报", "持续表现", "继续表彰先进"] {
            assert_ne!(of(not, 1), Some(Margin::Continued), "{not}");
        }
    }

    #[test]
    fn the_lines_signed_at_the_foot() {
        for (line, n, signer) in [
            ("填表人：张三    联系电话：0551-62345678", 2, true),
            ("填报日期：2024年1月15日", 1, true),
            (
                "单位负责人：王五    财务负责人：赵六    审核人：李四",
                3,
                true,
            ),
            (
                "| 填表人：张三 | 联系电话：0551-62345678 | 填报日期：2024年1月15日 |",
                3,
                true,
            ),
            ("填表人 张三 联系电话 13800000000", 2, true),
            ("填 表 人：", 1, true),
            ("单位负责人（签字）：", 1, true),
            ("联系电话：0551-62345678", 1, false),
        ] {
            match of(line, 3) {
                Some(Margin::Signed {
                    fields,
                    signer: s,
                    kept: None,
                }) => {
                    assert_eq!((fields.len(), s), (n, signer), "{line}: {fields:?}")
                }
                other => panic!("{line}: {other:?}"),
            }
        }
        // After a field of the form: the field is kept, the signatures set aside.
        assert_eq!(
            of(
                "填报单位（盖章）：某某县市场监督管理局    填表人：张三    联系电话：0551-62345678",
                1
            ),
            Some(Margin::Signed {
                fields: vec!["填表人：张三".into(), "联系电话：0551-62345678".into()],
                signer: true,
                kept: Some("填报单位（盖章）：某某县市场监督管理局".into()),
            })
        );
        for not in [
            "填报单位：某某县市场监督管理局 联系电话：0551-62345678",
            "产出指标 质量指标 审核人 张三",
            "联系电话",
            "项目负责人及电话",
            "审核人员培训覆盖率 ≥ 95 %",
            "填表人：请按照以下要求填写，数据须真实。",
        ] {
            assert!(!matches!(of(not, 3), Some(Margin::Signed { .. })), "{not}");
        }
    }
}
