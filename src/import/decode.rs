//! A text file's bytes as text, in the encodings forms arrive in: UTF-8 (with or without its
//! byte order mark), UTF-16 with its mark (what Windows Notepad calls "Unicode"), and
//! GB18030, the national standard that contains GBK and GB2312 (what Chinese Windows tools,
//! Excel's CSV and older government web pages save). Line ends become `\n`, whether they
//! were Windows' `\r\n` or an old Mac's lone `\r`, so that every reader sees one line per
//! line of the original and the report's line numbers count the same lines.

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16 with a byte order mark (little- or big-endian).
    Utf16,
    /// GB18030 (GBK and GB2312 are part of it).
    Gb18030,
}

/// A text file's contents as text, and how they were encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark, every line ending in `\n` or at the end.
    pub text: String,
    /// The encoding read.
    pub encoding: Encoding,
}

/// `bytes` as text: by their byte order mark when they have one, else as UTF-8 when they are
/// valid UTF-8, else as GB18030. `None` when they are none of these without a malformed
/// sequence, or hold a NUL character (a binary file, or UTF-16 without its mark): nothing is
/// ever guessed by replacing what cannot be read.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let (text, encoding) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, bom)) => {
            let text = enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
            let encoding = if enc == encoding_rs::UTF_8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            (text.into_owned(), encoding)
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Encoding::Utf8),
            Err(_) => {
                let text = (encoding_rs::GB18030)
                    .decode_without_bom_handling_and_without_replacement(bytes)?;
                (text.into_owned(), Encoding::Gb18030)
            }
        },
    };
    if text.contains('\0') {
        return None;
    }
    Some(Decoded {
        text: unix_lines(text),
        encoding,
    })
}

/// `text` with every `\r\n` and every lone `\r` made `\n`.
fn unix_lines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "项目名称：食品安全抽检\n一级指标\t二级指标\t三级指标\t指标值\n";

    #[test]
    fn utf8_with_or_without_its_mark() {
        let plain = decode(FORM.as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding),
            (FORM, Encoding::Utf8)
        );
        let marked = decode(&[b"\xEF\xBB\xBF".as_slice(), FORM.as_bytes()].concat()).unwrap();
        assert_eq!(marked, plain);
    }

    #[test]
    fn gbk_and_gb2312_files_read_as_gb18030() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(FORM);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "the test needs non-UTF-8 bytes"
        );
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (FORM, Encoding::Gb18030));
    }

    #[test]
    fn notepads_unicode_is_utf16_with_its_mark() {
        for (bom, big) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut bytes = bom.to_vec();
            for unit in FORM.encode_utf16() {
                let pair = if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend(pair);
            }
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (FORM, Encoding::Utf16));
        }
    }

    #[test]
    fn windows_and_old_mac_line_ends_become_one_line_each() {
        let d = decode("一\r\n二\r三\n四\r".as_bytes()).unwrap();
        assert_eq!(d.text, "一\n二\n三\n四\n");
        assert_eq!(d.text.lines().count(), 4);
    }

    #[test]
    fn binary_and_broken_bytes_are_not_guessed() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary"), None, "a NUL");
        // A lead byte of GB18030 at the very end, with nothing after it.
        assert_eq!(decode(b"abc\x81"), None);
        // UTF-16 without its mark holds NULs between ASCII letters.
        let bare: Vec<u8> = "abc".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare), None);
    }
}
