//! CSV a spreadsheet opens safely: UTF-8 with a byte-order mark for Excel, and cells a
//! spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd`, `@SUM(…)`) are
//! neutralised with a leading apostrophe, as OWASP advises: Excel and WPS then show the text
//! as written. Plain numbers (`-5`, `+3.5`) are left alone. The JSON keeps the raw text.

use std::borrow::Cow;

/// Characters that start a formula in Excel, WPS or LibreOffice, full-width forms included
/// (an East Asian input method turns them into formulas too).
const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// True for a plain decimal number, optionally signed, optionally a percentage.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// `cell`, with an apostrophe in front when a spreadsheet would run it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// CSV that Excel opens as UTF-8: a byte-order mark, then `records` (the header first).
pub fn excel_csv<R, F>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = Vec::from("\u{feff}".as_bytes());
    out.extend(csv_records(records));
    out
}

/// `records` as CSV, without a byte-order mark: a whole file's, or a part of one. A cell a
/// spreadsheet would run as a formula is neutralised ([`neutralise`]).
pub fn csv_records<R, F>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = Vec::new();
    let mut w = csv::Writer::from_writer(&mut out);
    // Writing into a Vec cannot fail.
    for r in records {
        for field in r {
            let _ = w.write_field(neutralise(field.as_ref()).as_ref());
        }
        let _ = w.write_record(None::<&[u8]>);
    }
    drop(w);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe_numbers_and_text_do_not() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\",\"点击\")",
                "'=HYPERLINK(\"http://x\",\"点击\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("＝1+1", "'＝1+1"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            ("-12.5%", "-12.5%"),
            ("≥90%", "≥90%"),
            ("食品抽检批次", "食品抽检批次"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out, "{cell}");
        }
    }
}
