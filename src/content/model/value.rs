//! 指标值: a target value kept verbatim, and its parsed, typed form.
//!
//! The parser accepts the forms found in published documents: comparisons written as symbols
//! (`≥ ≤ > < =`, `≧ ≦`, full-width `＞＝`, ASCII `>=`) or words (不低于, 不超过, 达, 预计 …),
//! numbers and ranges with a unit (`1-2批次`, `≤8小时/天`, `≥1 万份`), dates and deadlines
//! (`2024年12月底前`, `每月25日前`, `不超过12月份`) and known qualitative phrases (`效果明显`).
//! Anything else is kept as [`TargetValue::Unparsed`], never dropped.

use regex::Regex;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// A target value as published, with its parsed form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Target {
    raw: String,
    parsed: TargetValue,
    /// False when the YAML left the field out (the default), true when it wrote a value,
    /// even an empty one (`value: ""`): a blank published as blank.
    written: bool,
}

impl Target {
    /// Parses `raw`, keeping it verbatim.
    pub fn new(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parsed = TargetValue::parse(&raw);
        Target {
            raw,
            parsed,
            written: true,
        }
    }

    /// True when the file writes the value, even blank (`value: ""`); false when it leaves
    /// the field out, which says nothing about the source.
    pub fn is_written(&self) -> bool {
        self.written
    }

    /// The value exactly as published.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The parsed form.
    pub fn parsed(&self) -> &TargetValue {
        &self.parsed
    }
}

/// What a target value means.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetValue {
    /// The cell is empty.
    #[default]
    Empty,
    /// A number or range with an optional comparison and unit: `≥650批次`, `预计1-2批次`.
    Quantity(Quantity),
    /// A date or deadline: `2024年12月底前`, `每月25日前`.
    Deadline(Deadline),
    /// A qualitative target from the known vocabulary: `效果明显`, `日益提高`.
    Qualitative(Qualitative),
    /// Text the parser cannot place; shown as written and flagged by `check`.
    Unparsed,
}

/// A comparison that bounds a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// ≥, ≧, 不低于, 不少于, 达.
    AtLeast,
    /// ≤, ≦, 不超过, 不高于, 控制在.
    AtMost,
    /// >, 大于, 高于, 超过.
    MoreThan,
    /// <, 小于, 低于.
    LessThan,
    /// =, 等于.
    Exactly,
}

impl Comparison {
    /// The mathematical symbol for this comparison.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
            Comparison::MoreThan => ">",
            Comparison::LessThan => "<",
            Comparison::Exactly => "=",
        }
    }
}

/// A number or an inclusive range of numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Magnitude {
    /// A single number.
    Exact {
        /// The number.
        value: Decimal,
    },
    /// A range such as `1-2`.
    Range {
        /// Lower bound.
        low: Decimal,
        /// Upper bound.
        high: Decimal,
    },
}

/// A measurable target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The bound, if the value states one.
    pub comparison: Option<Comparison>,
    /// True when the value is an estimate (`预计`).
    pub estimate: bool,
    /// The number or range.
    pub magnitude: Magnitude,
    /// The unit as written, normalised (`批次`, `万元`, `%`, `小时/天`); `None` for a bare number.
    pub unit: Option<String>,
    /// Text after the unit, such as `（含标识）`.
    pub note: Option<String>,
}

impl Quantity {
    /// The unit of time the quantity is written in (`≤90天`, `3个工作日内`, `≥1年`), if it is
    /// one ([`TimeUnit::of`]).
    pub fn time_unit(&self) -> Option<TimeUnit> {
        self.unit.as_deref().and_then(TimeUnit::of)
    }
}

/// A unit of time a target is written in: the one list of them, which the value parser
/// reads as units and the review as a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// 分钟.
    Minute,
    /// 小时 (also per day: `小时/天`).
    Hour,
    /// 天, 日, 自然日, 日历天.
    Day,
    /// 工作日, 个工作日.
    WorkingDay,
    /// 周, 星期, 个星期.
    Week,
    /// 月, 个月.
    Month,
    /// 季度, 个季度.
    Quarter,
    /// 年.
    Year,
}

impl TimeUnit {
    /// Every way a form writes a unit of time, each with its unit.
    pub const WORDS: [(&'static str, TimeUnit); 17] = [
        ("分钟", TimeUnit::Minute),
        ("小时", TimeUnit::Hour),
        ("个小时", TimeUnit::Hour),
        ("天", TimeUnit::Day),
        ("日", TimeUnit::Day),
        ("自然日", TimeUnit::Day),
        ("日历天", TimeUnit::Day),
        ("工作日", TimeUnit::WorkingDay),
        ("个工作日", TimeUnit::WorkingDay),
        ("周", TimeUnit::Week),
        ("星期", TimeUnit::Week),
        ("个星期", TimeUnit::Week),
        ("月", TimeUnit::Month),
        ("个月", TimeUnit::Month),
        ("季度", TimeUnit::Quarter),
        ("个季度", TimeUnit::Quarter),
        ("年", TimeUnit::Year),
    ];

    /// The unit of time a unit names: one of [`TimeUnit::WORDS`], also followed by
    /// `内`/`之内`/`以内` (`个工作日内`), or a time per period (`小时/天` is hours).
    pub fn of(unit: &str) -> Option<TimeUnit> {
        let u = unit.trim();
        let u = ["之内", "以内", "内"]
            .iter()
            .find_map(|w| u.strip_suffix(w))
            .unwrap_or(u);
        if let Some((time, per)) = u.split_once('/') {
            return TimeUnit::of(per).and(TimeUnit::of(time));
        }
        Self::WORDS.iter().find(|(w, _)| *w == u).map(|(_, t)| *t)
    }
}

/// Whether a deadline happens once or every month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// A single date.
    Once,
    /// Every month (`每月`).
    Monthly,
}

