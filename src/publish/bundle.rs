//! Per-year download bundles (`downloads/YEAR.tar.gz`): the year's pages and data with a
//! `manifest.txt` of their own, so that `gongkai verify` can check a bundle, packed or
//! unpacked. Entries are sorted, with fixed owner, mode and timestamps, so the same files
//! always give the same bytes.
//!
//! The gzip stream is a series of members, each compressing a run of whole tar entries of
//! about [`BATCH_BYTES`]; members are compressed in parallel and written in order. A
//! multi-member gzip file is one stream to `gzip -d` and `tar xzf`.

use super::manifest::{self, Entry, Listing};
use super::zipfile;
use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::Path;

/// Uncompressed bytes of tar entries per gzip member.
const BATCH_BYTES: u64 = 4 << 20;

/// The site-relative address of the bundle of `year`.
pub fn path(year: u16) -> String {
    let format = crate::address::BundleFormat::TarGz;
    crate::address::Address::Bundle { year, format }.path()
}

/// The tar bytes of `files` (path, contents), without the end-of-archive blocks.
fn tar_entries(files: &[(String, Vec<u8>)]) -> io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, bytes) in files {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        tar.append_data(&mut h, path, bytes.as_slice())?;
    }
    let mut out = tar.into_inner()?;
    // `into_inner` ends the archive with two zero blocks; the end comes once, after all members.
    out.truncate(out.len() - 1024);
    Ok(out)
}

fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::fast());
    gz.write_all(bytes)?;
    gz.finish()
}

/// One gzip member of a `.tar.gz` bundle, as the build cache records it: the key of the tar
/// bytes it compresses and where its compressed bytes lie in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    /// The key of the uncompressed tar bytes: for a run of files, SHA-256 of their paths,
    /// sizes and SHA-256s as the manifest lists them ([`batch_key`]), which fix the tar bytes
    /// without reading the files; for the manifest and the end blocks, SHA-256 of the tar
    /// bytes themselves.
    pub key: String,
    /// Offset of the member in the bundle.
    pub offset: u64,
    /// Its compressed length.
    pub len: u64,
}

/// The previous build's `.tar.gz` bundle of a year with its members: a member whose tar
/// bytes are unchanged is copied from it instead of compressed again (gzip gives the same
/// bytes for the same input).
pub struct PreviousTar {
    file: std::fs::File,
    members: std::collections::HashMap<String, (u64, u64)>,
}

impl PreviousTar {
    /// Opens the bundle at `path`, which the caller vouches is the one the previous build
    /// wrote (the build cache's size and stamp, as for a department's pages: reading and
    /// hashing a provincial bundle again cost an edited rebuild a tenth of a second a year);
    /// `members` are the ones the cache recorded for it. `None` for a missing or unreadable
    /// bundle, or one too short for its members.
    pub fn open(path: &Path, members: &[Member]) -> Option<PreviousTar> {
        let file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        if members.iter().any(|m| m.offset + m.len > size) {
            return None;
        }
        Some(PreviousTar {
            file,
            members: (members.iter())
                .map(|m| (m.key.clone(), (m.offset, m.len)))
                .collect(),
        })
    }
}

/// The key of the tar bytes of a run of files: SHA-256 of each one's path, size and SHA-256
/// (its manifest entry). The tar bytes of a file depend on nothing else (owner, mode and time
/// are fixed), so an unchanged key means unchanged tar bytes and the member is copied from
/// the previous bundle without reading a file.
fn batch_key(batch: &[&Entry]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"tar entries\0");
    for e in batch {
        h.update(format!("{}\0{}\0{}\n", e.path, e.size, e.sha256));
    }
    manifest::hex(&h.finalize())
}

/// A gzip member of a bundle being written: held by the previous bundle at (offset, length),
/// or compressed anew.
enum Made {
    Held((u64, u64)),
    New(Vec<u8>),
}

