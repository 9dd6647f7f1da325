//! The build cache (`.gongkai/build-cache` in the site folder, ignored by git; `gongkai
//! serve` keeps its own, `.gongkai/serve-cache`): what the last build was made from, by
//! content hash, and what each department's pages were. It is [`postcard`]'s encoding of
//! [`Cache`] followed by the CRC-32 of those bytes: read at the start of every build and
//! written at its end, on one core, it took an edited rebuild of 2,000 departments ≈ 80 ms
//! as 17 MB of JSON.
//!
//! - Nothing changed (the tool, the options, site.toml, every file under `content/`, the theme,
//!   `archive/`) and the output folder still holds what the last build wrote: the build stops
//!   at once and reports the last build's figures.
//! - Otherwise a department whose file is unchanged, in a site whose site-wide values (the
//!   tool, options, site.toml, theme, `content/metrics.yaml`, Markdown pages, the latest
//!   year's departments, frozen years, revisions) are unchanged, has its pages, JSON and CSV
//!   copied from the previous output after their SHA-256 is checked against the cache; every
//!   other output is made anew, except that the year bundles copy what is unchanged from the
//!   previous ones: the `.tar.gz` each gzip member whose tar bytes it recorded, the `.zip`
//!   each file whose SHA-256 is unchanged (both bundles trusted when their size and stamp
//!   are as recorded).
//!
//! A cache that is missing, unreadable, corrupt or written by another build of the tool is not
//! used; the build then makes everything and writes a new one. `gongkai build --clean` ignores
//! it. The cache never makes a build fail.

use crate::publish::manifest::{self, Listing};
use crate::render::pages::SiteMeta;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the cache lives, under the site folder.
pub const FILE: &str = ".gongkai/build-cache";

/// Where `gongkai serve`'s builds (pages with the reload script, into `.gongkai-serve/`) keep
/// theirs, apart from [`FILE`]: a `gongkai build` between two edits under `serve` then costs
/// neither of them a whole build.
pub const SERVE_FILE: &str = ".gongkai/serve-cache";

/// The files earlier builds kept their caches in (JSON), removed when a cache is saved.
const OLD_FILES: [&str; 2] = [".gongkai/build-cache.json", ".gongkai/serve-cache.json"];

/// The cache file of a build with the reload script (`serve`'s) or without.
pub fn file(live_reload: bool) -> &'static str {
    if live_reload { SERVE_FILE } else { FILE }
}

/// The version of the cache's format, part of every key.
const FORMAT: u32 = 4;

/// The store of parsed documents of `root` for this version of the tool:
/// `.gongkai/documents/<hash of the tool>/`.
/// With `clean`, the store is filled anew and nothing is taken from it.
pub fn parsed_documents(root: &Path, clean: bool) -> crate::content::load::parsed::Parsed {
    use crate::content::load::parsed::Parsed;
    let version = &crate::digest::sha256_hex(tool().as_bytes())[..16];
    let dir = root.join(FILE).with_file_name("documents").join(version);
    if clean {
        Parsed::refill(dir)
    } else {
        Parsed::open(dir)
    }
}

/// The tool that wrote a cache: its version and its executable's size and modification time,
/// so a rebuilt binary (a changed template string, a fixed bug) never trusts an older cache.
/// (Hashing the executable's bytes took seconds for a debug build.)
pub fn tool() -> &'static str {
    static TOOL: OnceLock<String> = OnceLock::new();
    TOOL.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .and_then(|m| {
                let since = m.modified()?.duration_since(std::time::UNIX_EPOCH);
                Ok(format!("{} {}", m.len(), since.map_or(0, |d| d.as_nanos())))
            })
            .unwrap_or_else(|_| "unknown".into());
        format!(
            "gongkai {} {exe} format {FORMAT}",
            env!("CARGO_PKG_VERSION")
        )
    })
}

