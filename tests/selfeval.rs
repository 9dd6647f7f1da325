//! Self-evaluations (绩效自评) built into the site: the bundled real forms on their own, and a
//! made-up one (tests/fixtures) beside its published targets.

use std::path::Path;

mod common;

const FIXTURE: &str = include_str!("fixtures/selfeval-130225-414.yaml");

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The site with the made-up self-evaluation of 乐亭县市场监督管理局 2024 added.
fn site_with_fixture() -> tempfile::TempDir {
    let dir = common::site_copy();
    let to = dir.path().join("content/selfeval/2024/130225/414.yaml");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::write(&to, FIXTURE).unwrap();
    dir
}

#[test]
fn the_bundled_self_evaluations_render_with_target_result_and_verdict() {
    let dir = common::site_copy();
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
    let site = dir.path();
    let lingling = read(site, "selfeval/2021/431102/lyj/index.html");
    // The rate as written, flagged with what the figures give.
    assert!(
        lingling.contains("执行率写作“100%”，但全年执行数 3824.26 ÷ 全年预算数 4753.66 = 80.4%")
    );
    // A row short of its target, with why, and the blank reason flagged.
    assert!(
        lingling.contains("实际完成值“1093万元”低于年度指标值“1100万元”"),
        "{lingling}"
    );
    assert!(lingling.contains("✗ 未达成"));
    assert!(lingling.contains("偏差原因分析及改进措施一栏空白"));
    // Its targets are not on the site: it stands on its own 年度指标值.
    assert!(lingling.contains("本站没有该部门2021年的绩效目标"));
    assert!(lingling.contains("source/21-yongzhou-lingling-linye-2021.txt"));
    assert!(
        site.join("public/selfeval/2021/431102/lyj/source/21-yongzhou-lingling-linye-2021.txt")
            .is_file()
    );
    let yongde = read(site, "selfeval/2022/530923/mlzx/index.html");
    assert!(yongde.contains("═100%") && yongde.contains("98%"));
    assert!(yongde.contains("100 / 96 / 优"));
    let index = read(site, "selfeval/index.html");
    assert!(
        index.contains("/selfeval/2021/431102/lyj/")
            && index.contains("/selfeval/2022/530923/mlzx/")
    );
    assert!(read(site, "index.html").contains("/selfeval/"));
    // CSV: the header, then one record per row with its verdict.
    let csv = read(site, "selfeval/2021/431102/lyj/data.csv");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().ends_with("判断,判断依据"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 13, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.contains("木材销售收入") && r.contains(",未达成,"))
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(site, "selfeval/2022/530923/mlzx/data.json")).unwrap();
    assert_eq!(json["tally"]["not_met"], 1, "{json}");
    assert_eq!(json["verdicts"][0][5]["verdict"], "not_met");
    assert_eq!(
        json["selfeval"]["projects"][0]["indicators"][0]["target"],
        "≧735人次"
    );
}