/// The day part of a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "day", rename_all = "snake_case")]
pub enum DayPart {
    /// No day given (`2024年12月`).
    Unspecified,
    /// A day of the month (`31日`).
    Day(u8),
    /// The end of the month or year (`底`, `月底`).
    End,
    /// The middle of the month (`中旬`).
    Middle,
}

/// A date or deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Once or monthly.
    pub recurrence: Recurrence,
    /// The year, when written.
    pub year: Option<u16>,
    /// The month, when written.
    pub month: Option<u8>,
    /// The day part.
    pub day: DayPart,
    /// True when the date is a limit (`前`, `不超过`), false when it is the date itself.
    pub by: bool,
    /// Trailing verb such as `完成`, `发放`, `缴纳`.
    pub action: Option<String>,
}

/// A qualitative target from the known vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualitative {
    /// What kind of statement it is.
    pub trend: Trend,
}

/// Known qualitative statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// 日益提高, 持续提高, 逐步提高, 有所提升, 持续向好 …
    Improving,
    /// 效果明显, 显著.
    Effective,
    /// 零发生, 无.
    NoOccurrence,
    /// 长期影响, 长期, 可持续性 …: an effect over time with nothing to measure.
    Lasting,
    /// 好, 较好, 良好, 优秀, 合格, 达标 …: one tier of a graded scale, the form the rules ask
    /// for where a target cannot be a number (分级分档的定性表述), not a trend.
    Grade,
    /// 全覆盖, 覆盖全区所有人员, 应保尽保, 全部完成, 足额发放 …: all of something, a hundred
    /// per cent said in words, which can be checked as it stands.
    Whole,
}

impl Trend {
    /// A short Chinese description for pages.
    pub fn label(self) -> &'static str {
        match self {
            Trend::Improving => "趋势向好（定性）",
            Trend::Effective => "效果明显（定性）",
            Trend::NoOccurrence => "零发生",
            Trend::Lasting => "长期影响（定性）",
            Trend::Grade => "分档定性",
            Trend::Whole => "全部做到（定性）",
        }
    }
}

impl TargetValue {
    /// Parses a published value. Never fails: what cannot be placed is [`TargetValue::Unparsed`].
    pub fn parse(raw: &str) -> TargetValue {
        let text = normalize(raw);
        if text.is_empty() {
            return TargetValue::Empty;
        }
        if let Some(d) = parse_deadline(&text) {
            return TargetValue::Deadline(d);
        }
        if let Some(q) = parse_quantity(&text) {
            return TargetValue::Quantity(q);
        }
        if let Some(t) = parse_qualitative(&text) {
            return TargetValue::Qualitative(Qualitative { trend: t });
        }
        TargetValue::Unparsed
    }

    /// True for a value with a number, date or range in it.
    pub fn is_quantitative(&self) -> bool {
        matches!(self, TargetValue::Quantity(_) | TargetValue::Deadline(_))
    }

    /// A stable snake_case name of the kind, for data exports and CSS classes.
    pub fn kind_name(&self) -> &'static str {
        match self {
            TargetValue::Empty => "empty",
            TargetValue::Quantity(_) => "quantity",
            TargetValue::Deadline(_) => "deadline",
            TargetValue::Qualitative(_) => "qualitative",
            TargetValue::Unparsed => "unparsed",
        }
    }
}

/// Folds full-width forms to ASCII, `≧ ≦` to `≥ ≤`, a box-drawing `═` to `=`, and removes
/// all white space.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' => '≥',
            '═' => '=',
            '≦' => '≤',
            '－' | '—' | '～' | '~' | '至' => '-',
            '／' => '/',
            _ => c,
        };
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out.replace(">=", "≥").replace("<=", "≤")
}

/// Parses a plain decimal number (`46500`, `0.65`); `None` for anything else.
pub fn parse_number(s: &str) -> Option<Decimal> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Decimal::from_str(s).ok()
}

