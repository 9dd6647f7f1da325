//! What lets readers take the data away and check it: per-department CSV tables with a
//! Frictionless data package describing them, and a manifest of every published file with
//! its size and SHA-256 that `gongkai verify` checks a folder against; frozen years; the
//! Atom feed of publications.

pub mod bundle;
pub mod cell;
pub mod feed;
pub mod freeze;
pub mod manifest;
pub mod table;