#[test]
fn a_self_evaluation_beside_its_targets_is_linked_summarised_and_checked() {
    let dir = site_with_fixture();
    let site = dir.path();
    gongkai::pipeline::build(site, &Default::default()).unwrap();
    let project = read(site, "2024/130225/414/13022524P00260210037A/index.html");
    assert!(
        project.contains("href=/selfeval/2024/130225/414/#p1>"),
        "{project}"
    );
    assert!(project.contains("✓ 达成 3"), "{project}");
    let dept = read(site, "2024/130225/414/index.html");
    assert!(dept.contains("绩效自评：目标完成了多少"));
    assert!(
        dept.contains("✗ 未达成 1") && dept.contains("? 无法判断 1"),
        "{dept}"
    );
    // A project without a self-evaluation says nothing of one.
    let other = read(site, "2024/130225/414/13022524P000024100069/index.html");
    assert!(!other.contains("/selfeval/"));
    let page = read(site, "selfeval/2024/130225/414/index.html");
    // The published target beside the differing one, linked to its row.
    assert!(page.contains("与公开的绩效目标不同"), "{page}");
    assert!(
        page.contains("href=/2024/130225/414/13022524P00260210037A/#r4>"),
        "{page}"
    );
    assert!(page.contains("查看本部门2024年公开的绩效目标"));
    // The comparison of the metric the row feeds shows what was done, beside the target.
    let cost = read(site, "compare/2024/project-cost/index.html");
    assert!(
        cost.contains("绩效自评：实际完成 <a href=/selfeval/2024/130225/414/#p1-r4>9万元</a>"),
        "{cost}"
    );
    assert!(cost.contains("✓ 达成</strong> · 项目执行率 100%"), "{cost}");
    let csv = read(site, "compare/2024/project-cost/data.csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("绩效自评实际完成值,绩效自评判断,绩效自评项目执行率")
    );
    assert!(
        csv.lines()
            .any(|l| l.contains("办公楼运维费") && l.ends_with(",9万元,达成,100%")),
        "{csv}"
    );
    let deadline = read(site, "compare/2024/completion-deadline/index.html");
    assert!(deadline.contains(">已完成</a>"), "{deadline}");
    assert_eq!(deadline.matches("绩效自评：").count(), 1);
    // `gongkai check` names each finding at its line.
    let report = gongkai::content::check::check(&site.join("content"));
    let found: Vec<(String, usize)> = (report.diagnostics.iter())
        .filter(|d| d.file.ends_with("selfeval/2024/130225/414.yaml"))
        .map(|d| (d.kind.code().to_string(), d.position.map_or(0, |p| p.line)))
        .collect();
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "selfeval-rate",
            "selfeval-shortfall-full-score",
            "selfeval-shortfall-no-reason",
            "selfeval-target-differs",
            "selfeval-score-above-weight",
            "selfeval-total",
        ],
        "{found:?}"
    );
    assert!(found.iter().all(|(_, line)| *line > 0), "{found:?}");
    // Printed with the line itself under the place.
    let text = report.render();
    assert!(
        text.contains("15 |     funds: { budget: 10.36, executed: 9, rate: 100%"),
        "{text}"
    );
}

#[test]
fn a_broken_self_evaluation_stops_the_build_at_its_line_and_keeps_the_site() {
    let dir = site_with_fixture();
    let site = dir.path();
    gongkai::pipeline::build(site, &Default::default()).unwrap();
    let before = read(site, "selfeval/2024/130225/414/index.html");
    let path = site.join("content/selfeval/2024/130225/414.yaml");
    std::fs::write(&path, FIXTURE.replace("actual: 90%", "actaul: 90%")).unwrap();
    let err = gongkai::pipeline::build(site, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("不认识的字段 `actaul`"), "{err}");
    assert!(
        err.contains("414.yaml") && err.contains("第 18 行"),
        "{err}"
    );
    assert_eq!(read(site, "selfeval/2024/130225/414/index.html"), before);
    // A file outside YEAR/REGION/ is named, not skipped.
    std::fs::write(&path, FIXTURE).unwrap();
    std::fs::write(site.join("content/selfeval/2024/414.yaml"), FIXTURE).unwrap();
    let err = gongkai::pipeline::build(site, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("绩效自评文件不在 年度/地区代码/ 文件夹中"),
        "{err}"
    );
}

/// The JSON Schema derived from the self-evaluation model accepts every bundled
/// self-evaluation and the fixture, and refuses a misspelt field.
#[test]
fn the_self_evaluation_schema_accepts_every_bundled_file() {
    // What `gongkai schema --selfeval` prints, Chinese titles included.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["schema", "--selfeval"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "绩效自评文件");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        gongkai::content::model::schema::selfeval()
    );
    let v = jsonschema::validator_for(&schema).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/selfeval");
    let mut texts: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(texts.len(), 3, "03, 07 and 21");
    texts.push(FIXTURE.to_string());
    for t in &texts {
        let doc: serde_json::Value = serde_yaml_ng::from_str(t).unwrap();
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let bad: serde_json::Value =
        serde_yaml_ng::from_str(&FIXTURE.replace("actual: 90%", "actaul: 90%")).unwrap();
    assert!(!v.is_valid(&bad));
}
