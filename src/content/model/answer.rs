//! A department's recorded answer (说明) to a review finding: which rule it answers and what
//! the department says. It sits on the row, project or department the finding is about, and
//! the pages show it beside the flag.

use crate::rules::review::Rule;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One 说明: `{ rule: cost-floor, text: 本项目按最低采购量测算… }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "部门说明", description = "部门对一条审核发现作出的说明")]
pub struct Answer {
    /// The code of the rule whose finding this answers (see the site's 审核规则 page).
    #[schemars(
        title = "规则代码",
        description = "所回应的审核规则代码，见网站“审核规则”页"
    )]
    pub rule: Rule,
    /// What the department says, as it wrote it.
    #[schemars(title = "说明")]
    pub text: String,
}

/// The answer to `rule` among `answers`, if the department gave one.
pub fn find(answers: &[Answer], rule: Rule) -> Option<&str> {
    answers
        .iter()
        .find(|a| a.rule == rule)
        .map(|a| a.text.as_str())
}
