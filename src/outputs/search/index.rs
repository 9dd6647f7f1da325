//! The inverted index's binary layout, read by `search.js`.
//!
//! Records are numbered in site order (newest year first) and grouped in pages of
//! 2^[`PAGE_BITS`] records. A term's postings are, per page where it occurs, either a list of
//! record offsets (delta varints) or a bitmap, whichever is smaller, so a term found in every
//! record costs one bit per record. Terms are spread over bucket files by [`bucket_of`]; a term
//! whose postings are small is stored inside its bucket, a larger one in chunk files of about
//! [`CHUNK_BYTES`] that the browser fetches one at a time, newest records first, only as far as
//! it needs.
//!
//! ```text
//! bucket file  = varint(terms) entry*
//! entry        = varint(len) term-utf8 varint(records) kind
//! kind         = 0 varint(len) block*            postings inline
//!              | 1 varint(id) varint(chunks) varint(first page of chunk)*
//!                                                 postings in l/{id}-{chunk}.bin
//! block        = varint(page) 0 varint(n) varint(delta)*   offsets within the page
//!              | varint(page) 1 bitmap[PAGE/8]             bit i of byte i/8: offset i
//! ```

/// Records per page: 2^14.
pub const PAGE_BITS: u32 = 14;
/// Records per page.
pub const PAGE: usize = 1 << PAGE_BITS;
const BITMAP_BYTES: usize = PAGE / 8;
/// Postings up to this size stay inside their bucket file.
pub const INLINE_BYTES: usize = 1024;
/// Target size of a large term's chunk file.
pub const CHUNK_BYTES: usize = 4096;
/// Target size of a bucket file.
pub const BUCKET_BYTES: usize = 6144;

/// Appends `v` as an unsigned LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// FNV-1a over the term's UTF-8 bytes, 32 bits: the browser computes the same.
pub fn fnv32(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// FNV-1a, 64 bits: the in-memory key of a term while the index is built.
pub fn fnv64(term: &str) -> u64 {
    term.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The bucket file a term lives in, for `buckets` (a power of two) buckets.
pub fn bucket_of(term: &str, buckets: u32) -> u32 {
    fnv32(term) & (buckets - 1)
}

/// Postings of one term, collected in ascending record order.
#[derive(Debug, Default)]
pub struct Postings {
    /// Records containing the term.
    pub records: u32,
    page: u32,
    current: Vec<u16>,
    /// Encoded blocks of the finished pages; each block starts at the offset kept in `starts`.
    pub blocks: Vec<u8>,
    /// (page, offset into `blocks`) of every block.
    pub starts: Vec<(u32, usize)>,
}

impl Postings {
    /// Adds record `id`; ids must come in ascending order, each once.
    pub fn push(&mut self, id: u32) {
        let page = id >> PAGE_BITS;
        if page != self.page && !self.current.is_empty() {
            self.flush();
        }
        self.page = page;
        self.current.push((id as usize & (PAGE - 1)) as u16);
        self.records += 1;
    }

    /// Encodes the current page's offsets as a block.
    pub fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        self.starts.push((self.page, self.blocks.len()));
        varint(&mut self.blocks, u64::from(self.page));
        let mut list = Vec::with_capacity(self.current.len() * 2);
        varint(&mut list, self.current.len() as u64);
        let mut prev = 0u16;
        for (i, &o) in self.current.iter().enumerate() {
            varint(&mut list, u64::from(if i == 0 { o } else { o - prev }));
            prev = o;
        }
        if list.len() <= BITMAP_BYTES {
            self.blocks.push(0);
            self.blocks.extend_from_slice(&list);
        } else {
            self.blocks.push(1);
            let mut bits = vec![0u8; BITMAP_BYTES];
            for &o in &self.current {
                bits[o as usize >> 3] |= 1 << (o & 7);
            }
            self.blocks.extend_from_slice(&bits);
        }
        self.current.clear();
    }

    /// Every record id it holds, ascending (its finished blocks, then the current page).
    pub fn ids(&self) -> Vec<u32> {
        let mut ids = Vec::with_capacity(self.records as usize);
        for (k, &(page, from)) in self.starts.iter().enumerate() {
            let to = self.starts.get(k + 1).map_or(self.blocks.len(), |s| s.1);
            let block = Block {
                page,
                bytes: &self.blocks[from..to],
            };
            // `flush` encoded it: it decodes.
            ids.extend(block.ids().unwrap_or_default());
        }
        let base = self.page << PAGE_BITS;
        ids.extend(self.current.iter().map(|&o| base + u32::from(o)));
        ids
    }

    /// Appends a finished block of `page` (as [`Self::flush`] encodes it, page number
    /// included) holding `n` records, unchanged: pages must come in ascending order.
    pub fn append_block(&mut self, page: u32, block: &[u8], n: u32) {
        self.flush();
        self.starts.push((page, self.blocks.len()));
        self.blocks.extend_from_slice(block);
        self.records += n;
        self.page = page;
    }
}

/// Reads an unsigned LEB128 varint at `at`, moving past it; `None` past the end or beyond
/// 64 bits.
pub fn read_varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let (mut v, mut shift) = (0u64, 0u32);
    loop {
        let x = *b.get(*at)?;
        *at += 1;
        v |= u64::from(x & 0x7f).checked_shl(shift)?;
        if x & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift >= 64 {
            return None;
        }
    }
}