const COMPARISON_WORDS: &[(&str, Comparison)] = &[
    ("≥", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    (">", Comparison::MoreThan),
    ("<", Comparison::LessThan),
    ("=", Comparison::Exactly),
    ("不低于", Comparison::AtLeast),
    ("不少于", Comparison::AtLeast),
    ("不超过", Comparison::AtMost),
    ("不高于", Comparison::AtMost),
    ("不多于", Comparison::AtMost),
    ("控制在", Comparison::AtMost),
    ("大于", Comparison::MoreThan),
    ("高于", Comparison::MoreThan),
    ("超过", Comparison::MoreThan),
    ("多于", Comparison::MoreThan),
    ("小于", Comparison::LessThan),
    ("低于", Comparison::LessThan),
    ("少于", Comparison::LessThan),
    ("等于", Comparison::Exactly),
    ("达到", Comparison::AtLeast),
    ("达", Comparison::AtLeast),
];

/// Units found in budget indicator tables besides units of time ([`TimeUnit::WORDS`]); the
/// longest that fits wins, so that `批次` wins over `次`.
const UNITS: &[&str] = &[
    "小时/天",
    "万元",
    "亿元",
    "批次",
    "台件",
    "台套",
    "人次",
    "户次",
    "家次",
    "元",
    "%",
    // `≥100百分比`: the percent sign written out.
    "百分比",
    "‰",
    "批",
    "次",
    "家",
    "个",
    "台",
    "件",
    "份",
    "人",
    "张",
    "部",
    "套",
    "辆",
    "户",
    "项",
    "块",
    "组",
    "处",
    "场",
    "期",
    "篇",
    "条",
    "所",
    "座",
    "株",
    "吨",
    "公里",
    "平方米",
    "米",
    "厘米",
    "亩",
    "只",
    "头",
    "册",
    "本",
    "宗",
    "起",
    "类",
    "名",
    "辆次",
    // A score (`≥90分`), which the review reads apart from a count.
    "分",
];

fn split_unit(rest: &str) -> Option<(Option<String>, &str)> {
    if rest.is_empty() {
        return Some((None, rest));
    }
    let (prefix, body) = match rest.strip_prefix('万') {
        Some(b) if !rest.starts_with("万元") => ("万", b),
        _ => ("", rest),
    };
    let unit = unit_at(body)?;
    let rest = &body[unit.len()..];
    // A rate per something: `2次/年`, `0.5万元/人`.
    if let Some(per) = rest.strip_prefix('/').and_then(unit_at) {
        let after = &rest[1 + per.len()..];
        return Some((Some(format!("{prefix}{unit}/{per}")), after));
    }
    Some((Some(format!("{prefix}{unit}")), rest))
}

/// The unit at the start of `text`, of [`UNITS`] or a unit of time, the longest that fits
/// (`批次` over `次`): a value's unit, and what a rate is per (`人`, `户`, `年`, `季度`).
fn unit_at(text: &str) -> Option<&'static str> {
    (UNITS.iter().copied())
        .chain(TimeUnit::WORDS.iter().map(|(w, _)| *w))
        .filter(|u| text.starts_with(*u))
        .max_by_key(|u| u.len())
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?").expect("valid number pattern")
});

fn parse_quantity(text: &str) -> Option<Quantity> {
    let mut rest = text;
    let estimate = match rest.strip_prefix("预计") {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    };
    let mut comparison = None;
    for (word, cmp) in COMPARISON_WORDS {
        if let Some(r) = rest.strip_prefix(word) {
            comparison = Some(*cmp);
            rest = r;
            break;
        }
    }
    // `每年2次` is `2次/年`.
    let per = match rest.strip_prefix('每').and_then(|r| Some((unit_at(r)?, r))) {
        Some((per, r)) => {
            rest = &r[per.len()..];
            Some(per)
        }
        None => None,
    };
    let caps = NUMBER.captures(rest)?;
    let low = Decimal::from_str(caps.get(1)?.as_str()).ok()?;
    let magnitude = match caps.get(2) {
        Some(h) => Magnitude::Range {
            low,
            high: Decimal::from_str(h.as_str()).ok()?,
        },
        None => Magnitude::Exact { value: low },
    };
    rest = &rest[caps.get(0)?.end()..];
    let (mut unit, tail) = split_unit(rest)?;
    if let Some(per) = per {
        unit = Some(format!("{}/{per}", unit?));
    }
    let tail = tail.trim_start_matches(['。', '，', ',']);
    // `以上`/`以内` (`及以上`, `以上（含）`) restate the comparison; anything else is not a
    // quantity we understand.
    let restated = {
        let t = tail.strip_prefix(['及', '或']).unwrap_or(tail);
        (["以上", "以下", "以内", "之内"].iter())
            .filter_map(|w| t.strip_prefix(w))
            .any(|r| r.is_empty() || r.starts_with(['（', '(']))
    };
    let note = match tail {
        "" => None,
        t if t.starts_with(['（', '(']) => Some(t.to_string()),
        _ if restated => Some(tail.to_string()),
        // `内` restates it after a time (`3个工作日内`).
        "内" if unit.as_deref().and_then(TimeUnit::of).is_some() => Some(tail.to_string()),
        _ => return None,
    };
    Some(Quantity {
        comparison,
        estimate,
        magnitude,
        unit,
        note,
    })
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<limit>不超过|不晚于)?",
        r"(?:(?P<year>\d{4})年)?",
        // A period, `2021年1月-12月`: done within it, by its end.
        r"(?P<from>\d{1,2}月(?:\d{1,2}日)?-(?:\d{4}年)?)?",
        r"(?P<monthly>每月)?",
        r"(?:(?P<month>\d{1,2})月份?)?",
        r"(?:(?P<day>\d{1,2})日|(?P<end>月?底)|(?P<mid>中旬))?",
        r"(?P<before>前|之前|以前)?",
        // What is done by then, in full (`12月底前100%到位`, `全额拨付`).
        r"(?P<action>(?:\d+(?:\.\d+)?%|全部|全额)?",
        r"(?:完成|发放|缴纳|支付|拨付|下达|到位|实施完毕|支出完毕|(?:拨付|支付|发放)到位))?$"
    ))
    .expect("valid deadline pattern")
});

