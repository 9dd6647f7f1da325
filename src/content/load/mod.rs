//! Reading department files from `content/`: bytes → text → YAML → [`Document`], with every
//! failure turned into a [`Diagnostic`] that names the file, line, column and field.

mod all_errors;
pub mod document;
pub mod layout;
pub mod parsed;
mod placeholder;
pub mod selfeval;
mod source_map;
mod stored;
pub mod summary;
mod syntax;

pub use source_map::SourceMap;

use crate::content::model::{Document, SCHEMA_VERSION};
use crate::diagnostic::{Diagnostic, Kind, Position};
use crate::messages::Message;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A department file is a few dozen kilobytes; anything past this is refused unread.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One department file, read and parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as found on disk.
    pub path: PathBuf,
    /// The path relative to the content folder, with `/` separators (`2024/130529/414.yaml`).
    pub rel: String,
    /// The file's text (without a byte-order mark); empty when loaded without keeping texts.
    pub text: String,
    /// The parsed document (decoded on first use when taken from the store).
    pub document: document::Doc,
}

/// Everything read from a content folder.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Files that parsed, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// Problems found while reading, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files that failed to parse, for rendering snippets.
    pub failed_sources: Vec<(PathBuf, String)>,
}

/// True for a path that holds a department document: `YEAR/…/*.yaml` under the content folder.
pub fn is_department_file(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    first.len() == 4
        && first.bytes().all(|b| b.is_ascii_digit())
        && (rel.ends_with(".yaml") || rel.ends_with(".yml"))
}

/// Finds every department file under `content`, sorted.
pub fn find_files(content: &Path) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = crate::paths::walk(content)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(content).ok()?;
            let rel = rel.to_str()?.replace('\\', "/");
            is_department_file(&rel).then(|| (e.path().to_path_buf(), rel))
        })
        .collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

impl SourceFile {
    /// The file with its whole document at hand: itself when the document is held, else a
    /// copy holding the document decoded from the store, for one reader (the pages and data
    /// of one department) and dropped with it.
    pub fn decoded(&self) -> std::borrow::Cow<'_, SourceFile> {
        match self.document.read() {
            std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(self),
            std::borrow::Cow::Owned(d) => std::borrow::Cow::Owned(SourceFile {
                path: self.path.clone(),
                rel: self.rel.clone(),
                text: String::new(),
                document: d.into(),
            }),
        }
    }

    /// The file's text: kept, or read again when it was not kept.
    pub fn source(&self) -> std::borrow::Cow<'_, str> {
        if !self.text.is_empty() {
            return self.text.as_str().into();
        }
        let bytes = std::fs::read(&self.path).unwrap_or_default();
        decode(&self.path, bytes)
            .map(|(t, _)| t)
            .unwrap_or_default()
            .into()
    }
}

/// Loads every department file under `content` in parallel. Without `keep_text`, texts are
/// dropped once parsed (a build of 10,000 files would otherwise hold 600 MB of YAML).
pub fn load_dir(content: &Path, keep_text: bool) -> Loaded {
    load_dir_with(content, keep_text, None)
}

/// [`load_dir`], taking each file whose hash `known` gives from the documents an earlier
/// build stored instead of parsing it, and storing each file it parses without an error.
pub fn load_dir_with(content: &Path, keep_text: bool, known: Option<parsed::Known>) -> Loaded {
    load_dir_each(content, keep_text, known, |_| ()).0
}

/// The most department files whose documents a build holds whole from their parsing to the
/// end (≈ 125 KB each in memory: ≈ 500 MB at this many). A larger site lets each document
/// go once it is checked and stored, and decodes it again where it is needed whole (its
/// pages and data), so that a build of 30,000 departments never holds them all; a smaller
/// one keeps them and spares that decoding (≈ 4 % of a clean build's processor time at
/// 2,000 departments).
pub const HELD_WHOLE: usize = 4_000;

/// True when a build of `departments` department files lets each stored document go once
/// it is checked ([`HELD_WHOLE`]).
pub fn releases(departments: usize) -> bool {
    departments > HELD_WHOLE
}

