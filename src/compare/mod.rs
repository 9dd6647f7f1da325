//! Comparisons across regions and years: the metric catalogue, which rows measure which
//! metric, the tables and charts of the comparison pages, and their CSV downloads.

pub mod catalogue;
pub mod chart;
pub mod cost;
pub mod matching;
pub mod pages;
pub mod tables;
pub mod write;
