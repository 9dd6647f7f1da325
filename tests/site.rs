//! Building the bundled site and asserting on the HTML it writes.

use common::site_copy;
use gongkai::pipeline::{BuildError, BuildOptions, build};
use std::path::{Path, PathBuf};

mod common;
#[path = "common/snapshot.rs"]
mod snapshot;
use snapshot::snapshot;

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn bytes(root: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn builds_the_bundled_content() {
    let site = site_copy();
    let report = build(site.path(), &BuildOptions::default()).unwrap();
    assert_eq!(report.departments, 4);
    assert_eq!(report.selfevals, 4, "the four bundled self-evaluations");
    // 4 department pages + 28 project pages + home, 2 years, 4 regions, 2 Markdown pages,
    // search, the review rules, 404; comparisons: the index, 2 year overviews, 7 metrics × 2
    // years; the self-evaluations: their index and 4 pages (03, 07, 09, 21).
    assert_eq!(
        report.pages,
        4 + 28 + 1 + 2 + 4 + 2 + 1 + 1 + 1 + 1 + 2 + 14 + 1 + 4
    );
    // One search record per department and per project, and per evaluated project.
    assert_eq!(report.search.records, 4 + 28 + 4);
    // 乐亭县 食品药品宣传检测执法经费: its table has 检测数量 3500批次 on row 1.
    let page = read(
        site.path(),
        "2024/130225/414/13022524P000024100069/index.html",
    );
    assert!(
        page.contains("<title>食品药品宣传检测执法经费 绩效目标表"),
        "title"
    );
    let row = page.find("id=\"r1\"").expect("row anchor r1");
    let rest = &page[row..];
    assert!(rest.find("检测数量").unwrap() < rest.find("3500批次").unwrap());
    assert!(page.contains("263.00"), "budget as published");
    // The merged 一级指标 cell spans the four 产出指标 rows, like the printed form.
    assert!(
        page.contains("<th rowspan=\"4\" class=l1 scope=rowgroup>产出指标</th>"),
        "{page}"
    );
    // Department page: Part 1 and every project linked.
    let dept = read(site.path(), "2024/130225/414/index.html");
    assert!(dept.contains("一是守牢食品安全底线。"));
    // Each project twice: in the contents and in the table of Part 2.
    assert_eq!(
        dept.matches("href=\"/2024/130225/414/13022524P").count(),
        22
    );
    // Flags are shown beside the values, in Chinese, linked to their rule's explanation.
    let check = read(
        site.path(),
        "2024/130225/414/13022524P00002410008G/index.html",
    );
    assert!(
        check.contains("≥95%</span><span class=flag>⚠ <a href=\"/rules/#rate-under-quantity\">数量指标填写了比率或百分比</a>"),
        "{check}"
    );
    let rules = read(site.path(), "rules/index.html");
    assert!(rules.contains("id=\"rate-under-quantity\"") && rules.contains("检查数量 ≥95%"));
    // Seed 001's unstated region, and projects without codes, still get ASCII links.
    let gx = read(site.path(), "2021/gaoxin/scjgj/index.html");
    assert!(gx.contains("href=\"/2021/gaoxin/scjgj/shichang-zhixu/\""));
    assert!(read(site.path(), "index.html").contains("lang=zh-CN"));
    assert!(
        read(site.path(), "sitemap.xml").contains(
            "<loc>https://www.example.gov.cn/2024/130529/414/13052924P005840123885/</loc>"
        )
    );
    assert!(
        read(site.path(), "robots.txt").contains("Sitemap: https://www.example.gov.cn/sitemap.xml")
    );
    let data: serde_json::Value =
        serde_json::from_str(&read(site.path(), "2024/120103/355/data.json")).unwrap();
    assert_eq!(
        data["projects"][1]["indicators"][0]["value"]["raw"],
        "≥1145批次"
    );
}

/// The default theme's templates are minified once, when the theme is loaded
/// (`render::theme`), and pages are written as rendered: minified again, every page must be
/// the page that minifying it after rendering gives (the way a theme with Tera syntax inside
/// an HTML tag is still minified). The same site is built with the theme as it is and with a
/// copy whose base template has a Tera comment inside a tag.
#[test]
fn pages_of_minified_templates_are_the_pages_minified_one_by_one() {
    use gongkai::render::theme::minify;
    let once = site_copy();
    build(once.path(), &BuildOptions::default()).unwrap();
    let each = site_copy();
    let base = each.path().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(text.contains("<html lang=\"zh-CN\">"));
    let text = text.replacen(
        "<html lang=\"zh-CN\">",
        "<html lang=\"zh-CN\" {# 逐页压缩 #}>",
        1,
    );
    std::fs::write(&base, text).unwrap();
    build(each.path(), &BuildOptions::default()).unwrap();
    let once = snapshot(&once.path().join("public"));
    let each = snapshot(&each.path().join("public"));
    let html = |files: &[(PathBuf, Vec<u8>)]| -> Vec<(PathBuf, Vec<u8>)> {
        (files.iter())
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .cloned()
            .collect()
    };
    let (once, each) = (html(&once), html(&each));
    assert!(once.len() > 60, "{} pages", once.len());
    assert_eq!(
        once.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        each.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    let mut smaller = 0;
    for ((path, page), (_, minified)) in once.iter().zip(&each) {
        assert_eq!(
            String::from_utf8_lossy(&minify(page)),
            String::from_utf8_lossy(minified),
            "{}",
            path.display()
        );
        smaller += usize::from(page.len() < minified.len() * 12 / 10);
    }
    // Written as rendered, a page is at most a fifth larger than minified one by one.
    assert_eq!(smaller, once.len());
}

#[test]
fn same_input_same_bytes() {
    let site = site_copy();
    build(site.path(), &BuildOptions::default()).unwrap();
    let first = snapshot(&site.path().join("public"));
    build(site.path(), &BuildOptions::default()).unwrap();
    assert_eq!(first, snapshot(&site.path().join("public")));
}

#[test]
fn broken_content_leaves_the_previous_site_untouched() {
    let site = site_copy();
    build(site.path(), &BuildOptions::default()).unwrap();
    let before = snapshot(&site.path().join("public"));
    let file = site.path().join("content/2024/130529/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("    name: 计量业务经费\n", "    name: [计量业务经费\n"),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/2024/130225/414.yaml"),
        "schema: 1\nfoo: 1\n",
    )
    .unwrap();
    let err = build(site.path(), &BuildOptions::default()).unwrap_err();
    match &err {
        BuildError::Content { errors, report } => {
            // Every error of both files, not only the first: the syntax error of one, and each
            // schema error of the other (its missing parts and its unknown key).
            assert!(*errors >= 2, "every error reported: {report}");
            assert!(report.contains("130529/414.yaml"), "{report}");
            assert!(report.contains("130225/414.yaml"), "{report}");
            assert!(report.contains("foo"), "{report}");
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        before,
        snapshot(&site.path().join("public")),
        "output changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn script_in_yaml_is_escaped() {
    let site = site_copy();
    let file = site.path().join("content/2024/130529/414.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let text = original
        .replace(
            "      - 2.该项目的实施有利于调动非财政人员工作积极性",
            "      - \"<script>alert('goal')</script>\"",
        )
        .replace(
            "    - title: 1.发挥信用监管导向效能作用。\n      goal: ",
            "    - title: 1.发挥信用监管导向效能作用。\n      goal: <script>alert('md')</script>",
        );
    assert_eq!(text.matches("<script>").count(), 2, "both scripts planted");
    std::fs::write(&file, text).unwrap();
    build(site.path(), &BuildOptions::default()).unwrap();
    let project = read(
        site.path(),
        "2024/130529/414/13052924P005840123885/index.html",
    );
    assert!(!project.contains("<script>"), "raw script in project page");
    assert!(
        project.contains("&lt;script>alert('goal')&lt;/script>")
            || project.contains("&lt;script&gt;alert("),
        "{project}"
    );
    let dept = read(site.path(), "2024/130529/414/index.html");
    assert!(!dept.contains("<script>"), "raw script in department page");
    assert!(
        dept.contains("alert('md')") || dept.contains("alert(&#39;md&#39;)"),
        "text kept visible"
    );
}

#[test]
fn sub_path_build_has_only_sub_path_links() {
    let site = site_copy();
    let opts = BuildOptions {
        base_url: Some("https://www.example.gov.cn/yjsgk/".into()),
        ..Default::default()
    };
    build(site.path(), &opts).unwrap();
    // The search script finds its index under the sub-path too.
    let search = read(site.path(), "search/index.html");
    assert!(search.contains("data-base=\"/yjsgk/\""), "{search}");
    assert!(search.contains("action=\"/yjsgk/search/\""), "{search}");
    for (path, bytes) in snapshot(&site.path().join("public")) {
        if path.extension().is_some_and(|x| x == "html") {
            let html = String::from_utf8(bytes).unwrap();
            for attr in ["href=/", "src=/", "href=\"/"] {
                for (i, _) in html.match_indices(attr) {
                    let target = &html[i + attr.len() - 1..];
                    assert!(
                        target.starts_with("/yjsgk/"),
                        "{}: {}",
                        path.display(),
                        &target[..target.len().min(40)]
                    );
                }
            }
            assert!(
                html.contains("href=\"https://www.example.gov.cn/yjsgk/")
                    || html.contains("rel=canonical"),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn broken_links_and_missing_templates_fail_the_build() {
    let site = site_copy();
    let tpl = site.path().join("themes/default/templates/department.html");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, text.replace("</section>\n<p class=\"downloads\">", "</section><a href=\"{{ site.base }}nowhere/\">x</a><a href=\"#r99\">y</a>\n<p class=\"downloads\">")).unwrap();
    match build(site.path(), &BuildOptions::default()).unwrap_err() {
        BuildError::Links(broken) => {
            assert!(
                broken
                    .iter()
                    .any(|b| b.contains("/nowhere/ points to no page")),
                "{broken:?}"
            );
            assert!(
                broken.iter().any(|b| b.contains("#r99 names no anchor")),
                "{broken:?}"
            );
        }
        other => panic!("{other}"),
    }
    assert!(!site.path().join("public").exists());
    std::fs::remove_file(&tpl).unwrap();
    let err = build(site.path(), &BuildOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("缺少模板 department.html"), "{err}");
}

#[test]
fn permalinks_do_not_depend_on_order_or_text() {
    let site = site_copy();
    let file = site.path().join("content/2024/120103/355.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // Move the last project first and rename it: its address must not change.
    let at = text.find("  - unit: \"355301\"").unwrap();
    let (head, last) = text.split_at(at);
    let start = head.find("projects:\n").unwrap() + "projects:\n".len();
    let moved = format!(
        "{}{}\n{}",
        &head[..start],
        last.trim_end().replace(
            "name: 市场执法检查办案经费",
            "name: 市场执法检查办案经费（更名）"
        ),
        &head[start..]
    );
    assert!(
        moved.find("（更名）").unwrap() < moved.find("choujian-jiancha").unwrap(),
        "project moved first"
    );
    std::fs::write(&file, moved).unwrap();
    build(site.path(), &BuildOptions::default()).unwrap();
    let page = read(site.path(), "2024/120103/355/zhifa-banan/index.html");
    assert!(page.contains("市场执法检查办案经费（更名）"));
}

#[test]
fn csv_download_holds_every_indicator_and_excel_reads_it_as_utf8() {
    let site = site_copy();
    build(site.path(), &Default::default()).unwrap();
    let loaded = gongkai::content::load::load_dir(&site.path().join("content"), false);
    for f in &loaded.files {
        let dept_path = f.rel.strip_suffix(".yaml").unwrap();
        let bytes =
            std::fs::read(site.path().join("public").join(dept_path).join("data.csv")).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{}: no BOM",
            f.rel
        );
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let expected: Vec<(String, String, String)> = f
            .document
            .projects
            .iter()
            .flat_map(|p| {
                p.indicators
                    .iter()
                    .map(|i| (p.name.clone(), i.name.clone(), i.value.raw().to_string()))
            })
            .collect();
        let got: Vec<(String, String, String)> = rows
            .iter()
            .map(|r| {
                (
                    r[col("项目名称")].to_string(),
                    r[col("三级指标")].to_string(),
                    r[col("指标值")].to_string(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{}", f.rel);
    }
    // A known row, column by column.
    let csv = read(site.path(), "2024/130225/414/data.csv");
    assert!(csv.contains(",食品药品宣传检测执法经费,263.00,"), "{csv}");
    assert!(csv.contains(",3500批次,数量,,3500,批次,"), "{csv}");
    // The data package describes every column of the CSV and lists every department.
    let pkg: serde_json::Value =
        serde_json::from_str(&read(site.path(), "2024/datapackage.json")).unwrap();
    assert_eq!(pkg["resources"].as_array().unwrap().len(), 3);
    assert_eq!(pkg["resources"][0]["path"], "120103/355/data.csv");
    let schema: serde_json::Value =
        serde_json::from_str(&read(site.path(), "2024/indicators.schema.json")).unwrap();
    let field = |key: &str| -> Vec<&str> {
        (schema["fields"].as_array().unwrap().iter())
            .map(|f| f[key].as_str().unwrap())
            .collect()
    };
    // The CSV is headed in Chinese, column by column the schema's titles; the field names
    // stay ASCII for programs.
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(field("title").join(","), header);
    assert!(header.starts_with("年度,地区代码,地区,部门,"), "{header}");
    assert!(field("name").iter().all(|n| n.is_ascii()));
    assert!(field("name").contains(&"value_kind"));
    assert!(
        schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["description"].as_str().is_some_and(|d| !d.is_empty()))
    );
}

#[test]
fn verify_names_a_tampered_byte() {
    let site = site_copy();
    build(site.path(), &Default::default()).unwrap();
    let public = site.path().join("public");
    let clean = gongkai::publish::manifest::verify(&public).unwrap();
    assert!(clean.is_empty(), "{clean:?}");
    // The year's bundle holds every file under 2024/, as published, and checks itself.
    let bundle = public.join("downloads/2024.tar.gz");
    assert!(
        gongkai::publish::bundle::verify(&bundle)
            .unwrap()
            .is_empty()
    );
    let mut tar = tar::Archive::new(flate2::read::MultiGzDecoder::new(
        std::fs::File::open(&bundle).unwrap(),
    ));
    let mut packed: Vec<(PathBuf, Vec<u8>)> = vec![];
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().into_owned();
        let mut bytes = vec![];
        std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
        if let Ok(rel) = path.strip_prefix("2024") {
            packed.push((rel.to_path_buf(), bytes));
        }
    }
    assert_eq!(packed, snapshot(&public.join("2024")));
    // The .zip beside it, for readers on Windows, holds the same files with the same manifest
    // last (so that an edited rebuild shares every byte before the first changed file).
    let zip_bytes = std::fs::read(public.join("downloads/2024.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut zipped: Vec<(PathBuf, Vec<u8>)> = vec![];
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = vec![];
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        zipped.push((PathBuf::from(f.name().unwrap().into_owned()), bytes));
    }
    let (last, files) = zipped.split_last().unwrap();
    assert_eq!(last.0, PathBuf::from("manifest.txt"));
    let manifest = String::from_utf8(last.1.clone()).unwrap();
    assert!(manifest.contains("2024/130225/414/data.csv"), "{manifest}");
    let files: Vec<(PathBuf, Vec<u8>)> = (files.iter())
        .map(|(p, b)| (p.strip_prefix("2024").unwrap().to_path_buf(), b.clone()))
        .collect();
    assert_eq!(files, snapshot(&public.join("2024")));
    let year_page = read(site.path(), "2024/index.html");
    assert!(
        year_page.contains("href=\"/downloads/2024.zip\""),
        "{year_page}"
    );
    assert!(read(site.path(), "2024/index.html").contains("href=\"/downloads/2024.tar.gz\""));
    let target = public.join("2024/130225/414/data.csv");
    let mut bytes = std::fs::read(&target).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&target, bytes).unwrap();
    let diff = gongkai::publish::manifest::verify(&public).unwrap();
    assert_eq!(diff.altered, ["2024/130225/414/data.csv"]);
    assert!(diff.missing.is_empty() && diff.added.is_empty());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("LC_ALL", "C.UTF-8") // its words are Chinese unless the locale is English
        .arg("verify")
        .arg(&public)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "已改动\t2024/130225/414/data.csv\n"
    );
}

#[test]
fn a_frozen_year_survives_theme_changes_and_refuses_edits() {
    use gongkai::publish::freeze;
    let site = site_copy();
    let root = site.path();
    let freezing = BuildOptions {
        freezing: Some((2021, "2026-11-22".into())),
        ..Default::default()
    };
    build(root, &freezing).unwrap();
    // Past years' pages carry the banner with the archive date and point to the latest year.
    let dept = read(root, "2021/gaoxin/scjgj/index.html");
    assert!(
        dept.contains("<strong>历史归档</strong>（2026-11-22 归档，此后不再更改）"),
        "{dept}"
    );
    assert!(
        dept.contains("<a href=\"/2024/\">查看 2024 年度内容</a>"),
        "{dept}"
    );
    assert!(!read(root, "2024/130225/414/index.html").contains("历史归档"));
    let n = freeze::freeze(root, &root.join("public"), 2021, "2026-11-22").unwrap();
    assert!(n > 5, "{n}");
    let before: Vec<(PathBuf, Vec<u8>)> = snapshot(&root.join("public/2021"));
    assert!(!before.is_empty());
    // Freezing again is refused.
    assert!(matches!(
        freeze::freeze(root, &root.join("public"), 2021, "2026-11-23"),
        Err(freeze::FreezeError::AlreadyFrozen(2021))
    ));

    // The theme changes; the live year shows it, the frozen year does not.
    let base = root.join("themes/default/templates/base.html");
    let theme = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        theme.replace("<main id=\"main\">", "<main id=\"main\"><p>新版式</p>"),
    )
    .unwrap();
    build(root, &Default::default()).unwrap();
    assert_eq!(snapshot(&root.join("public/2021")), before);
    assert!(read(root, "2024/index.html").contains("新版式"));
    assert!(!read(root, "2021/index.html").contains("新版式"));
    // The archive itself verifies.
    assert!(
        gongkai::publish::manifest::verify(&root.join("archive/2021"))
            .unwrap()
            .is_empty()
    );

    // Editing the frozen year's source stops the build, naming the file.
    let yaml = root.join("content/2021/gaoxin/scjgj.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replacen("70", "71", 1)).unwrap();
    let err = build(root, &Default::default()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("已改动  content/2021/gaoxin/scjgj.yaml"),
        "{msg}"
    );
    assert!(msg.contains("归档于 2026-11-22"), "{msg}");
    // `gongkai check` runs the same check: it never says 0 errors where build refuses.
    let report = gongkai::check::check(&root.join("content"));
    assert_eq!(
        report.count(gongkai::diagnostic::Severity::Error),
        1,
        "{}",
        report.render()
    );
    let rendered = report.render();
    assert!(
        rendered.contains("已改动  content/2021/gaoxin/scjgj.yaml")
            && rendered.contains("frozen-year"),
        "{rendered}"
    );
    // ... and leaves the published site as it was.
    assert_eq!(snapshot(&root.join("public/2021")), before);
}

#[test]
fn atom_feed_lists_every_document_newest_first() {
    let site = site_copy();
    build(site.path(), &Default::default()).unwrap();
    let feed = read(site.path(), "feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 4);
    let jl = feed
        .find("<id>https://www.example.gov.cn/2024/130529/414/</id>")
        .unwrap();
    let gx = feed
        .find("<id>https://www.example.gov.cn/2021/gaoxin/scjgj/</id>")
        .unwrap();
    assert!(jl < gx, "2024 before 2021");
    assert!(feed.contains("10 个项目，预算 179.50 万元"), "{feed}");
    assert!(read(site.path(), "index.html").contains("type=application/atom+xml"));
}

/// Adds a correction to the 2021 document, changing 举报案件办结率 from `was` to `now`.
fn correct_2021(root: &Path, was: &str, now: &str, date: &str) {
    let yaml = root.join("content/2021/gaoxin/scjgj.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let entry = format!(
        "    - date: {date}\n      reason: 录入错误\n      changes:\n        - 举报案件办结率：{was} 改为 {now}\n"
    );
    // Corrections go oldest first, just before `status:`.
    let text = if text.contains("  corrections:\n") {
        text.replacen("  status:", &format!("{entry}  status:"), 1)
    } else {
        text.replacen(
            "  year: 2021\n",
            &format!("  year: 2021\n  corrections:\n{entry}"),
            1,
        )
    };
    let row = format!("value: \"{was}\"\n        basis: 工作经验");
    assert!(text.contains(&row), "{was} not in the file");
    std::fs::write(
        &yaml,
        text.replacen(
            &row,
            &format!("value: \"{now}\"\n        basis: 工作经验"),
            1,
        ),
    )
    .unwrap();
}

#[test]
fn a_declared_correction_keeps_every_revision_at_its_own_address() {
    use gongkai::publish::freeze;
    let site = site_copy();
    let root = site.path();
    let dept = "2021/gaoxin/scjgj/";
    let page = format!("{dept}shichang-zhixu/index.html");
    build(root, &Default::default()).unwrap();
    freeze::freeze(root, &root.join("public"), 2021, "2026-01-05").unwrap();
    let original = bytes(root, &page);

    // An undeclared edit is refused; declared, it publishes revision 2.
    correct_2021(root, "≥90%", "≥95%", "2026-03-01");
    let yaml = root.join("content/2021/gaoxin/scjgj.yaml");
    let declared = std::fs::read_to_string(&yaml).unwrap();
    let undeclared = declared.replacen("  corrections:\n    - date: 2026-03-01\n      reason: 录入错误\n      changes:\n        - 举报案件办结率：≥90% 改为 ≥95%\n", "", 1);
    std::fs::write(&yaml, &undeclared).unwrap();
    let msg = build(root, &Default::default()).unwrap_err().to_string();
    assert!(
        msg.contains("content/2021/gaoxin/scjgj.yaml: 改动了，但没有声明为更正"),
        "{msg}"
    );
    std::fs::write(&yaml, &declared).unwrap();
    let report = build(root, &Default::default()).unwrap();
    let now = read(root, &page);
    let cell = |v: &str| {
        format!(
            "<td class=desc>举报案件办结数/举报案件数</td><td class=\"value quantity\" colspan=\"1\"><span class=v>{v}</span></td>"
        )
    };
    assert!(now.contains(&cell("≥95%")), "{now}");
    for html in [now.clone(), read(root, &format!("{dept}index.html"))] {
        assert!(html.contains("当前为第 2 版"), "{html}");
        assert!(html.contains("归档，此后只以更正方式修改"), "{html}");
        assert!(
            html.contains("<strong>2026-03-01 更正</strong>：录入错误"),
            "{html}"
        );
        assert!(
            html.contains("<li>举报案件办结率：≥90% 改为 ≥95%</li>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/2021/gaoxin/scjgj/rev.1/\">第1版（最初公开的文本）</a>"),
            "{html}"
        );
    }
    // The first revision stays as frozen, byte for byte, at its own address.
    assert_eq!(
        bytes(root, &format!("{dept}rev.1/shichang-zhixu/index.html")),
        original
    );
    let feed = read(root, "feed.xml");
    assert!(
        feed.contains("<title>更正：高新区市场监督管理局 2021年部门预算绩效目标（第2版）</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-03-01T00:00:00Z</updated>"),
        "{feed}"
    );

    // A second correction needs the first sealed, so that revision 2 stays published too.
    correct_2021(root, "≥95%", "≥96%", "2026-04-01");
    let msg = build(root, &Default::default()).unwrap_err().to_string();
    assert!(msg.contains("一次声明了 2 条新的更正"), "{msg}");
    std::fs::write(&yaml, &declared).unwrap();
    let revision2 = bytes(root, &page);
    assert_eq!(
        freeze::seal(root, &root.join("public"), &report.corrected, "2026-03-02").unwrap(),
        1
    );
    assert!(
        gongkai::publish::manifest::verify(&root.join("archive/2021/revisions/gaoxin/scjgj/2"))
            .unwrap()
            .is_empty()
    );
    // Sealed and unchanged, revision 2 is published from the archive.
    build(root, &Default::default()).unwrap();
    assert_eq!(bytes(root, &page), revision2);
    correct_2021(root, "≥95%", "≥96%", "2026-04-01");
    build(root, &Default::default()).unwrap();
    let html = read(root, &format!("{dept}index.html"));
    assert!(html.contains("当前为第 3 版"), "{html}");
    assert!(
        html.contains("<a href=\"/2021/gaoxin/scjgj/rev.2/\">第2版（2026-03-01更正）</a>"),
        "{html}"
    );
    assert_eq!(
        bytes(root, &format!("{dept}rev.2/shichang-zhixu/index.html")),
        revision2
    );
    assert_eq!(
        bytes(root, &format!("{dept}rev.1/shichang-zhixu/index.html")),
        original
    );
    assert!(read(root, &page).contains(&cell("≥96%")));
    let first = String::from_utf8(original).unwrap();
    assert!(first.contains(&cell("≥90%")) && !first.contains("更正说明"));
    // Changing an earlier correction is refused.
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("2026-03-01", "2026-03-09")).unwrap();
    let msg = build(root, &Default::default()).unwrap_err().to_string();
    assert!(msg.contains("以前的更正被改动或删除了"), "{msg}");
}

/// A raw `GET path` to 127.0.0.1:`port`: the status line and the body.
fn http_get(port: u16, path: &str) -> Option<(String, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

#[test]
fn serve_answers_a_missing_page_with_the_sites_404_page() {
    let site = site_copy();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("LC_ALL", "C.UTF-8") // its words are Chinese unless the locale is English
        .args([
            "serve",
            site.path().to_str().unwrap(),
            "-p",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let answer = loop {
        if let Some((status, _)) = http_get(port, "/")
            && status.contains("200")
        {
            break http_get(port, "/2024/no-such-page/");
        }
        if std::time::Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let _ = child.kill();
    let _ = child.wait();
    let (status, body) = answer.expect("serve never answered");
    assert!(status.contains(" 404"), "{status}");
    assert!(body.contains("<h1>页面不存在</h1>"), "{body}");
    assert!(body.contains("lang=zh-CN"), "{body}");
}

#[test]
fn a_department_page_links_the_same_department_in_other_years() {
    let site = site_copy();
    let content = site.path().join("content");
    // 巨鹿县's department a year earlier: the same file, dated 2023.
    let yaml = std::fs::read_to_string(content.join("2024/130529/414.yaml")).unwrap();
    std::fs::create_dir_all(content.join("2023/130529")).unwrap();
    std::fs::write(
        content.join("2023/130529/414.yaml"),
        yaml.replacen("year: 2024", "year: 2023", 1),
    )
    .unwrap();
    build(site.path(), &Default::default()).unwrap();
    let now = read(site.path(), "2024/130529/414/index.html");
    assert!(
        now.contains("本部门其他年度：<a href=\"/2023/130529/414/\">2023年</a>"),
        "{now}"
    );
    let then = read(site.path(), "2023/130529/414/index.html");
    assert!(
        then.contains("本部门其他年度：<a href=\"/2024/130529/414/\">2024年</a>"),
        "{then}"
    );
    // A department in one year only names no other year.
    assert!(!read(site.path(), "2024/130225/414/index.html").contains("本部门其他年度"));
}
