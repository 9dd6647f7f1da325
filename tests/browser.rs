//! A citizen's path through the bundled site in headless Chromium at phone width.
//! Needs Debian's chromium (`.ci/run` installs it).

use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

mod common;
#[path = "common/get.rs"]
mod get;
#[path = "common/http.rs"]
mod http;
use get::get;
use http::serve;

fn built_site() -> (tempfile::TempDir, String) {
    let dir = common::site_copy();
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
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

/// Opens `url` and waits until it has loaded.
fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
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

/// A tab emulating a 360-px phone screen (headless windows have a minimum width).
fn phone(browser: &Browser) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));
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
    tab
}

#[test]
fn phone_reader_follows_links_down_to_a_project() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    open(&tab, &format!("{url}/"));
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
    // At phone width the form reads as blocks: nothing scrolls sideways, not even its box.
    let inner = eval(
        &tab,
        "(function(){var b=document.querySelector('.scroll');return b.scrollWidth > b.clientWidth;})()",
    );
    assert_eq!(inner, serde_json::Value::Bool(false));
    assert_eq!(
        eval(&tab, "document.querySelector('#r1 .value .v').textContent"),
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

/// The addresses of every project linked from the department page open in `tab`.
fn project_links(tab: &Tab) -> Vec<String> {
    let v = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('section[aria-labelledby=part2] tbody th a')].map(a => a.getAttribute('href')))",
    );
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

