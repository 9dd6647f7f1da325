//! Frozen years: `gongkai archive YEAR` stores a year's rendered pages and its sources in
//! `archive/YEAR/` (`site/`, `content/`, `manifest.txt`); later builds publish that year from
//! the archive byte for byte and refuse to run when its sources were edited.

use super::manifest::{self, Entry};
use crate::messages::Message;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a year could not be frozen or published from its archive.
#[derive(Debug, thiserror::Error)]
pub enum FreezeError {
    /// The year is frozen already and has no new correction to seal.
    #[error("{}", crate::messages::Message::AlreadyFrozen { year: *_0 })]
    AlreadyFrozen(u16),
    /// The built site has no pages for the year.
    #[error("{}", crate::messages::Message::NoSuchYear { year: *_0 })]
    NoSuchYear(u16),
    /// Sources of a frozen year differ from those archived, other than by declared corrections.
    #[error("{}", crate::messages::Message::FrozenEdited { year: *year, date: date.clone(), changes: changes.join("\n") })]
    Edited {
        /// The year.
        year: u16,
        /// When it was frozen.
        date: String,
        /// One line per changed file: `altered  content/2021/…`, with the reason when known.
        changes: Vec<String>,
    },
    /// Files of a frozen year's archive differ from its manifest: the archive was altered.
    #[error("{}", crate::messages::Message::ArchiveAltered { year: *year, changes: changes.join("\n") })]
    Tampered {
        /// The year.
        year: u16,
        /// One line per file: `已改动  archive/2024/site/…`.
        changes: Vec<String>,
    },
    /// The archive's manifest cannot be read.
    #[error(transparent)]
    Manifest(#[from] super::manifest::VerifyError),
    /// An archived source file is not a readable document.
    #[error("{}", crate::messages::Message::ArchivedSource { path: path.display().to_string(), message: message.clone() })]
    Source {
        /// The archived file.
        path: PathBuf,
        /// What the YAML reader said.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}", crate::messages::Message::FileError { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FreezeError + '_ {
    move |source| FreezeError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, FreezeError> {
    manifest::walk(dir).map_err(io(dir))
}

/// The folder name under a department's address where its archived revision `n` is
/// published (`rev.1/`). Link keys cannot hold a dot, so it never meets a project's address.
pub fn revision_dir(n: usize) -> String {
    format!("rev.{n}")
}

/// A frozen year found in `archive/`.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// The year.
    pub year: u16,
    /// `archive/YEAR/`.
    pub dir: PathBuf,
    /// The date it was frozen (`YYYY-MM-DD`).
    pub date: String,
}

/// One archived revision of a corrected department.
#[derive(Debug, Clone)]
pub struct Revision {
    /// 1 for the text as frozen, then one more per correction.
    pub number: usize,
    /// The folder holding the department's pages as published in that revision.
    pub site: PathBuf,
}

/// A department of a frozen year that carries corrections (更正).
#[derive(Debug, Clone)]
pub struct Corrected {
    /// The source file, relative to `content/` (`2021/gaoxin/scjgj.yaml`).
    pub rel: String,
    /// Its revisions stored in the archive, oldest first; each is published at `rev.N/`.
    pub archived: Vec<Revision>,
    /// True when the current text is a correction not yet sealed by `gongkai archive`: the
    /// department is rendered anew. Otherwise its latest archived revision is published.
    pub live: bool,
}

impl Revision {
    /// The revision's files, as (path relative to the department, file in the archive).
    pub fn files(&self) -> Result<Vec<(String, PathBuf)>, FreezeError> {
        walk(&self.site)
    }
}

impl Corrected {
    /// The site path of the department (`2021/gaoxin/scjgj/`).
    pub fn path(&self) -> String {
        format!("{}/", self.rel.strip_suffix(".yaml").unwrap_or(&self.rel))
    }
}

/// The corrections a source file declares (its other fields are not read). What a correction
/// holds is the content model's business: freezing only compares them, as values.
fn declared<C: DeserializeOwned>(path: &Path) -> Result<Vec<C>, FreezeError> {
    #[derive(serde::Deserialize)]
    #[serde(bound = "C: DeserializeOwned")]
    struct Head<C> {
        document: Info<C>,
    }
    #[derive(serde::Deserialize)]
    #[serde(bound = "C: DeserializeOwned")]
    struct Info<C> {
        #[serde(default = "Vec::new")]
        corrections: Vec<C>,
    }
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    serde_saphyr::from_str::<Head<C>>(&text)
        .map(|h| h.document.corrections)
        .map_err(|e| FreezeError::Source {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

impl Frozen {
    /// The archived pages, as (path relative to the site root, file in the archive).
    pub fn pages(&self) -> Result<Vec<(String, PathBuf)>, FreezeError> {
        Ok(walk(&self.dir.join("site"))?
            .into_iter()
            .map(|(rel, path)| (format!("{}/{rel}", self.year), path))
            .collect())
    }

    /// Checks the archive itself against its manifests before anything of it is published:
    /// `site/` and `content/` against `manifest.txt`, each sealed revision against its own.
    /// Any file altered, added or missing stops the build, named.
    pub fn verify_archive(&self) -> Result<(), FreezeError> {
        let listing = manifest::read(&self.dir.join(manifest::FILE))?;
        let mut changes = Vec::new();
        let mut report = |base: &Path, d: manifest::Differences| {
            let at = |rel: &String| base.join(rel).display().to_string();
            for (what, list) in [
                (Message::VerifyAltered, &d.altered),
                (Message::VerifyAdded, &d.added),
                (Message::VerifyMissing, &d.missing),
                (Message::VerifySymlink, &d.links),
            ] {
                changes.extend(list.iter().map(|r| format!("  {what}  {}", at(r))));
            }
        };
        for sub in ["site", "content"] {
            let prefix = format!("{sub}/");
            let part: manifest::Listing = (listing.iter())
                .filter_map(|(p, v)| Some((p.strip_prefix(&prefix)?.to_string(), v.clone())))
                .collect();
            let dir = self.dir.join(sub);
            report(&dir, manifest::compare(&dir, part, None)?);
        }
        let revisions = self.dir.join("revisions");
        for (rel, _) in walk(&revisions)? {
            if let Some(dir) = rel.strip_suffix(&format!("/{}", manifest::FILE)) {
                let dir = revisions.join(dir);
                report(&dir, manifest::verify(&dir)?);
            }
        }
        if changes.is_empty() {
            Ok(())
        } else {
            Err(FreezeError::Tampered {
                year: self.year,
                changes,
            })
        }
    }

    /// Sealed revisions of the department whose source is `stem` (`gaoxin/scjgj`), oldest
    /// first, as (number, folder).
    fn sealed(&self, stem: &str) -> Result<Vec<(usize, PathBuf)>, FreezeError> {
        let dir = self.dir.join("revisions").join(stem);
        let mut out = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries {
                let e = e.map_err(io(&dir))?;
                if let Some(n) = e.file_name().to_str().and_then(|n| n.parse().ok()) {
                    out.push((n, e.path()));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Checks `content/YEAR/` against the archive. A file may differ from its latest archived
    /// revision only by declaring one new correction, with the earlier ones unchanged. Returns
    /// every department that carries corrections.
    pub fn check_sources<C: DeserializeOwned + PartialEq>(
        &self,
        content: &Path,
        current: &dyn Fn(&str) -> Option<Vec<C>>,
    ) -> Result<Vec<Corrected>, FreezeError> {
        let mut sources: manifest::Listing = manifest::read(&self.dir.join(manifest::FILE))?
            .into_iter()
            .filter_map(|(p, v)| Some((p.strip_prefix("content/")?.to_string(), v)))
            .collect();
        // Each source's latest archived revision, and where its text is kept.
        let original = |stem: &str| Revision {
            number: 1,
            site: self.dir.join("site").join(stem),
        };
        let mut corrected = BTreeMap::new();
        let mut latest: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (rel, listed) in sources.iter_mut() {
            let Some(stem) = rel.strip_suffix(".yaml") else {
                continue;
            };
            let sealed = self.sealed(stem)?;
            let mut archived = vec![original(stem)];
            latest.insert(rel.clone(), self.dir.join("content").join(rel));
            for (number, dir) in sealed {
                let m = manifest::read(&dir.join(manifest::FILE))?;
                if let Some(v) = m.get("source.yaml") {
                    *listed = v.clone();
                }
                latest.insert(rel.clone(), dir.join("source.yaml"));
                archived.push(Revision {
                    number,
                    site: dir.join("site"),
                });
            }
            if archived.len() > 1 {
                corrected.insert(rel.clone(), archived);
            }
        }
        let year = self.year;
        let d = manifest::compare(&content.join(year.to_string()), sources, None)?;
        let line = |what: Message, rel: &String| format!("  {what}  content/{year}/{rel}");
        let mut changes: Vec<String> = (d.added.iter().map(|r| line(Message::VerifyAdded, r)))
            .chain(d.missing.iter().map(|r| line(Message::VerifyMissing, r)))
            .collect();
        for rel in &d.altered {
            let was: Vec<C> = declared(&latest[rel])?;
            let now = current(&format!("{year}/{rel}")).unwrap_or_default();
            let why = if now.len() == was.len() + 1 && now.starts_with(&was) {
                let stem = rel.trim_end_matches(".yaml");
                corrected
                    .entry(rel.clone())
                    .or_insert_with(|| vec![original(stem)]);
                continue;
            } else if now.len() == was.len() {
                Message::EditedWithoutCorrection
            } else if now.len() > was.len() + 1 && now.starts_with(&was) {
                Message::SeveralNewCorrections {
                    count: now.len() - was.len(),
                    year,
                }
            } else {
                Message::CorrectionRewritten
            };
            changes.push(format!("{}: {why}", line(Message::VerifyAltered, rel)));
        }
        if !changes.is_empty() {
            return Err(FreezeError::Edited {
                year,
                date: self.date.clone(),
                changes,
            });
        }
        Ok(corrected
            .into_iter()
            .map(|(rel, archived)| Corrected {
                live: d.altered.contains(&rel),
                rel: format!("{year}/{rel}"),
                archived,
            })
            .collect())
    }
}

/// The frozen years of the site in `root`, by year.
pub fn frozen_years(root: &Path) -> Result<BTreeMap<u16, Frozen>, FreezeError> {
    let mut out = BTreeMap::new();
    let dir = root.join("archive");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    for e in entries {
        let e = e.map_err(io(&dir))?;
        let Some(year) = e.file_name().to_str().and_then(|n| n.parse::<u16>().ok()) else {
            continue;
        };
        let m = e.path().join(manifest::FILE);
        let text = std::fs::read_to_string(&m).map_err(io(&m))?;
        let date = text
            .lines()
            .next()
            .and_then(|l| l.rsplit("frozen ").next())
            .unwrap_or("")
            .to_string();
        out.insert(
            year,
            Frozen {
                year,
                dir: e.path(),
                date,
            },
        );
    }
    Ok(out)
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    date_of(days)
}

/// The date `days` days after 1970-01-01, as `YYYY-MM-DD`.
pub fn date_of(days: u64) -> String {
    let days = days as i64;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Freezes `year`: copies `built/YEAR/` (a finished build) and `content/YEAR/` into
/// `archive/YEAR/` with a manifest, all at once (a half-written archive is never left).
pub fn freeze(root: &Path, built: &Path, year: u16, date: &str) -> Result<usize, FreezeError> {
    let archive = root.join("archive");
    let target = archive.join(year.to_string());
    if target.exists() {
        return Err(FreezeError::AlreadyFrozen(year));
    }
    let site = walk(&built.join(year.to_string()))?;
    if site.is_empty() {
        return Err(FreezeError::NoSuchYear(year));
    }
    let content = walk(&root.join("content").join(year.to_string()))?;
    let mut store = Store::new(target);
    for (sub, list) in [("site", &site), ("content", &content)] {
        for (rel, from) in list {
            store.copy(&format!("{sub}/{rel}"), from)?;
        }
    }
    store.finish(&format!(
        "# gongkai {} archive of {year}, frozen {date}\n",
        env!("CARGO_PKG_VERSION")
    ))
}

/// An archive folder being written: files go into a hidden `.NAME.partial` beside it, each
/// listed with its hash, and the folder takes its name, with its manifest, only once whole.
struct Store {
    tmp: PathBuf,
    target: PathBuf,
    entries: Vec<Entry>,
}

impl Store {
    /// Starts the folder `target`, clearing what an interrupted attempt left.
    fn new(target: PathBuf) -> Store {
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let tmp = target.with_file_name(format!(".{name}.partial"));
        let _ = std::fs::remove_dir_all(&tmp);
        Store {
            tmp,
            target,
            entries: Vec::new(),
        }
    }

    /// Copies `from` to `rel` in the folder; one file in memory at a time, as a provincial
    /// year is gigabytes.
    fn copy(&mut self, rel: &str, from: &Path) -> Result<(), FreezeError> {
        let bytes = std::fs::read(from).map_err(io(from))?;
        let path = self.tmp.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, &bytes).map_err(io(&path))?;
        self.entries.push(Entry::of(rel, &bytes));
        Ok(())
    }

    /// Writes the manifest under `header` and moves the folder into place; returns the
    /// number of files stored.
    fn finish(mut self, header: &str) -> Result<usize, FreezeError> {
        let body = manifest::render(&mut self.entries);
        let m = self.tmp.join(manifest::FILE);
        std::fs::write(&m, [header.as_bytes(), &body].concat()).map_err(io(&m))?;
        std::fs::rename(&self.tmp, &self.target).map_err(io(&self.target))?;
        Ok(self.entries.len())
    }
}

/// Seals the pending corrections of a frozen year: stores each corrected department's new
/// revision (its pages from `built`, a finished build, and its source) in
/// `archive/YEAR/revisions/<region>/<department>/<N>/` with a manifest. Existing revisions are
/// never touched. Returns the number of revisions stored.
pub fn seal(
    root: &Path,
    built: &Path,
    pending: &[Corrected],
    date: &str,
) -> Result<usize, FreezeError> {
    let mut sealed = 0;
    for c in pending.iter().filter(|c| c.live) {
        let number = c.archived.last().map_or(1, |r| r.number) + 1;
        let (year, stem) = c
            .rel
            .trim_end_matches(".yaml")
            .split_once('/')
            .unwrap_or(("", &c.rel));
        let target = root
            .join("archive")
            .join(year)
            .join("revisions")
            .join(stem)
            .join(number.to_string());
        let mut store = Store::new(target);
        store.copy("source.yaml", &root.join("content").join(&c.rel))?;
        // The department's pages, without the earlier revisions published beneath them.
        for (rel, from) in walk(&built.join(c.path()))? {
            if !rel.starts_with("rev.") {
                store.copy(&format!("site/{rel}"), &from)?;
            }
        }
        store.finish(&format!(
            "# gongkai {} revision {number} of {}, sealed {date}\n",
            env!("CARGO_PKG_VERSION"),
            c.rel
        ))?;
        sealed += 1;
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::today;

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(t.as_str() >= "2025-01-01", "{t}");
    }
}
