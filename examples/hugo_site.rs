//! Benchmark helper: writes a Hugo site with the same pages as gongkai builds from a content
//! folder (one page per department and per project, the indicator table as Markdown), so the
//! two tools can be timed side by side. Usage: `hugo_site CONTENT OUT`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (content, out) = match (args.next(), args.next()) {
        (Some(c), Some(o)) => (PathBuf::from(c), PathBuf::from(o)),
        _ => {
            eprintln!("usage: hugo_site CONTENT OUT");
            std::process::exit(2);
        }
    };
    let loaded = gongkai::content::load::load_dir(&content, false);
    let layouts = out.join("layouts/_default");
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::write(out.join("hugo.toml"), "baseURL = \"https://www.example.gov.cn/\"\nlanguageCode = \"zh-CN\"\ntitle = \"部门预算绩效目标公开\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n").unwrap();
    std::fs::write(layouts.join("baseof.html"), "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><nav>{{ range .Ancestors.Reverse }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> › {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>").unwrap();
    std::fs::write(
        layouts.join("single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}",
    )
    .unwrap();
    std::fs::write(layouts.join("list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}").unwrap();
    let mut pages = 0;
    for f in &loaded.files {
        let d = &f.document;
        let dir = out.join("content").join(f.rel.trim_end_matches(".yaml"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut md = format!("---\ntitle: \"{}\"\n---\n", d.department.name);
        for g in &d.part1.sub_goals {
            let _ = writeln!(md, "{}\n", g.goal.as_deref().unwrap_or(""));
        }
        std::fs::write(dir.join("_index.md"), md).unwrap();
        pages += 1;
        for p in &d.projects {
            let mut md = format!(
                "---\ntitle: \"{}\"\n---\n\n| 预算数 | {} |\n|---|---|\n| 资金用途 | {} |\n\n",
                cell(&p.name),
                p.amounts.total,
                cell(p.purpose.as_deref().unwrap_or(""))
            );
            md.push_str("| 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 |\n|---|---|---|---|---|---|\n");
            for r in &p.indicators {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&r.level1),
                    cell(&r.level2),
                    cell(&r.name),
                    cell(&r.description),
                    cell(r.value.raw()),
                    cell(r.basis.as_deref().unwrap_or(""))
                );
            }
            let name = p.key().unwrap_or("p").to_string();
            std::fs::write(dir.join(format!("{name}.md")), md).unwrap();
            pages += 1;
        }
    }
    eprintln!("wrote {pages} Hugo content pages to {}", out.display());
}
