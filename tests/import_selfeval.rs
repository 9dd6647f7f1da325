//! `gongkai import` of self-evaluation forms (绩效自评表): the corpus forms against their
//! hand-checked fields, every draft loaded back by the site's own self-evaluation loader, no
//! figure a source does not hold, and made-up forms in other layouts (columns reordered,
//! tabs, .csv, .xlsx) read the same.

use gongkai::content::load::selfeval::load_file;
use gongkai::content::model::selfeval::{Form, SelfEvaluation};
use gongkai::import::{self, ImportError, selfeval_draft};
use std::path::{Path, PathBuf};

#[path = "common/invented.rs"]
mod invented;

mod common;

fn corpus(name: &str) -> PathBuf {
    Path::new("tests/corpus").join(name)
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The draft of a self-evaluation as the site's document.
fn evaluation(path: &Path) -> (SelfEvaluation, import::draft::Draft) {
    let d = import::read(path).unwrap_or_else(|e| panic!("{e}"));
    let kind = d
        .self_evaluation
        .unwrap_or_else(|| panic!("{} not read as a self-evaluation", path.display()));
    (selfeval_draft::document(&d, kind).unwrap(), d)
}

/// One row as the form shows it: 三级指标, 年度指标值, 实际完成值, 分值, 得分 (None: not
/// visible in the text).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// What a reader sees in a corpus self-evaluation, checked by hand against the text.
struct Visible {
    file: &'static str,
    form: Form,
    name: &'static str,
    rows: Vec<Row>,
    /// 年初预算数, 全年预算数, 全年执行数 (万元 as the draft writes them), 执行率, 分值, 得分.
    funds: [Option<&'static str>; 6],
    /// Figures of the funds table the text shows without saying which column they are in.
    funds_unplaceable: usize,
    /// 总分, 自评得分, 等级.
    total: [Option<&'static str>; 3],
    goals: (usize, usize),
    /// Fields the import is known to miss (checked, so a change shows).
    misses: usize,
}

fn visible() -> Vec<Visible> {
    vec![
        Visible {
            file: "03-yongde-minglangzhongxue-2022.txt",
            form: Form::Project,
            name: "义务教育营养改善计划专项资金",
            rows: vec![
                ("学生受资助人数", "≧735人次", "735", Some("10"), Some("10")),
                (
                    "营养改善计划覆盖率",
                    "≧100%",
                    "100%",
                    Some("10"),
                    Some("10"),
                ),
                ("资金到位及时率", "≧100%", "100%", Some("10"), Some("7")),
                (
                    "生均补助标准达标率",
                    "═100%",
                    "100%",
                    Some("10"),
                    Some("10"),
                ),
                (
                    "减轻贫困学生家庭经济负担",
                    "有效",
                    "有效",
                    Some("10"),
                    Some("10"),
                ),
                ("政策知晓率", "═100%", "98%", Some("10"), Some("9")),
                (
                    "促进学校教育事业健康发展",
                    "≧100%",
                    "100%",
                    Some("10"),
                    Some("10"),
                ),
                ("学生满意度", "≧95%", "100%", Some("10"), Some("10")),
                ("家长满意度", "≧95%", "100%", Some("10"), Some("10")),
            ],
            // The total row shows two amounts for three amount columns before 分值.
            funds: [None, None, None, Some("100%"), Some("10"), Some("10")],
            funds_unplaceable: 2,
            total: [Some("100"), Some("96"), Some("优")],
            goals: (1, 1),
            misses: 3,
        },
        Visible {
            file: "07-xiaoxian-zhangzhuangzhai-nongye-2023.txt",
            form: Form::Project,
            name: "河西村特色种养补贴到户项目",
            rows: vec![
                (
                    "★补助各类瓜果蔬菜种植面积",
                    "29.5亩",
                    "29.5亩",
                    Some("20"),
                    Some("20"),
                ),
                ("其中桃树种植面积", "1.5亩", "1.5亩", None, None),
                ("其中苹果树种植面积", "5亩", "5亩", None, None),
                ("其中露天蔬菜", "20亩", "20亩", None, None),
                ("其中大棚蔬菜", "3亩", "3亩", None, None),
                ("★补助鱼塘面积", "3亩", "3亩", Some("10"), Some("10")),
                ("其中鱼塘养殖面积", "3亩", "3亩", None, None),
                (
                    "★补助家畜家禽养殖数量",
                    "192只",
                    "192只",
                    Some("10"),
                    Some("10"),
                ),
                ("其中羊养殖数量", "180只", "180只", None, None),
                ("其中猪养殖数量", "12头", "12头", None, None),
                ("种植作物成活率", "95%", "95%", Some("5"), Some("5")),
                ("养殖家畜家禽成活率", "95%", "100%", Some("5"), Some("5")),
                (
                    "特色产业带动增加受益农户收入(总收入)",
                    "≥11.376万元",
                    "12万元",
                    Some("20"),
                    Some("20"),
                ),
                ("受益人口数量", "90人", "90人", Some("10"), Some("10")),
            ],
            funds: [
                None,
                Some("9.48"),
                Some("9.48"),
                Some("100%"),
                Some("10"),
                Some("10"),
            ],
            funds_unplaceable: 0,
            total: [None, None, None],
            goals: (1, 1),
            misses: 0,
        },
        Visible {
            file: "09-zhongjiang-shuili-2022.txt",
            form: Form::Project,
            name: "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装",
            rows: vec![
                ("安装坡面水标尺", "≥266米", "≥266米", Some("10"), Some("10")),
                ("水标尺宽度", "≥50厘米", "≥50厘米", Some("10"), Some("10")),
                (
                    "项目(工程)验收合格率",
                    "100%",
                    "100%",
                    Some("20"),
                    Some("20"),
                ),
                ("及时(按期)开工率", "≥90%", "≥90%", Some("10"), Some("10")),
                ("及时(按期)完工率", "≥90%", "≥90%", Some("10"), Some("10")),
                ("项目计划总投资", "20万元", "20万元", Some("10"), Some("10")),
                (
                    "受益脱贫(含监测对象)户人口数",
                    "≥1000人",
                    "≥1000人",
                    Some("10"),
                    Some("10"),
                ),
                (
                    "群众生产生活条件改善状况",
                    "显著提升",
                    "显著提升",
                    Some("10"),
                    Some("10"),
                ),
                (
                    "受益脱贫(含监测对象)户满意度",
                    "≥95%",
                    "≥95%",
                    Some("10"),
                    Some("10"),
                ),
            ],
            // `202010100.00%10`: 20|20|10|100.00%|10, or 202|0|10|…: more than one reading.
            funds: [
                None,
                Some("20"),
                Some("20"),
                Some("100.00%"),
                Some("10"),
                Some("10"),
            ],
            funds_unplaceable: 0,
            total: [Some("100"), Some("100"), None],
            // 年初设定目标 and 完成情况综述 run together with nothing between them.
            goals: (1, 1),
            misses: 7,
        },
        Visible {
            file: "21-yongzhou-lingling-linye-2021.txt",
            form: Form::Department,
            name: "陵区林业局",
            rows: vec![
                ("造林面积", "1.2万亩", "1.2万亩", Some("10"), Some("10")),
                (
                    "病虫害防治面积",
                    "3.45万亩",
                    "3.45万亩",
                    Some("7"),
                    Some("7"),
                ),
                ("森林经营面积", "16.3万亩", "16.3万亩", Some("7"), Some("7")),
                ("造林成活率", "85%", "85%", Some("7"), Some("7")),
                ("当期完成", "90%", "100%", Some("7"), Some("7")),
                ("造林补助", "每亩300", "每亩300", Some("6"), Some("6")),
                ("育补助", "每亩100", "每亩100", Some("6"), Some("6")),
                ("木材销售收入", "1100万元", "1093万元", Some("6"), Some("5")),
                ("林产品收入", "2.6亿元", "2.45亿元", Some("6"), Some("5")),
                ("提高就业率", "显著", "显著", Some("6"), Some("6")),
            ],
            funds: [
                Some("4753.66"),
                Some("4753.66"),
                Some("3824.26"),
                Some("100%"),
                Some("10"),
                Some("10"),
            ],
            funds_unplaceable: 0,
            total: [None, None, None],
            goals: (3, 3),
            misses: 0,
        },
        Visible {
            file: "28-nanchong-linye-2023.txt",
            form: Form::Project,
            name: "退耕还林工程建设专项工作经费",
            rows: vec![("会议培训举办次数(次)", "≥1次", "1", None, None)],
            funds: [
                Some("5.00"),
                Some("5.00"),
                Some("5.00"),
                Some("100.00%"),
                Some("10"),
                None,
            ],
            funds_unplaceable: 0,
            total: [None, None, None],
            goals: (1, 1),
            misses: 0,
        },
    ]
}

/// The first project's rows other than the template's `……` placeholders.
fn filled(doc: &SelfEvaluation) -> Vec<&gongkai::content::model::selfeval::Outcome> {
    doc.projects[0]
        .indicators
        .iter()
        .filter(|o| o.name != "……")
        .collect()
}

/// Fields imported that equal what the form shows, and fields the form shows.
fn measure(v: &Visible, doc: &SelfEvaluation) -> (usize, usize, Vec<String>) {
    let mut hit = 0;
    let mut seen = 0;
    let mut misses = Vec::new();
    let mut check = |what: String, want: Option<&str>, got: Option<&str>| {
        if let Some(w) = want {
            seen += 1;
            if got == Some(w) {
                hit += 1;
            } else {
                misses.push(format!("{what}: want {w:?}, got {got:?}"));
            }
        }
    };
    let p = &doc.projects[0];
    check("项目名称".into(), Some(v.name), Some(&p.name));
    let rows = filled(doc);
    for (i, r) in v.rows.iter().enumerate() {
        let got = rows.get(i).copied();
        let s = |f: &dyn Fn(&gongkai::content::model::selfeval::Outcome) -> Option<String>| {
            got.and_then(f)
        };
        check(
            format!("第{}行 三级指标", i + 1),
            Some(r.0),
            s(&|o| Some(o.name.clone())).as_deref(),
        );
        check(
            format!("第{}行 年度指标值", i + 1),
            Some(r.1),
            s(&|o| Some(o.target.raw().to_string())).as_deref(),
        );
        check(
            format!("第{}行 实际完成值", i + 1),
            Some(r.2),
            s(&|o| Some(o.actual.raw().to_string())).as_deref(),
        );
        check(
            format!("第{}行 分值", i + 1),
            r.3,
            s(&|o| o.weight.as_ref().map(|w| w.raw().to_string())).as_deref(),
        );
        check(
            format!("第{}行 得分", i + 1),
            r.4,
            s(&|o| o.score.as_ref().map(|w| w.raw().to_string())).as_deref(),
        );
    }
    let f = &p.funds;
    let wan = |w: &Option<gongkai::content::model::Wan>| w.map(|w| w.to_string());
    let got = [
        wan(&f.initial),
        wan(&f.budget),
        wan(&f.executed),
        f.rate.is_written().then(|| f.rate.raw().to_string()),
        f.weight.as_ref().map(|w| w.raw().to_string()),
        f.score.as_ref().map(|w| w.raw().to_string()),
    ];
    for (k, name) in [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "执行率分值",
        "执行率得分",
    ]
    .iter()
    .enumerate()
    {
        check(format!("资金 {name}"), v.funds[k], got[k].as_deref());
    }
    for _ in 0..v.funds_unplaceable {
        check("资金（栏位不明）".into(), Some("?"), None);
    }
    let t = p.total.as_ref();
    let got = [
        t.and_then(|t| t.weight.as_ref().map(|w| w.raw().to_string())),
        t.and_then(|t| t.score.as_ref().map(|w| w.raw().to_string())),
        t.and_then(|t| t.grade.clone()),
    ];
    for (k, name) in ["总分", "自评得分", "等级"].iter().enumerate() {
        check(name.to_string(), v.total[k], got[k].as_deref());
    }
    check(
        "预期目标条数".into(),
        Some(&v.goals.0.to_string()),
        Some(&p.goals.planned.len().to_string()),
    );
    check(
        "实际完成情况条数".into(),
        Some(&v.goals.1.to_string()),
        Some(&p.goals.achieved.len().to_string()),
    );
    (hit, seen, misses)
}

/// Every number of the document that its source does not hold; an amount converted from 元
/// counts when the source holds it in 元.
fn invented(doc: &SelfEvaluation, source: &str) -> Vec<String> {
    // The file name, the year and the reader's own remarks are not the document's cells.
    let skip = ["source", "notes", "year", "schema"];
    let value = serde_json::to_value(doc).unwrap();
    let fields = invented::leaves(&value, invented::Leaves::TextsAndNumbers, &skip);
    invented::invented_numbers(fields, source, |k, n, squeezed| {
        let yuan = n
            .parse::<rust_decimal::Decimal>()
            .map(|n| {
                (n * rust_decimal::Decimal::from(10_000))
                    .normalize()
                    .to_string()
            })
            .unwrap_or_default();
        k.contains(".funds.") && squeezed.contains(&yuan)
    })
}

/// The corpus self-evaluations import into self-evaluation drafts that the site's loader
/// reads back, with every row's target, result, 分值 and 得分, the funds and the total as the
/// form shows them, and no figure the text does not hold. Prints the table in docs/import.md.
#[test]
fn corpus_self_evaluations_become_self_evaluation_drafts() {
    let mut failures = Vec::new();
    println!("| file | fields imported / visible | rows | misses |\n|---|---|---|---|");
    for v in visible() {
        let path = corpus(v.file);
        let source = std::fs::read_to_string(&path).unwrap();
        let (doc, d) = evaluation(&path);
        if doc.form != v.form {
            failures.push(format!("{}: form {:?}", v.file, doc.form));
        }
        let (hit, seen, misses) = measure(&v, &doc);
        println!(
            "| {} | {hit}/{seen} ({:.1}%) | {}/{} | {} |",
            v.file,
            100.0 * hit as f64 / seen as f64,
            filled(&doc).len(),
            v.rows.len(),
            if misses.is_empty() {
                "—".to_string()
            } else {
                misses.join("; ")
            }
        );
        if misses.len() != v.misses {
            failures.push(format!(
                "{}: {} misses, want {}",
                v.file,
                misses.len(),
                v.misses
            ));
        }
        if filled(&doc).len() != v.rows.len() {
            failures.push(format!(
                "{}: rows {:#?}",
                v.file, doc.projects[0].indicators
            ));
        }
        let made_up = invented(&doc, &source);
        if !made_up.is_empty() {
            failures.push(format!("{} invented: {made_up:?}", v.file));
        }
        // Written and read back by the site's own loader.
        let dir = tmp();
        let content = dir.path().join("content");
        let out = selfeval_draft::path_in(&d, &content);
        assert!(
            out.starts_with(content.join("selfeval").join(doc.document.year.to_string())),
            "{}",
            out.display()
        );
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let kind = d.self_evaluation.unwrap();
        std::fs::write(&out, selfeval_draft::to_yaml(&d, kind, &content).unwrap()).unwrap();
        let rel = out
            .strip_prefix(content.join("selfeval"))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        match load_file(&out, rel) {
            Ok(f) => {
                if serde_json::to_value(&f.document).unwrap() != serde_json::to_value(&doc).unwrap()
                {
                    failures.push(format!("{}: the draft does not read back the same", v.file));
                }
            }
            Err(e) => failures.push(format!("{}: the loader refuses the draft: {e:?}", v.file)),
        }
        let r = d.report.as_ref().unwrap();
        let lines = invented::lines_to_account_for(&source);
        if r.placed + r.structure + r.page.len() + r.left_out.len() != lines {
            failures.push(format!("{}: the tally does not add up", v.file));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Each corpus self-evaluation's known facts: the wrong 执行率 of 21 shown beside the rate
/// its figures give, 元 converted exactly and said so, the 总分 line, a cut row's unknown cells
/// left out rather than blank, and the tick-list summing 分值 and 得分 against 总分.
#[test]
fn the_report_and_tick_list_of_a_self_evaluation() {
    let (doc, d) = evaluation(&corpus("21-yongzhou-lingling-linye-2021.txt"));
    assert_eq!(
        doc.document.published.as_ref().map(|p| p.as_str()),
        Some("2022-04-07")
    );
    let r = d.report.as_ref().unwrap();
    assert!(
        r.ticks.iter().any(|t| t
            .to_string()
            .contains("执行率 100%（执行数÷全年预算数 = 80.4%）")),
        "{:#?}",
        r.ticks
    );
    assert_eq!(doc.form, Form::Department);
    assert!(
        doc.projects[0]
            .notes
            .iter()
            .any(|n| n.contains("其中: 一般公共预算:1873.66万元")),
        "{:#?}",
        doc.projects[0].notes
    );

    let (doc, d) = evaluation(&corpus("03-yongde-minglangzhongxue-2022.txt"));
    let p = &doc.projects[0];
    assert_eq!(p.supervisor.as_deref(), Some("永德县教育体育局"));
    assert_eq!(p.implementer.as_deref(), Some("永德县明朗中学"));
    assert_eq!(p.remarks.as_deref(), Some("无"));
    assert_eq!(p.indicators[0].symbol.as_deref(), Some("≧"));
    assert_eq!(p.indicators[0].reason.as_deref(), Some(""));
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("387664.62 | 387664.62 | 10 | 100% | 10")),
        "{:#?}",
        p.notes
    );
    let r = d.report.as_ref().unwrap();
    assert!(
        r.ticks.iter().any(|t| t
            .to_string()
            .contains("分值之和 90（执行率的未读出），原文写 100：不相符")),
        "{:#?}",
        r.ticks
    );
    // The amounts that could not be placed stop a plain import, naming their line.
    let dir = tmp();
    let content = dir.path().join("content");
    let err = import::import(
        &[corpus("03-yongde-minglangzhongxue-2022.txt")],
        &content,
        false,
        false,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Unaccounted { .. }), "{err}");
    assert!(err.to_string().contains("第8行未录入（含数字）"), "{err}");
    assert!(!content.exists());

    let (doc, _) = evaluation(&corpus("28-nanchong-linye-2023.txt"));
    let last = doc.projects[0].indicators.last().unwrap();
    assert_eq!((last.weight.as_ref(), last.score.as_ref()), (None, None));
    assert_eq!(
        doc.projects[0].code.as_deref(),
        Some("51130021T000000229367")
    );
    assert_eq!(doc.projects[0].funds.rows.len(), 4);
}

/// A made-up 项目支出绩效自评表 (never on the site) in the columns given, as rows of cells.
fn made_up(order: &[&str]) -> Vec<Vec<String>> {
    let rows = [
        (
            "产出指标",
            "数量指标",
            "检测批次",
            "≥650批次",
            "700批次",
            "20",
            "20",
            "",
        ),
        (
            "产出指标",
            "质量指标",
            "检测合格率",
            "≥95%",
            "93%",
            "20",
            "18",
            "个别样品复检",
        ),
        (
            "效益指标",
            "社会效益指标",
            "群众知晓率",
            "≥90%",
            "92%",
            "30",
            "30",
            "",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            "95%",
            "20",
            "20",
            "",
        ),
    ];
    let mut out: Vec<Vec<String>> = vec![
        vec!["项目支出绩效自评表".into()],
        vec!["（2025年度）".into()],
        vec![
            "项目名称".into(),
            "食品安全抽检".into(),
            "主管部门".into(),
            "某县市场监督管理局".into(),
        ],
        vec!["实施单位".into(), "某县食品检验所".into()],
        vec!["项目资金（万元）".into()],
        vec![
            "年初预算数".into(),
            "全年预算数".into(),
            "全年执行数".into(),
            "分值".into(),
            "执行率".into(),
            "得分".into(),
        ],
        vec![
            "年度资金总额".into(),
            "120.00".into(),
            "120.00".into(),
            "96.48".into(),
            "10".into(),
            "80.4%".into(),
            "8".into(),
        ],
        vec![
            "年度总体目标".into(),
            "预期目标".into(),
            "实际完成情况".into(),
        ],
        vec![
            "完成全县食品抽检650批次以上".into(),
            "完成全县食品抽检700批次".into(),
        ],
    ];
    let mut header: Vec<String> = vec!["一级指标".into(), "二级指标".into(), "三级指标".into()];
    header.extend(order.iter().map(|s| s.to_string()));
    out.push(header);
    for r in rows {
        let mut cells = vec![r.0.to_string(), r.1.to_string(), r.2.to_string()];
        for col in order {
            cells.push(
                match *col {
                    "年度指标值" => r.3,
                    "实际完成值" | "完成值" | "全年实际值" => r.4,
                    "分值" | "权重" => r.5,
                    "得分" => r.6,
                    _ => r.7,
                }
                .to_string(),
            );
        }
        out.push(cells);
    }
    out.push(vec!["总分".into(), "100".into(), "96".into(), "优".into()]);
    out
}

/// A row's 三级指标, 年度指标值, 实际完成值, 分值 and 得分 as read.
type Cells<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);

fn check_made_up(doc: &SelfEvaluation, how: &str) {
    let p = &doc.projects[0];
    assert_eq!(p.name, "食品安全抽检", "{how}");
    assert_eq!(p.implementer.as_deref(), Some("某县食品检验所"), "{how}");
    assert_eq!(
        p.funds.budget.map(|w| w.to_string()).as_deref(),
        Some("120.00"),
        "{how}"
    );
    assert_eq!(
        p.funds.executed.map(|w| w.to_string()).as_deref(),
        Some("96.48"),
        "{how}"
    );
    assert_eq!(p.funds.rate.raw(), "80.4%", "{how}");
    assert_eq!(p.funds.score.as_ref().map(|s| s.raw()), Some("8"), "{how}");
    let rows: Vec<Cells> = p
        .indicators
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.target.raw(),
                o.actual.raw(),
                o.weight.as_ref().map(|w| w.raw()),
                o.score.as_ref().map(|w| w.raw()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("检测批次", "≥650批次", "700批次", Some("20"), Some("20")),
            ("检测合格率", "≥95%", "93%", Some("20"), Some("18")),
            ("群众知晓率", "≥90%", "92%", Some("30"), Some("30")),
            ("群众满意度", "≥90%", "95%", Some("20"), Some("20")),
        ],
        "{how}"
    );
    assert_eq!(
        p.indicators[1].reason.as_deref(),
        Some("个别样品复检"),
        "{how}"
    );
    let t = p.total.as_ref().expect("总分");
    assert_eq!(
        (
            t.weight.as_ref().map(|w| w.raw()),
            t.score.as_ref().map(|w| w.raw()),
            t.grade.as_deref()
        ),
        (Some("100"), Some("96"), Some("优")),
        "{how}"
    );
    assert_eq!(
        p.goals.planned,
        vec!["完成全县食品抽检650批次以上"],
        "{how}"
    );
    assert_eq!(p.goals.achieved, vec!["完成全县食品抽检700批次"], "{how}");
}

/// The same made-up form with its columns in other orders and other words (权重 for 分值,
/// 完成值 / 全年实际值 for 实际完成值, 未完成原因 for 偏差原因), laid out with pipes, tabs and
/// as a .csv: every layout gives the same document.
#[test]
fn columns_found_by_their_words_in_any_order_and_layout() {
    let orders: [&[&str]; 4] = [
        &[
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        &[
            "分值",
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因及拟采取的改进措施",
        ],
        &["年度指标值", "完成值", "权重", "得分", "未完成原因分析"],
        &[
            "权重",
            "得分",
            "年度指标值",
            "实际完成值",
            "偏差原因分析及改进措施",
        ],
    ];
    let dir = tmp();
    for (n, order) in orders.iter().enumerate() {
        let rows = made_up(order);
        let pipes: String = rows
            .iter()
            .map(|r| format!("| {} |\n", r.join(" | ")))
            .collect();
        let tabs: String = rows.iter().map(|r| format!("{}\n", r.join("\t"))).collect();
        let csv: String = rows
            .iter()
            .map(|r| {
                let q: Vec<String> = r.iter().map(|c| format!("\"{c}\"")).collect();
                format!("{}\n", q.join(","))
            })
            .collect();
        for (ext, text) in [("txt", &pipes), ("text", &tabs), ("csv", &csv)] {
            let path = dir.path().join(format!("made-up-{n}.{ext}"));
            std::fs::write(&path, text).unwrap();
            let how = format!("{order:?} as .{ext}");
            let (doc, d) = evaluation(&path);
            check_made_up(&doc, &how);
            let r = d.report.as_ref().unwrap();
            assert!(r.figures().next().is_none(), "{how}: {:#?}", r.left_out);
            assert!(
                r.ticks.iter().any(|t| t
                    .to_string()
                    .contains("得分之和 96（含执行率），与原文 96 相符")),
                "{how}: {:#?}",
                r.ticks
            );
            assert!(invented(&doc, text).is_empty(), "{how}");
        }
    }
}

/// The made-up form as a spreadsheet (rust_xlsxwriter), one cell per cell: read as the same
/// document.
#[test]
fn a_self_evaluation_spreadsheet() {
    let rows = made_up(&[
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let dir = tmp();
    let path = dir.path().join("made-up.xlsx");
    book.save(&path).unwrap();
    let (doc, _) = evaluation(&path);
    check_made_up(&doc, ".xlsx");
}

/// A self-evaluation whose table has no completion column is refused with what it lacks.
#[test]
fn a_self_evaluation_without_results_stops_the_import() {
    let rows = made_up(&["年度指标值", "分值", "得分"]);
    let text: String = rows
        .iter()
        .map(|r| format!("| {} |\n", r.join(" | ")))
        .collect();
    let dir = tmp();
    let path = dir.path().join("no-results.txt");
    std::fs::write(&path, text).unwrap();
    let err = import::import(&[path], &dir.path().join("content"), false, false).unwrap_err();
    assert!(err.to_string().contains("都没有读出实际完成值"), "{err}");
}

/// The drafts of 03, 07, 09 and 21 against the self-evaluations typed in by hand in `content/`
/// (selfeval engineer): every indicator row the form shows, field by field (rows the model
/// counts as empty — the template's `……`, a 二级 name alone — left aside on both sides), and
/// each funds figure the importer placed.
#[test]
fn drafts_match_the_hand_typed_self_evaluations() {
    use gongkai::content::model::selfeval::Outcome;
    for (source, hand) in [
        (
            "03-yongde-minglangzhongxue-2022.txt",
            "content/selfeval/2022/530923/mlzx.yaml",
        ),
        (
            "21-yongzhou-lingling-linye-2021.txt",
            "content/selfeval/2021/431102/lyj.yaml",
        ),
        (
            "07-xiaoxian-zhangzhuangzhai-nongye-2023.txt",
            "content/selfeval/2023/341322/zzzz.yaml",
        ),
        (
            "09-zhongjiang-shuili-2022.txt",
            "content/selfeval/2022/510623/slj.yaml",
        ),
    ] {
        let (doc, _) = evaluation(&corpus(source));
        let rel = hand.trim_start_matches("content/selfeval/").to_string();
        let hand = load_file(Path::new(hand), rel)
            .unwrap_or_else(|e| panic!("{hand}: {e:?}"))
            .document;
        let cells = |o: &Outcome| {
            [
                o.name.clone(),
                o.target.raw().to_string(),
                o.actual.raw().to_string(),
                o.weight
                    .as_ref()
                    .map_or(String::new(), |w| w.raw().to_string()),
                o.score
                    .as_ref()
                    .map_or(String::new(), |w| w.raw().to_string()),
            ]
        };
        let typed: Vec<[String; 5]> = hand.projects[0]
            .indicators
            .iter()
            .filter(|o| !o.is_empty_row())
            .map(cells)
            .collect();
        let imported: Vec<[String; 5]> = doc.projects[0]
            .indicators
            .iter()
            .filter(|o| !o.is_empty_row())
            .map(cells)
            .collect();
        assert_eq!(imported, typed, "{source}");
        let (a, b) = (&doc.projects[0].funds, &hand.projects[0].funds);
        for (what, got, want) in [
            ("initial", a.initial, b.initial),
            ("budget", a.budget, b.budget),
            ("executed", a.executed, b.executed),
        ] {
            if got.is_some() {
                assert_eq!(got, want, "{source}: funds.{what}");
            }
        }
        // What the importer could not place (09's glued funds row and goals) is left aside;
        // what it placed must agree.
        if a.rate.is_written() {
            assert_eq!(a.rate.raw(), b.rate.raw(), "{source}: funds.rate");
        }
        let (g, h) = (&doc.projects[0].goals, &hand.projects[0].goals);
        if !g.planned.is_empty() || !g.achieved.is_empty() {
            assert_eq!(g.planned, h.planned, "{source}");
            assert_eq!(g.achieved, h.achieved, "{source}");
        }
    }
}

/// The made-up form as a Word file (docx-rs): the title as paragraphs, the form as a table
/// with a cell per cell, rows of different lengths as merged cells leave them.
#[test]
fn a_self_evaluation_in_word() {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
    let rows = made_up(&[
        "分值",
        "年度指标值",
        "实际完成值",
        "得分",
        "偏差原因分析及改进措施",
    ]);
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let mut d = Docx::new();
    for r in &rows[..2] {
        d = d.add_paragraph(para(&r[0]));
    }
    let table = Table::new(
        rows[2..]
            .iter()
            .map(|r| {
                TableRow::new(
                    r.iter()
                        .map(|c| TableCell::new().add_paragraph(para(c)))
                        .collect(),
                )
            })
            .collect(),
    );
    d = d.add_table(table);
    let mut bytes = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut bytes).unwrap();
    let dir = tmp();
    let path = dir.path().join("made-up.docx");
    std::fs::write(&path, bytes.into_inner()).unwrap();
    let (doc, _) = evaluation(&path);
    check_made_up(&doc, ".docx");
}

/// A self-evaluation lands beside its target document: when the year holds the department's
/// target file (same 部门名称), in any region folder, the draft takes its path and its region,
/// and the site links the two.
#[test]
fn the_draft_takes_the_place_of_its_target_document() {
    let (_, d) = evaluation(&corpus("03-yongde-minglangzhongxue-2022.txt"));
    let dir = common::site_copy();
    let content = dir.path().join("content");
    assert_eq!(
        selfeval_draft::path_in(&d, &content),
        content.join("selfeval/2022/unstated/03-yongde-minglangzhongxue-2022.yaml")
    );
    // A target document of 永德县教育体育局 for 2022: a bundled one, renamed and re-dated.
    let bundled = std::fs::read_to_string("content/2024/130225/414.yaml").unwrap();
    let target = bundled
        .replacen("year: 2024", "year: 2022", 1)
        .replace("乐亭县市场监督管理局", "永德县教育体育局");
    let region = content.join("2022/130225");
    std::fs::create_dir_all(&region).unwrap();
    std::fs::write(region.join("414.yaml"), target).unwrap();
    assert_eq!(
        selfeval_draft::path_in(&d, &content),
        content.join("selfeval/2022/130225/414.yaml")
    );
    let src = corpus("03-yongde-minglangzhongxue-2022.txt");
    let done = import::import(std::slice::from_ref(&src), &content, false, true).unwrap();
    assert_eq!(done[0].path, content.join("selfeval/2022/130225/414.yaml"));
    let yaml = std::fs::read_to_string(&done[0].path).unwrap();
    assert!(
        yaml.starts_with(
            "# 由 gongkai import 从 03-yongde-minglangzhongxue-2022.txt 生成的绩效自评草稿"
        ),
        "{yaml}"
    );
    assert!(yaml.contains("code: \"130225\""), "{yaml}");
    let again = import::import(std::slice::from_ref(&src), &content, false, true).unwrap_err();
    assert!(matches!(again, ImportError::Exists { .. }), "{again}");
    // The site builds with the two linked: the self-evaluation's page names its targets.
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
    let page = std::fs::read_to_string(
        dir.path()
            .join("public/selfeval/2022/130225/414/index.html"),
    )
    .unwrap();
    assert!(page.contains("义务教育营养改善计划专项资金"));
    assert!(!page.contains("本站没有该部门2022年的绩效目标"), "{page}");
}

/// Two self-evaluation forms one after the other in one text, and the same form saved as a
/// web page: one project each, each with its own funds and total.
#[test]
fn several_self_evaluations_in_one_text_and_a_web_page() {
    let order = [
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    let one: String = made_up(&order)
        .iter()
        .map(|r| format!("| {} |\n", r.join(" | ")))
        .collect();
    let two = one
        .replace("食品安全抽检", "餐饮服务监管")
        .replace("96.48", "90.00")
        .replace("80.4%", "75%");
    let dir = tmp();
    let path = dir.path().join("two.txt");
    std::fs::write(&path, format!("{one}{two}")).unwrap();
    let (doc, _) = evaluation(&path);
    assert_eq!(doc.projects.len(), 2);
    assert_eq!(doc.projects[1].name, "餐饮服务监管");
    assert_eq!(doc.projects[1].funds.rate.raw(), "75%");
    assert_eq!(
        doc.projects[1]
            .funds
            .executed
            .map(|w| w.to_string())
            .as_deref(),
        Some("90.00")
    );
    assert_eq!(doc.projects[1].indicators.len(), 4);
    assert!(doc.projects.iter().all(|p| p.total.is_some()));

    let page: String = made_up(&order)
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|c| format!("<td>{c}</td>")).collect();
            format!("<tr>{cells}</tr>\n")
        })
        .collect();
    let path = dir.path().join("form.html");
    std::fs::write(
        &path,
        format!("<html><body><table>{page}</table></body></html>"),
    )
    .unwrap();
    let (doc, _) = evaluation(&path);
    check_made_up(&doc, ".html");
}

mod fuzz {
    use gongkai::import;
    use proptest::prelude::*;

    /// Pieces of self-evaluation forms: labels, headers, level names, values, digits, signs
    /// and separators, in any order.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("绩效目标自评表".to_string()),
            Just("项目名称".to_string()),
            Just("年度资金总额:".to_string()),
            Just("全年预算数(A)".to_string()),
            Just("全年执行数(B)".to_string()),
            Just("执行率(B/A)".to_string()),
            Just("分值".to_string()),
            Just("得分".to_string()),
            Just("一级指标".to_string()),
            Just("三级指标".to_string()),
            Just("年度指标值".to_string()),
            Just("实际完成值".to_string()),
            Just("产出指标(70分)".to_string()),
            Just("数量指标".to_string()),
            Just("质量指标".to_string()),
            Just("时效指标".to_string()),
            Just("社会效益指标".to_string()),
            Just("总分".to_string()),
            Just("注:".to_string()),
            Just("≥".to_string()),
            Just("%".to_string()),
            Just("万元".to_string()),
            Just(" | ".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            "[0-9]{1,12}",
            "[0-9]{1,3}(\\.[0-9]{1,2})?%",
            "[\\p{Han}]{1,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            max_shrink_iters: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Any arrangement of a self-evaluation's pieces, glued or laid out, is read or
        /// refused, never a panic; a draft that comes out is a document the model writes.
        #[test]
        fn any_arrangement_is_read_or_refused(pieces in prop::collection::vec(piece(), 0..80)) {
            let text = format!("项目支出绩效自评表\n{}", pieces.concat());
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("form.txt");
            std::fs::write(&path, &text).unwrap();
            if let Ok(d) = import::read(&path)
                && let Some(kind) = d.self_evaluation
            {
                prop_assert!(import::selfeval_draft::to_yaml(&d, kind, dir.path()).is_ok());
            }
            let line = pieces.concat().replace('\n', "");
            let _ = import::glued::unglue(&line);
        }
    }
}

/// Imported, then built: the corpus self-evaluations 07 and 09 (glued into one line) imported
/// into a copy of the bundled site render with target, result and verdict per row.
#[test]
fn imported_self_evaluations_build_into_pages_with_verdicts() {
    let dir = common::site_copy();
    let content = dir.path().join("content");
    let files = [
        corpus("07-xiaoxian-zhangzhuangzhai-nongye-2023.txt"),
        corpus("09-zhongjiang-shuili-2022.txt"),
    ];
    let done = import::import(&files, &content, false, true).unwrap();
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
    for (i, want) in done.iter().zip(["★补助鱼塘面积", "项目计划总投资"]) {
        let rel = i
            .path
            .strip_prefix(&content)
            .unwrap()
            .with_extension("")
            .join("index.html");
        let page = std::fs::read_to_string(dir.path().join("public").join(&rel))
            .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        assert!(page.contains(want), "{}", rel.display());
        assert!(page.contains("✓ 达成"), "{}", rel.display());
    }
}

/// A government web page's own lines (索引号, 发文日期, 来源, 字体, 打印 …) are accounted for as
/// the page's and do not stop the import: 21 imports as it is. A figure in any other line that
/// no field holds still stops it, even beside a page's field.
#[test]
fn page_lines_are_the_pages_a_stray_figure_still_stops_the_import() {
    let source = corpus("21-yongzhou-lingling-linye-2021.txt");
    let dir = tmp();
    let content = dir.path().join("content");
    let done = import::import(std::slice::from_ref(&source), &content, false, false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.len(), 1);
    let r = done[0].draft.report.as_ref().unwrap();
    let page: Vec<usize> = r.page.iter().map(|l| l.line).collect();
    assert_eq!(page, [1, 2, 3, 4, 6], "{:#?}", r.page);
    assert!(r.figures().next().is_none(), "{:#?}", r.left_out);
    let yaml = std::fs::read_to_string(&done[0].path).unwrap();
    assert!(
        yaml.contains("网页栏目（索引号、发文日期、来源、打印、表格上方的链接列表等"),
        "{yaml}"
    );
    assert!(
        yaml.contains("第2行：索引号: 431102009/2022-00132"),
        "{yaml}"
    );
    assert!(yaml.contains("网页栏目 5 行"), "{yaml}");

    let text = std::fs::read_to_string(&source).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    for (at, stray) in [
        (6, "来源: 零陵区林业局 结余资金 58.30"),
        (6, "上年结余 58.30 万元"),
    ] {
        lines.insert(at, stray);
        let path = dir.path().join("stray.txt");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let content = dir.path().join("stray");
        let err = import::import(&[path], &content, false, false).unwrap_err();
        assert!(matches!(err, ImportError::Unaccounted { .. }), "{err}");
        assert!(
            err.to_string()
                .contains(&format!("第7行未录入（含数字）：{stray}")),
            "{err}"
        );
        assert!(!content.exists());
        lines.remove(at);
    }
}

/// 发文日期 written 2022年4月7日, 2022/4/7 or 2022.04.07 is the draft's 公开日期 when it is a
/// real date, for self-evaluations and target drafts alike; an impossible one is reported.
#[test]
fn the_pages_date_in_other_shapes() {
    let dir = tmp();
    let text = std::fs::read_to_string(corpus("21-yongzhou-lingling-linye-2021.txt")).unwrap();
    for (written, taken) in [
        ("2022年4月7日", Some("2022-04-07")),
        ("2022/4/7", Some("2022-04-07")),
        ("2022.04.07", Some("2022-04-07")),
        ("2022年2月30日", None),
    ] {
        let path = dir.path().join("page.txt");
        std::fs::write(&path, text.replacen("2022-04-07", written, 1)).unwrap();
        let (doc, d) = evaluation(&path);
        assert_eq!(
            doc.document.published.as_ref().map(|p| p.as_str()),
            taken,
            "{written}"
        );
        let note = d
            .notes
            .iter()
            .find(|n| n.line == 2)
            .map(|n| n.what.to_string())
            .unwrap_or_default();
        match taken {
            Some(date) => assert_eq!(
                note,
                format!("发文日期写作“{written}”，公开日期录为 {date}")
            ),
            None => assert!(note.contains("不是实际存在的日期"), "{note}"),
        }
    }

    // A target form copied from a web page, dated so.
    let target = std::fs::read_to_string("tests/corpus/17-taihe-chengguan-2023.txt").unwrap();
    let path = dir.path().join("target.txt");
    std::fs::write(
        &path,
        format!("发布时间：2023年2月8日 浏览次数：35\n{target}"),
    )
    .unwrap();
    let d = import::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(d.self_evaluation.is_none());
    assert_eq!(d.document.published.as_deref(), Some("2023-02-08"));
    let yaml = d.to_yaml().unwrap();
    let doc = gongkai::content::load::parse(Path::new("draft.yaml"), &yaml)
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(
        doc.document.published.as_ref().map(|p| p.as_str()),
        Some("2023-02-08")
    );
    assert_eq!(d.report.as_ref().unwrap().page.len(), 1);
}

/// Funds whose figures do not line up with their columns stay for the clerk, and the
/// tick-list says which figures, which columns, where to fill them in and in what unit:
/// 03's total row (three figures for four columns beside its rate and score, in 元) and 09's
/// row run together (several readings).
#[test]
fn funds_left_for_the_clerk_are_named_figure_by_figure() {
    let ticks = |name: &str| -> Vec<String> {
        let d = import::read(&corpus(name)).unwrap_or_else(|e| panic!("{e}"));
        d.report
            .unwrap()
            .ticks
            .iter()
            .map(|t| t.to_string())
            .collect()
    };
    let t = ticks("03-yongde-minglangzhongxue-2022.txt");
    assert!(
        t.iter().any(|t| t.contains("第8行“年度资金总额”写有 3 个数「387664.62 | 387664.62 | 10」，对应 4 栏")
            && t.contains("要填的栏：年初预算数（initial）、全年预算数（budget）、全年执行数（executed）、分值（weight）")
            && t.contains("projects 第 1 项的 funds 下")
            && t.contains("387664.62 元 = 38.766462 万元")
            && !t.contains("10 元")),
        "{t:#?}"
    );
    // The rate and score it could place are placed, not asked for.
    assert!(
        !t.iter()
            .any(|t| t.contains("第8行") && t.contains("执行率（rate）")),
        "{t:#?}"
    );
    let t = ticks("09-zhongjiang-shuili-2022.txt");
    assert!(
        t.iter().any(|t| t.contains("第10行“年度资金总额”「202010100.00%10」是 5 栏连写在一起的数，拆法不止一种")
            && t.contains("要填的栏：全年预算数（budget）、全年执行数（executed）、分值（weight）、执行率（rate）、得分（score）")),
        "{t:#?}"
    );
    // A form whose funds line up asks for nothing.
    let t = ticks("07-xiaoxian-zhangzhuangzhai-nongye-2023.txt");
    assert!(!t.iter().any(|t| t.contains("要填的栏")), "{t:#?}");
}