/// One encoded block of postings, as read back from an index file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    /// The page it covers.
    pub page: u32,
    /// Its bytes, page number included.
    pub bytes: &'a [u8],
}

impl Block<'_> {
    /// The record ids it holds, ascending; `None` when the bytes are not a block.
    pub fn ids(&self) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        self.each(|id| {
            ids.push(id);
            true
        })?;
        Some(ids)
    }

    /// How many record ids it holds, without listing them; `None` when the bytes are not a
    /// block ([`Self::ids`] then fails too).
    pub fn count(&self) -> Option<u32> {
        let mut n = 0u32;
        self.each(|_| {
            n += 1;
            true
        })?;
        Some(n)
    }

    /// True when it holds any of `ids` (ascending); `None` when the bytes are not a block. A
    /// bitmap is tested at those ids only; a list is walked once beside them.
    pub fn holds_any(&self, ids: &[u32]) -> Option<bool> {
        if ids.is_empty() {
            return Some(false);
        }
        if let Some(bits) = self.bitmap() {
            let base = self.page.checked_shl(PAGE_BITS)?;
            return Some(ids.iter().any(|&id| {
                let o = id.wrapping_sub(base) as usize;
                o < PAGE && bits[o >> 3] & (1 << (o & 7)) != 0
            }));
        }
        let (mut found, mut rest) = (false, ids);
        self.each(|id| {
            while let Some((&d, more)) = rest.split_first()
                && d < id
            {
                rest = more;
            }
            found = rest.first() == Some(&id);
            !found && !rest.is_empty()
        })?;
        Some(found)
    }

    /// Its bitmap, when it is a bitmap block of the right length.
    fn bitmap(&self) -> Option<&[u8]> {
        let mut at = 0;
        read_varint(self.bytes, &mut at)?;
        (*self.bytes.get(at)? == 1 && self.bytes.len() == at + 1 + BITMAP_BYTES)
            .then(|| &self.bytes[at + 1..])
    }

    /// Calls `f` with each record id it holds, ascending, until `f` returns false; `None`
    /// when the bytes are not a block (read as far as `f` went on).
    fn each(&self, mut f: impl FnMut(u32) -> bool) -> Option<()> {
        let b = self.bytes;
        let mut at = 0;
        read_varint(b, &mut at)?;
        let base = self.page.checked_shl(PAGE_BITS)?;
        match *b.get(at)? {
            0 => {
                at += 1;
                let n = read_varint(b, &mut at)?;
                let mut prev = 0u64;
                for i in 0..n {
                    let d = read_varint(b, &mut at)?;
                    prev = if i == 0 { d } else { prev + d };
                    if prev >= PAGE as u64 {
                        return None;
                    }
                    if !f(base + prev as u32) {
                        return Some(());
                    }
                }
            }
            1 => {
                let bits = b.get(at + 1..at + 1 + BITMAP_BYTES)?;
                at += 1 + BITMAP_BYTES;
                for (i, &byte) in bits.iter().enumerate() {
                    let mut byte = byte;
                    while byte != 0 {
                        let bit = byte.trailing_zeros();
                        byte &= byte - 1;
                        if !f(base + (i * 8) as u32 + bit) {
                            return Some(());
                        }
                    }
                }
            }
            _ => return None,
        }
        (at == b.len()).then_some(())
    }
}

