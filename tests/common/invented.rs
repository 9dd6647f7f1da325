//! The importer's promises checked: no figure in a draft that its source does not hold, and
//! every line of the source accounted for.

/// Which leaves of a value hold the document's figures.
#[allow(dead_code, reason = "each test file builds the kind it reads")]
pub enum Leaves {
    /// Only texts: a draft writes every figure as text, its numbers are the reader's own.
    Texts,
    /// Texts and numbers: a typed document holds figures as numbers too.
    TextsAndNumbers,
}

/// Every leaf of `value` that `kind` names, with its path (`.projects[0].name`), leaving out
/// the keys in `skip` (the file name, the reader's remarks: not the document's cells).
pub fn leaves(value: &serde_json::Value, kind: Leaves, skip: &[&str]) -> Vec<(String, String)> {
    let numbers = matches!(kind, Leaves::TextsAndNumbers);
    let mut out = Vec::new();
    walk("", value, numbers, skip, &mut out);
    out
}

fn walk(
    k: &str,
    v: &serde_json::Value,
    numbers: bool,
    skip: &[&str],
    out: &mut Vec<(String, String)>,
) {
    match v {
        serde_json::Value::String(s) => out.push((k.to_string(), s.clone())),
        serde_json::Value::Number(n) if numbers => out.push((k.to_string(), n.to_string())),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(&format!("{k}[{i}]"), x, numbers, skip, out)
            }
        }
        serde_json::Value::Object(o) => {
            for (n, x) in o.iter().filter(|(n, _)| !skip.contains(&n.as_str())) {
                walk(&format!("{k}.{n}"), x, numbers, skip, out)
            }
        }
        _ => {}
    }
}

/// Every number in `fields` that `source` (whitespace squeezed out) does not hold, unless
/// `converted(path, number, squeezed source)` accounts for it; one line per number.
pub fn invented_numbers(
    fields: impl IntoIterator<Item = (String, String)>,
    source: &str,
    converted: impl Fn(&str, &str, &str) -> bool,
) -> Vec<String> {
    let squeezed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    let number = regex::Regex::new(r"\d+(?:\.\d+)?").unwrap();
    let mut out = Vec::new();
    for (k, v) in fields {
        for m in number.find_iter(&v) {
            if !squeezed.contains(m.as_str()) && !converted(&k, m.as_str(), &squeezed) {
                out.push(format!("{k}: {v} ({})", m.as_str()));
            }
        }
    }
    out
}

/// The lines of `source` a report must account for, one by one: those holding anything but
/// blanks and table bars, counted in the text as the reader laid it out (a self-evaluation
/// glued into one line is first cut as the glued reader cuts it).
pub fn lines_to_account_for(source: &str) -> usize {
    use gongkai::import::glued;
    let laid_out = match source.lines().find(|l| glued::is_glued(l)) {
        Some(l) => glued::unglue(l).text,
        None => source.to_string(),
    };
    laid_out
        .lines()
        .filter(|l| l.chars().any(|c| !c.is_whitespace() && c != '|'))
        .count()
}
