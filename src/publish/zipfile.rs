//! The `.zip` format as a year's bundle uses it, written here rather than through the `zip`
//! crate so that an edited rebuild can copy a run of unchanged entries from the previous
//! bundle as one byte range (the crate copies an entry at a time and cannot move a run).
//!
//! Every entry is deflated at [`LEVEL`], or stored when deflating would not make it smaller (an
//! empty file, an image), dated 1980-01-01 00:00, mode 0644, made on Unix, with its CRC-32
//! and sizes in its local header (no data descriptor) and no extra field unless ZIP64 needs
//! one, so an entry's local header and data depend only on its name and bytes: an entry
//! copied from another bundle of this format is the entry deflated anew. The raw deflate
//! stream of a file is also the body of its gzip member in the `.tar.gz` ([`super::bundle`]),
//! so each file is compressed once for both. Only the central
//! directory holds offsets, and it is written from the entries' records at the end. The
//! bytes are those the `zip` crate wrote for the same options (tested, more than 65,535
//! entries with their ZIP64 end records included). Past 4 GiB ZIP64 follows the
//! specification (APPNOTE 4.5.3), not compared with the crate: an entry of 4 GiB or more
//! carries its sizes in a ZIP64 field, an entry past 4 GiB its offset, and a directory past
//! 4 GiB ends with the ZIP64 records.

use super::resume::Sink;
use std::io::{self, Read, Write};
use std::os::unix::fs::FileExt;

/// The deflate level of every file in both bundles. Measured on a generated 2,000-department
/// year (26,430 files, 655 MB; zlib-rs): level 1 deflates it in 2.7 s to 149 MB, level 2 in
/// 5.0 s to 124 MB, level 3 in 6.6 s to 117 MB, level 6 in 8.0 s to 110 MB. Level 2 is most
/// of level 6's size for well under its time; level 1 (static Huffman codes only) adds a
/// fifth to both bundles.
pub const LEVEL: u32 = 2;

/// Sizes and offsets from this value on are written as ZIP64.
const LIMIT: u64 = u32::MAX as u64;

/// More entries than this are counted in the ZIP64 end record.
const ENTRY_LIMIT: usize = u16::MAX as usize;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const END64_SIG: u32 = 0x0606_4b50;
const LOCATOR_SIG: u32 = 0x0706_4b50;
/// The ZIP64 extra field's header id.
const ZIP64_ID: u16 = 0x0001;
/// MS-DOS date of 1980-01-01 (day 1, month 1, year 0).
const DOS_DATE: u16 = 0x21;
/// Regular file, mode 0644, in the upper half of the external attributes.
const EXTERNAL: u32 = 0o100_644 << 16;
/// Bytes of a local header before the name.
const LOCAL_FIXED: u64 = 30;
/// Bytes of a central header before the name.
const CENTRAL_FIXED: usize = 46;
/// Bytes of the end record.
const END_LEN: u64 = 22;
/// Bytes of the ZIP64 end locator.
const LOCATOR_LEN: u64 = 20;

/// One file's bytes deflated: what an entry holds, and what a gzip member of the same bytes
/// holds between its header and trailer.
pub struct Deflated {
    /// CRC-32 of the uncompressed bytes.
    pub crc: u32,
    /// Uncompressed size.
    pub size: u64,
    /// The raw deflate stream, ended by its final block.
    pub data: Vec<u8>,
    /// The bytes themselves when the deflate stream is no shorter: the `.zip` entry stores
    /// them (a gzip member has no such choice and carries `data`).
    pub raw: Option<Vec<u8>>,
}

impl Deflated {
    /// How the `.zip` entry holds the bytes, and what it holds.
    fn entry(&self) -> (Method, &[u8]) {
        match &self.raw {
            Some(raw) => (Method::Stored, raw),
            None => (Method::Deflated, &self.data),
        }
    }
}

/// How an entry's bytes are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As they are (method 0).
    Stored,
    /// Deflated (method 8).
    Deflated,
}

