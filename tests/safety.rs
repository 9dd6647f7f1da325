//! Issue 17: nothing a publisher types can lose the sources, leak a file, crash a build or
//! publish a tampered year. One test per numbered case of the issue, each reproducing it.

use common::site_copy;
use gongkai::pipeline::{BuildError, BuildOptions, build};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use walkdir::WalkDir;

mod common;
#[path = "common/snapshot.rs"]
mod snapshot;
use snapshot::snapshot;

fn gongkai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("LC_ALL", "C.UTF-8") // its words are Chinese unless the locale is English
        .args(args)
        .output()
        .unwrap()
}

fn with_output(dir: PathBuf) -> BuildOptions {
    BuildOptions {
        output: Some(dir),
        ..Default::default()
    }
}

/// Case 1: `build -o content` (or the site root, `themes`, or `output_dir = "content"`) used
/// to replace content/ with HTML. It is refused before anything is touched.
#[test]
fn case_01_output_folder_never_replaces_the_sources() {
    let site = site_copy();
    let root = site.path();
    let before = snapshot(root);
    for bad in [
        root.join("content"),
        root.to_path_buf(),
        root.join("themes"),
        root.join("content/2024"),
        root.join("public/.."),
    ] {
        let err = build(root, &with_output(bad.clone())).expect_err(&bad.display().to_string());
        assert!(matches!(err, BuildError::Paths(_)), "{err}");
        assert!(err.to_string().contains("输出文件夹"), "{err}");
    }
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        toml.replace("output_dir = \"public\"", "output_dir = \"content\""),
    )
    .unwrap();
    let out = gongkai(&["build", root.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("源文件夹 content/"), "{stderr}");
    std::fs::write(root.join("site.toml"), toml).unwrap();
    assert_eq!(snapshot(root), before, "a source changed");
    assert!(!root.join("public").exists());
    build(root, &BuildOptions::default()).unwrap();
}

/// Case 2: a symbolic link in content/pages/ used to publish the file it points to; a linked
/// department file was skipped silently. Both are refused, naming the link.
#[test]
fn case_02_a_symbolic_link_never_publishes_a_file_from_outside() {
    let site = site_copy();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:SECRET-LINE:/root:/bin/bash\n").unwrap();
    let link = root.join("content/pages/passwd.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("符号链接"), "{text}");
    assert!(text.contains(link.to_str().unwrap()), "{text}");
    assert!(!root.join("public").exists(), "nothing is published");
    // A link in the theme is refused the same way.
    std::fs::remove_file(&link).unwrap();
    let css = root.join("themes/default/static/leak.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&secret, &css).unwrap();
    assert!(build(root, &BuildOptions::default()).is_err());
    std::fs::remove_file(&css).unwrap();
    // A linked department file is an error of `check`, not a silent skip.
    let dept = root.join("content/2024/130529/999.yaml");
    std::os::unix::fs::symlink(root.join("content/2024/130529/414.yaml"), &dept).unwrap();
    let out = gongkai(&["check", root.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("999.yaml") && stderr.contains("符号链接"),
        "{stderr}"
    );
    std::fs::remove_file(&dept).unwrap();
    build(root, &BuildOptions::default()).unwrap();
    for e in WalkDir::new(root.join("public")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("SECRET-LINE"),
                "{}",
                e.path().display()
            );
        }
    }
}

/// Case 10: an empty or missing content/ used to build a four-page site over the published
/// one; `check /nonexistent` exited 0; a year folder named `20245` or `abcd` was skipped.
#[test]
fn case_10_no_content_a_missing_path_or_a_misnamed_year_is_an_error() {
    let site = site_copy();
    let root = site.path();
    build(root, &BuildOptions::default()).unwrap();
    let published = snapshot(&root.join("public"));
    let content = root.join("content");
    let moved = root.join("content-moved");
    std::fs::rename(&content, &moved).unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(err.to_string().contains("找不到内容文件夹"), "{err}");
    std::fs::create_dir_all(content.join("pages")).unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(err.to_string().contains("没有任何部门文件"), "{err}");
    assert_eq!(snapshot(&root.join("public")), published, "site replaced");
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::rename(&moved, &content).unwrap();

    let out = gongkai(&["check", "/nonexistent/gongkai-site"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到内容文件夹"));

    for bad in ["20245", "abcd"] {
        let to = content.join(bad).join("130529");
        std::fs::create_dir_all(&to).unwrap();
        std::fs::copy(content.join("2024/130529/414.yaml"), to.join("414.yaml")).unwrap();
        let out = gongkai(&["check", root.to_str().unwrap()]);
        assert!(!out.status.success(), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{bad}/130529/414.yaml")) && stderr.contains("不是年度文件夹"),
            "{stderr}"
        );
        assert!(build(root, &BuildOptions::default()).is_err());
        std::fs::remove_dir_all(content.join(bad)).unwrap();
    }
    assert_eq!(snapshot(&root.join("public")), published);
}

/// A file name that is not UTF-8 (a GBK name from an old Windows disk), given on the command
/// line, made every command panic before it started (`std::env::args`). Each command now
/// answers it: `check` and `import` name the missing path, with no panic.
#[test]
fn a_command_line_path_that_is_not_utf8_never_panics() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"\xb2\xe2\xca\xd4.txt"));
    for sub in ["check", "import", "build", "verify"] {
        let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("LC_ALL", "C.UTF-8")
            .arg(sub)
            .arg(&odd)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{sub}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{sub}: {stderr}");
        assert!(!out.status.success(), "{sub}: a missing path is an error");
    }
}

