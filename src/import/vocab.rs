//! The official vocabulary of the indicator table and the shapes of its values: what lets the
//! reader split cells that the extraction glued together and tell a name from a target.

use regex::Regex;
use std::sync::LazyLock;

/// Which family of the official taxonomy a 一级 or 二级 name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// 产出指标 and its 数量/质量/时效/成本.
    Output,
    /// 效益指标 (效果指标) and its 经济/社会/生态效益, 可持续影响.
    Effect,
    /// 满意度指标.
    Satisfaction,
    /// 成本指标 as a 一级 of the 2021 taxonomy (经济/社会/生态环境成本).
    Cost,
}

/// A level word of the indicator table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// 一级指标, as named (the annotation such as `(50分)` taken off).
    One(String, Family),
    /// 二级指标, as named; the family gives its 一级.
    Two(String, Family),
}

/// 二级指标 names, current and older two-tier ones, with their family.
const LEVEL2: [(&str, Family); 22] = [
    ("数量指标", Family::Output),
    ("质量指标", Family::Output),
    ("时效指标", Family::Output),
    ("成本指标", Family::Output),
    ("经济效益指标", Family::Effect),
    ("社会效益指标", Family::Effect),
    ("生态效益指标", Family::Effect),
    ("可持续影响指标", Family::Effect),
    ("服务对象满意度指标", Family::Satisfaction),
    ("社会公众或服务对象满意度指标", Family::Satisfaction),
    ("经济成本指标", Family::Cost),
    ("社会成本指标", Family::Cost),
    ("生态环境成本指标", Family::Cost),
    ("产出数量", Family::Output),
    ("产出质量", Family::Output),
    ("产出时效", Family::Output),
    ("产出成本", Family::Output),
    ("经济效益", Family::Effect),
    ("社会效益", Family::Effect),
    ("生态效益", Family::Effect),
    ("可持续影响", Family::Effect),
    ("满意度指标", Family::Satisfaction),
];

/// 一级指标 names, with variants seen in county forms.
const LEVEL1: [(&str, Family); 7] = [
    ("产出指标", Family::Output),
    ("效益指标", Family::Effect),
    ("效果指标", Family::Effect),
    ("满意度指标", Family::Satisfaction),
    ("项目完成指标", Family::Output),
    ("项目效益指标", Family::Effect),
    ("成本指标", Family::Cost),
];

/// The standard 一级 name of a family, for a row whose 一级 cell the form merged away.
pub fn level1_of(f: Family) -> &'static str {
    match f {
        Family::Output => "产出指标",
        Family::Effect => "效益指标",
        Family::Satisfaction => "满意度指标",
        Family::Cost => "成本指标",
    }
}

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（][^()（）]*(分|必填|硬性|\d)[^()（）]*[)）]?$|^[^()（）]*\d+分[)）]$|★")
        .unwrap()
});

/// Whitespace and the `(50分)` / `(必填)` annotations taken off a level cell.
pub fn bare(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = ANNOTATION.replace_all(&t, "").to_string();
    t.strip_suffix("指标等")
        .map_or(t.clone(), |x| format!("{x}指标"))
}

/// The level a cell names, if it is one. `second` says the row already has its 一级, so an
/// ambiguous name (满意度指标, 成本指标) is read as a 二级.
pub fn level(cell: &str, second: bool) -> Option<Level> {
    let b = bare(cell);
    let two = LEVEL2.iter().find(|(n, _)| *n == b);
    let one = LEVEL1.iter().find(|(n, _)| *n == b);
    match (one, two) {
        (Some((n, f)), Some(_)) if !second => Some(Level::One(n.to_string(), *f)),
        (_, Some((n, f))) => Some(Level::Two(n.to_string(), *f)),
        (Some((n, f)), None) => Some(Level::One(n.to_string(), *f)),
        (None, None) => None,
    }
}

/// Every level word, longest first, for splitting glued text.
fn words() -> &'static [&'static str] {
    static W: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut w: Vec<&str> = LEVEL1
            .iter()
            .map(|p| p.0)
            .chain(LEVEL2.iter().map(|p| p.0).filter(|n| n.ends_with("指标")))
            .collect();
        w.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        w.dedup();
        w
    });
    &W
}

