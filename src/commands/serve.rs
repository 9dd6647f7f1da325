//! `gongkai serve`: build, serve on 127.0.0.1, rebuild on every edit to content/, themes/ or
//! site.toml, and reload open pages. An edited department file's own pages are re-rendered at
//! once ([`partial::department`]); the full build (totals, search, comparisons, link check)
//! follows in the background. A broken edit shows its error in the terminal and in the
//! browser while the last good site keeps being served.

use crate::config::Config;
use crate::messages::Message;
use crate::pipeline::{self as site, BuildOptions, partial};
use crate::render::pages::SiteMeta;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tower_http::services::{ServeDir, ServeFile};

/// The script added to every served page: asks for the build state and reloads on change.
pub const RELOAD_JS: &str = r#"(function(){var seen=null;var box=null;
function show(msg){if(!box){box=document.createElement('pre');box.setAttribute('role','alert');box.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow:auto;margin:0;padding:12px;background:#fff4e0;color:#5a2d00;border-top:4px solid #8a4b00;font:14px/1.5 monospace;white-space:pre-wrap;z-index:99';document.body.appendChild(box);}box.textContent=msg;}
function poll(){fetch('/__gongkai/status',{cache:'no-store'}).then(function(r){return r.json();}).then(function(s){if(seen!==null&&s.version!==seen){location.reload();return;}seen=s.version;if(s.error){show(s.heading+'\n\n'+s.error);}else if(box){box.remove();box=null;}}).catch(function(){}).finally(function(){setTimeout(poll,300);});}
poll();})();"#;

/// The state a browser polls.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Status {
    /// Increases with every successful build.
    pub version: u64,
    /// The last failed build's message, until a build succeeds.
    pub error: Option<String>,
    /// The error panel's heading, in the language `serve` speaks.
    pub heading: String,
}

type Shared = Arc<Mutex<Status>>;

/// What the watcher hands the builder: department files edited since the last full build
/// began, and whether anything at all changed.
#[derive(Default)]
struct Pending {
    dirty: bool,
    departments: BTreeSet<String>,
}

/// Where `serve` builds, and the site values of its last good build.
struct Server {
    root: PathBuf,
    out: PathBuf,
    opts: BuildOptions,
    status: Shared,
    site: Mutex<Option<SiteMeta>>,
    pending: Mutex<Pending>,
    wake: Condvar,
}

