//! Recovery: journal replay after a crash, compaction and the audit
//! trail, and a journal missing, torn or damaged (the snapshot's own
//! damage is in `snapshot_damage`).

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
fn a_replayed_journal_finds_each_case_wherever_its_changes_fall() {
    // In order, twice on one case, back to an earlier case, and on a case
    // the sample no longer has when the session is opened again.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample_with(&["A", "B", "C", "D", "E"], "h1");
    let changes = [
        ("A", "good"),
        ("B", "good"),
        ("B", "inadequate"),
        ("D", "requires_improvement"),
        ("A", "inadequate"),
        ("E", "good"),
        ("C", "good"),
    ];
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        for (case, to) in changes {
            record(&mut o, &s, grade(case, to), case);
        }
    }
    let without_d = sample_with(&["A", "B", "C", "E"], "h2");
    let o = open(&path, &without_d, &Scale::hmicfrs(), "rev").expect("reopen");
    let grades: Vec<_> = (0..4).map(|i| o.review.grade(i)).collect();
    assert_eq!(grades, [Some(2), Some(2), Some(0), Some(0)]);
    assert_eq!(
        o.review.orphans().get("D").and_then(|d| d.grade),
        Some(1),
        "D's grade kept though the sample lacks it"
    );
    assert_eq!(o.review.history().len(), changes.len());
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
        let mut o = opened_with_a_saved_grade(&path, &s);
        record(&mut o, &s, grade("C", "requires_improvement"), "A");
    }
    let full = load(&path, History::Full).expect("full");
    let unsaved = load(&path, History::Unsaved).expect("unsaved");
    assert_eq!(full.journal.len(), 2);
    assert_eq!(unsaved.journal.len(), 1, "only what the snapshot lacks");
    assert_eq!(unsaved.cursor(), Some("A"));
    let (_, a) = full.into_review(&s, &path).expect("review");
    let (_, b) = unsaved.into_review(&s, &path).expect("review");
    assert_eq!(a.counts(), b.counts());
    assert_eq!(a.counts(), &[1, 1, 0]);
}

#[test]
fn a_missing_journal_loses_the_trail_but_no_grade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    drop(opened_with_a_saved_grade(&path, &s));
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
    let (_, review) = unsaved.into_review(&s, &path).expect("review");
    assert_eq!(review.counts(), &[1, 0, 1]);
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
