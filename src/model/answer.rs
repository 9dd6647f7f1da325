//! A department's recorded answer (说明) to a review finding: which rule it answers and what
//! the department says. It sits on the row, project or department the finding is about, and
//! the pages show it beside the flag.

use crate::review::Rule;
use serde::{Deserialize, Serialize};

/// One 说明: `{ rule: cost-floor, text: 本项目按最低采购量测算… }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The code of the rule whose finding this answers (see the site's 审核规则 page).
    pub rule: Rule,
    /// What the department says, as it wrote it.
    pub text: String,
}

/// The answer to `rule` among `answers`, if the department gave one.
pub fn find(answers: &[Answer], rule: Rule) -> Option<&str> {
    answers
        .iter()
        .find(|a| a.rule == rule)
        .map(|a| a.text.as_str())
}
