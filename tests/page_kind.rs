//! A new kind of page is its type (values, `impl PageKind` or `impl DepartmentKind` naming
//! its template and listing its pages at their addresses), its template, and its line in the
//! list of kinds: the loops the build runs over `render::pages::KINDS` and
//! `DEPARTMENT_KINDS` render it with nothing else changed. These tests declare kinds the crate
//! does not have and render them through those loops, on the bundled content.

mod common;

use gongkai::address::Address;
use gongkai::config::Config;
use gongkai::content::findings::DocFindings;
use gongkai::content::tree::{self, YearEntry};
use gongkai::render::kind::{
    self, Department, DepartmentKind, PageKind, Render, RenderDepartment, Site,
};
use gongkai::render::links::LinkIndex;
use gongkai::render::pages::{self, PageMeta, SiteMeta, meta};
use gongkai::render::renderer::{Collected, Renderer};
use gongkai::render::theme::Theme;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The new kind: one page per rendered year counting its departments.
#[derive(Serialize)]
struct YearCount<'a> {
    page: PageMeta,
    year: &'a YearEntry,
}

impl AsRef<PageMeta> for YearCount<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl PageKind for YearCount<'_> {
    const TEMPLATE: &'static str = "year_count.html";
    type Page<'a> = YearCount<'a>;
    fn pages<'a>(site: Site<'a>) -> Box<dyn Iterator<Item = YearCount<'a>> + 'a> {
        let live = (site.tree.years.iter()).filter(move |y| site.live(y.year));
        Box::new(live.map(move |y| {
            let slug = format!("count-{}", y.year);
            let path = Address::Text { slug: &slug }.path();
            let title = format!("{}年部门数", y.year);
            YearCount {
                page: meta(
                    site.meta,
                    site.config,
                    title.clone(),
                    &path,
                    vec![(title, path.clone())],
                    None,
                ),
                year: y,
            }
        }))
    }
}

#[test]
fn a_kind_declared_outside_the_crate_renders_through_the_builds_loop() {
    let dir = common::site_copy();
    let root = dir.path();
    let templates = root.join("themes/default/templates");
    std::fs::write(
        templates.join("year_count.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><p id=\"n\">{{ year.totals.departments }} 个部门</p>{% endblock content %}",
    )
    .unwrap();
    let config = Config::load(root).unwrap();
    let theme = Theme::load(root, &config.theme).unwrap();
    let content = root.join("content");
    let loaded = gongkai::content::load::load_dir(&content, false);
    let tree = tree::tree(&loaded.files, &[]);
    let md_pages = pages::load_markdown(&content).unwrap();
    let (selfevals, problems) = gongkai::content::load::selfeval::load_dir(&content);
    assert!(problems.is_empty() && !selfevals.is_empty(), "{problems:?}");
    let site_meta = SiteMeta::new(&config, &md_pages, &tree, BTreeMap::new());
    let sink = Collected::default();
    let renderer = Renderer {
        theme: &theme,
        site: &site_meta,
        staging: &sink,
        live_reload: false,
        memo: None,
    };
    // 2021 is published from an archive in this run: its pages of every kind are left out.
    let frozen = BTreeSet::from([2021]);
    let site = Site {
        meta: &site_meta,
        config: &config,
        tree: &tree,
        md_pages: &md_pages,
        frozen: &frozen,
        files: &loaded.files,
        selfevals: &selfevals,
        content_dir: &content,
    };
    let mut kinds: Vec<Render> = pages::KINDS.to_vec();
    kinds.push(kind::render::<YearCount>);
    let mut links = LinkIndex::default();
    kind::render_all(&kinds, &renderer, site, &mut links).unwrap();
    let files: BTreeMap<String, Vec<u8>> = sink.into_files().into_iter().collect();

    let page = String::from_utf8(files["count-2024/index.html"].clone()).unwrap();
    let departments = tree
        .years
        .iter()
        .find(|y| y.year == 2024)
        .unwrap()
        .totals
        .departments;
    assert_eq!(departments, 3);
    assert!(page.contains("<p id=n>3 个部门</p>"), "{page}");
    // Laid out by the theme's base like every page: breadcrumbs from the home page.
    assert!(page.contains("首页"), "{page}");
    assert!(!files.contains_key("count-2021/index.html"));
    // The kinds already listed rendered in the same loop, frozen years left out alike.
    for rel in [
        "index.html",
        "2024/index.html",
        "2024/130529/index.html",
        "about/index.html",
        "rules/index.html",
        "search/index.html",
        "404.html",
        "selfeval/index.html",
    ] {
        assert!(files.contains_key(rel), "{rel} missing: {:?}", files.keys());
    }
    assert!(!files.contains_key("2021/index.html"));
    for se in &selfevals {
        let page = gongkai::render::selfeval::page_path(se);
        assert!(files.contains_key(&format!("{page}index.html")), "{page}");
    }
    // The new page's links are noted for the link check with every other page's.
    let written: std::collections::HashSet<&str> = files.keys().map(String::as_str).collect();
    let broken = links.check(|p| written.contains(p));
    assert!(
        !broken.iter().any(|b| b.starts_with("/count-2024/")),
        "{broken:?}"
    );
}

/// A department kind the crate does not have: one page per department listing its projects.
#[derive(Serialize)]
struct ProjectList<'a> {
    page: PageMeta,
    names: Vec<&'a str>,
}