/// What the last successful build wrote and was made from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cache {
    /// [`tool`] of the build that wrote it.
    pub tool: String,
    /// Hash of every input ([`Inputs::all`]).
    pub inputs: String,
    /// Every input file (`content/2024/130529/414.yaml`, `site.toml`) with its stamp, size and
    /// SHA-256 ([`Inputs::files`]).
    pub sources: BTreeMap<String, InputFile>,
    /// When that build began hashing its inputs, in nanoseconds since 1970.
    pub hashed_at: u64,
    /// Hash of the site-wide values every department page is made with.
    pub site: String,
    /// The output folder it describes.
    pub output: String,
    /// SHA-256 of that folder's `manifest.txt`.
    pub manifest: String,
    /// The figures the build reported.
    pub report: Figures,
    /// Each department file (`2024/130529/414.yaml`) with its hash and the files of its pages.
    pub departments: BTreeMap<String, Department>,
    /// Each bundle (`downloads/2024.tar.gz`, `downloads/2024.zip`) as written, with the gzip
    /// members of a `.tar.gz`, so that the next build copies what is unchanged from it.
    pub bundles: BTreeMap<String, Bundle>,
    /// Every page rendered or published again, by file, with the key of its values
    /// ([`super::memo`]).
    pub pages: BTreeMap<String, Page>,
    /// Each comparable metric (its catalogue key) with the key of its rows and the files of
    /// its comparison pages and CSVs, published again together while the key is unchanged.
    #[serde(default)]
    pub comparisons: BTreeMap<String, Department>,
    /// Each region's part of a metric's year laid out region by region
    /// (`metric/year/region`), published again while its key is unchanged.
    #[serde(default)]
    pub comparison_parts: BTreeMap<String, crate::outputs::compare::write::RegionPart>,
}

/// What a build made, by the key it made it from, for the cache.
#[derive(Debug, Default)]
pub struct Made {
    /// Each live department file's key and files ([`Cache::departments`]).
    pub departments: BTreeMap<String, Department>,
    /// Each year's bundles ([`Cache::bundles`]).
    pub bundles: BTreeMap<String, Bundle>,
    /// Every page and search file published through the memo ([`Cache::pages`]).
    pub pages: BTreeMap<String, Page>,
    /// Each metric's key and comparison files ([`Cache::comparisons`]).
    pub comparisons: BTreeMap<String, Department>,
    /// Each region part of a comparison ([`Cache::comparison_parts`]).
    pub comparison_parts: BTreeMap<String, crate::outputs::compare::write::RegionPart>,
}

/// The figures a build reports, kept for a build that finds nothing changed.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Figures {
    /// HTML pages.
    pub pages: usize,
    /// Files.
    pub files: usize,
    /// Department files.
    pub departments: usize,
    /// Self-evaluation files.
    pub selfevals: usize,
    /// Warnings.
    pub warnings: usize,
    /// Search records.
    pub records: usize,
    /// Search terms.
    pub terms: usize,
    /// Paged search terms.
    pub large_terms: usize,
    /// Files under `search/`.
    pub search_files: usize,
    /// Bytes under `search/`.
    pub search_bytes: u64,
    /// The search terms' inline sizes in all ([`crate::outputs::search::Stats::inline_total`]),
    /// which the next build needs to update the index file by file; none from a cache that
    /// did not record it.
    #[serde(default)]
    pub search_inline: Option<usize>,
}

/// One department's source hash and the files made from it (a metric's comparison pages
/// and CSVs are kept the same way: the key of its rows, and its files).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Department {
    /// SHA-256 of the department file's hash and its findings (which the review across
    /// years draws from other files).
    pub source: String,
    /// Each file made from it.
    pub files: Vec<OutputFile>,
}

/// A page as the cache records it: the key it was rendered from and its file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Page {
    /// The page's key.
    pub key: String,
    /// The page's address for the link check (`2024/x/`, or `404.html`).
    pub page: String,
    /// Its file as published.
    pub file: OutputFile,
}

