//! A loaded department document that may not be decoded yet.
//!
//! A document parsed from its YAML in this build is held whole. One taken from the store of
//! parsed documents ([`super::parsed`]) comes with its [`Summary`] only, and is decoded the
//! first time something reads the whole of it (through `Deref`, so `f.document.projects`
//! reads as before): after an edit, the site-wide steps read the summaries of the 1,999
//! unchanged documents, and only the pages made anew decode theirs.
//!
//! A document is held whole only while a build needs it so: one parsed in this build is
//! checked as soon as it is parsed, stored, and then let go ([`Doc::release`]); the steps that
//! need it whole afterwards (its pages and data, its search records) decode it from the store
//! with [`Doc::read`], which keeps nothing, so a build of 30,000 departments never holds
//! 30,000 documents (≈ 125 KB each in memory) at once. Reading through `Deref` decodes and
//! keeps the document, for the few readers that come back to it (a self-evaluation's target).
//!
//! A stored document that cannot be read back when it is needed is parsed from its YAML
//! again. Should that fail too (both changed or were removed while the build ran), the
//! document is marked spoiled and an empty one stands in; the build then stops before
//! publishing anything ([`crate::pipeline`] asks [`Doc::spoiled`]), so the previous output
//! stays as it was.

use super::summary::Summary;
use crate::content::model::{Department, Document, DocumentInfo, Status};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// A department document, whole or to be decoded from the store on first use.
pub struct Doc {
    whole: OnceLock<Document>,
    summary: OnceLock<Summary>,
    stored: Option<Stored>,
    /// True for a document parsed from its YAML in this build (and stored by it), false for
    /// one taken from the store.
    parsed_here: bool,
    spoiled: AtomicBool,
    /// Set once the document has been decoded from the store, kept or not.
    decoded: AtomicBool,
}

/// Where a document not yet decoded is found.
#[derive(Debug, Clone)]
struct Stored {
    /// Its file in the store.
    file: PathBuf,
    /// The department file it was parsed from.
    yaml: PathBuf,
}

impl Doc {
    /// A document taken from the store: `summary` now, the rest from `file` when read, else
    /// from the department file `yaml` again.
    pub fn stored(summary: Summary, file: PathBuf, yaml: PathBuf) -> Doc {
        Doc {
            whole: OnceLock::new(),
            summary: OnceLock::from(summary),
            stored: Some(Stored { file, yaml }),
            parsed_here: false,
            spoiled: AtomicBool::new(false),
            decoded: AtomicBool::new(false),
        }
    }

    /// A document taken from the store whole, for want of a readable summary.
    pub fn stored_whole(document: Document, file: PathBuf, yaml: PathBuf) -> Doc {
        Doc {
            whole: OnceLock::from(document),
            summary: OnceLock::new(),
            stored: Some(Stored { file, yaml }),
            parsed_here: false,
            spoiled: AtomicBool::new(false),
            decoded: AtomicBool::new(true),
        }
    }

    /// The document's summary (made from the whole document when it was not stored).
    pub fn summary(&self) -> &Summary {
        self.summary.get_or_init(|| Summary::of(self.whole()))
    }

    /// True for a document taken from the store (not parsed from its YAML in this build).
    pub fn was_stored(&self) -> bool {
        self.stored.is_some() && !self.parsed_here
    }

    /// True while the whole document is held (parsed in this build and not let go, or
    /// decoded and kept).
    pub fn is_held(&self) -> bool {
        self.whole.get().is_some()
    }

    /// True once the document has been decoded, kept or not (or was parsed in this build).
    pub fn is_decoded(&self) -> bool {
        self.whole.get().is_some() || self.decoded.load(Ordering::Relaxed)
    }

    /// Notes that this document, parsed in this build, was stored in `file` (from the
    /// department file `yaml`): it may now be let go and read back when needed.
    pub fn stored_at(&mut self, file: PathBuf, yaml: PathBuf) {
        self.stored = Some(Stored { file, yaml });
        self.parsed_here = true;
    }

