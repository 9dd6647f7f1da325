//! `gongkai init` and `gongkai new`: a new site builds at once; a new department's template
//! teaches the form in Chinese, and its placeholders stop the build until they are filled in.

use gongkai::diagnostic::Kind;
use gongkai::pipeline::{BuildError, BuildOptions, build};
use gongkai::scaffold::{NewRegion, ScaffoldError, init, new_department};
use std::path::Path;

fn code(c: &str) -> NewRegion {
    NewRegion::parse(c, None).unwrap()
}

/// Fills every placeholder of a `new` template the way a clerk would.
fn fill_in(template: &str) -> String {
    template
        .lines()
        .map(|line| {
            let (content, comment) = match line.find(" #") {
                Some(i) => line.split_at(i),
                None => (line, ""),
            };
            let content = if content.trim_start().starts_with("published:") {
                content.replace('…', "2025-02-01")
            } else if content.trim_start().starts_with("code: \"…\"") {
                content.replace('…', "13052925P000000000001")
            } else {
                content.replace("\"…\"", "\"≥650批次\"").replace('…', "甲")
            };
            format!("{content}{comment}\n")
        })
        .collect()
}

#[test]
fn init_makes_a_site_that_builds_with_its_schema_guide() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("county");
    init(&root).unwrap();
    let report = build(&root, &BuildOptions::default()).unwrap();
    assert_eq!(report.departments, 0);
    assert!(root.join("public/index.html").exists());
    let guide = std::fs::read_to_string(root.join("docs/schema.md")).unwrap();
    assert!(guide.contains("schema: 1"), "the schema guide is written");
    assert!(
        matches!(init(&root), Err(ScaffoldError::Exists(_))),
        "init must not overwrite a site"
    );
}

/// The guide's YAML examples explain each key in Chinese: every comment holds Chinese and no
/// English sentence (a name such as Markdown or README aside).
#[test]
fn the_schema_guides_yaml_comments_are_chinese() {
    let guide = include_str!("../docs/schema.md");
    let english = regex::Regex::new(r"[A-Za-z]{3,}[ ,;:]+[A-Za-z]{2,}").unwrap();
    let mut comments = 0;
    for block in guide.split("```yaml\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        for line in block.lines() {
            let Some(i) = line.find(" #") else { continue };
            let comment = line[i + 2..].trim();
            comments += 1;
            assert!(
                comment
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "not Chinese: {line}"
            );
            assert!(!english.is_match(comment), "English: {line}");
        }
    }
    assert!(comments >= 30, "{comments} comments");
}

#[test]
fn an_unfilled_template_is_refused_at_every_placeholder_and_builds_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("county");
    init(&root).unwrap();
    let path = new_department(&root, 2025, &code("130529"), "414").unwrap();
    assert!(path.ends_with("content/2025/130529/414.yaml"));
    let template = std::fs::read_to_string(&path).unwrap();
    assert!(
        template.contains("province: 河北省"),
        "the province follows from the code"
    );
    for key in [
        "year:",
        "compiled_by:",
        "name:",
        "level2:",
        "value:",
        "basis:",
    ] {
        let line = template
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap();
        let comment = line.split(" #").nth(1).unwrap_or_default();
        assert!(
            comment
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "`{key}` has no Chinese comment: {line}"
        );
    }

    let report = gongkai::check::check(&root.join("content"));
    let placeholders: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Placeholder)
        .collect();
    let lines_with_one = template
        .lines()
        .filter(|l| {
            let content = l.split(" #").next().unwrap_or_default();
            content.contains('…')
        })
        .count();
    assert!(placeholders.len() >= lines_with_one, "{placeholders:?}");
    assert!(placeholders.iter().all(|d| d.position.is_some()));
    assert!(
        placeholders
            .iter()
            .any(|d| d.field.as_deref() == Some("projects[0].indicators[0].value")),
        "{placeholders:?}"
    );
    let err = build(&root, &BuildOptions::default()).unwrap_err();
    assert!(matches!(err, BuildError::Content { .. }), "{err}");
    assert!(err.to_string().contains("占位符"), "{err}");
    assert!(
        !root.join("public/2025").exists(),
        "nothing of it is published"
    );

    std::fs::write(&path, fill_in(&template)).unwrap();
    let report = build(&root, &BuildOptions::default()).unwrap();
    assert_eq!(report.departments, 1);
    assert!(root.join("public/2025/130529/414/index.html").exists());
    assert!(
        matches!(
            new_department(&root, 2025, &code("130529"), "414"),
            Err(ScaffoldError::Exists(_))
        ),
        "new must not overwrite"
    );
}

