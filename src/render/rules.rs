//! The 审核规则 page: every review rule with its explanation, source and example, as this
//! site applies it (switched off, or at another level, by site.toml). Flags on the pages
//! link to a rule's section by its code.

use super::kind::{PageKind, Site};
use super::site::{PageMeta, SiteMeta, meta};
use crate::address::Address;
use crate::config::Config;
use crate::review::{Rule, RuleInfo};
use serde::Serialize;

/// One rule as this site applies it.
#[derive(Serialize)]
pub struct RuleEntry {
    /// The catalogue entry.
    pub info: RuleInfo,
    /// The level on this site (重要, 一般, 提示).
    pub level: &'static str,
    /// False when the site switched the rule off.
    pub on: bool,
}

/// The rules page.
#[derive(Serialize)]
pub struct RulesPage {
    /// Common page values.
    pub page: PageMeta,
    /// Every rule, in catalogue order.
    pub rules: Vec<RuleEntry>,
    /// The sources the rules cite, by id.
    pub sources: &'static [(&'static str, &'static str)],
}

impl AsRef<PageMeta> for RulesPage {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for RulesPage {
    const TEMPLATE: &'static str = "rules.html";
    type Page<'a> = RulesPage;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = RulesPage> + 'a> {
        Box::new(std::iter::once(page(site.meta, site.config)))
    }
}

/// Builds the rules page.
pub fn page(site: &SiteMeta, config: &Config) -> RulesPage {
    let title = "绩效目标审核规则".to_string();
    RulesPage {
        page: meta(
            site,
            config,
            title.clone(),
            &Address::Rules.path(),
            vec![(title, Address::Rules.path())],
            None,
        ),
        rules: Rule::ALL
            .iter()
            .map(|&r| RuleEntry {
                info: r.info(),
                level: config.review.level(r).label(),
                on: config.review.enabled(r),
            })
            .collect(),
        sources: crate::review::rule::SOURCES,
    }
}
