//! The rule codes a diagnostic carries, below everything that reports them: the review of
//! targets' catalogue ([`review`]) and the self-evaluation checks' rules ([`selfeval`]). The
//! checks that find them live above, in `review` and `content::selfeval_check`. The site's
//! choice of rules and levels ([`settings`], site.toml `[review]`) is read here too, so the
//! settings file needs nothing above it.

pub mod review;
pub mod selfeval;
pub mod settings;