/// [`load_dir_with`], giving each document that loads to `each` as soon as it is loaded
/// (its checks), in the order of the loaded files. On a large site ([`releases`]) a
/// document stored in this build is then let go ([`document::Doc::release`]): a build
/// holds the documents it is reading, not every document of the site.
pub fn load_dir_each<T: Send>(
    content: &Path,
    keep_text: bool,
    known: Option<parsed::Known>,
    each: impl Fn(&SourceFile) -> T + Sync,
) -> (Loaded, Vec<T>) {
    load_holding(content, keep_text, known, each, HELD_WHOLE)
}

/// [`load_dir_each`], holding the documents whole up to `held_whole` department files.
fn load_holding<T: Send>(
    content: &Path,
    keep_text: bool,
    known: Option<parsed::Known>,
    each: impl Fn(&SourceFile) -> T + Sync,
    held_whole: usize,
) -> (Loaded, Vec<T>) {
    let found = find_files(content);
    let release = found.len() > held_whole;
    let results: Vec<_> = found
        .into_par_iter()
        .map(|(path, rel)| {
            if let Some(k) = known
                && let Some(source) = k.hashes.get(&rel)
                && let Some(file) = k.store.get(&path, &rel, source)
            {
                return Ok((file, Vec::new()));
            }
            load_file(&path, rel).map(|(mut f, d)| {
                if let Some(k) = known
                    && !d
                        .iter()
                        .any(|d| d.severity() == crate::diagnostic::Severity::Error)
                {
                    // Stored under the hash of the file's bytes, as the build cache hashes it.
                    let bom = d.iter().any(|d| d.kind == Kind::ByteOrderMark);
                    let bytes = [&b"\xEF\xBB\xBF"[..bom as usize * 3], f.text.as_bytes()];
                    if let Some(stored) = k.store.put(&f, &bytes.concat()) {
                        f.document.stored_at(stored, path.clone());
                    }
                }
                if !keep_text {
                    f.text = String::new();
                }
                (f, d)
            })
        })
        .map(|r| {
            r.map(|(mut f, d)| {
                let t = each(&f);
                if release {
                    f.document.release();
                }
                (f, d, t)
            })
        })
        .collect();
    let mut loaded = Loaded {
        diagnostics: layout::check(content),
        ..Loaded::default()
    };
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((file, mut diags, t)) => {
                loaded.diagnostics.append(&mut diags);
                loaded.files.push(file);
                out.push(t);
            }
            Err(failure) => {
                loaded.diagnostics.extend(failure.diagnostics);
                if let Some(text) = failure.text {
                    loaded.failed_sources.push((failure.path, text));
                }
            }
        }
    }
    (loaded, out)
}

