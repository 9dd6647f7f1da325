//! A site whose years are replaced by one synthetic year, for tests that need more
//! departments than the bundled content holds.

use std::path::Path;

/// Replaces the site at `root`'s years with one synthetic year 2024 of `departments`
/// departments (`gongkai gen`'s generator, drawing on the bundled documents, from `seed`).
pub fn one_synthetic_year(root: &Path, departments: usize, seed: u64) {
    let bundled = gongkai::content::load::load_dir(&root.join("content"), false);
    let pools = gongkai::synth::Pools::from_files(&bundled.files);
    for y in ["2021", "2024"] {
        std::fs::remove_dir_all(root.join("content").join(y)).unwrap();
    }
    let plan = gongkai::synth::Plan {
        departments,
        years: 1,
        last_year: 2024,
        seed,
    };
    gongkai::synth::generate(&plan, &pools, &root.join("content")).unwrap();
}
