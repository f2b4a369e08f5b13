//! Recovery: journal replay after a crash, compaction and the audit
//! trail, and damaged, missing or newer session files.

use super::*;

#[test]
fn journal_replay_restores_grades_and_cursor_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        record(&mut o, &s, grade("B", "inadequate"), "C");
        // Dropped without compacting: what a kill -9 leaves behind.
    }
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen");
    assert!(o.resumed);
    assert_eq!(o.review.counts(), &[1, 0, 1]);
    assert_eq!(o.cursor, Some(2), "the cursor the last saved change left");
    assert!(o.review.can_undo());
}

#[test]
fn compaction_snapshots_the_state_and_keeps_the_journal_as_the_audit_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let note = Change::Note {
        case: "A".into(),
        from: String::new(),
        to: "line 1\nline \"2\"".into(),
    };
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        record(&mut o, &s, note, "B");
        o.store
            .compact(&s, &o.review, "rev", Some("B".into()))
            .expect("compact");
        // One more change after the snapshot, then a crash.
        record(&mut o, &s, grade("B", "inadequate"), "C");
    }
    let journal = std::fs::read_to_string(journal_path(&path)).expect("journal");
    assert_eq!(journal.lines().count(), 3, "the journal keeps every change");
    let snapshot: SessionFile =
        ron::from_str(&std::fs::read_to_string(&path).expect("snapshot")).expect("parse");
    assert_eq!(snapshot.journal.seq, 2);
    assert_eq!(
        snapshot.journal.bytes as usize,
        journal.lines().take(2).map(|l| l.len() + 1).sum::<usize>()
    );
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen");
    assert_eq!(
        o.review.history().len(),
        1,
        "only what the snapshot lacks is read at once"
    );
    let earlier = o
        .earlier_history
        .take()
        .expect("the rest is left for later");
    o.review
        .adopt_earlier_history(earlier.load().expect("earlier entries"));
    assert_eq!(
        o.review.history().len(),
        3,
        "the full audit trail, each entry once"
    );
    assert_eq!(
        o.review.history().iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(
        o.review.counts(),
        &[1, 0, 1],
        "only the entry after the snapshot is applied"
    );
    assert_eq!(o.review.note(0), "line 1\nline \"2\"");
    assert_eq!(o.cursor, Some(2));
    assert_eq!(
        o.review.detail(1).and_then(|d| d.graded_by.as_deref()),
        Some("rev")
    );
    // Undo reaches back past the snapshot.
    drop(o);
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen again");
    let earlier = o
        .earlier_history
        .take()
        .expect("the earlier trail")
        .load()
        .expect("load");
    o.review.adopt_earlier_history(earlier);
    for _ in 0..3 {
        o.review
            .undo(&s, stamp("A"))
            .expect("undo")
            .expect("something to undo");
    }
    assert_eq!(o.review.graded(), 0);
    assert_eq!(o.review.note(0), "");
}

#[test]
fn reading_without_the_audit_trail_gives_the_same_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        o.store
            .compact(&s, &o.review, "rev", None)
            .expect("compact");
        record(&mut o, &s, grade("C", "requires_improvement"), "A");
    }
    let full = load(&path, History::Full).expect("full");
    let unsaved = load(&path, History::Unsaved).expect("unsaved");
    assert_eq!(full.journal.len(), 2);
    assert_eq!(unsaved.journal.len(), 1, "only what the snapshot lacks");
    let a = full.review(&s, &path).expect("review");
    let b = unsaved.review(&s, &path).expect("review");
    assert_eq!(a.counts(), b.counts());
    assert_eq!(a.counts(), &[1, 1, 0]);
    assert_eq!(unsaved.cursor(), Some("A"));
}

#[test]
fn a_missing_journal_loses_the_trail_but_no_grade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        o.store
            .compact(&s, &o.review, "rev", None)
            .expect("compact");
    }
    std::fs::remove_file(journal_path(&path)).expect("remove journal");
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen");
        assert_eq!(o.review.counts(), &[1, 0, 0]);
        assert!(
            o.warnings
                .iter()
                .any(|w| w.contains("part of the audit trail is missing")),
            "{:?}",
            o.warnings
        );
        // New changes number on from the snapshot, so they are never
        // mistaken for changes it already includes.
        record(&mut o, &s, grade("B", "inadequate"), "C");
        assert_eq!(o.review.history()[0].seq, 2);
    }
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen after a crash");
    assert_eq!(o.review.counts(), &[1, 0, 1]);
    let unsaved = load(&path, History::Unsaved).expect("load");
    assert_eq!(
        unsaved.review(&s, &path).expect("review").counts(),
        &[1, 0, 1]
    );
}

#[test]
fn torn_last_journal_line_is_dropped_and_trimmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
    }
    let jpath = journal_path(&path);
    let mut bytes = std::fs::read(&jpath).expect("read");
    bytes.extend_from_slice(b"(seq: 2, at: \"19");
    std::fs::write(&jpath, &bytes).expect("write");
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen");
    assert_eq!(o.review.graded(), 1);
    record(&mut o, &s, grade("B", "good"), "C");
    drop(o);
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen again");
    assert_eq!(o.review.graded(), 2);
}

#[test]
fn a_damaged_journal_line_is_skipped_reported_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        record(&mut o, &s, grade("B", "inadequate"), "C");
        record(&mut o, &s, grade("C", "good"), "C");
    }
    let jpath = journal_path(&path);
    let text = std::fs::read_to_string(&jpath).expect("journal");
    // Flip one byte of the second entry's grade: its checksum no longer fits.
    let damaged = text.replacen("inadequate", "inadequatf", 1);
    std::fs::write(&jpath, &damaged).expect("damage");
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("still opens");
    assert_eq!(
        o.review.counts(),
        &[2, 0, 0],
        "the intact changes on both sides count"
    );
    assert!(
        o.warnings
            .iter()
            .any(|w| w.contains(":2: a damaged journal line (its checksum does not match")),
        "{:?}",
        o.warnings
    );
    drop(o);
    assert_eq!(
        std::fs::read_to_string(&jpath).expect("read"),
        damaged,
        "nothing is rewritten on open"
    );
    // A line that is not an entry at all is damaged too.
    std::fs::write(&jpath, format!("garbage here\n{damaged}")).expect("write");
    let loaded = load(&path, History::Full).expect("loads");
    assert_eq!(loaded.journal.len(), 2);
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
}

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
    let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, &s, grade("A", "good"), "B");
    o.store
        .compact(&s, &o.review, "rev", None)
        .expect("compact");
    drop(o);
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
