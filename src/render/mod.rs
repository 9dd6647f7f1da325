//! Turning values into pages: the [`theme`] (Tera templates, minifying), what each page shows
//! ([`pages`]), making one page and writing it ([`renderer`]), Markdown ([`markdown`]) and the
//! internal link check ([`links`]), the comparison pages' addresses ([`address`]), and the self-evaluation pages ([`selfeval`]).

pub mod kind;
pub mod links;
pub mod listing;
pub mod markdown;
pub mod pages;
pub mod renderer;
pub mod rules;
pub mod selfeval;
pub mod selfeval_index;
pub mod site;
pub mod theme;
