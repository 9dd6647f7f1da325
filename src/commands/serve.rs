//! `gongkai serve`: build, serve on 127.0.0.1, rebuild on every edit to content/, themes/ or
//! site.toml, and reload open pages. Every rebuild is an ordinary [`pipeline::build`] into
//! `.gongkai-serve/` with the live-reload script: incremental, so an edited department's pages,
//! the totals that hold it, its comparisons and search parts are made anew and every other
//! page is published again from the last build; the output equals a clean build's byte for
//! byte. A build that fails (a broken file, a bug) shows its error in the terminal and in the
//! browser while the last good site keeps being served; the next edit builds again.

use crate::config::Config;
use crate::messages::Message;
use crate::pipeline::{self, BuildOptions};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tower_http::services::{ServeDir, ServeFile};

/// The script added to every served page: asks for the build state and reloads on change.
pub const RELOAD_JS: &str = r#"(function(){var seen=null;var box=null;
function show(msg){if(!box){box=document.createElement('pre');box.setAttribute('role','alert');box.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow:auto;margin:0;padding:12px;background:#fff4e0;color:#5a2d00;border-top:4px solid #8a4b00;font:14px/1.5 monospace;white-space:pre-wrap;z-index:99';document.body.appendChild(box);}box.textContent=msg;}
function poll(){fetch('/__gongkai/status',{cache:'no-store'}).then(function(r){return r.json();}).then(function(s){if(seen!==null&&s.version!==seen){location.reload();return;}seen=s.version;if(s.error){show(s.heading+'\n\n'+s.error);}else if(box){box.remove();box=null;}}).catch(function(){}).finally(function(){setTimeout(poll,300);});}
poll();})();"#;

/// How long the file events of one save (an editor's temporary file, its rename, a `git
/// checkout` of many files) may pause before the burst counts as settled.
const SETTLE: Duration = Duration::from_millis(50);

/// The state a browser polls.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Status {
    /// Increases with the first build and whenever a build swaps in a site that differs from
    /// the one before.
    pub version: u64,
    /// The last failed build's message, until a build succeeds.
    pub error: Option<String>,
    /// The error panel's heading, in the language `serve` speaks.
    pub heading: String,
}

type Shared = Arc<Mutex<Status>>;

/// The served site as the open pages were last told of it: its manifest's modification time
/// and size, and the SHA-256 of its bytes.
#[derive(Debug, Default)]
struct Seen {
    stamp: Option<(std::time::SystemTime, u64)>,
    sha256: Option<Vec<u8>>,
}

/// Where `serve` builds, what the browsers see, and whether an edit awaits a build.
struct Server {
    root: PathBuf,
    /// The served folder (`.gongkai-serve/`).
    out: PathBuf,
    opts: BuildOptions,
    status: Shared,
    seen: Mutex<Seen>,
    /// Something changed since the running (or last) build began.
    dirty: Mutex<bool>,
    wake: Condvar,
}

