//! SHA-256 that keeps its state at every MiB of what it hashed ([`Midstate`]s), so that a file
//! written again with the same first bytes as the previous one (a year's bundle after an
//! edit: every file before the first changed one is where it was) is hashed from the last
//! MiB before they part instead of from its start; the prefix is copied by the kernel and
//! never read. The blocks are compressed by `sha2`'s own `compress256`; only the buffering
//! and the final padding (FIPS 180-4, 5.1.1) are written here, tested against `Sha256`.

use std::io::{self, Write};
use std::os::unix::fs::FileExt;

/// Bytes between two midstates: a multiple of SHA-256's 64-byte block.
pub const SPAN: u64 = 1 << 20;

/// SHA-256's state after a whole number of [`SPAN`]s (the first after one, the *k*-th after
/// *k*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Midstate(pub [u32; 8]);

/// SHA-256's initial state (FIPS 180-4, 5.3.3).
const INITIAL: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// A SHA-256 being computed, with the midstates passed so far.
#[derive(Debug, Clone)]
pub struct Hasher {
    state: [u32; 8],
    /// Bytes compressed so far (a multiple of 64).
    done: u64,
    /// Bytes of a block not yet full.
    block: [u8; 64],
    filled: usize,
    midstates: Vec<Midstate>,
}

impl Default for Hasher {
    fn default() -> Hasher {
        Hasher::resume(&[])
    }
}

impl Hasher {
    /// A hasher that has hashed the `midstates.len()` MiB whose midstates these are.
    pub fn resume(midstates: &[Midstate]) -> Hasher {
        Hasher {
            state: midstates.last().map_or(INITIAL, |m| m.0),
            done: midstates.len() as u64 * SPAN,
            block: [0; 64],
            filled: 0,
            midstates: midstates.to_vec(),
        }
    }

    /// Bytes hashed so far.
    pub fn len(&self) -> u64 {
        self.done + self.filled as u64
    }

    /// True before any byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Compresses whole blocks, keeping the state at every [`SPAN`].
    fn blocks(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let to_mark = (SPAN - self.done % SPAN) as usize;
            let n = bytes.len().min(to_mark);
            let (blocks, _) = bytes[..n].as_chunks::<64>();
            sha2::block_api::compress256(&mut self.state, blocks);
            self.done += n as u64;
            if self.done.is_multiple_of(SPAN) {
                self.midstates.push(Midstate(self.state));
            }
            bytes = &bytes[n..];
        }
    }

    /// Hashes `bytes` after what came before.
    pub fn update(&mut self, mut bytes: &[u8]) {
        if self.filled > 0 {
            let n = bytes.len().min(64 - self.filled);
            self.block[self.filled..self.filled + n].copy_from_slice(&bytes[..n]);
            self.filled += n;
            bytes = &bytes[n..];
            if self.filled < 64 {
                return;
            }
            let block = self.block;
            self.filled = 0;
            self.blocks(&block);
        }
        let whole = bytes.len() / 64 * 64;
        self.blocks(&bytes[..whole]);
        let rest = &bytes[whole..];
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The digest, and the midstates of every whole MiB hashed.
    pub fn finish(self) -> ([u8; 32], Vec<Midstate>) {
        let bits = self.len().wrapping_mul(8);
        let mut state = self.state;
        let mut tail = [0u8; 128];
        tail[..self.filled].copy_from_slice(&self.block[..self.filled]);
        tail[self.filled] = 0x80;
        // The length goes in the last 8 bytes of the block that has room for it after 0x80.
        let end = if self.filled < 56 { 64 } else { 128 };
        tail[end - 8..end].copy_from_slice(&bits.to_be_bytes());
        let (blocks, _) = tail[..end].as_chunks::<64>();
        sha2::block_api::compress256(&mut state, blocks);
        let mut out = [0u8; 32];
        for (o, w) in out.chunks_exact_mut(4).zip(state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        (out, self.midstates)
    }
}

/// Where a bundle is written: bytes, and a first run of bytes equal to a previous file's.
pub trait Sink: Write {
    /// Writes the first `len` bytes of `from` at the very start of the output.
    fn copy_prefix(&mut self, from: &std::fs::File, len: u64) -> io::Result<()>;
}

/// A bundle held in memory (the tests): the prefix is read and written like any bytes.
impl Sink for Vec<u8> {
    fn copy_prefix(&mut self, from: &std::fs::File, len: u64) -> io::Result<()> {
        let at = self.len();
        self.resize(at + usize::try_from(len).map_err(io::Error::other)?, 0);
        from.read_exact_at(&mut self[at..], 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn bytes(n: usize) -> Vec<u8> {
        (0..n as u64)
            .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as u8)
            .collect()
    }

    #[test]
    fn the_digest_is_sha256_for_every_length_and_way_of_feeding() {
        // Every length around the padding's edges (55, 56, 63, 64) and around a midstate.
        let long = bytes(3 * SPAN as usize + 200);
        let lengths = (0..200).chain([
            SPAN as usize - 1,
            SPAN as usize,
            SPAN as usize + 1,
            long.len(),
        ]);
        for n in lengths {
            let want: [u8; 32] = Sha256::digest(&long[..n]).into();
            let mut whole = Hasher::default();
            whole.update(&long[..n]);
            let (got, marks) = whole.finish();
            assert_eq!(got, want, "{n} bytes at once");
            assert_eq!(marks.len(), n / SPAN as usize, "{n}");
            let mut pieces = Hasher::default();
            for piece in long[..n].chunks(61) {
                pieces.update(piece);
            }
            assert_eq!(pieces.finish(), (want, marks), "{n} bytes in pieces of 61");
        }
    }

    #[test]
    fn resuming_at_a_midstate_gives_the_digest_of_the_whole() {
        let a = bytes(5 * SPAN as usize + 999);
        let mut h = Hasher::default();
        h.update(&a);
        let (_, marks) = h.finish();
        assert_eq!(marks.len(), 5);
        // Another file with the first 3 MiB and a bit of `a`, then bytes of its own.
        let mut b = a[..3 * SPAN as usize + 77].to_vec();
        b.extend_from_slice(b"edited");
        b.extend_from_slice(&a[4 * SPAN as usize..]);
        for k in 0..=3 {
            let mut resumed = Hasher::resume(&marks[..k]);
            assert_eq!(resumed.len(), k as u64 * SPAN);
            resumed.update(&b[k * SPAN as usize..]);
            let mut fresh = Hasher::default();
            fresh.update(&b);
            let want: [u8; 32] = Sha256::digest(&b).into();
            let (got, got_marks) = resumed.finish();
            assert_eq!(got, want, "resumed after {k} MiB");
            assert_eq!(got_marks, fresh.finish().1, "midstates after {k} MiB");
        }
        // A midstate of other bytes gives another digest: nothing here checks them.
        let mut wrong = Hasher::resume(&[Midstate(INITIAL)]);
        wrong.update(&b[SPAN as usize..]);
        assert_ne!(wrong.finish().0, <[u8; 32]>::from(Sha256::digest(&b)));
    }
}
