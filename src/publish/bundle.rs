//! Per-year download bundles, `downloads/YEAR.tar.gz` and `downloads/YEAR.zip` (for readers
//! on Windows): the year's pages and data with a `manifest.txt` of their own, so that
//! `gongkai verify` can check a bundle, packed or unpacked. Entries are sorted, with fixed
//! owner, mode and timestamps, so the same files always give the same bytes.
//!
//! Each file is deflated once, and that raw deflate stream is both its `.zip` entry's data
//! ([`zipfile`]) and the body of its own gzip member in the `.tar.gz`: member *i* is a gzip
//! header, the tar bytes before the file's contents (the padding of file *i − 1* to a 512-byte
//! block and file *i*'s tar header) deflated and sync-flushed but not final, the file's own
//! deflate stream (which ends with the final block), and a trailer whose CRC-32 is combined
//! from the two parts'. The files come in path order with `manifest.txt` after them (the
//! last entry of the `.zip`, before its directory; the last file of the `.tar.gz`, whose last
//! member holds its padding and the two zero blocks that end a tar archive), so that after
//! an edit every byte before the first changed file is where it was in the previous bundle:
//! that prefix is copied by the kernel and its SHA-256 resumed from the build cache's
//! midstates ([`super::resume`]) instead of being read and hashed again. (Bundles written
//! before this layout carried `manifest.txt` first; [`verify`] reads it wherever it is.) A
//! multi-member gzip file is one stream to `gzip -d` and `tar xzf`. Files are deflated on
//! every core, a window at a time; the two bundles are written (and hashed, on their way to
//! the file) on two threads.

use super::manifest::{self, Entry, Listing};
use super::resume::Sink;
use super::zipfile::{self, Deflated};
use crate::deflate::{self, End};
use flate2::read::MultiGzDecoder;
use flate2::{Compress, Compression};
use rayon::prelude::*;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

/// The site-relative address of the `.tar.gz` bundle of `year`.
pub fn path(year: u16) -> String {
    let format = crate::address::BundleFormat::TarGz;
    crate::address::Address::Bundle { year, format }.path()
}

/// The site-relative address of the `.zip` bundle of `year`, for readers on Windows.
pub fn zip_path(year: u16) -> String {
    let format = crate::address::BundleFormat::Zip;
    crate::address::Address::Bundle { year, format }.path()
}

/// One gzip member of a `.tar.gz` bundle as the build cache records it: its compressed
/// length. The members are one per file in the order of the `.zip`'s entries (`manifest.txt`
/// last), then the end's; with the `.zip`'s directory they say which file each one holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Member(pub u64);

/// The tar bytes of a file's header (with a GNU long-name entry before it for a path longer
/// than 100 bytes): what comes before its contents.
fn tar_head(path: &str, size: u64) -> io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(size);
    h.set_mode(0o644);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    // No contents: only the header is written, and no padding after it.
    tar.append_data(&mut h, path, io::empty())?;
    let mut out = tar.into_inner()?;
    // `into_inner` ends the archive with two zero blocks; the end comes once, in the last member.
    out.truncate(out.len() - 1024);
    Ok(out)
}

/// The zero bytes that follow `size` bytes of a file in a tar archive, up to a 512-byte block.
fn padding(size: u64) -> usize {
    ((512 - size % 512) % 512) as usize
}

/// A gzip member's trailer: the CRC-32 and length (modulo 2³²) of the tar bytes `head`
/// followed by the file `d` deflated after them.
fn trailer(head: &[u8], d: &Deflated) -> [u8; 8] {
    let mut crc = crc32fast::Hasher::new_with_initial_len(crc32fast::hash(head), head.len() as u64);
    crc.combine(&crc32fast::Hasher::new_with_initial_len(d.crc, d.size));
    deflate::gzip_trailer(crc.finalize(), head.len() as u64 + d.size)
}

/// One file packed for both bundles.
struct Packed {
    /// Its site-relative path, the `.zip` entry's name.
    path: String,
    /// Its bytes deflated: the `.zip` entry, and the body of its gzip member.
    deflated: Deflated,
    /// The gzip member's header and its tar bytes before the file's, deflated.
    head: Vec<u8>,
    /// The gzip member's trailer.
    trailer: [u8; 8],
}

