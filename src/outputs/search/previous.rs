//! The previous build's index read back from its files, so that a build after an edit
//! re-makes only the postings of the records that changed: every other record's terms are
//! taken from the old postings instead of tokenising its text again.
//!
//! The postings of a term are blocks, one per page of 2^[`index::PAGE_BITS`] records, each
//! encoded on its own. A block that holds no changed record ("dirty" id) and gains none keeps
//! its bytes (a bitmap is tested at the dirty ids only, a list walked without decoding it into
//! a vector); any other block is decoded, stripped of the dirty ids, merged with the ids of
//! the records made anew, and encoded again — the same bytes a clean build encodes, since a
//! block depends only on the ids it holds.

use super::index::{self, Postings, Term};
use rustc_hash::FxHashMap;

/// One term of the previous index: its text and its encoded postings.
#[derive(Debug)]
pub struct OldTerm {
    /// The term.
    pub text: String,
    /// Its postings, every block in page order.
    pub blocks: Vec<u8>,
    /// Each block's page, its span in `blocks` and how many records it holds, checked to
    /// decode when read.
    pub spans: Vec<(u32, std::ops::Range<usize>, u32)>,
}

impl OldTerm {
    /// The term `text` with the postings `blocks`; `None` when they do not decode.
    pub fn new(text: String, blocks: Vec<u8>) -> Option<OldTerm> {
        let base = blocks.as_ptr() as usize;
        let spans = (index::blocks(&blocks)?.into_iter())
            .map(|b| {
                let start = b.bytes.as_ptr() as usize - base;
                let n = b.count()?;
                Some((b.page, start..start + b.bytes.len(), n))
            })
            .collect::<Option<_>>()?;
        Some(OldTerm {
            text,
            blocks,
            spans,
        })
    }
}

/// The previous build's index, as its files hold it.
#[derive(Debug, Default)]
pub struct OldIndex {
    /// Records it numbered.
    pub records: usize,
    /// Its terms.
    pub terms: Vec<OldTerm>,
}

/// Reads the previous index through `file` (a path under the search folder → the bytes
/// of the previous build's file, when it is recorded and unchanged). `None` when any file
/// is missing or does not read as this version's layout: the index is then made anew.
pub fn read(file: impl Fn(&str) -> Option<Vec<u8>>) -> Option<OldIndex> {
    let (buckets, records) = read_meta(&file("meta.json")?)?;
    let mut terms = Vec::new();
    for b in 0..buckets {
        let bytes = file(&index::bucket_path(b))?;
        for e in index::bucket_entries(&bytes)? {
            terms.push(OldTerm::new(e.text.to_string(), e.body.blocks(&file)?)?);
        }
    }
    Some(OldIndex { records, terms })
}

/// The number of bucket files and of records of the previous index, from its `meta.json`
/// (`bytes`); `None` when it does not read as this version's layout.
pub fn read_meta(bytes: &[u8]) -> Option<(u32, usize)> {
    let meta: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let number = |k: &str| meta.get(k)?.as_u64();
    if number("v")? != 1 || number("page_bits")? != u64::from(index::PAGE_BITS) {
        return None;
    }
    let buckets = u32::try_from(number("buckets")?).ok()?;
    Some((buckets, usize::try_from(number("records")?).ok()?))
}

/// The key a term has while the index is built ([`super::tokenize::Piece::key`]), from its
/// text.
pub fn key_of(text: &str) -> u64 {
    use super::tokenize::{Piece, is_han};
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), None, _) if is_han(a) => Piece::Single(a).key(),
        (Some(a), Some(b), None) if is_han(a) => Piece::Pair(a, b).key(),
        _ => Piece::Word(text).key(),
    }
}

/// Record ids whose records were made anew (or are gone): a set over the larger of the two
/// indexes' numberings, and per page the dirty ids it holds.
#[derive(Debug)]
pub struct Dirty {
    ids: Vec<bool>,
    /// Per page, its dirty ids, ascending.
    pages: Vec<Vec<u32>>,
}