/// Why a file could not be loaded.
#[derive(Debug)]
pub struct LoadFailure {
    /// The file.
    pub path: PathBuf,
    /// Its text, when it could be read as text.
    pub text: Option<String>,
    /// What went wrong (at least one error).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses one file. Warnings (such as a removed byte-order mark) come with the file.
pub fn load_file(path: &Path, rel: String) -> Result<(SourceFile, Vec<Diagnostic>), LoadFailure> {
    let fail = |d: Diagnostic, text: Option<String>| LoadFailure {
        path: path.to_path_buf(),
        text,
        diagnostics: vec![d],
    };
    let size = std::fs::metadata(path)
        .map_err(|e| {
            let error = e.to_string();
            fail(
                Diagnostic::file(Kind::Io, path, Message::CannotReadFile { error }),
                None,
            )
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(fail(
            Diagnostic::file(
                Kind::TooLarge,
                path,
                Message::FileTooLarge {
                    size,
                    limit: MAX_FILE_BYTES,
                },
            )
            .expected(Message::FileTooLargeHint),
            None,
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let error = e.to_string();
        fail(
            Diagnostic::file(Kind::Io, path, Message::CannotReadFile { error }),
            None,
        )
    })?;
    let (text, mut warnings) = decode(path, bytes).map_err(|d| fail(*d, None))?;
    warnings.extend(placeholder::find(path, &text));
    match parse(path, &text) {
        Ok(document) => Ok((
            SourceFile {
                path: path.to_path_buf(),
                rel,
                text,
                document: document.into(),
            },
            warnings,
        )),
        Err(d) => {
            // The typed reader stops at the first misfit; read again for every one of them.
            // After a syntax error, the lines it spoils are left out and the rest read again.
            let mut errors = match d.kind {
                Kind::Schema => all_errors::find(path, &text),
                Kind::YamlSyntax => syntax::every_error(path, &text, (*d).clone()),
                _ => Vec::new(),
            };
            // The schema names each misfit better than the reader's first error; a misfit the
            // schema cannot express (a date that does not exist, a region half filled in) is
            // the reader's alone.
            // The reader's error stands beside the schema's unless the schema reports it too:
            // at its line, in its words, or at its field, one inside or around it, or a sibling
            // (serde names a missing field at the last key of its block).
            let line = d.position.map(|p| p.line);
            let related = |a: &str, b: &str| {
                a.strip_prefix(b)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            };
            let covered = errors.iter().any(|e| {
                e.position.map(|p| p.line) == line
                    || e.message == d.message
                    || match (e.field.as_deref(), d.field.as_deref()) {
                        (Some(a), Some(b)) => {
                            let parent = a.rfind(['.', '[']).map_or("", |i| &a[..i]);
                            related(a, b) || related(b, a) || related(b, parent)
                        }
                        _ => false,
                    }
            });
            if errors.is_empty() || !covered {
                errors.push(*d);
                errors.sort_by_key(|e| e.position);
            }
            Err(LoadFailure {
                path: path.to_path_buf(),
                text: Some(text),
                diagnostics: warnings.into_iter().chain(errors).collect(),
            })
        }
    }
}

/// Turns bytes into text: rejects invalid UTF-8 and empty files, removes a byte-order mark.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut warnings = Vec::new();
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            warnings.push(Diagnostic {
                position: Some(Position { line: 1, column: 1 }),
                ..Diagnostic::file(Kind::ByteOrderMark, path, Message::ByteOrderMark)
                    .expected(Message::ByteOrderMarkHint)
            });
            rest.to_vec()
        }
        None => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic {
            position: Some(Position { line, column }),
            ..Diagnostic::file(
                Kind::NotUtf8,
                path,
                Message::NotUtf8 {
                    line,
                    offset: valid.len(),
                },
            )
            .expected(Message::NotUtf8Hint)
        }
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::file(Kind::EmptyFile, path, Message::EmptyFile)
            .expected(Message::EmptyFileHint)
            .into());
    }
    Ok((text, warnings))
}

/// Parses YAML text into a [`Document`].
pub fn parse(path: &Path, text: &str) -> Result<Document, Box<Diagnostic>> {
    let mut doc: Document = parse_yaml(path, text)?;
    doc.fit();
    if doc.schema != SCHEMA_VERSION {
        return Err(Box::new(Diagnostic {
            position: SourceMap::build(text).position("schema"),
            field: Some("schema".into()),
            ..Diagnostic::file(
                Kind::SchemaVersion,
                path,
                Message::SchemaVersion {
                    found: doc.schema.to_string(),
                },
            )
            .expected(Message::SchemaVersionHint {
                version: SCHEMA_VERSION.to_string(),
            })
        }));
    }
    Ok(doc)
}

