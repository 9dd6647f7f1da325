//! Incremental builds: after each kind of change, a build that uses the build cache writes
//! exactly the bytes a clean build writes, and skips what did not change.

mod common;
#[path = "common/synthetic.rs"]
mod synthetic;

use gongkai::pipeline::{BuildOptions, BuildReport, build};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

use gongkai::pipeline::cache::{Cache, FILE as CACHE};

/// The build cache of the site at `root`, as its last build wrote it.
fn read_cache(root: &Path) -> Cache {
    Cache::read(&root.join(CACHE)).expect("the build wrote a cache that reads back")
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn build_into(root: &Path, out: &Path, clean: bool) -> BuildReport {
    let opts = BuildOptions {
        output: Some(out.to_path_buf()),
        clean,
        ..Default::default()
    };
    build(root, &opts).unwrap_or_else(|e| panic!("build failed: {e}"))
}

/// Every file under `dir`, by relative path, with its inode: a file published again from the
/// previous output (a hard link) keeps its inode, a file made anew gets another.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.into_owned(), e.metadata().unwrap().ino())
        })
        .collect()
}

/// A site built once (so the cache and the output exist), changed by `change`, built again
/// with the cache; then built clean into another folder. The two outputs must be equal byte
/// for byte. Returns the incremental build's report.
fn after(change: impl FnOnce(&Path)) -> BuildReport {
    after_with_inodes(change).0
}

/// What [`after_with_inodes`] gives: the incremental build's report, the inode of every
/// output file before the change and after the incremental build, and the output's bytes.
type Rebuilt = (
    BuildReport,
    BTreeMap<String, u64>,
    BTreeMap<String, u64>,
    BTreeMap<String, Vec<u8>>,
);

/// [`after`], also giving the inodes before and after and the incremental output.
fn after_with_inodes(change: impl FnOnce(&Path)) -> Rebuilt {
    let site = common::site_copy();
    after_in(site.path(), change)
}