impl Method {
    /// The method's number in the headers.
    fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflated => 8,
        }
    }

    fn of_code(code: u16) -> Option<Method> {
        match code {
            0 => Some(Method::Stored),
            8 => Some(Method::Deflated),
            _ => None,
        }
    }
}

/// A deflater reused from file to file (a new one for every file cost a clean build 7 % more
/// CPU: each allocates its window and tables). Bytes are fed as `flate2`'s writer feeds them,
/// as the `zip` crate did: the deflate stream of a large file depends on how it was fed.
#[derive(Default)]
pub struct Deflater(Option<flate2::write::DeflateEncoder<Vec<u8>>>);

impl Deflater {
    /// `bytes` deflated as one raw stream.
    pub fn deflate(&mut self, bytes: &[u8]) -> io::Result<Deflated> {
        let level = flate2::Compression::new(LEVEL);
        let enc = (self.0).get_or_insert_with(|| flate2::write::DeflateEncoder::new(vec![], level));
        enc.write_all(bytes)?;
        let data = enc.reset(Vec::with_capacity(bytes.len() / 3 + 64))?;
        Ok(Deflated {
            crc: crc32fast::hash(bytes),
            size: bytes.len() as u64,
            raw: (data.len() >= bytes.len()).then(|| bytes.to_vec()),
            data,
        })
    }
}

/// What the central directory records of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The entry's name, a site-relative path.
    pub name: String,
    /// How its bytes are held.
    pub method: Method,
    /// CRC-32 of its bytes.
    pub crc: u32,
    /// Compressed size.
    pub csize: u64,
    /// Uncompressed size.
    pub size: u64,
    /// Offset of its local header in the archive.
    pub offset: u64,
}

impl Record {
    /// True when the entry's sizes need ZIP64 (in its local header as in the directory).
    fn large(&self) -> bool {
        self.size >= LIMIT || self.csize >= LIMIT
    }

    /// Bytes of the local header, name and extra field.
    fn local_len(&self) -> u64 {
        LOCAL_FIXED + self.name.len() as u64 + if self.large() { 20 } else { 0 }
    }

    /// Bytes of the whole entry: local header and data.
    fn len(&self) -> u64 {
        self.local_len() + self.csize
    }

    /// General-purpose flags: bit 11 when the name is not ASCII (UTF-8 names).
    fn flags(&self) -> u16 {
        if self.name.is_ascii() { 0 } else { 1 << 11 }
    }

    /// The version needed to extract it: 4.5 with ZIP64 fields, else 2.0 deflated and 1.0
    /// stored.
    fn version(&self, central: bool) -> u16 {
        if self.large() || (central && self.offset >= LIMIT) {
            45
        } else if self.method == Method::Deflated {
            20
        } else {
            10
        }
    }

    fn write_local(&self, out: &mut Vec<u8>) {
        let large = self.large();
        put32(out, LOCAL_SIG);
        put16(out, self.version(false));
        put16(out, self.flags());
        put16(out, self.method.code());
        put16(out, 0);
        put16(out, DOS_DATE);
        put32(out, self.crc);
        put32(out, if large { u32::MAX } else { self.csize as u32 });
        put32(out, if large { u32::MAX } else { self.size as u32 });
        put16(out, self.name.len() as u16);
        put16(out, if large { 20 } else { 0 });
        out.extend_from_slice(self.name.as_bytes());
        if large {
            put16(out, ZIP64_ID);
            put16(out, 16);
            put64(out, self.size);
            put64(out, self.csize);
        }
    }

