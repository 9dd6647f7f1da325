//! `gongkai serve`: build, serve on 127.0.0.1, rebuild on every edit to content/, themes/ or
//! site.toml, and reload open pages. A broken edit shows its error in the terminal and in the
//! browser while the last good site keeps being served.

use crate::config::Config;
use crate::site::{self, BuildOptions};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::services::ServeDir;

/// The script added to every served page: asks for the build state and reloads on change.
pub const RELOAD_JS: &str = r#"(function(){var seen=null;var box=null;
function show(msg){if(!box){box=document.createElement('pre');box.setAttribute('role','alert');box.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow:auto;margin:0;padding:12px;background:#fff4e0;color:#5a2d00;border-top:4px solid #8a4b00;font:14px/1.5 monospace;white-space:pre-wrap;z-index:99';document.body.appendChild(box);}box.textContent='构建失败，仍显示上一次成功的版本：\n\n'+msg;}
function poll(){fetch('/__gongkai/status',{cache:'no-store'}).then(function(r){return r.json();}).then(function(s){if(seen!==null&&s.version!==seen){location.reload();return;}seen=s.version;if(s.error){show(s.error);}else if(box){box.remove();box=null;}}).catch(function(){}).finally(function(){setTimeout(poll,300);});}
poll();})();"#;

/// The state a browser polls.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Status {
    /// Increases with every successful build.
    pub version: u64,
    /// The last failed build's message, until a build succeeds.
    pub error: Option<String>,
}

type Shared = Arc<Mutex<Status>>;

fn rebuild(root: &Path, out: &Path, base_url: &str, status: &Shared) {
    let opts = BuildOptions {
        output: Some(out.to_path_buf()),
        base_url: Some(base_url.to_string()),
        live_reload: true,
        freezing: None,
    };
    let result = site::build(root, &opts);
    let mut s = status.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(r) => {
            eprintln!("rebuilt {} pages in {:.2?}", r.pages, r.elapsed);
            s.version += 1;
            s.error = None;
        }
        Err(e) => {
            eprintln!("{e}\nbuild failed: still serving the last good site");
            s.error = Some(e.to_string());
        }
    }
}

/// Builds `root`, serves it on 127.0.0.1:`port` (site.toml's when `None`) and watches for edits.
pub fn serve(root: &Path, port: Option<u16>) -> std::io::Result<()> {
    let config = Config::load(root).map_err(|e| std::io::Error::other(e.to_string()))?;
    let port = port.unwrap_or(config.port);
    let base_url = format!("http://127.0.0.1:{port}/");
    let out: PathBuf = root.join(".gongkai-serve");
    let status: Shared = Arc::default();
    rebuild(root, &out, &base_url, &status);

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(());
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
        let (root, out, base_url, status) = (
            root.to_path_buf(),
            out.clone(),
            base_url.clone(),
            status.clone(),
        );
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // Let a burst of saves settle, then build once.
                while rx.recv_timeout(Duration::from_millis(60)).is_ok() {}
                rebuild(&root, &out, &base_url, &status);
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
        .fallback_service(ServeDir::new(&out).append_index_html_on_directories(true))
        .with_state(status);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        eprintln!("serving {} at {base_url} (Ctrl+C to stop)", root.display());
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    drop(watcher);
    Ok(())
}