/// A file of the output as the build that wrote it recorded it: what its manifest line says,
/// the [`Stamp`] it had once published, and a page's element ids for the link check.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutputFile {
    /// Site-relative path (`2024/130529/414/index.html`).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 in lower-case hex.
    pub sha256: String,
    /// Its inode and modification time when written.
    pub stamp: Stamp,
    /// A page's element ids, space-separated (empty for other files): links from other
    /// pages to its anchors are checked without reading it.
    pub ids: String,
}

/// A year's bundle as the build that wrote it recorded it: the file, trusted by its stamp
/// like a department's pages, and a `.tar.gz`'s gzip members (none for a `.zip`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Bundle {
    /// The bundle's size, SHA-256 and stamp.
    pub file: OutputFile,
    /// Its gzip members, in order.
    pub members: Vec<crate::publish::bundle::Member>,
    /// Its SHA-256 state at every MiB, so that the next bundle, whose first bytes are this
    /// one's up to the first changed file, resumes its hash there.
    #[serde(default)]
    pub midstates: Vec<crate::publish::resume::Midstate>,
}

/// A file's inode and modification time (nanoseconds since 1970). A published file whose
/// stamp and size are what the cache recorded is trusted to hold the recorded bytes, as
/// `make` and `rsync` trust a modification time: any write into it changes its time, and
/// a file put in its place is another inode.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stamp {
    /// The inode number.
    pub inode: u64,
    /// The modification time in nanoseconds since 1970.
    pub modified: u64,
}

impl Stamp {
    /// The stamp and size of the regular file at `path` (never following a link); `None`
    /// for anything else or when it cannot be read.
    pub fn of(path: &Path) -> Option<(Stamp, u64)> {
        Stamp::of_metadata(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp and size of a regular file from its metadata; `None` for anything else.
    pub fn of_metadata(m: &std::fs::Metadata) -> Option<(Stamp, u64)> {
        use std::os::unix::fs::MetadataExt;
        if !m.is_file() {
            return None;
        }
        let modified = m
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let stamp = Stamp {
            inode: m.ino(),
            modified: u64::try_from(modified.as_nanos()).ok()?,
        };
        Some((stamp, m.len()))
    }
}

impl OutputFile {
    /// True when the file at `path` still has the recorded size and stamp.
    pub fn unchanged_at(&self, path: &Path) -> bool {
        Stamp::of(path) == Some((self.stamp, self.size))
    }

    /// The file at `path`, opened, when the opened file has the recorded stamp and size: the
    /// file then read is the one checked (a check of the path, then an open, could open
    /// another file put there in between).
    pub fn open_unchanged(&self, path: &Path) -> Option<std::fs::File> {
        let file = std::fs::File::open(path).ok()?;
        let stamp = Stamp::of_metadata(&file.metadata().ok()?)?;
        (stamp == (self.stamp, self.size)).then_some(file)
    }
}

impl Cache {
    /// The cache `file` in `root`, if there is one this tool wrote for `output`.
    pub fn load(root: &Path, file: &str, output: &Path) -> Option<Cache> {
        let cache = Cache::read(&root.join(file))?;
        (cache.tool == tool() && cache.output == output_key(output)).then_some(cache)
    }

    /// The cache in the file at `path`, whoever wrote it; `None` when it cannot be read, or
    /// its bytes are not those its CRC-32 was taken of (cut short, altered) or do not decode
    /// to a cache whole.
    pub fn read(path: &Path) -> Option<Cache> {
        let bytes = std::fs::read(path).ok()?;
        let (body, crc) = bytes.split_last_chunk::<4>()?;
        if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
            return None;
        }
        match postcard::take_from_bytes(body) {
            Ok((cache, [])) => Some(cache),
            _ => None,
        }
    }

    /// Writes the cache as `file` in `root`, replacing the old one in one step; a cache that
    /// cannot be written is left out (the next build makes everything).
    pub fn save(&self, root: &Path, file: &str) {
        let path = root.join(file);
        let Some(dir) = path.parent() else { return };
        static SAVES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = path.with_extension(format!("tmp{}-{n}", std::process::id()));
        // Streamed to the file: at 30,000 departments the cache is some 50 MB of JSON, which
        // would otherwise sit in memory beside everything the build still holds.
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::File::create(&tmp))
            .and_then(|file| {
                use std::io::Write;
                let mut out = Crc {
                    inner: std::io::BufWriter::with_capacity(1 << 16, file),
                    crc: crc32fast::Hasher::new(),
                };
                postcard::to_io(self, &mut out).map_err(std::io::Error::other)?;
                let crc = out.crc.finalize();
                out.inner.write_all(&crc.to_le_bytes())?;
                out.inner.flush()
            })
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(&path);
        }
        for old in OLD_FILES {
            let _ = std::fs::remove_file(root.join(old));
        }
    }

    /// The listing of `output`'s `manifest.txt` (path → size and SHA-256) when it is the one
    /// the last build wrote (its recorded hash).
    pub fn listing(&self, output: &Path) -> Option<Listing> {
        let text = std::fs::read(output.join(manifest::FILE)).ok()?;
        if manifest::hex(&Sha256::digest(&text)) != self.manifest {
            return None;
        }
        manifest::parse(&String::from_utf8_lossy(&text), manifest::FILE).ok()
    }

    /// True when `output` still holds what this cache says the last build wrote: its
    /// manifest has the recorded hash and every file it lists is there with its size.
    pub fn output_intact(&self, output: &Path) -> bool {
        let Some(listing) = self.listing(output) else {
            return false;
        };
        listing.par_iter().all(|(rel, (size, _))| {
            std::fs::metadata(output.join(rel)).is_ok_and(|m| m.is_file() && m.len() == *size)
        })
    }
}