    /// Lets go of the whole document when it can be read back from the store, keeping its
    /// summary (made first when it was not).
    pub fn release(&mut self) {
        if self.stored.is_some() && self.whole.get().is_some() {
            self.summary();
            self.whole = OnceLock::new();
        }
    }

    /// The whole document: the one held, else decoded from the store for this reader alone
    /// (nothing is kept; the next reader decodes it again).
    pub fn read(&self) -> Cow<'_, Document> {
        match self.whole.get() {
            Some(d) => Cow::Borrowed(d),
            None => Cow::Owned(self.decode()),
        }
    }

    /// True when the stored document could not be read back, nor its file parsed again: what
    /// was read of it is an empty stand-in, and nothing made from it may be published.
    pub fn spoiled(&self) -> bool {
        self.spoiled.load(Ordering::Relaxed)
    }

    fn whole(&self) -> &Document {
        self.whole.get_or_init(|| self.decode())
    }

    /// The document read back from the store, else parsed from its YAML again, else an empty
    /// stand-in (and the document marked spoiled).
    fn decode(&self) -> Document {
        let Some(s) = &self.stored else {
            // Only a stored document starts without its whole.
            self.spoiled.store(true, Ordering::Relaxed);
            return stand_in(self.summary.get());
        };
        self.decoded.store(true, Ordering::Relaxed);
        if let Some(d) = super::stored::read::<Document>(&s.file) {
            return d;
        }
        let again = std::fs::read(&s.yaml).ok().and_then(|bytes| {
            let (text, _) = super::decode(&s.yaml, bytes).ok()?;
            super::parse(&s.yaml, &text).ok()
        });
        match again {
            Some(d) => d,
            None => {
                self.spoiled.store(true, Ordering::Relaxed);
                stand_in(self.summary.get())
            }
        }
    }
}

/// An empty document with the summary's year, department and region, standing in for one
/// that could not be read back (the build that reads it fails).
fn stand_in(summary: Option<&Summary>) -> Document {
    let region = summary.map(|s| s.region.clone());
    Document {
        schema: crate::content::model::SCHEMA_VERSION,
        document: DocumentInfo {
            year: summary.map_or(0, |s| s.year),
            status: Status::Unstated,
            title: None,
            compiled_by: None,
            reviewed_by: None,
            published: None,
            source: None,
            notes: Vec::new(),
            corrections: Vec::new(),
        },
        department: Department {
            name: summary.map(|s| s.name.clone()).unwrap_or_default(),
            region: region.unwrap_or_else(|| crate::content::model::Region::Unstated {
                note: String::new(),
                slug: "_".into(),
            }),
            units: Vec::new(),
            total: None,
            answers: Vec::new(),
        },
        part1: Default::default(),
        projects: Vec::new(),
    }
}

impl From<Document> for Doc {
    fn from(document: Document) -> Doc {
        Doc {
            whole: OnceLock::from(document),
            summary: OnceLock::new(),
            stored: None,
            parsed_here: true,
            spoiled: AtomicBool::new(false),
            decoded: AtomicBool::new(false),
        }
    }
}

impl std::ops::Deref for Doc {
    type Target = Document;
    fn deref(&self) -> &Document {
        self.whole()
    }
}

impl std::ops::DerefMut for Doc {
    /// The whole document, to change; its summary is made again when next asked for.
    fn deref_mut(&mut self) -> &mut Document {
        self.whole();
        self.summary = OnceLock::new();
        self.whole.get_mut().expect("decoded just above")
    }
}

impl Clone for Doc {
    fn clone(&self) -> Doc {
        Doc {
            whole: self.whole.clone(),
            summary: self.summary.clone(),
            stored: self.stored.clone(),
            parsed_here: self.parsed_here,
            spoiled: AtomicBool::new(self.spoiled()),
            decoded: AtomicBool::new(self.decoded.load(Ordering::Relaxed)),
        }
    }
}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.read(), f)
    }
}

impl serde::Serialize for Doc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.read().serialize(s)
    }
}
