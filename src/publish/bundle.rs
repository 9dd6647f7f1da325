//! Per-year download bundles (`downloads/YEAR.tar.gz`): the year's pages and data with a
//! `manifest.txt` of their own, so that `gongkai verify` can check a bundle, packed or
//! unpacked. Entries are sorted, with fixed owner, mode and timestamps, so the same files
//! always give the same bytes.
//!
//! The gzip stream is a series of members, each compressing a run of whole tar entries of
//! about [`BATCH_BYTES`]; members are compressed in parallel and written in order. A
//! multi-member gzip file is one stream to `gzip -d` and `tar xzf`.

use super::manifest::{self, Entry, Listing};
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

    /// The compressed member of the tar bytes whose key is `key`, if the bundle has it.
    fn member(&self, key: &str) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let &(offset, len) = self.members.get(key)?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        self.file.read_exact_at(&mut bytes, offset).ok()?;
        Some(bytes)
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
    let mut members = Vec::new();
    let mut offset = 0u64;
    let mut put = |key: String, bytes: &[u8]| -> io::Result<()> {
        out.write_all(bytes)?;
        members.push(Member {
            key,
            offset,
            len: bytes.len() as u64,
        });
        offset += bytes.len() as u64;
        Ok(())
    };
    let manifest_tar = tar_entries(&[(manifest::FILE.into(), listing)])?;
    put(
        manifest::hex(&Sha256::digest(&manifest_tar)),
        &gzip(&manifest_tar)?,
    )?;
    // A few batches per thread at a time keeps memory bounded.
    for window in batches.chunks(rayon::current_num_threads() * 2) {
        let done: Vec<(String, Vec<u8>)> = window
            .par_iter()
            .map(|batch| {
                let key = batch_key(batch);
                if let Some(member) = previous.and_then(|p| p.member(&key)) {
                    return Ok((key, member));
                }
                let files = (batch.iter())
                    .map(|e| Ok((e.path.clone(), std::fs::read(dir.join(&e.path))?)))
                    .collect::<io::Result<Vec<_>>>()?;
                Ok((key, gzip(&tar_entries(&files)?)?))
            })
            .collect::<io::Result<_>>()?;
        for (sha256, m) in done {
            put(sha256, &m)?;
        }
    }
    let end = [0; 1024];
    put(manifest::hex(&Sha256::digest(end)), &gzip(&end)?)?;
    Ok(members)
}

/// The site-relative address of the `.zip` bundle of `year`, for readers on Windows.
pub fn zip_path(year: u16) -> String {
    let format = crate::address::BundleFormat::Zip;
    crate::address::Address::Bundle { year, format }.path()
}

/// The previous build's `.zip` bundle of a year: a file whose bytes are unchanged since is
/// copied from it still compressed ([`write_zip`]), which gives the same bytes as deflating it
/// again, at the cost of a copy.
pub struct PreviousZip {
    archive: zip::ZipArchive<Window>,
    /// Each file's SHA-256 as the bundle's own `manifest.txt` lists it.
    sha256: std::collections::HashMap<String, String>,
}

impl PreviousZip {
    /// Opens the bundle at `path`, which the caller vouches is the one the previous build
    /// wrote (see [`PreviousTar::open`]), when it begins with its `manifest.txt`; `None`
    /// otherwise.
    pub fn open(path: &Path) -> Option<PreviousZip> {
        let mut archive =
            zip::ZipArchive::new(Window::new(std::fs::File::open(path).ok()?)).ok()?;
        let mut text = String::new();
        (archive.by_index(0).ok()?)
            .take(MAX_MANIFEST_BYTES)
            .read_to_string(&mut text)
            .ok()?;
        let listing = manifest::parse(&text, manifest::FILE).ok()?;
        Some(PreviousZip {
            archive,
            sha256: listing.into_iter().map(|(p, (_, h))| (p, h)).collect(),
        })
    }

    /// True when the bundle holds `e`'s file with the same SHA-256.
    fn holds(&self, e: &Entry) -> bool {
        self.sha256.get(&e.path) == Some(&e.sha256)
    }
}

/// A reader of a file that keeps what it read last when asked to seek inside it. The zip
/// reader seeks to every entry it copies, and a plain `BufReader` drops its buffer at each
/// seek: copying the unchanged entries of a provincial bundle then took one read call for
/// every entry, or read each buffer again for each small entry.
struct Window {
    file: std::fs::File,
    /// The bytes of the file from `start` on, as read last.
    buf: Vec<u8>,
    start: u64,
    /// The reading position in the file.
    pos: u64,
}

impl Window {
    /// Bytes read at a time.
    const SIZE: usize = 1 << 20;

    fn new(file: std::fs::File) -> Window {
        Window {
            file,
            buf: Vec::new(),
            start: 0,
            pos: 0,
        }
    }
}