#[test]
fn on_a_phone_every_value_every_project_and_every_comparison_is_at_hand() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    let depts = [
        "/2021/gaoxin/scjgj/",
        "/2024/120103/355/",
        "/2024/130225/414/",
        "/2024/130529/414/",
    ];
    let mut projects = Vec::new();
    for d in depts {
        open(&tab, &format!("{url}{d}"));
        assert_fits(&tab);
        let links = project_links(&tab);
        assert!(!links.is_empty(), "{d} lists no project");
        // Each project is linked on the first screen, or the first screen links the list of
        // projects (one tap away through the contents).
        let first_screen = |sel: &str| {
            eval(
                &tab,
                &format!(
                    "[...document.querySelectorAll(\"{sel}\")].some(a => {{ const r = a.getBoundingClientRect(); return r.height > 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth; }})"
                ),
            ) == serde_json::Value::Bool(true)
        };
        let contents = first_screen("nav.toc a[href='#part2']");
        for href in &links {
            let direct = first_screen(&format!("main a[href='{href}']"));
            assert!(
                direct || contents,
                "{d}: {href} is neither on the first screen nor one tap away"
            );
        }
        // The contents list every project with its 预算数.
        let listed = eval(&tab, "document.querySelectorAll('nav.toc ol ol li').length");
        assert_eq!(listed.as_u64(), Some(links.len() as u64), "{d}");
        projects.extend(links);
    }
    assert_eq!(projects.len(), 28);

    // Every 指标值 of every project lies within the 360-px viewport, without scrolling sideways.
    for p in &projects {
        open(&tab, &format!("{url}{p}"));
        assert_fits(&tab);
        let out = eval(
            &tab,
            "JSON.stringify([...document.querySelectorAll('.indicators td.value')].filter(td => { const r = td.getBoundingClientRect(); return td.textContent.trim() !== '' && (r.left < 0 || r.right > window.innerWidth || r.width < 100); }).map(td => td.parentElement.id))",
        );
        assert_eq!(
            out.as_str(),
            Some("[]"),
            "{p}: values off-screen or squeezed"
        );
        let boxed = eval(
            &tab,
            "[...document.querySelectorAll('.scroll')].every(b => b.scrollWidth <= b.clientWidth)",
        );
        assert_eq!(boxed, serde_json::Value::Bool(true), "{p}");
    }

    // A project page links to the comparisons its rows feed, row by row, and back.
    open(
        &tab,
        &format!("{url}/2024/130225/414/13022524P000024100069/"),
    );
    let cmp = eval(
        &tab,
        "document.querySelector('#r1 a.cmp').getAttribute('href')",
    );
    assert_eq!(cmp, "/compare/2024/food-sampling/");
    let listed = eval(
        &tab,
        "[...document.querySelectorAll('main p.cta a')].map(a => a.textContent).join('、')",
    );
    assert!(
        listed.as_str().unwrap().contains("食品抽检批次"),
        "{listed}"
    );
    click(&tab, "#r1 a.cmp");
    assert!(tab.get_url().ends_with("/compare/2024/food-sampling/"));
    assert_fits(&tab);
    let back = eval(
        &tab,
        "!!document.querySelector(\"a[href='/2024/130225/414/13022524P000024100069/#r1']\")",
    );
    assert_eq!(back, serde_json::Value::Bool(true));
    // The cost per unit and the budget it divides are in view on the phone.
    let cost = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.cost')].map(c => { const r = c.getBoundingClientRect(); return [c.textContent, r.right <= window.innerWidth]; }))",
    );
    let cost: Vec<(String, bool)> = serde_json::from_str(cost.as_str().unwrap()).unwrap();
    assert_eq!(cost.len(), 3, "{cost:?}");
    assert!(cost.iter().all(|c| c.1), "{cost:?}");
    assert!(
        cost.iter()
            .any(|c| c.0.contains("1196.5元/批次") && c.0.contains("监督抽检总费用")),
        "{cost:?}"
    );

    // A place and a topic: that place's project first, showing the row and its value.
    open(
        &tab,
        &format!(
            "{url}/search/?q=%E4%B9%90%E4%BA%AD%E5%8E%BF%20%E9%A3%9F%E5%93%81%E6%8A%BD%E6%A3%80"
        ),
    );
    search_status(&tab);
    let hits = results(&tab);
    assert_eq!(hits[0].0, "食品药品宣传检测执法经费", "{hits:?}");
    assert!(hits[0].1.contains("乐亭县"), "{hits:?}");
    assert!(
        hits[0]
            .2
            .ends_with("/2024/130225/414/13022524P000024100069/#r1"),
        "{hits:?}"
    );
    let first = eval(&tab, "document.querySelector('#results > li').textContent");
    assert!(first.as_str().unwrap().contains("3500批次"), "{first}");
    let title = eval(&tab, "document.title");
    assert!(
        title.as_str().unwrap().contains("乐亭县 食品抽检"),
        "{title}"
    );
    assert_fits(&tab);
    // A topic alone: records holding it in an indicator row come first, 乐亭县's among them.
    open(
        &tab,
        &format!("{url}/search/?q=%E9%A3%9F%E5%93%81%E6%8A%BD%E6%A3%80"),
    );
    search_status(&tab);
    let hits = results(&tab);
    let rows = eval(
        &tab,
        "[...document.querySelectorAll('#results > li')].findIndex(li => !li.querySelector('.hitval'))",
    );
    let rows = rows.as_u64().unwrap() as usize;
    assert!(rows >= 3, "{hits:?}");
    assert!(
        hits[..rows].iter().any(|h| h.1.contains("乐亭县")),
        "{hits:?}"
    );
}

/// Waits until the search page has finished a query; returns the status line.
fn search_status(tab: &Tab) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let s = eval(tab, "document.getElementById('status').textContent");
        let s = s.as_str().unwrap_or("").to_string();
        if !s.is_empty() && s != "正在搜索…" {
            return s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "search never finished"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replaces the search box's text by typing `q` and pressing Enter, as a reader would.
fn type_query(tab: &Tab, box_selector: &str, q: &str) {
    eval(
        tab,
        "document.getElementById('status') && (document.getElementById('status').textContent = '')",
    );
    let input = tab.wait_for_element(box_selector).unwrap();
    input.click().unwrap();
    eval(
        tab,
        &format!("document.querySelector('{box_selector}').value = ''"),
    );
    input.type_into(q).unwrap();
    tab.press_key("Enter").unwrap();
}

/// (title, meta line, href, partial?) of each listed result.
fn results(tab: &Tab) -> Vec<(String, String, String, bool)> {
    let v = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('#results > li')].map(li => [li.querySelector('h2').textContent, li.querySelector('.meta').textContent, li.querySelector('h2 a').getAttribute('href'), li.classList.contains('partial')]))",
    );
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

