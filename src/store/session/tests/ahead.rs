//! What is done about a session while its big sample is read: the state
//! of the first cases, read from their rows and lines alone, and the lock.

use super::*;
use crate::model::change::{Entry, Origin};

/// While a big sample is read, its first cases show what the session
/// holds for them (the snapshot, then the journal entries it lacks), with
/// no history of their own, and the case the reviewer was on: the same as
/// opening the whole session says, though only their rows and lines are
/// parsed.
#[test]
fn the_first_cases_read_ahead_are_as_the_opened_session_holds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    let mut opened = open(&path, &s, &scale, "rev").expect("open");
    record(&mut opened, &s, grade("A", "good"), "A");
    record(&mut opened, &s, grade("C", "good"), "C");
    opened
        .store
        .compact(&s, &opened.review, "rev", None)
        .expect("compact");
    drop(opened);
    // Then a crash: these are in the journal only. The middle lines of
    // a case not among the first are not parsed; A's is.
    let mut opened = open(&path, &s, &scale, "rev").expect("open");
    record(&mut opened, &s, grade("B", "inadequate"), "B");
    record(&mut opened, &s, grade("C", "inadequate"), "C");
    let note = Change::Note {
        case: "A".into(),
        from: String::new(),
        to: "seen".into(),
    };
    record(&mut opened, &s, note, "A");
    record(
        &mut opened,
        &s,
        Change::Flag {
            case: "C".into(),
            to: true,
        },
        "C",
    );
    drop(opened);
    let first = sample_with(&["A", "B"], "");
    let (review, cursor) = first_cases(&path, &first, &scale).expect("known");
    let whole = open(&path, &s, &scale, "rev").expect("open").review;
    for idx in 0..2 {
        assert_eq!(review.grade(idx), whole.grade(idx), "case {idx}");
        assert_eq!(review.note(idx), whole.note(idx), "case {idx}");
        assert_eq!(review.flagged(idx), whole.flagged(idx), "case {idx}");
    }
    assert_eq!(review.note(0), "seen");
    assert_eq!(review.grade(1), scale.position("inadequate"));
    assert!(review.orphans().is_empty(), "{:?}", review.orphans());
    assert!(!review.can_undo(), "undo waits for the whole session");
    assert_eq!(cursor.as_deref(), Some("C"));
    let mut other = Scale::hmicfrs();
    other.levels[0].id = "outstanding".into();
    assert!(
        first_cases(&path, &first, &other).is_none(),
        "a session on another scale is not graded ahead"
    );
}

/// A journal line's case is read without parsing the line, whatever the
/// reviewer's name holds; an id with an escape is left to the parser.
#[test]
fn a_journal_line_says_its_case_whatever_the_name_before_it() {
    let entry = |by: &str, case: &str| Entry {
        seq: 12,
        at: Timestamp::UNIX_EPOCH,
        by: by.into(),
        origin: Origin::Undo,
        change: Change::Criterion {
            case: case.into(),
            criterion: "c1".into(),
            from: None,
            to: None,
        },
        cursor: None,
    };
    let case = |by: &str, case: &str| {
        let line = journal::line(&entry(by, case)).expect("line");
        journal::case_of(line.trim_end().as_bytes()).map(str::to_owned)
    };
    assert_eq!(case("rev", "B"), Some("B".into()));
    assert_eq!(case(r#"a "q" \ case:"X""#, "B"), Some("B".into()));
    assert_eq!(case("rev", r#"B"2"#), None);
    assert_eq!(journal::case_of(b"(seq:1,garbled"), None);
}

/// The lock taken while the sample is read is the one the opening keeps:
/// another casebench is refused from the start; a lock given up unused
/// leaves no file behind.
#[test]
fn a_lock_taken_ahead_is_kept_by_the_opening_or_given_up_without_a_trace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    let held = lock_ahead(&path).expect("lock");
    assert!(matches!(
        lock_ahead(&path),
        Err(SessionError::Locked { .. })
    ));
    let ahead = Ahead {
        preread: None,
        lock: Some(held),
    };
    let opened =
        open_prepared(&path, &s, &scale, "rev", &Recorded::default(), ahead).expect("open");
    assert!(matches!(
        open(&path, &s, &scale, "rev"),
        Err(SessionError::Locked { .. })
    ));
    drop(opened);
    let unused = dir.path().join("t.session.ron");
    lock_ahead(&unused).expect("lock").release();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("t."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `summary`, `export` and `check` read a session without opening it:
/// changes kept from a read that never reached the opening are said to be
/// missing from what they report, with where they are.
#[test]
fn reading_a_session_says_which_changes_are_kept_for_its_next_opening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    drop(open(&path, &s, &scale, "rev").expect("open"));
    assert!(
        load(&path, History::Unsaved)
            .expect("load")
            .warnings
            .is_empty()
    );
    let kept = Entry {
        seq: 1,
        at: Timestamp::UNIX_EPOCH,
        by: "rev".into(),
        origin: Origin::Edit,
        change: grade("A", "good"),
        cursor: None,
    };
    assert_eq!(check(&path).expect("check").kept, 0);
    write_pending(&path, &[kept.clone(), kept]).expect("keep");
    assert_eq!(check(&path).expect("check").kept, 2, "check counts them");
    let warnings = load(&path, History::Unsaved).expect("load").warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("2 changes made while the review's sample was read are kept in")
            && warnings[0].contains("s.session.ron.ahead"),
        "{warnings:?}"
    );
}