/// A writer that takes the CRC-32 of what passes through it.
struct Crc<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: std::io::Write> std::io::Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// An input file as a build hashed it: its stamp and size, then, and its SHA-256.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct InputFile {
    /// Its inode and modification time before it was read.
    pub stamp: Stamp,
    /// Its size then.
    pub size: u64,
    /// The SHA-256 of what was read.
    pub sha256: String,
}

/// How long before a build began hashing a file must have been last modified for its stamp
/// to vouch for its hash in the next build. A file modified just before or during that
/// hashing may have changed again within the clock's resolution, keeping its time and size
/// (git's "racy" files): it is read and hashed again.
const SETTLED_NS: u64 = 2_000_000_000;

/// Nanoseconds since 1970 now.
fn now_ns() -> u64 {
    (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH))
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The output folder as the cache names it.
pub fn output_key(output: &Path) -> String {
    std::path::absolute(output)
        .unwrap_or_else(|_| output.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The hashes of everything a build reads.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// One hash of all of it, with the tool and the options.
    pub all: String,
    /// Hash of what every page shares: the tool, the options, site.toml, the theme,
    /// `content/metrics.yaml` and `content/pages/`.
    pub shared: String,
    /// Each department file under `content/` (`2024/130529/414.yaml`) → its SHA-256.
    pub departments: BTreeMap<String, String>,
    /// Every input file with its stamp, size and SHA-256, for the next build.
    pub files: BTreeMap<String, InputFile>,
    /// When the hashing began, in nanoseconds since 1970.
    pub hashed_at: u64,
}

impl Inputs {
    /// Hashes the inputs of a build of `root` with the theme `theme`; `options` names every
    /// option that changes the output. `known` are the files the previous build hashed and
    /// when it began: a file with the same stamp and size, settled well before then, keeps
    /// its hash without being read. `None` when a file cannot be read: the build then goes
    /// without the cache (and reports the file itself if it needs it).
    pub fn read(
        root: &Path,
        theme: &str,
        options: &str,
        known: Option<(&BTreeMap<String, InputFile>, u64)>,
    ) -> Option<Inputs> {
        let hashed_at = now_ns();
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        let site_toml = root.join("site.toml");
        if site_toml.is_file() {
            files.push(("site.toml".into(), site_toml));
        }
        for dir in ["content", "archive"] {
            list(root, &root.join(dir), &mut files)?;
        }
        list(root, &root.join("themes").join(theme), &mut files)?;
        files.sort();
        let hashed: Vec<(String, InputFile)> = files
            .par_iter()
            .map(|(rel, path)| {
                // A file without a stamp (site.toml as a link) is hashed every time.
                let (stamp, size) = Stamp::of(path).unwrap_or_default();
                let settled = known
                    .and_then(|(files, at)| Some((files.get(rel)?, at)))
                    .filter(|(f, at)| {
                        f.stamp == stamp
                            && f.size == size
                            && stamp.modified.saturating_add(SETTLED_NS) < *at
                    });
                if let Some((f, _)) = settled {
                    return Some((rel.clone(), f.clone()));
                }
                let bytes = std::fs::read(path).ok()?;
                let sha256 = manifest::hex(&Sha256::digest(&bytes));
                let size = bytes.len() as u64;
                Some((
                    rel.clone(),
                    InputFile {
                        stamp,
                        size,
                        sha256,
                    },
                ))
            })
            .collect::<Option<_>>()?;
        let mut all = Sha256::new();
        let mut shared = Sha256::new();
        for h in [&mut all, &mut shared] {
            h.update(tool());
            h.update(b"\0");
            h.update(options);
            h.update(b"\0");
        }
        let mut departments = BTreeMap::new();
        let mut known_files = BTreeMap::new();
        for (rel, file) in hashed {
            let hash = file.sha256.clone();
            known_files.insert(rel.clone(), file);
            let line = format!("{rel}\0{hash}\n");
            all.update(&line);
            match rel.strip_prefix("content/") {
                Some(r) if crate::content::load::is_department_file(r) => {
                    departments.insert(r.to_string(), hash);
                }
                // Frozen years reach the pages through the site values (`site_key`).
                _ if rel.starts_with("archive/") => {}
                _ => shared.update(&line),
            }
        }
        Some(Inputs {
            all: manifest::hex(&all.finalize()),
            shared: manifest::hex(&shared.finalize()),
            departments,
            files: known_files,
            hashed_at,
        })
    }

    /// The key of the site-wide values a department's pages are made with: what every page
    /// shares and the values of `site` that come from other documents.
    pub fn site_key(&self, site: &SiteMeta) -> String {
        let mut h = Sha256::new();
        h.update(&self.shared);
        let latest = site.latest.as_ref().map(|(year, paths)| {
            let mut paths: Vec<&String> = paths.iter().collect();
            paths.sort();
            (year, paths)
        });
        let mut revisions: Vec<(&String, &Vec<usize>)> = site.revisions.iter().collect();
        revisions.sort();
        let values = serde_json::json!({
            "site": site,
            "latest": latest,
            "archived": site.archived,
            "revisions": revisions,
        });
        h.update(values.to_string());
        manifest::hex(&h.finalize())
    }
}

/// Adds every file under `dir` (following links, as the build reads them) to `files`, named
/// relative to `root`; nothing when `dir` does not exist, `None` when it cannot be read.
fn list(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Option<()> {
    if !dir.exists() {
        return Some(());
    }
    let walk = walkdir::WalkDir::new(dir).follow_links(true).into_iter();
    for e in walk.filter_entry(crate::paths::wanted) {
        // A scratch link that leads nowhere (emacs's lock) fails before the filter sees it.
        let scratch = |err: &walkdir::Error| {
            (err.path().and_then(Path::file_name)).is_some_and(crate::paths::is_scratch)
        };
        let e = match e {
            Ok(e) => e,
            Err(err) if scratch(&err) => continue,
            Err(_) => return None,
        };
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            files.push((rel, e.into_path()));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("site.toml", "title = \"x\"\n");
        write("content/2024/130529/414.yaml", "a");
        write("content/2024/130529/415.yaml", "b");
        write("content/metrics.yaml", "metrics: []\n");
        write("content/pages/about.md", "# 关于\n");
        write("themes/default/templates/base.html", "<html>");
        write("themes/other/templates/base.html", "<html>");
        dir
    }

    #[test]
    fn a_department_edit_changes_only_its_own_hash() {
        let dir = site();
        let before = Inputs::read(dir.path(), "default", "o", None).unwrap();
        assert_eq!(
            before.departments.keys().collect::<Vec<_>>(),
            ["2024/130529/414.yaml", "2024/130529/415.yaml"]
        );
        std::fs::write(dir.path().join("content/2024/130529/414.yaml"), "A").unwrap();
        let after = Inputs::read(dir.path(), "default", "o", None).unwrap();
        assert_ne!(before.all, after.all);
        assert_eq!(before.shared, after.shared);
        assert_ne!(
            before.departments["2024/130529/414.yaml"],
            after.departments["2024/130529/414.yaml"]
        );
        assert_eq!(
            before.departments["2024/130529/415.yaml"],
            after.departments["2024/130529/415.yaml"]
        );
    }

    #[test]
    fn shared_inputs_options_and_the_theme_in_use_change_the_shared_hash() {
        let dir = site();
        let base = Inputs::read(dir.path(), "default", "o", None).unwrap();
        let other_options = Inputs::read(dir.path(), "default", "p", None).unwrap();
        assert_ne!(base.shared, other_options.shared);
        // Another theme's files are no input of this build.
        std::fs::write(dir.path().join("themes/other/templates/base.html"), "<x>").unwrap();
        assert_eq!(
            Inputs::read(dir.path(), "default", "o", None).unwrap().all,
            base.all
        );
        for rel in [
            "site.toml",
            "content/metrics.yaml",
            "content/pages/about.md",
            "themes/default/templates/base.html",
        ] {
            let p = dir.path().join(rel);
            let old = std::fs::read(&p).unwrap();
            std::fs::write(&p, b"changed").unwrap();
            let now = Inputs::read(dir.path(), "default", "o", None).unwrap();
            assert_ne!(now.shared, base.shared, "{rel}");
            assert_eq!(now.departments, base.departments, "{rel}");
            std::fs::write(&p, old).unwrap();
        }
    }

    #[test]
    fn a_settled_file_keeps_its_hash_by_its_stamp_and_a_recent_one_is_read_again() {
        let dir = site();
        let rel = "content/2024/130529/414.yaml";
        let path = dir.path().join(rel);
        let set_time = |t: std::time::SystemTime| {
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(t).unwrap();
        };
        // Rewritten in place with the same size and given back its time, as `touch -r` can.
        let rewrite_keeping_time = |text: &str| {
            let before = std::fs::metadata(&path).unwrap().modified().unwrap();
            std::fs::write(&path, text).unwrap();
            set_time(before);
        };
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        set_time(hour_ago);
        let first = Inputs::read(dir.path(), "default", "o", None).unwrap();
        let known = Some((&first.files, first.hashed_at));
        // Settled an hour before the hashing: its stamp vouches for its hash, unread.
        rewrite_keeping_time("Z");
        let trusted = Inputs::read(dir.path(), "default", "o", known).unwrap();
        assert_eq!(trusted.files[rel].sha256, first.files[rel].sha256);
        assert_eq!(trusted.all, first.all);
        // Without what the last build knew (a missing cache, `--clean`) it is read.
        let fresh = Inputs::read(dir.path(), "default", "o", None).unwrap();
        assert_ne!(fresh.files[rel].sha256, first.files[rel].sha256);
        // A file modified again (a new time) is read.
        std::fs::write(&path, "Y").unwrap();
        set_time(hour_ago + std::time::Duration::from_secs(1));
        let edited = Inputs::read(dir.path(), "default", "o", known).unwrap();
        assert_eq!(edited.files[rel].sha256, fresh_hash("Y"));
        // Modified just before the last build hashed it: never trusted, even with its time.
        std::fs::write(&path, "a").unwrap();
        let racy = Inputs::read(dir.path(), "default", "o", None).unwrap();
        rewrite_keeping_time("b");
        let again = Inputs::read(
            dir.path(),
            "default",
            "o",
            Some((&racy.files, racy.hashed_at)),
        );
        assert_eq!(again.unwrap().files[rel].sha256, fresh_hash("b"));
    }

    fn fresh_hash(text: &str) -> String {
        manifest::hex(&Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn a_cache_altered_cut_short_or_lengthened_is_not_read() {
        let dir = site();
        let out = dir.path().join("public");
        let mut cache = empty_cache(&out);
        cache.departments.insert(
            "2024/130529/414.yaml".into(),
            Department {
                source: "a".repeat(64),
                files: vec![OutputFile {
                    path: "2024/130529/414/index.html".into(),
                    ids: "main".into(),
                    ..OutputFile::default()
                }],
            },
        );
        cache.save(dir.path(), FILE);
        let path = dir.path().join(FILE);
        let good = std::fs::read(&path).unwrap();
        assert_eq!(Cache::read(&path), Some(cache));
        // One byte of a hash changed: still a cache to the decoder, not to its CRC.
        let at = (good
            .windows(64)
            .position(|w| w == "a".repeat(64).as_bytes()))
        .unwrap();
        let mut altered = good.clone();
        altered[at] = b'b';
        let cut = good[..good.len() / 2].to_vec();
        let mut longer = good[..good.len() - 4].to_vec();
        longer.push(0);
        longer.extend(crc32fast::hash(&longer).to_le_bytes());
        for (why, bytes) in [("altered", altered), ("cut", cut), ("longer", longer)] {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(Cache::read(&path), None, "{why}");
        }
    }

    #[test]
    fn saving_removes_the_json_cache_of_earlier_builds() {
        let dir = site();
        let old = dir.path().join(OLD_FILES[0]);
        std::fs::create_dir_all(old.parent().unwrap()).unwrap();
        std::fs::write(&old, "{}").unwrap();
        empty_cache(&dir.path().join("public")).save(dir.path(), FILE);
        assert!(!old.exists() && dir.path().join(FILE).is_file());
    }

    fn empty_cache(out: &Path) -> Cache {
        Cache {
            tool: tool().to_string(),
            inputs: "i".into(),
            sources: BTreeMap::new(),
            hashed_at: 0,
            site: "s".into(),
            output: output_key(out),
            manifest: "m".into(),
            report: Figures::default(),
            departments: BTreeMap::new(),
            bundles: BTreeMap::new(),
            pages: BTreeMap::new(),
            comparisons: BTreeMap::new(),
            comparison_parts: BTreeMap::new(),
        }
    }

    #[test]
    fn a_cache_for_another_output_or_tool_is_not_loaded() {
        let dir = site();
        let out = dir.path().join("public");
        let cache = empty_cache(&out);
        cache.save(dir.path(), FILE);
        assert_eq!(Cache::load(dir.path(), FILE, &out), Some(cache.clone()));
        assert_eq!(Cache::load(dir.path(), SERVE_FILE, &out), None);
        assert_eq!(
            Cache::load(dir.path(), FILE, &dir.path().join("elsewhere")),
            None
        );
        Cache {
            tool: "gongkai 0.0.0".into(),
            ..cache
        }
        .save(dir.path(), FILE);
        assert_eq!(Cache::load(dir.path(), FILE, &out), None);
    }
}
