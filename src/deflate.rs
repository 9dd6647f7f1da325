//! Raw deflate streams made and read with a `flate2` state the caller reuses (making one
//! allocates its window and tables), and the gzip framing around them: the bundles' gzip
//! members, the search fragments and the comparison rows kept in memory.

use flate2::{Compress, Decompress, FlushCompress, FlushDecompress, Status};
use std::io;

/// How a deflated part ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Sync-flushed: on a byte boundary, not final, so another part can follow it.
    Sync,
    /// With the final block: the stream is whole.
    Final,
}

/// `bytes` deflated by `c` (reset first) as a part of a stream that ends as `end` says.
pub fn part(c: &mut Compress, bytes: &[u8], end: End) -> io::Result<Vec<u8>> {
    c.reset();
    let flush = match end {
        End::Final => FlushCompress::Finish,
        End::Sync => FlushCompress::Sync,
    };
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let at = usize::try_from(c.total_in()).unwrap_or(usize::MAX);
        let status = (c.compress_vec(bytes.get(at..).unwrap_or_default(), &mut out, flush))
            .map_err(io::Error::other)?;
        let done = c.total_in() == bytes.len() as u64
            && match status {
                Status::StreamEnd => true,
                // A sync flush is complete when it left room in the output.
                Status::Ok | Status::BufError => end == End::Sync && out.len() < out.capacity(),
            };
        if done {
            return Ok(out);
        }
        out.reserve(out.capacity().max(256));
    }
}

/// A gzip member's header: no name, no time, unknown system, as `flate2`'s `GzBuilder`
/// writes it at the levels used here (2 to 8, whose extra-flags byte is 0).
pub const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

/// A gzip member's trailer: the CRC-32 of the data it holds and the data's length (modulo
/// 2³², as gzip keeps it).
pub fn gzip_trailer(crc: u32, len: u64) -> [u8; 8] {
    let mut out = [0; 8];
    out[..4].copy_from_slice(&crc.to_le_bytes());
    out[4..].copy_from_slice(&(len as u32).to_le_bytes());
    out
}

/// `bytes` inflated by `d` (reset first); none when they are not a whole deflated stream.
pub fn inflate(d: &mut Decompress, bytes: &[u8]) -> Option<Vec<u8>> {
    d.reset(false);
    let mut out = Vec::with_capacity(bytes.len() * 8);
    loop {
        let (read, made) = (d.total_in(), d.total_out());
        let at = usize::try_from(read).ok()?;
        let status =
            (d.decompress_vec(bytes.get(at..)?, &mut out, FlushDecompress::Finish)).ok()?;
        match status {
            Status::StreamEnd => return Some(out),
            // Room doubled (an empty stream's output has none to double).
            _ if out.len() == out.capacity() => out.reserve(out.capacity().max(64)),
            // Room to spare and nothing more read or made: the stream is cut short.
            _ if (d.total_in(), d.total_out()) == (read, made) => return None,
            _ => {}
        }
    }
}
