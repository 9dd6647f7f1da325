//! Bytes a reader's browser downloads per search, measured in headless Chromium.
//! Usage: search_bench PUBLIC_DIR QUERY...   (bench/search.sh runs it on the synthetic site)
//!
//! For each query: "first" is a cold visit to /search/?q=… with an empty cache (page, style,
//! engine, meta and index files, fragments); "next" is the same query typed into the box of
//! the page after it answered the previous query of the list.

use headless_chrome::protocol::cdp::Network;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "../tests/common/http.rs"]
mod http;
use http::serve;

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .unwrap()
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Waits for the search to finish; returns the status line.
fn finished(tab: &Tab) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let s = eval(tab, "document.getElementById('status').textContent");
        let s = s.as_str().unwrap_or("").to_string();
        if !s.is_empty() && s != "正在搜索…" {
            return s;
        }
        assert!(Instant::now() < deadline, "search never finished");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Bytes and count of every resource (and the page itself) loaded since `from`.
fn loaded(tab: &Tab, from: u64) -> (u64, u64, u64) {
    let v = eval(
        tab,
        &format!(
            "JSON.stringify((() => {{ const e = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).slice({from}); return [e.reduce((a, x) => a + x.encodedBodySize, 0), e.length, e.filter(x => x.name.includes('/search/f/')).length]; }})())"
        ),
    );
    let v: Vec<u64> = serde_json::from_str(v.as_str().unwrap()).unwrap();
    (v[0], v[1], v[2])
}

fn entries(tab: &Tab) -> u64 {
    eval(
        tab,
        "performance.getEntriesByType('navigation').length + performance.getEntriesByType('resource').length",
    )
    .as_u64()
    .unwrap()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: search_bench PUBLIC_DIR QUERY..."),
    );
    let queries: Vec<String> = args.collect();
    let url = serve(dir);
    let browser = Browser::new(LaunchOptions {
        path: Some(PathBuf::from("/usr/bin/chromium")),
        headless: true,
        sandbox: false,
        args: vec![OsStr::new("--disable-gpu")],
        idle_browser_timeout: Duration::from_secs(600),
        ..LaunchOptions::default()
    })
    .unwrap();
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(60));
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .unwrap();
    println!("query         first_KB  files  next_KB  files  fragments  results");
    for (i, q) in queries.iter().enumerate() {
        tab.call_method(Network::ClearBrowserCache(None)).unwrap();
        let enc: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        tab.navigate_to(&format!("{url}/search/?q={enc}"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        eval(&tab, "performance.setResourceTimingBufferSize(100000)");
        finished(&tab);
        let (first, first_n, _) = loaded(&tab, 0);
        // A further query: a fresh page has answered the previous query first.
        visit(
            &tab,
            &url,
            &queries[(i + queries.len() - 1) % queries.len()],
        );
        let before = entries(&tab);
        type_query(&tab, q);
        let status = finished(&tab);
        let (next, next_n, frags) = loaded(&tab, before);
        println!(
            "{q:<12}  {:>8.1}  {first_n:>5}  {:>7.1}  {next_n:>5}  {frags:>9}  {status}",
            first as f64 / 1024.0,
            next as f64 / 1024.0
        );
    }
}

/// Opens the search page for `q` and waits for its results.
fn visit(tab: &Tab, url: &str, q: &str) {
    let enc: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
    tab.navigate_to(&format!("{url}/search/?q={enc}"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    eval(tab, "performance.setResourceTimingBufferSize(100000)");
    finished(tab);
}

/// Types `q` into the search page's box and submits it.
fn type_query(tab: &Tab, q: &str) {
    eval(
        tab,
        &format!(
            "document.getElementById('status').textContent = ''; document.getElementById('q').value = {}; document.getElementById('search').requestSubmit();",
            serde_json::to_string(q).unwrap()
        ),
    );
}
