//! A snapshot damaged, missing, malformed or newer: every problem named
//! with its place, nothing overwritten, and the review rebuilt from the
//! journal where it can be.

use super::*;

#[test]
fn malformed_snapshot_names_line_and_column_and_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    std::fs::write(&path, "(\n  version: 1,\n  sample: oops,\n)").expect("write");
    let err = open(&path, &sample(), &Scale::hmicfrs(), "rev").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("s.session.ron:3:"), "{msg}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "(\n  version: 1,\n  sample: oops,\n)"
    );
}

#[test]
fn future_version_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    std::fs::write(&path, "(version: 3, something_new: true)").expect("write");
    let err = open(&path, &sample(), &Scale::hmicfrs(), "rev").unwrap_err();
    assert!(
        matches!(err, SessionError::Version { found: 3, .. }),
        "{err}"
    );
}

/// A journal whose snapshot is gone rebuilds the review instead of
/// starting an empty one without a word.
#[test]
fn a_missing_snapshot_is_rebuilt_from_the_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        record(&mut o, &s, grade("C", "inadequate"), "B");
    }
    std::fs::remove_file(&path).expect("lose the snapshot");
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopens");
    assert_eq!(o.review.counts(), &[1, 0, 1], "both grades are back");
    assert!(
        o.warnings
            .first()
            .is_some_and(|w| w.contains("rebuilt from its journal (2 changes)")),
        "{:?}",
        o.warnings
    );
}

/// Every flipped bit of a snapshot is caught: by its checksum, or because
/// the text no longer reads; none is accepted as if nothing happened.
#[test]
fn bit_flips_in_a_snapshot_are_all_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, &s, grade("A", "good"), "B");
    record(&mut o, &s, grade("B", "inadequate"), "C");
    o.store
        .compact(&s, &o.review, "rev", Some("C".into()))
        .expect("compact");
    drop(o);
    let good = std::fs::read(&path).expect("snapshot");
    read_snapshot(&path).expect("the snapshot as written reads");
    let flipped = dir.path().join("flipped.session.ron");
    // A fixed sequence of positions (a linear congruential walk), so every
    // run tries the same 300 flips.
    let mut x: u64 = 12_345;
    let mut tried = 0;
    for _ in 0..300 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let at = (x >> 33) as usize % good.len();
        let bit = 1u8 << ((x >> 20) % 8);
        let mut bytes = good.clone();
        bytes[at] ^= bit;
        std::fs::write(&flipped, &bytes).expect("write");
        tried += 1;
        assert!(
            read_snapshot(&flipped).is_err(),
            "a flip at byte {at} ({:?}) went unnoticed",
            String::from_utf8_lossy(&good[at.saturating_sub(20)..(at + 20).min(good.len())])
        );
    }
    assert_eq!(tried, 300);
}

/// A snapshot that fails its checksum is kept aside and the review is
/// rebuilt from the journal, with a word; headless reading says what to do.
#[test]
fn a_damaged_snapshot_is_rebuilt_from_the_journal_and_kept_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    drop(opened_with_a_saved_grade(&path, &s));
    let text = std::fs::read_to_string(&path).expect("snapshot");
    std::fs::write(&path, text.replacen("\"good\"", "\"inadequate\"", 1)).expect("tamper");
    let err = load(&path, History::Unsaved).expect_err("damaged");
    assert!(matches!(err, SessionError::Damaged { .. }), "{err}");
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("rebuilt");
    assert_eq!(
        o.review.counts(),
        &[1, 0, 0],
        "the journal's grade, not the tampered one"
    );
    assert!(
        o.warnings[0].contains("failed its checksum; it is kept as"),
        "{:?}",
        o.warnings
    );
    let kept = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".damaged-"));
    assert!(kept, "the damaged snapshot is kept");
}

/// A snapshot write killed half-way leaves its temporary file; opening the
/// session removes it, and nothing else.
#[test]
fn temporary_files_of_a_killed_snapshot_write_are_cleaned_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    drop(open(&path, &s, &Scale::hmicfrs(), "rev").expect("open"));
    let leftover = dir.path().join(".s.session.ron.Xy12Zq");
    let not_ours = dir.path().join(".s.session.ron.notes");
    std::fs::write(&leftover, "half a snapshot").expect("write");
    std::fs::write(&not_ours, "keep me").expect("write");
    drop(open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen"));
    assert!(!leftover.exists(), "the leftover is removed");
    assert!(not_ours.exists(), "anything else is left alone");
}

#[test]
fn invalid_utf8_in_a_snapshot_is_reported_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    std::fs::write(&path, b"(\n  version: 1,\n  reviewer: \"r\xff\",\n)").expect("write");
    let err = read_snapshot(&path).expect_err("not UTF-8");
    assert!(
        matches!(
            err,
            SessionError::Parse {
                line: 3,
                column: 15,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn parse_errors_name_what_a_reader_knows_not_rust_types() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    std::fs::write(&path, "(\n  reviewer: \"x\",\n)").expect("write");
    let err = read_snapshot(&path).expect_err("no version").to_string();
    assert!(
        err.contains("missing field named `version` in the session"),
        "{err}"
    );
    assert!(!err.contains("Probe"), "{err}");
}

/// A grade the scale lacks names its case, and in the journal its change.
#[test]
fn an_unknown_grade_names_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut opened = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    let entry = Entry {
        seq: 1,
        at: Timestamp::UNIX_EPOCH,
        by: "rev".into(),
        origin: crate::model::change::Origin::Edit,
        change: grade("B", "superb"),
        cursor: Some("C".into()),
    };
    opened.store.append(&entry).expect("append");
    drop(opened);
    let err = open(&path, &s, &Scale::hmicfrs(), "rev")
        .expect_err("unknown grade")
        .to_string();
    assert!(
        err.contains("change 1 of the journal (case `B`): unknown grade \"superb\""),
        "{err}"
    );
}