impl Packed {
    /// Packs `bytes` of the file at `path`, which follows a file of `before` bytes in the
    /// tar archive (0 for the first).
    fn new(
        path: &str,
        bytes: &[u8],
        before: u64,
        deflater: &mut zipfile::Deflater,
        c: &mut Compress,
    ) -> io::Result<Packed> {
        let deflated = deflater.deflate(bytes)?;
        let mut tar = vec![0; padding(before)];
        tar.extend(tar_head(path, bytes.len() as u64)?);
        let head = [
            &deflate::GZIP_HEADER[..],
            &deflate::part(c, &tar, End::Sync)?,
        ]
        .concat();
        Ok(Packed {
            path: path.to_owned(),
            trailer: trailer(&tar, &deflated),
            deflated,
            head,
        })
    }

    /// The length of its gzip member.
    fn member_len(&self) -> u64 {
        (self.head.len() + self.deflated.data.len() + self.trailer.len()) as u64
    }
}

/// What the bundles get next, in order.
enum Item {
    /// Entry `i` of the previous `.zip`, and member `i` of the previous `.tar.gz`, copied.
    Held(usize),
    /// A file packed anew.
    New(Box<Packed>),
    /// The `.tar.gz`'s last member (the `.zip` has none).
    End(Vec<u8>),
}

/// The last gzip member of a `.tar.gz`: the padding of the last file (of `last` bytes) and
/// the two zero blocks that end a tar archive.
fn end_member(last: u64, c: &mut Compress) -> io::Result<Vec<u8>> {
    let tar = vec![0; padding(last) + 1024];
    let empty = Deflated {
        crc: 0,
        size: 0,
        data: vec![],
        raw: None,
    };
    let body = deflate::part(c, &tar, End::Final)?;
    Ok([&deflate::GZIP_HEADER[..], &body, &trailer(&tar, &empty)].concat())
}

/// The previous build's bundles of a year: a file whose bytes are unchanged since is copied
/// from them (its `.zip` entry, and its gzip member when the file before it ends on the same
/// byte of a tar block, as that member begins with the padding), and a run of such files,
/// one after the other there too, as one byte range from each, which gives the bytes
/// deflated anew.
pub struct Previous {
    zip: zipfile::Previous,
    /// Each file's SHA-256 as the `.zip`'s own `manifest.txt` lists it, and its entry.
    held: std::collections::HashMap<String, (String, usize)>,
    tar: std::fs::File,
    /// Where each gzip member of the `.tar.gz` begins, and where the last ends.
    offsets: Vec<u64>,
}

impl Previous {
    /// The previous bundles, opened by the caller, who vouches that they are the ones the
    /// previous build wrote (the build cache's size and stamp of the opened files, as for a
    /// department's pages: reading and hashing a provincial bundle again cost an edited
    /// rebuild a tenth of a second a year); `members` are the `.tar.gz`'s members as the
    /// cache recorded them. `None` when the `.zip` is not laid out as [`zipfile`] writes or
    /// does not end with its `manifest.txt` (a bundle of the earlier layout, which began with
    /// it, is packed anew), or the members do not match its entries and the `.tar.gz`'s
    /// length.
    pub fn open(tar: std::fs::File, members: &[Member], zip: std::fs::File) -> Option<Previous> {
        let archive = zipfile::Previous::open(zip)?;
        let last = archive.records().len().checked_sub(1)?;
        if archive.records()[last].name != manifest::FILE || members.len() != last + 2 {
            return None;
        }
        let mut offsets = Vec::with_capacity(members.len() + 1);
        offsets.push(0u64);
        for m in members {
            offsets.push(offsets.last()?.checked_add(m.0)?);
        }
        if *offsets.last()? != tar.metadata().ok()?.len() {
            return None;
        }
        let text = String::from_utf8(archive.read(last, MAX_MANIFEST_BYTES)?).ok()?;
        let mut listing = manifest::parse(&text, manifest::FILE).ok()?;
        let held = (archive.records()[..last].iter().enumerate())
            .filter_map(|(i, r)| {
                let (_, sha256) = listing.remove(&r.name)?;
                Some((r.name.clone(), (sha256, i)))
            })
            .collect();
        Some(Previous {
            zip: archive,
            held,
            tar,
            offsets,
        })
    }

    /// The entry (and member) that holds `e`'s file with the same SHA-256, following a file
    /// of `before` bytes' padding as `e` does.
    fn holds(&self, e: &Entry, before: u64) -> Option<usize> {
        let (sha256, i) = self.held.get(&e.path)?;
        let prior = match i.checked_sub(1) {
            Some(k) => self.zip.records().get(k)?.size,
            None => 0,
        };
        (*sha256 == e.sha256 && padding(prior) == padding(before)).then_some(*i)
    }
}