impl Server {
    fn lock<'a, T>(m: &'a Mutex<T>) -> std::sync::MutexGuard<'a, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A full build; on success the served folder is swapped for the new one.
    fn rebuild(&self) {
        let result = site::catching(|| site::build(&self.root, &self.opts));
        let mut s = Self::lock(&self.status);
        match result {
            Ok(r) => {
                let (pages, elapsed) = (r.pages, r.elapsed);
                eprintln!("{}", Message::Rebuilt { pages, elapsed });
                if let Some(site) = r.site {
                    *Self::lock(&self.site) = Some(site);
                }
                s.version += 1;
                s.error = None;
            }
            Err(e) => Self::failed(&mut s, &e, &self.root),
        }
    }

    /// Reports a failed build, full or quick, in the terminal and to the open pages, each
    /// file named relative to the site folder (`content/2024/…/414.yaml`), as the clerk
    /// finds it in the site, not where the site happens to lie.
    fn failed(s: &mut Status, e: &site::BuildError, root: &Path) {
        let text = relative_to(&e.to_string(), root);
        eprintln!("{text}\n{}", Message::ServeBuildFailed);
        s.error = Some(text);
        s.heading = Message::PanelHeading.to_string();
    }

    /// Re-renders edited departments' own pages into the served folder at once; does nothing
    /// before the first good build, whose site values it needs.
    fn quick(&self, rels: &BTreeSet<String>) {
        let site = Self::lock(&self.site).clone();
        let Some(site) = site else {
            return;
        };
        let start = Instant::now();
        let mut written = 0;
        for rel in rels {
            match site::catching(|| partial::department(&self.root, &self.opts, &site, rel)) {
                Ok(files) => {
                    for (path, bytes) in files {
                        written += usize::from(write_atomic(&self.out.join(&path), &bytes).is_ok());
                    }
                }
                Err(e) => {
                    return Self::failed(&mut Self::lock(&self.status), &e, &self.root);
                }
            }
        }
        eprintln!(
            "{}",
            Message::QuickUpdated {
                written,
                departments: rels.len(),
                elapsed: start.elapsed(),
            }
        );
        let mut s = Self::lock(&self.status);
        s.version += 1;
        s.error = None;
    }

    /// The builder: one full build at a time; edits that arrived during a build are
    /// re-applied to its output (which predates them) before the browser reloads.
    fn run_builds(&self) {
        loop {
            {
                let mut p = Self::lock(&self.pending);
                while !p.dirty {
                    p = self.wake.wait(p).unwrap_or_else(|e| e.into_inner());
                }
                p.dirty = false;
                p.departments.clear();
            }
            self.rebuild();
            let again = std::mem::take(&mut Self::lock(&self.pending).departments);
            if !again.is_empty() {
                self.quick(&again);
                Self::lock(&self.pending).departments.extend(again);
            }
        }
    }

    /// Handles one settled burst of file events.
    fn changed(&self, paths: &[PathBuf]) {
        let content = self.root.join("content");
        // Editors save through temporary files that are gone by now; those do not count.
        let rels: Option<BTreeSet<String>> = paths
            .iter()
            .filter(|p| p.exists() || p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .map(|p| {
                let rel = p
                    .strip_prefix(&content)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                (crate::content::load::is_department_file(&rel) && p.is_file()).then_some(rel)
            })
            .collect();
        // A department edit shows at once; anything else (a theme, site.toml, a page, a
        // deleted file) waits for the full build.
        if let Some(rels) = rels.filter(|r| !r.is_empty()) {
            self.quick(&rels);
            Self::lock(&self.pending).departments.extend(rels);
        }
        Self::lock(&self.pending).dirty = true;
        self.wake.notify_one();
    }
}

/// Writes a file beside its place and renames it over, so a reader never sees half of it.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("gongkai-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
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

/// Builds `root`, serves it on 127.0.0.1:`port` (site.toml's when `None`) and watches for edits.
pub fn serve(root: &Path, port: Option<u16>) -> std::io::Result<()> {
    let config = Config::load(root).map_err(|e| std::io::Error::other(e.to_string()))?;
    let port = port.unwrap_or(config.port);
    let base_url = format!("http://127.0.0.1:{port}/");
    let out: PathBuf = root.join(".gongkai-serve");
    let status: Shared = Arc::default();
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
        status: status.clone(),
        site: Mutex::new(None),
        pending: Mutex::default(),
        wake: Condvar::new(),
    });
    server.rebuild();

    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(ev.paths);
        }
    })
    .map_err(std::io::Error::other)?;
    for watched in ["content", "themes", "site.toml"] {
        let p = root.join(watched);
        if p.exists() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    {
        let server = server.clone();
        std::thread::spawn(move || server.run_builds());
    }
    {
        let server = server.clone();
        std::thread::spawn(move || {
            while let Ok(mut paths) = rx.recv() {
                // Let a burst of saves settle, then act once.
                while let Ok(more) = rx.recv_timeout(Duration::from_millis(30)) {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                server.changed(&paths);
            }
        });
    }

    let app = Router::new()
        .route(
            "/__gongkai/status",
            get(|State(s): State<Shared>| async move {
                Json(s.lock().unwrap_or_else(|e| e.into_inner()).clone())
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
        .with_state(status);
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
    fn a_panicking_build_is_reported_and_the_next_build_runs() {
        let status: Shared = Arc::default();
        let outcome: Result<(), site::BuildError> =
            site::catching(|| panic!("attempt to add with overflow"));
        let err = outcome.unwrap_err();
        assert!(matches!(err, site::BuildError::Panic(_)), "{err}");
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
        let next: Result<u8, site::BuildError> = site::catching(|| Ok(7));
        assert_eq!(next.unwrap(), 7);
    }
}
