//! `gongkai check`: load and validate a content folder, print every diagnostic.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, Loaded};
use crate::validate;
use std::path::Path;

/// The outcome of checking a content folder.
#[derive(Debug)]
pub struct Report {
    /// Everything loaded.
    pub loaded: Loaded,
    /// Every diagnostic, loading and validation alike, sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Number of diagnostics of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Renders every diagnostic with its snippet, then a summary line.
    pub fn render(&self) -> String {
        let sources: std::collections::HashMap<&Path, &str> = self
            .loaded
            .files
            .iter()
            .map(|f| (f.path.as_path(), f.text.as_str()))
            .chain(
                self.loaded
                    .failed_sources
                    .iter()
                    .map(|(p, t)| (p.as_path(), t.as_str())),
            )
            .collect();
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(sources.get(d.file.as_path()).copied()));
            out.push('\n');
        }
        let projects: usize = self
            .loaded
            .files
            .iter()
            .map(|f| f.document.projects.len())
            .sum();
        out.push_str(&format!(
            "checked {} files ({} projects): {} errors, {} warnings\n",
            self.loaded.files.len() + self.loaded.failed_sources.len(),
            projects,
            self.count(Severity::Error),
            self.count(Severity::Warning)
        ));
        out
    }
}

/// Loads and validates every department file under `content`.
pub fn check(content: &Path) -> Report {
    check_at(content, Severity::Warning, true)
}

/// Loads and validates, keeping only errors: what a build needs to know, without placing
/// every warning in its file.
pub fn check_errors(content: &Path) -> Report {
    check_at(content, Severity::Error, false)
}

fn check_at(content: &Path, min: Severity, keep_text: bool) -> Report {
    let mut loaded = load::load_dir(content, keep_text);
    let mut diagnostics: Vec<Diagnostic> = std::mem::take(&mut loaded.diagnostics)
        .into_iter()
        .filter(|d| d.severity() >= min)
        .collect();
    diagnostics.extend(validate::check_all(&loaded.files, min));
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Report {
        loaded,
        diagnostics,
    }
}
