//! The previous build's index updated file by file: after an edit, only the bucket files
//! (and large terms' chunk files) that hold a term whose postings changed are made again;
//! every other index file is published again as the previous build left it, neither read
//! nor laid out (until 2026-11-30 the whole previous index was read back, every term merged
//! and every bucket encoded and hashed again, a fifth of an edited rebuild).
//!
//! Which terms changed is found from the records made anew alone: a term's postings change
//! only at the ids of those records ("dirty" ids), so a term changes when the set of dirty
//! ids holding it differs between the two builds. The old records' terms come from the
//! previous build's fragments of those ids (their JSON holds every searched text); the new
//! ones from their tokens. A changed term's postings are its old ids without the dirty ones,
//! with the dirty ids that hold it now, encoded as a clean build encodes them (a block
//! depends only on its ids), so the files are a clean build's bytes.
//!
//! The layout of the other files must not move: the number of bucket files (from the sum
//! of every term's [`index::Term::inline_size`], kept in the build cache) must stay, and so
//! must the numbers of the large terms (given in bucket and text order): a changed bucket
//! must hold as many large terms as before, each unchanged one at its old number. When any
//! of that does not hold, or an old file is missing, altered or unreadable, the update is
//! refused and the index is laid out whole ([`super::previous`]).

use super::index::{self, BucketEntry, EntryBody, Postings, Term};
use super::previous::Dirty;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// More dirty records than this and the index is laid out whole: the update reads each one's
/// old fragment, and an edit that shifts the numbering touches most terms anyway.
const MOST_DIRTY: usize = 4096;

/// The previous index as an update needs it: the cache's figures and `meta.json`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OldShape {
    /// Its bucket files.
    pub buckets: u32,
    /// Records it numbered.
    pub records: usize,
    /// Its terms.
    pub terms: usize,
    /// Its terms whose postings are in chunk files.
    pub large_terms: usize,
    /// Its terms' [`index::Term::inline_size`] in all.
    pub inline_total: usize,
}

/// What an update writes and keeps.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files made anew (path under the search folder, bytes).
    pub write: Vec<(String, Vec<u8>)>,
    /// Files of the previous index published again as they are (paths under the search
    /// folder).
    pub keep: Vec<String>,
    /// The index's terms.
    pub terms: usize,
    /// Its large terms.
    pub large_terms: usize,
    /// Its terms' inline sizes in all.
    pub inline_total: usize,
}

/// One record's searched text, as its fragment holds it (the rest is not read).
#[derive(serde::Deserialize)]
struct OldRecord {
    s: Vec<OldSegment>,
}

#[derive(serde::Deserialize)]
struct OldSegment {
    x: String,
    m: Option<String>,
}

/// Each term (by key) of the record whose fragment is `gz`, with its text.
fn fragment_terms(gz: &[u8]) -> Option<Vec<(u64, String)>> {
    use std::io::Read;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut json)
        .ok()?;
    let record: OldRecord = serde_json::from_slice(&json).ok()?;
    let mut out: BTreeMap<u64, String> = BTreeMap::new();
    for seg in &record.s {
        for text in std::iter::once(seg.x.as_str()).chain(seg.m.as_deref()) {
            super::tokenize::scan(text, |p| {
                out.entry(p.key()).or_insert_with(|| p.text());
            });
        }
    }
    Some(out.into_iter().collect())
}

/// The ids of the encoded postings `blocks`; `None` when they do not decode.
fn ids_of(blocks: &[u8]) -> Option<Vec<u32>> {
    let mut ids = Vec::new();
    for b in index::blocks(blocks)? {
        ids.extend(b.ids()?);
    }
    Some(ids)
}

