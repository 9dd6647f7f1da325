//! gongkai (公开): a static site generator for the budget performance targets (部门预算绩效目标)
//! of Chinese government departments.
//!
//! The pipeline reads top to bottom: [`load`] YAML into the [`model`], [`validate`] it, then
//! [`site`] renders pages, search and downloads and writes them atomically.

pub mod archive;
pub mod check;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod import;
pub mod load;
pub mod model;
pub mod paths;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod synth;
pub mod validate;
pub mod xml;
