//! A field path (`projects[3].indicators[2].value`) written the way the form names it
//! (`项目「食品抽检经费」› 第 3 条指标 › 指标值`), for the messages a publisher reads. The names
//! are the titles of the department file's JSON Schema ([`super::schema`]), so the model stays
//! the one place that names its fields.

use super::Document;
use crate::diagnostic::Diagnostic;
use serde_json::Value;

/// The definition a node points to (`$ref: #/$defs/Project`), or the node itself.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs")?.get(name))
            .unwrap_or(node),
        None => node,
    }
}

/// The schema of a property of an object node, looking through `$ref`, `anyOf` and `oneOf`
/// (an optional field is `anyOf [T, null]`).
fn property<'a>(root: &'a Value, node: &'a Value, key: &str) -> Option<&'a Value> {
    let node = resolve(root, node);
    if let Some(p) = node.get("properties").and_then(|p| p.get(key)) {
        return Some(p);
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| node.get(*k)?.as_array())
        .flatten()
        .find_map(|alt| property(root, alt, key))
}

/// The items schema of an array node.
fn items<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    let node = resolve(root, node);
    node.get("items").or_else(|| {
        ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| node.get(*k)?.as_array())
            .flatten()
            .find_map(|alt| items(root, alt))
    })
}

/// One step of a path: a key, and the list index after it if any (`indicators[2]`).
fn steps(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|seg| match seg.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse().ok()),
            None => (seg, None),
        })
        .collect()
}

/// The path in the form's words. With the document at hand a project is named by its
/// 项目名称; without it (a file that did not parse), by its place.
pub fn describe(path: &str, doc: Option<&Document>) -> String {
    let root = super::schema::value();
    let mut node = root;
    let mut parts = Vec::new();
    let mut project = None;
    for (key, index) in steps(path) {
        let Some(next) = property(root, node, key) else {
            parts.push(key.to_string());
            break;
        };
        let title = next.get("title").and_then(Value::as_str).unwrap_or(key);
        match index {
            None => parts.push(title.to_string()),
            Some(i) => {
                let label = match key {
                    "projects" => {
                        project = Some(i);
                        match doc.and_then(|d| d.projects.get(i)) {
                            Some(p) if !p.name.trim().is_empty() => format!("项目「{}」", p.name),
                            _ => format!("第 {} 个项目", i + 1),
                        }
                    }
                    "indicators" if project.is_some() => format!("第 {} 条指标", i + 1),
                    _ => format!("{title}第 {} 项", i + 1),
                };
                parts.push(label);
            }
        }
        node = match index {
            Some(_) => items(root, next).unwrap_or(next),
            None => next,
        };
    }
    if parts.is_empty() {
        return path.to_string();
    }
    parts.join(" › ")
}

/// A diagnostic rendered in Chinese with its field in the form's words, naming the project
/// from `doc` when the file parsed (see [`describe`]).
pub fn render(d: &Diagnostic, source: Option<&str>, doc: Option<&Document>) -> String {
    d.render_in(source, &|field| describe(field, doc))
}

/// The fields allowed where `path` points (an object), with their Chinese titles: what a
/// misspelt or Chinese-named key may have meant.
pub fn keys_at(path: &str) -> Vec<(String, String)> {
    let root = super::schema::value();
    let mut node = root;
    for (key, index) in steps(path) {
        let Some(next) = property(root, node, key) else {
            return Vec::new();
        };
        node = match index {
            Some(_) => items(root, next).unwrap_or(next),
            None => next,
        };
    }
    let mut keys = Vec::new();
    collect_keys(root, node, &mut keys);
    keys
}

fn collect_keys(root: &Value, node: &Value, out: &mut Vec<(String, String)>) {
    let node = resolve(root, node);
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            let title = p.get("title").and_then(Value::as_str).unwrap_or_default();
            out.push((k.clone(), title.to_string()));
        }
    }
    for alt in ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| node.get(*k)?.as_array())
        .flatten()
    {
        collect_keys(root, alt, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Document {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        crate::content::load::parse(&path, &text).unwrap()
    }

    #[test]
    fn a_row_of_a_project_is_named_as_the_form_names_it() {
        let doc = seed();
        let name = &doc.projects[2].name;
        assert_eq!(
            describe("projects[2].indicators[2].value", Some(&doc)),
            format!("项目「{name}」 › 第 3 条指标 › 指标值")
        );
        assert_eq!(
            describe("projects[2].indicators[2].value", None),
            "第 3 个项目 › 第 3 条指标 › 指标值"
        );
        assert_eq!(
            describe("projects[0].amounts.total", Some(&doc)),
            format!("项目「{}」 › 预算数 › 预算数", doc.projects[0].name)
        );
    }

    #[test]
    fn a_diagnostic_names_its_field_in_the_forms_words() {
        let d = Diagnostic {
            kind: crate::diagnostic::Kind::Schema,
            file: "content/2024/130225/414.yaml".into(),
            position: Some(crate::diagnostic::Position { line: 2, column: 3 }),
            field: Some("projects[0].name".into()),
            message: "invalid type".into(),
            expected: None,
        };
        let text = render(&d, Some("a: 1\n  name: [x]\n"), None);
        assert!(
            text.contains("= 位置：第 1 个项目 › 项目名称（projects[0].name）"),
            "{text}"
        );
        let doc = seed();
        let text = render(&d, None, Some(&doc));
        let name = &doc.projects[0].name;
        assert!(
            text.contains(&format!(
                "= 位置：项目「{name}」 › 项目名称（projects[0].name）"
            )),
            "{text}"
        );
    }

    #[test]
    fn fields_outside_projects_and_unknown_keys() {
        assert_eq!(describe("document.published", None), "文件信息 › 公开日期");
        assert_eq!(
            describe("department.region.code", None),
            "部门信息 › 所属地区 › 行政区划代码"
        );
        assert_eq!(
            describe("part1.sub_goals[1].goal", None),
            "第一部分 部门整体绩效目标 › 二、分项绩效目标第 2 项 › 绩效目标"
        );
        assert_eq!(describe("projects[0].nmae", None), "第 1 个项目 › nmae");
        assert_eq!(describe("", None), "");
    }

    #[test]
    fn the_keys_of_a_row_and_of_the_root() {
        let row = keys_at("projects[0].indicators[0]");
        assert!(
            row.contains(&("value".to_string(), "指标值".to_string())),
            "{row:?}"
        );
        let root: Vec<String> = keys_at("").into_iter().map(|k| k.0).collect();
        assert!(root.contains(&"projects".to_string()), "{root:?}");
        assert!(keys_at("nowhere.at_all").is_empty());
    }
}
