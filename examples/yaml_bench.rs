//! The two YAML readers of `load::parse_yaml` side by side on the same department files:
//! libyaml (serde_yaml_ng), tried first, and serde-saphyr, which reads files with nulls and
//! what libyaml refuses; and `load::parse` itself (the null scan, then one of the two).
//! Usage: yaml_bench CONTENT_DIR [ROUNDS]   (bench/yaml.sh runs it on the synthetic site)
//!
//! Each round parses every file with each reader in turn, on one thread, into the typed
//! model, and prints megabytes per second; it first checks that all three give the same
//! document for every file.

use gongkai::content::model::Document;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: yaml_bench CONTENT_DIR [ROUNDS]"));
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let texts: Vec<String> = gongkai::content::load::find_files(&dir)
        .into_iter()
        .map(|(path, _)| std::fs::read_to_string(path).expect("readable UTF-8"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let saphyr = |t: &str| -> Document { serde_saphyr::from_str(t).expect("saphyr reads it") };
    let libyaml = |t: &str| -> Document { serde_yaml_ng::from_str(t).expect("libyaml reads it") };
    let gongkai = |t: &str| -> Document {
        gongkai::content::load::parse(std::path::Path::new("x.yaml"), t).expect("gongkai reads it")
    };
    for t in &texts {
        let a = serde_json::to_string(&saphyr(t)).unwrap();
        assert_eq!(
            a,
            serde_json::to_string(&libyaml(t)).unwrap(),
            "libyaml disagrees"
        );
        assert_eq!(
            a,
            serde_json::to_string(&gongkai(t)).unwrap(),
            "load::parse disagrees"
        );
    }
    println!(
        "{} files, {:.1} MB; the three readers give the same documents",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!("round  reader        MB/s");
    for round in 1..=rounds {
        for (name, read) in [
            ("serde-saphyr", &saphyr as &dyn Fn(&str) -> Document),
            ("libyaml", &libyaml),
            ("load::parse", &gongkai),
        ] {
            let start = Instant::now();
            for t in &texts {
                std::hint::black_box(read(t));
            }
            let secs = start.elapsed().as_secs_f64();
            println!("{round:>5}  {name:<12} {:>6.1}", bytes as f64 / 1e6 / secs);
        }
    }
}
