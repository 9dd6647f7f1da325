//! A citizen's path through the bundled site in headless Chromium at phone width.
//! Needs Debian's chromium (`.ci/run` installs it).

use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

/// Serves `dir` on a free loopback port from a background thread; returns the address.
fn serve(dir: PathBuf) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let app =
                axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir));
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{}", rx.recv().unwrap())
}

fn built_site() -> (tempfile::TempDir, String) {
    let dir = common::site_copy();
    gongkai::site::build(dir.path(), &Default::default()).unwrap();
    let url = serve(dir.path().join("public"));
    (dir, url)
}

fn browser() -> Browser {
    let chromium = Path::new("/usr/bin/chromium");
    assert!(
        chromium.exists(),
        "browser tests need Debian's chromium: apt-get install chromium (.ci/run does)"
    );
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    Browser::new(LaunchOptions {
        path: Some(chromium.to_path_buf()),
        headless: true,
        sandbox: false,
        window_size: Some((360, 780)),
        args,
        idle_browser_timeout: Duration::from_secs(120),
        ..LaunchOptions::default()
    })
    .unwrap()
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .unwrap()
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// The page fits the phone's width: nothing but table boxes scrolls sideways.
fn assert_fits(tab: &Tab) {
    let fits = eval(
        tab,
        "document.documentElement.scrollWidth <= window.innerWidth",
    );
    let width = eval(tab, "window.innerWidth");
    assert_eq!(
        fits,
        serde_json::Value::Bool(true),
        "{} scrolls sideways at width {width}",
        tab.get_url()
    );
}

/// Clicks the link at `selector` and waits until its page has loaded.
fn click(tab: &Tab, selector: &str) {
    let before = tab.get_url();
    tab.wait_for_element(selector)
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .click()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while tab.get_url() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "clicking {selector} on {before} went nowhere"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("footer").unwrap();
}

#[test]
fn phone_reader_follows_links_down_to_a_project() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));
    // Headless windows have a minimum width; emulate a 360-px phone screen instead.
    tab.call_method(SetDeviceMetricsOverride {
        width: 360,
        height: 780,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    tab.navigate_to(&format!("{url}/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert_eq!(eval(&tab, "document.documentElement.lang"), "zh-CN");
    assert_eq!(eval(&tab, "window.innerWidth"), 360);
    assert_fits(&tab);

    click(&tab, "a[href='/2024/']");
    assert!(tab.get_url().ends_with("/2024/"));
    assert_fits(&tab);
    click(&tab, "a[href='/2024/130225/']");
    assert_fits(&tab);
    click(&tab, "a[href='/2024/130225/414/']");
    assert_fits(&tab);
    assert_eq!(
        eval(&tab, "document.querySelector('h1').firstChild.textContent"),
        "乐亭县市场监督管理局"
    );
    click(&tab, "a[href='/2024/130225/414/13022524P000024100069/']");
    assert_fits(&tab);
    assert_eq!(
        eval(&tab, "document.querySelector('h1').firstChild.textContent"),
        "食品药品宣传检测执法经费"
    );
    // The wide form scrolls inside its own box, not the page.
    let inner = eval(
        &tab,
        "(function(){var b=document.querySelector('.scroll');return b.scrollWidth > b.clientWidth;})()",
    );
    assert_eq!(inner, serde_json::Value::Bool(true));
    assert_eq!(
        eval(&tab, "document.querySelector('#r1 .value').textContent"),
        "3500批次"
    );
    // Every indicator row has a visible anchor link to itself.
    let anchors = eval(
        &tab,
        "document.querySelectorAll('tr[id^=r] a.anchor').length",
    );
    assert_eq!(anchors, 7);
    // The font is large enough for older readers.
    let size = eval(&tab, "parseFloat(getComputedStyle(document.body).fontSize)");
    assert!(size.as_f64().unwrap() >= 16.0);
    // Breadcrumbs lead back up.
    click(&tab, "nav.crumbs a[href='/2024/130225/414/']");
    assert!(tab.get_url().ends_with("/2024/130225/414/"));
}