impl Server {
    fn lock<'a, T>(m: &'a Mutex<T>) -> std::sync::MutexGuard<'a, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One build; on success the served folder is swapped for the new one and open pages
    /// reload if anything in it changed.
    fn rebuild(&self) {
        let result = pipeline::catching(|| pipeline::build(&self.root, &self.opts));
        match result {
            Ok(r) => {
                eprintln!(
                    "{}",
                    Message::Rebuilt {
                        pages: r.pages,
                        reused: r.reused,
                        departments: r.departments,
                        elapsed: r.elapsed,
                    }
                );
                let mut s = Self::lock(&self.status);
                self.notice(&mut s);
                if s.version == 0 {
                    s.version = 1;
                }
                s.error = None;
            }
            Err(e) => Self::failed(&mut Self::lock(&self.status), &e, &self.root),
        }
    }

    /// Tells the open pages of a site swapped in since they last asked: every status poll and
    /// every build looks at the served manifest (every file with its SHA-256), so a page
    /// reloads as soon as the build has swapped the folder, not after it has cleared the old
    /// one away and saved its cache. A site swapped in means its build succeeded: the error
    /// goes. A site equal to the one before (a file saved unchanged, an editor's swap file)
    /// leaves the open pages as they are.
    fn notice(&self, s: &mut Status) {
        if let Some(differs) = self.swapped_in() {
            s.error = None;
            s.version += u64::from(differs);
        }
    }

    /// Whether a site was swapped in since the last look (by its manifest's stamp), and if so
    /// whether it differs from the last one seen (by the manifest's SHA-256).
    fn swapped_in(&self) -> Option<bool> {
        use sha2::Digest;
        let path = self.out.join(crate::publish::manifest::FILE);
        let meta = std::fs::metadata(&path).ok()?;
        let stamp = meta.modified().ok().map(|m| (m, meta.len()));
        let mut seen = Self::lock(&self.seen);
        if stamp.is_some() && seen.stamp == stamp {
            return None;
        }
        let sha256 = Some(sha2::Sha256::digest(std::fs::read(&path).ok()?).to_vec());
        seen.stamp = stamp;
        let differs = seen.sha256 != sha256;
        seen.sha256 = sha256;
        Some(differs)
    }

    /// Reports a failed build in the terminal and to the open pages, each file named relative
    /// to the site folder (`content/2024/…/414.yaml`), as the clerk finds it in the site, not
    /// where the site happens to lie.
    fn failed(s: &mut Status, e: &pipeline::BuildError, root: &Path) {
        let text = relative_to(&e.to_string(), root);
        eprintln!("{text}\n{}", Message::ServeBuildFailed);
        s.error = Some(text);
        s.heading = Message::PanelHeading.to_string();
    }

    /// The builder: one build at a time. Edits that arrive during a build wait for it and are
    /// built together by the next one, so a burst of saves costs at most one build more.
    fn run_builds(&self) {
        loop {
            {
                let mut dirty = Self::lock(&self.dirty);
                while !*dirty {
                    dirty = self.wake.wait(dirty).unwrap_or_else(|e| e.into_inner());
                }
                *dirty = false;
            }
            self.rebuild();
        }
    }

    /// Marks the site changed and wakes the builder.
    fn changed(&self) {
        *Self::lock(&self.dirty) = true;
        self.wake.notify_one();
    }
}

/// The files a site is built from, as the watcher sees them: site.toml and everything under
/// content/ and themes/.
struct Sources {
    site_toml: PathBuf,
    folders: [PathBuf; 2],
}

impl Sources {
    fn new(root: &Path) -> Sources {
        Sources {
            site_toml: root.join("site.toml"),
            folders: [root.join("content"), root.join("themes")],
        }
    }

    /// Whether a change to `path` can change the site.
    fn holds(&self, path: &Path) -> bool {
        path == self.site_toml || self.folders.iter().any(|f| path.starts_with(f))
    }
}

/// A path the file server cannot map to a file (a name over 255 bytes, bytes the file system
/// refuses) is answered 404 Not Found, never 500.
async fn unmappable_is_not_found(res: axum::response::Response) -> axum::response::Response {
    if res.status().is_server_error() {
        (
            axum::http::StatusCode::NOT_FOUND,
            Message::NotFound.to_string(),
        )
            .into_response()
    } else {
        res
    }
}

/// While no site has been built into the served folder yet (the first build of a new site is
/// running), every page is a short Chinese notice with the reload script, answered 503 with
/// `Retry-After`: the browser reloads by itself when the site is there, or shows the first
/// build's error. `serve`'s own addresses (`/__gongkai/…`) are answered as always.
async fn first_build_pending(
    State(server): State<Arc<Server>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let built = server.out.join(crate::publish::manifest::FILE);
    if request.uri().path().starts_with("/__gongkai/") || built.is_file() {
        return next.run(request).await;
    }
    let notice = Message::FirstBuildPending.to_string();
    let page = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{notice}</title></head><body><p style=\"font:18px/1.6 sans-serif;margin:2em 1em\">\
         {notice}</p><script src=\"/__gongkai/reload.js\"></script></body></html>"
    );
    (
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        [
            ("content-type", "text/html; charset=utf-8"),
            ("cache-control", "no-store"),
            ("retry-after", "1"),
        ],
        page,
    )
        .into_response()
}