    fn write_central(&self, out: &mut Vec<u8>) {
        let large = self.large();
        let far = self.offset >= LIMIT;
        let mut extra = Vec::new();
        if large {
            put64(&mut extra, self.size);
            put64(&mut extra, self.csize);
        }
        if far {
            put64(&mut extra, self.offset);
        }
        let version = self.version(true);
        put32(out, CENTRAL_SIG);
        put16(out, 0x0300 | version);
        put16(out, version);
        put16(out, self.flags());
        put16(out, self.method.code());
        put16(out, 0);
        put16(out, DOS_DATE);
        put32(out, self.crc);
        put32(out, if large { u32::MAX } else { self.csize as u32 });
        put32(out, if large { u32::MAX } else { self.size as u32 });
        put16(out, self.name.len() as u16);
        put16(
            out,
            if extra.is_empty() {
                0
            } else {
                extra.len() as u16 + 4
            },
        );
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, EXTERNAL);
        put32(out, if far { u32::MAX } else { self.offset as u32 });
        out.extend_from_slice(self.name.as_bytes());
        if !extra.is_empty() {
            put16(out, ZIP64_ID);
            put16(out, extra.len() as u16);
            out.extend_from_slice(&extra);
        }
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Byte ranges of a previous file copied out in order: a range that begins where the one
/// before it ends joins it, so a run of unchanged entries (or gzip members) is copied as one
/// read and one write. A run that begins the previous file and is the first thing written
/// is the same bytes at the same place: it goes to [`Sink::copy_prefix`].
pub struct Runs<'f> {
    file: &'f std::fs::File,
    run: Option<(u64, u64)>,
    /// No run has been flushed yet: a run from byte 0 flushed now may be the output's
    /// prefix ([`Sink::copy_prefix`] checks that nothing else was written before it).
    fresh: bool,
    buf: Vec<u8>,
}

impl<'f> Runs<'f> {
    /// No range yet, to be copied from `file`.
    pub fn new(file: &'f std::fs::File) -> Runs<'f> {
        Runs {
            file,
            run: None,
            fresh: true,
            buf: Vec::new(),
        }
    }

    /// Adds the bytes `start..end`; the run before them is copied to `out` first unless
    /// they continue it.
    pub fn push(&mut self, start: u64, end: u64, out: &mut dyn Sink) -> io::Result<()> {
        match &mut self.run {
            Some((_, to)) if *to == start => *to = end,
            Some(_) => {
                self.flush(out)?;
                self.run = Some((start, end));
            }
            None => self.run = Some((start, end)),
        }
        Ok(())
    }

    /// Copies the run held so far to `out`; called before anything else is written to it.
    pub fn flush(&mut self, out: &mut dyn Sink) -> io::Result<()> {
        let fresh = std::mem::replace(&mut self.fresh, false);
        match self.run.take() {
            Some((0, end)) if fresh => out.copy_prefix(self.file, end),
            Some((start, end)) => super::copy_range(self.file, start, end, out, &mut self.buf),
            None => Ok(()),
        }
    }
}

/// Writes an archive straight through, entry after entry, then its central directory.
pub struct Writer<'a> {
    out: &'a mut dyn Sink,
    pos: u64,
    records: Vec<Record>,
    /// A buffer for local headers.
    buf: Vec<u8>,
    /// The archive entries are copied from, and the run of them not yet copied.
    previous: Option<(&'a Previous, Runs<'a>)>,
}

