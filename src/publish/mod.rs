//! Getting a build out and keeping it: the [`staging`] folder swapped in only when a build
//! succeeds, the [`manifest`] of every published file with its size and SHA-256 that `gongkai
//! verify` checks a folder against, frozen years and corrections ([`freeze`]), and each year's
//! [`bundle`], whose hash an edited rebuild [`resume`]s over the bytes it shares with the
//! previous one; the site a build swaps out is kept to be the next build's staging folder
//! ([`recycle`]).

pub mod bundle;
pub mod freeze;
pub mod manifest;
pub mod recycle;
pub mod resume;
pub mod staging;
pub mod zipfile;
