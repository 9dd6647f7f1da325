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

/// `s` without `word` at its start, where justification may have put spaces (ASCII,
/// full-width, no-break) between the word's characters: `预 算 金 额（万元）` → `（万元）`.
/// None when `s` does not start with the word.
pub fn strip_spaced_prefix<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s;
    for (k, w) in word.chars().enumerate() {
        if k > 0 {
            rest = rest.trim_start();
        }
        rest = rest.strip_prefix(w)?;
    }
    Some(rest)
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
            if let Some(after) = strip_spaced_prefix(rest, w) {
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

/// Comparison words the forms write in place of a sign (`不低于90%`, `大于等于95%`), longest
/// first: they open the value, not end the name.
pub const COMPARISON_WORDS: [&str; 14] = [
    "大于或等于",
    "小于或等于",
    "大于等于",
    "小于等于",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "不大于",
    "不小于",
    "大于",
    "小于",
    "高于",
    "低于",
];

/// Splits a cell in which a name and its target are glued (`改造覆盖率100%`,
/// `学生家长满意度≥90%`, `巡护里程不少于1200公里`, `发展情况稳步提高`) at the start of the
/// target: its sign or comparison word, else its number. None when no target shape ends the
/// cell, or nothing is left for the name.
pub fn split_glued(cell: &str) -> Option<(String, String)> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"((?:[≥≤=＝═≧≦<>＜＞]|{})\s*)?(\d+(\.\d+)?)\s*(%|％|‰|‱|[\p{{Han}}/]{{0,4}})$",
            COMPARISON_WORDS.join("|")
        ))
        .unwrap()
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

/// A date as a page or a form writes it: `2022-04-07`, `2022/4/7`, `2022.04.07`,
/// `2022年4月7日` (the parts captured as year, month, day).
const DATE: &str = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?";

/// The labels under which a web page gives its publication date. The first of them a text
/// holds, followed by a date, is the page's `document.published`.
pub const DATE_LABELS: [&str; 6] = [
    "发文日期",
    "发布日期",
    "发布时间",
    "成文日期",
    "公开日期",
    "生成日期",
];

/// What the date after a page's date label turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// A real date.
    Date {
        /// The line (1-based).
        line: usize,
        /// As written.
        written: String,
        /// Written YYYY-MM-DD.
        date: crate::content::model::Date,
    },
    /// A date that cannot be (`2022-02-30`), as written, with its line (1-based).
    Impossible {
        /// The line.
        line: usize,
        /// The date as written.
        written: String,
    },
}

/// The publication date a web page gives (`发文日期: 2022-04-07`, `发布时间：2022年4月7日`,
/// `发布日期 2022/4/7`), the first one the text holds; None when no date label is followed
/// by a date.
pub fn published(text: &str) -> Option<Published> {
    static P: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:{})\s*[:：]?\s*({DATE})",
            DATE_LABELS.join("|")
        ))
        .unwrap()
    });
    for (i, line) in text.lines().enumerate() {
        let line = ascii_digits(line);
        let Some(c) = P.captures(&line) else {
            continue;
        };
        let written = c[1].trim().to_string();
        // Written YYYY-MM-DD, a real date is what the site's own date type accepts.
        let date = (c[3].parse::<u32>().ok())
            .zip(c[4].parse::<u32>().ok())
            .and_then(|(m, d)| {
                crate::content::model::Date::try_from(format!("{}-{m:02}-{d:02}", &c[2])).ok()
            });
        return Some(match date {
            Some(date) => Published::Date {
                line: i + 1,
                written,
                date,
            },
            None => Published::Impossible {
                line: i + 1,
                written,
            },
        });
    }
    None
}

/// A label as a pattern that allows the spacing justification puts between its characters
/// (`索 引 号`, `标\u{3000}\u{3000}题`, `发\u{a0}布\u{a0}日\u{a0}期`): ASCII, full-width and
/// no-break spaces alike, since `\s` is Unicode's white space.
pub fn spaced(label: &str) -> String {
    let chars: Vec<String> = label
        .chars()
        .map(|c| regex::escape(&c.to_string()))
        .collect();
    chars.join(r"\s*")
}

/// Several labels as one alternation, each [`spaced`], longest first so a label that
/// contains another is tried before it.
fn any_of(labels: &[&str]) -> String {
    let mut l: Vec<&str> = labels.to_vec();
    l.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let alt: Vec<String> = l.iter().map(|s| spaced(s)).collect();
    format!("(?:{})", alt.join("|"))
}

/// The fields of a page's information box (索引号, 发布机构, 有效性, 标题 …), which pages
/// lay out as label and value cells without a colon.
const BOX_FIELDS: [&str; 14] = [
    "发布机构",
    "发文机关",
    "发文单位",
    "公开方式",
    "公开范围",
    "公开形式",
    "主题分类",
    "内容分类",
    "信息分类",
    "主题词",
    "信息时效性",
    "有效性",
    "时效性",
    "所属机构",
];

