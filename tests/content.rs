//! The bundled content against the seed documents it was transcribed from (tests/seeds/).

use gongkai::content::load::SourceFile;
use gongkai::content::model::Wan;
use gongkai::diagnostic::Severity;
use std::path::Path;

fn content() -> Vec<SourceFile> {
    let report = gongkai::check::check(Path::new("content"));
    assert_eq!(report.count(Severity::Error), 0, "{}", report.render());
    report.loaded.files
}

fn file<'a>(files: &'a [SourceFile], rel: &str) -> &'a SourceFile {
    files
        .iter()
        .find(|f| f.rel == rel)
        .unwrap_or_else(|| panic!("{rel} missing"))
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/seeds").join(name)).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn totals_match_the_documents() {
    let files = content();
    let cases = [
        ("2021/gaoxin/scjgj.yaml", 2, "70", 0),
        ("2024/130529/414.yaml", 10, "179.50", 1),
        ("2024/120103/355.yaml", 5, "1093.00", 2),
        ("2024/130225/414.yaml", 11, "814.86", 1),
    ];
    for (rel, projects, total, units) in cases {
        let doc = &file(&files, rel).document;
        assert_eq!(doc.projects.len(), projects, "{rel}");
        let sum: Wan = doc.projects.iter().map(|p| p.amounts.total).sum();
        assert_eq!(sum, total.parse().unwrap(), "{rel}");
        assert_eq!(doc.department.units.len(), units, "{rel}");
    }
    // Seed 003 spreads its five projects over two units.
    let hexi = &file(&files, "2024/120103/355.yaml").document;
    let by_unit = |u: &str| {
        hexi.projects
            .iter()
            .filter(|p| p.unit.as_deref() == Some(u))
            .count()
    };
    assert_eq!((by_unit("355101"), by_unit("355301")), (4, 1));
}

/// Word-extracted seeds keep each cell on its own line: every transcribed cell stands in the seed.
#[test]
fn word_seeds_are_transcribed_verbatim() {
    let files = content();
    for (rel, seed_name) in [
        ("2021/gaoxin/scjgj.yaml", "001_913eff4ac858cbfe.txt"),
        ("2024/120103/355.yaml", "003_665f1d82f3b4329e.txt"),
        ("2024/130225/414.yaml", "004_dc71da0f619798d6.txt"),
    ] {
        let text = seed(seed_name);
        let doc = &file(&files, rel).document;
        let mut cells = 0;
        for p in &doc.projects {
            let mut check = |s: &str| {
                cells += 1;
                assert!(text.contains(s), "{rel}: 「{s}」 is not in {seed_name}");
            };
            check(&p.name);
            check(&p.amounts.total.to_string());
            p.code.as_deref().map(&mut check);
            p.purpose.as_deref().map(&mut check);
            p.goals.iter().for_each(|g| check(g));
            for m in &p.spending_plan {
                check(&m.by);
                check(&m.percent);
            }
            for row in &p.indicators {
                for s in [&row.level1, &row.level2, &row.name, &row.description] {
                    if !s.is_empty() {
                        check(s);
                    }
                }
                if !row.value.raw().is_empty() {
                    check(row.value.raw());
                }
                row.basis.as_deref().map(&mut check);
            }
        }
        let part1 = &doc.part1;
        for g in &part1.overall {
            g.title.iter().chain(&g.text).chain(&g.items).for_each(|s| {
                for para in s.split("\n\n") {
                    assert!(text.contains(para), "{rel}: 「{para}」 not in seed");
                }
            });
        }
        for g in &part1.sub_goals {
            g.title
                .iter()
                .chain(&g.goal)
                .chain(&g.indicators)
                .for_each(|s| {
                    for para in s.split("\n\n") {
                        assert!(text.contains(para), "{rel}: 「{para}」 not in seed");
                    }
                });
        }
        for g in &part1.safeguards {
            g.title
                .iter()
                .chain(&g.text)
                .for_each(|s| assert!(text.contains(s.as_str()), "{rel}: 「{s}」 not in seed"));
        }
        assert!(cells > 50, "{rel}: only {cells} cells checked");
    }
}

/// The PDF-extracted seed splits cells over lines; every figure must still stand in it once
/// white space is removed, except the few values rebuilt from cells the extraction split apart.
#[test]
fn pdf_seed_figures_match() {
    let files = content();
    let text = squeeze(&seed("002_8db8c00c18a00b61.txt"));
    let doc = &file(&files, "2024/130529/414.yaml").document;
    // Value → the pieces it was rebuilt from, each of which stands in the seed.
    let rebuilt: &[(&str, &[&str])] = &[("每月25日前缴纳", &["每月25日", "前缴纳"])];
    let mut values = 0;
    for p in &doc.projects {
        assert!(
            text.contains(&p.amounts.total.to_string()),
            "amount {}",
            p.amounts.total
        );
        for row in &p.indicators {
            let v = squeeze(row.value.raw());
            if v.is_empty() {
                continue;
            }
            values += 1;
            match rebuilt.iter().find(|(r, _)| *r == v) {
                Some((_, parts)) => parts
                    .iter()
                    .for_each(|part| assert!(text.contains(part), "{part}")),
                None => assert!(
                    text.contains(&v),
                    "value 「{v}」 of 「{}」 not in seed 002",
                    row.name
                ),
            }
        }
    }
    assert_eq!(values, 57);
    // Codes are rebuilt from the three pieces the extraction split them into.
    for p in &doc.projects {
        if let Some(code) = &p.code {
            assert!(code.starts_with("13052924P0") && code.len() == 21, "{code}");
            assert!(
                text.contains(&code[10..19]),
                "{code}: middle part not in seed"
            );
        }
    }
}

#[test]
fn known_mistakes_are_kept_and_flagged() {
    let report = gongkai::check::check(Path::new("content"));
    let text = report.render();
    // 乐亭 检查数量 ≥95% under 数量指标, and 举报线索处置率 100% filed as a 数量指标.
    assert!(
        text.contains("[rate-under-quantity]: 数量指标「检查数量」的指标值「≥95%」是百分比"),
        "{text}"
    );
    assert!(
        text.contains("[full-quantity]: 数量指标「举报线索处置率(%)」的目标是「100%」"),
        "{text}"
    );
    assert!(
        text.contains("「市场监管工作水平」的指标值「日益提高」没有可衡量的数值"),
        "{text}"
    );
    assert!(
        text.contains("「可持续性」的指标值「可持续性」没有可衡量的数值"),
        "{text}"
    );
    assert_eq!(report.count(Severity::Error), 0);
}
