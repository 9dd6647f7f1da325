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
        project.contains("href=\"/selfeval/2024/130225/414/#p1\">"),
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
        page.contains("href=\"/2024/130225/414/13022524P00260210037A/#r4\">"),
        "{page}"
    );
    assert!(page.contains("查看本部门2024年公开的绩效目标"));
    // The comparison of the metric the row feeds shows what was done, beside the target.
    let cost = read(site, "compare/2024/project-cost/index.html");
    assert!(
        cost.contains("绩效自评：实际完成 <a href=\"/selfeval/2024/130225/414/#p1-r4\">9万元</a>"),
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
    let report = gongkai::check::check(&site.join("content"));
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
    assert!(err.contains("不认识的字段“actaul”"), "{err}");
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
    assert_eq!(texts.len(), 4, "03, 07, 09 and 21");
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

/// The self-evaluation checks speak through the message catalogue: `gongkai check` in
/// Chinese by default and in English with `--lang en`, each at its line; the pages stay
/// Chinese whatever the publisher's language. 03 永德's 资金到位及时率 (≧100%, 100% reached,
/// scored 7 of 10) is flagged as met but not scored full.
#[test]
fn the_self_evaluation_checks_speak_both_languages_and_pages_stay_chinese() {
    let dir = common::site_copy();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
    };
    let zh = run(&["check"]);
    assert!(
        zh.contains("警告[selfeval-met-not-full-score]: 项目「义务教育营养改善计划专项资金」：「资金到位及时率」实际完成值“100%”达到年度指标值“≧100%”，得分 7 却低于分值 10"),
        "{zh}"
    );
    assert!(zh.contains("mlzx.yaml:74:16"), "{zh}");
    assert!(zh.contains("执行率写作“100%”，但全年执行数 3824.26 ÷ 全年预算数 4753.66 = 80.4%"));
    let en = run(&["--lang", "en", "check"]);
    assert!(
        en.contains("warning[selfeval-met-not-full-score]: project `义务教育营养改善计划专项资金`: row `资金到位及时率`: the actual value `100%` meets the target `≧100%`, yet scores 7, below its weight 10"),
        "{en}"
    );
    assert!(en.contains(
        "the execution rate is written `100%`, but executed 3824.26 / budget 4753.66 = 80.4%"
    ));
    for line in en.lines().filter(|l| l.starts_with("warning[selfeval-")) {
        // Nothing Chinese but the data quoted (names and values between backticks).
        let words: String = line.split('`').step_by(2).collect();
        assert!(
            !words
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{line}"
        );
    }
    run(&["--lang", "en", "build"]);
    let page = read(dir.path(), "selfeval/2022/530923/mlzx/index.html");
    assert!(
        page.contains(
            "「资金到位及时率」实际完成值“100%”达到年度指标值“≧100%”，得分 7 却低于分值 10"
        ),
        "{page}"
    );
    assert!(!page.contains("meets the target"));
}

/// A department's own `data.csv` and `data.json` carry the results of its self-evaluation:
/// the made-up one beside 乐亭县市场监督管理局 2024 adds five columns to its CSV and a
/// `selfeval` part to its JSON, and a schema of its own in the year's data package; every
/// other department's downloads, and the bundled site's (whose self-evaluations have no
/// targets on the site), are the same bytes as without it.
#[test]
fn a_departments_downloads_carry_its_self_evaluation_and_no_other_changes() {
    let plain = common::site_copy();
    gongkai::pipeline::build(plain.path(), &Default::default()).unwrap();
    let with = site_with_fixture();
    gongkai::pipeline::build(with.path(), &Default::default()).unwrap();
    let dept = "2024/130225/414/";
    let downloads = |root: &Path| -> Vec<String> {
        let public = root.join("public");
        let mut v: Vec<String> = walkdir::WalkDir::new(&public)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| {
                e.path()
                    .strip_prefix(&public)
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            })
            .filter(|p| {
                // Comparisons gain their own columns (tested beside them).
                !p.starts_with("selfeval/")
                    && !p.starts_with("compare/")
                    && (p.ends_with("data.csv")
                        || p.ends_with("data.json")
                        || p.ends_with("datapackage.json")
                        || p.ends_with(".schema.json"))
            })
            .collect();
        v.sort();
        v
    };
    let (before, after) = (downloads(plain.path()), downloads(with.path()));
    assert!(before.len() >= 10, "{before:?}");
    let mut changed = Vec::new();
    for rel in &after {
        let new = std::fs::read(with.path().join("public").join(rel)).unwrap();
        match std::fs::read(plain.path().join("public").join(rel)) {
            Ok(old) if old == new => {}
            _ => changed.push(rel.as_str()),
        }
    }
    assert_eq!(
        changed,
        [
            "2024/130225/414/data.csv",
            "2024/130225/414/data.json",
            "2024/datapackage.json",
            "2024/indicators-selfeval.schema.json",
        ]
    );
    // The CSV: the same records as before, each followed by the row's result.
    let old_csv = read(plain.path(), &format!("{dept}data.csv"));
    let new_csv = read(with.path(), &format!("{dept}data.csv"));
    assert_eq!(old_csv.lines().count(), new_csv.lines().count());
    for (o, n) in old_csv.lines().zip(new_csv.lines()) {
        assert!(n.starts_with(o), "{o}\n{n}");
    }
    let header = new_csv.lines().next().unwrap();
    assert!(header.ends_with(
        ",项目页面,绩效自评实际完成值,绩效自评判断,绩效自评判断依据,绩效自评项目执行率,绩效自评页面"
    ));
    assert!(new_csv.contains(
        ",90%,未达成,实际完成值“90%”低于年度指标值“≥95%”,100%,selfeval/2024/130225/414/#p1-r2"
    ));
    let judged = (new_csv.lines().skip(1))
        .filter(|l| l.contains(",达成,") || l.contains(",未达成,") || l.contains(",无法判断,"))
        .count();
    // The JSON: the document as before, then its self-evaluation's rows.
    let old: serde_json::Value =
        serde_json::from_str(&read(plain.path(), &format!("{dept}data.json"))).unwrap();
    let mut new: serde_json::Value =
        serde_json::from_str(&read(with.path(), &format!("{dept}data.json"))).unwrap();
    let part = new.as_object_mut().unwrap().remove("selfeval").unwrap();
    assert_eq!(old, new);
    assert_eq!(part["path"], "selfeval/2024/130225/414/");
    let rows = part["rows"].as_array().unwrap();
    assert_eq!(rows.len(), judged);
    assert_eq!(rows[1]["row"], 2);
    assert_eq!(rows[1]["verdict"], "未达成");
    assert_eq!(part["tally"]["not_met"], 1, "{part}");
    // The data package names the wider schema for that CSV only, and it lists the columns.
    let pkg: serde_json::Value =
        serde_json::from_str(&read(with.path(), "2024/datapackage.json")).unwrap();
    let schemas: Vec<(&str, &str)> = (pkg["resources"].as_array().unwrap().iter())
        .map(|r| (r["path"].as_str().unwrap(), r["schema"].as_str().unwrap()))
        .collect();
    assert!(schemas.contains(&("130225/414/data.csv", "indicators-selfeval.schema.json")));
    assert!(
        schemas
            .iter()
            .filter(|(p, _)| *p != "130225/414/data.csv")
            .all(|(_, s)| *s == "indicators.schema.json"),
        "{schemas:?}"
    );
    let wide: serde_json::Value =
        serde_json::from_str(&read(with.path(), "2024/indicators-selfeval.schema.json")).unwrap();
    let titles: Vec<&str> = (wide["fields"].as_array().unwrap().iter())
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), header.split(',').count());
    assert_eq!(titles.join(","), header.trim_start_matches('\u{feff}'));
}