/// Fields a page writes with a colon, whose value is words.
const COLON_FIELDS: [&str; 10] = [
    "来源单位",
    "信息来源",
    "文章来源",
    "来源",
    "发布单位",
    "作者",
    "编辑",
    "责任编辑",
    "审核",
    "组配分类",
];

/// The pieces of a government web page around a form, each as a pattern: the page's own
/// fields (索引号, 发文日期, 来源, 浏览次数 …), its tools (字体 大中小, 打印, 关闭, 分享到) and its
/// footer (主办单位, 网站标识码, ICP备案). A value is only of the shape the field takes (a code,
/// a date, a count, words without figures), so a figure of the form never hides in one. Every
/// label may be spaced out for justification ([`spaced`]).
fn furniture() -> &'static [Regex] {
    static F: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        let date = format!(r"{DATE}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?");
        let words = r"[\p{Han}A-Za-z·（）()、,，\s]*?";
        let code = r"[A-Za-z0-9/\-_.]*";
        [
            // A code: 索引号: 431102009/2022-00132, 网站标识码 4311020001.
            format!(
                r"{}\s*[:：]?\s*{code}",
                any_of(&["索引号", "统一登记号", "网站标识码", "信息索引", "分类号"])
            ),
            // A date, and the bare date-and-time a page prints under its title.
            format!(
                r"{}\s*[:：]?\s*(?:{date})?",
                any_of(
                    &[
                        &DATE_LABELS[..],
                        &[
                            "更新时间",
                            "更新日期",
                            "生效时间",
                            "废止时间",
                            "生效日期",
                            "废止日期",
                            "日期"
                        ]
                    ]
                    .concat()
                )
            ),
            format!(r"{DATE}\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?"),
            // Words, in the information box: 发布机构 区教育局, 有 效 性 有效, 公开方式: 主动公开.
            format!(
                r"{}\s*[:：]?\s*(?:{words}(?:\s|$|[【\[]))?",
                any_of(&BOX_FIELDS)
            ),
            // Words after a colon: 来源: 零陵区林业局.
            format!(
                r"{}\s*[:：]\s*(?:{words}(?:\s|$|[【\[]))?",
                any_of(&COLON_FIELDS)
            ),
            // 文号: 零林发〔2022〕3号, or empty.
            format!(
                r"{}\s*[:：]?\s*(?:\p{{Han}}*[〔\[（(【]\d{{4}}[〕\]）)】]\s*\d+\s*号)?",
                spaced("文号")
            ),
            // 标题: the page's title, one run of text (the form's own title repeats it).
            format!(r"{}\s*[:：]?\s*[^\s|:：]*", spaced("标题")),
            // A counter: 浏览次数: 123, 访问量：45次.
            format!(
                r"{}\s*[:：]?\s*\d*\s*次?",
                any_of(&[
                    "浏览次数",
                    "浏览量",
                    "访问量",
                    "访问次数",
                    "阅读次数",
                    "阅读量",
                    "点击数",
                    "点击量",
                    "点击率"
                ])
            ),
            // The tools: 【字体: 大 中 小】, 字号：T|T, 打印, 关闭窗口, 分享到: 微信 微博.
            format!(
                r"{}\s*[:：]?\s*(?:[【\[]?[大中小Tt|][】\]]?\s*){{0,3}}",
                any_of(&["字体", "字号"])
            ),
            format!(
                r"{}|\[下载\]|【?{}】?",
                any_of(&[
                    "打印本页",
                    "打印此页",
                    "打印文章",
                    "打印",
                    "关闭窗口",
                    "关闭本页",
                    "关闭",
                    "收藏",
                    "扫一扫在手机打开当前页",
                    "扫一扫",
                    "下载本文档",
                    "返回顶部",
                    "返回首页",
                    "返回上一页",
                    "返回列表",
                ]),
                spaced("我要纠错")
            ),
            format!(r"{}\s*[:：]?{words}$", spaced("分享到")),
            // The footer: 主办单位：…, 京ICP备12345678号-1, 湘公网安备 43110202000123号.
            format!(
                r"{}\s*[:：]\s*{words}(?:\s|$)",
                any_of(&[
                    "主办单位",
                    "承办单位",
                    "主办",
                    "承办",
                    "技术支持",
                    "维护单位",
                    "版权所有"
                ])
            ),
            r"\p{Han}{0,2}ICP备\s*\d+号(?:-\d+)?".to_string(),
            r"\p{Han}{0,2}公网安备\s*\d+号".to_string(),
            // The breadcrumb: 您现在所在的位置 : 首页 > 政务 > 部门预算 > 2020年.
            format!(
                r"{}\s*[:：]?(?:[\p{{Han}}A-Za-z·\s>＞»/]|\d{{4}}年)*",
                any_of(&["您现在所在的位置", "您所在的位置", "您的位置", "当前位置"])
            ),
            // The breadcrumb without its label, from the line's start: 首页 > 某局 > 部门项目.
            r"^首\s*页\s*[>＞»](?:[\p{Han}A-Za-z·\s>＞»/]|\d{4}年)*".to_string(),
            // A web form's counter copied with its field: 你还可以输入40, 还可输入 200 字.
            r"(?:你|您)?还可以?输入\s*\d+\s*个?字?".to_string(),
            // A copy that starts inside the 索引号 label: `号: 003139067/202505-00272`, only at
            // the start of a line and only with the 索引号's own shape (code/year-serial).
            r"^号\s*[:：]\s*[A-Za-z0-9]*/\d{4,6}-\d{3,6}".to_string(),
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect()
    });
    &F
}

