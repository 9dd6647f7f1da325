//! One form, saved the ways clerks save it: as a CSV, as text with tabs (a table pasted from
//! Excel), in GBK or UTF-16, with Windows or old Mac line ends, with full-width bars, and as
//! an .xlsx laid out like the printed form. Every one imports to the same draft as the CSV;
//! a batch names every file it refuses.

use gongkai::import::{self, ImportError};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A county's project form as a CSV export gives it (the shape of corpus 22 and of the
/// forms the budget systems print), cells apart.
const FORM: &[&[&str]] = &[
    &["2024年度项目支出绩效目标表"],
    &["项目名称", "乡镇市场监管所标准化建设"],
    &[
        "主管部门",
        "某某县市场监督管理局",
        "实施单位",
        "某某县市场监督管理局",
    ],
    &["项目资金（万元）", "年度资金总额", "120.50"],
    &["", "其中：财政拨款", "100.50"],
    &["", "其他资金", "20.00"],
    &["年度总体目标", "完成5个基层所标准化建设，提升监管能力。"],
    &[
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
    ],
    &["产出指标", "数量指标", "标准化建设所数", "≥", "5", "个"],
    &["产出指标", "数量指标", "购置执法记录仪", "≥", "30", "台"],
    &["产出指标", "质量指标", "验收合格率", "≥", "95", "%"],
    &[
        "产出指标",
        "时效指标",
        "完成时间",
        "≤",
        "2024年12月底前",
        "",
    ],
    &["产出指标", "成本指标", "单所建设成本", "≤", "24.1", "万元"],
    &[
        "效益指标",
        "社会效益指标",
        "群众办事便利度",
        "",
        "明显提升",
        "",
    ],
    &[
        "效益指标",
        "可持续影响指标",
        "监管能力持续提升年限",
        "≥",
        "3",
        "年",
    ],
    &[
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥",
        "90",
        "%",
    ],
];

fn joined(sep: &str, end: &str) -> String {
    FORM.iter().map(|r| r.join(sep) + end).collect()
}

/// The draft's YAML without its report (the comments at its top, which name how the file
/// was read) and without the source file's name, or the refusal.
fn draft_of(path: &Path) -> Result<String, String> {
    let d = import::read(path).map_err(|e| e.to_string())?;
    let yaml = d.to_yaml().map_err(|e| e.to_string())?;
    Ok((yaml.lines())
        .filter(|l| !l.starts_with('#') && !l.trim_start().starts_with("source:"))
        .map(|l| format!("{l}\n"))
        .collect())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn one_form_in_every_encoding_separator_and_line_end_gives_one_draft() {
    let dir = tempfile::tempdir().unwrap();
    let csv = joined(",", "\n");
    let reference = draft_of(&write(dir.path(), "form.csv", csv.as_bytes())).unwrap();
    for want in ["标准化建设所数", "120.50", "≥95%", "监管能力持续提升年限"] {
        assert!(reference.contains(want), "{want}\n{reference}");
    }
    let tabs = joined("\t", "\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tabs.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("tabs.txt", tabs.clone().into_bytes()),
        ("crlf.txt", joined("\t", "\r\n").into_bytes()),
        ("cr.txt", joined("\t", "\r").into_bytes()),
        ("gbk.txt", encoding_rs::GBK.encode(&tabs).0.into_owned()),
        ("gbk.csv", encoding_rs::GBK.encode(&csv).0.into_owned()),
        ("crlf.csv", joined(",", "\r\n").into_bytes()),
        ("utf16.txt", utf16),
        ("bars.txt", joined("｜", "\n").into_bytes()),
    ];
    for (name, bytes) in variants {
        let path = write(dir.path(), name, &bytes);
        assert_eq!(draft_of(&path).as_ref(), Ok(&reference), "{name}");
    }
    // A GBK file says how it was read.
    let gbk = import::read(&dir.path().join("gbk.txt")).unwrap();
    assert!(
        gbk.notes.iter().any(|n| n.to_string().contains("GBK")),
        "{:?}",
        gbk.notes
    );
}

#[test]
fn a_sheet_laid_out_as_the_printed_form_imports_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let reference = draft_of(&write(dir.path(), "form.csv", joined(",", "\n").as_bytes())).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in FORM.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    let path = dir.path().join("form.xlsx");
    book.save(&path).unwrap();
    assert_eq!(draft_of(&path), Ok(reference));
}

