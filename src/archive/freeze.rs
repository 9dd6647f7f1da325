//! Frozen years: `gongkai archive YEAR` stores a year's rendered pages and its sources in
//! `archive/YEAR/` (`site/`, `content/`, `manifest.txt`); later builds publish that year from
//! the archive byte for byte and refuse to run when its sources were edited.

use super::manifest::{self, Entry};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a year could not be frozen or published from its archive.
#[derive(Debug, thiserror::Error)]
pub enum FreezeError {
    /// The year is frozen already.
    #[error("{0} is already frozen in archive/{0}/; a frozen year is never overwritten")]
    AlreadyFrozen(u16),
    /// The built site has no pages for the year.
    #[error("there is no year {0} in content/ to freeze")]
    NoSuchYear(u16),
    /// Sources of a frozen year differ from those archived.
    #[error(
        "content/{year}/ is frozen (archived {date}) but differs from archive/{year}/content/:\n{}\nfrozen years are published from their archive; undo the edit",
        .changes.join("\n")
    )]
    Edited {
        /// The year.
        year: u16,
        /// When it was frozen.
        date: String,
        /// One line per changed file: `altered content/2021/…`.
        changes: Vec<String>,
    },
    /// The archive's manifest cannot be read.
    #[error(transparent)]
    Manifest(#[from] super::manifest::VerifyError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
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

impl Frozen {
    /// The archived pages, as (path relative to the site root, file in the archive).
    pub fn pages(&self) -> Result<Vec<(String, PathBuf)>, FreezeError> {
        Ok(walk(&self.dir.join("site"))?
            .into_iter()
            .map(|(rel, path)| (format!("{}/{rel}", self.year), path))
            .collect())
    }

    /// Fails when `content/YEAR/` is not exactly the sources the archive's manifest lists.
    pub fn check_sources(&self, content: &Path) -> Result<(), FreezeError> {
        let sources: manifest::Listing = manifest::read(&self.dir.join(manifest::FILE))?
            .into_iter()
            .filter_map(|(p, v)| Some((p.strip_prefix("content/")?.to_string(), v)))
            .collect();
        let d = manifest::compare(&content.join(self.year.to_string()), sources, None)?;
        let line = |what: &str, rel: &String| format!("  {what:<8} content/{}/{rel}", self.year);
        let changes: Vec<String> = (d.added.iter().map(|r| line("added", r)))
            .chain(d.altered.iter().map(|r| line("altered", r)))
            .chain(d.missing.iter().map(|r| line("missing", r)))
            .collect();
        if changes.is_empty() {
            Ok(())
        } else {
            Err(FreezeError::Edited {
                year: self.year,
                date: self.date.clone(),
                changes,
            })
        }
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
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
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
    let tmp = archive.join(format!(".{year}.partial"));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut entries = Vec::new();
    for (sub, list) in [("site", &site), ("content", &content)] {
        // One file in memory at a time: a provincial year is gigabytes.
        for (rel, from) in list {
            let bytes = std::fs::read(from).map_err(io(from))?;
            let path = tmp.join(sub).join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, &bytes).map_err(io(&path))?;
            entries.push(Entry::of(&format!("{sub}/{rel}"), &bytes));
        }
    }
    let body = manifest::render(&mut entries);
    let header = format!(
        "# gongkai {} archive of {year}, frozen {date}\n",
        env!("CARGO_PKG_VERSION")
    );
    let m = tmp.join(manifest::FILE);
    std::fs::write(&m, [header.as_bytes(), &body].concat()).map_err(io(&m))?;
    std::fs::rename(&tmp, &target).map_err(io(&target))?;
    Ok(entries.len())
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
