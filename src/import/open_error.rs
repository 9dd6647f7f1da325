//! Why a .docx or .xlsx cannot be opened at all, as an [`OpenCause`]: first what the file's
//! first bytes show (an old Office or password-protected file, a PDF, a web page renamed),
//! then the kind of error the readers give (zip, docx-rs, calamine). The library's words are
//! kept only when no kind fits.

use crate::messages::OpenCause;
use std::io::{Cursor, Read, Seek};

/// What the first bytes of a file that should be a zip archive (.docx, .xlsx) show it is
/// instead; None when it starts like a zip archive.
pub fn sniff(head: &[u8]) -> Option<OpenCause> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head.starts_with(b"PK") {
        return None;
    }
    if head.starts_with(&OLE) {
        return Some(OpenCause::OldOrEncrypted);
    }
    if head.starts_with(b"%PDF") {
        return Some(OpenCause::RenamedPdf);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !text.is_empty() && std::str::from_utf8(text).is_ok_and(|t| !t.contains('\0')) {
        return Some(OpenCause::RenamedText);
    }
    Some(OpenCause::NotAnArchive)
}

/// The cause of a zip error (the `zip` crate, as calamine and this crate use it).
pub fn zip(e: &zip::result::ZipError) -> OpenCause {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(_) => OpenCause::Damaged,
        Z::InvalidArchive(_) => OpenCause::Damaged,
        Z::UnsupportedArchive(m) if *m == Z::PASSWORD_REQUIRED => OpenCause::Encrypted,
        Z::InvalidPassword => OpenCause::Encrypted,
        Z::CompressionMethodNotSupported(_) => OpenCause::UnsupportedCompression,
        Z::FileNotFound => OpenCause::MissingPart {
            part: String::new(),
        },
        other => OpenCause::Other {
            words: other.to_string(),
        },
    }
}

/// A .docx's bytes checked as a zip archive holding `word/document.xml`, before docx-rs
/// reads it: the archive's errors are this crate's `zip` kinds.
pub fn docx_archive(bytes: &[u8]) -> Result<(), OpenCause> {
    if let Some(c) = sniff(bytes) {
        return Err(c);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip(&e))?;
    part(&mut archive, "word/document.xml")
}

/// An .xlsx file checked as a zip archive holding `xl/workbook.xml`, before calamine reads it.
pub fn xlsx_archive(path: &std::path::Path) -> Result<(), OpenCause> {
    let mut file = std::fs::File::open(path).map_err(|_| OpenCause::Unreadable)?;
    let mut head = Vec::new();
    (&mut file)
        .take(512)
        .read_to_end(&mut head)
        .map_err(|_| OpenCause::Unreadable)?;
    if let Some(c) = sniff(&head) {
        return Err(c);
    }
    file.rewind().map_err(|_| OpenCause::Unreadable)?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| zip(&e))?;
    part(&mut archive, "xl/workbook.xml")
}

/// The archive's part `name` is there and its compressed data can be read.
fn part<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Result<(), OpenCause> {
    let missing = || OpenCause::MissingPart {
        part: name.to_string(),
    };
    let mut f = archive.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => missing(),
        e => zip(&e),
    })?;
    std::io::copy(&mut f, &mut std::io::sink()).map_err(|_| OpenCause::Damaged)?;
    Ok(())
}

/// The cause of docx-rs's error, for a file whose archive [`docx_archive`] already opened.
pub fn docx(e: &docx_rs::ReaderError) -> OpenCause {
    use docx_rs::ReaderError as R;
    let missing = |part: &str| OpenCause::MissingPart {
        part: part.to_string(),
    };
    match e {
        R::ZipError(_) => OpenCause::Damaged,
        R::NumError(_) | R::FloatError(_) | R::TypeError(_) => OpenCause::BadNumber,
        R::XMLReadError => OpenCause::BadXml,
        R::DocumentNotFoundError => missing("word/document.xml"),
        R::DocumentRelsNotFoundError => missing("word/_rels/document.xml.rels"),
        R::DocumentStylesNotFoundError => missing("word/styles.xml"),
        R::DocumentNumberingsNotFoundError => missing("word/numbering.xml"),
        R::HeaderOrFooterRelsNotFoundError => missing("word/_rels/header.xml.rels"),
        R::Unknown => OpenCause::Other {
            words: e.to_string(),
        },
    }
}

/// The cause of calamine's error.
pub fn calamine(e: &calamine::Error) -> OpenCause {
    use calamine::XlsxError as X;
    match e {
        calamine::Error::Io(_) => OpenCause::Unreadable,
        calamine::Error::Xlsx(x) => match x {
            X::Io(_) => OpenCause::Damaged,
            X::Zip(z) => zip(z),
            X::Xml(_) | X::XmlAttr(_) | X::XmlEof(_) | X::UnexpectedNode(_) => OpenCause::BadXml,
            X::ParseFloat(_) | X::ParseInt(_) => OpenCause::BadNumber,
            X::FileNotFound(part) => OpenCause::MissingPart { part: part.clone() },
            other => OpenCause::Other {
                words: other.to_string(),
            },
        },
        calamine::Error::Msg(_) => OpenCause::NotAnArchive,
        other => OpenCause::Other {
            words: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn first_bytes_say_what_the_file_is() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(sniff(&ole), Some(OpenCause::OldOrEncrypted));
        assert_eq!(sniff(b"%PDF-1.4\n"), Some(OpenCause::RenamedPdf));
        assert_eq!(
            sniff("<html>项目支出绩效目标表".as_bytes()),
            Some(OpenCause::RenamedText)
        );
        assert_eq!(sniff(&[0, 1, 2, 0xff]), Some(OpenCause::NotAnArchive));
        assert_eq!(sniff(b"PK\x03\x04"), None);
    }

    #[test]
    fn a_broken_archive_gives_its_kind() {
        assert_eq!(docx_archive(b"PK not really"), Err(OpenCause::Damaged));
        let no_body = zip_of(&[("word/styles.xml", b"<w/>")]);
        assert_eq!(
            docx_archive(&no_body),
            Err(OpenCause::MissingPart {
                part: "word/document.xml".into()
            })
        );
        let whole = zip_of(&[("word/document.xml", &[b'x'; 4000])]);
        assert_eq!(docx_archive(&whole), Ok(()));
        assert_eq!(
            docx_archive(&whole[..whole.len() / 2]),
            Err(OpenCause::Damaged)
        );
    }

    #[test]
    fn docx_rs_kinds_have_causes() {
        let broken = zip_of(&[
            ("word/document.xml", b"<w:document><w:body><w:p>"),
            ("[Content_Types].xml", b"<Types/>"),
        ]);
        let e = docx_rs::read_docx(&broken).unwrap_err();
        assert!(!matches!(docx(&e), OpenCause::Other { .. }), "{e:?}");
    }
}
