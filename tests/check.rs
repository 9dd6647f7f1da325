//! `gongkai check` on bad input of every kind: each gives a clear diagnostic, never a panic.

use gongkai::check::{Report, check};
use gongkai::diagnostic::{Kind, Severity};
use gongkai::review::Rule;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A department file without a mistake: one project with one indicator row.
const GOOD: &str = concat!(
    include_str!("fixtures/one-project.yaml"),
    r#"      - level1: 产出指标
        level2: 数量指标
        name: 食品抽检批次
        description: 食品抽检批次
        value: "≥650批次"
"#
);

fn site_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

fn check_one(bytes: &[u8]) -> Report {
    let dir = site_with(&[("2024/130529/414.yaml", bytes)]);
    check(dir.path())
}

fn only_error(r: &Report) -> &gongkai::diagnostic::Diagnostic {
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{}", r.render());
    errors[0]
}

#[test]
fn good_file_passes() {
    let r = check_one(GOOD.as_bytes());
    assert_eq!(r.count(Severity::Error), 0, "{}", r.render());
    assert_eq!(r.loaded.files.len(), 1);
}

#[test]
fn unknown_field_names_file_line_column_and_field() {
    let bad = GOOD.replace("        value: \"≥650批次\"", "        valeu: \"≥650批次\"");
    let r = check_one(bad.as_bytes());
    let d = only_error(&r);
    assert_eq!(d.kind, Kind::Schema);
    assert!(d.file.ends_with("2024/130529/414.yaml"));
    let p = d.position.unwrap();
    assert_eq!((p.line, p.column), (25, 9));
    assert_eq!(d.field.as_deref(), Some("projects[0].indicators[0].valeu"));
    assert!(d.message.contains("不认识的字段“valeu”"), "{}", d.message);
    assert!(d.expected.as_deref().unwrap().contains("value"));
    let text = r.render();
    assert!(text.contains("414.yaml:25:9"), "{text}");
}

#[test]
fn wrong_type_and_missing_field() {
    let bad = GOOD.replace("total: 30.00", "total: [30]");
    let d = only_error(&check_one(bad.as_bytes())).clone();
    assert_eq!(d.kind, Kind::Schema);
    assert_eq!(d.field.as_deref(), Some("projects[0].amounts.total"));
    assert_eq!(d.position.unwrap().line, 19);

    let bad = GOOD.replace("    name: 食品抽检经费\n", "");
    let d = only_error(&check_one(bad.as_bytes())).clone();
    assert!(d.message.contains("缺少必填的“name”"), "{}", d.message);

    let bad = GOOD.replace("status: 草案", "status: draft");
    let d = only_error(&check_one(bad.as_bytes())).clone();
    assert!(d.expected.as_deref().unwrap().contains("草案"), "{d:?}");
    assert_eq!(d.field.as_deref(), Some("document.status"));
}

#[test]
fn unparseable_amount_is_an_error_at_its_place() {
    let bad = GOOD.replace("total: 30.00", "total: 三十");
    let d = only_error(&check_one(bad.as_bytes())).clone();
    assert!(
        d.message.contains("金额“三十”不是一个数字"),
        "{}",
        d.message
    );
    assert_eq!(d.position.unwrap().line, 19);
}

#[test]
fn yaml_syntax_error() {
    let bad = GOOD.replace(
        "amounts: { total: 30.00, fiscal: 30.00 }",
        "amounts: { total: 30.00, fiscal: 30.00",
    );
    let d = only_error(&check_one(bad.as_bytes())).clone();
    assert_eq!(d.kind, Kind::YamlSyntax);
    assert!(d.position.is_some());
}

#[test]
fn not_utf8_names_the_line() {
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("巨鹿县市场").unwrap();
    bytes.splice(at..at + 3, [0xBE, 0xDE]); // GBK bytes for 巨
    let d = only_error(&check_one(&bytes)).clone();
    assert_eq!(d.kind, Kind::NotUtf8);
    assert_eq!(d.position.unwrap().line, 6);
    assert!(d.expected.unwrap().contains("GBK"));
}

#[test]
fn bom_and_crlf_are_handled() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(GOOD.replace('\n', "\r\n").as_bytes());
    let r = check_one(&bytes);
    assert_eq!(r.count(Severity::Error), 0, "{}", r.render());
    assert!(r.diagnostics.iter().any(|d| d.kind == Kind::ByteOrderMark));
    assert_eq!(r.loaded.files[0].document.projects[0].name, "食品抽检经费");
}