#[test]
fn a_batch_names_every_file_it_refuses_and_keep_going_writes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.csv", joined(",", "\n").as_bytes());
    let empty = write(dir.path(), "empty.txt", "没有表格的一段文字。\n".as_bytes());
    let binary = write(dir.path(), "binary.txt", b"\x00\x01\x02PK");
    let content = dir.path().join("content");
    let batch = import::read_all(
        &[empty.clone(), good.clone(), binary.clone()],
        &content,
        false,
        false,
        None,
    );
    assert_eq!(batch.drafts.len(), 1);
    let failed: Vec<&Path> = (batch.failed.iter())
        .map(|e| match e {
            ImportError::Shape { path, .. }
            | ImportError::Encoding { path }
            | ImportError::Refused { path, .. } => path.as_path(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(failed, [empty.as_path(), binary.as_path()]);
    // The one-call form stops at the first, writing nothing.
    assert!(import::import(&[good.clone(), empty.clone()], &content, false, false).is_err());
    assert!(!content.exists());

    let run = |keep_going: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.env("LC_ALL", "C.UTF-8")
            .arg("import")
            .args([&empty, &good, &binary])
            .arg("--out")
            .arg(&content);
        if keep_going {
            cmd.arg("--keep-going");
        }
        cmd.output().unwrap()
    };
    let out = run(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("empty.txt") && stderr.contains("binary.txt"),
        "every refusal named: {stderr}"
    );
    assert!(stderr.contains("3 个文件中有 2 个"), "{stderr}");
    assert!(!content.exists(), "nothing written");
    let out = run(true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a refused file still fails the run");
    assert!(stderr.contains("已写入 1 个草稿"), "{stderr}");
    let written: Vec<_> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(written.len(), 1, "the readable file's draft");
}

/// A form whose text states no year used to become `content/0/…`, which `check` then
/// refused as no year folder. It is refused at import with the way out, `--year`, which
/// fills the year only where the text states none.
#[test]
fn a_form_without_a_year_needs_the_year_given() {
    let dir = tempfile::tempdir().unwrap();
    // No title, and the deadline without its year.
    let text: String = (FORM[1..].iter())
        .map(|r| r.join(",").replace("2024年12月底前", "12月底前") + "\n")
        .collect();
    let path = write(dir.path(), "no-year.csv", text.as_bytes());
    let content = dir.path().join("content");
    let refused = import::read_all(std::slice::from_ref(&path), &content, false, false, None);
    assert!(
        matches!(refused.failed.as_slice(), [ImportError::NoYear { .. }]),
        "{:?}",
        refused.failed
    );
    assert!(refused.failed[0].to_string().contains("--year"));
    let given = import::read_all(
        std::slice::from_ref(&path),
        &content,
        false,
        false,
        Some(2023),
    );
    assert!(given.failed.is_empty(), "{:?}", given.failed);
    let d = &given.drafts[0];
    assert_eq!(d.draft.document.year, 2023);
    assert!(
        d.path.starts_with(content.join("2023")),
        "{}",
        d.path.display()
    );
    // A year the text states is kept.
    let stated = write(dir.path(), "stated.csv", joined(",", "\n").as_bytes());
    let kept = import::read_all(&[stated], &content, false, false, Some(2023));
    assert_eq!(kept.drafts[0].draft.document.year, 2024);
}

/// The form as a sheet whose cells keep Excel's types: the pass rate a fraction formatted
/// as a percentage, the deadline a date formatted 年月日, the cost a number with a binary
/// fraction's noise. The draft shows what the clerk saw in Excel, not the stored value.
#[test]
fn typed_cells_read_as_excel_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for (r, row) in FORM.iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match *cell {
                "" => {}
                "95" => {
                    sheet
                        .write_number_with_format(r, c, 0.95, &percent)
                        .unwrap();
                }
                "%" if row[2] == "验收合格率" => {}
                "2024年12月底前" => {
                    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 31).unwrap();
                    sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                }
                "24.1" => {
                    sheet.write_number(r, c, 24.0 + 0.1 + 0.2 - 0.2).unwrap();
                }
                _ => {
                    sheet.write_string(r, c, *cell).unwrap();
                }
            }
        }
    }
    let path = dir.path().join("typed.xlsx");
    book.save(&path).unwrap();
    let draft = draft_of(&path).unwrap();
    for want in ["≥95%", "2024年12月31日", "24.1"] {
        assert!(draft.contains(want), "{want}\n{draft}");
    }
    for not in ["0.95", "45657", "24.100000000000001", "24.099999"] {
        assert!(!draft.contains(not), "{not}\n{draft}");
    }
}

