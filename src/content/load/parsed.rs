//! Department documents as an earlier build parsed them, so that a build after an edit parses
//! only the files that changed.
//!
//! Each document is kept in its own file (MessagePack, the model's own serde) named by the
//! hash of its path and of the bytes it was parsed from: a file that changed, moved or was
//! renamed is simply not found, and is parsed from its YAML again. What is kept is only what
//! the YAML said; every check runs again on it. The folder is the build's to delete: a stored
//! file that cannot be read, or does not read back as a document, is a miss, never an error.
//! Only documents that loaded without an error are stored, so a stored one needs no
//! diagnostics of its own.

use super::SourceFile;
use super::document::Doc;
use super::stored::read;
use super::summary::Summary;
use crate::content::model::Document;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What the summary of a document is stored as, beside it.
const SUMMARY: &str = "summary";

/// A folder of parsed documents, and which of them this build used.
#[derive(Debug)]
pub struct Parsed {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
    /// The stored name of each document this build took or stored, by its path.
    names: Mutex<HashMap<String, String>>,
    /// False for a build that makes everything anew (`--clean`): it stores, never takes.
    take: bool,
    /// How many documents were taken from the store.
    taken: std::sync::atomic::AtomicUsize,
}

/// Where a build finds its parsed documents, and the hash of each department file's bytes
/// (`2024/130529/414.yaml` → SHA-256 in hex) as the build read them.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// The stored documents.
    pub store: &'a Parsed,
    /// Each department file's hash.
    pub hashes: &'a std::collections::BTreeMap<String, String>,
}

/// A value derived from a document ([`Parsed::derived_or_later`]): made in this build, or
/// stored by an earlier one and read from its file only when first asked for.
#[derive(Debug)]
pub enum Derived<T> {
    /// Made in this build (and stored for the next).
    Made(T),
    /// Stored by an earlier build, not read yet or read once.
    Stored(Later<T>),
}

/// A value an earlier build stored, read from its file the first time it is asked for and
/// kept from then on.
#[derive(Debug)]
pub struct Later<T> {
    file: PathBuf,
    value: OnceLock<Option<T>>,
}

impl<T> Later<T> {
    /// The stored file the value is read from.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl<T: serde::de::DeserializeOwned> Derived<T> {
    /// The value; `None` for a stored one whose file no longer reads back as one (a spoiled
    /// store, never trusted: the file is deleted, so the next build makes it anew).
    pub fn get(&self) -> Option<&T> {
        match self {
            Derived::Made(value) => Some(value),
            Derived::Stored(later) => {
                let value = later.value.get_or_init(|| read(&later.file));
                if value.is_none() {
                    self.spoil();
                }
                value.as_ref()
            }
        }
    }

    /// Notes that the stored value read back but holds bytes that do not (what it keeps
    /// encoded for a later decode): its file is deleted, so the next build makes it anew.
    /// Nothing for a value made in this build.
    pub fn spoil(&self) {
        if let Derived::Stored(later) = self {
            let _ = std::fs::remove_file(&later.file);
        }
    }

    /// True for a value taken from an earlier build's store (read or not yet).
    pub fn was_stored(&self) -> bool {
        matches!(self, Derived::Stored(_))
    }
}

impl Parsed {
    /// The documents stored in `dir` (which need not exist yet; one folder per version of the
    /// tool, since another version may read its files differently).
    pub fn open(dir: PathBuf) -> Parsed {
        Parsed {
            dir,
            used: Mutex::default(),
            names: Mutex::default(),
            take: true,
            taken: Default::default(),
        }
    }

    /// The store in `dir` for a build that parses and checks everything anew, storing what it
    /// finds for the next build.
    pub fn refill(dir: PathBuf) -> Parsed {
        Parsed {
            take: false,
            ..Parsed::open(dir)
        }
    }

