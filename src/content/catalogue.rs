//! The metric catalogue (`content/metrics.yaml`): measures that different departments name
//! differently (食品抽检批次, 检测数量, 专项监督抽检批次数), each with the rules that recognise it.

use crate::content::model::{Indicator, Project, TargetValue};
use crate::diagnostic::{Diagnostic, Kind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The catalogue's file name inside `content/`.
pub const FILE: &str = "metrics.yaml";

/// The whole catalogue.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The metrics, in the order pages list them (and rules are tried).
    pub metrics: Vec<Metric>,
}

/// What a metric's values are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A number with a unit (批次, 次, 户, %, 万元).
    #[default]
    Quantity,
    /// A date or deadline.
    Deadline,
}

/// One comparable measure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// ASCII key used in links and in `metric:` pins (`food-sampling`).
    pub key: String,
    /// Chinese name (食品抽检批次).
    pub name: String,
    /// A sentence on what is counted, shown on the page.
    #[serde(default)]
    pub about: Option<String>,
    /// Numbers or dates.
    #[serde(default)]
    pub measure: Measure,
    /// The unit family: values in these units are compared with one another (批次 and 批);
    /// any other unit is shown as a mismatch, never converted.
    #[serde(default)]
    pub units: Vec<String>,
    /// Whether the project's budget divided by the value means something (元 per 批次).
    #[serde(default)]
    pub cost_per_unit: bool,
    /// The rules that recognise a row.
    #[serde(rename = "match")]
    pub rules: Rules,
}

/// Rules that recognise a metric's rows; every rule given must hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The 二级指标 is one of these.
    #[serde(default)]
    pub level2: Vec<String>,
    /// One of these words is in the 三级指标 name or its description.
    #[serde(default)]
    pub words: Vec<String>,
    /// One of these words is in the name, the description or the project's name.
    #[serde(default)]
    pub context: Vec<String>,
    /// None of these words is in the name or the description.
    #[serde(default)]
    pub without: Vec<String>,
}

impl Metric {
    /// True when the rules recognise `row` of `project`.
    pub fn matches(&self, project: &Project, row: &Indicator) -> bool {
        let r = &self.rules;
        // Every row is tried against every metric: the texts are joined only for a row
        // whose 二级指标 fits.
        if row.is_empty_row()
            || !(r.level2.is_empty() || r.level2.iter().any(|l| row.level2.trim() == l))
        {
            return false;
        }
        let text = format!("{} {}", row.name, row.description);
        let any = |words: &[String], t: &str| {
            words.is_empty() || words.iter().any(|w| t.contains(w.as_str()))
        };
        any(&r.words, &text)
            && (r.context.is_empty() || any(&r.context, &format!("{text} {}", project.name)))
            && !r.without.iter().any(|w| text.contains(w.as_str()))
    }

    /// True when `value` is in this metric's unit family (always, for a deadline metric and a
    /// deadline value).
    pub fn unit_agrees(&self, value: &TargetValue) -> bool {
        match (self.measure, value) {
            (Measure::Deadline, TargetValue::Deadline(_)) => true,
            (Measure::Quantity, TargetValue::Quantity(q)) => {
                q.unit.as_ref().is_some_and(|u| self.units.contains(u))
            }
            _ => false,
        }
    }
}

impl Catalogue {
    /// Reads `content/metrics.yaml`; a site without one has an empty catalogue.
    pub fn load(content: &Path) -> Result<Catalogue, Box<Diagnostic>> {
        let path = content.join(FILE);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(Catalogue::default());
        };
        let catalogue: Catalogue = crate::content::load::parse_yaml(&path, &text)?;
        let mut seen = std::collections::HashSet::new();
        for (i, m) in catalogue.metrics.iter().enumerate() {
            let safe = !m.key.is_empty()
                && m.key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let problem = if !safe || m.key == "none" {
                Some(crate::messages::Message::MetricKeyBad)
            } else if !seen.insert(m.key.as_str()) {
                Some(crate::messages::Message::MetricKeyTwice)
            } else if m.measure == Measure::Quantity && m.units.is_empty() {
                Some(crate::messages::Message::MetricNeedsUnits)
            } else {
                None
            };
            if let Some(message) = problem {
                let field = format!("metrics[{i}].key");
                return Err(Box::new(Diagnostic {
                    position: crate::content::load::SourceMap::build(&text).position(&field),
                    field: Some(field),
                    ..Diagnostic::file(
                        Kind::Schema,
                        &path,
                        crate::messages::Message::MetricProblem {
                            key: m.key.clone(),
                            problem: message.to_string(),
                        },
                    )
                }));
            }
        }
        Ok(catalogue)
    }

    /// The metric with `key`.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.key == key)
    }
}
