//! Property tests (issue 17): the YAML loader and the Markdown renderer take any text a
//! publisher can type — mutations of real department files, deep nestings, random bytes — and
//! answer with a document or a diagnostic, never a panic or a stack overflow. Each property
//! runs a bounded number of cases, so the suite stays within seconds.

use gongkai::load;
use gongkai::render::markdown;
use proptest::prelude::*;
use std::path::Path;

/// The bundled department files, read once.
fn seeds() -> &'static [String] {
    static SEEDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        load::find_files(Path::new("content"))
            .into_iter()
            .map(|(path, _)| std::fs::read_to_string(path).unwrap())
            .collect()
    })
}

/// Text that nests: `open` repeated, some text, `close` repeated.
fn nested(open: &'static str, close: &'static str) -> impl Strategy<Value = String> {
    (1usize..3_000, "[a-z一-龥 ]{0,8}")
        .prop_map(move |(n, mid)| format!("{}{mid}{}", open.repeat(n), close.repeat(n)))
}

/// One edit of a text: bytes inserted, removed or replaced at a place chosen by `at`.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Remove(f64, usize),
    Replace(f64, usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        "[-:{}\\[\\]>|&*!%@`'\"#,? \n\t0-9a-z~]{0,12}",
        "\\PC{0,6}",
        Just("\n  - ".to_string()),
        Just(": ~\n".to_string()),
        Just("99999999999999999999999999999".to_string()),
        Just("&a [*a, *a, *a]".to_string()),
    ];
    prop_oneof![
        (0.0..1.0, piece.clone()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (0.0..1.0, 0usize..64).prop_map(|(at, n)| Edit::Remove(at, n)),
        (0.0..1.0, 0usize..16, piece).prop_map(|(at, n, s)| Edit::Replace(at, n, s)),
    ]
}

/// The char boundary nearest below `at` (a fraction of the text's length).
fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match e {
            Edit::Insert(at, s) => t.insert_str(boundary(&t, *at), s),
            Edit::Remove(at, n) | Edit::Replace(at, n, _) => {
                let start = boundary(&t, *at);
                let mut end = (start + n).min(t.len());
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                let with = match e {
                    Edit::Replace(_, _, s) => s.as_str(),
                    _ => "",
                };
                t.replace_range(start..end, with);
            }
        }
    }
    t
}

/// Loads `text` as a department file and, when it loads, runs every check and renders its
/// Part 1 text: a diagnostic is fine, a panic is not.
fn load_and_check(text: &str) {
    let path = Path::new("2024/130529/414.yaml");
    if let Ok(doc) = load::parse(path, text) {
        let settings = gongkai::review::Settings::default();
        let _ = gongkai::review::check::check_document(&doc, "2024/130529/414.yaml", &settings);
        for g in &doc.part1.overall {
            let _ = markdown::to_html(g.text.as_deref().unwrap_or(""));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 40,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_yaml_loader_survives_edits_of_real_files(
        seed in 0usize..4,
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        load_and_check(&apply(&seeds[seed % seeds.len()], &edits));
    }

    #[test]
    fn the_yaml_loader_survives_deep_nesting(
        text in prop_oneof![
            nested("[", "]"),
            nested("{a: ", "}"),
            nested("- ", ""),
            nested("a:\n ", ""),
            nested("'", "'"),
        ],
    ) {
        load_and_check(&text);
        load_and_check(&format!("schema: 1\ndocument: {text}\n"));
        let deep_field = format!(
            "{}\npart1:\n  overall:\n    - text: \"{}\"\n",
            seeds().first().map_or("", |s| s.as_str()),
            text.replace(['"', '\\'], "")
        );
        load_and_check(&deep_field);
    }

    #[test]
    fn the_yaml_loader_survives_any_text(text in "\\PC{0,400}") {
        load_and_check(&text);
    }

    #[test]
    fn the_markdown_renderer_survives_any_text(
        text in prop_oneof![
            "[-*_>#`\\[\\]()!<>&|+=~ \n\t0-9a-z一]{0,2000}",
            nested("> ", ""),
            nested(">", ""),
            nested("- ", ""),
            nested("* ", ""),
            nested("1. ", ""),
            nested("*", "*"),
            nested("_", "_"),
            nested("**", "**"),
            nested("~~", "~~"),
            nested("[", "](x)"),
            nested("![", "](x)"),
            nested("<a>", "</a>"),
            nested("`", "`"),
            nested("|", "|\n"),
        ],
    ) {
        let html = markdown::to_html(&text);
        prop_assert!(!html.contains("<script"), "{}", html);
        let _ = gongkai::content::nesting::too_deep(&text);
    }
}

/// Pieces a target value is made of in real forms: numbers, signs, units, units of time, the
/// words of periods, deadlines, rates per something and graded tiers.
fn value_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1",
        "95",
        "0.5",
        "2021",
        "12",
        "%",
        "≥",
        "≤",
        "不低于",
        "预计",
        "-",
        "/",
        "每",
        "年",
        "月",
        "季度",
        "个工作日",
        "内",
        "之内",
        "及",
        "以上",
        "（含）",
        "万",
        "元",
        "次",
        "人",
        "底",
        "前",
        "到位",
        "全额",
        "拨付",
        "日",
        "良好",
        "较",
        "好",
        "稳步",
        "提高",
        "明显",
        "百分比",
        "：",
        "（",
        ")",
        "·",
        "é",
        "",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The value reader never panics, and what it reads keeps the text as written.
    #[test]
    fn the_value_reader_survives_any_value(pieces in prop::collection::vec(value_piece(), 0..10)) {
        let raw = pieces.concat();
        let target = gongkai::model::value::Target::new(raw.as_str());
        prop_assert_eq!(target.raw(), raw.as_str());
        let _ = target.parsed().kind_name();
    }
}
