//! What a row is meant to measure (its 二级指标's category) and what its value measures (its
//! shape), and which shapes fit which categories. The unit rules and the swap rule share it.

use crate::content::model::Indicator;
use crate::content::model::value::{Comparison, Magnitude, Quantity, TargetValue, Trend};
use crate::messages::Term;
use rust_decimal::Decimal;

/// The kind of 二级指标 a row sits under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// 数量指标.
    Quantity,
    /// 质量指标.
    Quality,
    /// 时效指标.
    Timeliness,
    /// 成本指标 (or 经济/社会/生态环境成本指标).
    Cost,
    /// 经济/社会/生态效益, 可持续影响.
    Benefit,
    /// 服务对象满意度.
    Satisfaction,
    /// Anything else.
    Other,
}

impl Category {
    /// The category of a row, from its 二级指标 (its 一级 when the 二级 says nothing).
    pub fn of(row: &Indicator) -> Category {
        let l2 = row.level2.as_str();
        let by_l2 = if l2.contains("数量") {
            Category::Quantity
        } else if l2.contains("质量") {
            Category::Quality
        } else if l2.contains("时效") {
            Category::Timeliness
        } else if l2.contains("成本") {
            Category::Cost
        } else if l2.contains("满意") {
            Category::Satisfaction
        } else if l2.contains("效益") || l2.contains("影响") {
            Category::Benefit
        } else {
            Category::Other
        };
        if by_l2 != Category::Other {
            return by_l2;
        }
        let l1 = row.level1.as_str();
        if l1.contains("满意") {
            Category::Satisfaction
        } else if l1.contains("成本") {
            Category::Cost
        } else {
            Category::Other
        }
    }

    /// Its name in messages.
    pub fn term(self) -> Term {
        match self {
            Category::Quantity => Term::QuantityIndicator,
            Category::Quality => Term::QualityIndicator,
            Category::Timeliness => Term::TimelinessIndicator,
            Category::Cost => Term::CostIndicator,
            Category::Benefit => Term::BenefitIndicator,
            Category::Satisfaction => Term::SatisfactionIndicator,
            Category::Other => Term::OtherIndicator,
        }
    }
}

/// What a value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A percentage or per-mille: `≥95%`.
    Rate,
    /// A count of things: `≥650批次`, `10个`.
    Count,
    /// Money: `≤8万元`, `≦700元`.
    Money,
    /// A length of time, in any unit of time
    /// ([`TimeUnit`](crate::content::model::value::TimeUnit)): `≤90天`, `3个工作日内`, `≥1年`.
    Duration,
    /// A date or deadline: `2024年12月底前`.
    Deadline,
    /// A score in points: `≥90分`.
    Score,
    /// A number without a unit: `1`.
    Bare,
    /// A statement with nothing to measure: `日益提高`.
    Vague,
    /// Empty, or text that cannot be placed.
    Other,
}

/// Units of money.
const MONEY_UNITS: &[&str] = &["元", "万元", "亿元"];

impl Shape {
    /// The shape of a row's value.
    pub fn of(row: &Indicator) -> Shape {
        match row.value.parsed() {
            TargetValue::Quantity(q) => match q.unit.as_deref() {
                Some("%" | "‰" | "比例" | "百分比") => Shape::Rate,
                // Money per something (`500元/人`, `0.5万元/人`) is money too.
                Some(u) if MONEY_UNITS.contains(&u.split('/').next().unwrap_or(u)) => Shape::Money,
                Some(_) if q.time_unit().is_some() => Shape::Duration,
                Some("分") => Shape::Score,
                Some(_) => Shape::Count,
                None => Shape::Bare,
            },
            TargetValue::Deadline(_) => Shape::Deadline,
            // A tier of a graded scale is what the rules ask for where no number can be set;
            // none, and all, can be checked as they stand.
            TargetValue::Qualitative(q)
                if !matches!(q.trend, Trend::NoOccurrence | Trend::Grade | Trend::Whole) =>
            {
                Shape::Vague
            }
            _ => Shape::Other,
        }
    }

