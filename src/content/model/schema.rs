//! The JSON Schema of a department file, derived from the model itself (schemars), with the
//! form's Chinese names as titles: an editor with a YAML plugin completes and checks fields
//! from it. `gongkai schema` prints it; `gongkai init` writes it beside the schema guide, and
//! the `new` template names it on its first line.

use super::Document;

/// Where a site keeps the schema, relative to its root.
pub const SITE_PATH: &str = "docs/department.schema.json";

/// The template's first line: the yaml-language-server comment pointing at the schema from
/// `content/YEAR/REGION/DEPT.yaml`.
pub const MODELINE: &str = "# yaml-language-server: $schema=../../../docs/department.schema.json";

/// The schema as a JSON value, made once per process: the field names of messages
/// ([`super::field_name`]) and the check of every schema error read it.
pub fn value() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default())
}

/// The schema as pretty-printed JSON, ending with a newline.
pub fn department() -> String {
    // From the generated schema itself: a JSON value would reorder its keys.
    let mut text =
        serde_json::to_string_pretty(&schemars::schema_for!(Document)).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of a self-evaluation file (`content/selfeval/…`, [`super::selfeval`]) as
/// pretty-printed JSON, ending with a newline: `gongkai schema --selfeval`.
pub fn selfeval() -> String {
    let mut text =
        serde_json::to_string_pretty(&schemars::schema_for!(super::selfeval::SelfEvaluation))
            .unwrap_or_default();
    text.push('\n');
    text
}

/// Every field a department file may hold, as a path of keys from the top (`schema`,
/// `department.region.code`, `projects[].indicators[].value`; `[]` stands for each item of a
/// list), walked from [`value`] through its references and alternatives. Tests hold the
/// `new` template and the import draft to it field by field.
pub fn field_paths() -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let root = value();
    walk(root, root, "", &mut out, 0);
    out
}

/// Adds the fields under the schema node `v` (at `path`) to `out`.
fn walk(
    v: &serde_json::Value,
    root: &serde_json::Value,
    path: &str,
    out: &mut std::collections::BTreeSet<String>,
    depth: usize,
) {
    // The model is a tree a few levels deep; the bound only guards against a recursive type.
    if depth > 16 {
        return;
    }
    if let Some(target) = v.get("$ref").and_then(|r| r.as_str())
        && let Some(def) = root.pointer(target.trim_start_matches('#'))
    {
        walk(def, root, path, out, depth + 1);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alternative in v.get(key).and_then(|a| a.as_array()).into_iter().flatten() {
            walk(alternative, root, path, out, depth + 1);
        }
    }
    if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
        for (key, field) in props {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            out.insert(here.clone());
            walk(field, root, &here, out, depth + 1);
        }
    }
    if let Some(items) = v.get("items") {
        walk(items, root, &format!("{path}[]"), out, depth + 1);
    }
}

/// The same paths for a YAML or JSON value: every key of every mapping, lists as `[]`.
pub fn value_paths(v: &serde_json::Value) -> std::collections::BTreeSet<String> {
    fn go(v: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let here = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    out.insert(here.clone());
                    go(child, &here, out);
                }
            }
            serde_json::Value::Array(items) => {
                for child in items {
                    go(child, &format!("{path}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    go(v, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every property of every object in the schema, with its title.
    fn properties(v: &serde_json::Value, path: &str, out: &mut Vec<(String, Option<String>)>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    for (k, p) in props {
                        let title = p.get("title").and_then(|t| t.as_str()).map(String::from);
                        out.push((format!("{path}.{k}"), title));
                    }
                }
                for (k, child) in map {
                    properties(child, &format!("{path}/{k}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for child in items {
                    properties(child, path, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_field_of_the_model_has_a_chinese_title() {
        let schema: serde_json::Value = serde_json::from_str(&department()).unwrap();
        let mut props = Vec::new();
        properties(&schema, "", &mut props);
        assert!(props.len() > 40, "{props:?}");
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let untitled: Vec<_> = props
            .iter()
            .filter(|(_, t)| !t.as_deref().is_some_and(han))
            .collect();
        assert!(
            untitled.is_empty(),
            "fields without a Chinese title: {untitled:?}"
        );
    }

    #[test]
    fn the_field_paths_reach_into_lists_references_and_alternatives() {
        let paths = field_paths();
        for p in [
            "schema",
            "document.year",
            "department.name",
            "department.region.code",
            "projects[].amounts.total",
            "projects[].indicators[].value",
            "projects[].spending_plan[].percent",
        ] {
            assert!(paths.contains(p), "{p} missing from {paths:?}");
        }
    }

    #[test]
    fn the_checked_in_schema_is_the_one_the_model_gives() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SITE_PATH);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == department(),
            "{} is out of date: run `cargo run -- schema > {SITE_PATH}`",
            path.display()
        );
    }
}