/// Splits a run of blocks (a term's postings) into its blocks; `None` when the bytes are not
/// a run of blocks in ascending page order.
pub fn blocks(b: &[u8]) -> Option<Vec<Block<'_>>> {
    let mut out: Vec<Block> = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let start = at;
        let page = u32::try_from(read_varint(b, &mut at)?).ok()?;
        if out.last().is_some_and(|l| l.page >= page) {
            return None;
        }
        match *b.get(at)? {
            0 => {
                at += 1;
                let n = read_varint(b, &mut at)?;
                for _ in 0..n {
                    read_varint(b, &mut at)?;
                }
            }
            1 => at += 1 + BITMAP_BYTES,
            _ => return None,
        }
        let bytes = b.get(start..at)?;
        out.push(Block { page, bytes });
    }
    Some(out)
}

/// One term ready to be laid out.
#[derive(Debug)]
pub struct Term {
    /// The term.
    pub text: String,
    /// Its finished postings.
    pub postings: Postings,
}

impl Term {
    /// What the term counts for in sizing the bucket files: its text, 8, and its postings up
    /// to [`INLINE_BYTES`].
    pub fn inline_size(&self) -> usize {
        inline_size(&self.text, self.postings.blocks.len())
    }
}

/// [`Term::inline_size`] of a term `text` whose postings take `blocks` bytes.
pub fn inline_size(text: &str, blocks: usize) -> usize {
    text.len() + 8 + blocks.min(INLINE_BYTES)
}

/// How many bucket files an index whose terms' [`Term::inline_size`] add up to `inline_total`
/// is laid out in (a power of two).
pub fn buckets_for(inline_total: usize) -> u32 {
    (inline_total / BUCKET_BYTES).max(1).next_power_of_two() as u32
}

/// The path (under the search folder) of bucket file `b`.
pub fn bucket_path(b: u32) -> String {
    format!("t/{b}.bin")
}

/// The path (under the search folder) of chunk `n` of the large term numbered `id`.
pub fn chunk_path(id: usize, n: usize) -> String {
    format!("l/{id}-{n}.bin")
}

/// One entry of a bucket file, as read back ([`put_entry`] writes it).
pub struct BucketEntry<'a> {
    /// The term's text.
    pub text: &'a str,
    /// Its bytes in the file, as they are written again when the term is unchanged.
    pub raw: &'a [u8],
    /// Its encoded postings inline, or its large number and chunk count.
    pub body: EntryBody<'a>,
}

/// Where an entry's postings are.
pub enum EntryBody<'a> {
    /// In the bucket file.
    Inline(&'a [u8]),
    /// In `chunks` chunk files of the large term numbered `id`.
    Large {
        /// The large term's number.
        id: usize,
        /// How many chunk files it has.
        chunks: usize,
    },
}

impl EntryBody<'_> {
    /// The encoded postings: inline, or the chunk files' bytes in order, read through `file`
    /// (a path under the search folder → its bytes).
    pub fn blocks(&self, file: impl Fn(&str) -> Option<Vec<u8>>) -> Option<Vec<u8>> {
        match *self {
            EntryBody::Inline(b) => Some(b.to_vec()),
            EntryBody::Large { id, chunks } => {
                let mut all = Vec::new();
                for n in 0..chunks {
                    all.extend(file(&chunk_path(id, n))?);
                }
                Some(all)
            }
        }
    }
}