    /// How many documents this build took from the store instead of parsing them.
    pub fn taken(&self) -> usize {
        self.taken.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The file a document of `rel` with bytes hashing to `source` is stored in.
    fn name(rel: &str, source: &str) -> String {
        let mut h = Sha256::new();
        h.update(rel.as_bytes());
        h.update([0]);
        h.update(source.as_bytes());
        crate::digest::hex(&h.finalize())
    }

    /// The document stored for `rel` when its bytes hash to `source`: its summary only,
    /// the whole decoded when first read ([`Doc`]). Without a readable summary, the whole
    /// document is read now and its summary stored again.
    pub fn get(&self, path: &Path, rel: &str, source: &str) -> Option<SourceFile> {
        if !self.take {
            return None;
        }
        let name = Parsed::name(rel, source);
        let file = self.dir.join(&name);
        self.use_name(rel, name.clone());
        let document = match self.derived::<Summary>(rel, SUMMARY) {
            Some(summary) => Doc::stored(summary, file, path.to_path_buf()),
            None => {
                let Some(document) = read::<Document>(&file) else {
                    self.forget(rel, &name);
                    return None;
                };
                let document = Doc::stored_whole(document, file, path.to_path_buf());
                self.derive(rel, SUMMARY, document.summary());
                document
            }
        };
        self.taken
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(SourceFile {
            path: path.to_path_buf(),
            rel: rel.to_string(),
            text: String::new(),
            document,
        })
    }

    /// Stores `file`'s document, parsed from `bytes`, and its summary; returns the stored
    /// file, from which the document can be read back. A store that cannot be written is left
    /// as it is (`None`): the next build parses the file again.
    pub fn put(&self, file: &SourceFile, bytes: &[u8]) -> Option<PathBuf> {
        let name = Parsed::name(&file.rel, &crate::digest::sha256_hex(bytes));
        // Written even when a file of that name is there: it was not taken, so it is spoiled
        // or this build refills the store.
        let _ = std::fs::create_dir_all(&self.dir);
        if !self.write(&name, &*file.document.read()) {
            return None;
        }
        let path = self.dir.join(&name);
        self.use_name(&file.rel, name);
        self.derive(&file.rel, SUMMARY, file.document.summary());
        Some(path)
    }

    /// Undoes [`Parsed::use_name`] for a document that could not be taken.
    fn forget(&self, rel: &str, name: &str) {
        if let Ok(mut names) = self.names.lock() {
            names.remove(rel);
        }
        if let Ok(mut used) = self.used.lock() {
            used.remove(name);
        }
    }

    fn use_name(&self, rel: &str, name: String) {
        if let Ok(mut names) = self.names.lock() {
            names.insert(rel.to_string(), name.clone());
        }
        if let Ok(mut used) = self.used.lock() {
            used.insert(name);
        }
    }

    /// The file holding what `what` names, derived from the document of `rel` this build
    /// took or stored (its findings under the site's review settings, its rows' metrics
    /// under a catalogue): `None` when the build neither took nor stored it.
    fn derived_name(&self, rel: &str, what: &str) -> Option<String> {
        let names = self.names.lock().ok()?;
        let mut h = Sha256::new();
        h.update(names.get(rel)?.as_bytes());
        h.update([0]);
        h.update(what.as_bytes());
        Some(crate::digest::hex(&h.finalize()))
    }

    /// What `make` derives from the document of `rel` as `what` says (its findings under the
    /// site's review settings, its rows' metrics under a catalogue): as an earlier build
    /// stored it in `store`, else made now and stored for the next build.
    pub fn derived_or<T>(
        store: Option<&Parsed>,
        rel: &str,
        what: &str,
        make: impl FnOnce() -> T,
    ) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        if let Some(value) = store.and_then(|s| s.derived(rel, what)) {
            return value;
        }
        let value = make();
        if let Some(s) = store {
            s.derive(rel, what, &value);
        }
        value
    }

