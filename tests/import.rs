//! `gongkai import` against the hand-checked content: each seed imported and compared field by
//! field, the drafts checked, .docx and .xlsx fixtures made from the content and read back,
//! and files of no known shape refused.

use gongkai::diagnostic::Severity;
use gongkai::import::{self, ImportError};
use gongkai::model::{Document, Region};
use std::path::{Path, PathBuf};

/// Every field of a document that stands in the source, by path. Left out: what the person
/// typing it in adds (notes, ids, the source's file name, region names the text never gives).
fn fields(doc: &Document) -> Vec<(String, String)> {
    let mut f = Vec::new();
    let mut put = |k: String, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            f.push((k, v.to_string()));
        }
    };
    let d = &doc.document;
    put("year".into(), Some(&d.year.to_string()));
    put("status".into(), Some(d.status.label()));
    put("title".into(), d.title.as_deref());
    put("compiled_by".into(), d.compiled_by.as_deref());
    put("reviewed_by".into(), d.reviewed_by.as_deref());
    put("department".into(), Some(&doc.department.name));
    if let Region::Known(k) = &doc.department.region {
        put("region.code".into(), Some(&k.code));
    }
    for (i, u) in doc.department.units.iter().enumerate() {
        put(format!("units[{i}].code"), u.code.as_deref());
        put(format!("units[{i}].name"), Some(&u.name));
    }
    let p1 = &doc.part1;
    for (i, o) in p1.overall.iter().enumerate() {
        put(format!("overall[{i}].title"), o.title.as_deref());
        put(format!("overall[{i}].text"), o.text.as_deref());
        for (j, it) in o.items.iter().enumerate() {
            put(format!("overall[{i}].items[{j}]"), Some(it));
        }
    }
    for (i, s) in p1.sub_goals.iter().enumerate() {
        put(format!("sub_goals[{i}].title"), s.title.as_deref());
        put(format!("sub_goals[{i}].goal"), s.goal.as_deref());
        put(
            format!("sub_goals[{i}].indicators"),
            s.indicators.as_deref(),
        );
    }
    for (i, s) in p1.safeguards.iter().enumerate() {
        put(format!("safeguards[{i}].title"), s.title.as_deref());
        put(format!("safeguards[{i}].text"), s.text.as_deref());
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let k = |s: &str| format!("projects[{i}].{s}");
        put(k("unit"), p.unit.as_deref());
        put(k("code"), p.code.as_deref());
        put(k("name"), Some(&p.name));
        // Amounts compare as numbers: an export's 70 is the form's 70.00.
        put(k("total"), Some(&p.amounts.total.0.normalize().to_string()));
        let n = |w: &Option<gongkai::model::Wan>| w.map(|w| w.0.normalize().to_string());
        put(k("fiscal"), n(&p.amounts.fiscal).as_deref());
        put(k("other"), n(&p.amounts.other).as_deref());
        put(k("purpose"), p.purpose.as_deref());
        for (j, m) in p.spending_plan.iter().enumerate() {
            put(k(&format!("plan[{j}].by")), Some(&m.by));
            put(k(&format!("plan[{j}].percent")), Some(&m.percent));
        }
        for (j, g) in p.goals.iter().enumerate() {
            put(k(&format!("goals[{j}]")), Some(g));
        }
        for (j, r) in p.indicators.iter().enumerate() {
            let k = |s: &str| format!("projects[{i}].indicators[{j}].{s}");
            put(k("level1"), Some(&r.level1));
            put(k("level2"), Some(&r.level2));
            put(k("name"), Some(&r.name));
            put(k("description"), Some(&r.description));
            put(k("value"), Some(r.value.raw()));
            put(k("basis"), r.basis.as_deref());
        }
    }
    f
}

/// The hand-checked document, the imported one, and how their fields compare.
struct Comparison {
    total: usize,
    matched: usize,
    wrong: Vec<String>,
}

