//! Comparison pages built from the bundled content: the 2024 food-sampling table, regions
//! without a metric, unit mismatches, the overview against the documents, pins, and a region
//! compared across years.

use common::site_copy;
use gongkai::pipeline::{BuildOptions, build};
use std::path::Path;

mod common;
#[path = "common/synthetic.rs"]
mod synthetic;

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The CSV at `rel` as records (header first).
fn csv(root: &Path, rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(root.join("public").join(rel)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{rel}: no byte-order mark"
    );
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The CSV row of `region` (its name in column 2).
fn rows_of<'a>(table: &'a [Vec<String>], region: &str) -> Vec<&'a Vec<String>> {
    table.iter().filter(|r| r[2] == region).collect()
}

#[test]
fn food_sampling_2024_compares_the_three_counties_with_their_projects_and_budgets() {
    let site = site_copy();
    build(site.path(), &BuildOptions::default()).unwrap();
    let root = site.path();
    let table = csv(root, "compare/2024/food-sampling/data.csv");
    // 年度,地区代码,地区,部门,指标,三级指标,指标值（原文）,比较,数值,单位,单位一致,项目,项目编码,项目预算（万元）,
    // 每单位成本,每单位成本算式或不能折算的原因,所除的预算
    let expect = [
        (
            "巨鹿县",
            "食品抽检批次",
            "≥650批次",
            "650",
            "食品抽检经费",
            "30.00",
            (
                "461.5元/批次",
                "30万元 ÷ 650批次",
                "成本指标“全年食品抽检经费金额”",
            ),
        ),
        (
            "乐亭县",
            "检测数量",
            "3500批次",
            "3500",
            "食品药品宣传检测执法经费",
            "263.00",
            (
                "751.4元/批次",
                "263万元 ÷ 3500批次",
                "项目预算数（本项目唯一的数量指标）",
            ),
        ),
        (
            "河西区",
            "专项监督抽检批次数",
            "≥1145批次",
            "1145",
            "食品安全工作经费",
            "810.00",
            // Not 810万元: the project also pays for rapid tests, staff and printing.
            (
                "1196.5元/批次",
                "137万元 ÷ 1145批次",
                "成本指标“监督抽检总费用”",
            ),
        ),
    ];
    for (region, name, value, number, project, budget, cost) in expect {
        let rows = rows_of(&table, region);
        assert_eq!(rows.len(), 1, "{region}: {rows:?}");
        let r = rows[0];
        assert_eq!(
            (
                &*r[5],
                &*r[6],
                &*r[8],
                &*r[9],
                &*r[10],
                &*r[11],
                &*r[13],
                (&*r[14], &*r[15], &*r[16])
            ),
            (name, value, number, "批次", "是", project, budget, cost),
            "{region}"
        );
    }
    let html = read(root, "compare/2024/food-sampling/index.html");
    // Each value links to its row on the project page, and the arithmetic is shown.
    assert!(
        html.contains("<strong class=value>≥650批次</strong>"),
        "{html}"
    );
    assert!(
        html.contains("每单位：<strong>461.5元/批次</strong> = 30万元 ÷ 650批次<br>所除预算：成本指标“全年食品抽检经费金额”"),
        "{html}"
    );
    let link = "/2024/130225/414/13022524P000024100069/#r1";
    assert!(
        html.contains(&format!("<a href=\"{link}\">检测数量</a>")),
        "{html}"
    );
    assert!(read(root, "2024/130225/414/13022524P000024100069/index.html").contains("id=\"r1\""));
    // The chart draws all three, labelled for screen readers.
    assert!(
        html.contains(
            "<desc id=\"chart-d\">河西区：≥1145批次；乐亭县：3500批次；巨鹿县：≥650批次</desc>"
        ),
        "{html}"
    );
    assert!(html.contains("href=\"/compare/2024/food-sampling/data.csv\""));
    // Reachable from the home, year and department pages.
    assert!(read(root, "index.html").contains("href=\"/compare/\""));
    assert!(read(root, "2024/index.html").contains("href=\"/compare/2024/\""));
    assert!(read(root, "2024/130529/414/index.html").contains("href=\"/compare/2024/\""));
    let index = read(root, "compare/index.html");
    assert!(
        index.contains("href=\"/compare/2024/food-sampling/\">食品抽检批次</a>"),
        "{index}"
    );
}

