//! `gongkai import`: from a disclosed document (text extracted from Word or PDF, a .docx, or
//! an .xlsx export of the budget system) to a YAML draft placed where `check` expects it.
//!
//! Each shape is read into [`blocks::Block`]s (or, for a spreadsheet, straight into
//! projects); [`recognize`] finds the parts of the official form; [`draft`] writes YAML with
//! a note for everything guessed. Nothing is invented: a cell it cannot read is left empty.
//! A self-evaluation form (绩效自评表) is read by [`form`] with [`selfeval`] (and [`glued`] when
//! it is glued into one line) and written by [`selfeval_draft`] as the site's self-evaluation
//! document under `selfeval/`.

pub mod account;
pub mod blocks;
pub mod cells;
pub mod decode;
pub mod docx;
pub mod draft;
pub mod form;
pub mod glued;
pub mod html;
pub mod margins;
pub mod open_error;
pub mod pages;
pub mod recognize;
pub mod report;
pub mod selfeval;
pub mod selfeval_draft;
pub mod vocab;
pub mod xlsx;

use crate::messages::ImportText;
use blocks::Layout;
use draft::Draft;
use std::path::{Path, PathBuf};

/// What went wrong importing one file; nothing is written when any file fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read or a draft not written.
    #[error("{}", crate::messages::Message::FileError { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A text file that is not UTF-8 (often GBK from an old Windows tool).
    #[error("{}", crate::messages::Message::ImportNotUtf8 { path: path.display().to_string() })]
    Encoding {
        /// The file.
        path: PathBuf,
    },
    /// A file in none of the shapes gongkai reads.
    #[error("{}", crate::messages::Message::ImportShape { path: path.display().to_string(), found: found.to_string(), expected: ImportText::Expected.to_string() })]
    Shape {
        /// The file.
        path: PathBuf,
        /// What the file looked like.
        found: Box<ImportText>,
    },
    /// A text in which no form could be read: what it lacks, in the clerk's words.
    #[error("{}", crate::messages::Message::ImportRefused { path: path.display().to_string(), why: why.to_string() })]
    Refused {
        /// The file.
        path: PathBuf,
        /// What is missing.
        why: Box<ImportText>,
    },
    /// Lines holding figures that landed in no field, or counts and totals that do not
    /// agree; the clerk may look and import anyway with `--keep-going`.
    #[error("{}", crate::messages::Message::ImportUnaccounted { path: path.display().to_string(), lines: lines.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n") })]
    Unaccounted {
        /// The file.
        path: PathBuf,
        /// The lines left out holding figures, then the mismatches.
        lines: Vec<ImportText>,
    },
    /// A draft would overwrite an existing file.
    #[error("{}", crate::messages::Message::ImportExists { path: path.display().to_string(), from: from.display().to_string() })]
    Exists {
        /// The draft's place.
        path: PathBuf,
        /// The file being imported.
        from: PathBuf,
    },
    /// A file that states no budget year, and no `--year` was given.
    #[error("{}", crate::messages::Message::ImportNoYear { path: path.display().to_string() })]
    NoYear {
        /// The file.
        path: PathBuf,
    },
    /// Two files of one import would be written to the same place.
    #[error("{}", crate::messages::Message::ImportCollision { a: a.display().to_string(), b: b.display().to_string(), path: path.display().to_string() })]
    Collision {
        /// The first file.
        a: PathBuf,
        /// The second file.
        b: PathBuf,
        /// The shared place.
        path: PathBuf,
    },
    /// The YAML writer failed.
    #[error("{}", crate::messages::Message::ImportYaml { path: path.display().to_string(), reason: reason.clone() })]
    Yaml {
        /// The file being imported.
        path: PathBuf,
        /// The writer's message.
        reason: String,
    },
}

/// One imported file: its draft and where it goes.
#[derive(Debug)]
pub struct Imported {
    /// The source file.
    pub source: PathBuf,
    /// Where the draft is (or would be) written.
    pub path: PathBuf,
    /// The draft.
    pub draft: Draft,
}