impl<'a> Writer<'a> {
    /// An empty archive written to `out`, which may copy entries from `previous`.
    pub fn new(out: &'a mut dyn Sink, previous: Option<&'a Previous>) -> Writer<'a> {
        Writer {
            out,
            pos: 0,
            records: Vec::new(),
            buf: Vec::new(),
            previous: previous.map(|p| (p, Runs::new(&p.file))),
        }
    }

    /// Copies what is left of a run of copied entries.
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.previous {
            Some((_, runs)) => runs.flush(self.out),
            None => Ok(()),
        }
    }

    /// Adds the entry `name` holding `d`.
    pub fn add(&mut self, name: &str, d: &Deflated) -> io::Result<()> {
        if name.len() > u16::MAX as usize {
            return Err(io::Error::other(format!("路径过长，无法放入 .zip：{name}")));
        }
        self.flush()?;
        let (method, data) = d.entry();
        let r = Record {
            name: name.to_owned(),
            method,
            crc: d.crc,
            csize: data.len() as u64,
            size: d.size,
            offset: self.pos,
        };
        self.buf.clear();
        r.write_local(&mut self.buf);
        self.out.write_all(&self.buf)?;
        self.out.write_all(data)?;
        self.pos += r.len();
        self.records.push(r);
        Ok(())
    }

    /// Copies the previous archive's entry `i`: entries copied one after the other, as they
    /// follow each other there, are copied as one byte range.
    pub fn copy(&mut self, i: usize) -> io::Result<()> {
        let (previous, runs) = (self.previous.as_mut())
            .ok_or_else(|| io::Error::other("an entry is copied without a previous archive"))?;
        let r = (previous.records.get(i))
            .ok_or_else(|| io::Error::other("an entry copied is not in the previous archive"))?;
        runs.push(r.offset, r.offset + r.len(), self.out)?;
        self.records.push(Record {
            offset: self.pos,
            ..r.clone()
        });
        self.pos += r.len();
        Ok(())
    }

    /// Writes the central directory and the end records.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush()?;
        let Writer {
            out,
            pos: start,
            records,
            mut buf,
            ..
        } = self;
        buf.clear();
        let mut size = 0u64;
        let mut version = 10;
        for r in &records {
            r.write_central(&mut buf);
            version = version.max(r.version(true));
            if buf.len() >= 1 << 20 {
                out.write_all(&buf)?;
                size += buf.len() as u64;
                buf.clear();
            }
        }
        size += buf.len() as u64;
        let n = records.len();
        let zip64 = n > ENTRY_LIMIT || size.max(start) > LIMIT;
        if zip64 {
            put32(&mut buf, END64_SIG);
            put64(&mut buf, 44);
            put16(&mut buf, version);
            put16(&mut buf, version);
            put32(&mut buf, 0);
            put32(&mut buf, 0);
            put64(&mut buf, n as u64);
            put64(&mut buf, n as u64);
            put64(&mut buf, size);
            put64(&mut buf, start);
            put32(&mut buf, LOCATOR_SIG);
            put32(&mut buf, 0);
            put64(&mut buf, start + size);
            put32(&mut buf, 1);
        }
        let count = n.min(ENTRY_LIMIT) as u16;
        put32(&mut buf, END_SIG);
        put16(&mut buf, 0);
        put16(&mut buf, 0);
        put16(&mut buf, count);
        put16(&mut buf, count);
        put32(&mut buf, if zip64 { u32::MAX } else { size as u32 });
        put32(&mut buf, start.min(LIMIT) as u32);
        put16(&mut buf, 0);
        out.write_all(&buf)
    }
}