/// Copies the bytes `run` of the previous bundle to `out`.
fn copy_run(
    previous: Option<&PreviousTar>,
    run: Option<(u64, u64)>,
    out: &mut dyn Write,
    buf: &mut Vec<u8>,
) -> io::Result<()> {
    match (previous, run) {
        (Some(p), Some((start, end))) => zipfile::copy_range(&p.file, start, end, out, buf),
        (None, Some(_)) => Err(io::Error::other(
            "a member is held without a previous bundle",
        )),
        (_, None) => Ok(()),
    }
}

/// Uncompressed bytes below which a member is never cut.
const MIN_BATCH_BYTES: u64 = 1 << 20;

/// True when a member may end before the file at `path`: about one path in eight, chosen by
/// the path's hash, so that the cuts depend on the files around them and not on everything
/// before — an edit changes only its own member and the cuts soon fall where they fell.
fn cut_before(path: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(path.as_bytes())[0] < 32
}

/// Writes the bundle of the files under `YEAR/` among `written` (read back from `dir`) to
/// `out`: `manifest.txt` first, then every file in path order, in gzip members of runs of
/// whole files (cut where [`cut_before`] allows once a run holds [`MIN_BATCH_BYTES`], and at
/// [`BATCH_BYTES`] at the latest). A member whose tar bytes `previous` holds is copied from
/// there. Returns every member written, for the next build.
pub fn write(
    dir: &Path,
    year: u16,
    written: &[Entry],
    previous: Option<&PreviousTar>,
    out: &mut dyn Write,
) -> io::Result<Vec<Member>> {
    use sha2::{Digest, Sha256};
    let prefix = format!("{year}/");
    let mut entries: Vec<Entry> = (written.iter())
        .filter(|e| e.path.starts_with(&prefix))
        .cloned()
        .collect();
    let listing = manifest::render(&mut entries);
    let mut batches: Vec<Vec<&Entry>> = vec![];
    let mut size = u64::MAX;
    for e in &entries {
        if size >= BATCH_BYTES || (size >= MIN_BATCH_BYTES && cut_before(&e.path)) {
            batches.push(vec![]);
            size = 0;
        }
        size += e.size + 512;
        if let Some(b) = batches.last_mut() {
            b.push(e);
        }
    }
    let mut members: Vec<Member> = Vec::new();
    let mut buf = Vec::new();
    // A member of `len` bytes, written at the end of those before it.
    let note = |members: &mut Vec<Member>, key, len| {
        let offset = members.last().map_or(0, |m| m.offset + m.len);
        members.push(Member { key, offset, len });
    };
    let put = |out: &mut dyn Write, members: &mut Vec<Member>, key, bytes: &[u8]| {
        out.write_all(bytes)?;
        note(members, key, bytes.len() as u64);
        io::Result::Ok(())
    };
    let manifest_tar = tar_entries(&[(manifest::FILE.into(), listing)])?;
    let key = manifest::hex(&Sha256::digest(&manifest_tar));
    put(out, &mut members, key, &gzip(&manifest_tar)?)?;
    // The members copied from the previous bundle as they are found, one after the other
    // there: (start, end) of the range, copied as one when the next is not its neighbour.
    let mut run: Option<(u64, u64)> = None;
    // A few batches per thread at a time keeps memory bounded.
    for window in batches.chunks(rayon::current_num_threads() * 2) {
        let done: Vec<(String, Made)> = window
            .par_iter()
            .map(|batch| {
                let key = batch_key(batch);
                if let Some(&range) = previous.and_then(|p| p.members.get(&key)) {
                    return Ok((key, Made::Held(range)));
                }
                let files = (batch.iter())
                    .map(|e| Ok((e.path.clone(), std::fs::read(dir.join(&e.path))?)))
                    .collect::<io::Result<Vec<_>>>()?;
                Ok((key, Made::New(gzip(&tar_entries(&files)?)?)))
            })
            .collect::<io::Result<_>>()?;
        for (key, member) in done {
            match member {
                Made::Held((at, len)) => {
                    note(&mut members, key, len);
                    run = match run {
                        Some((start, end)) if end == at => Some((start, at + len)),
                        other => {
                            copy_run(previous, other, out, &mut buf)?;
                            Some((at, at + len))
                        }
                    };
                }
                Made::New(bytes) => {
                    copy_run(previous, run.take(), out, &mut buf)?;
                    put(out, &mut members, key, &bytes)?;
                }
            }
        }
    }
    copy_run(previous, run, out, &mut buf)?;
    let end = [0; 1024];
    let key = manifest::hex(&Sha256::digest(end));
    put(out, &mut members, key, &gzip(&end)?)?;
    Ok(members)
}

