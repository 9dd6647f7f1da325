//! A value an earlier build stored in `.gongkai/` (MessagePack through the model's own serde),
//! read back: the one reader of the store of parsed documents ([`super::parsed`]) and of a
//! document decoded on first use ([`super::document`]).

use std::path::Path;

/// The value stored in the file at `path`, `None` when it cannot be read or does not read
/// back as a `T`. The bytes go through one buffer per thread, grown to the largest file and
/// kept: with a fresh buffer for each of 2,000 documents (75 KB each at the benchmark's
/// scale), `std::fs::read` was about a third of the samples of reading them back, much of
/// it the kernel zeroing new memory (`perf`, edited rebuild at 2,000 departments). With the
/// parsed 指标值 stored too, the `load and check` step of that rebuild took 0.82 of its
/// time before (`bench/load.sh`, median of 4 pairs, 0.59–1.09: the machine was loaded).
pub(super) fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = std::fs::File::open(path).ok()?;
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        file.read_to_end(buffer).ok()?;
        rmp_serde::from_slice(buffer).ok()
    })
}