#[test]
fn empty_and_huge_files() {
    let d = only_error(&check_one(b"  \n")).clone();
    assert_eq!(d.kind, Kind::EmptyFile);
    let huge = vec![b'#'; 50 * 1024 * 1024];
    let start = Instant::now();
    let d = only_error(&check_one(&huge)).clone();
    assert_eq!(d.kind, Kind::TooLarge);
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused() {
    let deep = format!(
        "schema: 1\nprojects: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let d = only_error(&check_one(deep.as_bytes())).clone();
    assert!(matches!(d.kind, Kind::Limits | Kind::YamlSyntax), "{d:?}");

    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        .windows(2)
        .map(|w| (w[0], w[1]))
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let start = Instant::now();
    let r = check_one(bomb.as_bytes());
    assert_eq!(r.count(Severity::Error), 1, "{}", r.render());
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn cross_file_errors_and_every_problem_reported() {
    let dup = GOOD.replace("巨鹿县市场", "另一");
    let undeclared = GOOD
        .replace("code: 13052924P0000000001A", "code: 13052924P0000000002B")
        .replace("  - unit: \"414001\"", "  - unit: \"999999\"");
    let broken = GOOD.replace("status: 草案", "status: [");
    let dir = site_with(&[
        ("2024/130529/414.yaml", GOOD.as_bytes()),
        ("2024/130529/415.yaml", dup.as_bytes()),
        ("2024/130529/416.yaml", undeclared.as_bytes()),
        ("2024/130529/417.yaml", broken.as_bytes()),
    ]);
    let r = check(dir.path());
    let kinds: Vec<Kind> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.kind)
        .collect();
    assert!(kinds.contains(&Kind::DuplicateCode), "{}", r.render());
    assert!(kinds.contains(&Kind::UndeclaredUnit), "{}", r.render());
    assert!(kinds.contains(&Kind::YamlSyntax), "{}", r.render());
    let dup_diag = r
        .diagnostics
        .iter()
        .find(|d| d.kind == Kind::DuplicateCode)
        .unwrap();
    assert!(dup_diag.file.ends_with("415.yaml"));
    assert_eq!(dup_diag.field.as_deref(), Some("projects[0].code"));
}

#[test]
fn warnings_for_sums_plans_and_code_prefixes() {
    let bad = GOOD
        .replace("amounts: { total: 30.00, fiscal: 30.00 }", "amounts: { total: 30.00, fiscal: 20.00, other: 5 }\n    spending_plan:\n      - { by: 3月底, percent: 50% }\n      - { by: 6月底, percent: 40% }")
        .replace("13052924P0000000001A", "13022524P0000000001A");
    let r = check_one(bad.as_bytes());
    assert_eq!(r.count(Severity::Error), 0, "{}", r.render());
    let kinds: Vec<Kind> = r.diagnostics.iter().map(|d| d.kind).collect();
    for k in [
        Kind::Review(Rule::AmountSum),
        Kind::Review(Rule::SpendingPlan),
        Kind::CodePrefix,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing: {}", r.render());
    }
    let sum = r
        .diagnostics
        .iter()
        .find(|d| d.kind == Kind::Review(Rule::AmountSum))
        .unwrap();
    assert!(
        sum.message.contains("25.00万元") && sum.message.contains("30.00万元"),
        "{}",
        sum.message
    );
}

#[test]
fn cli_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_gongkai");
    let ok = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["check", "content"])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let strict = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["check", "content", "--deny-warnings"])
        .output()
        .unwrap();
    assert!(!strict.status.success());
    let dir = site_with(&[("2024/130529/414.yaml", b"schema: 1\n")]);
    let bad = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("缺少必填的“document”"), "{err}");
    assert!(
        err.contains("缺少必填的“department”"),
        "both missing fields at once: {err}"
    );
    assert!(Path::new(bin).exists());
}

#[test]
fn docs_example_is_a_valid_file() {
    let doc = std::fs::read_to_string("docs/schema.md").unwrap();
    let start = doc.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let r = check_one(&doc.as_bytes()[start..end]);
    assert_eq!(r.count(Severity::Error), 0, "{}", r.render());
    assert_eq!(r.loaded.files[0].document.projects[0].indicators.len(), 2);
}

#[test]
fn synthetic_content_is_valid_and_deterministic() {
    let real = gongkai::content::load::load_dir(Path::new("content"), false);
    let pools = gongkai::synth::Pools::from_files(&real.files);
    let plan = gongkai::synth::Plan {
        departments: 40,
        years: 2,
        last_year: 2024,
        seed: 7,
    };
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert_eq!(
        gongkai::synth::generate(&plan, &pools, a.path()).unwrap(),
        80
    );
    gongkai::synth::generate(&plan, &pools, b.path()).unwrap();
    let r = check(a.path());
    assert_eq!(r.count(Severity::Error), 0, "{}", r.render());
    assert_eq!(r.loaded.files.len(), 80);
    for f in &r.loaded.files {
        let n = f.document.projects.len();
        assert!((5..=15).contains(&n), "{} has {n} projects", f.rel);
        for p in &f.document.projects {
            assert!((6..=40).contains(&p.indicators.len()));
        }
        let other = std::fs::read(b.path().join(&f.rel)).unwrap();
        assert_eq!(
            f.text.as_bytes(),
            other.as_slice(),
            "{} differs between runs",
            f.rel
        );
    }
    // The county named in the search issue's examples exists, so benchmarks can query it.
    assert!(
        r.loaded
            .files
            .iter()
            .any(|f| f.document.department.name.starts_with("曹妃甸"))
    );
}