/// Parses YAML text into any typed value, placing a syntax or schema error at its line and
/// column with the field path.
///
/// A file without nulls is read first by libyaml (serde_yaml_ng), twice as fast as
/// serde-saphyr on department files (`bench/yaml.sh`). Every other file, and one libyaml
/// refuses, is read by serde-saphyr, whose errors name the place and the field and whose
/// budgets bound aliases and nesting. Nulls go to serde-saphyr because libyaml hands them to
/// a text field as text (`name: ~` as `~`) and to a list as an empty list, where
/// serde-saphyr rightly refuses them.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, Box<Diagnostic>> {
    // Brackets nested past what the readers accept are refused before either reads them:
    // libyaml's scanner takes time growing with the square of the depth (40,000 brackets
    // took 7.5 s) only to refuse them too.
    if let Some(position) = flow_too_deep(text) {
        return Err(Box::new(syntax::diagnostic(
            path,
            position,
            "recursion limit exceeded",
        )));
    }
    if !may_hold_null(text)
        && let Ok(value) = serde_yaml_ng::from_str(text)
    {
        return Ok(value);
    }
    let options = serde_saphyr::options! { with_snippet: false };
    let result: Result<T, _> = serde_saphyr::from_str_with_options(text, options);
    match result {
        Ok(value) => Ok(value),
        // The deserializer stops at the first value that does not fit, which may lie before
        // a syntax error further on; the syntax error is the one to fix first.
        Err(err) => Err(match SourceMap::syntax_error(text) {
            Some((position, message)) => Box::new(syntax::diagnostic(path, position, &message)),
            None => Box::new(yaml_diagnostic(path, text, &err)),
        }),
    }
}

/// How deep `[` and `{` may nest: the readers' own limit (serde-saphyr's budget refuses a
/// flow deeper than this anyway).
pub const MAX_FLOW_DEPTH: usize = 256;

/// Where brackets (`[`, `{`, outside quotes and comments) first nest deeper than
/// [`MAX_FLOW_DEPTH`], if they do. Read in one pass; a quote or a comment is followed only as
/// far as a reader would (a quote's escapes, a `#` after a space).
fn flow_too_deep(text: &str) -> Option<Position> {
    // Too few brackets to nest that deep (every department file): nothing to follow. The
    // count is a vectorised pass; the walk below is only for files that might nest so.
    if memchr::memchr2_iter(b'[', b'{', text.as_bytes()).count() <= MAX_FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (l, line) in text.lines().enumerate() {
        let mut prev = ' ';
        let mut escaped = false;
        for (c, ch) in line.chars().enumerate() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if ch == '\\' => escaped = true,
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None => match ch {
                    '#' if prev.is_whitespace() => break,
                    '"' | '\'' if matches!(prev, ' ' | ':' | '-' | '[' | '{' | ',') => {
                        quote = Some(ch)
                    }
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_FLOW_DEPTH {
                            return Some(Position {
                                line: l + 1,
                                column: c + 1,
                            });
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            prev = ch;
        }
    }
    None
}

/// True unless `text` surely holds no null node: no `~` or `null`, no tag, anchor, alias or
/// explicit key, no key or list item left empty, no empty or key-only entry in `{ … }`. Errs
/// on the side of true; a false true only costs the slower reader.
fn may_hold_null(text: &str) -> bool {
    let bytes = text.as_bytes();
    // ASCII bytes never occur inside a multi-byte UTF-8 character.
    if memchr::memchr3(b'~', b'!', b'&', bytes).is_some()
        || memchr::memchr(b'*', bytes).is_some()
        || memchr::memmem::find(bytes, b"null").is_some()
        || memchr::memmem::find(bytes, b"Null").is_some()
    {
        return true;
    }
    // A key ending its line (`key:`) waits for the next line: its value is there only when
    // that line is deeper than the key, or a list at the key's own column.
    let mut waiting: Option<usize> = None;
    for line in text.lines() {
        let content = memchr::memmem::find(line.as_bytes(), b" #").map_or(line, |i| &line[..i]);
        let c = content.trim();
        if c.is_empty() || c.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key) = waiting.take()
            && !(indent > key || (indent == key && (c == "-" || c.starts_with("- "))))
        {
            return true;
        }
        // The column of the line's key or value: after the `- ` that open list items.
        let mut column = indent;
        let mut rest = c;
        while let Some(r) = rest.strip_prefix("- ") {
            let r2 = r.trim_start();
            column += 2 + (r.len() - r2.len());
            rest = r2;
        }
        if rest == "-" || rest.starts_with(['?', ':']) {
            return true;
        }
        if rest.contains(['{', '[']) && flow_may_hold_null(rest) {
            return true;
        }
        if rest.ends_with(':') {
            waiting = Some(column);
        }
    }
    waiting.is_some()
}

