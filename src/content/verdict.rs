//! The plain verdict on one self-evaluation row: was the 年度指标值 reached? 达成, 未达成 or
//! 无法判断, each with why, from the parsed target and the parsed 实际完成值.
//!
//! Numbers are compared only with numbers of the same unit (`%` with `%`, `万亩` with
//! `万亩`); a bare actual number is read in the target's unit. The actual value is read as
//! the span it states (`98%` a point, `≥266米` everything from 266 up): the row is 达成 when
//! every value of that span meets the target, 未达成 when none does, and 无法判断 otherwise.
//! A qualitative target (`效果明显`, `有效`) is 达成 only when the actual value is the same
//! text; anything else that cannot be measured is 无法判断, never guessed.

use crate::content::model::Target;
use crate::content::model::value::{Comparison, Magnitude, Quantity, TargetValue, normalize};
use rust_decimal::Decimal;
use serde::Serialize;

/// Whether a row's target was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 达成: the actual value meets the target.
    Met,
    /// 未达成: the actual value falls short of the target.
    NotMet,
    /// 无法判断: the two cannot be compared (qualitative, different units, a blank cell).
    Unknown,
}

impl Verdict {
    /// The word a citizen reads.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "达成",
            Verdict::NotMet => "未达成",
            Verdict::Unknown => "无法判断",
        }
    }

    /// A stable ASCII name, for CSS classes and data files.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not-met",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Which way a target without a comparison sign counts: most targets are to be reached
/// (`1.2万亩`), a cost is not to be exceeded (`每亩300`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// More is better: an unsigned target is a floor.
    Floor,
    /// Less is better (成本指标): an unsigned target is a ceiling.
    Ceiling,
}

impl Direction {
    /// The direction of a row by its 二级指标: 成本指标 are ceilings.
    pub fn of_level2(level2: &str) -> Direction {
        if level2.contains("成本") {
            Direction::Ceiling
        } else {
            Direction::Floor
        }
    }
}

/// A verdict with why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in plain words (`实际完成值 1093万元 低于年度指标值 1100万元`).
    pub why: String,
}

fn judgement(verdict: Verdict, why: impl Into<String>) -> Judgement {
    Judgement {
        verdict,
        why: why.into(),
    }
}

/// Judges one row: `target` (年度指标值) against `actual` (实际完成值).
pub fn judge(target: &Target, actual: &Target, direction: Direction) -> Judgement {
    let (t, a) = (target.raw().trim(), actual.raw().trim());
    if t.is_empty() {
        return judgement(Verdict::Unknown, "年度指标值空白，无从比较");
    }
    if a.is_empty() {
        return judgement(Verdict::Unknown, "实际完成值空白，无从比较");
    }
    match (target.parsed(), actual.parsed()) {
        (TargetValue::Quantity(tq), TargetValue::Quantity(aq)) => {
            quantities(tq, aq, t, a, direction)
        }
        _ if normalize(t) == normalize(a) => {
            judgement(Verdict::Met, format!("实际完成值“{a}”与年度指标值相同"))
        }
        (TargetValue::Quantity(_), _) => judgement(
            Verdict::Unknown,
            format!("年度指标值“{t}”是数值，实际完成值“{a}”不是，无法比较"),
        ),
        (TargetValue::Deadline(_), _) => judgement(
            Verdict::Unknown,
            format!("年度指标值“{t}”是时限，实际完成值“{a}”无法与之比较"),
        ),
        (_, _) => judgement(
            Verdict::Unknown,
            format!("年度指标值“{t}”是定性表述，实际完成值“{a}”与之不同，无法按数值判断"),
        ),
    }
}

/// The values a bound admits: `lo`..`hi`, each end open or closed, `None` for unbounded.
#[derive(Debug, Clone, Copy)]
struct Span {
    lo: Option<(Decimal, bool)>,
    hi: Option<(Decimal, bool)>,
}

impl Span {
    fn of(q: &Quantity, unsigned: Direction, is_target: bool) -> Span {
        let (low, high) = match q.magnitude {
            Magnitude::Exact { value } => (value, value),
            Magnitude::Range { low, high } => (low, high),
        };
        let closed = |v| Some((v, true));
        let open = |v| Some((v, false));
        match q.comparison {
            Some(Comparison::AtLeast) => Span {
                lo: closed(low),
                hi: None,
            },
            Some(Comparison::MoreThan) => Span {
                lo: open(low),
                hi: None,
            },
            Some(Comparison::AtMost) => Span {
                lo: None,
                hi: closed(high),
            },
            Some(Comparison::LessThan) => Span {
                lo: None,
                hi: open(high),
            },
            Some(Comparison::Exactly) => Span {
                lo: closed(low),
                hi: closed(high),
            },
            // An actual value without a sign is what it says; a target without a sign is a
            // floor or a ceiling by the row's direction, a range is itself.
            None if !is_target || low != high => Span {
                lo: closed(low),
                hi: closed(high),
            },
            None => match unsigned {
                Direction::Floor => Span {
                    lo: closed(low),
                    hi: None,
                },
                Direction::Ceiling => Span {
                    lo: None,
                    hi: closed(high),
                },
            },
        }
    }

