//! Synthetic provincial content for benchmarks: N department files over Y years, deterministic
//! for a seed, with text and value forms drawn from the bundled real documents.

use crate::content::load::SourceFile;
use crate::content::model::Document;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Department files per year.
    pub departments: usize,
    /// Budget years, counting back from `last_year`.
    pub years: u16,
    /// The latest budget year.
    pub last_year: u16,
    /// Seed for the generator: the same seed writes the same files.
    pub seed: u64,
}

/// Text pools taken from real documents.
#[derive(Debug, Default)]
pub struct Pools {
    project_names: Vec<String>,
    purposes: Vec<String>,
    goals: Vec<String>,
    rows: Vec<(String, String, String, String, String, String)>,
    paragraphs: Vec<String>,
}

impl Pools {
    /// Collects the pools from loaded documents (the bundled `content/`).
    pub fn from_files(files: &[SourceFile]) -> Pools {
        let mut p = Pools::default();
        for f in files {
            let d: &Document = &f.document;
            for g in &d.part1.sub_goals {
                p.paragraphs.extend(g.goal.clone());
            }
            for s in &d.part1.safeguards {
                p.paragraphs.extend(s.text.clone());
            }
            for pr in &d.projects {
                p.project_names.push(pr.name.clone());
                p.purposes.extend(pr.purpose.clone());
                p.goals.extend(pr.goals.iter().cloned());
                for r in &pr.indicators {
                    if r.name.is_empty() || r.value.raw().is_empty() {
                        continue;
                    }
                    p.rows.push((
                        r.level1.clone(),
                        r.level2.clone(),
                        r.name.clone(),
                        r.description.clone(),
                        r.value.raw().to_string(),
                        r.basis.clone().unwrap_or_default(),
                    ));
                }
            }
        }
        p
    }
}

const PROVINCES: &[(&str, &str)] = &[("13", "河北省")];
const CITIES: &[&str] = &[
    "石家庄市",
    "唐山市",
    "秦皇岛市",
    "邯郸市",
    "邢台市",
    "保定市",
    "张家口市",
    "承德市",
    "沧州市",
    "廊坊市",
    "衡水市",
];
const SYLLABLES: &[&str] = &[
    "曹", "妃", "甸", "乐", "亭", "巨", "鹿", "滦", "南", "丰", "润", "迁", "安", "平", "清", "河",
    "永", "宁", "新", "城", "东", "西", "武", "邑", "阜", "康", "宝", "兴", "隆", "遵", "化",
];
const DEPARTMENTS: &[(&str, &str)] = &[
    ("414", "市场监督管理局"),
    ("301", "民政局"),
    ("305", "教育局"),
    ("310", "卫生健康局"),
    ("312", "交通运输局"),
    ("318", "农业农村局"),
    ("320", "水利局"),
    ("325", "住房和城乡建设局"),
    ("330", "自然资源和规划局"),
    ("335", "生态环境局"),
    ("340", "文化广电和旅游局"),
    ("345", "人力资源和社会保障局"),
    ("350", "应急管理局"),
    ("355", "退役军人事务局"),
    ("360", "医疗保障局"),
];

/// Writes the synthetic site's content under `out` (`out/YEAR/REGION/DEPT.yaml`); returns the
/// number of files written.
/// Refuses an empty pool of indicator rows (a `--from` folder without documents) and a
/// range of years reaching before year 1, which would otherwise panic.
pub fn generate(plan: &Plan, pools: &Pools, out: &Path) -> std::io::Result<usize> {
    let invalid = |msg: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, msg);
    if pools.rows.is_empty() {
        return Err(invalid(
            "素材文件夹（--from）中没有任何含指标值的部门文件，无法生成；请指向站点的 content/ 文件夹"
                .into(),
        ));
    }
    if plan.years == 0 || plan.years > plan.last_year {
        return Err(invalid(format!(
            "--years {} 与 --last-year {} 不相容：年数须在 1 到 {} 之间",
            plan.years, plan.last_year, plan.last_year
        )));
    }
    let per_region = DEPARTMENTS.len();
    let jobs: Vec<(u16, usize)> = (0..plan.years)
        .map(|y| plan.last_year - y)
        .flat_map(|year| (0..plan.departments).map(move |i| (year, i)))
        .collect();
    jobs.par_iter().try_for_each(|&(year, i)| {
        let region = i / per_region;
        let dept = i % per_region;
        let text = department_yaml(plan, pools, year, region, dept);
        let (code, _) = region_of(plan.seed, region);
        let dir = out.join(year.to_string()).join(&code);
        let path = dir.join(format!("{}.yaml", DEPARTMENTS[dept].0));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| std::io::Error::new(e.kind(), format!("无法写入 {}：{e}", path.display())))
    })?;
    Ok(jobs.len())
}