/// Reads one file into a draft, choosing the reader by extension and, for text, by layout.
pub fn read(path: &Path) -> Result<Draft, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let shape = |found: ImportText| ImportError::Shape {
        path: path.to_path_buf(),
        found: Box::new(found),
    };
    match ext.as_deref() {
        Some("docx") => {
            let bytes = std::fs::read(path).map_err(io)?;
            let blocks =
                docx::blocks(&bytes).map_err(|cause| shape(ImportText::NotADocx { cause }))?;
            // A self-evaluation form: its paragraphs and table rows read as text by the form
            // reader, cells kept apart.
            let text: String = blocks
                .iter()
                .map(|b| match b {
                    blocks::Block::Para { text, .. } => format!("{text}\n"),
                    blocks::Block::Row { cells, .. } => format!("| {} |\n", cells.join(" | ")),
                })
                .collect();
            // Page numbers and header rows a page break repeated are no blocks of the form
            // (the block of line N is the text's line N).
            let paged = pages::strip(&text);
            let blocks: Vec<blocks::Block> = (blocks.into_iter())
                .filter(|b| !paged.lines.contains(&b.line()))
                .map(|b| {
                    // A caption naming the form, as its title; a field of the form with
                    // signatures after it, as the field alone.
                    let Some((_, read)) = (paged.rewritten.iter()).find(|(l, _)| *l == b.line())
                    else {
                        return b;
                    };
                    match b {
                        blocks::Block::Para { line, .. } => blocks::Block::Para {
                            line,
                            text: read.clone(),
                        },
                        blocks::Block::Row { line, .. } => blocks::Block::Row {
                            line,
                            cells: vec![read.clone()],
                        },
                    }
                })
                .collect();
            let with_pages = |mut d: Draft| {
                paged.annotate(&mut d);
                d
            };
            let by_rows = || -> Result<Draft, ImportError> {
                let mut d = text_draft(path, &text, &name)?;
                d.note(0, ImportText::ReadWordByRows);
                Ok(d)
            };
            if blocks.iter().any(|b| match b {
                blocks::Block::Para { text, .. } => text.contains("自评表"),
                blocks::Block::Row { cells, .. } => cells
                    .iter()
                    .any(|c| c.contains("自评表") || c.contains("实际完成值")),
            }) {
                return by_rows();
            }
            // The official document's reader first; a single form of a county saved as
            // Word (its facts and its indicator table in cells) may be read more fully by
            // the form reader, row by row: the reading that leaves fewer lines holding a
            // figure out is kept, the official one on a tie.
            let official = recognised(path, &blocks, Layout::Word, &name).map(with_pages);
            let Ok(rows) = by_rows() else {
                return official;
            };
            let Ok(d) = official else {
                return Ok(rows);
            };
            let official = account::report(&paged.text, &d).shortfall();
            if rows.report.as_ref().map(report::Report::shortfall) < Some(official) {
                Ok(rows)
            } else {
                Ok(d)
            }
        }
        Some(ext @ ("xlsx" | "xls" | "et")) => {
            let format = match ext {
                "xlsx" => xlsx::Format::Xlsx,
                _ => xlsx::Format::Xls,
            };
            let rows = xlsx::cells(path, format).map_err(|e| shape(*e))?;
            // A sheet laid out as the printed form (a self-evaluation, or targets with the
            // project's facts above its indicator table) is read cell by cell as text.
            let as_form = |rows: &[Vec<String>]| -> Result<Draft, ImportError> {
                let text = xlsx::as_pipes(rows);
                let mut d = text_draft(path, &text, &name)?;
                d.note(0, ImportText::ReadSheetByRows);
                d.report = Some(account::report(&text, &d));
                Ok(d)
            };
            if xlsx::is_self_evaluation(&rows) {
                return as_form(&rows);
            }
            match xlsx::read(&rows, &name) {
                Ok(d) => Ok(d),
                // Not an export of one indicator per row: the form reader may read it; if
                // it cannot either, the export's complaint names what the sheet lacks.
                Err(export) => as_form(&rows).map_err(|_| shape(*export)),
            }
        }
        Some("txt" | "text") | None => {
            let read = read_text(path)?;
            let mut d = text_draft(path, &read.text, &name)?;
            note_encoding(&mut d, read.encoding);
            Ok(d)
        }
        Some("html" | "htm") => {
            let read = read_text(path)?;
            let paged = pages::strip(&html::text(&read.text));
            let mut d = form::read(&paged.text, &name).map_err(|r| ImportError::Refused {
                path: path.to_path_buf(),
                why: Box::new(r.text()),
            })?;
            paged.annotate(&mut d);
            d.note(0, ImportText::ReadHtmlAsText);
            note_encoding(&mut d, read.encoding);
            d.report = Some(account::report(&paged.text, &d));
            Ok(d)
        }
        Some("csv") => {
            let read = read_text(path)?;
            let text = csv_as_pipes(&read.text).map_err(|e| {
                shape(ImportText::NotACsv {
                    error: e.to_string(),
                })
            })?;
            let mut d = text_draft(path, &text, &name)?;
            note_encoding(&mut d, read.encoding);
            Ok(d)
        }
        Some(other) => {
            let ext = other.to_string();
            Err(shape(match other {
                "pdf" => ImportText::PdfFile,
                "doc" | "wps" => ImportText::OldWordFile { ext },
                _ => ImportText::UnknownFile { ext },
            }))
        }
    }
}

/// A text file's contents as text ([`decode`]): UTF-8, UTF-16 with its mark or GB18030
/// (GBK); any other bytes are refused as not text.
fn read_text(path: &Path) -> Result<decode::Decoded, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode::decode(&bytes).ok_or_else(|| ImportError::Encoding {
        path: path.to_path_buf(),
    })
}