/// A sheet written by a program that saved formulas without their results (never opened in
/// Excel): the value is unknown, so the file is refused naming the cell, not read as empty.
#[test]
fn a_formula_saved_without_its_result_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_formula_result_default("");
    for (r, row) in FORM.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if *cell == "120.50" {
                sheet.write_formula(r as u32, c as u16, "=C5+C6").unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    let path = dir.path().join("formula.xlsx");
    book.save(&path).unwrap();
    let err = draft_of(&path).unwrap_err();
    assert!(err.contains("第 4 行 C 列"), "{err}");
}

/// The form printed over two pages and copied back: the page's number and the header row
/// printed again on the second page stand between two indicator rows. Every reader skips
/// both (and says so at their lines); the draft is the one-page form's.
#[test]
fn a_header_repeated_after_a_page_break_is_skipped_by_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let reference = draft_of(&write(dir.path(), "form.csv", joined(",", "\n").as_bytes())).unwrap();
    let paged = |sep: &str| -> String {
        let mut rows: Vec<String> = FORM.iter().map(|r| r.join(sep)).collect();
        rows.insert(12, "第 1 页 共 2 页".into());
        rows.insert(13, FORM[7].join(sep));
        rows.iter().map(|r| format!("{r}\n")).collect()
    };
    for (name, text) in [
        ("paged.csv", paged(",")),
        ("paged.txt", paged("\t")),
        ("paged-bars.txt", paged(" | ")),
        ("paged-spaces.txt", paged("  ").replace("  \n", "\n")),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        assert_eq!(draft_of(&path).as_ref(), Ok(&reference), "{name}");
        let d = import::read(&path).unwrap();
        let notes: Vec<String> = d.notes.iter().map(ToString::to_string).collect();
        assert!(
            notes.iter().any(|n| n.contains("13") && n.contains("页码"))
                && notes.iter().any(|n| n.contains("14") && n.contains("表头")),
            "{name}: {notes:?}"
        );
    }
    // A Word file whose table the page break split in two: the page number a paragraph
    // between the tables, the header the second table's first row.
    let docx = |paged: bool| -> Vec<u8> {
        use docx_rs::Docx;
        let (para, table) = (docx_para, docx_table);
        let mut d = Docx::new().add_paragraph(para(FORM[0][0]));
        d = if paged {
            let mut second: Vec<&[&str]> = vec![FORM[7]];
            second.extend(&FORM[12..]);
            d.add_table(table(&FORM[1..12]))
                .add_paragraph(para("第 1 页 共 2 页"))
                .add_table(table(&second))
        } else {
            d.add_table(table(&FORM[1..]))
        };
        let mut out = std::io::Cursor::new(Vec::new());
        d.build().pack(&mut out).unwrap();
        out.into_inner()
    };
    let one = draft_of(&write(dir.path(), "one.docx", &docx(false))).unwrap();
    let paged = write(dir.path(), "paged.docx", &docx(true));
    assert_eq!(draft_of(&paged).as_ref(), Ok(&one), "paged.docx");
    let notes: Vec<String> = (import::read(&paged).unwrap().notes.iter())
        .map(ToString::to_string)
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("页码")) && notes.iter().any(|n| n.contains("表头")),
        "{notes:?}"
    );
    // A sheet of one indicator per row, printed and pasted back the same way.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let head = [
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "年度",
    ];
    let rows: Vec<Vec<&str>> = vec![
        head.to_vec(),
        vec![
            "抽检",
            "产出指标",
            "数量指标",
            "抽检批次",
            "≥1200批次",
            "2024",
        ],
        vec!["第 1 页 共 2 页"],
        head.to_vec(),
        vec![
            "抽检",
            "满意度指标",
            "服务对象满意度指标",
            "满意度",
            "≥90%",
            "2024",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let path = dir.path().join("rows.xlsx");
    book.save(&path).unwrap();
    let d = import::read(&path).unwrap();
    let names: Vec<Option<&str>> = (d.projects.iter())
        .flat_map(|p| p.indicators.iter().map(|i| i.name.as_deref()))
        .collect();
    assert_eq!(names, [Some("抽检批次"), Some("满意度")]);
    assert_eq!(d.projects.len(), 1);
}

/// Funds written in 元 (the header says so, or the amount does, with thousands
/// separators): converted exactly to 万元, and the report says so at each line.
#[test]
fn amounts_in_yuan_become_wan_exactly_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let yuan = |a: &str, b: &str, c: &str| -> String {
        (FORM.iter())
            .map(|r| {
                let r: Vec<&str> = r
                    .iter()
                    .map(|c2| match *c2 {
                        "项目资金（万元）" => "项目资金（元）",
                        "120.50" => a,
                        "100.50" => b,
                        "20.00" => c,
                        x => x,
                    })
                    .collect();
                r.iter()
                    .map(|c| {
                        if c.contains(',') {
                            format!("\"{c}\"")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
                    + "\n"
            })
            .collect()
    };
    for (name, text) in [
        ("yuan.csv", yuan("1205000.00", "1005000.00", "200000.00")),
        (
            "thousands.csv",
            yuan("1,205,000.00", "1,005,000.00", "200,000.00"),
        ),
        (
            "written.csv",
            yuan("1,205,000.00元", "1,005,000.00元", "200,000.00元"),
        ),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        let d = import::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let p = &d.projects[0];
        assert_eq!(
            (
                p.amounts.total.as_deref(),
                p.amounts.fiscal.as_deref(),
                p.amounts.other.as_deref()
            ),
            (Some("120.5"), Some("100.5"), Some("20")),
            "{name}"
        );
        let notes: Vec<String> = d.notes.iter().map(ToString::to_string).collect();
        assert!(
            notes.iter().any(|n| n.contains('4') && n.contains("元")),
            "{name}: {notes:?}"
        );
        let report = d.report.as_ref().unwrap();
        assert_eq!(report.shortfall(), Default::default(), "{name}: {report:?}");
    }
}

/// A form as Word and PDF lay it out around its tables: a caption before each table
/// (`附表3`, `表1 …`, `表 2-1 …`), a `续表` where a table goes on over a page, a caption after
/// the last table, and the lines the clerks sign at its foot (填表人, 联系电话, 填报日期,
/// 审核人, 单位负责人, 财务负责人). None of them is a row, a project's text or the
/// department's name: the draft is the plain form's.
#[test]
fn paragraphs_between_before_and_after_tables_are_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let signed: &[&str] = &[
        "填表人：张三    联系电话：0551-62345678",
        "填报日期：2024年1月15日",
        "单位负责人：王五    财务负责人：赵六    审核人：李四",
    ];
    // Text copied from Word (cells by tabs) or a web page (cells by bars), a line a row.
    let text = |sep: &str| -> String {
        let row = |r: &[&str]| r.join(sep);
        let mut lines: Vec<String> = vec![
            "附表3".into(),
            format!("表1 {}", FORM[0][0]),
            // Signed beside a field of the form, above its table: the field stays.
            "填报单位（盖章）：某某县市场监督管理局    填表人：张三    联系电话：0551-62345678"
                .into(),
        ];
        lines.extend(FORM[1..7].iter().map(|r| row(r)));
        lines.push("表 2-1 项目绩效指标".into());
        lines.extend(FORM[7..11].iter().map(|r| row(r)));
        lines.push("续表".into());
        lines.extend(FORM[11..13].iter().map(|r| row(r)));
        lines.push("（续表）".into());
        lines.push(row(FORM[7]));
        lines.extend(FORM[13..].iter().map(|r| row(r)));
        lines.push("表2-1（续） 项目绩效指标".into());
        lines.extend(signed.iter().map(|s| s.to_string()));
        lines.iter().map(|l| format!("{l}\n")).collect()
    };
    let reference = draft_of(&write(
        dir.path(),
        "form.txt",
        joined("\t", "\n").as_bytes(),
    ))
    .unwrap();
    for (name, t) in [
        ("captions.txt", text("\t")),
        ("captions-bars.txt", text(" | ")),
    ] {
        let path = write(dir.path(), name, t.as_bytes());
        assert_eq!(draft_of(&path).as_ref(), Ok(&reference), "{name}");
    }
    // A Word file: the captions and the signatures are paragraphs between, before and after
    // its tables; the indicator table goes on over a page under 续表.
    let docx = |captioned: bool| -> Vec<u8> {
        use docx_rs::Docx;
        let (para, table) = (docx_para, docx_table);
        let d = if captioned {
            let mut second: Vec<&[&str]> = vec![FORM[7]];
            second.extend(&FORM[11..]);
            // Signed in the first table's first row, beside the field of the form.
            let signed_row: &[&str] = &[
                "填报单位（盖章）：某某县市场监督管理局",
                "填表人：张三",
                "联系电话：0551-62345678",
            ];
            let mut first: Vec<&[&str]> = vec![signed_row];
            first.extend(&FORM[1..7]);
            let mut d = Docx::new()
                .add_paragraph(para("附表3"))
                .add_paragraph(para(&format!("表1 {}", FORM[0][0])))
                .add_table(table(&first))
                .add_paragraph(para("表 2-1 项目绩效指标"))
                .add_table(table(&FORM[7..11]))
                .add_paragraph(para("（续表）"))
                .add_table(table(&second))
                .add_paragraph(para("表2-1（续） 项目绩效指标"));
            for s in signed {
                d = d.add_paragraph(para(s));
            }
            d
        } else {
            Docx::new()
                .add_paragraph(para(FORM[0][0]))
                .add_table(table(&FORM[1..7]))
                .add_table(table(&FORM[7..]))
        };
        let mut out = std::io::Cursor::new(Vec::new());
        d.build().pack(&mut out).unwrap();
        out.into_inner()
    };
    let plain = draft_of(&write(dir.path(), "plain.docx", &docx(false))).unwrap();
    let captioned = write(dir.path(), "captioned.docx", &docx(true));
    assert_eq!(draft_of(&captioned).as_ref(), Ok(&plain), "captioned.docx");
    // Nothing of those lines stands in the draft; the signatures are set aside, named in
    // the report, and stop nothing (the telephone is a figure).
    for (name, path) in [
        ("captions.txt", dir.path().join("captions.txt")),
        ("captioned.docx", captioned),
    ] {
        let d = import::read(&path).unwrap();
        let yaml = draft_of(&path).unwrap();
        for gone in [
            "附表",
            "续表",
            "（续）",
            "张三",
            "0551",
            "王五",
            "赵六",
            "李四",
            "项目绩效指标",
        ] {
            assert!(!yaml.contains(gone), "{name}: {gone}\n{yaml}");
        }
        let rows: usize = d.projects.iter().map(|p| p.indicators.len()).sum();
        assert_eq!((d.projects.len(), rows), (1, 8), "{name}");
        let report = d.report.as_ref().expect("a report");
        assert_eq!(report.figures().count(), 0, "{name}: {report:#?}");
        let full = d.to_yaml().unwrap();
        for signer in ["填表人", "审核人", "单位负责人", "财务负责人", "填报日期"]
        {
            assert!(full.contains(signer), "{name}: {signer}\n{full}");
        }
    }
}

/// A form copied from a web page whose information box names the page's category in words
/// of a title (`信息分类: 项目绩效目标`): the box is the page's, the title is the form's own.
#[test]
fn a_page_fields_category_is_not_the_forms_title() {
    let dir = tempfile::tempdir().unwrap();
    let form = joined("\t", "\n");
    let page = "索引号: 11341502MB1234567X/202401-00012 信息分类: 项目绩效目标\n\
                发布机构: 某某县财政局 发文日期: 2024-01-05\n";
    let path = write(dir.path(), "page.txt", format!("{page}\n{form}").as_bytes());
    let d = import::read(&path).unwrap();
    assert_eq!(d.document.title.as_deref(), Some(FORM[0][0]));
    let report = d.report.as_ref().expect("a report");
    assert_eq!(report.page.len(), 2, "{report:#?}");
    assert!(report.left_out.is_empty(), "{report:#?}");
}

/// A form copied from a web page a cell a line (each cell ends with ` |`, a row with a line
/// `|`), its value in 指标性质 | 指标值 | 度量单位 columns: the reader joins `≥` `95` `%` into
/// `≥95%`, and the report counts the line of the number alone as placed, however short
/// (`95`, `30`), not as a figure left out.
#[test]
fn a_joined_values_number_alone_on_its_line_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = FORM
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|c| format!("{c} |\n")).collect();
            format!("|\n{cells}")
        })
        .collect();
    let path = write(dir.path(), "cells.txt", text.as_bytes());
    let d = import::read(&path).unwrap();
    let values: Vec<&str> = (d.projects.iter())
        .flat_map(|p| p.indicators.iter().filter_map(|i| i.value.as_deref()))
        .collect();
    for want in ["≥5个", "≥30台", "≥95%", "≥90%"] {
        assert!(values.contains(&want), "{want}: {values:?}");
    }
    let report = d.report.as_ref().expect("a report");
    let figures: Vec<&str> = report.figures().map(|l| l.text.as_str()).collect();
    assert!(figures.is_empty(), "{figures:?}");
}

