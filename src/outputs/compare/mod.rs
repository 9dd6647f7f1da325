//! Comparisons across regions and years: the tables and charts of the comparison pages, and
//! their CSV downloads. The catalogue and the matching of rows to metrics are in
//! [`crate::content`].

pub mod chart;
pub mod cost;
pub mod pages;
pub mod recorder;
pub mod rows;
pub mod tables;
pub mod write;
