//! The session and config readers survive hostile input: arbitrary bytes
//! and mutations of valid files never panic; they read or report. Seeded,
//! like the sample loaders' (see `store::sample::tests::fuzz`).

use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, RngSeed, TestRunner};

use super::*;

fn runner() -> TestRunner {
    let cases = std::env::var("CASEBENCH_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(300);
    TestRunner::new(RunConfig {
        cases,
        rng_seed: RngSeed::Fixed(20_261_128),
        failure_persistence: None,
        ..RunConfig::default()
    })
}

/// `base` with a few bytes flipped, inserted or removed.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
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

#[test]
fn damaged_snapshots_and_journals_never_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, &s, grade("A", "good"), "B");
    record(
        &mut o,
        &s,
        Change::Note {
            case: "B".into(),
            from: String::new(),
            to: "a note".into(),
        },
        "B",
    );
    o.store
        .compact(&s, &o.review, "rev", None)
        .expect("compact");
    drop(o);
    let snapshot = std::fs::read(&path).expect("snapshot");
    let journal = std::fs::read(journal_path(&path)).expect("journal");
    let target = dir.path().join("fuzz.session.ron");
    let strategy = proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..10);
    runner()
        .run(&strategy, |edits| {
            std::fs::write(&target, mutate(&snapshot, &edits)).expect("write");
            std::fs::write(journal_path(&target), mutate(&journal, &edits)).expect("write");
            let _ = read_snapshot(&target);
            let _ = load(&target, History::Full);
            Ok(())
        })
        .expect("no panics");
}

#[test]
fn arbitrary_config_text_never_panics() {
    let example = include_str!("../../../../config.example.ron").as_bytes();
    let strategy = proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..10);
    runner()
        .run(&strategy, |edits| {
            let text = String::from_utf8_lossy(&mutate(example, &edits)).into_owned();
            let _ = crate::config::Config::parse(&text, Path::new("fuzz.ron"));
            Ok(())
        })
        .expect("no panics");
}