/// Notes in the draft's report a text file read in another encoding than UTF-8, so that the
/// clerk knows what the characters were read as.
fn note_encoding(d: &mut Draft, encoding: decode::Encoding) {
    match encoding {
        decode::Encoding::Utf8 => {}
        decode::Encoding::Utf16 => d.note(0, ImportText::ReadUtf16),
        decode::Encoding::Gb18030 => d.note(0, ImportText::ReadGb18030),
    }
}

/// A text file: the official document laid out by Word or PDF (tabs), else a single form of
/// any county in any layout ([`form`]). The refusal names what the text lacks.
fn text_draft(path: &Path, text: &str, name: &str) -> Result<Draft, ImportError> {
    // Page numbers, 续表 marks, captions, the header rows a page break repeated and the
    // signed foot are no lines of the form.
    let paged = pages::strip(text);
    let mut d = form_text_draft(path, &paged.text, name)?;
    paged.annotate(&mut d);
    Ok(d)
}

/// [`text_draft`] of a text without page breaks.
fn form_text_draft(path: &Path, text: &str, name: &str) -> Result<Draft, ImportError> {
    // A self-evaluation form is never the official target document.
    let self_evaluation = text.lines().any(|l| {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        l.contains("自评表") || l.contains("实际完成值") || l.contains("全年实际值")
    });
    // A self-evaluation glued into one line: read as the rows its shapes allow.
    if let Some((no, line)) = text.lines().enumerate().find(|(_, l)| glued::is_glued(l)) {
        let u = glued::unglue(line);
        let mut d = form::read(&u.text, name).map_err(|r| ImportError::Refused {
            path: path.to_path_buf(),
            why: Box::new(r.text()),
        })?;
        d.note(0, ImportText::GluedForm { line: no + 1 });
        // Funds left for the clerk: the form's one project.
        if let Some(p) = d.projects.first_mut() {
            p.evaluation.unplaced.extend(u.unplaced.iter().cloned());
        }
        for n in u.notes {
            d.note(no + 1, n);
        }
        for p in &mut d.projects {
            // A row its shapes could not split is no row: its line stays in the report.
            p.indicators
                .retain(|i| !i.name.as_ref().is_some_and(|n| u.unsplit.contains(n)));
            let glued: Vec<String> = p
                .goals
                .iter()
                .filter(|g| u.goals.contains(g))
                .cloned()
                .collect();
            for g in glued {
                p.goals.retain(|x| x != &g);
                p.evaluation
                    .notes
                    .push(crate::messages::DraftNote::GluedGoals { text: g });
            }
        }
        d.report = Some(account::report(&u.text, &d));
        return Ok(d);
    }
    let official = text_layout(text)
        .filter(|_| !self_evaluation)
        .and_then(|layout| {
            let blocks = match layout {
                Layout::Word => blocks::word_text(text),
                Layout::Pdf => blocks::pdf_text(text),
            };
            recognised(path, &blocks, layout, name).ok()
        });
    let form = || {
        form::read(text, name).map_err(|r| ImportError::Refused {
            path: path.to_path_buf(),
            why: Box::new(r.text()),
        })
    };
    let Some(mut d) = official else {
        let mut d = form()?;
        d.report = Some(account::report(text, &d));
        return Ok(d);
    };
    // A page around the official document may date it too.
    form::published(&mut d, text);
    let report = account::report(text, &d);
    // Tabs are also what a table copied out of Excel or a web page into a text file keeps
    // between its cells: the form reader, which takes them as cell breaks, may account for
    // more of such a text. Of the two drafts, the one that leaves fewer lines holding a
    // figure out (then fewer mismatches) is kept; the official reading on a tie.
    if let Ok(mut other) = form() {
        let other_report = account::report(text, &other);
        if other_report.shortfall() < report.shortfall() {
            other.report = Some(other_report);
            return Ok(other);
        }
    }
    d.report = Some(report);
    Ok(d)
}

/// A .csv as lines of cells separated by pipes, for the form reader.
fn csv_as_pipes(text: &str) -> Result<String, csv::Error> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = String::new();
    for rec in r.records() {
        let rec = rec?;
        let cells: Vec<&str> = rec.iter().map(|c| c.trim()).collect();
        out.push_str(&cells.join(" | "));
        out.push('\n');
    }
    Ok(out)
}

/// Word text puts each cell on its own tab-indented line; PDF text keeps a row on one line
/// with tabs between its cells. None when no line holds a tab.
fn text_layout(text: &str) -> Option<Layout> {
    let (mut word, mut pdf) = (0, 0);
    for l in text.lines() {
        let inner = l.trim_start_matches('\t').trim_end().contains('\t');
        if inner {
            pdf += 1;
        } else if l.starts_with('\t') {
            word += 1;
        }
    }
    match (word, pdf) {
        (0, 0) => None,
        (w, p) if w >= p => Some(Layout::Word),
        _ => Some(Layout::Pdf),
    }
}