/// The site-relative address of the `.zip` bundle of `year`, for readers on Windows.
pub fn zip_path(year: u16) -> String {
    let format = crate::address::BundleFormat::Zip;
    crate::address::Address::Bundle { year, format }.path()
}

/// The previous build's `.zip` bundle of a year: a run of files whose bytes are unchanged
/// since, one after the other there as here, is copied from it as one byte range
/// ([`write_zip`]), which gives the same bytes as deflating them again.
pub struct PreviousZip {
    archive: zipfile::Previous,
    /// Each file's SHA-256 as the bundle's own `manifest.txt` lists it, and its entry.
    held: std::collections::HashMap<String, (String, usize)>,
}

impl PreviousZip {
    /// Opens the bundle at `path`, which the caller vouches is the one the previous build
    /// wrote (see [`PreviousTar::open`]), when it is laid out as [`zipfile`] writes and
    /// begins with its `manifest.txt`; `None` otherwise.
    pub fn open(path: &Path) -> Option<PreviousZip> {
        let archive = zipfile::Previous::open(std::fs::File::open(path).ok()?)?;
        if archive.records().first()?.name != manifest::FILE {
            return None;
        }
        let text = String::from_utf8(archive.read(0, MAX_MANIFEST_BYTES)?).ok()?;
        let mut listing = manifest::parse(&text, manifest::FILE).ok()?;
        let held = (archive.records().iter().enumerate().skip(1))
            .filter_map(|(i, r)| {
                let (_, sha256) = listing.remove(&r.name)?;
                Some((r.name.clone(), (sha256, i)))
            })
            .collect();
        Some(PreviousZip { archive, held })
    }

    /// The entry of the bundle that holds `e`'s file with the same SHA-256.
    fn holds(&self, e: &Entry) -> Option<usize> {
        let (sha256, i) = self.held.get(&e.path)?;
        (*sha256 == e.sha256).then_some(*i)
    }
}

/// Files compressed for the `.zip` on every core at a time, then written in order.
const ZIP_WINDOW: usize = 256;

/// Files of a window deflated by one deflater.
const ZIP_RUN: usize = 32;