impl AsRef<PageMeta> for ProjectList<'_> {
    fn as_ref(&self) -> &PageMeta {
        &self.page
    }
}

impl DepartmentKind for ProjectList<'_> {
    const TEMPLATE: &'static str = "project_list.html";
    type Page<'a> = ProjectList<'a>;
    fn pages<'a>(d: Department<'a>) -> Box<dyn Iterator<Item = ProjectList<'a>> + 'a> {
        let path = Address::Project {
            department: &d.entry.path,
            key: "list",
        }
        .path();
        let title = format!("{}项目一览", d.entry.name);
        Box::new(std::iter::once(ProjectList {
            page: meta(d.site, d.config, title, &path, vec![], None),
            names: (d.file.document.projects.iter())
                .map(|p| p.name.as_str())
                .collect(),
        }))
    }
}

#[test]
fn a_department_kind_declared_outside_the_crate_renders_with_each_department() {
    let dir = common::site_copy();
    let root = dir.path();
    std::fs::write(
        root.join("themes/default/templates/project_list.html"),
        "{% extends \"base.html\" %}{% block content %}<ol>{% for n in names %}<li>{{ n }}</li>{% endfor %}</ol>{% endblock content %}",
    )
    .unwrap();
    let config = Config::load(root).unwrap();
    let theme = Theme::load(root, &config.theme).unwrap();
    let content = root.join("content");
    let loaded = gongkai::content::load::load_dir(&content, false);
    let findings: Vec<DocFindings> = (loaded.files.iter())
        .map(|f| {
            DocFindings::new(gongkai::content::validate::check_document(
                &f.document,
                &f.rel,
            ))
        })
        .collect();
    let tree = tree::tree(&loaded.files, &findings);
    let site_meta = SiteMeta::new(&config, &[], &tree, BTreeMap::new());
    let sink = Collected::default();
    let renderer = Renderer {
        theme: &theme,
        site: &site_meta,
        staging: &sink,
        live_reload: false,
        memo: None,
    };
    let mut kinds: Vec<RenderDepartment> = pages::DEPARTMENT_KINDS.to_vec();
    kinds.push(kind::department::<ProjectList>);
    let mut links = LinkIndex::default();
    let d = (tree.years.iter())
        .flat_map(|y| &y.regions)
        .flat_map(|r| &r.departments)
        .find(|d| d.path == "2024/130529/414/")
        .unwrap();
    let dept = Department {
        site: &site_meta,
        config: &config,
        entry: d,
        file: &loaded.files[d.file],
        flags: &findings[d.file],
        links: pages::DocLinks {
            fed: &[],
            source_copied: false,
        },
    };
    kind::render_department(&kinds, &renderer, dept, &mut links).unwrap();
    let files: BTreeMap<String, Vec<u8>> = sink.into_files().into_iter().collect();
    let list = String::from_utf8(files["2024/130529/414/list/index.html"].clone()).unwrap();
    let projects = &loaded.files[d.file].document.projects;
    assert_eq!(projects.len(), 10);
    for p in projects {
        assert!(
            list.contains(&format!("<li>{}", p.name)),
            "{} missing",
            p.name
        );
    }
    // The department's own page and every project page came from the same loop.
    assert!(files.contains_key("2024/130529/414/index.html"));
    let project_pages = (files.keys())
        .filter(|k| k.starts_with("2024/130529/414/") && k.ends_with("/index.html"))
        .count();
    assert_eq!(project_pages, 1 + projects.len() + 1);
}