    /// Its name in messages.
    pub fn term(self) -> Term {
        match self {
            Shape::Rate => Term::ShapeRate,
            Shape::Count => Term::ShapeCount,
            Shape::Money => Term::ShapeMoney,
            Shape::Duration => Term::ShapeDuration,
            Shape::Deadline => Term::ShapeDeadline,
            Shape::Score => Term::ShapeScore,
            Shape::Bare => Term::ShapeBare,
            Shape::Vague => Term::ShapeVague,
            Shape::Other => Term::ShapeText,
        }
    }

    /// Whether this shape fits `category`: `Some(true)` fits, `Some(false)` contradicts it,
    /// `None` when the shape says nothing either way.
    pub fn fits(self, category: Category) -> Option<bool> {
        use Shape::*;
        match (category, self) {
            (Category::Quantity, Count) => Some(true),
            (Category::Quantity, Rate | Deadline) => Some(false),
            (Category::Quality, Rate) => Some(true),
            (Category::Quality, Count) => Some(false),
            (Category::Timeliness, Deadline | Duration | Rate) => Some(true),
            (Category::Timeliness, Count | Bare) => Some(false),
            (Category::Cost, Money) => Some(true),
            (Category::Cost, Count | Deadline | Duration | Score) => Some(false),
            (Category::Satisfaction, Rate) => Some(true),
            (Category::Satisfaction, Count | Money | Deadline | Duration | Vague) => Some(false),
            _ => None,
        }
    }
}

/// A row's name reads as a rate (`…率`, `…率(%)`, `…比例`).
pub fn named_as_rate(row: &Indicator) -> bool {
    let n = row.name.trim();
    let n = n
        .trim_end_matches(['%', '％', ')', '）', '(', '（'])
        .trim_end_matches(['(', '（']);
    n.ends_with('率') || n.ends_with("比例")
}

/// The quantity of a row's value, when it is one.
pub fn quantity(row: &Indicator) -> Option<&Quantity> {
    match row.value.parsed() {
        TargetValue::Quantity(q) => Some(q),
        _ => None,
    }
}

/// The single number of a quantity (the upper end of a range).
pub fn number(q: &Quantity) -> Decimal {
    match q.magnitude {
        Magnitude::Exact { value } => value,
        Magnitude::Range { high, .. } => high,
    }
}

/// A money quantity in 万元.
pub fn wan(q: &Quantity) -> Option<Decimal> {
    let n = number(q);
    match q.unit.as_deref()? {
        "万元" => Some(n),
        "元" => Some(n / Decimal::from(10_000)),
        "亿元" => Some(n * Decimal::from(10_000)),
        _ => None,
    }
}

/// True for a bound from below (≥, >).
pub fn is_floor(q: &Quantity) -> bool {
    matches!(
        q.comparison,
        Some(Comparison::AtLeast | Comparison::MoreThan)
    )
}

/// A row's name reads as a cost per unit (单次, 每户, 人均…), not a total.
pub fn named_per_unit(row: &Indicator) -> bool {
    [
        "单次",
        "单个",
        "单位成本",
        "单价",
        "每",
        "人均",
        "次均",
        "户均",
        "平均",
        "补助标准",
    ]
    .iter()
    .any(|w| row.name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::value::TimeUnit;
    use crate::review::rows::tests::row;

    #[test]
    fn every_unit_of_time_is_a_duration() {
        for (word, _) in TimeUnit::WORDS {
            // `不超过3月` is a date (by March), `不超过3个月` a time.
            let by = (word != "月").then(|| format!("不超过3{word}"));
            for value in [format!("≤3{word}"), format!("3{word}内")]
                .into_iter()
                .chain(by)
            {
                let r = row("产出指标", "时效指标", "办理时限", &value);
                assert_eq!(Shape::of(&r), Shape::Duration, "{value}");
                assert_eq!(
                    Shape::Duration.fits(Category::of(&r)),
                    Some(true),
                    "{value}"
                );
            }
        }
        for (value, shape) in [
            ("≤8小时/天", Shape::Duration),
            ("≥95%", Shape::Rate),
            ("≤8万元", Shape::Money),
            ("≤0.5万元/人", Shape::Money),
            ("2次/年", Shape::Count),
            ("≥650批次", Shape::Count),
            ("≥90分", Shape::Score),
            ("2024年12月底前", Shape::Deadline),
        ] {
            assert_eq!(
                Shape::of(&row("产出指标", "时效指标", "x", value)),
                shape,
                "{value}"
            );
        }
    }
}