fn parse_deadline(text: &str) -> Option<Deadline> {
    let c = DEADLINE.captures(text)?;
    let year = c.name("year").and_then(|m| m.as_str().parse().ok());
    let month: Option<u8> = c.name("month").and_then(|m| m.as_str().parse().ok());
    let monthly = c.name("monthly").is_some();
    if year.is_none() && month.is_none() && !monthly {
        return None;
    }
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    let day = if let Some(d) = c.name("day") {
        let d: u8 = d.as_str().parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        DayPart::Day(d)
    } else if c.name("end").is_some() {
        DayPart::End
    } else if c.name("mid").is_some() {
        DayPart::Middle
    } else {
        DayPart::Unspecified
    };
    // `2024年` alone is a year, not a deadline; `每月` alone says nothing.
    if month.is_none() && day == DayPart::Unspecified {
        return None;
    }
    Some(Deadline {
        recurrence: if monthly {
            Recurrence::Monthly
        } else {
            Recurrence::Once
        },
        year,
        month,
        day,
        by: c.name("limit").is_some() || c.name("before").is_some() || c.name("from").is_some(),
        action: c.name("action").map(|m| m.as_str().to_string()),
    })
}

const TRENDS: &[(&str, Trend)] = &[
    ("日益提高", Trend::Improving),
    ("持续提高", Trend::Improving),
    ("逐步提高", Trend::Improving),
    ("不断提高", Trend::Improving),
    ("有所提高", Trend::Improving),
    ("有所提升", Trend::Improving),
    ("持续提升", Trend::Improving),
    ("稳步提升", Trend::Improving),
    ("持续向好", Trend::Improving),
    ("逐步改善", Trend::Improving),
    ("明显改善", Trend::Improving),
    ("效果明显", Trend::Effective),
    ("效果显著", Trend::Effective),
    ("成效明显", Trend::Effective),
    ("显著", Trend::Effective),
    ("明显", Trend::Effective),
    ("零发生", Trend::NoOccurrence),
    ("无发生", Trend::NoOccurrence),
    ("长期影响", Trend::Lasting),
    ("长期", Trend::Lasting),
    ("可持续性", Trend::Lasting),
    ("可持续", Trend::Lasting),
    ("持续", Trend::Lasting),
];

/// Words that say a trend goes on (`稳步`, `明显`): before a verb of [`RISING`], the phrase is
/// [`Trend::Improving`] (`稳步提高`, `明显提升`, `进一步改善`).
const ADVERBS: &[&str] = &[
    "日益",
    "持续",
    "逐步",
    "不断",
    "有所",
    "稳步",
    "明显",
    "显著",
    "进一步",
    "大幅",
    "有效",
    "得到",
    "全面",
    "逐年",
];

/// Verbs of a trend for the better.
const RISING: &[&str] = &["提高", "提升", "改善", "增强", "好转", "向好"];

/// The tiers of a graded qualitative scale (好、较好、一般、差; 优、良、中、差; 合格): a target
/// written as one tier, alone or after a short subject (`质量良好`, `验收合格`); a tier of one
/// character only alone (`好`: `越来越好` is a trend, not a tier).
const GRADES: &[&str] = &["优秀", "优良", "良好", "较好", "较高", "合格", "达标"];

/// A tier of one character, recognised only as the whole value.
const GRADE_CHARS: &[&str] = &["好", "优", "良"];

/// Words that say all of it (`全部完成`, `足额发放`), before a verb of [`DONE`]; not `全面`,
/// which says how thoroughly, not how much (`全面落实` is an intention, not a count).
const WHOLLY: &[&str] = &["全部", "全额", "足额"];

/// Verbs of a thing done, after a word of [`WHOLLY`].
const DONE: &[&str] = &[
    "完成", "到位", "覆盖", "发放", "拨付", "兑现", "落实", "支付", "解决", "办结",
];