/// For a line with a flow collection: true unless its one `{ … }` has a key and value in
/// every entry and no `key:` of the line ends it or is followed by `,`, `}` or `]`.
fn flow_may_hold_null(c: &str) -> bool {
    let empty_value = (c.match_indices(':')).any(|(k, _)| {
        let after = c[k + 1..].trim_start();
        after.is_empty() || after.starts_with([',', '}', ']'])
    });
    if empty_value {
        return true;
    }
    let Some(open) = c.find('{') else {
        return false;
    };
    let inner = &c[open + 1..];
    let Some(end) = inner.find('}') else {
        return true;
    };
    let after = inner[end + 1..].trim_matches([' ', ',', ']']);
    if inner[..end].contains('{') || !after.is_empty() {
        return true;
    }
    (inner[..end].split(',').map(str::trim)).any(|e| !e.is_empty() && !e.contains(':'))
}

fn yaml_diagnostic(path: &Path, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let inner = err.without_snippet();
    let raw = inner.to_string();
    // The library appends " at line L, column C"; the position is shown on its own line.
    let message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let position = err.location().map(|l| Position {
        line: l.line() as usize,
        column: l.column() as usize,
    });
    let kind = classify(inner);
    let field = match (kind, position) {
        (Kind::Schema, Some(p)) => SourceMap::build(text).path_at(p).map(str::to_string),
        _ => None,
    };
    use serde_saphyr::Error as E;
    // The reader's own kinds, where the catalogue has their words.
    let known = match inner {
        E::MultipleDocuments { .. } => Some(Message::YamlTwoDocuments),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            Some(Message::DuplicateKeyNamed { key: key.clone() })
        }
        E::DuplicateMappingKey { key: None, .. } => Some(Message::SyntaxDuplicateKey),
        E::TaggedEnumMismatch { .. } | E::TaggedScalarCannotDeserializeIntoString { .. } => {
            Some(Message::YamlTag)
        }
        E::UnknownAnchor { .. } => Some(Message::SyntaxUnknownAlias),
        _ => None,
    };
    let (message, expected) = match known {
        Some(m) => (m.to_string(), Some(Message::YamlSyntaxHint.to_string())),
        None => reader_words(&message, kind, field.as_deref()),
    };
    Diagnostic {
        kind,
        file: path.to_path_buf(),
        position,
        field,
        message,
        expected,
    }
}

fn classify(err: &serde_saphyr::Error) -> Kind {
    use serde_saphyr::Error as E;
    match err {
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Kind::Limits,
        E::Message { .. }
        | E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::SerdeUnknownVariant { .. }
        | E::SerdeUnknownField { .. }
        | E::SerdeMissingField { .. }
        | E::InvalidScalar { .. }
        | E::NullIntoString { .. }
        | E::DuplicateMappingKey { .. }
        | E::UnexpectedValueForUnitEnumVariant { .. }
        | E::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | E::Unexpected { .. } => Kind::Schema,
        _ => Kind::YamlSyntax,
    }
}

