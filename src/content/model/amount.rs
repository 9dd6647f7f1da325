//! Exact money amounts in 万元 (10,000 yuan), kept with the precision they were written with.

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

    /// The amount in yuan.
    pub fn yuan(self) -> Decimal {
        self.0 * Decimal::from(10_000)
    }
}

impl fmt::Display for Wan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Wan {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s.trim()).map(Wan)
    }
}

impl Add for Wan {
    type Output = Wan;
    fn add(self, rhs: Wan) -> Wan {
        Wan(self.0 + rhs.0)
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
                v.parse().map_err(|_| {
                    E::custom(format!(
                        "`{v}` is not an amount: write a plain number in 万元, such as 105.25"
                    ))
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Wan, E> {
                Ok(Wan(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Wan, E> {
                Ok(Wan(Decimal::from(v)))
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
    fn rejects_words() {
        assert!("四十".parse::<Wan>().is_err());
        assert!("40万元".parse::<Wan>().is_err());
    }
}