#[test]
fn a_region_without_the_metric_and_a_unit_mismatch_are_shown_as_such() {
    let site = site_copy();
    build(site.path(), &BuildOptions::default()).unwrap();
    let root = site.path();
    // 乐亭县 sets no fuel-sampling target: listed, not left out.
    let fuel = csv(root, "compare/2024/fuel-sampling/data.csv");
    assert_eq!(fuel.len(), 1 + 3, "{fuel:?}");
    let lt = rows_of(&fuel, "乐亭县");
    assert_eq!(lt.len(), 1);
    assert_eq!(lt[0][5], "未设置此指标");
    let html = read(root, "compare/2024/fuel-sampling/index.html");
    assert!(
        html.contains("<a href=\"/2024/130225/\">乐亭县</a></th><td colspan=2>未设置此指标"),
        "{html}"
    );
    // 乐亭县's 检查数量 ≥95% under 特种设备: a percentage where 户/家 are counted.
    let se = csv(root, "compare/2024/special-equipment-inspections/data.csv");
    let pct: Vec<_> = rows_of(&se, "乐亭县")
        .into_iter()
        .filter(|r| r[6] == "≥95%")
        .collect();
    assert_eq!(pct.len(), 1, "{se:?}");
    assert_eq!((&*pct[0][9], &*pct[0][10], &*pct[0][14]), ("%", "否", ""));
    let html = read(
        root,
        "compare/2024/special-equipment-inspections/index.html",
    );
    assert!(html.contains("<strong class=value>≥95%</strong>"), "{html}");
    assert!(html.contains("单位不一致（%），不参与比较"), "{html}");
    assert!(html.contains("1 条单位不一致，未参与比较"), "{html}");
    // Not drawn: only 户 and 家 are.
    assert!(!html.contains("乐亭县 · 检查数量"), "{html}");
    assert!(html.contains("乐亭县 · 抽查企业数量"), "{html}");
}

#[test]
fn the_overview_agrees_with_the_documents() {
    let site = site_copy();
    build(site.path(), &BuildOptions::default()).unwrap();
    let root = site.path();
    let table = csv(root, "compare/2024/overview.csv");
    // Totals of each document, summed here from the YAML the pages come from.
    let loaded = gongkai::content::load::load_dir(&root.join("content"), false);
    for (region, rel, budget, projects) in [
        ("河西区", "2024/120103/355.yaml", "1093.00", 5),
        ("乐亭县", "2024/130225/414.yaml", "814.86", 11),
        ("巨鹿县", "2024/130529/414.yaml", "179.50", 10),
    ] {
        let doc = &loaded.files.iter().find(|f| f.rel == rel).unwrap().document;
        let sum: rust_decimal::Decimal = doc.projects.iter().map(|p| p.amounts.total.0).sum();
        assert_eq!(sum.to_string(), budget, "{rel}");
        let rows = doc
            .projects
            .iter()
            .flat_map(|p| &p.indicators)
            .filter(|i| !i.is_empty_row())
            .count();
        let r: Vec<_> = table.iter().filter(|r| r[1] == region).collect();
        assert_eq!(r.len(), 1, "{table:?}");
        let r = r[0];
        assert_eq!(
            (
                &*r[3],
                r[4].parse::<usize>().unwrap(),
                r[5].parse::<usize>().unwrap()
            ),
            (budget, projects, rows),
            "{region}"
        );
        let (q, l, other, share): (usize, usize, usize, usize) = (
            r[6].parse().unwrap(),
            r[7].parse().unwrap(),
            r[8].parse().unwrap(),
            r[9].parse().unwrap(),
        );
        // 定量, 定性 and the other writings add up to the rows.
        assert!(q + l + other == rows && share == q * 100 / rows, "{r:?}");
    }
    let html = read(root, "compare/2024/index.html");
    assert!(
        html.contains("<desc id=\"budget-d\">河西区 · 天津市河西区市场监督管理局：1093.00 万元；"),
        "{html}"
    );
}

