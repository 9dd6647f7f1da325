//! Helpers shared by the integration tests.

use walkdir::WalkDir;

/// A copy of this repository's site (site.toml, content/, themes/) in a temporary folder.
pub fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for top in ["content", "themes"] {
        for e in WalkDir::new(top)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let to = dir.path().join(e.path());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), to).unwrap();
        }
    }
    std::fs::copy("site.toml", dir.path().join("site.toml")).unwrap();
    dir
}