/// The reader's message in the catalogue's words where it is a common one (an unknown or
/// missing field, the reader's limits); else as the reader wrote it, its “expected …” on a
/// line of its own.
fn reader_words(raw: &str, kind: Kind, at: Option<&str>) -> (String, Option<String>) {
    use crate::serde_error::SerdeError;
    match SerdeError::parse(raw) {
        SerdeError::UnknownField { key, allowed } => {
            let hint = allowed.map(|list| {
                let list = list.trim_end_matches('.').to_string();
                Message::FieldsAllowedHere { list }.to_string()
            });
            return (Message::UnknownField { key }.to_string(), hint);
        }
        SerdeError::MissingField { key } => {
            let path = match at {
                Some(parent) if !parent.is_empty() => format!("{parent}.{key}"),
                _ => key.clone(),
            };
            let words = crate::content::model::field_name::describe(&path, None);
            let hint = Message::AddFieldLine { key: key.clone() }.to_string();
            return (
                Message::MissingField { key, words, path }.to_string(),
                Some(hint),
            );
        }
        SerdeError::UnknownVariant { .. } | SerdeError::Other => {}
    }
    if kind == Kind::Limits || raw.contains("recursion limit") || raw.contains("limit exceeded") {
        let raw = raw.to_string();
        return (Message::ReaderLimit { raw }.to_string(), None);
    }
    // Left as the reader wrote it, so a caller may put it in its own words (selfeval).
    (raw.to_string(), expectation(raw))
}