#[test]
fn pins_win_over_rules_and_check_names_bad_ones() {
    let site = site_copy();
    let root = site.path();
    let edit = |rel: &str, from: &str, to: &str| {
        let p = root.join("content").join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    // 河西区 excludes its row; 乐亭县 pins 商品质量's 抽检批次 to food sampling.
    edit(
        "2024/120103/355.yaml",
        "name: 专项监督抽检批次数\n",
        "name: 专项监督抽检批次数\n        metric: none\n",
    );
    edit(
        "2024/130225/414.yaml",
        "name: 抽检批次\n",
        "name: 抽检批次\n        metric: food-sampling\n",
    );
    build(root, &BuildOptions::default()).unwrap();
    let table = csv(root, "compare/2024/food-sampling/data.csv");
    assert_eq!(rows_of(&table, "河西区")[0][5], "未设置此指标");
    let lt: Vec<&str> = rows_of(&table, "乐亭县")
        .iter()
        .map(|r| r[6].as_str())
        .collect();
    assert_eq!(lt, ["1000批次", "3500批次"]);
    let check = gongkai::check::check(&root.join("content"));
    assert!(
        check.metric_rows().contains(
            "food-sampling\t2024/130225/414.yaml\tprojects[5].indicators[0]\t抽检批次\t1000批次\n"
        ),
        "{}",
        check.metric_rows()
    );

    // A pin naming no metric stops the build at its line; the previous site stays.
    edit(
        "2024/130225/414.yaml",
        "metric: food-sampling",
        "metric: food-samplin",
    );
    let err = build(root, &BuildOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "错误[unknown-metric]: `metric: food-samplin` names no metric of content/metrics.yaml"
        ),
        "{err}"
    );
    assert!(err.contains("414.yaml:"), "{err}");
    assert!(
        err.contains("（projects[5].indicators[0].metric）"),
        "{err}"
    );
    assert!(read(root, "compare/2024/food-sampling/data.csv").contains("1000批次"));
    edit(
        "2024/130225/414.yaml",
        "metric: food-samplin",
        "metric: food-sampling",
    );

    // Two metrics whose rules both recognise a row: a warning with the row's place.
    let m = root.join("content/metrics.yaml");
    let cat = std::fs::read_to_string(&m).unwrap();
    std::fs::write(&m, format!("{cat}\n  - key: sampling\n    name: 抽检批次\n    units: [批次]\n    match:\n      words: [抽检批次]\n")).unwrap();
    let check = gongkai::check::check(&root.join("content"));
    let text = check.render();
    assert!(text.contains("警告[ambiguous-metric]: the rules of `food-sampling`, `sampling` all recognise this row; it is compared as `food-sampling`"), "{text}");
    assert!(
        text.contains("可比指标「食品抽检批次」（food-sampling）：3 行，涉及 2 个地区年度"),
        "{text}"
    );
    // A broken catalogue is an error at its line.
    std::fs::write(
        &m,
        format!("{cat}\n  - key: Bad Key\n    name: x\n    units: [次]\n    match: {{}}\n"),
    )
    .unwrap();
    let err = build(root, &BuildOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("metrics.yaml:"), "{err}");
    assert!(
        err.contains("可比指标 `Bad Key`：指标键只能用小写英文字母"),
        "{err}"
    );
}

#[test]
fn a_region_in_two_years_gets_its_metric_across_years() {
    let site = site_copy();
    let root = site.path();
    let text = std::fs::read_to_string(root.join("content/2024/130529/414.yaml")).unwrap();
    let earlier = text
        .replace("  year: 2024\n", "  year: 2023\n")
        .replace("≥650批次", "≥600批次");
    std::fs::create_dir_all(root.join("content/2023/130529")).unwrap();
    std::fs::write(root.join("content/2023/130529/414.yaml"), earlier).unwrap();
    build(root, &BuildOptions::default()).unwrap();
    let table = csv(root, "compare/region/130529/food-sampling/data.csv");
    let values: Vec<(&str, &str)> = table[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(values, [("2024", "≥650批次"), ("2023", "≥600批次")]);
    let html = read(root, "compare/region/130529/food-sampling/index.html");
    assert!(html.contains("<title>巨鹿县历年食品抽检批次"), "{html}");
    assert!(
        html.contains("<desc id=\"chart-d\">2024年：≥650批次；2023年：≥600批次</desc>"),
        "{html}"
    );
    assert!(
        read(root, "compare/index.html").contains("href=\"/compare/region/130529/food-sampling/\"")
    );
}

#[test]
fn a_provincial_year_is_shown_region_by_region_with_every_row_in_the_csv() {
    use gongkai::outputs::compare::pages::{INLINE_DEPARTMENTS, INLINE_ROWS};
    let site = site_copy();
    let root = site.path();
    synthetic::one_synthetic_year(root, INLINE_DEPARTMENTS + 20, 7);
    build(root, &BuildOptions::default()).unwrap();

    // The overview lists regions, each linking to its departments.
    let html = read(root, "compare/2024/index.html");
    assert!(html.contains("按地区分页"), "{html}");
    let overview = csv(root, "compare/2024/overview.csv");
    assert_eq!(overview.len(), 1 + INLINE_DEPARTMENTS + 20);
    let first_region = &overview[1][1];
    assert!(
        html.contains(&format!(">{first_region}</a>")),
        "{first_region}"
    );

    // Satisfaction rows exceed one page: a row per region, each region on its own page,
    // and the CSV keeps every row.
    let check = gongkai::check::check(&root.join("content"));
    let rows = check
        .metric_rows()
        .lines()
        .filter(|l| l.starts_with("satisfaction\t"))
        .count();
    assert!(rows > INLINE_ROWS, "{rows}");
    let table = csv(root, "compare/2024/satisfaction/data.csv");
    assert_eq!(
        table.iter().filter(|r| r[5] != "未设置此指标").count() - 1,
        rows
    );
    let html = read(root, "compare/2024/satisfaction/index.html");
    assert!(html.contains("按地区分页列出"), "{html}");
    let region = &table[1][1];
    let page = read(
        root,
        &format!("compare/2024/satisfaction/{region}/index.html"),
    );
    let in_region = table.iter().filter(|r| &r[1] == region).count();
    assert_eq!(
        page.matches("<strong class=value>").count(),
        in_region,
        "{page}"
    );
}