impl Read for Window {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        use std::os::unix::fs::FileExt;
        let end = self.start + self.buf.len() as u64;
        if !(self.start..end).contains(&self.pos) {
            if out.len() >= Self::SIZE {
                let n = self.file.read_at(out, self.pos)?;
                self.pos += n as u64;
                return Ok(n);
            }
            self.buf.resize(Self::SIZE, 0);
            let n = self.file.read_at(&mut self.buf, self.pos)?;
            self.buf.truncate(n);
            self.start = self.pos;
            if n == 0 {
                return Ok(0);
            }
        }
        let from = usize::try_from(self.pos - self.start).map_err(io::Error::other)?;
        let n = out.len().min(self.buf.len() - from);
        out[..n].copy_from_slice(&self.buf[from..from + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl io::Seek for Window {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        let pos = match to {
            io::SeekFrom::Start(p) => Some(p),
            io::SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            io::SeekFrom::End(d) => self.file.metadata()?.len().checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| io::Error::other("seek before the start of the bundle"))?;
        Ok(self.pos)
    }
}

/// Files compressed for the `.zip` on every core at a time, then written in order.
const ZIP_WINDOW: usize = 256;

/// Files of a window deflated by one encoder, into a small zip of their own.
const ZIP_RUN: usize = 32;

/// Writes the `.zip` bundle of the files under `YEAR/` among `written` (read back from `dir`)
/// to `out`: the same files as the `.tar.gz`, `manifest.txt` first, then every file in path
/// order, each deflated, with a fixed date (1980-01-01) and mode, so the same files always
/// give the same bytes. Files are deflated on every core, a window at a time, and written in
/// order with their sizes and CRC in their local header, so `out` is written straight
/// through (never sought back in) and an entry copied still compressed from `previous` — a
/// file whose SHA-256 equals its copy there — has the same bytes as one deflated anew.
pub fn write_zip(
    dir: &Path,
    year: u16,
    written: &[Entry],
    mut previous: Option<&mut PreviousZip>,
    out: &mut dyn Write,
) -> io::Result<()> {
    use zip::write::{SimpleFileOptions, ZipFileBuilder};
    let prefix = format!("{year}/");
    let mut entries: Vec<Entry> = (written.iter())
        .filter(|e| e.path.starts_with(&prefix))
        .cloned()
        .collect();
    let listing = manifest::render(&mut entries);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    let err = |e: zip::result::ZipError| io::Error::other(e.to_string());
    let deflate = |name: &str, bytes: &[u8]| -> io::Result<zip::write::PreparedZipFile> {
        let mut b = ZipFileBuilder::new(name, options).map_err(err)?;
        b.write_all(bytes)?;
        b.finish().map_err(err)
    };
    let mut zip = zip::ZipWriter::new(zip::write::StreamWriter::new(out));
    zip.add_prepared_file(deflate(manifest::FILE, &listing)?)
        .map_err(err)?;
    for window in entries.chunks(ZIP_WINDOW) {
        let prev = previous.as_deref();
        // Each run's new files deflated into a small zip of their own, by one encoder (a
        // new encoder for every file cost a clean build 7 % more CPU), then copied from it.
        let runs = (window.par_chunks(ZIP_RUN))
            .map(|run| {
                let mut part = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
                for e in run.iter().filter(|e| !prev.is_some_and(|p| p.holds(e))) {
                    let bytes = std::fs::read(dir.join(&e.path))?;
                    let options = options.large_file(bytes.len() as u64 >= u32::MAX as u64);
                    part.start_file(e.path.as_str(), options).map_err(err)?;
                    part.write_all(&bytes)?;
                }
                let part = part.finish().map_err(err)?;
                zip::ZipArchive::new(part).map_err(err)
            })
            .collect::<io::Result<Vec<_>>>()?;
        for (run, mut part) in window.chunks(ZIP_RUN).zip(runs) {
            let mut made = 0;
            for e in run {
                if let Some(prev) = previous.as_deref_mut()
                    && prev.holds(e)
                {
                    if let Ok(file) = prev.archive.by_name(&e.path) {
                        zip.raw_copy_file_touch(file, zip::DateTime::DEFAULT, Some(0o644))
                            .map_err(err)?;
                    } else {
                        let bytes = std::fs::read(dir.join(&e.path))?;
                        zip.add_prepared_file(deflate(&e.path, &bytes)?)
                            .map_err(err)?;
                    }
                    continue;
                }
                zip.raw_copy_file(part.by_index(made).map_err(err)?)
                    .map_err(err)?;
                made += 1;
            }
        }
    }
    zip.finish().map_err(err)?.flush()
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
        let pack = |written: &[Entry], previous: Option<&mut PreviousZip>| {
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
        let mut previous = PreviousZip::open(&file).unwrap();
        // Unchanged files are copied, not read: removing them changes nothing.
        for e in written.iter().filter(|e| e.path != rel) {
            std::fs::remove_file(dir.path().join(&e.path)).unwrap();
        }
        assert_eq!(pack(&written, Some(&mut previous)), fresh);
    }
}