/// A previous archive of this format, read from its central directory: its entries, in
/// order, each found at the offset where the one before it ends (anything else, and it is
/// not used).
pub struct Previous {
    file: std::fs::File,
    records: Vec<Record>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The largest central directory read back (a provincial year's is about 5 MB).
const MAX_DIRECTORY: u64 = 1 << 30;

impl Previous {
    /// Reads the directory of the archive in `file`; `None` when it is not one this module
    /// writes (another layout, a comment, entries that do not follow each other).
    pub fn open(file: std::fs::File) -> Option<Previous> {
        let size = file.metadata().ok()?.len();
        let read = |at: u64, len: u64| -> Option<Vec<u8>> {
            let mut b = vec![0; usize::try_from(len).ok()?];
            file.read_exact_at(&mut b, at).ok()?;
            Some(b)
        };
        let end_at = size.checked_sub(END_LEN)?;
        let end = read(end_at, END_LEN)?;
        if u32_at(&end, 0)? != END_SIG || u16_at(&end, 20)? != 0 {
            return None;
        }
        let (mut n, mut dir_size, mut dir_at) = (
            u64::from(u16_at(&end, 10)?),
            u64::from(u32_at(&end, 12)?),
            u64::from(u32_at(&end, 16)?),
        );
        let mut dir_end = end_at;
        if dir_size == LIMIT {
            let locator = read(end_at.checked_sub(LOCATOR_LEN)?, LOCATOR_LEN)?;
            if u32_at(&locator, 0)? != LOCATOR_SIG {
                return None;
            }
            let at = u64_at(&locator, 8)?;
            let end64 = read(at, 56)?;
            if u32_at(&end64, 0)? != END64_SIG || at + 56 + LOCATOR_LEN != end_at {
                return None;
            }
            (n, dir_size, dir_at) = (
                u64_at(&end64, 32)?,
                u64_at(&end64, 40)?,
                u64_at(&end64, 48)?,
            );
            dir_end = at;
        }
        if dir_size > MAX_DIRECTORY || dir_at.checked_add(dir_size)? != dir_end {
            return None;
        }
        let dir = read(dir_at, dir_size)?;
        let mut records = Vec::new();
        let mut at = 0usize;
        let mut next = 0u64;
        while at < dir.len() {
            if u32_at(&dir, at)? != CENTRAL_SIG {
                return None;
            }
            let method = Method::of_code(u16_at(&dir, at + 10)?)?;
            let name_len = usize::from(u16_at(&dir, at + 28)?);
            let extra_len = usize::from(u16_at(&dir, at + 30)?);
            if u16_at(&dir, at + 32)? != 0 {
                return None;
            }
            let name_at = at + CENTRAL_FIXED;
            let name = std::str::from_utf8(dir.get(name_at..name_at + name_len)?).ok()?;
            let extra = dir.get(name_at + name_len..name_at + name_len + extra_len)?;
            // The ZIP64 values, in the order the header marks them.
            let mut wide = (extra.len() >= 4 && u16_at(extra, 0)? == ZIP64_ID)
                .then(|| extra[4..].chunks_exact(8))
                .into_iter()
                .flatten()
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()));
            let mut field = |v: u32| -> Option<u64> {
                if u64::from(v) == LIMIT {
                    wide.next()
                } else {
                    Some(u64::from(v))
                }
            };
            let size = field(u32_at(&dir, at + 24)?)?;
            let csize = field(u32_at(&dir, at + 20)?)?;
            let offset = field(u32_at(&dir, at + 42)?)?;
            let r = Record {
                name: name.to_owned(),
                method,
                crc: u32_at(&dir, at + 16)?,
                csize,
                size,
                offset,
            };
            if r.offset != next || (method == Method::Stored && csize != size) {
                return None;
            }
            next = r.offset.checked_add(r.len())?;
            records.push(r);
            at = name_at + name_len + extra_len;
        }
        (records.len() as u64 == n && next == dir_at).then_some(Previous { file, records })
    }

