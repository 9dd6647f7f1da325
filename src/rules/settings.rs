//! The site's review settings, the `[review]` table of site.toml: local rules differ, so a
//! site can switch a rule off or give it another level.
//!
//! ```toml
//! [review]
//! off = ["copied-targets"]
//! levels = { vague-target = "重要", unknown-level2 = "一般" }
//! ```

use super::review::{Level, Rule};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Which rules run and at what level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Rules switched off.
    #[serde(default)]
    pub off: Vec<Rule>,
    /// Levels that replace a rule's default (重要, 一般, 提示).
    #[serde(default)]
    pub levels: BTreeMap<Rule, Level>,
}

impl Settings {
    /// True unless the site switched `rule` off.
    pub fn enabled(&self, rule: Rule) -> bool {
        !self.off.contains(&rule)
    }

    /// The level of `rule` on this site.
    pub fn level(&self, rule: Rule) -> Level {
        self.levels.get(&rule).copied().unwrap_or(rule.level())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_switches_and_levels_and_names_a_wrong_code() {
        let s: Settings =
            toml::from_str("off = [\"copied-targets\"]\nlevels = { vague-target = \"重要\" }\n")
                .unwrap();
        assert!(!s.enabled(Rule::CopiedTargets));
        assert!(s.enabled(Rule::CostFloor));
        assert_eq!(s.level(Rule::VagueTarget), Level::Serious);
        assert_eq!(s.level(Rule::CostFloor), Level::Serious);
        assert_eq!(s.level(Rule::UnknownLevel2), Level::Hint);
        let err = toml::from_str::<Settings>("off = [\"cost-flor\"]\n").unwrap_err();
        assert!(err.to_string().contains("cost-flor"), "{err}");
        let err = toml::from_str::<Settings>("levels = { cost-floor = \"很高\" }\n").unwrap_err();
        assert!(err.to_string().contains("很高"), "{err}");
    }
}