/// The system's errors (a missing folder, a truncated download) used to reach the clerk in
/// English alone ("No such file or directory (os error 2)"): each now says in Chinese what
/// happened, the system's words kept in brackets.
#[test]
fn system_errors_read_in_chinese() {
    let out = gongkai(&["verify", "/nonexistent/gongkai-public"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("找不到这个文件或文件夹"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("2024.tar.gz");
    std::fs::write(&cut, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03").unwrap();
    let out = gongkai(&["verify", cut.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("文件不完整") || stderr.contains("已损坏"),
        "{stderr}"
    );
}

/// Case 3: a 29-digit amount passed `check` and then panicked in the totals, the cost per unit
/// and the chart (exit 101); `gen` panicked on an empty range. Now the amount is refused at its
/// line, huge and tiny counts build, and `gen` explains itself.
#[test]
fn case_03_huge_amounts_and_counts_never_panic() {
    let site = site_copy();
    let root = site.path();
    let file = root.join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let huge = text.replace(
        "amounts: { total: 263.00, fiscal: 263.00 }",
        "amounts: { total: 99999999999999999999999999999, fiscal: 263.00 }",
    );
    assert_ne!(huge, text);
    std::fs::write(&file, &huge).unwrap();
    let out = gongkai(&["check", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an error, not a panic");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("414.yaml:485"), "{stderr}");
    assert!(stderr.contains("超出范围"), "{stderr}");
    let out = gongkai(&["build", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));

    // Counts of 29 digits and of a ten-billionth reach the chart and the cost per unit.
    for value in [
        "99999999999999999999999999999批次",
        "0.0000000000000000000000001批次",
    ] {
        std::fs::write(
            &file,
            text.replace("value: 3500批次", &format!("value: {value}")),
        )
        .unwrap();
        let out = gongkai(&["build", root.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{value}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let empty = tempfile::tempdir().unwrap();
    let to = tempfile::tempdir().unwrap();
    let out = gongkai(&[
        "gen",
        "--out",
        to.path().to_str().unwrap(),
        "--departments",
        "2",
        "--from",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "an error, not a panic");
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有任何含指标值的部门文件"));
    let out = gongkai(&["gen", "--out", to.path().to_str().unwrap(), "--years", "0"]);
    assert_eq!(out.status.code(), Some(1));
}

/// Names of the folders beside `dir` (where staging folders are made), but the build caches'
/// `.gongkai/`, which a build fills as it reads the documents, whether it then fails or not.
fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".gongkai")
        .collect();
    names.sort();
    names
}

/// Case 4: 10,000 nested `>` in a Markdown page, or 3,000 in a YAML Markdown field, overflowed
/// the stack (exit 134) and left a staging folder. Both are refused at their line, cleanly.
#[test]
fn case_04_deep_nesting_is_refused_before_rendering() {
    let site = site_copy();
    let root = site.path();
    let before = siblings(&root.join("public"));
    let page = root.join("content/pages/deep.md");
    std::fs::write(&page, format!("# 深\n\n{} 引用\n", ">".repeat(10_000))).unwrap();
    let out = gongkai(&["build", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an error, not an abort");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("deep.md:3"), "{stderr}");
    assert!(stderr.contains("嵌套超过"), "{stderr}");
    assert_eq!(
        siblings(&root.join("public")),
        before,
        "staging left behind"
    );
    std::fs::remove_file(&page).unwrap();

    let file = root.join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let deep = text.replacen(
        "  overall:\n    - title: 1、严守安全底线，在风险管控上再加力\n",
        &format!(
            "  overall:\n    - title: 1、严守安全底线，在风险管控上再加力\n      text: \"{} 引用\"\n",
            ">".repeat(3_000)
        ),
        1,
    );
    assert_ne!(deep, text);
    std::fs::write(&file, deep).unwrap();
    let out = gongkai(&["check", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("part1.overall[0].text"), "{stderr}");
    assert!(stderr.contains("414.yaml:23"), "{stderr}");
    let out = gongkai(&["build", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(siblings(&root.join("public")), before);
}

/// Case 9: a byte changed or a file added under archive/2021/site/ was published with exit 0,
/// and edits under archive/2021/content/ went unnoticed. The build now checks the archive
/// against its manifest first and stops naming the file.
#[test]
fn case_09_a_tampered_frozen_year_is_never_published() {
    use gongkai::publish::freeze;
    let site = site_copy();
    let root = site.path();
    let freezing = BuildOptions {
        freezing: Some((2021, "2026-11-22".into())),
        ..Default::default()
    };
    build(root, &freezing).unwrap();
    freeze::freeze(root, &root.join("public"), 2021, "2026-11-22").unwrap();
    build(root, &BuildOptions::default()).unwrap();
    let published = snapshot(&root.join("public"));
    let archive = root.join("archive/2021");
    let page = archive.join("site/gaoxin/scjgj/index.html");
    let added = archive.join("site/gaoxin/extra.html");
    let source = archive.join("content/gaoxin/scjgj.yaml");
    let original_page = std::fs::read(&page).unwrap();
    let original_source = std::fs::read(&source).unwrap();

    let mut tampered = original_page.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 1;
    std::fs::write(&page, &tampered).unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("已改动  {}", page.display())),
        "{err}"
    );
    std::fs::write(&page, &original_page).unwrap();

    std::fs::write(&added, "<p>不在归档清单中</p>").unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("多出  {}", added.display())),
        "{err}"
    );
    std::fs::remove_file(&added).unwrap();

    std::fs::write(
        &source,
        [original_source.as_slice(), b"\n# edited\n"].concat(),
    )
    .unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("已改动  {}", source.display())),
        "{err}"
    );
    std::fs::write(&source, &original_source).unwrap();

    assert_eq!(snapshot(&root.join("public")), published, "site replaced");
    build(root, &BuildOptions::default()).unwrap();
}

/// Case 5: text starting with `=`, `+`, `-`, `@` or a tab reached data.csv and the comparison
/// CSVs as a live formula. Every CSV now carries it behind an apostrophe; data.json keeps it raw.
#[test]
fn case_05_no_csv_cell_is_a_live_formula() {
    let site = site_copy();
    let root = site.path();
    let file = root.join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let formula = r#"=HYPERLINK("http://evil.example/","检测数量")"#;
    let edited = text.replacen(
        "        name: 检测数量\n        description: 检测数量\n        value: 3500批次\n        basis: 根据文件规定",
        "        name: '=HYPERLINK(\"http://evil.example/\",\"检测数量\")'\n        description: \"-1+1\"\n        value: 3500批次\n        basis: \"@SUM(1+1)\"",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    build(root, &BuildOptions::default()).unwrap();
    let public = root.join("public");
    let mut neutralised = Vec::new();
    for e in WalkDir::new(&public).into_iter().map(Result::unwrap) {
        if e.path().extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(e.path())
            .unwrap();
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                let cell = cell.trim_start_matches('\u{feff}');
                let live = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!live, "{}: {cell}", e.path().display());
                if cell == format!("'{formula}") {
                    neutralised.push(e.path().strip_prefix(&public).unwrap().to_path_buf());
                }
            }
        }
    }
    assert!(
        neutralised.contains(&PathBuf::from("2024/130225/414/data.csv")),
        "{neutralised:?}"
    );
    assert!(
        neutralised.iter().any(|p| p.starts_with("compare")),
        "no comparison CSV holds the row: {neutralised:?}"
    );
    let json = std::fs::read_to_string(public.join("2024/130225/414/data.json")).unwrap();
    assert!(json.contains(r#""=HYPERLINK(\"http://evil.example/\",\"检测数量\")""#));
}

/// Case 6: content/pages/2024.md replaced the 2024 year page; a project `id` equal to another
/// project's code gave both rows one page; a manifest listing a path twice still verified.
#[test]
fn case_06_every_address_is_claimed_once() {
    let site = site_copy();
    let root = site.path();
    build(root, &BuildOptions::default()).unwrap();
    let published = snapshot(&root.join("public"));
    let page = root.join("content/pages/2024.md");
    std::fs::write(&page, "# 2024\n\n覆盖年度页面\n").unwrap();
    let err = build(root, &BuildOptions::default()).unwrap_err();
    assert!(err.to_string().contains(page.to_str().unwrap()), "{err}");
    assert!(err.to_string().contains("重名"), "{err}");
    std::fs::remove_file(&page).unwrap();

    let file = root.join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let code = "13022524P000024100069";
    // The first project loses its code and takes the code of another as its id.
    let first = text.find("\n    code: 13022524P00260210037A").unwrap();
    let end = text[first + 1..].find('\n').unwrap() + first + 1;
    let edited = format!("{}\n    id: {code}{}", &text[..first], &text[end..]);
    std::fs::write(&file, edited).unwrap();
    let out = gongkai(&["check", root.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("`{code}`")) && stderr.contains("同一个页面"),
        "{stderr}"
    );
    assert!(build(root, &BuildOptions::default()).is_err());
    std::fs::write(&file, &text).unwrap();
    assert_eq!(snapshot(&root.join("public")), published);

    // A manifest listing a path twice is refused; a symbolic link in the folder is reported.
    let public = root.join("public");
    let manifest = public.join("manifest.txt");
    let listing = std::fs::read_to_string(&manifest).unwrap();
    let line = listing
        .lines()
        .find(|l| l.ends_with("  index.html"))
        .unwrap();
    std::fs::write(&manifest, format!("{listing}{line}\n")).unwrap();
    let out = gongkai(&["verify", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("出现了两次"));
    std::fs::write(&manifest, &listing).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", public.join("2024/link.html")).unwrap();
    let out = gongkai(&["verify", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "符号链接\t2024/link.html\n"
    );
}

/// Case 11: `published: 2024-02-30` or `2024-13-01` was accepted and written into feed.xml;
/// `published: 昨天` was shown as a date. Only real dates pass now, refused at their line.
#[test]
fn case_11_dates_are_real_dates() {
    let site = site_copy();
    let root = site.path();
    let file = root.join("content/2024/130225/414.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let with =
        |date: &str| text.replacen("  status: ", &format!("  published: {date}\n  status: "), 1);
    assert_ne!(with("x"), text);
    for bad in ["2024-02-30", "2024-13-01", "昨天", "2023-02-29"] {
        std::fs::write(&file, with(bad)).unwrap();
        let out = gongkai(&["check", root.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("document.published") && stderr.contains(&format!("`{bad}`")),
            "{stderr}"
        );
        assert!(build(root, &BuildOptions::default()).is_err(), "{bad}");
    }
    assert!(!root.join("public").exists());
    std::fs::write(&file, with("2024-02-29")).unwrap();
    build(root, &BuildOptions::default()).unwrap();
    let feed = std::fs::read_to_string(root.join("public/feed.xml")).unwrap();
    assert!(feed.contains("<updated>2024-02-29"), "{feed}");
}

/// A raw HTTP/1.1 GET; returns the status line.
fn http_status(addr: &str, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    String::from_utf8_lossy(&buf)
        .lines()
        .next()
        .map(str::to_string)
}

/// Case 12: a killed build's staging folder was never cleaned; during the swap readers briefly
/// found no index.html; `serve` answered 500 for a path component over 255 bytes.
#[test]
fn case_12_no_leftovers_no_gap_no_500() {
    let site = site_copy();
    let root = site.path().to_path_buf();
    build(&root, &BuildOptions::default()).unwrap();
    let leftover = root.join(".public.gongkai-staging-4194304999");
    std::fs::create_dir_all(leftover.join("2024")).unwrap();
    std::fs::write(leftover.join("2024/index.html"), "killed").unwrap();

    // A reader polls the home page through three builds; it must never be missing.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, index) = (stop.clone(), root.join("public/index.html"));
        std::thread::spawn(move || {
            let (mut polls, mut missing) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                polls += 1;
                missing += u64::from(std::fs::metadata(&index).is_err());
            }
            (polls, missing)
        })
    };
    for _ in 0..3 {
        build(&root, &BuildOptions::default()).unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (polls, missing) = reader.join().unwrap();
    assert!(polls > 1000, "{polls}");
    assert_eq!(
        missing, 0,
        "index.html missing in {missing} of {polls} polls"
    );
    assert!(!leftover.exists(), "a killed build's staging folder stays");
    let beside: Vec<String> = siblings(&root.join("public"))
        .into_iter()
        .filter(|n| n.contains("gongkai-staging"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");

    // serve: 404 for a path it cannot map.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("LC_ALL", "C.UTF-8") // its words are Chinese unless the locale is English
        .args(["serve", root.to_str().unwrap(), "-p", &port.to_string()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr = format!("127.0.0.1:{port}");
    let mut home = None;
    for _ in 0..600 {
        home = http_status(&addr, "/");
        if home.as_deref().is_some_and(|s| s.contains("200")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let long = format!("/{}/", "a".repeat(300));
    let answers = [
        home,
        http_status(&addr, &long),
        http_status(&addr, &format!("/2024{long}index.html")),
        http_status(&addr, "/%00/"),
    ];
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        answers[0].as_deref().unwrap().contains("200"),
        "{answers:?}"
    );
    for a in &answers[1..] {
        assert!(a.as_deref().unwrap().contains("404"), "{answers:?}");
    }
}

/// A gzip'd tar of `manifest.txt` listing `listed` (path, size, sha256) and then `entries`
/// (raw name, contents as a reader and its size), written as a hostile packer would.
fn hostile_bundle(to: &Path, listed: &str, entries: Vec<(&str, u64, Box<dyn std::io::Read>)>) {
    let file = std::fs::File::create(to).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    let head = format!("# gongkai manifest: sha256  bytes  path\n{listed}");
    let mut all: Vec<(&str, u64, Box<dyn std::io::Read>)> = vec![(
        "manifest.txt",
        head.len() as u64,
        Box::new(std::io::Cursor::new(head.into_bytes())),
    )];
    all.extend(entries);
    for (name, size, reader) in all {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(size);
        h.set_mode(0o644);
        h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_cksum();
        tar.append(&h, reader).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
}

/// Runs a child to its end and gives its exit status, its standard error and its peak resident
/// memory in bytes, as the kernel counted it (`wait4`'s `ru_maxrss`): polling `/proc` every few
/// milliseconds missed a short run's peak when the machine was busy.
#[expect(
    clippy::zombie_processes,
    reason = "wait4 reaps the child, which clippy cannot see"
)]
fn run_measuring_peak(mut cmd: Command) -> (std::process::ExitStatus, String, u64) {
    use std::os::unix::process::ExitStatusExt;
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
        err
    });
    let mut raw = 0;
    // SAFETY: an all-zero `rusage` is a valid value, and `wait4` only writes into the two
    // locals it is given for a child of this process that nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut raw, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let err = reader.join().unwrap();
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (std::process::ExitStatus::from_raw(raw), err, peak)
}

/// Case 8: `verify` on an untrusted bundle held whole entries in memory (a 1 MB .tar.gz of one
/// 1 GiB file: 2.7 GB) and reported a `../` entry only as "added". It now streams entries and
/// refuses paths that leave the folder.
#[test]
fn case_08_verify_streams_and_refuses_paths_that_leave() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("2024.tar.gz");
    let measure = |bundle: &Path| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.env("LC_ALL", "C.UTF-8");
        cmd.args(["verify", bundle.to_str().unwrap()]);
        run_measuring_peak(cmd)
    };
    // The program's own footprint: a bundle of one small file.
    hostile_bundle(
        &bundle,
        &format!("{}  4  2024/small.bin\n", "0".repeat(64)),
        vec![("2024/small.bin", 4, Box::new(&b"tiny"[..]))],
    );
    let (_, _, baseline) = measure(&bundle);
    const BIG: u64 = 64 << 20;
    // The listed hash is of other bytes: the entry is read through and found altered.
    hostile_bundle(
        &bundle,
        &format!("{}  {BIG}  2024/big.bin\n", "0".repeat(64)),
        vec![("2024/big.bin", BIG, Box::new(std::io::repeat(0).take(BIG)))],
    );
    assert!(std::fs::metadata(&bundle).unwrap().len() < 2 << 20);
    let (status, stderr, peak) = measure(&bundle);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("改动 1 个"), "{stderr}");
    // Holding the entry would add at least its 64 MiB; streaming adds buffers (about 17 MiB
    // were seen: the inflater's window, read and hash buffers, the allocator's arenas).
    assert!(
        baseline > 0 && peak < baseline + (32 << 20),
        "peak {} KiB against {} KiB for a tiny bundle",
        peak >> 10,
        baseline >> 10
    );

    hostile_bundle(
        &bundle,
        "",
        vec![("../outside.html", 5, Box::new(&b"evil\n"[..]))],
    );
    let out = gongkai(&["verify", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`../outside.html`") && stderr.contains("跳出"),
        "{stderr}"
    );
}

/// Case 7: one project of 40,000 rows took 48 s (10,000: 3 s): the link check compared every
/// anchor link with every id of its page. The scaled-down build here checks the rows still
/// link both ways; `site::links::tests::forty_thousand_rows_are_checked_against_a_set` checks
/// the full size, and `bench/rows.sh` measures the growth (10k/20k/40k rows).
#[test]
fn case_07_many_rows_build_and_link() {
    let site = site_copy();
    let root = site.path();
    let n = 2_000;
    let mut yaml = ONE_PROJECT.to_string();
    for i in 0..n {
        yaml.push_str(&format!(
            "      - level1: 产出指标\n        level2: 数量指标\n        name: 食品抽检批次{i}\n        description: 食品抽检批次\n        value: \"≥{}批次\"\n",
            600 + i
        ));
    }
    std::fs::remove_dir_all(root.join("content/2024")).unwrap();
    std::fs::remove_dir_all(root.join("content/2021")).unwrap();
    let dir = root.join("content/2024/130529");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("414.yaml"), yaml).unwrap();
    build(root, &BuildOptions::default()).unwrap();
    let page = std::fs::read_to_string(
        root.join("public/2024/130529/414/13052924P0000000001A/index.html"),
    )
    .unwrap();
    assert!(page.contains(&format!("id=\"r{n}\"")), "last row's anchor");
    let compared = WalkDir::new(root.join("public/compare/2024"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .any(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains(&format!("13052924P0000000001A/#r{n}"))
        });
    assert!(compared, "the comparison links to the last row");
}

/// One department with one project and no indicator row yet (bench/rows.sh uses it too).
const ONE_PROJECT: &str = include_str!("fixtures/one-project.yaml");
