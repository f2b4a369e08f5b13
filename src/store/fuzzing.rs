//! What the seeded fuzz tests of the readers share: the runner and the
//! byte mutations. A short run is part of the tests; the long run is
//! `CASEBENCH_FUZZ_CASES=100000 cargo test --release --lib fuzz`.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

/// How many inputs each property tries: a few hundred normally, more when
/// `CASEBENCH_FUZZ_CASES` says so. The seed is fixed: a failure repeats.
pub(crate) fn runner() -> TestRunner {
    let cases = std::env::var("CASEBENCH_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(300);
    TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(20_261_128),
        failure_persistence: None,
        ..Config::default()
    })
}

/// One edit: where (taken modulo the length), which byte, and whether to
/// flip (0), insert (1) or remove (2).
pub(crate) type Edit = (usize, u8, u8);

/// Up to `most` edits anywhere.
pub(crate) fn edits(most: usize) -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..most)
}

/// `base` with the edits applied: bytes flipped, inserted or removed.
pub(crate) fn mutate(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, byte, kind) in edits {
        let at = at % bytes.len().max(1);
        match kind {
            0 if !bytes.is_empty() => bytes[at] ^= byte | 1,
            1 => bytes.insert(at, byte),
            _ if !bytes.is_empty() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    bytes
}