/// Pulls “expected …” out of a serde message so it can be shown on its own line.
fn expectation(message: &str) -> Option<String> {
    let i = message.find("expected ")?;
    Some(
        message[i + "expected ".len()..]
            .trim_end_matches('.')
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brackets nested past the readers' limit are refused at the first one too deep, in one
    /// pass (no reader is run on them); brackets in quotes and comments do not count, and the
    /// bundled files nest far less.
    #[test]
    fn brackets_nested_too_deep_are_refused_before_reading() {
        let n = MAX_FLOW_DEPTH + 1;
        let deep = format!("schema: 1\ndocument: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(
            flow_too_deep(&deep),
            Some(Position {
                line: 2,
                column: 11 + MAX_FLOW_DEPTH
            })
        );
        let quoted = format!(
            "a: \"{}\"\nb: '{}' # {}\n",
            "[".repeat(n),
            "{".repeat(n),
            "[".repeat(n)
        );
        assert_eq!(flow_too_deep(&quoted), None);
        let just = format!(
            "a: {}{}\n",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        );
        assert_eq!(flow_too_deep(&just), None);
        let err = parse_yaml::<Document>(Path::new("a.yaml"), &deep).unwrap_err();
        assert_eq!(err.kind, Kind::YamlSyntax);
        assert!(err.message.contains("嵌套过深"), "{}", err.message);
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for (path, _) in find_files(&content) {
            assert_eq!(
                flow_too_deep(&std::fs::read_to_string(&path).unwrap()),
                None
            );
        }
    }

    /// libyaml reads the files and serde-saphyr their errors: on the bundled documents the two
    /// must give the very same model.
    #[test]
    fn both_readers_agree_on_the_bundled_content() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let files = find_files(&content);
        assert!(files.len() >= 4, "{files:?}");
        for (path, rel) in files {
            assert_readers_agree(&std::fs::read_to_string(&path).unwrap(), &rel);
        }
    }

    /// A site up to the threshold keeps its documents whole from parsing on; a larger one
    /// lets each stored document go once checked, and reads it back the same when needed.
    #[test]
    fn a_small_site_holds_its_documents_and_a_large_one_reads_them_back() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let hashes: std::collections::BTreeMap<String, String> = (find_files(&content).iter())
            .map(|(path, rel)| {
                let bytes = std::fs::read(path).unwrap();
                (rel.clone(), crate::digest::sha256_hex(&bytes))
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let store = parsed::Parsed::open(dir.path().join("v"));
        let known = parsed::Known {
            store: &store,
            hashes: &hashes,
        };
        let n = hashes.len();
        let (small, _) = load_holding(&content, false, Some(known), |_| (), n);
        let empty = tempfile::tempdir().unwrap();
        let store = parsed::Parsed::open(empty.path().join("v"));
        let known = parsed::Known {
            store: &store,
            hashes: &hashes,
        };
        let (large, _) = load_holding(&content, false, Some(known), |_| (), n - 1);
        assert_eq!(small.files.len(), n);
        assert_eq!(large.files.len(), n);
        for (s, l) in small.files.iter().zip(&large.files) {
            assert!(s.document.is_held(), "{}", s.rel);
            assert!(!l.document.is_held(), "{}: let go once stored", l.rel);
            let (s, l) = (s.document.read(), l.document.read());
            assert_eq!(format!("{s:?}"), format!("{l:?}"));
        }
        assert!(releases(HELD_WHOLE + 1) && !releases(HELD_WHOLE));
    }

    /// Asserts that libyaml and serde-saphyr read `text` into the same document.
    fn assert_readers_agree(text: &str, what: &str) {
        let fast: Document = serde_yaml_ng::from_str(text).unwrap();
        let slow: Document = serde_saphyr::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_value(&fast).unwrap(),
            serde_json::to_value(&slow).unwrap(),
            "{what}"
        );
    }

    /// Where the two readers differ (nulls, empty values), the file goes to serde-saphyr:
    /// each text reads as serde-saphyr alone reads it. The last texts have no null and take
    /// the fast reader.
    #[test]
    fn nulls_and_empty_values_read_as_serde_saphyr_reads_them() {
        let head = "schema: 1\ndocument:\n  year: 2024\n  status: 正式\ndepartment:\n  name: 局\n  \
                    region: { code: \"130225\", province: 河北省, county: 乐亭县 }\n";
        let project = "projects:\n  - name: x\n    amounts: { total: 70.00 }\n";
        let null_texts = [
            "title: ~",
            "projects:",
            "part1:",
            "part1: # to do",
            "projects: null",
            "projects:\n  - name:\n    amounts: { total: 1 }",
            "projects:\n  - name: ~\n    amounts: { total: 1 }",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    indicators:",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    goals:\n      -",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    goals:\n      - \n      - b",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    spending_plan:\n      - { by: , percent: 5% }",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    spending_plan:\n      - { by, percent: 5% }",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    spending_plan:\n      - { percent: 5%, by: }",
            "projects:\n  - amounts: { total: 1 }\n    name:\n  - name: y",
            "projects:\n  - name: &n x\n    amounts: { total: 1 }\n  - name: *n\n    amounts: { total: 2 }",
            "projects:\n  - ? name\n    amounts: { total: 1 }",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    goals:\n      - -",
            "projects:\n  - name: x\n    amounts: { total: 1, fiscal:\n      }",
            "projects:\n  - name: x\n    amounts: { total: 1 }\n    spending_plan: [by:\n      ]",
        ];
        for extra in null_texts {
            let text = format!("{head}{extra}\n");
            assert!(may_hold_null(&text), "{extra}");
            let read = parse(Path::new("x.yaml"), &text).map(|d| serde_json::to_value(d).unwrap());
            let slow = serde_saphyr::from_str::<Document>(&text);
            let slow = slow.map(|d| serde_json::to_value(d).unwrap());
            assert_eq!(read.ok(), slow.ok(), "{extra}");
        }
        let plain_texts = [
            "",
            &format!(
                "{project}    indicators:\n      - {{ name: a, value: 1.10 }}\n      - {{ name: b, value: yes }}"
            ),
            &format!(
                "{project}    goals:\n    - 提高\n    - \"\"\n    purpose: |\n      用途：\n      说明"
            ),
            &format!("{project}    notes: []\n    spending_plan: [{{ by: 6月底, percent: 50% }}]"),
        ];
        for extra in plain_texts {
            let text = format!("{head}{extra}\n");
            assert!(!may_hold_null(&text), "{extra}");
            assert_readers_agree(&text, extra);
        }
    }

    /// What libyaml refuses is reported by serde-saphyr, at its line and column.
    #[test]
    fn a_file_libyaml_refuses_is_placed_by_serde_saphyr() {
        let text = "schema: 1\ndocument:\n  year: 2024\n  status: 正式\n  title: [unclosed\n";
        assert!(serde_yaml_ng::from_str::<Document>(text).is_err());
        let d = parse(Path::new("x.yaml"), text).unwrap_err();
        assert_eq!(d.kind, Kind::YamlSyntax, "{d:?}");
        assert!(d.position.is_some_and(|p| p.line >= 5), "{d:?}");
    }
}