/// [`after_with_inodes`] on the site at `root`.
fn after_in(root: &Path, change: impl FnOnce(&Path)) -> Rebuilt {
    let out = root.join("public");
    let first = build_into(root, &out, false);
    assert_eq!(first.reused, 0, "the first build has no cache to use");
    assert!(root.join(CACHE).is_file(), "the build wrote its cache");
    let before = inodes(&out);
    change(root);
    let report = build_into(root, &out, false);
    let now = inodes(&out);
    let incremental = files(&out);
    let clean_out: PathBuf = root.join("clean");
    build_into(root, &clean_out, true);
    assert_same_files(&files(&clean_out), &incremental, "one change");
    (report, before, now, incremental)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const JULU: &str = "content/2024/130529/414.yaml";

#[test]
fn nothing_changed_builds_nothing_and_equals_a_clean_build() {
    let r = after(|_| {});
    assert_eq!(r.reused, r.departments);
    assert_eq!(
        r.steps.iter().map(|s| s.name).collect::<Vec<_>>(),
        ["nothing changed"]
    );
    assert!(r.pages > 50, "the report keeps the last build's figures");
}

#[test]
fn a_department_edited() {
    let r = after(|root| edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）"));
    assert_eq!(
        r.reused,
        r.departments - 1,
        "only the edited department is rendered"
    );
    assert_eq!(r.parsed, 1, "only the edited file is parsed from its YAML");
    assert_eq!(
        r.decoded_to_load, 0,
        "the others are loaded from their summaries"
    );
}

/// Every stored document and what was derived from it, for the tests that spoil them.
fn stored_documents(root: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = WalkDir::new(root.join(".gongkai/documents"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    assert!(files.len() >= 4, "the first build stored its documents");
    files
}

#[test]
fn a_spoiled_store_of_parsed_documents_is_read_anew() {
    // Cut short, emptied or overwritten: every stored document is then parsed from its YAML
    // again, and the output is still a clean build's.
    for spoil in [&b"\x85\xa6schema"[..], b"", b"\xff\xfe garbage"] {
        let site = common::site_copy();
        let root = site.path();
        let out = root.join("public");
        build_into(root, &out, false);
        for f in stored_documents(root) {
            std::fs::write(f, spoil).unwrap();
        }
        edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
        let r = build_into(root, &out, false);
        assert_eq!(r.parsed, r.departments);
        build_into(root, &root.join("clean"), true);
        assert_eq!(files(&out), files(&root.join("clean")));
        // The store is mended: the next edit parses only its file.
        edit(&root.join(JULU), "name: 巨鹿县（更名）", "name: 巨鹿县");
        assert_eq!(build_into(root, &out, false).parsed, 1);
    }
}

/// The stored files that are summaries (they read back as one), and the others (documents,
/// findings, metrics).
fn summaries_and_the_rest(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    use gongkai::content::load::summary::Summary;
    stored_documents(root).into_iter().partition(|f| {
        let bytes = std::fs::read(f).unwrap();
        rmp_serde::from_slice::<Summary>(&bytes).is_ok()
    })
}

#[test]
fn a_spoiled_or_missing_summary_is_a_miss() {
    // A summary spoiled or deleted: its document is read whole instead and the summary
    // stored again; the output is a clean build's.
    for spoil in [Some(&b"\x85\xa4year"[..]), Some(b""), None] {
        let site = common::site_copy();
        let root = site.path();
        let out = root.join("public");
        build_into(root, &out, false);
        let (summaries, _) = summaries_and_the_rest(root);
        assert!(summaries.len() >= 4, "a summary beside each document");
        for f in &summaries {
            match spoil {
                Some(b) => std::fs::write(f, b).unwrap(),
                None => std::fs::remove_file(f).unwrap(),
            }
        }
        edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
        let r = build_into(root, &out, false);
        assert_eq!(r.parsed, 1, "the documents themselves were still good");
        assert_eq!(
            r.decoded,
            r.departments - 1,
            "each read whole for want of its summary"
        );
        build_into(root, &root.join("clean"), true);
        assert_eq!(files(&out), files(&root.join("clean")));
        // The summaries are stored again.
        assert_eq!(summaries_and_the_rest(root).0.len(), summaries.len());
    }
}

#[test]
fn a_document_spoiled_behind_a_good_summary_is_parsed_again() {
    // The summaries are good but the documents (and what was derived from them) are not:
    // the documents are taken from their summaries, and whichever the build needs whole is
    // parsed from its YAML again when the stored one does not read back.
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    let (_, rest) = summaries_and_the_rest(root);
    for f in &rest {
        std::fs::write(f, b"\xff").unwrap();
    }
    edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
    build_into(root, &out, false);
    build_into(root, &root.join("clean"), true);
    assert_eq!(files(&out), files(&root.join("clean")));
}

#[test]
fn a_deleted_store_of_parsed_documents_is_filled_again() {
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    std::fs::remove_dir_all(root.join(".gongkai/documents")).unwrap();
    edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
    let r = build_into(root, &out, false);
    assert_eq!(r.parsed, r.departments);
    stored_documents(root);
    edit(&root.join(JULU), "name: 巨鹿县（更名）", "name: 巨鹿县");
    assert_eq!(build_into(root, &out, false).parsed, 1);
    // --clean parses every file, and keeps no document it did not use.
    let before = stored_documents(root).len();
    assert_eq!(build_into(root, &out, true).parsed, r.departments);
    assert_eq!(stored_documents(root).len(), before);
}

#[test]
fn an_edit_renders_only_the_pages_whose_values_it_changed() {
    // A project renamed in 巨鹿县: the pages that show it are made anew; every other page
    // (other departments, comparisons of metrics without its rows, the rules, …) is published
    // again from the previous output as a hard link, neither rendered nor written.
    let (r, before, now, bytes) =
        after_with_inodes(|root| edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）"));
    assert_eq!(r.reused, r.departments - 1);
    let kept = |rel: &str| before.get(rel).is_some_and(|i| now.get(rel) == Some(i));
    assert!(!kept("2024/130529/414/index.html"), "the edited department");
    let html: Vec<&String> = now.keys().filter(|k| k.ends_with(".html")).collect();
    let kept_html: Vec<&&String> = html.iter().filter(|k| kept(k)).collect();
    for rel in &kept_html {
        let text = String::from_utf8_lossy(&bytes[**rel]);
        assert!(
            !text.contains("巨鹿县（更名）"),
            "{rel} kept though it shows the edit"
        );
    }
    // Pages that do not show the department at all were not made again.
    let unrelated: Vec<&&String> = (html.iter())
        .filter(|k| !String::from_utf8_lossy(&bytes[**k]).contains("巨鹿县"))
        .collect();
    assert!(unrelated.len() > 20, "{} pages", unrelated.len());
    // The search page's values hold the whole tree (its year filter is drawn from it), so
    // any edit makes it again, with the same bytes.
    let remade: Vec<&&&String> = (unrelated.iter())
        .filter(|k| !kept(k) && k.as_str() != "search/index.html")
        .collect();
    assert!(remade.is_empty(), "made again: {remade:?}");
    assert!(
        kept_html.iter().any(|k| k.starts_with("compare/")),
        "comparison pages were kept"
    );
    // Search: 巨鹿县's 11 records (its Part 1 and 10 projects) name the department and are
    // made anew; every other record's fragment is kept.
    let fragments: Vec<&String> = now.keys().filter(|k| k.starts_with("search/f/")).collect();
    let kept_fragments = fragments.iter().filter(|k| kept(k)).count();
    assert!(fragments.len() > 20, "{} fragments", fragments.len());
    assert_eq!(kept_fragments, fragments.len() - 11);
}

/// The search index files (`search/t/`, `search/l/`) of an output, joined.
fn index_bytes(out: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    (out.iter())
        .filter(|(k, _)| k.starts_with("search/t/") || k.starts_with("search/l/"))
        .flat_map(|(_, v)| v.iter().copied())
        .collect()
}

#[test]
fn an_edit_that_changes_search_terms_tokenises_only_its_records() {
    // A word no document holds comes into the department's name, which each of its 11
    // records shows: the index gains the term, every other term keeps its postings, and
    // the files are those of a clean build (which `after` compares).
    let word = "zqxw2024";
    let (r, before, now, out) = after_with_inodes(|root| {
        edit(
            &root.join(JULU),
            "name: 巨鹿县",
            &format!("name: 巨鹿县{word}"),
        )
    });
    assert_eq!(
        r.search.remade, 11,
        "巨鹿县's Part 1 and its 10 projects are tokenised, no other record"
    );
    let index = index_bytes(&out);
    assert!(
        index.windows(word.len()).any(|w| w == word.as_bytes()),
        "the new word is a term of the index"
    );
    // The new word is the only term whose postings change: its bucket file is made anew,
    // every other bucket and chunk file is published again as it was (same inode), not read.
    let index_files: Vec<&String> = (now.keys())
        .filter(|k| k.starts_with("search/t/") || k.starts_with("search/l/"))
        .collect();
    let remade: Vec<&&String> = (index_files.iter())
        .filter(|k| before.get(k.as_str()) != now.get(k.as_str()))
        .collect();
    assert!(index_files.len() >= 2, "{} index files", index_files.len());
    assert_eq!(remade.len(), 1, "made anew: {remade:?}");
    assert!(remade[0].starts_with("search/t/"), "{remade:?}");
    assert_eq!(r.search.kept_files, index_files.len() - 1);
}

#[test]
fn an_altered_search_index_file_makes_the_index_anew() {
    // A bucket file edited by hand in the output cannot be read back as the previous index:
    // every record is tokenised again, and the result still equals a clean build.
    let r = after(|root| {
        let bucket = root.join("public/search/t/0.bin");
        let bytes = std::fs::read(&bucket).unwrap();
        std::fs::remove_file(&bucket).unwrap();
        std::fs::write(&bucket, &bytes[..bytes.len() / 2]).unwrap();
        edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
    });
    assert_eq!(r.search.remade, r.search.records);
}

#[test]
fn an_edit_keeps_the_comparisons_of_metrics_without_its_rows() {
    // A metric none of whose rows is 巨鹿县's keeps all its files, its CSVs included (they
    // are not page-memoised: before, every CSV was written anew); a metric with its rows is
    // made again, with a clean build's bytes (which `after` compares).
    let (_, before, now, bytes) =
        after_with_inodes(|root| edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）"));
    let kept = |rel: &str| before.get(rel).is_some_and(|i| now.get(rel) == Some(i));
    let csvs: Vec<&String> = (now.keys())
        .filter(|k| k.starts_with("compare/") && k.ends_with(".csv"))
        .collect();
    let (kept_csvs, remade_csvs): (Vec<&String>, Vec<&String>) = csvs.iter().partition(|k| kept(k));
    assert!(
        !kept_csvs.is_empty(),
        "no comparison CSV was kept: {csvs:?}"
    );
    assert!(
        (remade_csvs.iter())
            .any(|k| String::from_utf8_lossy(&bytes[*k]).contains("巨鹿县（更名）")),
        "a CSV holding the edited department was made anew: {remade_csvs:?}"
    );
}

/// A synthetic year of 48 departments, long enough for a metric's table to go region by
/// region (more than `INLINE_ROWS` rows), in place of the site at `root`'s years: its first
/// department file and that department's name.
fn long_comparison_site(root: &Path) -> (PathBuf, String) {
    synthetic::one_synthetic_year(root, 48, 11);
    let file = WalkDir::new(root.join("content/2024"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .unwrap()
        .into_path();
    let text = std::fs::read_to_string(&file).unwrap();
    let name = (text.lines())
        .find_map(|l| l.strip_prefix("  name: "))
        .unwrap()
        .to_string();
    (file, name)
}

#[test]
fn bundles_after_edits_resume_from_the_previous_ones_and_equal_a_clean_build() {
    // A synthetic year of 48 departments: bundles of several MiB, so that the build cache
    // keeps their SHA-256 midstates and the next bundle resumes from them. The department in
    // the middle of the year, in path order, is edited three times in a row.
    let site = common::site_copy();
    let root = site.path();
    synthetic::one_synthetic_year(root, 48, 11);
    let mut depts: Vec<PathBuf> = WalkDir::new(root.join("content/2024"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.into_path())
        .collect();
    depts.sort();
    let file = depts[depts.len() / 2].clone();
    let out = root.join("public");
    build_into(root, &out, false);
    let recycled = root.join(".public.gongkai-recycle");
    let text = std::fs::read_to_string(&file).unwrap();
    let original = (text.lines())
        .find(|l| l.starts_with("    name: \""))
        .unwrap()
        .to_string();
    let mut current = original.clone();
    for (n, mark) in ["（一）", "（二）", ""].into_iter().enumerate() {
        let next = original.replacen("name: \"", &format!("name: \"{mark}"), 1);
        edit(&file, &current, &next);
        current = next;
        let r = build_into(root, &out, false);
        assert_eq!(r.reused, r.departments - 1, "edit {n}");
        let cache = read_cache(root);
        for bundle in ["downloads/2024.tar.gz", "downloads/2024.zip"] {
            let now = std::fs::read(out.join(bundle)).unwrap();
            assert!(now.len() > 2 << 20, "{bundle}: {} bytes", now.len());
            let marks = &cache.bundles[bundle].midstates;
            assert_eq!(marks.len(), now.len() >> 20, "{bundle}: a midstate per MiB");
            // The bytes before the edited department's files are the previous bundle's.
            if n > 0 {
                let before = std::fs::read(recycled.join(bundle)).unwrap();
                let same = now.iter().zip(&before).take_while(|(a, b)| a == b).count();
                assert!(
                    same > 1 << 20 && same < now.len() - (1 << 20),
                    "{bundle}: {same}"
                );
            }
        }
        let d = gongkai::publish::bundle::verify(&out.join("downloads/2024.tar.gz")).unwrap();
        assert!(d.is_empty(), "{d:?}");
        // The bundles' SHA-256 in the site's manifest, resumed, are a clean build's.
        equals_a_clean_build(root, &out, &format!("edit {n}"));
    }
}

#[test]
fn an_edit_remakes_only_its_regions_part_of_a_long_comparison() {
    // A synthetic year long enough for a metric's table to go region by region (more than
    // INLINE_ROWS rows): one department renamed. The regions without it keep
    // their pages (hard links) and their parts of the year's CSV; the output equals a clean
    // build's, the year's CSVs put together from old and new parts included.
    use gongkai::outputs::compare::pages::INLINE_ROWS;
    let site = common::site_copy();
    let root = site.path();
    let (file, name) = long_comparison_site(root);
    let (r, before, now, bytes) = after_in(root, |_| {
        edit(&file, &format!("  name: {name}"), "  name: 更名后的部门")
    });
    // Loading, checking and the tree read the unchanged documents' summaries only; the
    // comparisons still decode the documents whose rows a table lays out again.
    assert_eq!(r.parsed, 1);
    assert_eq!(
        r.decoded_to_load, 0,
        "no unchanged document decoded to load"
    );
    let kept = |rel: &str| before.get(rel).is_some_and(|i| now.get(rel) == Some(i));
    // compare/2024/METRIC/REGION/index.html: a region's page of a long year.
    let region_pages: Vec<&String> = (now.keys())
        .filter(|k| k.starts_with("compare/2024/") && k.matches('/').count() == 4)
        .filter(|k| k.ends_with("/index.html") && !k.contains("/by-region/"))
        .collect();
    let long: Vec<&String> = (now.keys())
        .filter(|k| k.starts_with("compare/2024/") && k.ends_with("/data.csv"))
        .filter(|k| k.matches('/').count() == 3)
        .filter(|k| String::from_utf8_lossy(&bytes[*k]).lines().count() > INLINE_ROWS)
        .collect();
    assert!(!long.is_empty(), "no metric went region by region");
    let (kept_pages, remade): (Vec<&String>, Vec<&String>) =
        region_pages.iter().partition(|k| kept(k));
    assert!(!kept_pages.is_empty(), "no region page was kept");
    // Only the edited department's region's pages are made anew (their rows' department
    // changed), one per long metric at most.
    let region = file
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    assert!(
        !remade.is_empty(),
        "the edited region's pages were made anew"
    );
    for k in &remade {
        assert!(
            k.ends_with(&format!("/{region}/index.html")),
            "{k} made anew"
        );
    }
    assert!(remade.len() <= long.len(), "{remade:?}");
    // Each region page of a long year is recorded as a part, to be published again by its
    // rows' key (its line and CSV bytes kept in the cache), not by its laid-out values.
    let parts = read_cache(root).comparison_parts;
    assert_eq!(parts.len(), region_pages.len(), "{:?}", parts.keys());
}

/// Every output file the cache at `root` records (each department's files, each page and
/// search fragment, each comparison's files), with the stamp (inode, modification time) and
/// size it records, by path in the output.
fn recorded_stamps(root: &Path) -> BTreeMap<String, (u64, u64, u64)> {
    let cache = read_cache(root);
    let groups = cache.departments.values().chain(cache.comparisons.values());
    let files = (groups.flat_map(|d| &d.files)).chain(cache.pages.values().map(|p| &p.file));
    files
        .map(|f| (f.path.clone(), (f.stamp.inode, f.stamp.modified, f.size)))
        .collect()
}

/// A file published again as the very file of the previous output is recorded with the
/// stamp its check found, not stat'ed again (`Staging::link` says whether it is the same
/// file): after edits in a row (the recycled folder holding the live files, so most files are
/// left in place), every stamp the cache records is the live file's own, so the next build
/// trusts exactly the files it should. A recorded stamp that were wrong would make the next
/// build remake the file (a miss) and is caught here by comparing with `stat`.
#[test]
fn published_files_are_recorded_with_their_own_stamps() {
    use std::os::unix::fs::MetadataExt;
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    for (i, to) in ["name: （修订）", "name: （再修订）"]
        .into_iter()
        .enumerate()
    {
        edit(&root.join(JULU), "name: ", to);
        let r = build_into(root, &out, false);
        assert_eq!(r.reused, r.departments - 1, "edit {i}");
        let recorded = recorded_stamps(root);
        assert!(
            recorded.len() > 100,
            "edit {i}: {} files recorded",
            recorded.len()
        );
        for (path, &(inode, modified, size)) in &recorded {
            let m = std::fs::symlink_metadata(out.join(path)).unwrap();
            let real = (
                m.ino(),
                (m.mtime() as u64) * 1_000_000_000 + m.mtime_nsec() as u64,
            );
            assert_eq!(
                (inode, modified, size),
                (real.0, real.1, m.len()),
                "edit {i}: {path}"
            );
        }
        equals_a_clean_build(root, &out, &format!("edit {i}"));
    }
}

/// The year's CSV of a metric laid out region by region is put together from the previous
/// CSV's bytes for unchanged regions, read where they lie. A previous CSV altered since (its
/// stamp no longer the recorded one) is never read from: the regions are laid out anew and
/// the output is a clean build's.
#[test]
fn an_altered_comparison_csv_is_not_read_for_its_parts() {
    use gongkai::outputs::compare::pages::INLINE_ROWS;
    let site = common::site_copy();
    let root = site.path();
    let (file, name) = long_comparison_site(root);
    after_in(root, |root| {
        let long: Vec<PathBuf> = WalkDir::new(root.join("public/compare/2024"))
            .min_depth(2)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.file_name().is_some_and(|n| n == "data.csv"))
            .filter(|p| std::fs::read_to_string(p).unwrap().lines().count() > INLINE_ROWS)
            .collect();
        assert!(!long.is_empty(), "no metric went region by region");
        for csv in long {
            // Same size, other bytes: every region's part reads differently.
            let bytes = std::fs::read(&csv).unwrap();
            let spoiled: Vec<u8> = (bytes.iter())
                .map(|&b| if b == b',' { b';' } else { b })
                .collect();
            std::fs::remove_file(&csv).unwrap();
            std::fs::write(&csv, spoiled).unwrap();
        }
        edit(&file, &format!("  name: {name}"), "  name: 更名后的部门");
    });
}

#[test]
fn a_department_added() {
    let r = after(|root| {
        let to = root.join("content/2024/130529/415.yaml");
        std::fs::copy(root.join(JULU), &to).unwrap();
        // Another department of the same county: its own project codes and name.
        let text = std::fs::read_to_string(&to).unwrap();
        std::fs::write(
            &to,
            text.replace("P0", "Q0")
                .replace("市场监督管理局", "市场监管二局"),
        )
        .unwrap();
    });
    assert_eq!(r.departments, 5);
}

#[test]
fn a_self_evaluation_added_beside_its_targets() {
    // The department's and project's pages gain its summary: none may be copied stale.
    let r = after(|root| {
        let to = root.join("content/selfeval/2024/130225/414.yaml");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, include_str!("fixtures/selfeval-130225-414.yaml")).unwrap();
    });
    assert_eq!(
        r.reused, 0,
        "a self-evaluation changes the site-wide values"
    );
}

#[test]
fn files_open_in_an_editor_are_not_sources() {
    // vim's swap files, emacs's lock link and backups beside a department file, a template
    // and a stylesheet: no reader takes them, so the build neither fails on them (a binary
    // swap file among the templates, a link among the sources) nor redoes anything.
    let r = after(|root| {
        let dept = root.join("content/2024/130529");
        std::fs::write(dept.join(".414.yaml.swp"), b"b0VIM 9.0\0\xff\xfe").unwrap();
        std::fs::write(dept.join("414.yaml~"), b"schema: [").unwrap();
        std::os::unix::fs::symlink("root@host.1234:1700000000", dept.join(".#414.yaml")).unwrap();
        let theme = root.join("themes/default");
        std::fs::write(theme.join("templates/.base.html.swp"), b"\xff\xfe{% x").unwrap();
        std::fs::write(theme.join("static/.style.css.swp"), b"\xff").unwrap();
        std::fs::write(root.join("content/pages/.about.md.swp"), b"\xff").unwrap();
    });
    assert_eq!(
        r.steps.iter().map(|s| s.name).collect::<Vec<_>>(),
        ["nothing changed"],
        "the cache's hash of the sources leaves them out too"
    );
}

#[test]
fn a_department_deleted() {
    let r = after(|root| std::fs::remove_file(root.join(JULU)).unwrap());
    assert_eq!(r.departments, 3);
}

#[test]
fn a_template_edited() {
    let r = after(|root| {
        edit(
            &root.join("themes/default/templates/project.html"),
            "<span class=\"sub\">项目绩效目标表</span>",
            "<span class=\"sub\">项目绩效目标表（新版）</span>",
        )
    });
    assert_eq!(r.reused, 0, "every department page uses the template");
}

#[test]
fn site_toml_edited() {
    let r = after(|root| {
        edit(
            &root.join("site.toml"),
            "部门预算绩效目标公开",
            "绩效目标公开平台",
        )
    });
    assert_eq!(r.reused, 0);
}

#[test]
fn the_catalogue_edited() {
    after(|root| {
        edit(
            &root.join("content/metrics.yaml"),
            "name: 食品抽检批次",
            "name: 食品抽检",
        )
    });
}

#[test]
fn a_markdown_page_edited() {
    after(|root| {
        let p = root.join("content/pages/about.md");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{text}\n新增的一段说明。\n")).unwrap();
    });
}

/// A cache that lies: it claims the edited department is unchanged (its key as after the
/// edit, its files as before). Written by another tool version, it must not be used; corrupt
/// or missing, likewise.
fn lying_cache(root: &Path, tool: Option<&str>) {
    let before = read_cache(root);
    edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
    // The keys after the edit, from a build elsewhere.
    build_into(root, &root.join("scratch"), false);
    let mut lie = read_cache(root);
    lie.output = before.output.clone();
    lie.site = before.site.clone();
    lie.manifest = before.manifest.clone();
    for (rel, d) in &mut lie.departments {
        d.files = before.departments[rel].files.clone();
    }
    lie.inputs = "changed".into();
    if let Some(tool) = tool {
        lie.tool = tool.into();
    }
    lie.save(root, CACHE);
}

#[test]
fn a_cache_from_another_tool_version_is_not_trusted() {
    let r = after(|root| lying_cache(root, Some("gongkai 0.0.1 other")));
    assert_eq!(r.reused, 0);
}

#[test]
fn the_lying_cache_would_be_used_by_this_version() {
    // The test above can fail: the same lie from this version is believed, and the edited
    // department keeps its old pages.
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    lying_cache(root, None);
    let r = build_into(root, &out, false);
    assert_eq!(r.reused, r.departments);
    let page = std::fs::read_to_string(out.join("2024/130529/414/index.html")).unwrap();
    assert!(!page.contains("巨鹿县（更名）"));
    // --clean ignores it.
    let r = build_into(root, &out, true);
    assert_eq!(r.reused, 0);
    let page = std::fs::read_to_string(out.join("2024/130529/414/index.html")).unwrap();
    assert!(page.contains("巨鹿县（更名）"));
}

#[test]
fn a_deleted_cache_is_rebuilt() {
    let r = after(|root| std::fs::remove_file(root.join(CACHE)).unwrap());
    assert_eq!(r.reused, 0);
}

#[test]
fn a_corrupt_cache_is_not_trusted() {
    for corrupt in [&b"{\"tool\": "[..], b"", b"\xff\xfe garbage"] {
        let r = after(|root| {
            lying_cache(root, None);
            std::fs::write(root.join(CACHE), corrupt).unwrap();
        });
        assert_eq!(r.reused, 0);
    }
    // A cache cut short (a copy of the site folder made while a build wrote it) is not read.
    let r = after(|root| {
        lying_cache(root, None);
        let bytes = std::fs::read(root.join(CACHE)).unwrap();
        std::fs::write(root.join(CACHE), &bytes[..bytes.len() / 2]).unwrap();
    });
    assert_eq!(r.reused, 0);
}

#[test]
fn an_altered_output_file_is_made_anew() {
    // Someone edited a published page by hand: the cache's hash no longer matches it.
    let r = after(|root| {
        let page = root.join("public/2024/130529/414/index.html");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, text.replacen("巨鹿县", "某县", 1)).unwrap();
    });
    assert_eq!(r.reused, r.departments - 1);
}

#[test]
fn an_altered_bundle_in_the_output_is_not_copied_from() {
    // The .zip of the previous output is where unchanged files are copied from, compressed;
    // one altered after the build (its hash no longer the manifest's) is not used.
    after(|root| {
        let zip = root.join("public/downloads/2024.zip");
        let mut bytes = std::fs::read(&zip).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&zip, bytes).unwrap();
        edit(&root.join(JULU), "name: ", "name: （修订）");
    });
}

#[test]
fn a_zip_spoiled_under_its_recorded_stamp_is_not_copied_from() {
    // The .zip is trusted by its stamp, as a page is; one whose central directory was changed
    // in place with its modification time put back still has the recorded stamp, and its
    // entries no longer follow each other: nothing is copied from it.
    use std::os::unix::fs::{FileExt, MetadataExt};
    after(|root| {
        let zip = root.join("public/downloads/2024.zip");
        let before = std::fs::metadata(&zip).unwrap();
        let file = std::fs::OpenOptions::new().write(true).open(&zip).unwrap();
        let bytes = std::fs::read(&zip).unwrap();
        let n = bytes.len();
        let dir = u32::from_le_bytes(bytes[n - 6..n - 2].try_into().unwrap()) as usize;
        assert_eq!(&bytes[dir..dir + 4], b"PK\x01\x02", "the central directory");
        let name = u16::from_le_bytes(bytes[dir + 28..dir + 30].try_into().unwrap()) as usize;
        // The second entry's compressed size, one more.
        let at = dir + 46 + name + 20;
        let size = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        file.write_all_at(&(size + 1).to_le_bytes(), at as u64)
            .unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        drop(file);
        let after = std::fs::metadata(&zip).unwrap();
        assert_eq!(
            (after.ino(), after.mtime(), after.mtime_nsec(), after.len()),
            (
                before.ino(),
                before.mtime(),
                before.mtime_nsec(),
                before.len()
            ),
            "the spoiled .zip keeps its stamp"
        );
        edit(&root.join(JULU), "name: ", "name: （修订）");
    });
}

/// `output` equals a clean build of `root` byte for byte (built into `clean`; the build cache
/// of `output` is put back, so the next build of `output` uses it).
fn equals_a_clean_build(root: &Path, output: &Path, why: &str) {
    let clean_out = root.join("clean");
    let cache = std::fs::read(root.join(CACHE)).unwrap();
    build_into(root, &clean_out, true);
    std::fs::write(root.join(CACHE), cache).unwrap();
    assert_same_files(&files(&clean_out), &files(output), why);
}

/// Asserts that an incremental build's files (`incremental`) are a clean build's (`clean`),
/// byte for byte, and that a whole site was compared.
fn assert_same_files(
    clean: &BTreeMap<String, Vec<u8>>,
    incremental: &BTreeMap<String, Vec<u8>>,
    why: &str,
) {
    let differ: Vec<&String> = clean
        .keys()
        .chain(incremental.keys())
        .filter(|k| clean.get(*k) != incremental.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "{why}: the incremental build differs from a clean one in {} files: {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
    assert!(incremental.len() > 100, "a whole site was compared");
}

const RECYCLED: &str = ".public.gongkai-recycle";

/// The site a build swaps out becomes the next build's staging folder. Whatever is done to it,
/// or to the live output, before the next build, that build writes a clean build's bytes:
/// a file added by hand to either does not survive, a recycled page replaced by another
/// file or altered in place (which alters the live page too: they share the file) is not
/// trusted, a link in it leads no write out.
#[test]
fn the_recycled_folder_is_never_trusted() {
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（更名）");
    build_into(root, &out, false);
    let recycled = root.join(RECYCLED);
    assert!(recycled.is_dir(), "the swapped-out site is kept");
    assert!(
        !(root.read_dir().unwrap()).any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("staging")),
        "no staging folder is left"
    );
    // Pages of the live output are the recycled folder's files (hard links).
    let home = "2024/130225/414/index.html";
    assert_eq!(inodes(&out)[home], inodes(&recycled)[home]);

    std::fs::write(out.join("added-to-the-live-site.html"), "x").unwrap();
    std::fs::write(recycled.join("added-to-the-recycled-folder.html"), "x").unwrap();
    std::fs::create_dir_all(recycled.join("2099/hand")).unwrap();
    std::fs::write(recycled.join("2099/hand/index.html"), "x").unwrap();
    // A recycled page replaced by another file of the same size.
    let replaced = "2024/130225/index.html";
    let bytes = std::fs::read(recycled.join(replaced)).unwrap();
    std::fs::remove_file(recycled.join(replaced)).unwrap();
    std::fs::write(recycled.join(replaced), vec![b'x'; bytes.len()]).unwrap();
    // A recycled page altered in place: the live page, the same file, is altered with it.
    let altered = "2024/130225/414/index.html";
    let text = std::fs::read_to_string(recycled.join(altered)).unwrap();
    std::fs::write(recycled.join(altered), text.replacen("乐亭县", "某县", 1)).unwrap();
    assert!(
        std::fs::read_to_string(out.join(altered))
            .unwrap()
            .contains("某县")
    );
    // A link where the build writes a folder: the build must not write through it.
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(recycled.join("search")).unwrap();
    std::os::unix::fs::symlink(outside.path(), recycled.join("search")).unwrap();

    edit(&root.join(JULU), "name: 巨鹿县（更名）", "name: 巨鹿县");
    let r = build_into(root, &out, false);
    assert_eq!(
        r.reused,
        r.departments - 2,
        "the altered department is made anew"
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing was written through the link"
    );
    equals_a_clean_build(root, &out, "after hand edits");
    // The live site with the hand-added file is the recycled folder now; one more build.
    edit(&root.join(JULU), "name: 巨鹿县", "name: 巨鹿县（三改）");
    build_into(root, &out, false);
    equals_a_clean_build(
        root,
        &out,
        "after the file added to the live site was swapped out",
    );
}

/// Edits one after another, a failed build between them, and a clean build: each build
/// takes the previous one's swapped-out site (or the failed build's folder) as its staging
/// folder and writes a clean build's bytes.
#[test]
fn edits_in_a_row_a_failed_build_and_a_clean_one() {
    let site = common::site_copy();
    let root = site.path();
    let out = root.join("public");
    build_into(root, &out, false);
    let julu = root.join(JULU);
    for (n, (from, to)) in [
        ("name: 巨鹿县", "name: 巨鹿县（一）"),
        ("name: 巨鹿县（一）", "name: 巨鹿县（二）"),
        ("name: 巨鹿县（二）", "name: 巨鹿县"),
    ]
    .into_iter()
    .enumerate()
    {
        edit(&julu, from, to);
        let r = build_into(root, &out, false);
        assert_eq!(r.reused, r.departments - 1, "edit {n}");
        equals_a_clean_build(root, &out, &format!("edit {n}"));
    }
    // A build that fails at its link check, after every page was written into its folder.
    let good = std::fs::read_to_string(&julu).unwrap();
    let tpl = root.join("themes/default/templates/department.html");
    let template = std::fs::read_to_string(&tpl).unwrap();
    let broken = template.replacen(
        "<p class=\"downloads\">",
        "<a href=\"{{ site.base }}nowhere/\">x</a><p class=\"downloads\">",
        1,
    );
    assert_ne!(broken, template);
    std::fs::write(&tpl, broken).unwrap();
    edit(&julu, "name: 巨鹿县", "name: 巨鹿县（失败）");
    let opts = BuildOptions {
        output: Some(out.clone()),
        ..Default::default()
    };
    assert!(
        matches!(
            build(root, &opts),
            Err(gongkai::pipeline::BuildError::Links(_))
        ),
        "a broken link fails the build"
    );
    assert!(
        root.join(RECYCLED).is_dir(),
        "the failed build's folder is kept"
    );
    std::fs::write(&tpl, template).unwrap();
    std::fs::write(
        &julu,
        good.replacen("name: 巨鹿县", "name: 巨鹿县（四）", 1),
    )
    .unwrap();
    let r = build_into(root, &out, false);
    assert_eq!(r.reused, r.departments - 1, "after a failed build");
    equals_a_clean_build(root, &out, "after a failed build");
    build_into(root, &out, true);
    edit(&julu, "name: 巨鹿县（四）", "name: 巨鹿县");
    let r = build_into(root, &out, false);
    assert_eq!(r.reused, r.departments - 1, "after --clean");
    equals_a_clean_build(root, &out, "after --clean");
}

#[test]
fn deleted_bundles_in_the_output_are_made_anew() {
    // The bundles an edited rebuild copies its unchanged members and entries from are gone:
    // both are made whole, with a clean build's bytes.
    after(|root| {
        for bundle in ["public/downloads/2024.tar.gz", "public/downloads/2024.zip"] {
            std::fs::remove_file(root.join(bundle)).unwrap();
        }
        edit(&root.join(JULU), "name: ", "name: （修订）");
    });
}

#[test]
fn an_altered_tar_gz_in_the_output_is_not_copied_from() {
    // The .tar.gz's gzip members are copied by the offsets the cache recorded; a bundle cut
    // short and one with a byte changed inside a member are both left alone.
    for cut in [true, false] {
        after(|root| {
            let tar = root.join("public/downloads/2024.tar.gz");
            let mut bytes = std::fs::read(&tar).unwrap();
            if cut {
                bytes.truncate(bytes.len() / 3);
            } else {
                let middle = bytes.len() / 2;
                bytes[middle] ^= 0xff;
            }
            std::fs::write(&tar, bytes).unwrap();
            edit(&root.join(JULU), "name: ", "name: （修订）");
        });
    }
}
