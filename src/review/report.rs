//! `gongkai review`: the review report for the finance bureau.