    /// True when every value of `self` lies within `outer`.
    fn within(&self, outer: &Span) -> bool {
        let lo_ok = match (outer.lo, self.lo) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((o, oc)), Some((s, sc))) => s > o || (s == o && (oc || !sc)),
        };
        let hi_ok = match (outer.hi, self.hi) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((o, oc)), Some((s, sc))) => s < o || (s == o && (oc || !sc)),
        };
        lo_ok && hi_ok
    }

    /// True when `self` and `other` share no value.
    fn apart(&self, other: &Span) -> bool {
        let below = |hi: Option<(Decimal, bool)>, lo: Option<(Decimal, bool)>| match (hi, lo) {
            (Some((h, hc)), Some((l, lc))) => h < l || (h == l && !(hc && lc)),
            _ => false,
        };
        below(self.hi, other.lo) || below(other.hi, self.lo)
    }
}

fn quantities(t: &Quantity, a: &Quantity, traw: &str, araw: &str, dir: Direction) -> Judgement {
    let mut unit_note = String::new();
    match (&t.unit, &a.unit) {
        (tu, au) if tu == au => {}
        (Some(tu), None) => unit_note = format!("（实际完成值未写单位，按“{tu}”读）"),
        (tu, au) => {
            let name = |u: &Option<String>| u.clone().unwrap_or_else(|| "无单位".into());
            return judgement(
                Verdict::Unknown,
                format!(
                    "单位不同（年度指标值“{traw}”为{}，实际完成值“{araw}”为{}），无法比较",
                    name(tu),
                    name(au)
                ),
            );
        }
    }
    let goal = Span::of(t, dir, true);
    let got = Span::of(a, dir, false);
    if got.within(&goal) {
        judgement(
            Verdict::Met,
            format!("实际完成值“{araw}”达到年度指标值“{traw}”{unit_note}"),
        )
    } else if got.apart(&goal) {
        let how = match (goal.lo, got.hi) {
            (Some((l, _)), Some((h, _))) if h <= l => "低于",
            _ => "超出",
        };
        judgement(
            Verdict::NotMet,
            format!("实际完成值“{araw}”{how}年度指标值“{traw}”{unit_note}"),
        )
    } else {
        judgement(
            Verdict::Unknown,
            format!("实际完成值“{araw}”只给出范围，不能确定是否达到年度指标值“{traw}”"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(target: &str, actual: &str) -> Judgement {
        judge(&Target::new(target), &Target::new(actual), Direction::Floor)
    }

    fn cost(target: &str, actual: &str) -> Judgement {
        judge(
            &Target::new(target),
            &Target::new(actual),
            Direction::Ceiling,
        )
    }

    #[test]
    fn met() {
        // Rows of the corpus self-evaluations (03 永德, 21 零陵, 09 中江, 07 萧县).
        for (t, a) in [
            ("≧735人次", "735"),
            ("≧100%", "100%"),
            ("1.2万亩", "1.2万亩"),
            ("90%", "100%"),
            ("≥266米", "≥266米"),
            ("≥11.376万元", "12万元"),
            ("95%", "100%"),
            ("=22个", "22个"),
            ("1-2批次", "2批次"),
            ("≤8小时/天", "6小时/天"),
        ] {
            let j = verdict(t, a);
            assert_eq!(j.verdict, Verdict::Met, "{t} / {a}: {}", j.why);
        }
        assert!(verdict("≧735人次", "735").why.contains("未写单位"));
        assert_eq!(cost("每亩300", "每亩300").verdict, Verdict::Met);
        assert_eq!(cost("20万元", "18万元").verdict, Verdict::Met);
    }

    #[test]
    fn not_met() {
        for (t, a) in [
            ("1100万元", "1093万元"),
            ("2.6亿元", "2.45亿元"),
            ("═100%", "98%"),
            ("≥95%", "90%"),
            (">5家", "5家"),
            ("1-2批次", "3批次"),
            ("≤8小时/天", "≥9小时/天"),
        ] {
            let j = verdict(t, a);
            assert_eq!(j.verdict, Verdict::NotMet, "{t} / {a}: {}", j.why);
        }
        assert!(verdict("1100万元", "1093万元").why.contains("低于"));
        let over = cost("20万元", "25万元");
        assert_eq!(over.verdict, Verdict::NotMet, "{}", over.why);
        assert!(over.why.contains("超出"), "{}", over.why);
    }

    #[test]
    fn qualitative() {
        let same = verdict("有效", "有效");
        assert_eq!(same.verdict, Verdict::Met, "{}", same.why);
        assert_eq!(verdict("显著", " 显著").verdict, Verdict::Met);
        let done = verdict("效果明显", "已完成");
        assert_eq!(done.verdict, Verdict::Unknown);
        assert!(done.why.contains("定性"), "{}", done.why);
        assert_eq!(
            verdict("2024年12月底前", "已完成").verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn not_comparable() {
        let units = verdict("≥95%", "95人");
        assert_eq!(units.verdict, Verdict::Unknown);
        assert!(units.why.contains("单位不同"), "{}", units.why);
        assert_eq!(verdict("1100万元", "1093元").verdict, Verdict::Unknown);
        assert_eq!(verdict("≥90%", "有效").verdict, Verdict::Unknown);
        assert_eq!(verdict("", "90%").verdict, Verdict::Unknown);
        assert_eq!(verdict("≥90%", "").verdict, Verdict::Unknown);
        // A span that straddles the target.
        assert_eq!(verdict("≥95%", "≥90%").verdict, Verdict::Unknown);
    }
}
