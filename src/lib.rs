//! gongkai (公开): a static site generator for the budget performance targets (部门预算绩效目标)
//! of Chinese government departments.
//!
//! The pipeline reads top to bottom: [`content`] (load each YAML file into the model, check it,
//! gather the site tree), [`render`] (templates → pages), [`outputs`] (comparisons, search,
//! downloads, feed), [`publish`] (staging and swap, manifest, frozen years, bundles), driven by
//! [`pipeline`] (`gongkai build`); [`commands`] holds what the command line runs.

pub mod address;
pub mod commands;
pub mod config;
pub mod content;
pub mod deflate;
pub mod diagnostic;
pub mod digest;
pub mod import;
pub mod messages;
pub mod outputs;
pub mod paths;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod review;
pub mod rules;
pub mod scaffold;
pub mod serde_error;
pub mod spreadsheet;
pub mod synth;
pub mod xml;

/// Short paths for the content modules, as they were before the layout moved them under
/// [`content`], so code written against them keeps building.
pub use content::{load, model, validate};
/// `gongkai check`'s report, which runs content's checks and the review together.
pub use review::check;
