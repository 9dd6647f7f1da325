//! Getting a build out and keeping it: the [`staging`] folder swapped in only when a build
//! succeeds, the [`manifest`] of every published file with its size and SHA-256 that `gongkai
//! verify` checks a folder against, frozen years and corrections ([`freeze`]), and each year's
//! [`bundle`], whose hash an edited rebuild [`resume`]s over the bytes it shares with the
//! previous one; the site a build swaps out is kept to be the next build's staging folder
//! ([`recycle`]).

pub mod bundle;
pub mod freeze;
pub mod manifest;
pub mod recycle;
pub mod resume;
pub mod staging;
pub mod zipfile;

/// Copies the bytes `start..end` of `file` to `out` a MiB at a time through `buf`, which is
/// kept from one call to the next: a run of a previous file that a new one repeats (a bundle
/// after an edit, a comparison's CSV) is read into memory already touched, not fresh.
pub fn copy_range(
    file: &std::fs::File,
    start: u64,
    end: u64,
    out: &mut dyn std::io::Write,
    buf: &mut Vec<u8>,
) -> std::io::Result<()> {
    const CHUNK: u64 = 1 << 20;
    let mut at = start;
    while at < end {
        let n = (end - at).min(CHUNK) as usize;
        buf.resize(n, 0);
        std::os::unix::fs::FileExt::read_exact_at(file, &mut buf[..n], at)?;
        out.write_all(&buf[..n])?;
        at += n as u64;
    }
    Ok(())
}