/// The corpus self-evaluation 09 (中江县水利局 2022), whose cells are glued into one line, is
/// typed as written: each indicator row's cells, the funds and the totals, joined in the
/// form's column order, are found in the source verbatim; its page shows every row's verdict
/// and the totals that do not add up (110 against the written 100) are flagged.
#[test]
fn the_glued_corpus_self_evaluation_09_is_typed_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source =
        std::fs::read_to_string(root.join("content/sources/09-zhongjiang-shuili-2022.txt"))
            .unwrap();
    assert_eq!(
        source,
        std::fs::read_to_string(root.join("tests/corpus/09-zhongjiang-shuili-2022.txt")).unwrap()
    );
    let se: gongkai::content::model::selfeval::SelfEvaluation = serde_saphyr::from_str(
        &std::fs::read_to_string(root.join("content/selfeval/2022/510623/slj.yaml")).unwrap(),
    )
    .unwrap();
    assert_eq!(se.projects.len(), 1);
    let p = &se.projects[0];
    assert!(source.contains(&format!("项目名称{}项目负责人及电话", p.name)));
    let points = |x: &Option<gongkai::content::model::selfeval::Points>| {
        x.as_ref().unwrap().raw().to_string()
    };
    let mut typed = 0;
    for r in p.indicators.iter().filter(|r| !r.is_empty_row()) {
        let cells = format!(
            "{}{}{}{}{}",
            r.name,
            points(&r.weight),
            r.target.raw(),
            r.actual.raw(),
            points(&r.score)
        );
        assert!(source.contains(&cells), "{cells}");
        typed += 1;
    }
    assert_eq!(typed, 9);
    let f = &p.funds;
    let funds = format!(
        "年度资金总额:{}{}{}{}{}其中:本年财政拨款{}{}其他资金",
        f.budget.unwrap(),
        f.executed.unwrap(),
        points(&f.weight),
        f.rate.raw(),
        points(&f.score),
        f.rows[0].budget.unwrap(),
        f.rows[0].executed.unwrap()
    );
    assert!(source.contains(&funds), "{funds}");
    let t = p.total.as_ref().unwrap();
    assert!(source.contains(&format!(
        "……总分{}{}注:",
        points(&t.weight),
        points(&t.score)
    )));
    // Built: every row judged, the totals flagged, the source beside the page.
    let dir = common::site_copy();
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
    let page = read(dir.path(), "selfeval/2022/510623/slj/index.html");
    assert_eq!(page.matches("✓ 达成</strong>").count(), 9, "{page}");
    assert!(page.contains("执行率得分与各项指标得分之和为 110，自评得分写作 100"));
    assert!(page.contains("执行率分值与各项指标分值之和为 110，总分写作 100"));
    assert!(page.contains("本站没有该部门2022年的绩效目标"));
    assert!(
        dir.path()
            .join("public/selfeval/2022/510623/slj/source/09-zhongjiang-shuili-2022.txt")
            .is_file()
    );
}