fn region_of(seed: u64, region: usize) -> (String, String) {
    let mut rng =
        fastrand::Rng::with_seed(seed ^ (region as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let city = region % CITIES.len();
    let code = format!(
        "{}{:02}{:02}",
        PROVINCES[0].0,
        city + 1,
        (region / CITIES.len()) % 100
    );
    let mut name = if region == 0 {
        "曹妃甸".to_string()
    } else {
        String::new()
    };
    while name.chars().count() < 2 {
        name.push_str(SYLLABLES[rng.usize(..SYLLABLES.len())]);
    }
    let suffix = if rng.bool() { "县" } else { "区" };
    (code, format!("{name}{suffix}"))
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn department_yaml(plan: &Plan, pools: &Pools, year: u16, region: usize, dept: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(
        plan.seed ^ ((year as u64) << 40) ^ ((region as u64) << 8) ^ dept as u64,
    );
    let (code, county) = region_of(plan.seed, region);
    let city = CITIES[region % CITIES.len()];
    let (dcode, dname) = DEPARTMENTS[dept];
    let name = format!("{county}{dname}");
    let unit = format!("{dcode}001");
    let mut y = String::with_capacity(32 * 1024);
    let _ = write!(
        y,
        "schema: 1\ndocument:\n  year: {year}\n  status: 正式\ndepartment:\n  name: {}\n  region:\n    code: \"{code}\"\n    province: 河北省\n    city: {city}\n    county: {county}\n  units:\n    - code: \"{unit}\"\n      name: {}\npart1:\n  overall:\n    - text: {}\n  sub_goals:\n",
        q(&name),
        q(&format!("{name}本级")),
        q(pick(&mut rng, &pools.paragraphs)),
    );
    for _ in 0..rng.usize(3..8) {
        let _ = writeln!(y, "    - goal: {}", q(pick(&mut rng, &pools.paragraphs)));
    }
    y.push_str("projects:\n");
    for p in 0..rng.usize(5..16) {
        let total = rng.u32(5..50_000);
        let total = format!("{}.{:02}", total / 100, total % 100);
        let _ = write!(
            y,
            "  - unit: \"{unit}\"\n    code: {code}{:02}P{:011}\n    name: {}\n    amounts: {{ total: {total}, fiscal: {total} }}\n    purpose: {}\n    spending_plan:\n      - {{ by: 6月底, percent: 50% }}\n      - {{ by: 12月底, percent: 100% }}\n    goals:\n      - {}\n    indicators:\n",
            year % 100,
            (dept * 1000 + p) as u64 * 7 + region as u64 * 100_000,
            q(pick(&mut rng, &pools.project_names)),
            q(pick(&mut rng, &pools.purposes)),
            q(pick(&mut rng, &pools.goals)),
        );
        let mut rows: Vec<&(String, String, String, String, String, String)> = (0..rng
            .usize(6..41))
            .map(|_| &pools.rows[rng.usize(..pools.rows.len())])
            .collect();
        rows.sort_by_key(|r| level_rank(&r.0));
        for r in rows {
            let _ = write!(
                y,
                "      - level1: {}\n        level2: {}\n        name: {}\n        description: {}\n        value: {}\n        basis: {}\n",
                q(&r.0),
                q(&r.1),
                q(&r.2),
                q(&r.3),
                q(&r.4),
                q(&r.5)
            );
        }
    }
    y
}

fn level_rank(level1: &str) -> u8 {
    match level1 {
        "产出指标" => 0,
        "效益指标" | "效果指标" => 1,
        _ => 2,
    }
}

fn pick<'a>(rng: &mut fastrand::Rng, pool: &'a [String]) -> &'a str {
    if pool.is_empty() {
        ""
    } else {
        &pool[rng.usize(..pool.len())]
    }
}
