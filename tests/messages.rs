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
        // the clerk's own figure, rewritten: 10,36 → 10.36
        "金额请写成 10.36：小数点用“.”",
        "是不是要写“level2”（二级指标）？",
        "（第 6 行第 11 列）",
        "共检查 1 个文件",
        "4 个错误",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
}

/// A department file with a YAML syntax error in the middle and mistakes of other kinds
/// before and after it, in a fresh site folder.
fn site_with_a_syntax_error_and_later_mistakes() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(seed)
        .unwrap()
        .replacen("status: 未注明", "status: 已公开", 1)
        .replacen("  name: ", "  name: 乐亭县: ", 1)
        .replacen("total: 10.36", "total: 10,36", 1)
        .replacen("        level2: ", "        二级指标: ", 1);
    let file = dir.path().join("content/2024/130225/414.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &text).unwrap();
    (dir, text)
}

/// `gongkai check` in `dir` with `args` and the locale `lang` (LC_ALL and LC_MESSAGES unset);
/// what it printed on standard error.
fn check(dir: &Path, args: &[&str], lang: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap();
    assert!(!out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

/// The lines of a report that are gongkai's own words: not the snippets of the file, with
/// the data quoted (“…”, `…`) and field paths taken out.
fn own_words(report: &str) -> String {
    let quoted = regex::Regex::new(r"“[^”]*”|`[^`]*`|\([^()]*\)$").unwrap();
    report
        .lines()
        .filter(|l| !l.contains(" | ") && !l.trim_start().starts_with("= field:"))
        .map(|l| quoted.replace_all(l, "").into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn after_a_syntax_error_the_later_mistakes_are_reported_each_at_its_line() {
    let (dir, text) = site_with_a_syntax_error_and_later_mistakes();
    let out = check(dir.path(), &[], "C.UTF-8");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (kind, needle) in [
        ("错误[schema]", "status: 已公开"),
        ("错误[yaml-syntax]", "name: 乐亭县: "),
        ("错误[schema]", "total: 10,36"),
        ("错误[schema]", "二级指标:"),
    ] {
        let at = format!("（第 {} 行", line_of(needle));
        let found = out
            .split("\n\n")
            .any(|block| block.starts_with(kind) && block.contains(&at));
        assert!(found, "no {kind} at {at}:\n{out}");
    }
    assert!(out.contains("值里有冒号"), "{out}");
    assert!(out.contains("4 个错误"), "{out}");
    assert!(!out.contains("缺少必填"), "{out}");
}

#[test]
fn lang_en_and_an_english_locale_give_english_and_the_default_is_chinese() {
    let (dir, _) = site_with_a_syntax_error_and_later_mistakes();
    let zh = check(dir.path(), &[], "C.UTF-8");
    assert!(zh.contains("错误[yaml-syntax]: YAML 格式错误"), "{zh}");
    assert!(zh.contains("共检查 1 个文件"), "{zh}");
    let en = check(dir.path(), &["--lang", "en"], "zh_CN.UTF-8");
    assert_eq!(check(dir.path(), &[], "en_US.UTF-8"), en);
    for expected in [
        "error[schema]: “已公开” is not one of the choices for document.status",
        "did you mean “正式”?",
        "error[yaml-syntax]: YAML syntax error: a `key: value` cannot stand here",
        "a comma split the amount",
        "write the amount as 10.36: a point",
        "unknown field `二级指标`",
        "did you mean `level2`?",
        "(line 6, column 11)",
        "checked 1 files (0 projects): 4 errors, 0 warnings",
    ] {
        assert!(en.contains(expected), "missing {expected}:\n{en}");
    }
    let words = own_words(&en);
    assert!(!has_han(&words), "Chinese in the English report:\n{words}");
    assert!(has_han(&own_words(&zh)));
    // `--lang zh` overrides an English locale.
    assert_eq!(check(dir.path(), &["--lang", "zh"], "en_US.UTF-8"), zh);
}

/// The refusals of the issue that explain the fix: a date that does not exist and a
/// `published` that is not a date, an amount written with 万元 or a decimal comma; all in
/// one run, each at its line.
#[test]
fn dates_and_amounts_are_refused_with_the_fix_each_at_its_line() {
    let (dir, _) = site_with_a_syntax_error_and_later_mistakes();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(seed)
        .unwrap()
        .replacen("  status: ", "  published: 2024-02-30\n  status: ", 1)
        .replacen("total: 10.36", "total: 12.5万元", 1)
        .replacen("total: 15.00", "total: \"15,5\"", 1);
    assert_eq!(text.matches("2024-02-30").count(), 1);
    std::fs::write(dir.path().join("content/2024/130225/414.yaml"), &text).unwrap();
    let out = check(dir.path(), &[], "C.UTF-8");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (needle, says) in [
        (
            "published: 2024-02-30",
            "`2024-02-30` 不是真实的日期：该月没有这一天",
        ),
        ("total: 12.5万元", "金额请写成 12.5，单位万元已由表头给出"),
        ("total: \"15,5\"", "金额请写成 15.5：小数点用“.”"),
    ] {
        let at = format!("（第 {} 行", line_of(needle));
        assert!(
            out.split("\n\n")
                .any(|b| b.contains(&at) && b.contains(says)),
            "no “{says}” at {at}:\n{out}"
        );
    }
    let not_a_date = text.replacen("2024-02-30", "昨天", 1);
    std::fs::write(dir.path().join("content/2024/130225/414.yaml"), &not_a_date).unwrap();
    let out = check(dir.path(), &[], "C.UTF-8");
    assert!(
        out.contains("`昨天` 不是日期：请按 年-月-日 写成 YYYY-MM-DD"),
        "{out}"
    );
    assert!(out.contains("3 个错误"), "{out}");
}

/// `gongkai --help` lists the subcommands in Chinese, and in English with `--lang en`.
#[test]
fn the_help_speaks_the_language_too() {
    let help = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = help(&["--help"]);
    assert!(zh.contains("检查内容而不构建"), "{zh}");
    assert!(zh.contains("界面语言"), "{zh}");
    let en = help(&["--lang", "en", "--help"]);
    assert!(
        en.contains("Load and validate the content without building"),
        "{en}"
    );
    assert!(!has_han(&en), "{en}");
    let new = help(&["new", "--help"]);
    assert!(
        new.contains("预算年度，四位数字") && new.contains("部门编码"),
        "{new}"
    );
    let build = help(&["build", "--help", "--lang=en"]);
    assert!(!has_han(&build), "{build}");
    assert!(
        build.starts_with("Build the site into the output folder"),
        "{build}"
    );
}

/// `gongkai` with `args` in `dir` under a Chinese-free locale: its exit status, standard
/// output and standard error.
fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The review's findings on the bundled content speak the publisher's language in the
/// terminal (`check`): English with `--lang en`, Chinese by default, the rows quoted as
/// written; `review`'s report stays a Chinese document, and its summary follows `--lang`.
#[test]
fn review_findings_speak_the_language_of_the_terminal() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (ok, _, zh) = run(site, &["check"]);
    assert!(ok, "{zh}");
    let (ok, _, en) = run(site, &["check", "--lang", "en"]);
    assert!(ok, "{en}");
    for expected in [
        "警告[vague-target]: 「督促企业自律、提高企业质量意识、提高产品合格率、为经济高质量发展打下坚实基础」的指标值「效果明显」没有可衡量的数值（位置：第 1 个项目表 指标第 49 行，一般）",
        "没有满意度指标",
        "的指标值「≥95%」是百分比",
    ] {
        assert!(zh.contains(expected), "missing {expected}:\n{zh}");
    }
    for expected in [
        "warning[vague-target]: review finding: “督促企业自律、提高企业质量意识、提高产品合格率、为经济高质量发展打下坚实基础”: the target value “效果明显” has nothing measurable (project table 1, indicator row 49, normal)",
        "has no satisfaction indicators",
        "has the target value “≥95%”, a percentage",
    ] {
        assert!(en.contains(expected), "missing {expected}:\n{en}");
    }
    let review_lines = |report: &str| {
        report
            .lines()
            .filter(|l| l.starts_with("warning[") || l.starts_with("警告["))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let en_findings = review_lines(&en);
    assert!(en_findings.len() >= 44, "{en}");
    let words = own_words(&en_findings.join("\n"));
    assert!(
        !has_han(&words),
        "Chinese in the English findings:\n{words}"
    );
    assert_eq!(review_lines(&zh).len(), en_findings.len());

    // `review`: the summary in the terminal follows --lang; the report is Chinese.
    let site = tempfile::tempdir().unwrap();
    for top in ["content", "themes"] {
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(top),
            &site.path().join(top),
        );
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml"),
        site.path().join("site.toml"),
    )
    .unwrap();
    let (ok, out, err) = run(site.path(), &["review", "--lang", "en"]);
    assert!(ok, "{err}");
    assert!(!has_han(&own_words(&(out.clone() + &err))), "{out}{err}");
    let csv = std::fs::read_to_string(site.path().join("review-report/findings.csv")).unwrap();
    assert!(
        csv.contains("的指标值「效果明显」没有可衡量的数值"),
        "{csv}"
    );
    assert!(!csv.contains("has nothing measurable"), "{csv}");
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// `gongkai ARGS` under a C locale: (exit code, stdout, stderr).
fn gongkai(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// clap's own words, which would be English: none of them in the Chinese output.
const CLAP_ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "unexpected",
    "error:",
    "For more information",
    "[default",
    "tip:",
    "invalid",
    "required",
    "[OPTIONS]",
];

/// The command line's own words (headings, usage, -h, its errors) are Chinese by default and
/// English with `--lang en`.
#[test]
fn the_command_lines_own_words_are_chinese_too() {
    let (code, help, _) = gongkai(&["--help"]);
    assert_eq!(code, Some(0));
    for expected in [
        "用法：gongkai [选项] <命令>",
        "命令:",
        "选项:",
        "-h, --help",
        "显示帮助",
        "显示版本",
        "显示本帮助，或某个命令的帮助",
    ] {
        assert!(help.contains(expected), "missing {expected}:\n{help}");
    }
    let (_, new, _) = gongkai(&["new", "--help"]);
    assert!(
        new.contains("用法：gongkai new [选项] <年度> <地区代码> <部门编码>"),
        "{new}"
    );
    assert!(new.contains("参数:") && new.contains("[默认：.]"), "{new}");
    // The arguments in the order they are typed, not sorted by name.
    let at = |s: &str| new.find(s).unwrap_or_else(|| panic!("{s}:\n{new}"));
    assert!(at("  <年度>") < at("  <地区代码>") && at("  <地区代码>") < at("  <部门编码>"));
    let (_, by_command, _) = gongkai(&["help", "new"]);
    assert_eq!(by_command, new);

    let cases: &[(&[&str], &[&str])] = &[
        (
            &["check", "--bogus"],
            &[
                "错误: 不认识的参数“--bogus”",
                "用法：gongkai check [选项] [路径]",
                "详见 gongkai check --help",
            ],
        ),
        (
            &["chek"],
            &["错误: 没有“chek”这个命令", "是不是要写“", "check"],
        ),
        (
            &["new", "25x", "130225", "414"],
            &["<年度> 的值不能用：“25x”不是整数；请只写数字"],
        ),
        (&["archive"], &["缺少必填的参数：<年度>"]),
        (
            &["--lang", "fr", "check"],
            &["不认识的语言“fr”；请写 zh（中文）或 en（英文）"],
        ),
        (
            &["serve", "--port", "99999"],
            &["“99999”太大了；最大可写 65535"],
        ),
        (
            &["archive", "99999999999"],
            &["“99999999999”太大了；最大可写"],
        ),
        (&["serve", "--port", "80a"], &["“80a”不是整数"]),
    ];
    for (args, expected) in cases {
        let (code, out, err) = gongkai(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        for e in *expected {
            assert!(err.contains(e), "{args:?}: missing {e}:\n{err}");
        }
        for word in CLAP_ENGLISH.iter().chain(&["tip", "found"]) {
            assert!(!err.contains(word), "{args:?}: English {word}:\n{err}");
        }
    }
    for word in CLAP_ENGLISH {
        assert!(!help.contains(word) && !new.contains(word), "{word}");
    }

    let (code, en, _) = gongkai(&["--lang", "en", "new", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        en.contains("Usage: gongkai new [OPTIONS] <YEAR> <REGION> <DEPT>")
            && en.contains("Arguments:")
            && en.contains("Options:")
            && en.contains("Print help")
            && en.contains("[default: .]"),
        "{en}"
    );
    assert!(!has_han(&en), "{en}");
    let (code, _, en) = gongkai(&["check", "--bogus", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert!(
        en.contains("error: unexpected argument `--bogus`")
            && en.contains("Usage: gongkai check [OPTIONS] [PATH]")
            && en.contains("For more information, try `gongkai check --help`"),
        "{en}"
    );
    assert!(!has_han(&en), "{en}");
}

/// English words the YAML and TOML readers use in their own messages.
const READER_ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "duplicate",
    "unknown",
    "found",
    "while",
    "tagged",
    "multiple",
    "unexpected",
    "missing",
    "maximum",
    "minimum",
    "anchor",
    "character",
    "escaped",
    "unclosed",
];

/// The readers' rarer mistakes, fed in generated files, are told in the catalogue's Chinese
/// words at their line (none of the readers' English left), and in English with `--lang en`.
#[test]
fn the_readers_rarer_mistakes_are_told_in_chinese() {
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/130225/414.yaml"),
    )
    .unwrap();
    let yaml: &[(&str, String, &str)] = &[
        (
            "an alias to no anchor",
            seed.replacen("status: 未注明", "status: *nope", 1),
            "用了没有定义的别名",
        ),
        (
            "a control character",
            seed.replacen("status: 未注明", "status: 未\u{7}注明", 1),
            "看不见的控制字符",
        ),
        (
            "a tag",
            seed.replacen("status: 未注明", "status: !foo 未注明", 1),
            "用了 ! 开头的标记",
        ),
        (
            "two documents",
            format!("{seed}\n---\nschema: 1\n"),
            "文件里有第二份文档",
        ),
        (
            "a key twice",
            seed.replacen("schema: 1", "schema: 1\nschema: 1", 1),
            "字段“schema”在同一段里写了两次",
        ),
        (
            "a yes where a choice goes",
            seed.replacen("status: 未注明", "status: true", 1),
            "“true”不是文件信息 › 文本状态的可选写法",
        ),
        (
            "a year too large",
            seed.replacen("year: 2024", "year: 99999999", 1),
            "预算年度太大：不能超过 65535",
        ),
    ];
    for (what, text, expected) in yaml {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/2024/130225/414.yaml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        let zh = check(dir.path(), &[], "C.UTF-8");
        assert!(zh.contains(expected), "{what}: missing {expected}:\n{zh}");
        assert!(zh.contains("（第 "), "{what}: no line:\n{zh}");
        let head: Vec<&str> = zh.lines().filter(|l| l.starts_with("错误")).collect();
        for word in READER_ENGLISH {
            assert!(
                !head.iter().any(|l| l.contains(word)),
                "{what}: English {word}:\n{zh}"
            );
        }
        let en = check(dir.path(), &["--lang", "en"], "C.UTF-8");
        assert!(!has_han(&own_words(&en)), "{what}:\n{en}");
    }

    let settings =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml")).unwrap();
    let toml: &[(&str, String, &str)] = &[
        (
            "a setting twice",
            format!("{settings}\ntitle = \"x\"\n"),
            "这个设置写了两次",
        ),
        (
            "a port that is text",
            settings.replacen("port = 1111", "port = \"x\"", 1),
            "这个设置应为整数",
        ),
        (
            "a name without value",
            format!("{settings}\njunk\n"),
            "没有“= 值”",
        ),
        (
            "an open table",
            format!("{settings}\n[review\n"),
            "没有配对关闭",
        ),
        (
            "a level not a choice",
            format!("{settings}\n[review]\nlevels = {{ vague-target = \"高\" }}\n"),
            "“高”不是这个设置的可选写法",
        ),
    ];
    for (what, text, expected) in toml {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), text).unwrap();
        let (ok, _, zh) = run(dir.path(), &["build"]);
        assert!(!ok, "{what}");
        assert!(
            zh.contains(expected) && zh.contains("site.toml:"),
            "{what}: missing {expected}:\n{zh}"
        );
        for word in READER_ENGLISH {
            assert!(!zh.contains(word), "{what}: English {word}:\n{zh}");
        }
    }
}

/// A failed build says the previous site is unchanged only when there is one: the first
/// build of a site says nothing was published.
#[test]
fn a_failed_build_says_what_stayed_published() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run(dir.path(), &["init", "site"]);
    assert!(ok, "{err}");
    let site = dir.path().join("site");
    let file = site.join("content/2024/130225/414.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "year: [\n").unwrap();
    let (ok, _, err) = run(&site, &["build"]);
    assert!(!ok);
    assert!(err.contains("构建失败：没有发布任何文件"), "{err}");
    assert!(!err.contains("保持不变"), "{err}");
    std::fs::remove_file(&file).unwrap();
    let (ok, _, err) = run(&site, &["build"]);
    assert!(ok, "{err}");
    std::fs::write(&file, "year: [\n").unwrap();
    let (ok, _, err) = run(&site, &["build"]);
    assert!(!ok);
    assert!(err.contains("构建失败：上一次发布的站点保持不变"), "{err}");
}