/// Builds `root`, serves it on 127.0.0.1:`port` (site.toml's when `None`) and watches for edits.
pub fn serve(root: &Path, port: Option<u16>) -> std::io::Result<()> {
    let config = Config::load(root).map_err(|e| std::io::Error::other(e.to_string()))?;
    let port = port.unwrap_or(config.port);
    let base_url = format!("http://127.0.0.1:{port}/");
    let out: PathBuf = root.join(".gongkai-serve");
    let server = Arc::new(Server {
        root: root.to_path_buf(),
        out: out.clone(),
        opts: BuildOptions {
            output: Some(out.clone()),
            base_url: Some(base_url.clone()),
            live_reload: true,
            freezing: None,
            clean: false,
        },
        status: Shared::default(),
        seen: Mutex::default(),
        dirty: Mutex::new(false),
        wake: Condvar::new(),
    });
    // A site left by an earlier `serve` is what the open pages hold until a build replaces
    // it: a first build that fails keeps its panel up.
    let _ = server.swapped_in();

    // site.toml is watched through its folder: an editor that saves by renaming a new file
    // over it replaces the file a watch on it would follow. Of that folder's own entries only
    // site.toml counts (the served folder and the build cache change with every build).
    let sources = Sources::new(root);
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| sources.holds(p))
        {
            let _ = tx.send(());
        }
    })
    .map_err(std::io::Error::other)?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(std::io::Error::other)?;
    for watched in ["content", "themes"] {
        let p = root.join(watched);
        if p.exists() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    // The first build is queued like an edit, once the watcher runs: an edit saved while it
    // builds (a provincial site takes a minute) is built next, not lost, and the server
    // answers at once (a placeholder page until there is a site).
    server.changed();
    {
        let server = server.clone();
        std::thread::spawn(move || server.run_builds());
    }
    {
        let server = server.clone();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // Let a burst of saves settle, then build once.
                while rx.recv_timeout(SETTLE).is_ok() {}
                server.changed();
            }
        });
    }

    let app = Router::new()
        .route(
            "/__gongkai/status",
            get(|State(server): State<Arc<Server>>| async move {
                let mut s = Server::lock(&server.status);
                server.notice(&mut s);
                Json(s.clone())
            }),
        )
        .route(
            "/__gongkai/reload.js",
            get(|| async {
                (
                    [
                        ("content-type", "text/javascript; charset=utf-8"),
                        ("cache-control", "no-store"),
                    ],
                    RELOAD_JS,
                )
                    .into_response()
            }),
        )
        // A missing page gets the site's own 404 page (in Chinese, with links back), status 404;
        // a path it cannot map (a component over 255 bytes) is a 404 too, never a 500.
        .fallback_service(
            ServeDir::new(&out)
                .append_index_html_on_directories(true)
                .not_found_service(ServeFile::new(
                    out.join(crate::address::Address::NotFound.path()),
                )),
        )
        .layer(axum::middleware::map_response(unmappable_is_not_found))
        .layer(axum::middleware::from_fn_with_state(
            server.clone(),
            first_build_pending,
        ))
        .with_state(server);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let root = root.display().to_string();
        let url = base_url.clone();
        eprintln!("{}", Message::Serving { root, url });
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    drop(watcher);
    Ok(())
}