impl Dirty {
    /// Every id below `len` dirty, until [`Self::keep`] says otherwise.
    pub fn all(len: usize) -> Dirty {
        Dirty {
            ids: vec![true; len],
            pages: Vec::new(),
        }
    }

    /// The records `first..first + count` are the same in both indexes, with the same ids.
    pub fn keep(&mut self, first: u32, count: u32) {
        let len = self.ids.len();
        let (from, to) = (first as usize, (first as usize + count as usize).min(len));
        if let Some(ids) = self.ids.get_mut(from.min(to)..to) {
            ids.fill(false);
        }
    }

    /// Ends the marking: notes each page's dirty ids.
    pub fn seal(&mut self) {
        self.pages = (self.ids.chunks(index::PAGE).enumerate())
            .map(|(p, ids)| {
                let base = (p << index::PAGE_BITS) as u32;
                (ids.iter().enumerate())
                    .filter(|&(_, &d)| d)
                    .map(|(o, _)| base + o as u32)
                    .collect()
            })
            .collect();
    }

    /// True for a dirty id (and for any id beyond those marked).
    pub fn id(&self, id: u32) -> bool {
        self.ids.get(id as usize).copied().unwrap_or(true)
    }

    /// Every dirty id, ascending.
    pub fn ids(&self) -> Vec<u32> {
        (self.ids.iter().enumerate())
            .filter(|&(_, &d)| d)
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// True when `block` may have to change: it holds a dirty id, or its page lies beyond
    /// the ids marked (or the bytes are not a block).
    fn touches(&self, block: &index::Block) -> bool {
        match self.pages.get(block.page as usize) {
            Some(ids) => block.holds_any(ids).unwrap_or(true),
            None => true,
        }
    }
}

/// The terms of the new index: those of `old` without the `dirty` ids, merged with `fresh`
/// (term key → its text and the postings of the records made anew that hold it, pushed in
/// ascending order and not yet flushed).
pub fn merge(
    old: OldIndex,
    dirty: &Dirty,
    mut fresh: FxHashMap<u64, (String, Postings)>,
) -> Vec<Term> {
    let mut terms = Vec::with_capacity(old.terms.len() + fresh.len());
    for t in old.terms {
        let added = fresh.remove(&key_of(&t.text)).map(|(_, p)| p.ids());
        let mut added = added.unwrap_or_default().into_iter().peekable();
        let mut p = Postings::default();
        for (page, span, n) in t.spans {
            // New ids of earlier pages come first.
            while let Some(id) = added.next_if(|&id| id >> index::PAGE_BITS < page) {
                p.push(id);
            }
            let block = index::Block {
                page,
                bytes: &t.blocks[span],
            };
            // A block that neither loses nor gains an id is kept as it is: a block's bytes
            // depend only on its ids.
            let gains = added
                .peek()
                .is_some_and(|&id| id >> index::PAGE_BITS == page);
            if !gains && !dirty.touches(&block) {
                p.append_block(page, block.bytes, n);
                continue;
            }
            // `OldTerm::new` checked that every block decodes.
            let ids = block.ids().unwrap_or_default();
            let mut this_page: Vec<u32> = ids.into_iter().filter(|&id| !dirty.id(id)).collect();
            while let Some(id) = added.next_if(|&id| id >> index::PAGE_BITS == page) {
                this_page.push(id);
            }
            this_page.sort_unstable();
            this_page.into_iter().for_each(|id| p.push(id));
        }
        added.for_each(|id| p.push(id));
        p.flush();
        if p.records > 0 {
            terms.push(Term {
                text: t.text,
                postings: p,
            });
        }
    }
    // Terms only the records made anew hold (every term, in a clean build): their postings
    // are already what a clean build encodes.
    for (_, (text, mut postings)) in fresh {
        postings.flush();
        terms.push(Term { text, postings });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(ids: &[u32]) -> Postings {
        let mut p = Postings::default();
        ids.iter().for_each(|&i| p.push(i));
        p.flush();
        p
    }

    /// The old index of `terms` (text, ids), as `read` gives it back.
    fn old(records: usize, terms: &[(&str, &[u32])]) -> OldIndex {
        OldIndex {
            records,
            terms: (terms.iter())
                .map(|(t, ids)| OldTerm::new(t.to_string(), ids_of(ids).blocks).unwrap())
                .collect(),
        }
    }

    #[test]
    fn an_update_encodes_what_a_clean_build_encodes() {
        let page = index::PAGE as u32;
        // Records 5..8 and page 2's record are made anew; term 电梯 leaves record 6 and
        // comes to 2·PAGE+1; 满意 leaves everything; 抽检 is new.
        let before = old(
            3 * index::PAGE,
            &[
                ("电梯", &[1, 6, page + 3, 2 * page + 9]),
                ("满意", &[6, 7]),
                ("abc", &[2, page + 5]),
            ],
        );
        let mut dirty = Dirty::all(3 * index::PAGE);
        dirty.keep(0, 5);
        dirty.keep(8, 2 * page - 8);
        dirty.keep(2 * page + 2, page - 2);
        dirty.seal();
        let mut fresh = FxHashMap::default();
        let unflushed = |ids: &[u32]| {
            let mut p = Postings::default();
            ids.iter().for_each(|&i| p.push(i));
            p
        };
        fresh.insert(
            key_of("电梯"),
            ("电梯".to_string(), unflushed(&[7, 2 * page + 1])),
        );
        fresh.insert(key_of("抽检"), ("抽检".to_string(), unflushed(&[5])));
        let mut got: Vec<(String, Vec<u8>, u32)> = merge(before, &dirty, fresh)
            .into_iter()
            .map(|t| (t.text, t.postings.blocks, t.postings.records))
            .collect();
        got.sort();
        let clean = |t: &str, ids: &[u32]| {
            let p = ids_of(ids);
            (t.to_string(), p.blocks, p.records)
        };
        let mut want = vec![
            clean("电梯", &[1, 7, page + 3, 2 * page + 1, 2 * page + 9]),
            clean("abc", &[2, page + 5]),
            clean("抽检", &[5]),
        ];
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn a_block_is_touched_only_by_the_dirty_ids_it_holds() {
        let page = index::PAGE as u32;
        let list = ids_of(&[page + 3, page + 90, page + 4000]);
        let dense: Vec<u32> = (0..index::PAGE as u32).step_by(2).collect();
        let bitmap = ids_of(&dense);
        fn block(p: &Postings, at: u32) -> index::Block<'_> {
            index::Block {
                page: at,
                bytes: &p.blocks,
            }
        }
        assert_eq!(bitmap.blocks.len(), 2 + index::PAGE / 8, "a bitmap block");
        for (dirty, list_hit) in [
            (&[][..], false),
            (&[page + 90][..], true),
            (&[page + 4, page + 89, page + 4001][..], false),
            (&[page + 4000, page + 9000][..], true),
        ] {
            assert_eq!(
                block(&list, 1).holds_any(dirty),
                Some(list_hit),
                "{dirty:?}"
            );
            // The same offsets on the bitmap's page: it holds the even ones.
            let offsets: Vec<u32> = dirty.iter().map(|&d| d - page).collect();
            let even = offsets.iter().any(|d| d % 2 == 0);
            assert_eq!(
                block(&bitmap, 0).holds_any(&offsets),
                Some(even),
                "{offsets:?}"
            );
        }
        assert_eq!(block(&list, 1).count(), Some(3));
        assert_eq!(block(&bitmap, 0).count(), Some(dense.len() as u32));
    }

    #[test]
    fn keys_from_text_match_the_tokeniser() {
        for text in ["电梯 梯", "食", "1145", "ab", "x"] {
            super::super::tokenize::scan(text, |p| assert_eq!(key_of(&p.text()), p.key()));
        }
    }
}
