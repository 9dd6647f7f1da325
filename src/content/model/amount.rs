//! Exact money amounts in 万元 (10,000 yuan), kept with the precision they were written with.
//!
//! An amount lies within ±[`Wan::LIMIT`] (one trillion 万元, 10¹⁶ yuan: some thirty times a
//! year's national budget); reading refuses anything beyond at its line and field. Within that
//! range a sum of fewer than 7·10¹⁶ amounts cannot leave the decimal type's range (±7.9·10²⁸),
//! and the arithmetic saturates rather than panic should it ever.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::Add;
use std::str::FromStr;

/// An amount in 万元 as an exact decimal: `105.25` stays `105.25`, `70.00` stays `70.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Wan(pub Decimal);

impl Wan {
    /// Zero 万元.
    pub const ZERO: Wan = Wan(Decimal::ZERO);

    /// The largest amount a document may state, in 万元 (and the smallest, negated): one
    /// trillion 万元, far above any real budget.
    pub const LIMIT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

    /// The amount in yuan.
    pub fn yuan(self) -> Decimal {
        self.0.saturating_mul(Decimal::from(10_000))
    }

    /// The amount when it lies within ±[`Wan::LIMIT`].
    pub fn in_range(d: Decimal) -> Option<Wan> {
        (d.abs() <= Wan::LIMIT).then_some(Wan(d))
    }
}

impl fmt::Display for Wan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not a plain decimal number.
    #[error("{}", crate::messages::Message::NotAnAmount { written: _0.clone() })]
    NotANumber(String),
    /// Beyond ±[`Wan::LIMIT`].
    #[error("{}", crate::messages::Message::AmountOutOfRange { written: _0.clone() })]
    OutOfRange(String),
}

impl FromStr for Wan {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        let numeric = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.bytes().filter(|&b| b == b'.').count() <= 1;
        let d = Decimal::from_str_exact(t).map_err(|_| {
            if numeric {
                AmountError::OutOfRange(s.to_string())
            } else {
                AmountError::NotANumber(s.to_string())
            }
        })?;
        Wan::in_range(d).ok_or_else(|| AmountError::OutOfRange(s.to_string()))
    }
}

impl Add for Wan {
    type Output = Wan;
    /// Saturates at the decimal type's bounds, which amounts within range never reach.
    fn add(self, rhs: Wan) -> Wan {
        Wan(self.0.saturating_add(rhs.0))
    }
}

impl Sum for Wan {
    fn sum<I: Iterator<Item = Wan>>(iter: I) -> Wan {
        iter.fold(Wan::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Wan> for Wan {
    fn sum<I: Iterator<Item = &'a Wan>>(iter: I) -> Wan {
        iter.copied().sum()
    }
}

impl Serialize for Wan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Wan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct WanVisitor;
        impl Visitor<'_> for WanVisitor {
            type Value = Wan;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in 万元 written as a decimal number, such as 105.25")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Wan, E> {
                v.parse().map_err(|e: AmountError| E::custom(e.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Wan, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Wan, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Wan, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Wan, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Wan, E> {
                // Reached only when the YAML reader hands over a float; its shortest
                // round-trip text is the number as written, without trailing zeros.
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_str(WanVisitor)
    }
}

impl schemars::JsonSchema for Wan {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Wan".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "金额（万元）",
            "description": "单位万元，只写数字，如 12.5；不要写逗号或“万元”",
            "type": ["number", "string"],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_written_precision() {
        let w: Wan = "105.25".parse().unwrap();
        assert_eq!(w.to_string(), "105.25");
        let w: Wan = "70.00".parse().unwrap();
        assert_eq!(w.to_string(), "70.00");
    }

    #[test]
    fn sums_exactly() {
        let parts: Vec<Wan> = ["0.1", "0.2", "179.2"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(parts.iter().sum::<Wan>().to_string(), "179.5");
    }

    #[test]
    fn refuses_amounts_beyond_the_limit() {
        assert_eq!(Wan::LIMIT.to_string(), "1000000000000");
        assert!("1000000000000".parse::<Wan>().is_ok());
        assert!("-1000000000000.00".parse::<Wan>().is_ok());
        for big in [
            "1000000000000.01",
            "99999999999999999999999999999",
            "999999999999999999999999999999999",
        ] {
            assert!(
                matches!(big.parse::<Wan>(), Err(AmountError::OutOfRange(_))),
                "{big}"
            );
        }
        let max = Wan(Decimal::MAX);
        assert_eq!(max + max, max, "saturates, never panics");
        assert_eq!(max.yuan(), Decimal::MAX);
    }

    #[test]
    fn rejects_words() {
        assert!("四十".parse::<Wan>().is_err());
        assert!("40万元".parse::<Wan>().is_err());
    }
}