/// Writes the `.zip` bundle of the files under `YEAR/` among `written` (read back from `dir`)
/// to `out` ([`zipfile`]'s layout): the same files as the `.tar.gz`, `manifest.txt` first,
/// then every file in path order, each deflated. Files are deflated on every core, a window
/// at a time, and written in order, so `out` is written straight through; a run of files
/// whose SHA-256 equals their copies in `previous`, one after the other there too, is copied
/// from it as one byte range, which gives the bytes of the run deflated anew.
pub fn write_zip(
    dir: &Path,
    year: u16,
    written: &[Entry],
    previous: Option<&PreviousZip>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let prefix = format!("{year}/");
    let mut entries: Vec<Entry> = (written.iter())
        .filter(|e| e.path.starts_with(&prefix))
        .cloned()
        .collect();
    let listing = manifest::render(&mut entries);
    let mut zip = zipfile::Writer::new(out);
    zip.add(
        manifest::FILE,
        &zipfile::Deflater::default().deflate(&listing)?,
    )?;
    // The run of the previous bundle's entries being copied, `from..to`.
    let mut run: Option<(usize, usize)> = None;
    for window in entries.chunks(ZIP_WINDOW) {
        let held: Vec<Option<usize>> = (window.iter())
            .map(|e| previous.and_then(|p| p.holds(e)))
            .collect();
        let made = (window.par_chunks(ZIP_RUN).zip(held.par_chunks(ZIP_RUN)))
            .map(|(files, held)| {
                let mut d = zipfile::Deflater::default();
                (files.iter().zip(held))
                    .filter(|(_, h)| h.is_none())
                    .map(|(e, _)| d.deflate(&std::fs::read(dir.join(&e.path))?))
                    .collect::<io::Result<Vec<_>>>()
            })
            .collect::<io::Result<Vec<_>>>()?;
        let mut made = made.into_iter().flatten();
        for (e, h) in window.iter().zip(held) {
            if let (Some(i), Some(p)) = (h, previous) {
                run = match run {
                    Some((from, to)) if to == i => Some((from, i + 1)),
                    Some((from, to)) => {
                        zip.copy(&p.archive, from, to)?;
                        Some((i, i + 1))
                    }
                    None => Some((i, i + 1)),
                };
                continue;
            }
            if let (Some((from, to)), Some(p)) = (run.take(), previous) {
                zip.copy(&p.archive, from, to)?;
            }
            let d = made
                .next()
                .ok_or_else(|| io::Error::other("a deflated file is missing"))?;
            zip.add(&e.path, &d)?;
        }
    }
    if let (Some((from, to)), Some(p)) = (run, previous) {
        zip.copy(&p.archive, from, to)?;
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

/// Checks a bundle against the `manifest.txt` it carries. Entries are streamed, never held
/// whole; a path that would leave the folder (`../x`, `/etc/x`) is refused; a link entry is
/// reported as a symbolic link.
pub fn verify(path: &Path) -> Result<manifest::Differences, manifest::VerifyError> {
    let read_err = |source| manifest::VerifyError::Read {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut archive = tar::Archive::new(MultiGzDecoder::new(io::BufReader::new(file)));
    let mut listed: Option<Listing> = None;
    let mut diff = manifest::Differences::default();
    for entry in archive.entries().map_err(read_err)? {
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
        if kind.is_symlink() || kind.is_hard_link() {
            if let Some(l) = listed.as_mut() {
                l.remove(&name);
            }
            diff.links.push(name);
            continue;
        }
        if kind.is_dir() {
            continue;
        }
        let Some(listing) = listed.as_mut() else {
            if name != manifest::FILE {
                return Err(read_err(io::Error::other(format!(
                    "包的第一个文件是 `{name}`，不是它的 {}",
                    manifest::FILE
                ))));
            }
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
            listed = Some(manifest::parse(
                &text,
                &format!("{}:{}", path.display(), name),
            )?);
            continue;
        };
        match listing.remove(&name) {
            None => diff.added.push(name),
            Some((size, hash)) => {
                let (now_size, now_hash) = hash_stream(entry).map_err(read_err)?;
                if now_size != size || now_hash != hash {
                    diff.altered.push(name);
                }
            }
        }
    }
    diff.missing = listed.unwrap_or_default().into_keys().collect();
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let pack = |written: &[Entry]| {
            let mut out = Vec::new();
            write(dir.path(), 2024, written, None, &mut out).unwrap();
            out
        };
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
        assert!(d.added.is_empty() && d.altered.is_empty() && d.missing.is_empty());
    }
    #[test]
    fn an_edit_changes_its_own_member_and_copied_members_give_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut written = vec![];
        for i in 0..400 {
            let rel = format!("2024/{:03}/{i}/index.html", i / 10);
            let bytes: Vec<u8> = (0..40_000 + i * 97).map(|j| (j * 13 + i) as u8).collect();
            std::fs::create_dir_all(dir.path().join(&rel).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(&rel), &bytes).unwrap();
            written.push(Entry::of(&rel, &bytes));
        }
        let pack = |written: &[Entry], previous: Option<&PreviousTar>| {
            let mut out = Vec::new();
            let members = write(dir.path(), 2024, written, previous, &mut out).unwrap();
            (out, members)
        };
        let (before, members_before) = pack(&written, None);
        // One file grows by a few bytes, as an edited page does.
        let rel = written[123].path.clone();
        let bytes = [
            std::fs::read(dir.path().join(&rel)).unwrap(),
            b"edit".to_vec(),
        ]
        .concat();
        std::fs::write(dir.path().join(&rel), &bytes).unwrap();
        written[123] = Entry::of(&rel, &bytes);
        let (fresh, members) = pack(&written, None);
        let old: std::collections::HashSet<&String> =
            members_before.iter().map(|m| &m.key).collect();
        let changed = members.iter().filter(|m| !old.contains(&m.key)).count();
        // The manifest's member, the edited file's, and at most the next one's.
        assert!(members.len() > 10, "{}", members.len());
        assert!(
            changed <= 3,
            "{changed} of {} members changed",
            members.len()
        );
        // Copying the unchanged members from the previous bundle gives the same bytes.
        let file = dir.path().join("before.tar.gz");
        std::fs::write(&file, &before).unwrap();
        let previous = PreviousTar::open(&file, &members_before).unwrap();
        assert_eq!(pack(&written, Some(&previous)).0, fresh);
        // Unchanged files are not read: their members are found by their manifest entries.
        for e in &written[..100] {
            std::fs::remove_file(dir.path().join(&e.path)).unwrap();
        }
        assert_eq!(pack(&written, Some(&previous)).0, fresh);
        // A bundle too short for the members recorded is not copied from.
        std::fs::write(&file, &before[..before.len() / 2]).unwrap();
        assert!(PreviousTar::open(&file, &members_before).is_none());
    }

    #[test]
    fn the_zip_deflated_on_every_core_or_copied_from_the_previous_gives_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut written = vec![];
        // More files than a window of deflating, and more bytes than the previous bundle's
        // reading window, with a file larger than that window.
        for i in 0..(ZIP_WINDOW + 50) {
            let rel = format!("2024/{:03}/{i}/index.html", i / 10);
            let len = if i == 7 { 3 << 20 } else { 9_000 + i * 31 };
            let bytes: Vec<u8> = (0..len).map(|j| ((j / 3) * 13 + i) as u8).collect();
            std::fs::create_dir_all(dir.path().join(&rel).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(&rel), &bytes).unwrap();
            written.push(Entry::of(&rel, &bytes));
        }
        let pack = |written: &[Entry], previous: Option<&PreviousZip>| {
            let mut out = Vec::new();
            write_zip(dir.path(), 2024, written, previous, &mut out).unwrap();
            out
        };
        let before = pack(&written, None);
        // Read back by a plain reader: the manifest first, then every file as written.
        let mut archive = zip::ZipArchive::new(io::Cursor::new(&before)).unwrap();
        assert_eq!(archive.len(), written.len() + 1);
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), manifest::FILE);
        for e in &written {
            let mut bytes = Vec::new();
            archive
                .by_name(&e.path)
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            assert_eq!(Entry::of(&e.path, &bytes), *e);
        }
        // One file edited: copying the others from the previous bundle gives the bytes of a
        // bundle deflated anew.
        let rel = written[200].path.clone();
        std::fs::write(dir.path().join(&rel), b"edited").unwrap();
        written[200] = Entry::of(&rel, b"edited");
        let fresh = pack(&written, None);
        assert_ne!(fresh, before);
        let file = dir.path().join("before.zip");
        std::fs::write(&file, &before).unwrap();
        let previous = PreviousZip::open(&file).unwrap();
        // Unchanged files are copied, not read: removing them changes nothing.
        for e in written.iter().filter(|e| e.path != rel) {
            std::fs::remove_file(dir.path().join(&e.path)).unwrap();
        }
        assert_eq!(pack(&written, Some(&previous)), fresh);
    }
}
