//! What a clerk reads from `gongkai check`: every mistake of a file in one run, each at its
//! line, in Chinese, the field named as the form names it.

use std::path::Path;

#[test]
fn a_file_with_four_kinds_of_mistake_reports_all_of_them_in_chinese_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(seed)
        .unwrap()
        .replacen("status: 未注明", "status: 已公开", 1)
        .replacen("  name: ", "  nmae: ", 1)
        .replacen("total: 10.36", "total: 10,36", 1)
        .replacen("        level2: ", "        二级指标: ", 1);
    let file = content.join("2024/130225/414.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &text).unwrap();

    let report = gongkai::check::check(&content);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == gongkai::diagnostic::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 4, "{}", report.render());
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let lines: Vec<usize> = errors.iter().map(|d| d.position.unwrap().line).collect();
    assert_eq!(
        lines,
        vec![
            line_of("status: 已公开"),
            line_of("nmae:"),
            line_of("total: 10,36"),
            line_of("二级指标:")
        ]
    );
    let out = report.render();
    for expected in [
        "错误[schema]: “已公开”不是文件信息 › 文本状态的可选写法",
        "是不是要写“正式”？",
        "不认识的字段“nmae”",
        "是不是要写“name”（部门名称）？",
        "金额中的逗号把数字断开了",
        "是不是要写“level2”（二级指标）？",
        "（第 6 行第 11 列）",
        "共检查 1 个文件",
        "4 个错误",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
}
