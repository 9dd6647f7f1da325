//! What an import tells the clerk about a draft: a [`Note`] for each guess or field left
//! empty at a line of the source, and the [`Report`] that accounts for every line and lists
//! what to tick off against the printed document ([`super::account`] makes it). The words are
//! the catalogue's ([`ImportText`]), in the terminal's language or, for the draft's header,
//! in Chinese.

use crate::messages::{ImportText, Lang};
use std::fmt;

/// Something the importer could not place with certainty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Line (or spreadsheet row) in the source, 1-based; 0 for the whole file.
    pub line: usize,
    /// What it did: the guess, or the field left empty.
    pub what: ImportText,
}

impl Note {
    /// The note in `lang`, after its line (`第12行: …`).
    pub fn text(&self, lang: Lang) -> String {
        let text = self.what.text(lang);
        if self.line == 0 {
            text
        } else {
            ImportText::AtLine {
                line: self.line,
                text,
            }
            .text(lang)
        }
    }
}

/// The note in the process's language (the terminal's report).
impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::messages::current()))
    }
}

/// A source line whose text did not land in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// 1-based line.
    pub line: usize,
    /// The line as written (trimmed, shortened when very long).
    pub text: String,
    /// It holds a figure, a code or a target value.
    pub figure: bool,
}

/// What became of every line, and the reconciliation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Lines whose text stands in the draft.
    pub placed: usize,
    /// Lines of labels and headings only.
    pub structure: usize,
    /// Lines of the web page around the form (索引号, 发文日期, 打印 …), not of the form.
    pub page: Vec<LeftOut>,
    /// Lines left out, those holding figures first.
    pub left_out: Vec<LeftOut>,
    /// The tick-list: one line per fact to hold against the printed document.
    pub ticks: Vec<ImportText>,
    /// Mismatches between what the text states and what the draft holds.
    pub errors: Vec<ImportText>,
}

impl Report {
    /// Left-out lines holding a figure.
    pub fn figures(&self) -> impl Iterator<Item = &LeftOut> {
        self.left_out.iter().filter(|l| l.figure)
    }

    /// What a reading failed to account for, to compare two readings of one text (fewer is
    /// better): the left-out lines holding a figure, then the mismatches.
    pub fn shortfall(&self) -> (usize, usize) {
        (self.figures().count(), self.errors.len())
    }

    /// The report as lines of text in `lang`: the terminal's language, or Chinese for the
    /// draft's header.
    pub fn lines(&self, set_aside: &[Note], lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if !self.left_out.is_empty() {
            out.push(ImportText::LeftOutHeading.text(lang));
            for l in &self.left_out {
                let line = ImportText::LeftOutLine {
                    line: l.line,
                    text: l.text.clone(),
                    figure: l.figure,
                };
                out.push(format!("  {}", line.text(lang)));
            }
        }
        if !self.page.is_empty() {
            out.push(ImportText::PageHeading.text(lang));
            for l in &self.page {
                let line = ImportText::PageLine {
                    line: l.line,
                    text: l.text.clone(),
                };
                out.push(format!("  {}", line.text(lang)));
            }
        }
        if !set_aside.is_empty() {
            out.push(ImportText::SetAsideHeading.text(lang));
            for n in set_aside {
                out.push(format!("  {}", n.text(lang)));
            }
        }
        let accounted = ImportText::Accounted {
            total: self.placed + self.structure + self.page.len() + self.left_out.len(),
            placed: self.placed,
            structure: self.structure,
            left_out: self.left_out.len(),
            figures: self.figures().count(),
            page: self.page.len(),
        };
        out.push(accounted.text(lang));
        out.push(ImportText::TickHeading.text(lang));
        for t in &self.ticks {
            out.push(format!("  [ ] {}", t.text(lang)));
        }
        for e in &self.errors {
            let text = e.text(lang);
            out.push(format!("  {}", ImportText::ErrorLine { text }.text(lang)));
        }
        out
    }
}