/// The update of the previous index (`old`, its files read through `file`, a path under
/// the search folder → its bytes when recorded and unchanged; `listed`, every one of its
/// bucket and chunk files, recorded and unchanged) for the records at the `dirty` ids, made
/// anew with the terms `fresh` (key → text and the dirty ids holding it, ascending).
/// `None` when the update cannot give a clean build's bytes: the index is then laid out
/// whole.
pub fn plan(
    old: OldShape,
    dirty: &Dirty,
    fresh: &FxHashMap<u64, (String, Postings)>,
    file: impl Fn(&str) -> Option<Vec<u8>>,
    listed: &[String],
) -> Option<Plan> {
    let dirty_ids = dirty.ids();
    if dirty_ids.len() > MOST_DIRTY {
        return None;
    }
    // Each term (by key) the old records at the dirty ids held, with those ids.
    let mut old_terms: FxHashMap<u64, (String, Vec<u32>)> = FxHashMap::default();
    for &id in dirty_ids.iter().filter(|&&id| (id as usize) < old.records) {
        let gz = file(&super::fragment_path(id))?;
        for (key, text) in fragment_terms(&gz)? {
            (old_terms.entry(key).or_insert_with(|| (text, Vec::new())).1).push(id);
        }
    }
    // Terms whose dirty ids differ, by bucket: (text, the dirty ids that hold it now).
    let mut changed: BTreeMap<u32, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    let keys: BTreeSet<u64> = old_terms.keys().chain(fresh.keys()).copied().collect();
    for key in keys {
        let now = fresh.get(&key).map(|(_, p)| p.ids()).unwrap_or_default();
        let before = old_terms.get(&key).map(|(_, ids)| ids.as_slice());
        if before.unwrap_or_default() == now.as_slice() {
            continue;
        }
        let text =
            (fresh.get(&key).map(|(t, _)| t)).or_else(|| old_terms.get(&key).map(|(t, _)| t))?;
        (changed
            .entry(index::bucket_of(text, old.buckets))
            .or_default())
        .insert(text.clone(), now);
    }
    let mut plan = Plan {
        terms: old.terms,
        large_terms: old.large_terms,
        inline_total: old.inline_total,
        ..Plan::default()
    };
    // Large numbers whose chunk files are made anew, and bucket files made anew.
    let mut remade_large: BTreeSet<usize> = BTreeSet::new();
    let mut remade_buckets: BTreeSet<u32> = BTreeSet::new();
    for (b, terms) in &changed {
        let bytes = file(&index::bucket_path(*b))?;
        let entries = index::bucket_entries(&bytes)?;
        let large: Vec<usize> = (entries.iter())
            .filter_map(|e| match e.body {
                EntryBody::Large { id, .. } => Some(id),
                EntryBody::Inline(_) => None,
            })
            .collect();
        // The new entries in text order: an unchanged one as it was, a changed one made.
        let mut made: BTreeMap<&str, Option<Term>> = BTreeMap::new();
        let mut raw: BTreeMap<&str, &BucketEntry> = BTreeMap::new();
        for e in &entries {
            raw.insert(e.text, e);
        }
        for (text, now) in terms {
            let before = raw.get(text.as_str());
            let old_blocks = match before.map(|e| &e.body) {
                Some(body) => body.blocks(&file)?,
                None => Vec::new(),
            };
            if let Some(EntryBody::Large { id, .. }) = before.map(|e| &e.body) {
                remade_large.insert(*id);
            }
            let mut ids: Vec<u32> = (ids_of(&old_blocks)?.into_iter())
                .filter(|&id| !dirty.id(id))
                .chain(now.iter().copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let mut postings = Postings::default();
            ids.into_iter().for_each(|id| postings.push(id));
            postings.flush();
            if before.is_some() {
                plan.inline_total -= index::inline_size(text, old_blocks.len());
                plan.terms -= 1;
            }
            let term = (postings.records > 0).then(|| Term {
                text: text.clone(),
                postings,
            });
            if let Some(t) = &term {
                plan.inline_total += t.inline_size();
                plan.terms += 1;
            }
            made.insert(text.as_str(), term);
        }
        // Every entry of the bucket in text order, each large one with its number.
        let mut order: BTreeSet<&str> = raw.keys().copied().collect();
        order.extend(made.keys().copied());
        let mut out = Vec::new();
        let mut count = 0u64;
        let mut next_large = large.iter().copied();
        let mut body = Vec::new();
        for text in order {
            match made.get(text) {
                Some(None) => {}
                Some(Some(t)) => {
                    let is_large = t.postings.blocks.len() > index::INLINE_BYTES;
                    let id = if is_large { next_large.next()? } else { 0 };
                    let mut emit = |path: String, bytes: Vec<u8>| {
                        plan.write.push((path, bytes));
                        Ok::<(), ()>(())
                    };
                    index::put_entry(&mut body, t, id, &mut emit).ok()?;
                    if is_large {
                        remade_large.insert(id);
                    }
                    count += 1;
                }
                None => {
                    let e = raw.get(text)?;
                    // An unchanged large term keeps its number, hence its chunk files.
                    if let EntryBody::Large { id, .. } = e.body
                        && next_large.next() != Some(id)
                    {
                        return None;
                    }
                    body.extend_from_slice(e.raw);
                    count += 1;
                }
            }
        }
        if next_large.next().is_some() {
            return None;
        }
        index::varint(&mut out, count);
        out.extend(body);
        plan.write.push((index::bucket_path(*b), out));
        remade_buckets.insert(*b);
    }
    if index::buckets_for(plan.inline_total) != old.buckets {
        return None;
    }
    // Every other file of the previous index is kept: the bucket files not made anew (all
    // of them must be there) and the chunk files of large terms not made anew.
    let mut buckets_listed = 0;
    for rel in listed {
        if let Some(b) = (rel.strip_prefix("t/").and_then(|r| r.strip_suffix(".bin")))
            .and_then(|b| b.parse::<u32>().ok())
        {
            buckets_listed += 1;
            if !remade_buckets.contains(&b) {
                plan.keep.push(rel.clone());
            }
        } else if let Some(id) = (rel.strip_prefix("l/").and_then(|r| r.split_once('-')))
            .and_then(|(id, _)| id.parse::<usize>().ok())
        {
            if !remade_large.contains(&id) {
                plan.keep.push(rel.clone());
            }
        } else {
            return None;
        }
    }
    (buckets_listed == old.buckets as usize).then_some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files by path, the shape, and the terms of the records made anew.
    type Clean = (
        BTreeMap<String, Vec<u8>>,
        OldShape,
        FxHashMap<u64, (String, Postings)>,
    );

    /// The clean layout of records with the texts `texts`: its files (paths under the
    /// search folder), its shape, and the terms of the records at `ids` as a build that makes
    /// them anew finds them (key → text and ids, unflushed).
    fn clean(texts: &[String], ids: &[u32]) -> Clean {
        let mut all: FxHashMap<u64, (String, Postings)> = FxHashMap::default();
        let mut fresh: FxHashMap<u64, (String, Postings)> = FxHashMap::default();
        for (id, text) in texts.iter().enumerate() {
            let id = id as u32;
            let mut keys: BTreeMap<u64, String> = BTreeMap::new();
            super::super::tokenize::scan(text, |p| {
                keys.entry(p.key()).or_insert_with(|| p.text());
            });
            for (k, t) in keys {
                let entry = all
                    .entry(k)
                    .or_insert_with(|| (t.clone(), Postings::default()));
                entry.1.push(id);
                if ids.contains(&id) {
                    let e = fresh.entry(k).or_insert_with(|| (t, Postings::default()));
                    e.1.push(id);
                }
            }
        }
        let terms: Vec<Term> = (all.into_values())
            .map(|(text, mut postings)| {
                postings.flush();
                Term { text, postings }
            })
            .collect();
        let n = terms.len();
        let mut files = BTreeMap::new();
        let (buckets, large_terms, inline_total) = index::layout_into(terms, |p, b| {
            files.insert(p, b);
            Ok::<(), ()>(())
        })
        .unwrap();
        let shape = OldShape {
            buckets,
            records: texts.len(),
            terms: n,
            large_terms,
            inline_total,
        };
        (files, shape, fresh)
    }

    fn fragment_of(text: &str) -> Vec<u8> {
        super::super::fragment(
            &serde_json::to_vec(&serde_json::json!({"u": "x/", "s": [{"x": text}]})).unwrap(),
        )
    }

    /// Records changed, a term gone, a new word, a large term (in every record) losing and
    /// keeping ids: the files kept plus the files written are a clean layout's, byte for byte.
    #[test]
    fn an_update_gives_the_files_of_a_clean_layout() {
        let texts: Vec<String> = (0..3000)
            .map(|i| {
                let han = |n: u32| char::from_u32(0x4e00 + n % 2000).unwrap_or('一');
                let own: String = (0..8).map(|k| han(i * 7 + k * 131 + i * k)).collect();
                format!(
                    "电梯检测{own} 第{}批 word{} 食品抽检{}",
                    i % 50,
                    i % 7,
                    i % 3
                )
            })
            .collect();
        let mut edited = texts.clone();
        edited[5] = "电梯维保 zqxw 第3批".to_string();
        edited[2000] = "食品抽检 word1 新增术语".to_string();
        let dirty_ids = [5u32, 2000];
        let (old_files, shape, _) = clean(&texts, &[]);
        assert!(shape.large_terms > 0, "a large term is laid out");
        let (want, new_shape, fresh) = clean(&edited, &dirty_ids);
        let mut dirty = Dirty::all(texts.len());
        dirty.keep(0, 5);
        dirty.keep(6, 1994);
        dirty.keep(2001, 999);
        dirty.seal();
        let file = |rel: &str| -> Option<Vec<u8>> {
            if let Some(id) = dirty_ids
                .iter()
                .find(|&&id| super::super::fragment_path(id) == rel)
            {
                return Some(fragment_of(&texts[*id as usize]));
            }
            old_files.get(rel).cloned()
        };
        let listed: Vec<String> = old_files.keys().cloned().collect();
        let plan = plan(shape, &dirty, &fresh, file, &listed).expect("updated");
        let mut got: BTreeMap<String, Vec<u8>> = (plan.keep.iter())
            .map(|rel| (rel.clone(), old_files[rel].clone()))
            .collect();
        for (rel, bytes) in &plan.write {
            assert!(
                got.insert(rel.clone(), bytes.clone()).is_none(),
                "{rel} twice"
            );
        }
        assert_eq!(got, want);
        // Here 2 records of 3,000 change some 40 terms of a small index: about half of its
        // files; at 2,000 departments an edit makes 1 to 3 of some 2,000 files anew.
        assert!(
            plan.keep.len() > want.len() / 3,
            "{} of {} kept",
            plan.keep.len(),
            want.len()
        );
        assert_eq!(
            (plan.terms, plan.large_terms, plan.inline_total),
            (
                new_shape.terms,
                new_shape.large_terms,
                new_shape.inline_total
            )
        );
        // An old fragment missing, or a file listed but not there: no update.
        let no_fragment = |rel: &str| old_files.get(rel).cloned();
        assert!(super::plan(shape, &dirty, &fresh, no_fragment, &listed).is_none());
        let fewer: Vec<String> = listed.iter().filter(|r| *r != "t/0.bin").cloned().collect();
        assert!(super::plan(shape, &dirty, &fresh, file, &fewer).is_none());
    }
}
