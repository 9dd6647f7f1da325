//! The files one metric's comparisons write, noted as they are written or published again:
//! several metrics are made at once, so the staging folder's list of files interleaves
//! theirs, and each metric's files are recorded for the build cache from its own recorder.

use crate::publish::staging::OutputError;
use crate::render::links::LinkIndex;
use crate::render::renderer::{Fill, Memo, Renderer, Sink};
use std::sync::Mutex;

/// A [`Sink`] and [`Memo`] in front of a renderer's own, noting the path of every file
/// written through it and of every page its memo publishes again.
pub struct Recorder<'a> {
    sink: &'a dyn Sink,
    memo: Option<&'a dyn Memo>,
    files: Mutex<Vec<String>>,
}

impl<'a> Recorder<'a> {
    /// A recorder in front of `r`'s sink and memo.
    pub fn new(r: &Renderer<'a>) -> Recorder<'a> {
        Recorder {
            sink: r.staging,
            memo: r.memo,
            files: Mutex::new(Vec::new()),
        }
    }

    /// `r` writing and publishing through this recorder.
    pub fn renderer<'b>(&'b self, r: &Renderer<'b>) -> Renderer<'b> {
        Renderer {
            theme: r.theme,
            site: r.site,
            staging: self,
            live_reload: r.live_reload,
            memo: self.memo.map(|_| self as &dyn Memo),
        }
    }

    /// The paths noted, in the order they were written.
    pub fn into_files(self) -> Vec<String> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn note(&self, rel: &str) {
        (self.files.lock().unwrap_or_else(|e| e.into_inner())).push(rel.to_string());
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.sink.put(rel, bytes)?;
        self.note(rel);
        Ok(())
    }

    fn put_with(&self, rel: &str, fill: Fill) -> Result<(), OutputError> {
        self.sink.put_with(rel, fill)?;
        self.note(rel);
        Ok(())
    }
}

impl Memo for Recorder<'_> {
    fn reuse(
        &self,
        file: &str,
        page: &str,
        key: &str,
        links: &mut LinkIndex,
    ) -> Result<Option<u64>, OutputError> {
        let Some(memo) = self.memo else {
            return Ok(None);
        };
        let reused = memo.reuse(file, page, key, links)?;
        if reused.is_some() {
            self.note(file);
        }
        Ok(reused)
    }

    fn made(&self, file: &str, page: &str, key: String) {
        if let Some(memo) = self.memo {
            memo.made(file, page, key);
        }
    }

    fn previous(&self, file: &str) -> Option<std::path::PathBuf> {
        self.memo?.previous(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::renderer::Collected;

    /// A memo that publishes again every file whose key is `old`, noting what it is told.
    #[derive(Default)]
    struct Keys(Mutex<Vec<String>>);

    impl Memo for Keys {
        fn reuse(
            &self,
            file: &str,
            _: &str,
            key: &str,
            _: &mut LinkIndex,
        ) -> Result<Option<u64>, OutputError> {
            Ok((key == "old").then(|| {
                self.0.lock().unwrap().push(format!("reused {file}"));
                1
            }))
        }

        fn made(&self, file: &str, _: &str, key: String) {
            self.0.lock().unwrap().push(format!("made {file} {key}"));
        }
    }

    #[test]
    fn every_file_written_or_published_again_is_noted_once_in_order() {
        let (sink, keys) = (Collected::default(), Keys::default());
        let recorder = Recorder {
            sink: &sink,
            memo: Some(&keys),
            files: Mutex::new(Vec::new()),
        };
        let mut links = LinkIndex::default();
        recorder.put("compare/a.csv", b"a").unwrap();
        assert_eq!(
            recorder
                .reuse("compare/b/index.html", "compare/b/", "old", &mut links)
                .unwrap(),
            Some(1)
        );
        assert_eq!(
            recorder
                .reuse("compare/c/index.html", "compare/c/", "new", &mut links)
                .unwrap(),
            None
        );
        recorder
            .put_with("compare/c/index.html", &mut |out| out.write_all(b"cd"))
            .unwrap();
        recorder.made("compare/c/index.html", "compare/c/", "new".into());
        assert_eq!(
            recorder.into_files(),
            [
                "compare/a.csv",
                "compare/b/index.html",
                "compare/c/index.html"
            ]
        );
        assert_eq!(
            keys.0.into_inner().unwrap(),
            [
                "reused compare/b/index.html",
                "made compare/c/index.html new"
            ]
        );
        let written: Vec<String> = sink.into_files().into_iter().map(|(rel, _)| rel).collect();
        assert_eq!(written, ["compare/a.csv", "compare/c/index.html"]);
    }

    #[test]
    fn without_a_memo_nothing_is_published_again() {
        let sink = Collected::default();
        let recorder = Recorder {
            sink: &sink,
            memo: None,
            files: Mutex::new(Vec::new()),
        };
        let mut links = LinkIndex::default();
        assert_eq!(
            recorder
                .reuse("compare/b/index.html", "compare/b/", "old", &mut links)
                .unwrap(),
            None
        );
        assert!(recorder.into_files().is_empty());
    }
}