/// Files deflated on every core at a time, then written in order.
const WINDOW: usize = 256;

/// Files of a window deflated by one deflater.
const RUN: usize = 32;

/// Windows that wait for each writer, ahead of it.
const AHEAD: usize = 2;

/// Fills a bundle: given a function that writes its bytes, creates the file, runs it and
/// records the file (a staging write).
pub type Fill<'f> = &'f mut dyn FnMut(&mut dyn Sink) -> io::Result<()>;

/// Writes the two bundles of the files under `YEAR/` among `written` (read back from `dir`):
/// every file in path order, then `manifest.txt`, each file deflated once for both.
/// `tar` and `zip` make the two files, each on a thread of its own, from the function that
/// fills it; a file `previous` holds unchanged is copied from there. Returns the
/// `.tar.gz`'s members, for the next build.
pub fn write<E: Send>(
    dir: &Path,
    year: u16,
    written: &[Entry],
    previous: Option<&Previous>,
    tar: impl FnOnce(Fill) -> Result<(), E> + Send,
    zip: impl FnOnce(Fill) -> Result<(), E> + Send,
) -> Result<Vec<Member>, E> {
    let prefix = format!("{year}/");
    let mut entries: Vec<Entry> = (written.iter())
        .filter(|e| e.path.starts_with(&prefix))
        .cloned()
        .collect();
    let listing = manifest::render(&mut entries);
    type Sent = io::Result<Arc<Vec<Item>>>;
    let (tar_tx, tar_rx) = mpsc::sync_channel::<Sent>(AHEAD);
    let (zip_tx, zip_rx) = mpsc::sync_channel::<Sent>(AHEAD);
    std::thread::scope(|s| {
        let tar = s.spawn(move || {
            let mut members = Vec::new();
            tar(&mut |out| {
                members = write_tar(out, &tar_rx, previous)?;
                Ok(())
            })
            .map(|()| members)
        });
        let zip = s.spawn(move || zip(&mut |out| write_zip(out, &zip_rx, previous)));
        // A send fails only once a writer has stopped on an error of its own, which it returns.
        let send = |items: io::Result<Vec<Item>>| match items {
            Ok(items) => {
                let items = Arc::new(items);
                tar_tx.send(Ok(items.clone())).is_ok() && zip_tx.send(Ok(items)).is_ok()
            }
            Err(e) => {
                let again = io::Error::new(e.kind(), e.to_string());
                let _ = (tar_tx.send(Err(e)), zip_tx.send(Err(again)));
                false
            }
        };
        pack(dir, &entries, &listing, previous, send);
        drop((tar_tx, zip_tx));
        let tar = tar.join();
        let zip = zip.join();
        let (tar, zip) = (tar.unwrap_or_else(|p| std::panic::resume_unwind(p)), zip);
        zip.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        tar
    })
}

/// Packs the files of `entries`, window by window, then `manifest.txt` (`listing`), handing
/// each window's items to `send` until it returns false.
fn pack(
    dir: &Path,
    entries: &[Entry],
    listing: &[u8],
    previous: Option<&Previous>,
    mut send: impl FnMut(io::Result<Vec<Item>>) -> bool,
) {
    let level = Compression::new(zipfile::LEVEL);
    // The size of the file before each one (none before the first).
    let before = |k: usize| k.checked_sub(1).map_or(0, |k| entries[k].size);
    for (w, window) in entries.chunks(WINDOW).enumerate() {
        let items = (window.par_chunks(RUN).enumerate())
            .map(|(r, run)| {
                let mut deflater = zipfile::Deflater::default();
                let mut c = Compress::new(level, false);
                (run.iter().enumerate())
                    .map(|(j, e)| {
                        let prior = before(w * WINDOW + r * RUN + j);
                        if let Some(i) = previous.and_then(|p| p.holds(e, prior)) {
                            return Ok(Item::Held(i));
                        }
                        let bytes = std::fs::read(dir.join(&e.path)).map_err(|err| {
                            io::Error::new(err.kind(), format!("读取 {} 失败：{err}", e.path))
                        })?;
                        let p = Packed::new(&e.path, &bytes, prior, &mut deflater, &mut c)?;
                        Ok(Item::New(Box::new(p)))
                    })
                    .collect::<io::Result<Vec<_>>>()
            })
            .collect::<io::Result<Vec<_>>>();
        if !send(items.map(|v| v.into_iter().flatten().collect())) {
            return;
        }
    }
    let last = before(entries.len());
    let mut c = Compress::new(level, false);
    let manifest = Packed::new(
        manifest::FILE,
        listing,
        last,
        &mut zipfile::Deflater::default(),
        &mut c,
    );
    let end = manifest.and_then(|m| {
        let end = end_member(listing.len() as u64, &mut c)?;
        Ok(vec![Item::New(Box::new(m)), Item::End(end)])
    });
    send(end);
}