/// Runs the recogniser and refuses a document in which it found none of the official form.
fn recognised(
    path: &Path,
    blocks: &[blocks::Block],
    layout: Layout,
    name: &str,
) -> Result<Draft, ImportError> {
    let d = recognize::document(blocks, layout, name);
    if d.projects.is_empty() && d.part1.is_empty() {
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            found: Box::new(ImportText::NoFormFound),
        });
    }
    Ok(d)
}

/// What reading a batch of files gave: a draft for each file that can be written, and why
/// each other file cannot, in the order the files were given.
#[derive(Debug, Default)]
pub struct Batch {
    /// The drafts to write.
    pub drafts: Vec<Imported>,
    /// The files refused, each with its reason.
    pub failed: Vec<ImportError>,
}

/// Imports every file into drafts under `content`; writes them only when all were read and
/// none would overwrite a file (unless `force`) or another draft. A source line holding a
/// figure that landed in no field, or a total or count that does not agree, stops the import
/// unless `keep_going`; the draft's report then lists them. The first refusal is the error
/// (`gongkai import` reads the whole batch with [`read_all`] and names every one).
pub fn import(
    files: &[PathBuf],
    content: &Path,
    force: bool,
    keep_going: bool,
) -> Result<Vec<Imported>, ImportError> {
    let batch = read_all(files, content, force, keep_going, None);
    if let Some(e) = batch.failed.into_iter().next() {
        return Err(e);
    }
    write_all(&batch.drafts, content)?;
    Ok(batch.drafts)
}

/// Reads every file of a batch, each to its draft or its refusal (see [`import`]): one file
/// that cannot be read never hides what the others hold. `year` is the budget year of a
/// target document that states none (without it, such a file is refused: its draft would
/// have no year folder).
pub fn read_all(
    files: &[PathBuf],
    content: &Path,
    force: bool,
    keep_going: bool,
    year: Option<u16>,
) -> Batch {
    let mut batch = Batch::default();
    for f in files {
        match read_one(f, content, force, keep_going, year, &batch.drafts) {
            Ok(i) => batch.drafts.push(i),
            Err(e) => batch.failed.push(e),
        }
    }
    batch
}

/// One file of a batch: its draft and where it goes, unless it is refused.
fn read_one(
    f: &Path,
    content: &Path,
    force: bool,
    keep_going: bool,
    year: Option<u16>,
    before: &[Imported],
) -> Result<Imported, ImportError> {
    let mut draft = read(f)?;
    if draft.self_evaluation.is_none() && draft.document.year == 0 {
        let Some(year) = year else {
            return Err(ImportError::NoYear {
                path: f.to_path_buf(),
            });
        };
        draft.document.year = year;
        draft.note(0, ImportText::YearGiven { year });
    }
    if let Some(r) = &draft.report
        && !keep_going
        && (r.figures().next().is_some() || !r.errors.is_empty())
    {
        let mut lines: Vec<ImportText> = r
            .figures()
            .map(|l| ImportText::LeftOutFigure {
                line: l.line,
                text: l.text.clone(),
            })
            .collect();
        lines.extend(r.errors.iter().map(|e| ImportText::ErrorLine {
            text: e.to_string(),
        }));
        return Err(ImportError::Unaccounted {
            path: f.to_path_buf(),
            lines,
        });
    }
    let path = match draft.self_evaluation {
        Some(_) => selfeval_draft::path_in(&draft, content),
        None => draft.path_in(content),
    };
    if let Some(prev) = before.iter().find(|i| i.path == path) {
        return Err(ImportError::Collision {
            a: prev.source.clone(),
            b: f.to_path_buf(),
            path,
        });
    }
    if path.exists() && !force {
        return Err(ImportError::Exists {
            path,
            from: f.to_path_buf(),
        });
    }
    Ok(Imported {
        source: f.to_path_buf(),
        path,
        draft,
    })
}

/// Writes the drafts of a batch under `content`.
pub fn write_all(drafts: &[Imported], content: &Path) -> Result<(), ImportError> {
    for i in drafts {
        let yaml = match i.draft.self_evaluation {
            Some(kind) => selfeval_draft::to_yaml(&i.draft, kind, content),
            None => i.draft.to_yaml().map_err(|e| e.to_string()),
        }
        .map_err(|reason| ImportError::Yaml {
            path: i.source.clone(),
            reason,
        })?;
        let io = |source| ImportError::Io {
            path: i.path.clone(),
            source,
        };
        if let Some(dir) = i.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&i.path, yaml).map_err(io)?;
    }
    Ok(())
}