/// A Word paragraph of `t`.
fn docx_para(t: &str) -> docx_rs::Paragraph {
    use docx_rs::{Paragraph, Run};
    Paragraph::new().add_run(Run::new().add_text(t))
}

/// A Word table of `rows`, six cells to a row (a short row's last cells empty).
fn docx_table(rows: &[&[&str]]) -> docx_rs::Table {
    use docx_rs::{Table, TableCell, TableRow};
    Table::new(
        (rows.iter())
            .map(|r| {
                TableRow::new(
                    (0..6)
                        .map(|i| {
                            TableCell::new()
                                .add_paragraph(docx_para(r.get(i).copied().unwrap_or("")))
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}

/// 四川's 项目支出绩效目标申报表 writes no figure beside 年度资金总额, only one per numbered
/// source beneath it, each with its own items (the layout of corpus 04): the total is the
/// sum of the numbered sources, 其他资金 all but the fiscal one, and a note says so; a
/// source without a figure leaves the total to the clerk.
#[test]
fn a_total_written_only_as_its_numbered_sources_is_their_sum() {
    let dir = tempfile::tempdir().unwrap();
    let form = |own: &str| {
        format!(
            "项目支出绩效目标申报表\n(2024年度)\n项目名称 乡村道路养护\n预算单位 县交通运输局\n\
             项目资金(万元) 年度资金总额 金额(万元)\n\
             \x20  (一)财政拨款小计 30.00\n       1、一般公共预算 30.00\n       2、政府性基金 0.00\n\
             \x20  (二)自有资金小计 {own}\n       1、事业收入 5.50\n\
             \x20  (三)其他收入 1.00\n\n\
             年度目标\n完成全县农村公路日常养护。\n\
             绩效指标 一级指标 二级指标 三级指标 指标值\n\
             产出指标 数量指标 养护里程 ≥120公里\n\
             效益指标 社会效益指标 群众出行条件 持续改善\n\
             满意度指标 服务对象满意度指标 群众满意度 ≥90%\n"
        )
    };
    let path = write(dir.path(), "sichuan.txt", form("5.50").as_bytes());
    let d = import::read(&path).unwrap();
    let a = &d.projects[0].amounts;
    let got = (a.total.as_deref(), a.fiscal.as_deref(), a.other.as_deref());
    assert_eq!(got, (Some("36.50"), Some("30.00"), Some("6.50")));
    let notes: Vec<String> = d.notes.iter().map(|n| n.what.to_string()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("（二）自有资金小计 5.50") && n.contains("36.50")),
        "{notes:?}"
    );
    let report = d.report.as_ref().expect("a report");
    let figures: Vec<&str> = report.figures().map(|l| l.text.as_str()).collect();
    assert!(figures.is_empty(), "{figures:?}");
    // 自有资金小计 with no figure of its own: no sum, and the clerk is asked for the total.
    let path = write(dir.path(), "blank.txt", form("").as_bytes());
    let d = import::read(&path).unwrap();
    let a = &d.projects[0].amounts;
    assert_eq!((a.total.as_deref(), a.other.as_deref()), (None, None));
    let notes: Vec<String> = d.notes.iter().map(|n| n.what.to_string()).collect();
    assert!(
        notes.iter().any(|n| n.contains("未能读出预算数")),
        "{notes:?}"
    );
}