/// Writes the `.tar.gz` from the items received: each file's gzip member, or a run of them
/// copied from `previous`. Returns the members written.
fn write_tar(
    out: &mut dyn Sink,
    items: &mpsc::Receiver<io::Result<Arc<Vec<Item>>>>,
    previous: Option<&Previous>,
) -> io::Result<Vec<Member>> {
    let mut runs = previous.map(|p| zipfile::Runs::new(&p.tar));
    let mut members = Vec::new();
    for window in items {
        for item in window?.iter() {
            match item {
                Item::Held(i) => {
                    let (Some(p), Some(runs)) = (previous, runs.as_mut()) else {
                        return Err(io::Error::other(
                            "a member is held without a previous bundle",
                        ));
                    };
                    let (start, end) = (p.offsets[*i], p.offsets[*i + 1]);
                    runs.push(start, end, out)?;
                    members.push(Member(end - start));
                }
                Item::New(p) => {
                    if let Some(runs) = runs.as_mut() {
                        runs.flush(out)?;
                    }
                    out.write_all(&p.head)?;
                    out.write_all(&p.deflated.data)?;
                    out.write_all(&p.trailer)?;
                    members.push(Member(p.member_len()));
                }
                Item::End(bytes) => {
                    if let Some(runs) = runs.as_mut() {
                        runs.flush(out)?;
                    }
                    out.write_all(bytes)?;
                    members.push(Member(bytes.len() as u64));
                }
            }
        }
    }
    Ok(members)
}

/// Writes the `.zip` from the items received ([`zipfile`]'s layout): each file's entry, or a
/// run of them copied from `previous`.
fn write_zip(
    out: &mut dyn Sink,
    items: &mpsc::Receiver<io::Result<Arc<Vec<Item>>>>,
    previous: Option<&Previous>,
) -> io::Result<()> {
    let mut zip = zipfile::Writer::new(out, previous.map(|p| &p.zip));
    for window in items {
        for item in window?.iter() {
            match item {
                Item::Held(i) => zip.copy(*i)?,
                Item::New(p) => zip.add(&p.path, &p.deflated)?,
                Item::End(_) => {}
            }
        }
    }
    zip.finish()
}

/// The largest `manifest.txt` a bundle may carry (a provincial year's is about 10 MB).
const MAX_MANIFEST_BYTES: u64 = 256 << 20;

/// Size and SHA-256 of what `r` yields, read in pieces: an entry of a gigabyte costs a
/// buffer's worth of memory.
fn hash_stream(mut r: impl Read) -> io::Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, manifest::hex(&hash.finalize())))
}

