//! How text is split into index terms. The browser (`themes/default/static/search.js`) splits
//! queries with the same rules; `tests/browser.rs` checks the two agree on the bundled content.
//!
//! No dictionary: every pair of adjacent Han characters is a term (食品抽检 → 食品 品抽 抽检),
//! a Han character standing alone is a term, and a run of ASCII letters and digits is one term
//! (dots between digits kept: `0.65`, `1145`, a project code).

/// Folds a character for matching: full-width ASCII to ASCII, then ASCII to lower case.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Folds a whole string (see [`fold`]); the result has as many characters as the input.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Whether `c` is a Han character (CJK unified ideographs, extensions and compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// One index term, as found by [`scan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Two adjacent Han characters.
    Pair(char, char),
    /// A Han character with no Han neighbour.
    Single(char),
    /// A run of ASCII letters and digits, folded to lower case.
    Word(&'a str),
}

impl Piece<'_> {
    /// A key unique to the term: the characters themselves for Han terms, a hash for words.
    pub fn key(&self) -> u64 {
        match *self {
            Piece::Pair(a, b) => (u64::from(a as u32) << 21) | u64::from(b as u32),
            Piece::Single(a) => u64::from(a as u32) << 21,
            Piece::Word(w) => super::index::fnv64(w) | 1 << 63,
        }
    }

    /// The term as text.
    pub fn text(&self) -> String {
        match *self {
            Piece::Pair(a, b) => [a, b].iter().collect(),
            Piece::Single(a) => a.to_string(),
            Piece::Word(w) => w.to_string(),
        }
    }
}

/// Calls `emit` with every index term of `text`, in order, repeats included.
pub fn scan(text: &str, mut emit: impl FnMut(Piece)) {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut buf = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            if i - start == 1 {
                emit(Piece::Single(c));
            }
            for pair in chars[start..i].windows(2) {
                emit(Piece::Pair(pair[0], pair[1]));
            }
        } else if c.is_ascii_alphanumeric() {
            buf.clear();
            while i < chars.len() {
                let d = chars[i];
                let dot = d == '.'
                    && buf.ends_with(|p: char| p.is_ascii_digit())
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_alphanumeric() || dot {
                    buf.push(d);
                    i += 1;
                } else {
                    break;
                }
            }
            emit(Piece::Word(&buf));
        } else {
            i += 1;
        }
    }
}

/// The terms of `text` as owned strings (for tests and the agreement check).
pub fn term_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    scan(text, |t| out.push(t.text()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_text_splits_into_overlapping_pairs() {
        assert_eq!(term_list("食品抽检"), ["食品", "品抽", "抽检"]);
        assert_eq!(term_list("电梯"), ["电梯"]);
        assert_eq!(term_list("（县）"), ["县"]);
    }

    #[test]
    fn numbers_codes_and_decimals_are_whole_terms() {
        assert_eq!(term_list("≥1145批次"), ["1145", "批次"]);
        assert_eq!(term_list("≤0.65万元"), ["0.65", "万元"]);
        assert_eq!(term_list("13076024P00066663000"), ["13076024p00066663000"]);
        assert_eq!(term_list("99.5%。"), ["99.5"]);
        assert_eq!(term_list("v1."), ["v1"]);
    }

    #[test]
    fn full_width_and_case_fold_to_ascii() {
        assert_eq!(term_list("ＡＢ１２３"), ["ab123"]);
        assert_eq!(fold_str("ＡＢ１２３").chars().count(), 5);
        assert_eq!(
            term_list("2024年12月15日前"),
            ["2024", "年", "12", "月", "15", "日前"]
        );
    }

    #[test]
    fn keys_tell_terms_apart() {
        let mut keys = Vec::new();
        scan("电梯 梯电 电 1145 1146 电梯", |p| keys.push(p.key()));
        assert_eq!(keys.len(), 6);
        assert_eq!(keys[0], keys[5]);
        let mut unique = keys[..5].to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 5);
    }

    #[test]
    fn punctuation_separates_runs() {
        assert_eq!(term_list("数量，指标"), ["数量", "指标"]);
        assert!(term_list("≥ ％ ——").is_empty());
    }
}