#[test]
fn reader_searches_in_chinese_from_any_page() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    open(&tab, &format!("{url}/2024/"));
    // No search code on ordinary pages: the engine loads only on the search page.
    assert_eq!(eval(&tab, "document.scripts.length"), 0);
    type_query(&tab, "#site-q", "电梯");
    tab.wait_for_element("#status").unwrap();
    let status = search_status(&tab);
    assert!(tab.get_url().contains("/search/?q="), "{}", tab.get_url());
    assert!(status.starts_with("共找到"), "{status}");
    let hits = results(&tab);
    assert!(
        hits.iter()
            .any(|h| h.0.contains("特种设备") && h.1.contains("乐亭县")),
        "电梯 should find 乐亭县's 特种设备 project: {hits:?}"
    );
    assert!(
        eval(&tab, "document.querySelectorAll('#results mark').length")
            .as_u64()
            .unwrap()
            >= 3
    );
    assert_eq!(
        eval(&tab, "document.querySelector('#results mark').textContent"),
        "电梯"
    );
    assert_fits(&tab);

    // 食品抽检: food-sampling projects of several counties; whole matches first.
    type_query(&tab, "#q", "食品抽检");
    let status = search_status(&tab);
    assert!(status.contains("条含完整的“食品抽检”"), "{status}");
    let hits = results(&tab);
    let regions: std::collections::BTreeSet<&str> = hits
        .iter()
        .filter(|h| !h.1.contains("部门整体"))
        .map(|h| h.1.split(" · ").nth(1).unwrap())
        .collect();
    assert!(regions.len() >= 2, "{hits:?}");
    let first_partial = hits.iter().position(|h| h.3).unwrap();
    assert!(hits[..first_partial].iter().all(|h| !h.3));
    assert!(hits[first_partial..].iter().all(|h| h.3), "{hits:?}");
    assert!(hits[0].1.contains("2024年"));

    // A number finds the indicator row holding it.
    type_query(&tab, "#q", "1145");
    search_status(&tab);
    let hits = results(&tab);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].0, "食品安全工作经费");
    assert!(
        hits[0].2.ends_with("/2024/120103/355/shipin-anquan/#r1"),
        "{hits:?}"
    );

    // Nothing found says so.
    type_query(&tab, "#q", "火星探测器");
    let status = search_status(&tab);
    assert!(
        status.starts_with("没有找到与“火星探测器”相符的结果"),
        "{status}"
    );
    assert!(results(&tab).is_empty());

    // The year filter narrows the list and lives in the address.
    type_query(&tab, "#q", "市场监督");
    search_status(&tab);
    let all = results(&tab);
    assert!(all.iter().any(|h| h.1.starts_with("2024年")));
    assert!(all.iter().any(|h| h.1.starts_with("2021年")) || all.len() == 10);
    tab.find_element("#filters summary")
        .unwrap()
        .click()
        .unwrap();
    eval(&tab, "document.getElementById('status').textContent = ''");
    eval(&tab, "document.getElementById('f-year').value = '2021'");
    tab.find_element("#search > button")
        .unwrap()
        .click()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let status = search_status(&tab);
    let only = results(&tab);
    assert!(!only.is_empty(), "{status}");
    assert!(only.iter().all(|h| h.1.starts_with("2021年")), "{only:?}");
    assert!(
        only.len() < all.len() || status.contains("共找到"),
        "{status}"
    );
    assert!(tab.get_url().contains("year=2021"), "{}", tab.get_url());

    // A shared address reproduces the list; with no hits under a filter the page offers
    // to drop it.
    open(
        &tab,
        &format!("{url}/search/?q=%E7%94%B5%E6%A2%AF&year=2021"),
    );
    let status = search_status(&tab);
    assert!(status.contains("去掉部分筛选条件"), "{status}");
    click(&tab, "#unfilter");
    search_status(&tab);
    assert!(!results(&tab).is_empty());
    assert_fits(&tab);
}