/// The index of the bare date-and-time among [`furniture`]'s patterns: it names no field.
const BARE_DATE: usize = 2;

/// True when a line is wholly the web page's, not the form's: once the pieces of
/// [`furniture`] are taken out, only spaces and punctuation remain, and at least one piece
/// was a field or a tool of the page (a bare date alone is not enough).
pub fn is_page_furniture(line: &str) -> bool {
    let mut rest = ascii_digits(line.trim());
    let mut named = false;
    for (i, re) in furniture().iter().enumerate() {
        if re.is_match(&rest) {
            named |= i != BARE_DATE;
            rest = re.replace_all(&rest, " ").to_string();
        }
    }
    named
        && rest
            .chars()
            .all(|c| c.is_whitespace() || "：:,，。、;；|【】[]［］>＞»/\\-—·".contains(c))
}

/// The titles a page gives in its 标题 field (`标     题 项目支出绩效目标表3`): the page
/// repeats its title as a heading, and a line that is only that title is the page's too.
pub fn page_titles(text: &str) -> Vec<String> {
    static T: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:^|\s){}\s*[:：]?\s*([^\s|:：]+)",
            spaced("标题")
        ))
        .unwrap()
    });
    text.lines()
        .filter(|l| is_page_furniture(l))
        .filter_map(|l| T.captures(l).map(|c| c[1].to_string()))
        .filter(|t| !t.is_empty())
        .collect()
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
    fn spaced_words_are_stripped_as_words() {
        assert_eq!(
            strip_spaced_prefix("预 算 金 额（万元）", "预算金额"),
            Some("（万元）")
        );
        assert_eq!(
            strip_spaced_prefix("项\u{3000}目\u{a0}名 称 道路", "项目名称"),
            Some(" 道路")
        );
        assert_eq!(strip_spaced_prefix("预算数", "预算金额"), None);
        assert_eq!(
            split_levels("产 出 指 标 数 量 指 标 覆盖率100%"),
            vec!["产出指标", "数量指标", "覆盖率100%"]
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
        // A comparison word opens the value, as a sign does; ‰ is a unit as % is.
        assert_eq!(
            split_glued("巡护里程不少于1200公里"),
            s("巡护里程", "不少于1200公里")
        );
        assert_eq!(
            split_glued("群众满意度大于等于95%"),
            s("群众满意度", "大于等于95%")
        );
        assert_eq!(
            split_glued("苗木成活率不低于85%"),
            s("苗木成活率", "不低于85%")
        );
        assert_eq!(
            split_glued("森林火灾发生率低于1‰"),
            s("森林火灾发生率", "低于1‰")
        );
    }

    #[test]
    fn shapes() {
        assert!(is_operator("≧") && is_operator("═") && !is_operator("≥90%"));
        assert!(is_number("10") && is_number("１０") && !is_number("10个"));
        assert!(is_unit("人次") && is_unit("%") && !is_unit("2") && !is_unit("≥"));
    }

    #[test]
    fn page_furniture_is_the_pages_and_hides_no_figure() {
        for page in [
            "索引号: 431102009/2022-00132 发文日期: 2022-04-07 发布机构: 零陵区林业局",
            "公开方式: 主动公开 公开范围: 面向社会 主题词:",
            "统一登记号: 信息时效性: 有效 文号 :",
            "2022-04-07 15:25 来源: 零陵区林业局 发布机构: 零陵区林业局 【字体:   打印",
            "您现在所在的位置 : 首页 > 政务 > 政府信息公开年度报告",
            "当前位置:首页 > 政府信息公开 > 财政预决算公开 > 部门预算 > 2020年",
            "发布时间：2022年4月7日 浏览次数：1234 【字体：大 中 小】【打印】【关闭】",
            "来源：县财政局  访问量：56次",
            "分享到：微信 微博 QQ空间",
            "主办单位：某某县人民政府办公室 网站标识码：4311020001 湘ICP备12345678号-1",
            "文号：零林发〔2022〕3号",
            // The breadcrumb without its label, and the way back (shushan).
            "首页 > 蜀山区市场监督管理局 > 财政资金 > 部门项目",
            "返回首页",
        ] {
            assert!(is_page_furniture(page), "{page}");
        }
        for form in [
            // A figure of the form beside a page's field.
            "来源: 零陵区林业局 年初预算数 4753.66",
            "发文日期: 2022-04-07 387664.62",
            "浏览次数：12 | 100% | 10",
            // A form's own lines.
            "年度资金总额: | 202010100.00%10 |",
            "2022-04-07 15:25",
            "中江县水利局2022年12月30日",
            "项目名称：退耕还林",
            // 首页 without the breadcrumb's shape, or not at the line's start.
            "首页改版设计 10万元",
            "网站 首页 > 栏目 维护费 5万元",
        ] {
            assert!(!is_page_furniture(form), "{form}");
        }
    }

    /// Corpus 01 and 02 open with a page's information box whose labels are spaced out for
    /// justification; 11 and 22 start inside the 索引号 label.
    #[test]
    fn spaced_labels_of_the_information_box_are_the_pages() {
        for page in [
            "索 引 号 733569413/2021-00944 发布日期 2021-01-05",
            "发布机构 区教育局 有 效 性 有效",
            "标     题 绩效目标表 文     号",
            "标     题 项目支出绩效目标表3 文     号",
            "号: 003139067/202505-00272 信息分类: 部门项目绩效",
            "内容分类: 财政、金融、审计、统计,其他 发文日期: 2022-12-29",
            "发 布 日 期：2022年4月7日 浏 览 次 数：12",
            "【打 印】【关 闭】",
            "你还可以输入40",
            "来源单位: 金安区财政局",
            "生效时间: 废止时间:",
        ] {
            assert!(is_page_furniture(page), "{page}");
        }
        for form in [
            "标     题 项目 4753.66",
            "号: 12345",
            "项目来源 本级申报项目 项目期 3年",
            "资金来源 财政拨款",
            "发布机构 区教育局 预算数 40",
        ] {
            assert!(!is_page_furniture(form), "{form}");
        }
        assert_eq!(
            page_titles(
                "索 引 号 1/2020-806617\n标     题 项目支出绩效目标表3 文     号\n项目名称 x"
            ),
            vec!["项目支出绩效目标表3"]
        );
    }

    /// Every label of the page, spaced out by any of the three spaces justification uses,
    /// is still the page's, and a figure beside it still is not.
    #[test]
    fn any_label_spaced_out_by_any_space_is_still_read() {
        let lines = [
            ("索引号", " 431102009/2022-00132"),
            ("发文日期", "：2022-04-07"),
            ("发布时间", " 2022年4月7日 15:25"),
            ("发布机构", " 零陵区林业局"),
            ("有效性", " 有效"),
            ("主题分类", "：财政"),
            ("来源", "：县财政局"),
            ("文号", "：零林发〔2022〕3号"),
            ("浏览次数", "：1234"),
            ("网站标识码", " 4311020001"),
            ("您现在所在的位置", "：首页 > 政务"),
            ("打印本页", ""),
        ];
        for space in [" ", "\u{3000}", "\u{a0}", "  "] {
            for (label, value) in lines {
                let spaced: Vec<String> = label.chars().map(String::from).collect();
                let line = format!("{}{value}", spaced.join(space));
                assert!(is_page_furniture(&line), "{line:?}");
                let with_figure = format!("{line} 年初预算数 4753.66");
                assert!(!is_page_furniture(&with_figure), "{with_figure:?}");
            }
        }
    }

    #[test]
    fn the_pages_date_in_any_shape_when_it_is_real() {
        let taken = |t: &str| match published(t) {
            Some(Published::Date { date, .. }) => Some(date.as_str().to_string()),
            _ => None,
        };
        for t in [
            "发文日期: 2022-04-07",
            "发文日期：2022年4月7日",
            "发布日期 2022/4/7",
            "发布时间：2022.04.07 15:25",
            "成文日期：２０２２年０４月０７日",
        ] {
            assert_eq!(taken(t).as_deref(), Some("2022-04-07"), "{t}");
        }
        assert_eq!(
            published("标题\n发文日期：2022年2月30日"),
            Some(Published::Impossible {
                line: 2,
                written: "2022年2月30日".into()
            })
        );
        assert!(matches!(
            published("发布日期: 2021/13/01"),
            Some(Published::Impossible { .. })
        ));
        assert_eq!(published("2022年4月7日 中江县水利局"), None);
    }
}