#[test]
fn new_refuses_a_short_year_a_bad_region_and_a_bad_department_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let refused = |r: Result<(), ScaffoldError>| {
        let e = r.unwrap_err();
        let text = e.to_string();
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
        e
    };
    assert!(matches!(
        refused(new_department(root, 25, &code("130225"), "416").map(|_| ())),
        ScaffoldError::Year(25)
    ));
    for bad in ["13022", "990000", "../x", "乐亭县", "gaoxin"] {
        assert!(matches!(
            refused(NewRegion::parse(bad, None).map(|_| ())),
            ScaffoldError::Region(_)
        ));
    }
    assert!(matches!(
        refused(NewRegion::parse("unstated", None).map(|_| ())),
        ScaffoldError::Slug
    ));
    assert!(matches!(
        refused(NewRegion::parse("unstated", Some("高新")).map(|_| ())),
        ScaffoldError::Slug
    ));
    assert!(matches!(
        refused(new_department(root, 2025, &code("130225"), "../x").map(|_| ())),
        ScaffoldError::Department(_)
    ));
    assert!(
        !Path::new(root).join("content").exists(),
        "nothing was written"
    );
}

#[test]
fn new_for_an_unstated_region_uses_the_slug() {
    let dir = tempfile::tempdir().unwrap();
    let region = NewRegion::parse("unstated", Some("gaoxin")).unwrap();
    let path = new_department(dir.path(), 2025, &region, "scjgj").unwrap();
    assert!(path.ends_with("content/2025/gaoxin/scjgj.yaml"));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("slug: gaoxin") && text.contains("unstated: …"));
}

/// The department file's JSON Schema, as `gongkai init` writes it.
fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&gongkai::model::schema::department()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn as_json(yaml: &str) -> serde_json::Value {
    serde_yaml_ng::from_str(yaml).unwrap()
}

#[test]
fn the_json_schema_accepts_every_bundled_file_and_the_filled_template() {
    let v = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let path = entry.path();
        // Self-evaluations have their own schema (tests/selfeval.rs).
        if path.extension().is_some_and(|e| e == "yaml")
            && path.parent() != Some(root.as_path())
            && !path.starts_with(root.join("selfeval"))
        {
            let doc = as_json(&std::fs::read_to_string(path).unwrap());
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 4, "the four bundled documents");

    let dir = tempfile::tempdir().unwrap();
    init(dir.path()).unwrap();
    let on_disk = std::fs::read_to_string(dir.path().join("docs/department.schema.json")).unwrap();
    assert_eq!(on_disk, gongkai::model::schema::department());
    let path = new_department(dir.path(), 2025, &code("130529"), "414").unwrap();
    let template = std::fs::read_to_string(&path).unwrap();
    assert!(
        template
            .starts_with("# yaml-language-server: $schema=../../../docs/department.schema.json"),
        "the template names its schema on the first line"
    );
    let schema_from_file = path
        .parent()
        .unwrap()
        .join("../../../docs/department.schema.json");
    assert!(schema_from_file.exists(), "the modeline's path resolves");
    let filled = as_json(&fill_in(&template));
    let errors: Vec<String> = v.iter_errors(&filled).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_json_schema_flags_an_unknown_field_and_an_amount_with_a_comma() {
    let v = validator();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml"),
    )
    .unwrap();
    let typo = text.replacen("  name: ", "  nmae: ", 1);
    assert!(!v.is_valid(&as_json(&typo)), "an unknown field");
    let at = text.find("total: ").unwrap() + "total: ".len();
    let digits = text[at..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap();
    let comma = format!("{}\"12,5\"{}", &text[..at], &text[at + digits..]);
    assert!(!v.is_valid(&as_json(&comma)), "an amount written 12,5");
    assert!(v.is_valid(&as_json(&text)));
}
