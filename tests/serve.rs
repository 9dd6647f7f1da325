//! `gongkai serve` rebuilds with the ordinary incremental build: an edit while it runs shows in
//! the served pages, and what it serves is byte for byte a clean build with the reload script;
//! a broken edit shows in the status the browser panel reads, while the last good pages stay.

mod common;
#[path = "common/get.rs"]
mod get;
#[path = "common/snapshot.rs"]
mod snapshot;
#[path = "common/synthetic.rs"]
mod synthetic;

use gongkai::pipeline::{BuildOptions, BuildReport, build};
use snapshot::snapshot;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEPT: &str = "content/2024/130225/414.yaml";
const PAGE: &str = "/2024/130225/414/";
/// Where `serve` builds, beside the published site.
const SERVED: &str = ".gongkai-serve";

/// `gongkai serve` on a site folder, speaking Chinese, its terminal output in a file; stopped
/// when dropped.
struct Served {
    child: std::process::Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `serve` started on `root`, its first build waited for.
    fn start(root: &Path, log: PathBuf) -> Served {
        let served = Served::spawn(root, log);
        served.wait_for("the first build", || {
            served.status().is_some_and(|s| s["version"] == 1)
        });
        served
    }

    /// `serve` started on `root`, not waited for.
    fn spawn(root: &Path, log: PathBuf) -> Served {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", root.to_str().unwrap(), "--port", &port.to_string()])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Served { child, port, log }
    }

    /// The body of `GET path`, or nothing while the server is not up.
    fn get(&self, path: &str) -> Option<String> {
        get::get(&format!("127.0.0.1:{}", self.port), path)
    }

    /// What the open pages poll: the version and the failed build's message.
    fn status(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.get("/__gongkai/status")?).ok()
    }

    /// The builds `serve` finished so far (its “已重新生成” lines).
    fn builds(&self) -> usize {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        log.lines().filter(|l| l.starts_with("已重新生成")).count()
    }

    fn wait_for(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(180);
        while !done() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "waited too long for {what}:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn page_shows(&self, text: &str) -> bool {
        self.get(PAGE).is_some_and(|p| p.contains(text))
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The department's first project is renamed while `serve` runs: the served page shows it,
/// with the reload script. A burst of saves is built once or twice, not once per save. A
/// broken save keeps the renamed page served and puts the error, at its file and line, in
/// the status the open pages show in their panel; a good save after it clears the panel.
/// Once stopped, the served folder equals a clean build with the reload script, byte for byte.
#[test]
fn an_edit_while_serving_is_served_as_a_clean_build_would_make_it() {
    let site = common::site_copy();
    let root = site.path();
    let logs = tempfile::tempdir().unwrap();
    let served = Served::start(root, logs.path().join("serve.log"));
    let file = root.join(DEPT);
    let page = served.get(PAGE).unwrap();
    assert!(page.contains("/__gongkai/reload.js"), "{page}");
    assert!(!page.contains("办公楼运维费（已修改）"));

    let version = |served: &Served| served.status().unwrap()["version"].as_u64().unwrap();
    replace(&file, "name: 办公楼运维费", "name: 办公楼运维费（已修改）");
    served.wait_for("the edit on the page", || {
        served.page_shows("办公楼运维费（已修改）")
    });
    // The open pages are told to reload.
    assert_eq!(version(&served), 2);
    assert_eq!(served.status().unwrap()["error"], serde_json::Value::Null);
    served.wait_for("the edit's build to be counted", || served.builds() >= 2);

    // A save that changes nothing is built, and the open pages stay as they are.
    std::fs::write(&file, std::fs::read(&file).unwrap()).unwrap();
    served.wait_for("the unchanged save's build", || served.builds() >= 3);
    assert_eq!(version(&served), 2);

    // Five saves at once, as an editor or `git checkout` makes them.
    let before = served.builds();
    for n in 1..=5 {
        replace(
            &file,
            &format!(
                "（已修改{}）",
                if n == 1 {
                    String::new()
                } else {
                    (n - 1).to_string()
                }
            ),
            &format!("（已修改{n}）"),
        );
    }
    served.wait_for("the last save on the page", || {
        served.page_shows("办公楼运维费（已修改5）")
    });
    std::thread::sleep(Duration::from_millis(500));
    let burst = served.builds() - before;
    assert!((1..=2).contains(&burst), "five saves made {burst} builds");

    // A broken save: a field the form does not have (二级指标 written in Chinese).
    let good = std::fs::read_to_string(&file).unwrap();
    let broken = good.replacen("        level2: ", "        二级指标: ", 1);
    assert_ne!(broken, good);
    std::fs::write(&file, &broken).unwrap();
    let mut shown = String::new();
    served.wait_for("the error in the status", || {
        let s = served.status().unwrap_or_default();
        shown = s["error"].as_str().unwrap_or_default().to_string();
        !shown.is_empty()
    });
    let line = broken
        .lines()
        .position(|l| l.contains("二级指标: "))
        .unwrap()
        + 1;
    for expected in [
        "不认识的字段“二级指标”".to_string(),
        format!("--> {DEPT}:{line}:"),
        format!("第 {line} 行"),
    ] {
        assert!(shown.contains(&expected), "missing {expected}:\n{shown}");
    }
    assert!(!shown.contains(root.to_str().unwrap()), "{shown}");
    let status = served.status().unwrap();
    assert_eq!(status["heading"], "构建失败，仍显示上一次成功的版本：");
    assert!(
        served.page_shows("办公楼运维费（已修改5）"),
        "the last good page stays served"
    );
    let good_version = version(&served);

    // Fixed, with another edit: the panel goes and the page shows it.
    std::fs::write(&file, good.replacen("（已修改5）", "（已更正）", 1)).unwrap();
    served.wait_for("the fixed edit on the page", || {
        served.page_shows("办公楼运维费（已更正）")
            && served.status().is_some_and(|s| s["error"].is_null())
    });
    assert_eq!(version(&served), good_version + 1);
    let base_url = format!("http://127.0.0.1:{}/", served.port);
    drop(served);

    let clean_out = logs.path().join("clean");
    build(
        root,
        &BuildOptions {
            output: Some(clean_out.clone()),
            base_url: Some(base_url),
            live_reload: true,
            clean: true,
            ..Default::default()
        },
    )
    .unwrap();
    let (served_files, clean) = (snapshot(&root.join(SERVED)), snapshot(&clean_out));
    assert!(clean.len() > 100, "a whole site was compared");
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served_files), names(&clean));
    let differ: Vec<_> = (served_files.iter().zip(&clean))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.display().to_string())
        .collect();
    assert!(differ.is_empty(), "served and clean differ in {differ:?}");
}