/// Splits level words off the front of a glued cell: `产出指标数量指标覆盖率100%` →
/// `产出指标`, `数量指标`, `覆盖率100%`. A `(70分)` annotation after a word stays with it.
pub fn split_levels(cell: &str) -> Vec<String> {
    static SCORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[(（][^()（）]{0,12}[)）]").unwrap());
    let mut out = Vec::new();
    let mut rest = cell.trim();
    'outer: loop {
        for w in words() {
            if let Some(after) = rest.strip_prefix(w) {
                let mut word = w.to_string();
                let mut after = after;
                if let Some(m) = SCORE.find(after)
                    && bare(&format!("{w}{}", m.as_str())) == *w
                {
                    word.push_str(m.as_str());
                    after = &after[m.end()..];
                }
                // `服务对象满意度指标等`: a lone character after the word stays with it.
                if after.chars().count() == 1 && !after.starts_with(|c: char| c.is_ascii_digit()) {
                    word.push_str(after);
                    after = "";
                }
                out.push(word);
                rest = after.trim_start();
                if rest.is_empty() {
                    break 'outer;
                }
                continue 'outer;
            }
        }
        break;
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// True for the start of a level name cut by the end of the text (`满意`, `生态`).
pub fn is_level_prefix(s: &str) -> bool {
    let b = bare(s);
    !b.is_empty() && words().iter().any(|w| w.starts_with(&b) && *w != b)
}

/// A comparison sign as the forms write it, including the look-alikes `≧` `═` `＝`.
pub fn is_operator(s: &str) -> bool {
    matches!(
        s.trim(),
        "≥" | "≤" | "=" | "＝" | "═" | "≧" | "≦" | ">" | "<" | "＞" | "＜" | "≥=" | ">=" | "<="
    )
}

/// What a look-alike sign reads as, when it is one (reported, never written into the draft).
pub fn look_alike(c: char) -> Option<char> {
    match c {
        '≧' => Some('≥'),
        '≦' => Some('≤'),
        '═' | '＝' => Some('='),
        '＞' => Some('>'),
        '＜' => Some('<'),
        _ => None,
    }
}

/// A plain number (a weight or a score): `10`, `7.5`, `100.00`.
pub fn is_number(s: &str) -> bool {
    static N: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(\.\d+)?$").unwrap());
    N.is_match(&ascii_digits(s.trim()))
}

/// A unit cell: short, no digits, not a sign (`人次`, `%`, `万亩`, `人/天`, `百分比`).
pub fn is_unit(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 5
        && !s.chars().any(|c| c.is_ascii_digit())
        && !is_operator(s)
        && !matches!(s, "定性" | "定量" | "/" | "—" | "-" | "……" | "…")
}

/// Qualitative targets the forms use, by which a glued `…情况稳步提高` is split.
const QUALITATIVE: [&str; 24] = [
    "稳步提高",
    "稳步提升",
    "明显提升",
    "明显提高",
    "明显增加",
    "明显增强",
    "明显改善",
    "显著提升",
    "显著提高",
    "显著改善",
    "持续改善",
    "持续加强",
    "持续提升",
    "持续向好",
    "巩固提高",
    "有效提升",
    "有效保障",
    "逐步提高",
    "日益提高",
    "进一步提高",
    "有所提高",
    "良好",
    "有效",
    "提高",
];

/// Full-width digits read as ASCII ones, for recognising shapes only.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// Splits a cell in which a name and its target are glued (`改造覆盖率100%`,
/// `学生家长满意度≥90%`, `发展情况稳步提高`) at the start of the target. None when no target
/// shape ends the cell, or nothing is left for the name.
pub fn split_glued(cell: &str) -> Option<(String, String)> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([≥≤=＝═≧≦<>＜＞]\s*)?(\d+(\.\d+)?)\s*(%|％|[\p{Han}/]{0,4})$").unwrap()
    });
    let c = cell.trim();
    if let Some(m) = TAIL.find(c) {
        let mut start = m.start();
        // `100%` in `覆盖率100%`: the digits of a name such as `2021年` stay with the name
        // only when an operator does not open the value.
        let name = c[..start].trim_end();
        if name.ends_with(|ch: char| ch.is_ascii_digit()) {
            return None;
        }
        if name.chars().count() >= 2 {
            // A value that is only a unit-less number of more than 4 digits glued to a name
            // is not trusted.
            let value = &c[start..];
            if value.chars().count() > 12 {
                return None;
            }
            while !c.is_char_boundary(start) {
                start -= 1;
            }
            return Some((name.to_string(), c[start..].trim().to_string()));
        }
        return None;
    }
    let q = QUALITATIVE.iter().find(|q| c.ends_with(*q))?;
    let name = c[..c.len() - q.len()].trim_end();
    (name.chars().count() >= 2).then(|| (name.to_string(), q.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_words_are_split_off_glued_rows() {
        assert_eq!(
            split_levels("产出指标数量指标农村义务教育学校改造覆盖率100%"),
            vec!["产出指标", "数量指标", "农村义务教育学校改造覆盖率100%"]
        );
        assert_eq!(
            split_levels("社会公众或服务对象满意度指标学生家长满意度≥90%"),
            vec!["社会公众或服务对象满意度指标", "学生家长满意度≥90%"]
        );
        assert_eq!(
            split_levels("购置设施设备质量合格率100%"),
            vec!["购置设施设备质量合格率100%"]
        );
    }

    #[test]
    fn levels_are_read_with_their_annotations_off() {
        assert_eq!(
            level("产 出 指 标 (50分)", false),
            Some(Level::One("产出指标".into(), Family::Output))
        );
        assert_eq!(
            level("成本指标(必填硬性指标)", true),
            Some(Level::Two("成本指标".into(), Family::Output))
        );
        assert_eq!(
            level("满意度指标", true),
            Some(Level::Two("满意度指标".into(), Family::Satisfaction))
        );
        assert_eq!(level("造林面积", false), None);
    }

    #[test]
    fn glued_names_and_targets_split_at_the_target() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            split_glued("农村义务教育学校改造覆盖率100%"),
            s("农村义务教育学校改造覆盖率", "100%")
        );
        assert_eq!(
            split_glued("学生家长满意度≥90%"),
            s("学生家长满意度", "≥90%")
        );
        assert_eq!(
            split_glued("义务教育优质均衡发展情况稳步提高"),
            s("义务教育优质均衡发展情况", "稳步提高")
        );
        assert_eq!(split_glued("全面改善办学条件"), None);
    }

    #[test]
    fn shapes() {
        assert!(is_operator("≧") && is_operator("═") && !is_operator("≥90%"));
        assert!(is_number("10") && is_number("１０") && !is_number("10个"));
        assert!(is_unit("人次") && is_unit("%") && !is_unit("2") && !is_unit("≥"));
    }
}