impl Comparison {
    fn of(hand: &Document, imported: &Document) -> Comparison {
        let got: std::collections::HashMap<String, String> = fields(imported).into_iter().collect();
        let want = fields(hand);
        let wrong: Vec<String> = want
            .iter()
            .filter(|(k, v)| got.get(k) != Some(v))
            .map(|(k, v)| format!("{k}: want {v:?}, got {:?}", got.get(k)))
            .collect();
        Comparison {
            total: want.len(),
            matched: want.len() - wrong.len(),
            wrong,
        }
    }

    fn share(&self) -> f64 {
        self.matched as f64 / self.total as f64
    }
}

fn load(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap();
    gongkai::load::parse(path, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Imports a file and loads the draft with the site's own reader.
fn imported(path: &Path) -> (Document, import::draft::Draft) {
    let draft = import::read(path).unwrap_or_else(|e| panic!("{e}"));
    let yaml = draft.to_yaml().unwrap();
    let doc = gongkai::load::parse(Path::new("draft.yaml"), &yaml)
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    (doc, draft)
}

/// Numbers (and project codes, piece by piece) in the draft that do not stand in the source.
fn invented(doc: &Document, source: &str) -> Vec<String> {
    let squeezed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    let number = regex::Regex::new(r"\d+(?:\.\d+)?").unwrap();
    let mut out = Vec::new();
    for (k, v) in fields(doc) {
        if k.ends_with(".code") && k.starts_with("projects") {
            // A PDF splits a code over cells: each piece must stand in the source.
            let pieces = [&v[..10.min(v.len())], &v[10.min(v.len())..v.len().min(19)]];
            for p in pieces.iter().filter(|p| !p.is_empty()) {
                if !squeezed.contains(*p) {
                    out.push(format!("{k}: {v} (piece {p})"));
                }
            }
            continue;
        }
        if k.ends_with("total") || k.ends_with("fiscal") || k.ends_with("other") {
            if !number
                .find_iter(&squeezed)
                .any(|m| m.as_str().parse::<f64>().ok() == v.parse::<f64>().ok())
            {
                out.push(format!("{k}: {v}"));
            }
            continue;
        }
        for m in number.find_iter(&v) {
            if !squeezed.contains(m.as_str()) {
                out.push(format!("{k}: {v} ({})", m.as_str()));
            }
        }
    }
    out
}

const SEEDS: [(&str, &str, f64); 4] = [
    ("001_913eff4ac858cbfe.txt", "2021/gaoxin/scjgj.yaml", 0.99),
    ("002_8db8c00c18a00b61.txt", "2024/130529/414.yaml", 0.85),
    ("003_665f1d82f3b4329e.txt", "2024/120103/355.yaml", 0.99),
    ("004_dc71da0f619798d6.txt", "2024/130225/414.yaml", 0.99),
];

#[test]
fn seeds_import_field_by_field() {
    let mut failures = Vec::new();
    for (seed, rel, floor) in SEEDS {
        let path = Path::new("tests/seeds").join(seed);
        let (doc, draft) = imported(&path);
        let hand = load(&Path::new("content").join(rel));
        let c = Comparison::of(&hand, &doc);
        println!(
            "{seed}: {}/{} fields match ({:.1}%), {} notes",
            c.matched,
            c.total,
            100.0 * c.share(),
            draft.notes.len()
        );
        for w in c.wrong.iter().take(200) {
            println!("    {w}");
        }
        if c.share() < floor {
            failures.push(format!(
                "{seed}: {:.1}% < {:.0}%",
                100.0 * c.share(),
                100.0 * floor
            ));
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let made_up = invented(&doc, &source);
        if !made_up.is_empty() {
            failures.push(format!("{seed} invented: {made_up:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn seeds() -> Vec<PathBuf> {
    SEEDS
        .iter()
        .map(|s| Path::new("tests/seeds").join(s.0))
        .collect()
}
