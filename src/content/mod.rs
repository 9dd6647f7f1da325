//! What a build reads, each document once: files → YAML → typed [`model`] ([`load`], with
//! source maps for line and column), the checks within and across documents ([`validate`],
//! gathered by [`crate::review::check`] with the review, each document's once in [`findings`]), the comparable-metric [`catalogue`] and which rows measure which
//! metric ([`matching`]), how deep Markdown text nests ([`nesting`]), and the site [`tree`] (years → regions → departments, totals).

pub mod catalogue;
pub mod evaluation;
pub mod findings;
pub mod load;
pub mod matching;
pub mod model;
pub mod nesting;
pub mod selfeval_check;
pub mod tree;
pub mod validate;
pub mod verdict;