/// A new site's first build takes a while (a provincial site, a minute): the server answers
/// at once, every page a Chinese notice with the reload script (503, to be tried again), and
/// a department edited while that build runs is built next, not lost.
#[test]
fn the_first_build_runs_while_serving_and_an_edit_during_it_is_built_next() {
    let site = common::site_copy();
    let root = site.path();
    synthetic::one_synthetic_year(root, 60, 14);
    let logs = tempfile::tempdir().unwrap();
    let served = Served::spawn(root, logs.path().join("serve.log"));
    let mut notice = String::new();
    served.wait_for(
        "the notice while the first build runs",
        || match get::answer(&format!("127.0.0.1:{}", served.port), "/") {
            Some((503, body)) => {
                notice = body;
                true
            }
            _ => false,
        },
    );
    assert!(notice.contains("正在生成网站"), "{notice}");
    assert!(notice.contains("/__gongkai/reload.js"), "{notice}");
    assert_eq!(served.status().unwrap()["version"], 0, "nothing built yet");

    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/2024"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let file = &files[0];
    let text = std::fs::read_to_string(file).unwrap();
    let name = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("name: "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    std::fs::write(file, text.replacen(&name, &format!("{name}（修订）"), 1)).unwrap();
    let page = format!(
        "/{}/",
        file.strip_prefix(root.join("content"))
            .unwrap()
            .with_extension("")
            .display()
    );
    served.wait_for("the edit made during the first build", || {
        served
            .get(&page)
            .is_some_and(|p| p.contains(&format!("{name}（修订）")))
    });
    assert_eq!(
        served.get("/").map(|p| p.contains("正在生成网站")),
        Some(false)
    );
}

fn build_into(root: &Path, out: &Path, live_reload: bool, clean: bool) -> BuildReport {
    let opts = BuildOptions {
        output: Some(out.to_path_buf()),
        live_reload,
        clean,
        ..Default::default()
    };
    build(root, &opts).unwrap_or_else(|e| panic!("build failed: {e}"))
}

/// `serve`'s builds keep a cache of their own: with `gongkai build` run between two edits
/// under `serve`, each still makes only the edited department's pages, and each output equals
/// a clean build of its kind byte for byte. A `serve` build with nothing changed stops at once.
#[test]
fn serve_and_build_keep_their_caches_apart() {
    let site = common::site_copy();
    let root = site.path();
    let (served, public) = (root.join(SERVED), root.join("public"));
    // The clean builds go in a copy of their own, whose caches are not these.
    let other = common::site_copy();
    let script = "/__gongkai/reload.js";
    let page =
        |dir: &Path| std::fs::read_to_string(dir.join("2024/130225/414/index.html")).unwrap();
    build_into(root, &served, true, false);
    build_into(root, &public, false, false);
    assert!(page(&served).contains(script) && !page(&public).contains(script));
    let again = build_into(root, &served, true, false);
    assert_eq!(
        again.steps.iter().map(|s| s.name).collect::<Vec<_>>(),
        ["nothing changed"]
    );
    for (n, name) in ["办公楼运维费（甲）", "办公楼运维费（乙）"]
        .iter()
        .enumerate()
    {
        for dir in [root, other.path()] {
            let from = if n == 0 {
                "办公楼运维费"
            } else {
                "办公楼运维费（甲）"
            };
            replace(
                &dir.join(DEPT),
                &format!("name: {from}"),
                &format!("name: {name}"),
            );
        }
        for (out, live_reload) in [(&served, true), (&public, false)] {
            let r = build_into(root, out, live_reload, false);
            assert_eq!(r.reused, r.departments - 1, "{}", out.display());
            assert!(page(out).contains(name));
            let clean = other.path().join("clean");
            build_into(other.path(), &clean, live_reload, true);
            assert!(snapshot(out) == snapshot(&clean), "{}", out.display());
        }
    }
}

/// A `serve` build and a plain one into the same folder never take each other's pages: the
/// reload script is in the pages exactly when asked for, as in a clean build.
#[test]
fn the_cache_never_mixes_serve_pages_and_published_pages() {
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("out");
    let other = common::site_copy();
    let script = "/__gongkai/reload.js";
    let page =
        |dir: &Path| std::fs::read_to_string(dir.join("2024/130225/414/index.html")).unwrap();
    for live_reload in [true, false, true, false] {
        build_into(root, &out, live_reload, false);
        assert_eq!(page(&out).contains(script), live_reload);
        let clean = other.path().join("out");
        build_into(other.path(), &clean, live_reload, true);
        assert!(
            snapshot(&out) == snapshot(&clean),
            "live_reload {live_reload}"
        );
    }
}