    /// The entries, in the order of the archive.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The bytes of entry `i`, inflated, if there are at most `limit` of them.
    pub fn read(&self, i: usize, limit: u64) -> Option<Vec<u8>> {
        let r = self.records.get(i)?;
        if r.size > limit {
            return None;
        }
        let mut data = vec![0; usize::try_from(r.csize).ok()?];
        self.file
            .read_exact_at(&mut data, r.offset + r.local_len())
            .ok()?;
        let bytes = match r.method {
            Method::Stored => data,
            Method::Deflated => {
                let mut bytes = Vec::with_capacity(usize::try_from(r.size).ok()?);
                (flate2::read::DeflateDecoder::new(&data[..]))
                    .take(limit + 1)
                    .read_to_end(&mut bytes)
                    .ok()?;
                bytes
            }
        };
        (bytes.len() as u64 == r.size && crc32fast::hash(&bytes) == r.crc).then_some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out, None);
        let mut d = Deflater::default();
        for (name, bytes) in files {
            w.add(name, &d.deflate(bytes).unwrap()).unwrap();
        }
        w.finish().unwrap();
        out
    }

    /// The `zip` crate's archive of `named`, each entry deflated at [`LEVEL`] or stored where
    /// that is no shorter, with the options this module writes.
    fn theirs(named: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut theirs = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let mut d = Deflater::default();
        for (name, bytes) in named {
            let (method, level) = match d.deflate(bytes).unwrap().entry().0 {
                Method::Stored => (zip::CompressionMethod::Stored, None),
                Method::Deflated => (zip::CompressionMethod::Deflated, Some(i64::from(LEVEL))),
            };
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .compression_level(level)
                .last_modified_time(zip::DateTime::DEFAULT)
                .unix_permissions(0o644);
            theirs.start_file(*name, options).unwrap();
            theirs.write_all(bytes).unwrap();
        }
        theirs.finish().unwrap().into_inner()
    }

    fn files(n: usize) -> Vec<(String, Vec<u8>)> {
        (0..n)
            .map(|i| {
                let bytes = (0..(i * 37 % 5000)).map(|j| (j * i % 251) as u8).collect();
                (format!("2024/{i:05}/index.html"), bytes)
            })
            .collect()
    }

    #[test]
    fn the_zip_crate_reads_back_what_is_written_and_writes_the_same_bytes() {
        let files = files(300);
        // A manifest's worth of text, whose deflate stream depends on how it is fed.
        let large: Vec<u8> = (0..300_000u32)
            .flat_map(|i| {
                format!(
                    "2024/{i}/index.html {} {:x}\n",
                    i * 7 % 1000,
                    u64::from(i) * 2654435761
                )
                .into_bytes()
            })
            .collect();
        assert!(large.len() > 3 << 20);
        // Bytes deflate cannot shrink (stored), and an empty file (stored too).
        let noise: Vec<u8> = (0..5000u64)
            .map(|i| (i.wrapping_mul(6364136223846793005) >> 56) as u8)
            .collect();
        let named: Vec<(&str, Vec<u8>)> = (files.iter())
            .map(|(n, b)| (n.as_str(), b.clone()))
            .chain([
                ("2024/报告.html", b"zh".to_vec()),
                ("2024/noise.bin", noise),
                ("2024/empty.html", vec![]),
                ("manifest.txt", large),
            ])
            .collect();
        let ours = archive(&named);
        assert_eq!(ours, theirs(&named));
        let mut read = zip::ZipArchive::new(io::Cursor::new(&ours)).unwrap();
        let mut bytes = Vec::new();
        read.by_name("2024/报告.html")
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        assert_eq!(bytes, b"zh");
    }

    #[test]
    fn more_than_65535_entries_end_with_zip64_records_that_both_readers_follow() {
        let named: Vec<(String, Vec<u8>)> = (0..ENTRY_LIMIT + 2)
            .map(|i| (format!("{i}"), vec![]))
            .collect();
        let named: Vec<(&str, Vec<u8>)> =
            named.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let ours = archive(&named);
        assert!(ours == theirs(&named), "the zip crate's bytes");
        let mut read = zip::ZipArchive::new(io::Cursor::new(&ours)).unwrap();
        assert_eq!(read.len(), ENTRY_LIMIT + 2);
        let mut stored = read.by_index(ENTRY_LIMIT).unwrap();
        assert_eq!(stored.compression(), zip::CompressionMethod::Stored);
        let mut bytes = Vec::new();
        stored.read_to_end(&mut bytes).unwrap();
        assert!(bytes.is_empty());
        drop(stored);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        std::fs::write(&path, &ours).unwrap();
        let previous = Previous::open(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(previous.records().len(), ENTRY_LIMIT + 2);
        assert_eq!(
            previous.records()[ENTRY_LIMIT + 1].name,
            (ENTRY_LIMIT + 1).to_string()
        );
    }

    /// Exactly 65,535 entries fit the end record's count (0xFFFF), which is also the value
    /// that marks a ZIP64 count: the `zip` crate, like Python's `zipfile` writer, then
    /// writes no ZIP64 records (Go's `archive/zip` does). Checked here that the bytes are the
    /// crate's and that `unzip` and Python both read every entry of such an archive, so the
    /// `>` of [`Writer::finish`] stays.
    #[test]
    fn exactly_65535_entries_are_read_by_unzip_and_python_without_zip64_records() {
        let named: Vec<(String, Vec<u8>)> = (0..ENTRY_LIMIT)
            .map(|i| (format!("{i}"), vec![b'x'; i % 3]))
            .collect();
        let named: Vec<(&str, Vec<u8>)> =
            named.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let ours = archive(&named);
        assert!(ours == theirs(&named), "the zip crate's bytes");
        let end = &ours[ours.len() - END_LEN as usize..];
        assert_eq!(
            u16_at(end, 10),
            Some(u16::MAX),
            "the count in the end record"
        );
        assert!(!ours.windows(4).any(|w| w == LOCATOR_SIG.to_le_bytes()));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.zip"), &ours).unwrap();
        let run = |program: &str, args: &[&str]| {
            let out = (std::process::Command::new(program).args(args))
                .current_dir(dir.path())
                .output()
                .ok()?;
            assert!(out.status.success(), "{program} {args:?}: {out:?}");
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let mut ran = 0;
        if let Some(out) = run("unzip", &["-t", "a.zip"]) {
            assert!(out.contains("No errors detected"), "{out}");
            ran += 1;
        }
        let python = "import zipfile\n\
            z = zipfile.ZipFile('a.zip'); assert z.testzip() is None\n\
            print(len(z.namelist()), sum(len(z.read(n)) for n in z.namelist()))";
        if let Some(out) = run("python3", &["-c", python]) {
            let bytes: usize = (0..ENTRY_LIMIT).map(|i| i % 3).sum();
            assert_eq!(out.trim(), format!("{ENTRY_LIMIT} {bytes}"));
            ran += 1;
        }
        assert!(ran > 0, "neither unzip nor python3 could be run");
    }

    #[test]
    fn runs_copied_from_the_previous_archive_give_the_bytes_of_one_written_anew() {
        let files = files(200);
        let named: Vec<(&str, Vec<u8>)> =
            files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let before = archive(&named);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before.zip");
        std::fs::write(&path, &before).unwrap();
        let previous = Previous::open(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(previous.records().len(), 200);
        assert_eq!(previous.read(7, 1 << 20).unwrap(), files[7].1);
        // Entry 50 edited, 120 deleted, one added after 150.
        let mut now = named.clone();
        now[50].1 = b"edited".to_vec();
        now.remove(120);
        now.insert(150, ("2024/00150a/index.html", b"new".to_vec()));
        let fresh = archive(&now);
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out, Some(&previous));
        let mut d = Deflater::default();
        let copy = |w: &mut Writer, range: std::ops::Range<usize>| {
            range.for_each(|i| w.copy(i).unwrap());
        };
        copy(&mut w, 0..50);
        w.add(now[50].0, &d.deflate(&now[50].1).unwrap()).unwrap();
        copy(&mut w, 51..120);
        copy(&mut w, 121..151);
        w.add(now[150].0, &d.deflate(&now[150].1).unwrap()).unwrap();
        copy(&mut w, 151..200);
        assert!(w.copy(200).is_err(), "past the previous archive's end");
        w.finish().unwrap();
        assert_eq!(out, fresh);
    }

    #[test]
    fn an_archive_of_another_layout_or_spoiled_is_not_read() {
        let files = files(20);
        let named: Vec<(&str, Vec<u8>)> =
            files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let good = archive(&named);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let open = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            Previous::open(std::fs::File::open(&path).unwrap())
        };
        assert!(open(&good).is_some());
        // Cut short, a byte of an entry's size changed, a comment added, and empty.
        assert!(open(&good[..good.len() - 5]).is_none());
        let n = good.len();
        let dir_at = u32::from_le_bytes(good[n - 6..n - 2].try_into().unwrap()) as usize;
        let first = 46 + u16::from_le_bytes(good[dir_at + 28..dir_at + 30].try_into().unwrap());
        let mut bad = good.clone();
        bad[dir_at + usize::from(first) + 20] ^= 1; // the second entry's compressed size
        assert!(open(&bad).is_none());
        let mut commented = good.clone();
        let n = commented.len();
        commented[n - 2] = 1;
        commented.push(b'x');
        assert!(open(&commented).is_none());
        assert!(open(b"").is_none());
        // An entry whose data is spoiled is not read back.
        let r = open(&good).unwrap().records()[5].clone();
        assert!(r.size > 100, "{r:?}");
        let mut spoiled = good.clone();
        spoiled[(r.offset + r.local_len()) as usize + 3] ^= 0x55;
        let previous = open(&spoiled).unwrap();
        assert!(previous.read(4, 1 << 20).is_some());
        assert!(previous.read(5, 1 << 20).is_none());
    }
}
