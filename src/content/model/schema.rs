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
