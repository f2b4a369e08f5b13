//! The session and config readers survive hostile input: arbitrary bytes
//! and mutations of valid files never panic; they read or report. Seeded,
//! like the sample loaders' (see `store::sample::tests::fuzz`).

use super::*;
use crate::store::fuzzing::{edits, mutate, runner};

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
    let strategy = edits(10);
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
    let strategy = edits(10);
    runner()
        .run(&strategy, |edits| {
            let text = String::from_utf8_lossy(&mutate(example, &edits)).into_owned();
            let _ = crate::config::Config::parse(&text, Path::new("fuzz.ron"));
            Ok(())
        })
        .expect("no panics");
}