/// True for a plain relative path inside the bundle: no `..`, no root, no drive.
fn stays_inside(name: &Path) -> bool {
    !name.as_os_str().is_empty()
        && name
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Checks a bundle against the `manifest.txt` it carries, wherever it is among the entries
/// (last since the resumable layout, first in bundles written before). Entries are streamed,
/// never held whole: each one's size and SHA-256 is kept only until the manifest is read, and
/// compared at once after it. A bundle with more entries than the largest manifest could list
/// ([`MAX_ENTRIES`]) is refused before it fills the memory; a path that would leave the folder
/// (`../x`, `/etc/x`) is refused; a link entry is reported as a symbolic link.
pub fn verify(path: &Path) -> Result<manifest::Differences, manifest::VerifyError> {
    verify_at_most(path, MAX_ENTRIES)
}

/// The most entries a bundle may hold: as many as lines of the shortest form (a SHA-256, a
/// size and a one-byte path) fit in a manifest of [`MAX_MANIFEST_BYTES`].
const MAX_ENTRIES: usize = (MAX_MANIFEST_BYTES / (64 + 2 + 1 + 2 + 1 + 1)) as usize;

/// An entry other than the manifest, as read.
enum Seen {
    Link(String),
    File(String, u64, String),
}

/// Puts `seen` into `diff`, taking it off `listing`.
fn settle(listing: &mut Listing, diff: &mut manifest::Differences, seen: Seen) {
    match seen {
        Seen::Link(name) => {
            listing.remove(&name);
            diff.links.push(name);
        }
        Seen::File(name, now_size, now_hash) => match listing.remove(&name) {
            None => diff.added.push(name),
            Some((size, hash)) => {
                if now_size != size || now_hash != hash {
                    diff.altered.push(name);
                }
            }
        },
    }
}

/// [`verify`], refusing a bundle of more than `max` entries.
fn verify_at_most(path: &Path, max: usize) -> Result<manifest::Differences, manifest::VerifyError> {
    let read_err = |source| manifest::VerifyError::Read {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut archive = tar::Archive::new(MultiGzDecoder::new(io::BufReader::new(file)));
    let mut listed: Option<Listing> = None;
    let mut held = Vec::new();
    let mut diff = manifest::Differences::default();
    for (count, entry) in archive.entries().map_err(read_err)?.enumerate() {
        if count >= max {
            return Err(read_err(io::Error::other(format!(
                "包中的条目多于 {max} 个，超过任何清单能列出的文件数：它不是 gongkai 生成的下载包"
            ))));
        }
        let entry = entry.map_err(read_err)?;
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        if !stays_inside(Path::new(&name)) {
            return Err(manifest::VerifyError::Unsafe {
                path: path.display().to_string(),
                entry: name,
            });
        }
        let kind = entry.header().entry_type();
        let seen = if kind.is_symlink() || kind.is_hard_link() {
            Seen::Link(name)
        } else if kind.is_dir() {
            continue;
        } else if name == manifest::FILE && listed.is_none() {
            let mut bytes = Vec::new();
            (entry.take(MAX_MANIFEST_BYTES + 1))
                .read_to_end(&mut bytes)
                .map_err(read_err)?;
            if bytes.len() as u64 > MAX_MANIFEST_BYTES {
                return Err(read_err(io::Error::other(format!(
                    "包中的 {} 超过 {} MB，不是 gongkai 生成的清单",
                    manifest::FILE,
                    MAX_MANIFEST_BYTES >> 20
                ))));
            }
            let text = String::from_utf8_lossy(&bytes);
            let mut listing = manifest::parse(&text, &format!("{}:{}", path.display(), name))?;
            for seen in held.drain(..) {
                settle(&mut listing, &mut diff, seen);
            }
            listed = Some(listing);
            continue;
        } else {
            let (size, hash) = hash_stream(entry).map_err(read_err)?;
            Seen::File(name, size, hash)
        };
        match &mut listed {
            Some(listing) => settle(listing, &mut diff, seen),
            None => held.push(seen),
        }
    }
    let Some(listing) = listed else {
        return Err(read_err(io::Error::other(format!(
            "包中没有 {}：它不是 gongkai 生成的下载包，无法核对",
            manifest::FILE
        ))));
    };
    diff.missing = listing.into_keys().collect();
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(bytes)?;
        gz.finish()
    }

    /// Both bundles of `written`'s files under `2024/` in `dir`, and the `.tar.gz`'s members.
    fn bundles(
        dir: &Path,
        written: &[Entry],
        previous: Option<&Previous>,
    ) -> (Vec<u8>, Vec<u8>, Vec<Member>) {
        let (mut tar, mut zip) = (Vec::new(), Vec::new());
        let members = write(
            dir,
            2024,
            written,
            previous,
            |fill| fill(&mut tar),
            |fill| fill(&mut zip),
        )
        .unwrap();
        (tar, zip, members)
    }

    /// Writes `bytes` at `rel` in `dir` and lists it.
    fn put(dir: &Path, written: &mut Vec<Entry>, rel: &str, bytes: &[u8]) {
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::write(dir.join(rel), bytes).unwrap();
        written.push(Entry::of(rel, bytes));
    }

    #[test]
    fn same_files_same_bytes_and_tampering_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut written = vec![];
        // Enough to span several gzip members, with a path longer than tar's 100 bytes.
        let long = format!("2024/{}/index.html", "a".repeat(120));
        for (i, rel) in (0..40)
            .map(|i| format!("2024/p{i}/index.html"))
            .chain([long.clone(), "2023/x.html".into()])
            .enumerate()
        {
            let bytes: Vec<u8> = (0..(i * 300_000 % 1_000_003))
                .map(|j| (j * 7 + i) as u8)
                .collect();
            std::fs::create_dir_all(dir.path().join(&rel).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(&rel), &bytes).unwrap();
            written.push(Entry::of(&rel, &bytes));
        }
        let pack = |written: &[Entry]| bundles(dir.path(), written, None).0;
        let a = pack(&written);
        written.reverse();
        assert_eq!(pack(&written), a, "order of writing changed the bytes");
        let file = dir.path().join("b.tar.gz");
        std::fs::write(&file, &a).unwrap();
        let d = verify(&file).unwrap();
        assert!(d.is_empty(), "{d:?}");
        // Unpacked by a plain reader: every file, the long path included, and no other year.
        let mut names = vec![];
        let mut ar = tar::Archive::new(MultiGzDecoder::new(&a[..]));
        for e in ar.entries().unwrap() {
            names.push(e.unwrap().path().unwrap().to_string_lossy().into_owned());
        }
        assert_eq!(names.len(), 42);
        assert!(names.contains(&long) && !names.iter().any(|n| n.starts_with("2023")));
        // One byte changed in the tar stream is named.
        let mut tar = Vec::new();
        MultiGzDecoder::new(&a[..]).read_to_end(&mut tar).unwrap();
        let name = b"2024/p7/index.html\0";
        let header = tar.windows(name.len()).position(|w| w == name).unwrap();
        tar[header + 512 + 10] ^= 1; // inside p7's contents

        std::fs::write(&file, gzip(&tar).unwrap()).unwrap();
        assert_eq!(verify(&file).unwrap().altered, ["2024/p7/index.html"]);
    }

    /// A bundle of `manifest.txt` listing `listed`, then raw tar `entries` (name, type, bytes).
    fn crafted(listed: &[Entry], entries: &[(&str, tar::EntryType, &[u8])]) -> Vec<u8> {
        let mut l = listed.to_vec();
        let mut tar = tar::Builder::new(Vec::new());
        let mut all: Vec<(&str, tar::EntryType, Vec<u8>)> = vec![(
            manifest::FILE,
            tar::EntryType::Regular,
            manifest::render(&mut l),
        )];
        all.extend(entries.iter().map(|(n, t, b)| (*n, *t, b.to_vec())));
        for (name, kind, bytes) in all {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_size(bytes.len() as u64);
            h.set_mode(0o644);
            // Written raw, as a hostile packer would: `append_data` refuses `..`.
            let field = &mut h.as_old_mut().name;
            field[..name.len()].copy_from_slice(name.as_bytes());
            if kind == tar::EntryType::Symlink {
                h.set_link_name("/etc/passwd").unwrap();
            }
            h.set_cksum();
            tar.append(&h, bytes.as_slice()).unwrap();
        }
        gzip(&tar.into_inner().unwrap()).unwrap()
    }

    /// A bundle of more entries than a manifest could list is refused, whether its manifest
    /// comes first (then each entry is compared as it is read) or never; within the bound,
    /// the same entries are compared.
    #[test]
    fn more_entries_than_a_manifest_could_list_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.tar.gz");
        let ok = Entry::of("2024/index.html", b"year");
        let names: Vec<String> = (0..5).map(|i| format!("2024/extra{i}.html")).collect();
        let mut entries = vec![("2024/index.html", tar::EntryType::Regular, &b"year"[..])];
        entries.extend(
            names
                .iter()
                .map(|n| (n.as_str(), tar::EntryType::Regular, &b"x"[..])),
        );
        std::fs::write(&file, crafted(std::slice::from_ref(&ok), &entries)).unwrap();
        // The manifest and six files: seven entries.
        let err = verify_at_most(&file, 6).unwrap_err();
        assert!(err.to_string().contains("多于 6 个"), "{err}");
        let d = verify_at_most(&file, 7).unwrap();
        assert_eq!(d.added, names);
        assert!(d.altered.is_empty() && d.missing.is_empty());
        const { assert!(MAX_ENTRIES > 3_000_000, "a provincial year's bundle fits") };
    }

    #[test]
    fn a_path_leaving_the_folder_is_refused_and_links_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.tar.gz");
        let ok = Entry::of("2024/index.html", b"year");
        for bad in ["../evil.html", "/etc/evil", "2024/../../evil"] {
            let bytes = crafted(
                std::slice::from_ref(&ok),
                &[
                    ("2024/index.html", tar::EntryType::Regular, b"year"),
                    (bad, tar::EntryType::Regular, b"x"),
                ],
            );
            std::fs::write(&file, bytes).unwrap();
            let err = verify(&file).unwrap_err();
            assert!(
                matches!(&err, manifest::VerifyError::Unsafe { entry, .. } if entry == bad),
                "{bad}: {err}"
            );
        }
        let bytes = crafted(
            std::slice::from_ref(&ok),
            &[
                ("2024/index.html", tar::EntryType::Regular, b"year"),
                ("2024/link.html", tar::EntryType::Symlink, b""),
            ],
        );
        std::fs::write(&file, bytes).unwrap();
        let d = verify(&file).unwrap();
        assert_eq!(d.links, ["2024/link.html"]);
        // A bundle without a manifest cannot be checked, and says so.
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(4);
        h.set_cksum();
        tar.append_data(&mut h, "2024/index.html", &b"year"[..])
            .unwrap();
        std::fs::write(&file, gzip(&tar.into_inner().unwrap()).unwrap()).unwrap();
        let err = verify(&file).unwrap_err().to_string();
        assert!(err.contains("没有 manifest.txt"), "{err}");
        assert!(d.added.is_empty() && d.altered.is_empty() && d.missing.is_empty());
    }
    #[test]
    fn an_edit_changes_its_own_member_and_copied_runs_give_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut written = vec![];
        // More files than a window, with one larger than a copying buffer.
        for i in 0..(WINDOW + 150) {
            let rel = format!("2024/{:03}/{i}/index.html", i / 10);
            let len = if i == 7 { 3 << 20 } else { 9_000 + i * 31 };
            let bytes: Vec<u8> = (0..len).map(|j| ((j / 3) * 13 + i) as u8).collect();
            put(dir.path(), &mut written, &rel, &bytes);
        }
        let (tar, zip, members) = bundles(dir.path(), &written, None);
        assert_eq!(members.len(), written.len() + 2);
        assert_eq!(members.iter().map(|m| m.0).sum::<u64>(), tar.len() as u64);
        // Read back by plain readers: every file as written, then the manifest.
        let mut archive = zip::ZipArchive::new(io::Cursor::new(&zip)).unwrap();
        assert_eq!(archive.len(), written.len() + 1);
        let last = archive.len() - 1;
        assert_eq!(
            archive.by_index(last).unwrap().name().unwrap(),
            manifest::FILE
        );
        let mut unpacked = tar::Archive::new(MultiGzDecoder::new(&tar[..]));
        let mut from_tar = std::collections::HashMap::new();
        for e in unpacked.entries().unwrap() {
            let mut e = e.unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            from_tar.insert(e.path().unwrap().to_string_lossy().into_owned(), bytes);
        }
        for e in &written {
            let mut bytes = Vec::new();
            (archive.by_name(&e.path).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            assert_eq!(Entry::of(&e.path, &bytes), *e);
            assert_eq!(Entry::of(&e.path, &from_tar[&e.path]), *e);
        }
        let first: Vec<String> = written.iter().map(|e| e.path.clone()).collect();
        let save = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            std::fs::File::open(path).unwrap()
        };
        let previous = Previous::open(save("a.tar.gz", &tar), &members, save("a.zip", &zip));
        let previous = previous.unwrap();
        // An edit that keeps the size's place in its tar block (the next member is copied),
        // one that moves it (the next is packed again), a file removed and one added.
        let edit = |written: &mut Vec<Entry>, k: usize, bytes: &[u8]| {
            let rel = written[k].path.clone();
            std::fs::write(dir.path().join(&rel), bytes).unwrap();
            written[k] = Entry::of(&rel, bytes);
        };
        let same_size = vec![b'x'; written[40].size as usize];
        edit(&mut written, 40, &same_size);
        edit(&mut written, 200, b"edited");
        std::fs::remove_file(dir.path().join(&written[300].path)).unwrap();
        written.remove(300);
        put(dir.path(), &mut written, "2024/300a/index.html", b"added");
        let fresh = bundles(dir.path(), &written, None);
        assert_ne!(fresh.0, tar);
        // Files held by the previous bundles are copied, not read: removing them changes
        // nothing but the files around an edit, which are packed again.
        let mut now = written.clone();
        now.sort_by(|a, b| a.path.cmp(&b.path));
        let follows: std::collections::HashMap<&str, Option<&str>> = (first.iter())
            .enumerate()
            .map(|(k, p)| (p.as_str(), k.checked_sub(1).map(|k| first[k].as_str())))
            .collect();
        let edited = [&first[40], &first[200]];
        // The edited files, the one after the edit that moved a size's place in its block,
        // and the files next to a removed or added one, which follow another file.
        let kept: Vec<&str> = (now.iter().enumerate())
            .filter(|(k, e)| {
                let prior = k.checked_sub(1).map(|k| now[k].path.as_str());
                edited.contains(&&e.path)
                    || prior == Some(first[200].as_str())
                    || follows.get(e.path.as_str()) != Some(&prior)
            })
            .map(|(_, e)| e.path.as_str())
            .collect();
        assert!(
            !kept.contains(&first[41].as_str()) && kept.len() <= 6,
            "{kept:?}"
        );
        let later = now.clone();
        for e in later.iter().filter(|e| !kept.contains(&e.path.as_str())) {
            std::fs::remove_file(dir.path().join(&e.path)).unwrap();
        }
        assert!(bundles(dir.path(), &written, Some(&previous)) == fresh);
        // Members that do not add up to the `.tar.gz`, or a `.tar.gz` cut short, are refused.
        let cut = save("cut.tar.gz", &tar[..tar.len() - 1]);
        assert!(Previous::open(cut, &members, save("b.zip", &zip)).is_none());
        let fewer = &members[1..];
        assert!(Previous::open(save("b.tar.gz", &tar), fewer, save("b.zip", &zip)).is_none());
    }

    #[test]
    fn the_system_tools_and_python_read_both_bundles() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let mut written = vec![];
        let long = format!("2024/{}/index.html", "长".repeat(50));
        let noise: Vec<u8> = (0..70_000u64)
            .map(|i| (i.wrapping_mul(6364136223846793005) >> 56) as u8)
            .collect();
        let block: Vec<u8> = (0..1024).map(|j| (j % 7) as u8 + b'a').collect();
        for (rel, bytes) in [
            ("2024/empty.html", vec![]),
            ("2024/noise.bin", noise),
            ("2024/block.txt", block),
            (long.as_str(), "页面".repeat(3000).into_bytes()),
            ("2024/z.html", b"<p>last</p>".to_vec()),
        ] {
            put(&site, &mut written, rel, &bytes);
        }
        let (tar, zip, _) = bundles(&site, &written, None);
        std::fs::write(dir.path().join("b.tar.gz"), &tar).unwrap();
        std::fs::write(dir.path().join("b.zip"), &zip).unwrap();
        assert!(verify(&dir.path().join("b.tar.gz")).unwrap().is_empty());
        let run = |program: &str, args: &[&str]| -> Option<std::process::Output> {
            let out = std::process::Command::new(program)
                .args(args)
                .current_dir(dir.path())
                .output()
                .ok()?;
            assert!(out.status.success(), "{program} {args:?}: {out:?}");
            Some(out)
        };
        let mut ran = 0;
        let unpacked = |to: &str| {
            for e in &written {
                let bytes = std::fs::read(dir.path().join(to).join(&e.path)).unwrap();
                assert_eq!(Entry::of(&e.path, &bytes), *e, "{to}");
            }
        };
        if run("gzip", &["-t", "b.tar.gz"]).is_some() {
            ran += 1;
        }
        std::fs::create_dir(dir.path().join("tar")).unwrap();
        if run("tar", &["xzf", "b.tar.gz", "-C", "tar"]).is_some() {
            unpacked("tar");
            ran += 1;
        }
        if run("unzip", &["-t", "b.zip"]).is_some() {
            run("unzip", &["-q", "b.zip", "-d", "unzip"]).unwrap();
            unpacked("unzip");
            ran += 1;
        }
        let python = "import sys, tarfile, zipfile\n\
            t = {m.name: tarfile.open('b.tar.gz').extractfile(m).read() for m in tarfile.open('b.tar.gz') if m.isfile()}\n\
            z = zipfile.ZipFile('b.zip'); assert z.testzip() is None\n\
            assert t == {n: z.read(n) for n in z.namelist()}, 'tar and zip differ'\n\
            print(len(t))";
        if let Some(out) = run("python3", &["-c", python]) {
            assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "6");
            ran += 1;
        }
        assert!(ran > 0, "none of gzip, tar, unzip, python3 could be run");
    }
}