/// All of something, said in words ([`Trend::Whole`]): `全覆盖` (after a short subject:
/// `实现全覆盖`), `覆盖全区所有人员` / `覆盖所有村`, `应保尽保` (应 X 尽 X), `全部完成`.
fn whole(text: &str) -> bool {
    let covers_all = text.strip_prefix("覆盖").is_some_and(|rest| {
        (rest.starts_with('全') || rest.starts_with("所有")) && rest.chars().count() <= 10
    });
    let mut c = text.chars();
    let every_due = matches!(
        (c.next(), c.next(), c.next(), c.next(), c.next()),
        (Some('应'), Some(x), Some('尽'), Some(y), None) if x == y
    );
    let wholly_done = DONE.iter().any(|v| {
        text.strip_suffix(v)
            .and_then(|before| WHOLLY.iter().find_map(|w| before.strip_suffix(w)))
            .is_some_and(short)
    });
    text.strip_suffix("全覆盖").is_some_and(short) || covers_all || every_due || wholly_done
}

/// A subject short enough to stand before a known phrase (`水平日益提高`, `实现全覆盖`):
/// longer, and the value is a sentence.
fn short(subject: &str) -> bool {
    subject.chars().count() <= 4
}

fn parse_qualitative(text: &str) -> Option<Trend> {
    let text = text.trim_end_matches(['。', '.']);
    // The phrase alone, or after a short subject (“水平日益提高”).
    let known = TRENDS.iter().find_map(|(phrase, trend)| {
        let subject = text.strip_suffix(phrase)?;
        short(subject).then_some(*trend)
    });
    let rising = || {
        let before = RISING.iter().find_map(|v| text.strip_suffix(v))?;
        let subject = ADVERBS.iter().find_map(|a| before.strip_suffix(a))?;
        short(subject).then_some(Trend::Improving)
    };
    let grade = || {
        let subject = (GRADES.iter().find_map(|g| text.strip_suffix(g)))
            .or_else(|| GRADE_CHARS.contains(&text).then_some(""))?;
        // `100%合格` is a rate, said in a number.
        (short(subject) && !subject.chars().any(|c| c.is_ascii_digit())).then_some(Trend::Grade)
    };
    let whole = || whole(text).then_some(Trend::Whole);
    known.or_else(rising).or_else(grade).or_else(whole)
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// In text formats (the published `data.json`) a value is its text and its parsed form. In
/// binary formats (the build's store of parsed documents, [`crate::content::load::parsed`])
/// it is its text, whether the file wrote it at all (the one thing a value knows that its
/// JSON does not say) and its parsed form, so that reading a stored document runs no parser:
/// parsing the values again was a sixth of the time it took to read 2,000 stored documents
/// back (`perf`, 2026-11-30). The store's folder is named by the tool that wrote it, so a
/// parser changed since is never trusted.
impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if !s.is_human_readable() {
            return (&self.raw, self.written, &self.parsed).serialize(s);
        }
        let mut st = s.serialize_struct("Target", 2)?;
        st.serialize_field("raw", &self.raw)?;
        st.serialize_field("parsed", &self.parsed)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            let (raw, written, parsed) = <(String, bool, TargetValue)>::deserialize(d)?;
            return Ok(Target {
                raw,
                parsed,
                written,
            });
        }
        struct TargetVisitor;
        impl Visitor<'_> for TargetVisitor {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the target value as published, as text (quote it: \"≥90%\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Target, E> {
                Ok(Target::new(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Target, E> {
                Ok(Target::new(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Target, E> {
                Ok(Target::new(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Target, E> {
                Ok(Target::new(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Target, E> {
                Ok(Target::new(""))
            }
            fn visit_none<E: de::Error>(self) -> Result<Target, E> {
                Ok(Target::new(""))
            }
        }
        d.deserialize_str(TargetVisitor)
    }
}

impl schemars::JsonSchema for Target {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Target".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "指标值",
            "description": "照录原文，如 \"≥650批次\"；带符号时加引号；原表此栏空白时写 \"\"，不要省略",
            "type": ["string", "number", "null"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored value reads back whole, parsed form included, without the parser: every
    /// kind of value (ranges, estimates, units and notes, every kind of deadline, each
    /// trend, text the parser cannot place, blank, left out) and every value of the bundled
    /// documents.
    #[test]
    fn a_stored_value_reads_back_with_its_parsed_form() {
        let mut raws: Vec<String> = [
            "≥650批次",
            "预计1-2批次",
            "≤8小时/天",
            "≥1 万份（含标识）",
            "100%",
            "3",
            "-2",
            "2024年12月底前",
            "每月25日前",
            "不超过12月份",
            "效果明显",
            "水平日益提高",
            "长期",
            "按计划完成",
            "",
            "＞＝90％",
        ]
        .map(String::from)
        .to_vec();
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for f in crate::content::load::load_dir(&content, false).files {
            for p in &f.document.projects {
                raws.extend(p.indicators.iter().map(|r| r.value.raw().to_string()));
            }
        }
        let mut kinds = std::collections::HashSet::new();
        let left_out = Target::default();
        for t in raws.iter().map(Target::new).chain([left_out]) {
            let bytes = rmp_serde::to_vec_named(&t).unwrap();
            let back: Target = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(back, t, "{:?}", t.raw());
            assert_eq!(back.parsed(), &TargetValue::parse(t.raw()));
            kinds.insert(std::mem::discriminant(t.parsed()));
        }
        assert_eq!(
            kinds.len(),
            5,
            "every kind of value is stored once at least"
        );
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn quantity(raw: &str) -> Quantity {
        match TargetValue::parse(raw) {
            TargetValue::Quantity(q) => q,
            other => panic!("{raw:?} parsed as {other:?}, expected a quantity"),
        }
    }

    fn deadline(raw: &str) -> Deadline {
        match TargetValue::parse(raw) {
            TargetValue::Deadline(d) => d,
            other => panic!("{raw:?} parsed as {other:?}, expected a deadline"),
        }
    }

    fn assert_quantity(raw: &str, cmp: Option<Comparison>, value: &str, unit: Option<&str>) {
        let q = quantity(raw);
        assert_eq!(q.comparison, cmp, "{raw}");
        assert_eq!(q.magnitude, Magnitude::Exact { value: dec(value) }, "{raw}");
        assert_eq!(q.unit.as_deref(), unit, "{raw}");
    }

    #[test]
    fn symbols_in_every_width() {
        use Comparison::*;
        // Forms found in the seeds.
        assert_quantity("≥2个", Some(AtLeast), "2", Some("个"));
        assert_quantity("≦700元", Some(AtMost), "700", Some("元"));
        assert_quantity("≧90%", Some(AtLeast), "90", Some("%"));
        assert_quantity("≤40 人", Some(AtMost), "40", Some("人"));
        // A box-drawing ═ for = (a self-evaluation in the corpus, 03 永德).
        assert_quantity("═100%", Some(Exactly), "100", Some("%"));
        // Units of the corpus self-evaluations (21 零陵, 07 萧县, 09 中江).
        assert_quantity("1.2万亩", None, "1.2", Some("万亩"));
        assert_quantity("192只", None, "192", Some("只"));
        assert_quantity("≥50厘米", Some(AtLeast), "50", Some("厘米"));
        assert_quantity("≥90 %", Some(AtLeast), "90", Some("%"));
        assert_quantity("100 %", None, "100", Some("%"));
        // ASCII and full-width forms.
        assert_quantity(">=95%", Some(AtLeast), "95", Some("%"));
        assert_quantity("＞＝95％", Some(AtLeast), "95", Some("%"));
        assert_quantity("<=3万元", Some(AtMost), "3", Some("万元"));
        assert_quantity("＜１０次", Some(LessThan), "10", Some("次"));
        assert_quantity(">5家", Some(MoreThan), "5", Some("家"));
        assert_quantity("=100%", Some(Exactly), "100", Some("%"));
    }

    #[test]
    fn comparison_words() {
        use Comparison::*;
        assert_quantity("不低于85%", Some(AtLeast), "85", Some("%"));
        assert_quantity("不少于2次", Some(AtLeast), "2", Some("次"));
        assert_quantity("不超过5万元", Some(AtMost), "5", Some("万元"));
        assert_quantity("大于90%", Some(MoreThan), "90", Some("%"));
        assert_quantity("达98%", Some(AtLeast), "98", Some("%"));
        assert_quantity("控制在3%以内", Some(AtMost), "3", Some("%"));
    }

    #[test]
    fn estimates_ranges_and_units() {
        let q = quantity("预计1-2批次");
        assert!(q.estimate);
        assert_eq!(
            q.magnitude,
            Magnitude::Range {
                low: dec("1"),
                high: dec("2")
            }
        );
        assert_eq!(q.unit.as_deref(), Some("批次"));
        let q = quantity("预计10家");
        assert!(q.estimate);
        assert_eq!(q.unit.as_deref(), Some("家"));
        for (raw, value, unit) in [
            ("预计46500张", "46500", "张"),
            ("预计160批", "160", "批"),
            ("预计15项", "15", "项"),
            ("预计5户", "5", "户"),
            ("预计13人", "13", "人"),
        ] {
            assert_quantity(raw, None, value, Some(unit));
        }
        use Comparison::*;
        assert_quantity("≥650 批次", Some(AtLeast), "650", Some("批次"));
        assert_quantity("≥1145批次", Some(AtLeast), "1145", Some("批次"));
        assert_quantity("3500批次", None, "3500", Some("批次"));
        assert_quantity("≥20 台件", Some(AtLeast), "20", Some("台件"));
        assert_quantity("≤8小时/天", Some(AtMost), "8", Some("小时/天"));
        assert_quantity("≥1 万份", Some(AtLeast), "1", Some("万份"));
        assert_quantity("≤13.22万元", Some(AtMost), "13.22", Some("万元"));
        assert_quantity("10.36万元", None, "10.36", Some("万元"));
        assert_quantity("30万元\u{3000}", None, "30", Some("万元"));
        assert_quantity("≤90 天", Some(AtMost), "90", Some("天"));
        assert_quantity("≥1年", Some(AtLeast), "1", Some("年"));
        assert_quantity("0次", None, "0", Some("次"));
        // A rate per something, written either way round; `及以上` restating `≥`.
        assert_quantity("2次/年", None, "2", Some("次/年"));
        assert_quantity("≥1次/季度", Some(AtLeast), "1", Some("次/季度"));
        assert_quantity("每年2次", None, "2", Some("次/年"));
        assert_quantity("≥90分", Some(AtLeast), "90", Some("分"));
        assert_quantity("0.5万元/人", None, "0.5", Some("万元/人"));
        assert_eq!(quantity("95%及以上").note.as_deref(), Some("及以上"));
        assert_eq!(
            quantity("90%以上（含）").note.as_deref(),
            Some("以上（含）")
        );
        assert_eq!(TargetValue::parse("95%以上完成"), TargetValue::Unparsed);
        // Corpus 17, 太和县城关镇: the percent sign written out.
        assert_quantity("≥100百分比", Some(AtLeast), "100", Some("百分比"));
        for (raw, unit) in [
            ("93部", "部"),
            ("96人", "人"),
            ("1组", "组"),
            ("110户", "户"),
            ("10辆", "辆"),
            ("≤10 台", "台"),
            ("≥12000份", "份"),
            ("≥700件", "件"),
        ] {
            assert_eq!(quantity(raw).unit.as_deref(), Some(unit), "{raw}");
        }
    }

    #[test]
    fn units_of_time_are_read_as_units() {
        for (raw, number, unit, time) in [
            ("≤3个工作日", "3", "个工作日", TimeUnit::WorkingDay),
            ("3个工作日内", "3", "个工作日", TimeUnit::WorkingDay),
            ("≤7工作日", "7", "工作日", TimeUnit::WorkingDay),
            ("15自然日", "15", "自然日", TimeUnit::Day),
            ("≤30日历天", "30", "日历天", TimeUnit::Day),
            ("≤90天", "90", "天", TimeUnit::Day),
            ("5日之内", "5", "日", TimeUnit::Day),
            ("2周", "2", "周", TimeUnit::Week),
            ("1星期", "1", "星期", TimeUnit::Week),
            ("2个星期以内", "2", "个星期", TimeUnit::Week),
            ("≥6个月", "6", "个月", TimeUnit::Month),
            ("≤3月", "3", "月", TimeUnit::Month),
            ("1季度", "1", "季度", TimeUnit::Quarter),
            ("≤2个季度", "2", "个季度", TimeUnit::Quarter),
            ("≥1年", "1", "年", TimeUnit::Year),
            ("<24小时", "24", "小时", TimeUnit::Hour),
            ("≤8小时/天", "8", "小时/天", TimeUnit::Hour),
            ("≤30分钟", "30", "分钟", TimeUnit::Minute),
        ] {
            let q = quantity(raw);
            assert_eq!(q.unit.as_deref(), Some(unit), "{raw}");
            assert_eq!(
                q.magnitude,
                Magnitude::Exact {
                    value: number.parse().unwrap()
                }
            );
            assert_eq!(q.time_unit(), Some(time), "{raw}");
        }
        for (word, unit) in TimeUnit::WORDS {
            assert_eq!(TimeUnit::of(word), Some(unit), "{word}");
            assert_eq!(TimeUnit::of(&format!("{word}内")), Some(unit), "{word}内");
        }
        for not in ["个", "次", "万元", "%", "人/天", "周年"] {
            assert_eq!(TimeUnit::of(not), None, "{not}");
        }
        // A date stays a date; 内 after anything but a time is no quantity.
        assert!(matches!(
            TargetValue::parse("12月"),
            TargetValue::Deadline(_)
        ));
        assert!(matches!(TargetValue::parse("5个内"), TargetValue::Unparsed));
    }

    #[test]
    fn notes_after_the_unit() {
        let q = quantity("35套（含标识）");
        assert_eq!(q.unit.as_deref(), Some("套"));
        assert_eq!(q.note.as_deref(), Some("（含标识）"));
        let q = quantity("15处（场所）");
        assert_eq!(q.note.as_deref(), Some("（场所）"));
        let q = quantity("≥2000个。（电动车电池更新30个，光盘（4.7gb）1000张）");
        assert_eq!(q.magnitude, Magnitude::Exact { value: dec("2000") });
        assert!(q.note.unwrap().starts_with("（电动车"));
    }

    #[test]
    fn deadlines() {
        let d = deadline("2021年12月底前");
        assert_eq!(
            (d.year, d.month, d.day, d.by),
            (Some(2021), Some(12), DayPart::End, true)
        );
        let d = deadline("2024年12月31日");
        assert_eq!(
            (d.year, d.month, d.day, d.by),
            (Some(2024), Some(12), DayPart::Day(31), false)
        );
        // Corpus 04, 昭化区疾控中心: what is done in full by the deadline.
        let d = deadline("12月底前100%到位");
        assert_eq!((d.month, d.day, d.by), (Some(12), DayPart::End, true));
        assert_eq!(d.action.as_deref(), Some("100%到位"));
        assert_eq!(
            deadline("2024年6月底前全额拨付").action.as_deref(),
            Some("全额拨付")
        );
        // Corpus 04, 昭化区疾控中心: a period within the year, done by its end.
        let d = deadline("2021年1月-12月");
        assert_eq!(
            (d.year, d.month, d.day, d.by),
            (Some(2021), Some(12), DayPart::Unspecified, true)
        );
        let d = deadline("2021年1月1日-2021年12月31日");
        assert_eq!(
            (d.year, d.month, d.day, d.by),
            (Some(2021), Some(12), DayPart::Day(31), true)
        );
        let d = deadline("2024年12月15日前");
        assert_eq!((d.day, d.by), (DayPart::Day(15), true));
        let d = deadline("2024年12月");
        assert_eq!(
            (d.year, d.month, d.day),
            (Some(2024), Some(12), DayPart::Unspecified)
        );
        let d = deadline("每月25日前");
        assert_eq!(
            (d.recurrence, d.day, d.by),
            (Recurrence::Monthly, DayPart::Day(25), true)
        );
        let d = deadline("每月 25 日前缴纳");
        assert_eq!(d.action.as_deref(), Some("缴纳"));
        let d = deadline("12月底前完成");
        assert_eq!(
            (d.year, d.month, d.day, d.action.as_deref()),
            (None, Some(12), DayPart::End, Some("完成"))
        );
        let d = deadline("12 月底前 完成");
        assert_eq!(d.month, Some(12));
        let d = deadline("不超过12月份");
        assert_eq!((d.month, d.by), (Some(12), true));
        let d = deadline("不超过 12 月份");
        assert_eq!(d.month, Some(12));
        let d = deadline("2024 年底 前");
        assert_eq!(
            (d.year, d.month, d.day, d.by),
            (Some(2024), None, DayPart::End, true)
        );
        let d = deadline("2024年每月中旬");
        assert_eq!(
            (d.recurrence, d.day),
            (Recurrence::Monthly, DayPart::Middle)
        );
        let d = deadline("每月月底前 发放");
        assert_eq!(
            (d.recurrence, d.day, d.action.as_deref()),
            (Recurrence::Monthly, DayPart::End, Some("发放"))
        );
    }

    #[test]
    fn qualitative() {
        for (raw, trend) in [
            ("零发生", Trend::NoOccurrence),
            ("日益提高", Trend::Improving),
            ("水平日益提高", Trend::Improving),
            ("持续提高", Trend::Improving),
            ("逐步提高", Trend::Improving),
            ("有所提升", Trend::Improving),
            ("持续向好", Trend::Improving),
            ("效果明显", Trend::Effective),
            ("长期影响", Trend::Lasting),
            ("可持续性", Trend::Lasting),
            // Corpus 01 and 04: an adverb of a trend before a verb for the better.
            ("稳步提高", Trend::Improving),
            ("明显提升", Trend::Improving),
            ("服务水平进一步提升", Trend::Improving),
            // Corpus 04 and 17: one tier of a graded scale, the form the rules ask for.
            ("良好", Trend::Grade),
            ("程度较高", Trend::Grade),
            ("验收合格", Trend::Grade),
            ("好", Trend::Grade),
            // Corpus 04: all of something, said in words.
            ("覆盖全区所有人员", Trend::Whole),
            ("全覆盖", Trend::Whole),
            ("实现全覆盖", Trend::Whole),
            ("覆盖所有行政村", Trend::Whole),
            ("应保尽保", Trend::Whole),
            ("全部完成", Trend::Whole),
            ("资金足额发放", Trend::Whole),
        ] {
            assert_eq!(
                TargetValue::parse(raw),
                TargetValue::Qualitative(Qualitative { trend }),
                "{raw}"
            );
        }
    }

    #[test]
    fn unparsed_is_kept_not_dropped() {
        for raw in [
            "涉及9大监管领域",
            "持续提升我局社会影响力",
            "根据工作计划",
            "若干",
            // A tier after a number is a rate said in words; a long subject is a sentence.
            "100%合格",
            "越来越好",
            "全区群众生活水平明显提升",
            // Not all of it: a part, a long clause, a word of 应…尽 that does not repeat.
            "覆盖部分乡镇",
            "覆盖全区所有行政村和社区的困难群众",
            "应急尽快",
            "严格按照指标任务落实工作",
            "全面落实",
        ] {
            let t = Target::new(raw);
            assert_eq!(t.parsed(), &TargetValue::Unparsed, "{raw}");
            assert_eq!(t.raw(), raw);
        }
        assert_eq!(TargetValue::parse("  "), TargetValue::Empty);
        assert_eq!(TargetValue::parse("13月底前"), TargetValue::Unparsed);
    }

    #[test]
    fn raw_is_verbatim() {
        let t = Target::new("≦700元");
        assert_eq!(t.raw(), "≦700元");
        assert_eq!(t.to_string(), "≦700元");
    }
}