    /// As [`Parsed::derived_or`], for a value that may not be needed at all: when an earlier
    /// build stored it, it is not read now but when first asked for ([`Derived::get`]), so a
    /// build after an edit reads only the stored values its steps use. A stored value found
    /// spoiled then is a miss for the caller to make again, and its file is deleted so that
    /// the next build makes and stores it anew.
    pub fn derived_or_later<T>(
        store: Option<&Parsed>,
        rel: &str,
        what: &str,
        make: impl FnOnce() -> T,
    ) -> Derived<T>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        if let Some(s) = store.filter(|s| s.take)
            && let Some(name) = s.derived_name(rel, what)
        {
            let file = s.dir.join(&name);
            if file.is_file() {
                if let Ok(mut used) = s.used.lock() {
                    used.insert(name);
                }
                return Derived::Stored(Later {
                    file,
                    value: OnceLock::new(),
                });
            }
        }
        let value = make();
        if let Some(s) = store {
            s.derive(rel, what, &value);
        }
        Derived::Made(value)
    }

    /// What was derived from the document of `rel` as `what` says, as an earlier build
    /// stored it.
    fn derived<T: serde::de::DeserializeOwned>(&self, rel: &str, what: &str) -> Option<T> {
        if !self.take {
            return None;
        }
        let name = self.derived_name(rel, what)?;
        let value = read(&self.dir.join(&name))?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(name);
        }
        Some(value)
    }

    /// Stores what was derived from the document of `rel` as `what` says.
    fn derive<T: serde::Serialize>(&self, rel: &str, what: &str, value: &T) {
        let Some(name) = self.derived_name(rel, what) else {
            return;
        };
        if self.write(&name, value)
            && let Ok(mut used) = self.used.lock()
        {
            used.insert(name);
        }
    }

    /// Writes `value` to the stored file `name` whole or not at all; false when it could not.
    fn write<T: serde::Serialize>(&self, name: &str, value: &T) -> bool {
        let path = self.dir.join(name);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let written = rmp_serde::to_vec_named(value)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&tmp, bytes))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.is_ok()
    }

    /// Deletes every stored document this build did not use, and the folders of other
    /// versions of the tool beside this one, once the build has succeeded.
    pub fn keep_used(&self) {
        let Ok(used) = self.used.lock() else { return };
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                if !used.contains(e.file_name().to_string_lossy().as_ref()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let Some(parent) = self.dir.parent() else {
            return;
        };
        if let Ok(entries) = std::fs::read_dir(parent) {
            for e in entries.flatten() {
                if e.path() != self.dir && e.file_type().is_ok_and(|t| t.is_dir()) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every bundled document reads back from the store as it was parsed: every field,
    /// including whether a target value was written at all (`value: ""` against no value),
    /// which its JSON does not say.
    #[test]
    fn the_bundled_documents_read_back_as_parsed() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = super::super::load_dir(&content, false);
        assert!(loaded.files.len() >= 4);
        let dir = tempfile::tempdir().unwrap();
        let store = Parsed::open(dir.path().join("v"));
        for f in &loaded.files {
            let bytes = std::fs::read(&f.path).unwrap();
            store.put(f, &bytes);
            let source = crate::digest::sha256_hex(&bytes);
            let back = store.get(&f.path, &f.rel, &source).expect("stored");
            assert_eq!(format!("{:?}", back.document), format!("{:?}", f.document));
            assert!(store.get(&f.path, "2099/x.yaml", &source).is_none());
        }
    }

    /// A value stored by an earlier build is not read until asked for; one spoiled by then is
    /// a miss whose file is deleted, so the build after makes and stores it anew; a value
    /// just made is given as it is.
    #[test]
    fn a_derived_value_is_read_when_asked_for_and_a_spoiled_one_is_made_anew() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let f = super::super::load_dir(&content, false).files.remove(0);
        let dir = tempfile::tempdir().unwrap();
        let store = Parsed::open(dir.path().join("v"));
        store.put(&f, b"text");
        let taken = |make: u32| Parsed::derived_or_later(Some(&store), &f.rel, "n", || make);
        let made = taken(1);
        assert!(
            !made.was_stored() && made.get() == Some(&1),
            "made and stored"
        );
        let stored = taken(2);
        assert!(stored.was_stored(), "taken from the store, not made");
        let file = dir
            .path()
            .join("v")
            .join(store.derived_name(&f.rel, "n").unwrap());
        std::fs::write(&file, rmp_serde::to_vec_named(&7u32).unwrap()).unwrap();
        assert_eq!(
            stored.get(),
            Some(&7),
            "read when first asked for, not before"
        );
        std::fs::write(&file, b"\xff").unwrap();
        assert_eq!(stored.get(), Some(&7), "and kept once read");
        // Spoiled before it is read: a miss, and the file goes.
        let spoiled = taken(3);
        assert!(spoiled.was_stored() && spoiled.get().is_none());
        assert!(!file.exists(), "a spoiled value is deleted");
        assert_eq!(taken(4).get(), Some(&4), "so the next build makes it anew");
        assert_eq!(taken(5).get(), Some(&4), "and stores it");
        // A value that reads back but holds what does not is spoiled by its reader.
        taken(6).spoil();
        assert!(!file.exists());
        // Without a store, or refilling it (`--clean`), the value is made.
        assert_eq!(
            Parsed::derived_or_later(None, &f.rel, "n", || 8).get(),
            Some(&8)
        );
        let refill = Parsed::refill(dir.path().join("v"));
        refill.put(&f, b"text");
        let clean = Parsed::derived_or_later(Some(&refill), &f.rel, "n", || 9);
        assert!(!clean.was_stored() && clean.get() == Some(&9));
    }

    #[test]
    fn written_blanks_survive_and_a_broken_store_is_a_miss() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut f = super::super::load_dir(&content, false).files.remove(0);
        let rows = &mut f.document.projects[0].indicators;
        rows[0].value = crate::content::model::Target::new("");
        rows[1].value = crate::content::model::Target::default();
        let dir = tempfile::tempdir().unwrap();
        let store = Parsed::open(dir.path().join("v"));
        store.put(&f, b"text");
        let source = crate::digest::sha256_hex(b"text");
        let back = store.get(&f.path, &f.rel, &source).unwrap();
        let rows = &back.document.projects[0].indicators;
        assert!(rows[0].value.is_written() && !rows[1].value.is_written());

        // The document and its summary both spoiled: a miss (the summary alone spoiled is
        // tested below).
        let summary = store.derived_name(&f.rel, SUMMARY).unwrap();
        for name in [Parsed::name(&f.rel, &source), summary] {
            std::fs::write(dir.path().join("v").join(name), b"x").unwrap();
        }
        assert!(store.get(&f.path, &f.rel, &source).is_none());
        std::fs::create_dir_all(dir.path().join("old")).unwrap();
        let fresh = Parsed::open(dir.path().join("v"));
        fresh.keep_used();
        assert_eq!(std::fs::read_dir(dir.path().join("v")).unwrap().count(), 0);
        assert!(!dir.path().join("old").exists());
    }

    /// A document taken from the store is read from its summary alone, and decoded whole
    /// only when read; a missing or spoiled summary is a miss that reads the whole document
    /// and stores the summary again; a stored document spoiled after its summary was read is
    /// parsed from its YAML again; with the YAML gone too it is marked spoiled.
    #[test]
    fn a_taken_document_is_decoded_on_first_use_and_a_bad_summary_is_a_miss() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let f = super::super::load_dir(&content, false).files.remove(0);
        let dir = tempfile::tempdir().unwrap();
        let yaml = dir.path().join("414.yaml");
        let bytes = std::fs::read(&f.path).unwrap();
        std::fs::write(&yaml, &bytes).unwrap();
        let source = crate::digest::sha256_hex(&bytes);
        let store = Parsed::open(dir.path().join("v"));
        store.put(&f, &bytes);
        let expected = format!("{:?}", *f.document);

        let lazy = Parsed::open(dir.path().join("v"));
        let back = lazy.get(&yaml, &f.rel, &source).expect("stored");
        assert!(back.document.was_stored() && !back.document.is_decoded());
        assert_eq!(back.document.summary().name, f.document.department.name);
        assert!(!back.document.is_decoded(), "the summary decodes nothing");
        assert_eq!(format!("{:?}", *back.document), expected);
        assert!(back.document.is_decoded() && !back.document.spoiled());

        // The summary spoiled or deleted: a miss for the summary, the document read whole.
        let summary = lazy.derived_name(&f.rel, SUMMARY).unwrap();
        for spoil in [Some(&b"x"[..]), None] {
            let path = dir.path().join("v").join(&summary);
            match spoil {
                Some(b) => std::fs::write(&path, b).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
            let again = Parsed::open(dir.path().join("v"));
            let back = again
                .get(&yaml, &f.rel, &source)
                .expect("document still stored");
            assert!(back.document.is_decoded(), "decoded whole at once");
            assert_eq!(format!("{:?}", *back.document), expected);
            let stored: Summary = read(&path).expect("summary stored again");
            assert_eq!(
                format!("{stored:?}"),
                format!("{:?}", back.document.summary())
            );
        }

        // The document spoiled after its summary was taken: parsed from its YAML again.
        let name = Parsed::name(&f.rel, &source);
        let taken = Parsed::open(dir.path().join("v"))
            .get(&yaml, &f.rel, &source)
            .unwrap();
        std::fs::write(dir.path().join("v").join(&name), b"x").unwrap();
        assert_eq!(format!("{:?}", *taken.document), expected);
        assert!(!taken.document.spoiled());
        // …and with its YAML gone too: spoiled, and the build refuses to publish.
        let store = Parsed::open(dir.path().join("v"));
        store.put(&f, &bytes);
        let taken = store.get(&yaml, &f.rel, &source).unwrap();
        std::fs::write(dir.path().join("v").join(&name), b"x").unwrap();
        std::fs::remove_file(&yaml).unwrap();
        assert!(taken.document.projects.is_empty());
        assert!(taken.document.spoiled());
    }
}