/// `text` with every path under `root` written relative to it: `root/` is taken out where
/// it starts a path (at the start of a line, after a space or an opening bracket or quote).
fn relative_to(text: &str, root: &Path) -> String {
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    if root.as_os_str().is_empty() || prefix == "./" {
        return text.to_string();
    }
    let re = regex::Regex::new(&format!(r"(?m)(^|[\s(“`'\[])({})", regex::escape(&prefix)))
        .expect("an escaped path is a valid pattern");
    re.replace_all(text, "$1").into_owned()
}

/// `gongkai serve`: serves `root` until stopped; fails if it cannot start.
pub fn run(root: &Path, port: Option<u16>) -> std::process::ExitCode {
    match serve(root, port) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", Message::ErrorLine { error });
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_names_files_relative_to_the_site() {
        let root = Path::new("/dev/shm/gongkai-panel.X1");
        let text = "错误[schema]: 不认识的字段\n  --> /dev/shm/gongkai-panel.X1/content/2024/130225/414.yaml:104:9\n/dev/shm/gongkai-panel.X1/site.toml:3:1: 设置有误\n/elsewhere/dev/shm/gongkai-panel.X1/x";
        assert_eq!(
            relative_to(text, root),
            "错误[schema]: 不认识的字段\n  --> content/2024/130225/414.yaml:104:9\nsite.toml:3:1: 设置有误\n/elsewhere/dev/shm/gongkai-panel.X1/x"
        );
        assert_eq!(
            relative_to("./content/a.yaml", Path::new(".")),
            "./content/a.yaml"
        );
    }

    #[test]
    fn open_pages_reload_for_a_site_swapped_in_that_differs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(".gongkai-serve");
        let server = Server {
            root: dir.path().to_path_buf(),
            out: out.clone(),
            opts: BuildOptions::default(),
            status: Shared::default(),
            seen: Mutex::default(),
            dirty: Mutex::new(false),
            wake: Condvar::new(),
        };
        let status = |server: &Server| {
            let mut s = Server::lock(&server.status);
            server.notice(&mut s);
            (s.version, s.error.clone())
        };
        // Nothing served yet: nothing to reload.
        assert_eq!(status(&server), (0, None));
        let publish = |bytes: &str| {
            // A build swaps in a new folder: a new manifest, with its own time.
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
            std::thread::sleep(Duration::from_millis(20));
            std::fs::write(out.join(crate::publish::manifest::FILE), bytes).unwrap();
        };
        publish("a  1  x\n");
        assert_eq!(status(&server), (1, None));
        assert_eq!(status(&server), (1, None), "asked again, the same site");
        // A failed build shows its panel; the site stays, and so does the panel.
        Server::lock(&server.status).error = Some("错误".into());
        assert_eq!(status(&server), (1, Some("错误".into())));
        // A build swaps in the same site: the panel goes, the pages stay.
        publish("a  1  x\n");
        assert_eq!(status(&server), (1, None));
        publish("a  2  y\n");
        assert_eq!(status(&server), (2, None));
    }

    #[test]
    fn a_panicking_build_is_reported_and_the_next_build_runs() {
        let status: Shared = Arc::default();
        let outcome: Result<(), pipeline::BuildError> =
            pipeline::catching(|| panic!("attempt to add with overflow"));
        let err = outcome.unwrap_err();
        assert!(matches!(err, pipeline::BuildError::Panic(_)), "{err}");
        Server::failed(&mut Server::lock(&status), &err, Path::new("/srv/site"));
        let shown = Server::lock(&status).error.clone().unwrap();
        // The panel's heading is the catalogue's, Chinese by default.
        assert_eq!(
            Server::lock(&status).heading,
            "构建失败，仍显示上一次成功的版本："
        );
        assert!(
            shown.contains("attempt to add with overflow") && shown.contains("panic"),
            "{shown}"
        );
        // The thread that caught it goes on: the next build runs and reports normally.
        let next: Result<u8, pipeline::BuildError> = pipeline::catching(|| Ok(7));
        assert_eq!(next.unwrap(), 7);
    }
}