/// Runs `js` (an async expression) in the search page and returns its JSON result.
fn in_search_page(tab: &Tab, js: &str) -> serde_json::Value {
    let out = tab
        .evaluate(
            &format!("(async () => {{ await window.gongkai.ready; return JSON.stringify(await ({js})); }})()"),
            true,
        )
        .unwrap()
        .value
        .unwrap();
    serde_json::from_str(out.as_str().unwrap()).unwrap()
}

#[test]
fn index_and_browser_agree_and_every_indicator_finds_its_project() {
    use gongkai::outputs::search::{record, tokenize};
    let (site, url) = built_site();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(60));
    open(&tab, &format!("{url}/search/"));
    let loaded = gongkai::content::load::load_dir(&site.path().join("content"), false);
    let tree = gongkai::content::tree::tree(&loaded.files, &[]);
    let catalogue =
        gongkai::content::catalogue::Catalogue::load(&site.path().join("content")).unwrap();
    let fed = gongkai::content::matching::assign(&catalogue, &loaded.files)
        .by_file(&catalogue, loaded.files.len());
    let records: Vec<record::Record> = record::departments(&tree)
        .flat_map(|d| record::department_records(d, &loaded.files[d.file], &fed[d.file]))
        .collect();

    // The browser splits every indexed text exactly as the index did.
    let texts: Vec<&str> = records
        .iter()
        .flat_map(|r| r.segments.iter().flat_map(|s| s.searched()))
        .chain(["ＡＢＣ１２３", "≥0.65万元。", "v1.", "𠀀𠀁字"])
        .collect();
    let rust: Vec<Vec<String>> = texts.iter().map(|t| tokenize::term_list(t)).collect();
    let js = in_search_page(
        &tab,
        &format!(
            "{}.map(t => window.gongkai.terms(t))",
            serde_json::to_string(&texts).unwrap()
        ),
    );
    let js: Vec<Vec<String>> = serde_json::from_value(js).unwrap();
    assert_eq!(js.len(), rust.len());
    for (i, (a, b)) in rust.iter().zip(&js).enumerate() {
        assert_eq!(a, b, "split differently: {:?}", texts[i]);
    }

    // Every 三级指标 name, and a two-character word inside it, finds its project.
    let mut queries: Vec<(String, String)> = Vec::new();
    for r in records
        .iter()
        .filter(|r| r.segments.iter().any(|s| s.category.is_some()))
    {
        let loaded_project = loaded
            .files
            .iter()
            .flat_map(|f| &f.document.projects)
            .find(|p| {
                r.url.ends_with(&format!("/{}/", p.key().unwrap_or("_"))) && p.name == r.title
            })
            .unwrap();
        for row in loaded_project
            .indicators
            .iter()
            .filter(|x| !x.is_empty_row())
        {
            let name = row.name.trim();
            if tokenize::term_list(name)
                .iter()
                .all(|t| t.chars().count() == 1 && tokenize::is_han(t.chars().next().unwrap()))
            {
                continue;
            }
            queries.push((name.to_string(), r.url.clone()));
            let chars: Vec<char> = name.chars().collect();
            if let Some(w) = chars
                .windows(2)
                .find(|w| w.iter().all(|c| tokenize::is_han(*c)))
            {
                queries.push((w.iter().collect(), r.url.clone()));
            }
        }
    }
    assert!(queries.len() > 400, "{}", queries.len());
    let missed = in_search_page(
        &tab,
        &format!(
            "(async (qs) => {{ const missed = []; for (const [q, u] of qs) {{ const r = await window.gongkai.find(q); if (!r.some(x => x.url.split('#')[0] === u)) missed.push([q, u, r.length]); }} return missed; }})({})",
            serde_json::to_string(&queries).unwrap()
        ),
    );
    assert_eq!(
        missed,
        serde_json::json!([]),
        "queries that missed their project"
    );
}