/// The entries of the bucket file `bytes`; `None` when it does not read as one.
pub fn bucket_entries(bytes: &[u8]) -> Option<Vec<BucketEntry<'_>>> {
    let mut at = 0;
    let n = read_varint(bytes, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..n {
        let start = at;
        let len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
        let text = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?;
        at += len;
        read_varint(bytes, &mut at)?;
        let kind = *bytes.get(at)?;
        at += 1;
        let body = match kind {
            0 => {
                let len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
                let b = bytes.get(at..at.checked_add(len)?)?;
                at += len;
                EntryBody::Inline(b)
            }
            1 => {
                let id = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
                let chunks = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
                for _ in 0..chunks {
                    read_varint(bytes, &mut at)?;
                }
                EntryBody::Large { id, chunks }
            }
            _ => return None,
        };
        out.push(BucketEntry {
            text,
            raw: &bytes[start..at],
            body,
        });
    }
    (at == bytes.len()).then_some(out)
}

/// Appends the entry of `t` to the bucket file `out`: its postings inline, or, for a large
/// term, in chunk files handed to `emit` under the large term's number `id`. Returns true
/// for a large term (which took the number `id`).
pub fn put_entry<E>(
    out: &mut Vec<u8>,
    t: &Term,
    id: usize,
    emit: &mut impl FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<bool, E> {
    varint(out, t.text.len() as u64);
    out.extend_from_slice(t.text.as_bytes());
    varint(out, u64::from(t.postings.records));
    let p = &t.postings;
    if p.blocks.len() <= INLINE_BYTES {
        out.push(0);
        varint(out, p.blocks.len() as u64);
        out.extend_from_slice(&p.blocks);
        return Ok(false);
    }
    let mut chunks: Vec<(u32, usize, usize)> = Vec::new();
    for (k, &(page, off)) in p.starts.iter().enumerate() {
        let end = p.starts.get(k + 1).map_or(p.blocks.len(), |s| s.1);
        match chunks.last_mut() {
            Some(c) if c.2 - c.1 < CHUNK_BYTES => c.2 = end,
            _ => chunks.push((page, off, end)),
        }
    }
    out.push(1);
    varint(out, id as u64);
    varint(out, chunks.len() as u64);
    for (n, &(page, from, to)) in chunks.iter().enumerate() {
        varint(out, u64::from(page));
        emit(chunk_path(id, n), p.blocks[from..to].to_vec())?;
    }
    Ok(true)
}

/// The index files: bucket files `t/{n}.bin` and chunk files `l/{id}-{n}.bin`.
#[derive(Debug, Default)]
pub struct Layout {
    /// Number of bucket files (a power of two).
    pub buckets: u32,
    /// (site-relative path under the search folder, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// Terms whose postings went to chunk files.
    pub large_terms: usize,
}

/// Lays `terms` out in bucket and chunk files, kept in memory.
pub fn layout(terms: Vec<Term>) -> Layout {
    let mut files = Vec::new();
    let done = layout_into(terms, |path, bytes| {
        files.push((path, bytes));
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok((buckets, large_terms, _)) = done;
    Layout {
        buckets,
        files,
        large_terms,
    }
}

/// Lays `terms` out in bucket and chunk files, handing each file to `emit` (its path under
/// the search folder, its bytes) as soon as it is complete and letting go of each term's
/// postings once they are written, so that the index is never held twice. Returns the number
/// of bucket files, of terms whose postings went to chunk files, and the terms'
/// [`Term::inline_size`] in all.
pub fn layout_into<E>(
    mut terms: Vec<Term>,
    mut emit: impl FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(u32, usize, usize), E> {
    let inline_total: usize = terms.iter().map(Term::inline_size).sum();
    let buckets = buckets_for(inline_total);
    terms.sort_by_cached_key(|t| bucket_of(&t.text, buckets));
    // Within a bucket, by text; the buckets' own order is fixed by the stable sort above.
    let mut large = 0usize;
    let mut terms = terms.into_iter().peekable();
    for b in 0..buckets {
        let mut these = Vec::new();
        while let Some(t) = terms.next_if(|t| bucket_of(&t.text, buckets) == b) {
            these.push(t);
        }
        these.sort_by(|a, b| a.text.cmp(&b.text));
        let mut out = Vec::new();
        varint(&mut out, these.len() as u64);
        for t in these {
            if put_entry(&mut out, &t, large, &mut emit)? {
                large += 1;
            }
        }
        emit(bucket_path(b), out)?;
    }
    Ok((buckets, large, inline_total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_varint(b: &[u8], at: &mut usize) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let x = b[*at];
            *at += 1;
            v |= u64::from(x & 0x7f) << shift;
            if x & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }

    /// Decodes a run of blocks back to record ids.
    fn decode(b: &[u8]) -> Vec<u32> {
        let mut at = 0;
        let mut ids = Vec::new();
        while at < b.len() {
            let base = (read_varint(b, &mut at) as u32) << PAGE_BITS;
            let kind = b[at];
            at += 1;
            if kind == 0 {
                let n = read_varint(b, &mut at);
                let mut prev = 0;
                for i in 0..n {
                    let d = read_varint(b, &mut at) as u32;
                    prev = if i == 0 { d } else { prev + d };
                    ids.push(base + prev);
                }
            } else {
                for (i, byte) in b[at..at + BITMAP_BYTES].iter().enumerate() {
                    for bit in 0..8 {
                        if byte & (1 << bit) != 0 {
                            ids.push(base + (i * 8 + bit) as u32);
                        }
                    }
                }
                at += BITMAP_BYTES;
            }
        }
        ids
    }

    fn postings(ids: &[u32]) -> Postings {
        let mut p = Postings::default();
        ids.iter().for_each(|&i| p.push(i));
        p.flush();
        p
    }

    #[test]
    fn sparse_and_dense_pages_round_trip() {
        let mut ids: Vec<u32> = vec![3, 70, 16383];
        ids.extend((PAGE as u32..2 * PAGE as u32).step_by(2));
        ids.push(5 * PAGE as u32 + 1);
        let p = postings(&ids);
        assert_eq!(decode(&p.blocks), ids);
        assert_eq!(p.records as usize, ids.len());
        // The dense middle page is a bitmap: far smaller than 8,192 varints.
        assert!(p.blocks.len() < 3 * BITMAP_BYTES / 2, "{}", p.blocks.len());
    }

    #[test]
    fn postings_give_back_their_ids_before_and_after_the_last_flush() {
        // A sparse page, a bitmap page, and a page still open.
        let mut ids: Vec<u32> = vec![3, 70];
        ids.extend((PAGE as u32..2 * PAGE as u32).step_by(3));
        ids.extend([3 * PAGE as u32 + 1, 3 * PAGE as u32 + 900]);
        let mut p = Postings::default();
        ids.iter().for_each(|&i| p.push(i));
        assert_eq!(p.ids(), ids, "the last page not yet flushed");
        p.flush();
        assert_eq!(p.ids(), ids);
        assert_eq!(decode(&p.blocks), ids);
        assert_eq!(Postings::default().ids(), Vec::<u32>::new());
    }

    #[test]
    fn small_terms_stay_inline_and_large_ones_are_chunked() {
        let dense: Vec<u32> = (0..6 * PAGE as u32).collect();
        let terms = vec![
            Term {
                text: "电梯".into(),
                postings: postings(&[5, 9]),
            },
            Term {
                text: "满意".into(),
                postings: postings(&dense),
            },
        ];
        let l = layout(terms);
        assert_eq!(l.large_terms, 1);
        let chunks: Vec<&(String, Vec<u8>)> =
            l.files.iter().filter(|f| f.0.starts_with("l/")).collect();
        assert_eq!(chunks.len(), 3, "two 2-KiB bitmaps per 4-KiB chunk");
        let joined: Vec<u8> = chunks.iter().flat_map(|c| c.1.clone()).collect();
        assert_eq!(decode(&joined), dense);
        assert!(l.files.iter().any(|f| f.0 == "t/0.bin"));
    }

    #[test]
    fn hashes_match_the_published_fnv_vectors() {
        assert_eq!(fnv32(""), 0x811c_9dc5);
        assert_eq!(fnv32("a"), 0xe40c_292c);
        assert_eq!(fnv64("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
