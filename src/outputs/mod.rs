//! What a build writes besides the browsing pages: the comparison pages and their CSV
//! ([`compare`]), the search index ([`search`]), the CSV and JSON [`downloads`] with their data
//! package, and the Atom [`feed`].

pub mod compare;
pub mod downloads;
pub mod feed;
pub mod search;