#[test]
fn comparison_page_reads_on_a_phone() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    open(&tab, &format!("{url}/"));
    click(&tab, "a[href='/compare/']");
    assert_fits(&tab);
    click(&tab, "a[href='/compare/2024/food-sampling/']");
    assert_fits(&tab);
    // The chart fits the screen, draws one bar per county, and its labels are legible.
    let chart = eval(
        &tab,
        "(function(){var s=document.querySelector('svg.chart');var r=s.getBoundingClientRect();\
         var t=s.querySelector('text.label').getBoundingClientRect();\
         return JSON.stringify([r.width, s.querySelectorAll('rect.bar').length, t.height, getComputedStyle(s.querySelector('rect.bar')).fill]);})()",
    );
    let chart: serde_json::Value = serde_json::from_str(chart.as_str().unwrap()).unwrap();
    let c = chart.as_array().unwrap();
    assert!(
        c[0].as_f64().unwrap() <= 360.0 && c[0].as_f64().unwrap() > 250.0,
        "{chart}"
    );
    assert_eq!(c[1], 3, "{chart}");
    assert!(
        c[2].as_f64().unwrap() >= 13.0,
        "chart labels too small: {chart}"
    );
    assert_eq!(c[3], "rgb(11, 79, 156)", "the page's accent colour");
    // No column is squeezed to a character's width: the table scrolls in its box instead.
    let narrowest = eval(
        &tab,
        "Math.min.apply(null, Array.from(document.querySelectorAll('table.compare td')).map(function(td){return td.getBoundingClientRect().width;}))",
    );
    assert!(narrowest.as_f64().unwrap() >= 120.0, "{narrowest}");
    let text = eval(&tab, "document.querySelector('table.compare').innerText");
    let text = text.as_str().unwrap();
    for needle in [
        "巨鹿县",
        "≥650批次",
        "461.5元/批次 = 30万元 ÷ 650批次",
        "所除预算：成本指标“全年食品抽检经费金额”",
        "食品安全工作经费",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    // A county without the metric is listed as such.
    open(&tab, &format!("{url}/compare/2024/fuel-sampling/"));
    let missing = eval(&tab, "document.querySelector('tr.missing').innerText");
    assert!(
        missing.as_str().unwrap().contains("未设置此指标"),
        "{missing}"
    );
    assert_fits(&tab);
    // Following a value leads to its row on the project page.
    click(&tab, "table.compare td a");
    assert!(tab.get_url().contains("#r"), "{}", tab.get_url());
    assert_fits(&tab);
}

/// axe-core, the accessibility rules engine, fetched from npm once into target/axe (pinned).
fn axe_source() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe");
    let js = dir.join("node_modules/axe-core/axe.min.js");
    if !js.exists() {
        let ok = std::process::Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&dir)
            .arg("axe-core@4.14.1")
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "the accessibility audit needs npm to fetch axe-core (.ci/run installs npm)"
        );
    }
    std::fs::read_to_string(js).unwrap()
}

/// Runs axe-core on the open page: the WCAG 2.1 A and AA rules (GB/T 37668-2019 level 2 asks
/// the same) plus heading order and landmarks; returns each violation with a sample element.
fn audit(tab: &Tab, axe: &str) -> Vec<String> {
    tab.evaluate(axe, false).unwrap();
    let run = r#"(async function(){
        var tags = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        var extra = await axe.run(document, {runOnly: {type: 'rule',
            values: ['heading-order', 'page-has-heading-one', 'landmark-one-main', 'region',
                     'landmark-unique', 'empty-heading']}});
        return JSON.stringify(tags.violations.concat(extra.violations).map(function(v){
            return v.id + ' (' + v.impact + ', ' + v.nodes.length + '×): ' + v.help + ' — '
                + v.nodes[0].target.join(' ') + ' ' + v.nodes[0].failureSummary; }));
    })()"#;
    let out = tab.evaluate(run, true).unwrap().value.unwrap();
    serde_json::from_str(out.as_str().unwrap()).unwrap()
}

