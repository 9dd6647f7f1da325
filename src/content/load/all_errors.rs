//! Every schema error of a file at once. The typed reader stops at the first value that does
//! not fit; when it does, the text is read again as plain YAML and held against the department
//! file's JSON Schema (derived from the model), which names every unknown field, wrong type and
//! missing field in one pass, each at its line, in Chinese, with a suggestion where one is
//! likely ("did you mean").

use super::SourceMap;
use crate::content::model::{field_name, schema};
use crate::diagnostic::{Diagnostic, Kind};
use crate::messages::{Lang, Message, Term};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// At most this many schema errors are reported for one file.
const MAX_ERRORS: usize = 100;

fn validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(schema::value()).ok())
        .as_ref()
}

/// Every schema error of `text`, or nothing when it cannot be read as plain YAML.
pub fn find(path: &Path, text: &str) -> Vec<Diagnostic> {
    find_ignoring(path, text, &|_| false)
}

/// Every schema error of `text`, except a missing field whose key is `ignored` (its line was
/// left out of `text` after a syntax error).
pub fn find_ignoring(path: &Path, text: &str, ignored: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let Some(validator) = validator() else {
        return Vec::new();
    };
    let Ok(value) = serde_yaml_ng::from_str::<Value>(text) else {
        return Vec::new();
    };
    let map = SourceMap::build(text);
    let mut found = Found::default();
    for error in validator.iter_errors(&value).take(MAX_ERRORS) {
        let at = field_path(error.instance_path().as_str());
        let value = lookup(&value, error.instance_path().as_str());
        explain(path, &map, text, &at, value, error.kind(), &mut found);
    }
    // A misspelt key also leaves its field missing: the suggestion says it all. So does a
    // key on a line left out (`ignored`, a line skipped after a syntax error).
    let Found {
        mut out,
        missing,
        suggested,
    } = found;
    let drop: Vec<usize> = missing
        .into_iter()
        .filter(|(_, field)| {
            suggested.contains(field) || ignored(field.rsplit('.').next().unwrap_or(field.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
    out.sort_by_key(|d| d.position);
    out
}

/// What [`explain`] found: the diagnostics, and which of them say a field is missing and
/// which fields a misspelt key was taken for.
#[derive(Default)]
struct Found {
    out: Vec<Diagnostic>,
    /// (index in `out`, field) of each missing-field diagnostic.
    missing: Vec<(usize, String)>,
    /// The fields suggested for misspelt keys.
    suggested: Vec<String>,
}

/// `/projects/3/indicators/2/value` → `projects[3].indicators[2].value`.
fn field_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.bytes().all(|b| b.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

fn lookup<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    value.pointer(pointer)
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn diagnostic(path: &Path, map: &SourceMap, field: String, message: String) -> Diagnostic {
    Diagnostic {
        position: map.nearest(&field),
        field: Some(field),
        ..Diagnostic::file(Kind::Schema, path, message)
    }
}

/// A diagnostic at an unknown key itself (the reader's map knows where its value starts; the
/// key is found on that line).
fn at_key(
    path: &Path,
    map: &SourceMap,
    text: &str,
    field: String,
    key: &str,
    message: String,
) -> Diagnostic {
    let mut d = diagnostic(path, map, field, message);
    if let Some(p) = d.position.as_mut()
        && let Some(line) = text.lines().nth(p.line.saturating_sub(1))
        && let Some(at) = line.find(&format!("{key}:"))
    {
        p.column = line[..at].chars().count() + 1;
    }
    d
}

fn explain(
    path: &Path,
    map: &SourceMap,
    text: &str,
    at: &str,
    found: Option<&Value>,
    kind: &ValidationErrorKind,
    found_all: &mut Found,
) {
    let words = |field: &str| field_name::describe(field, None);
    let out = &mut found_all.out;
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let field = join(at, key);
                if at.ends_with("amounts") && key.bytes().all(|b| b.is_ascii_digit()) {
                    // `{ total: 12,5 }`: the comma split the number and made `5` a key.
                    let mut d = at_key(
                        path,
                        map,
                        text,
                        field,
                        key,
                        Message::AmountCommaSplit { key: key.clone() }.to_string(),
                    );
                    // The hint rewrites the clerk's own number, read back from the line
                    // (`total: 10,36` → 10.36); when it cannot be found, none is invented.
                    let line = d
                        .position
                        .and_then(|p| text.lines().nth(p.line.saturating_sub(1)));
                    d.expected = Some(match line.and_then(|l| split_amount(l, key)) {
                        Some(written) => amount_hint(&written),
                        None => Message::AmountHintDigits.to_string(),
                    });
                    out.push(d);
                    continue;
                }
                let mut d = at_key(
                    path,
                    map,
                    text,
                    field,
                    key,
                    Message::UnknownField { key: key.clone() }.to_string(),
                );
                d.expected = Some(match suggest_key(at, key) {
                    Some((k, title)) => {
                        found_all.suggested.push(join(at, &k));
                        Message::DidYouMeanField { key: k, title }.to_string()
                    }
                    None => Message::FieldsAllowedHere {
                        list: field_name::keys_at(at)
                            .iter()
                            .map(|(k, t)| match crate::messages::current() {
                                Lang::Zh => format!("{k}（{t}）"),
                                Lang::En => k.clone(),
                            })
                            .collect::<Vec<_>>()
                            .join(Term::Separator.text(crate::messages::current())),
                    }
                    .to_string(),
                });
                out.push(d);
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let field = join(at, key);
            let message = Message::MissingField {
                key: key.to_string(),
                words: words(&field),
                path: field.clone(),
            };
            found_all.missing.push((out.len(), field.clone()));
            let mut d = diagnostic(path, map, field, message.to_string());
            d.expected = Some(
                Message::AddFieldLine {
                    key: key.to_string(),
                }
                .to_string(),
            );
            out.push(d);
        }
        ValidationErrorKind::Enum { options } => {
            // What was written, as written: a text as itself, anything else (true, a list)
            // in its YAML form rather than an empty “”.
            let shown = match found {
                Some(Value::String(t)) => t.clone(),
                Some(Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            };
            let written = shown.as_str();
            let choices: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut d = diagnostic(
                path,
                map,
                at.to_string(),
                Message::NotAChoice {
                    written: written.to_string(),
                    words: words(at),
                    path: at.to_string(),
                }
                .to_string(),
            );
            // The choices are the form's own words: quoted as data in either language.
            let quoted = (choices.iter().map(|c| format!("“{c}”")))
                .collect::<Vec<_>>()
                .join(&Term::Separator.to_string());
            d.expected = Some(match synonym(written).filter(|s| choices.contains(s)) {
                Some(s) => Message::DidYouMeanChoice {
                    choice: s.to_string(),
                    choices: quoted,
                }
                .to_string(),
                None => Message::Choices { choices: quoted }.to_string(),
            });
            out.push(d);
        }
        ValidationErrorKind::Pattern { .. } if at.contains(".amounts.") => {
            let written = found.and_then(Value::as_str).unwrap_or_default();
            let mut d = diagnostic(
                path,
                map,
                at.to_string(),
                Message::AmountNotANumber {
                    written: written.to_string(),
                }
                .to_string(),
            );
            d.expected = Some(amount_hint(written));
            out.push(d);
        }
        ValidationErrorKind::Type { kind } => {
            let want = match kind {
                TypeKind::Single(t) => type_name(&format!("{t:?}")),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| type_name(&format!("{t:?}")))
                    .collect::<Vec<_>>()
                    .join(&Term::Or.to_string()),
            };
            let got = found.map_or(Term::Empty.to_string(), describe_value);
            let mut d = diagnostic(
                path,
                map,
                at.to_string(),
                Message::WrongType {
                    words: words(at),
                    path: at.to_string(),
                    want,
                    got,
                }
                .to_string(),
            );
            if found.is_some_and(Value::is_null) {
                d.expected = Some(Message::NullHint.to_string());
            }
            out.push(d);
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }
            if !constants(context).is_empty() =>
        {
            let options = Value::Array(constants(context).into_iter().map(Value::from).collect());
            explain(
                path,
                map,
                text,
                at,
                found,
                &ValidationErrorKind::Enum {
                    options: std::sync::Arc::new(options),
                },
                found_all,
            );
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            let got = found.map_or(Term::Empty.to_string(), describe_value);
            let message = Message::WrongShape {
                words: words(at),
                path: at.to_string(),
                got,
            };
            out.push(diagnostic(path, map, at.to_string(), message.to_string()));
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let message = Message::NumberTooLarge {
                words: words(at),
                path: at.to_string(),
                limit: limit.to_string(),
            };
            out.push(diagnostic(path, map, at.to_string(), message.to_string()));
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            let message = Message::NumberTooSmall {
                words: words(at),
                path: at.to_string(),
                limit: limit.to_string(),
            };
            out.push(diagnostic(path, map, at.to_string(), message.to_string()));
        }
        other => {
            let message = Message::WrongShapeRule {
                words: words(at),
                path: at.to_string(),
                keyword: other.keyword().to_string(),
            };
            out.push(diagnostic(path, map, at.to_string(), message.to_string()));
        }
    }
}

/// The allowed constants of a `oneOf` of `const` variants (how an enum's variants with their
/// own descriptions come out).
fn constants(context: &[Vec<jsonschema::ValidationError<'static>>]) -> Vec<String> {
    context
        .iter()
        .flatten()
        .filter_map(|e| match e.kind() {
            ValidationErrorKind::Constant { expected_value } => {
                expected_value.as_str().map(String::from)
            }
            _ => None,
        })
        .collect()
}

/// The JSON type's name.
fn type_name(debug: &str) -> String {
    match debug.to_ascii_lowercase().as_str() {
        "string" => Term::Text,
        "number" => Term::Number,
        "integer" => Term::Integer,
        "array" => Term::List,
        "object" => Term::Fields,
        "boolean" => Term::YesNo,
        "null" => Term::Empty,
        _ => Term::Other,
    }
    .to_string()
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => Term::Empty.to_string(),
        Value::String(s) => Message::TextValue { text: s.clone() }.to_string(),
        Value::Number(n) => Message::NumberValue {
            number: n.to_string(),
        }
        .to_string(),
        Value::Bool(b) => if *b { Term::Yes } else { Term::No }.to_string(),
        Value::Array(_) => Term::AList.to_string(),
        Value::Object(_) => Term::Fields.to_string(),
    }
}

/// The amount a comma split in flow style, as written on `line`: the digits before the
/// comma and `key`, the digits after it (`{ total: 10,36 }` and `36` → `10,36`).
fn split_amount(line: &str, key: &str) -> Option<String> {
    let re = regex::Regex::new(&format!(r"(\d+)\s*[,，]\s*{}\b", regex::escape(key))).ok()?;
    re.captures(line).map(|c| format!("{},{key}", &c[1]))
}

/// What an amount written with a comma, a unit or words should look like: the clerk's own
/// figure rewritten (12,5 → 12.5, 40万元 → 40), or, when no figure can be read from what was
/// written, only the rule (no made-up example).
fn amount_hint(written: &str) -> String {
    let digits: String = written
        .chars()
        .map(|c| if c == ',' || c == '，' { '.' } else { c })
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let example = digits
        .parse::<rust_decimal::Decimal>()
        .is_ok()
        .then_some(digits);
    match example {
        Some(example) if written.contains('万') || written.contains('元') => {
            Message::AmountHintUnit { example }
        }
        Some(example) if written.contains([',', '，']) => Message::AmountHintComma { example },
        _ => Message::AmountHintDigits,
    }
    .to_string()
}

/// The official word a clerk may have meant by another (已公开 → 正式).
fn synonym(written: &str) -> Option<&'static str> {
    let w = written.trim();
    if [
        "已公开",
        "公开",
        "定稿",
        "终稿",
        "批复",
        "已批复",
        "正式稿",
        "正式版",
    ]
    .contains(&w)
    {
        Some("正式")
    } else if ["送审稿", "征求意见稿", "初稿", "草稿", "讨论稿"].contains(&w) {
        Some("草案")
    } else if ["不详", "未知", "无", "未写明", "没有"].contains(&w) {
        Some("未注明")
    } else {
        None
    }
}

/// The allowed key a misspelt or Chinese-named key most likely meant: a key whose Chinese
/// title is what was written, else the nearest key by edit distance.
fn suggest_key(at: &str, written: &str) -> Option<(String, String)> {
    let keys = field_name::keys_at(at);
    if let Some(k) = keys.iter().find(|(_, title)| {
        !title.is_empty() && (title == written || title.trim_start_matches("其中：") == written)
    }) {
        return Some(k.clone());
    }
    keys.into_iter()
        .map(|(k, t)| (strsim::damerau_levenshtein(&k, written), k, t))
        .filter(|(d, k, _)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, k, t)| (k, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn four_mistakes_of_different_kinds_are_all_reported_each_at_its_line() {
        let text = seed()
            .replacen("status: 未注明", "status: 已公开", 1)
            .replacen("  name: ", "  nmae: ", 1)
            .replacen("total: 10.36", "total: \"10,36\"", 1)
            .replacen("        level2: ", "        二级指标: ", 1);
        let found = find(Path::new("414.yaml"), &text);
        let lines: Vec<usize> = found.iter().map(|d| d.position.unwrap().line).collect();
        assert!(found.len() >= 4, "{found:#?}");
        let all = found
            .iter()
            .map(|d| format!("{} {}", d.message, d.expected.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            all.contains("“已公开”不是") && all.contains("是不是要写“正式”"),
            "{all}"
        );
        assert!(
            all.contains("不认识的字段“nmae”") && all.contains("是不是要写“name”"),
            "{all}"
        );
        assert!(all.contains("金额请写成 10.36"), "{all}");
        assert!(
            all.contains("不认识的字段“二级指标”") && all.contains("“level2”"),
            "{all}"
        );
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted, "in file order");
        assert!(
            lines
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                >= 4
        );
    }

    #[test]
    fn a_valid_file_has_none_and_a_missing_field_is_named() {
        assert!(find(Path::new("414.yaml"), &seed()).is_empty());
        let text = seed().replacen("schema: 1\n", "", 1);
        let found = find(Path::new("414.yaml"), &text);
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("缺少必填的“schema”")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_comma_in_a_flow_style_amount_is_explained() {
        let text = seed().replacen("total: 10.36", "total: 10,36", 1);
        let found = find(Path::new("414.yaml"), &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("逗号把数字断开了"), "{found:#?}");
        assert!(
            found[0]
                .expected
                .as_deref()
                .unwrap()
                .contains("小数点用“.”")
        );
    }

    #[test]
    fn amounts_get_a_hint_for_commas_and_units() {
        assert!(amount_hint("12,5").contains("金额请写成 12.5："));
        assert!(amount_hint("40万元").contains("金额请写成 40，单位万元已由表头给出"));
        // Nothing readable: the rule alone, no figure put in the clerk's mouth.
        let none = amount_hint("约万元");
        assert_eq!(none, Message::AmountHintDigits.to_string());
        assert!(amount_hint("1,2,3").contains("只写数字"));
    }

    /// `{ total: 10,36 }` in flow style: the hint shows 10.36, the clerk's own figure
    /// rewritten, and no other number.
    #[test]
    fn the_comma_hint_rewrites_the_clerks_own_figure() {
        let text = seed().replacen("total: 10.36", "total: 10,36", 1);
        assert!(
            text.contains("{ total: 10,36"),
            "the seed's amounts are in flow style"
        );
        let found = find(Path::new("414.yaml"), &text);
        let hint = found[0].expected.clone().unwrap();
        assert!(hint.starts_with("金额请写成 10.36："), "{hint}");
        let numbers: Vec<&str> = regex::Regex::new(r"\d+(\.\d+)?")
            .unwrap()
            .find_iter(&hint)
            .map(|m| m.as_str())
            .collect();
        assert_eq!(numbers, ["10.36"], "{hint}");
        let other = seed().replacen("total: 10.36", "total: 7，5", 1);
        let found = find(Path::new("414.yaml"), &other);
        let hints: Vec<_> = found.iter().filter_map(|d| d.expected.clone()).collect();
        assert!(hints.iter().any(|h| h.contains("7.5")), "{found:#?}");
    }
}