#[test]
fn every_kind_of_page_passes_the_wcag_aa_audit() {
    let axe = axe_source();
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    let pages = [
        "/",
        "/2024/",
        "/2024/130225/",
        "/2024/130225/414/",
        "/2024/130225/414/13022524P00260210037A/",
        "/2021/gaoxin/scjgj/",
        "/compare/",
        "/compare/2024/",
        "/compare/2024/food-sampling/",
        "/search/?q=%E9%A3%9F%E5%93%81%E6%8A%BD%E6%A3%80",
        "/about/",
        "/guide/",
        "/rules/",
        "/selfeval/",
        "/selfeval/2021/431102/lyj/",
        "/selfeval/2022/530923/mlzx/",
        "/404.html",
    ];
    let mut failures = Vec::new();
    for page in pages {
        open(&tab, &format!("{url}{page}"));
        if page.starts_with("/search/") {
            tab.wait_for_element("#results li").unwrap();
        }
        for v in audit(&tab, &axe) {
            failures.push(format!("{page}: {v}"));
        }
        // Focus visible: the first Tab from the keyboard lands on a link drawn with an outline.
        tab.press_key("Tab").unwrap();
        let outline = eval(
            &tab,
            "(function(){var s=getComputedStyle(document.activeElement);\
             return document.activeElement.tagName+' '+s.outlineStyle+' '+s.outlineWidth;})()",
        );
        let outline = outline.as_str().unwrap_or_default().to_string();
        if !outline.starts_with('A') || outline.contains("none") || outline.ends_with(" 0px") {
            failures.push(format!("{page}: focus not visible ({outline})"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The audit does catch what it is for: grey-on-white text and an image without alt text.
    eval(
        &tab,
        "document.querySelector('main').insertAdjacentHTML('beforeend',\
         '<p style=\"color:#bbb;background:#fff\">浅灰色文字</p><img src=\"x.png\">')",
    );
    let caught = audit(&tab, &axe).join("\n");
    assert!(
        caught.contains("color-contrast") && caught.contains("image-alt"),
        "{caught}"
    );
}

#[test]
fn a_flag_leads_to_its_rule_and_the_review_report_reads_on_a_phone() {
    let axe = axe_source();
    let (site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    // 乐亭县《食品药品举报奖》: 举报线索处置率(%) 100% under 数量指标.
    open(
        &tab,
        &format!("{url}/2024/130225/414/13022524P000024100017/"),
    );
    let flag = eval(&tab, "document.querySelector('#r1 .flag a').textContent");
    assert_eq!(flag.as_str(), Some("数量指标的目标写成100%"));
    click(&tab, "#r1 .flag a");
    assert!(
        tab.get_url().ends_with("/rules/#full-quantity"),
        "{}",
        tab.get_url()
    );
    assert_fits(&tab);
    let shown = eval(
        &tab,
        "(function(){var r=document.getElementById('full-quantity').getBoundingClientRect();\
         return r.top >= -1 && r.top < window.innerHeight;})()",
    );
    assert_eq!(
        shown,
        serde_json::Value::Bool(true),
        "the rule is not scrolled into view"
    );
    let text = eval(&tab, "document.getElementById('full-quantity').textContent");
    assert!(
        text.as_str().unwrap().contains("举报线索处置率(%)"),
        "{text}"
    );

    // The bureau's report: summary, a department and the rules, at phone width too.
    let out = site.path().join("review-report");
    gongkai::review::report::write(site.path(), &out).unwrap();
    let report = serve(out);
    let mut failures = Vec::new();
    for page in ["/index.html", "/2024/130529/414.html", "/rules.html"] {
        open(&tab, &format!("{report}{page}"));
        assert_fits(&tab);
        for v in audit(&tab, &axe) {
            failures.push(format!("{page}: {v}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Each verdict of the open self-evaluation page as a reader sees it: (text, left, right, font
/// size in px, drawn).
fn verdicts(tab: &Tab) -> Vec<(String, f64, f64, f64, bool)> {
    let js = "JSON.stringify(Array.from(document.querySelectorAll('.outcomes td.judge .verdict')).map(function(e){\
        var r=e.getBoundingClientRect();return [e.textContent.trim(),r.left,r.right,\
        parseFloat(getComputedStyle(e).fontSize),r.width>0&&r.height>0];}))";
    serde_json::from_str(eval(tab, js).as_str().unwrap()).unwrap()
}

#[test]
fn self_evaluation_verdicts_read_on_a_phone() {
    let axe = axe_source();
    let dir = common::site_copy();
    let fixture = dir.path().join("content/selfeval/2024/130225/414.yaml");
    std::fs::create_dir_all(fixture.parent().unwrap()).unwrap();
    std::fs::write(&fixture, include_str!("fixtures/selfeval-130225-414.yaml")).unwrap();
    gongkai::pipeline::build(dir.path(), &Default::default()).unwrap();
    let url = serve(dir.path().join("public"));
    let browser = browser();
    let tab = phone(&browser);
    // From the project page to its self-evaluation.
    open(
        &tab,
        &format!("{url}/2024/130225/414/13022524P00260210037A/"),
    );
    assert_fits(&tab);
    click(&tab, "a[href='/selfeval/2024/130225/414/#p1']");
    assert!(tab.get_url().ends_with("/selfeval/2024/130225/414/#p1"));
    assert_fits(&tab);
    let seen = verdicts(&tab);
    let texts: Vec<&str> = seen.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(
        texts,
        ["✓ 达成", "✗ 未达成", "? 无法判断", "✓ 达成", "✓ 达成"],
        "{seen:?}"
    );
    for (text, left, right, size, drawn) in &seen {
        assert!(
            *drawn && *left >= 0.0 && *right <= 360.0,
            "{text}: {seen:?}"
        );
        assert!(*size >= 14.0, "{text} is {size}px");
    }
    // Each verdict says why, in a line of its own under it.
    let why = eval(
        &tab,
        "document.querySelector('#p1-r2 .why').textContent + '|' + \
         (document.querySelector('#p1-r2 .why').getBoundingClientRect().height > 0)",
    );
    assert_eq!(why, "实际完成值“90%”低于年度指标值“≥95%”|true");
    // The published target beside the differing one, and the execution rate's flag.
    let differs = eval(
        &tab,
        "document.querySelector('#p1-r4 td.target .flag a').textContent",
    );
    assert_eq!(differs, "10.36万元");
    let rate = eval(&tab, "document.querySelector('.funds .flag').textContent");
    assert!(rate.as_str().unwrap().contains("= 86.9%"), "{rate}");
    let violations = audit(&tab, &axe);
    assert!(violations.is_empty(), "{violations:#?}");
    // A real self-evaluation whose targets are not on the site reads the same way.
    open(&tab, &format!("{url}/selfeval/2021/431102/lyj/"));
    assert_fits(&tab);
    let seen = verdicts(&tab);
    assert_eq!(seen.len(), 10, "{seen:?}");
    assert!(seen.iter().all(|v| v.4 && v.2 <= 360.0), "{seen:?}");
    assert_eq!(seen.iter().filter(|v| v.0 == "✗ 未达成").count(), 2);
}

/// `gongkai serve` running on a copy of the bundled site; stopped when dropped.
struct Served {
    child: std::process::Child,
    url: String,
    site: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "waited too long for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn gongkai_serve() -> Served {
    let site = common::site_copy();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "serve",
            site.path().to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let served = Served { child, url, site };
    wait_for("the first build", || {
        get(&served.url, "/__gongkai/status").is_some_and(|s| s.contains("\"version\":1"))
    });
    served
}

/// A clerk's broken edit shows in the open page, in Chinese, on a phone; fixing it removes
/// the panel.
#[test]
fn serve_shows_a_broken_edit_in_chinese_on_a_phone() {
    let served = gongkai_serve();
    let browser = browser();
    let tab = phone(&browser);
    open(&tab, &format!("{}2024/130225/414/", served.url));
    tab.wait_for_element("footer").unwrap();
    let file = served.site.path().join("content/2024/130225/414.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    let broken = good.replacen("  name: ", "  name: 乐亭县: ", 1).replacen(
        "        level2: ",
        "        二级指标: ",
        1,
    );
    std::fs::write(&file, &broken).unwrap();
    let panel = tab.wait_for_element("pre[role=alert]").unwrap();
    let text = panel.get_inner_text().unwrap();
    assert!(
        text.starts_with("构建失败，仍显示上一次成功的版本："),
        "{text}"
    );
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for expected in [
        "错误[yaml-syntax]: YAML 格式错误".to_string(),
        format!("第 {} 行", line("name: 乐亭县: ")),
        "不认识的字段“二级指标”".to_string(),
        format!("第 {} 行", line("二级指标: ")),
        // The file as the clerk finds it in the site, not where the site lies.
        "--> content/2024/130225/414.yaml:".to_string(),
    ] {
        assert!(text.contains(&expected), "missing {expected}:\n{text}");
    }
    let root = served.site.path().to_str().unwrap();
    assert!(!text.contains(root), "{text}");
    // No English words: none outside the quoted lines of the file and the field paths.
    let english = regex::Regex::new(r"[A-Za-z]{3,}[ ,.]+[A-Za-z]{3,}").unwrap();
    for l in text.lines() {
        let own = l.split_once(" | ").map_or(l, |(head, _)| head);
        let own = own.split_once("= field:").map_or(own, |(head, _)| head);
        assert!(!english.is_match(own), "English in the panel: {l}\n{text}");
    }
    assert_fits(&tab);
    std::fs::write(&file, &good).unwrap();
    wait_for("the panel to go", || {
        eval(&tab, "document.querySelector('pre[role=alert]') === null") == serde_json::json!(true)
    });
}

/// Self-evaluation results answer the year and region filters like target records: 零陵区's
/// 木材销售收入 (its 2021 self-evaluation) is found under 2021 and under 零陵区, not under 2024
/// or another region; the year list offers the self-evaluations' years once each, newest first.
#[test]
fn self_evaluation_results_answer_the_year_and_region_filters() {
    let (_site, url) = built_site();
    let browser = browser();
    let tab = phone(&browser);
    let q = "%E6%9C%A8%E6%9D%90%E9%94%80%E5%94%AE%E6%94%B6%E5%85%A5"; // 木材销售收入
    let hits = |filter: &str| {
        open(&tab, &format!("{url}/search/?q={q}{filter}"));
        let status = search_status(&tab);
        let found = results(&tab);
        (status, found)
    };
    let lingling = "/selfeval/2021/431102/lyj/";
    for filter in [
        "",
        "&year=2021",
        "&region=431102",
        "&year=2021&region=431102",
    ] {
        let (status, found) = hits(filter);
        assert!(
            found.iter().any(|h| h.2.starts_with(lingling)),
            "{filter}: {status} {found:?}"
        );
        assert!(found.iter().all(|h| h.1.starts_with("2021年")), "{found:?}");
    }
    for filter in ["&year=2024", "&region=130225", "&year=2022&region=431102"] {
        let (status, found) = hits(filter);
        assert!(
            !found.iter().any(|h| h.2.starts_with(lingling)),
            "{filter}: {status} {found:?}"
        );
    }
    // 永德县's 2022 self-evaluation under its year, though no target of 2022 is on the site.
    let (status, found) = hits("&year=2022");
    assert!(found.is_empty(), "{status} {found:?}");
    open(
        &tab,
        &format!("{url}/search/?q=%E8%90%A5%E5%85%BB%E6%94%B9%E5%96%84&year=2022"),
    );
    search_status(&tab);
    assert!(
        results(&tab)
            .iter()
            .any(|h| h.2.starts_with("/selfeval/2022/530923/mlzx/")),
        "{:?}",
        results(&tab)
    );
    let years = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('#f-year option')].map(o => o.value))",
    );
    let years: Vec<String> = serde_json::from_str(years.as_str().unwrap()).unwrap();
    assert_eq!(years, ["", "2024", "2023", "2022", "2021"], "{years:?}");
    assert_fits(&tab);
}
