use super::*;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};
use crate::model::change::Answer;

pub(crate) fn sample(n: usize) -> Sample {
    let mut b = SampleBuilder::new();
    for i in 1..=n {
        b.push(CaseFields {
            id: format!("C{i}"),
            ..CaseFields::default()
        });
    }
    b.finish(
        "test",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    )
}

fn stamp() -> Stamp {
    Stamp {
        by: "tester".into(),
        at: Timestamp::UNIX_EPOCH,
        cursor: None,
    }
}

fn grade(case: &str, from: Option<&str>, to: Option<&str>) -> Change {
    Change::Grade {
        case: case.into(),
        from: from.map(Into::into),
        to: to.map(Into::into),
    }
}

#[test]
fn grading_updates_counts_and_history() {
    let s = sample(4);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    r.edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    r.edit(&s, grade("C2", None, Some("inadequate")), stamp())
        .expect("edit");
    r.edit(&s, grade("C1", Some("good"), Some("inadequate")), stamp())
        .expect("edit");
    assert_eq!(r.counts(), &[0, 0, 2]);
    assert_eq!(r.graded(), 2);
    assert_eq!(r.grade(0), Some(2));
    assert_eq!(r.history().len(), 3);
    assert_eq!(r.history()[2].seq, 3);
    assert_eq!(r.detail(0).and_then(|d| d.by.as_deref()), Some("tester"));
}

#[test]
fn undo_and_redo_any_number_of_changes() {
    let s = sample(3);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    r.edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    r.edit(&s, grade("C2", None, Some("requires_improvement")), stamp())
        .expect("edit");
    r.edit(&s, grade("C3", None, Some("inadequate")), stamp())
        .expect("edit");
    for _ in 0..3 {
        assert!(r.undo(&s, stamp()).expect("undo").is_some());
    }
    assert_eq!(r.graded(), 0);
    assert!(
        r.undo(&s, stamp()).expect("undo").is_none(),
        "nothing left to undo"
    );
    r.redo(&s, stamp()).expect("redo");
    r.redo(&s, stamp()).expect("redo");
    assert_eq!(r.counts(), &[1, 1, 0]);
    assert_eq!(r.history().last().map(|e| e.origin), Some(Origin::Redo));
    // A new edit clears what is left to redo.
    r.edit(&s, grade("C3", None, Some("good")), stamp())
        .expect("edit");
    assert!(!r.can_redo());
    assert!(r.redo(&s, stamp()).expect("redo").is_none());
    r.undo(&s, stamp()).expect("undo");
    r.undo(&s, stamp()).expect("undo");
    assert_eq!(r.counts(), &[1, 0, 0]);
}

#[test]
fn replaying_history_rebuilds_state_and_undo_stacks() {
    let s = sample(3);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    r.edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    r.edit(
        &s,
        Change::Flag {
            case: "C2".into(),
            to: true,
        },
        stamp(),
    )
    .expect("edit");
    r.edit(
        &s,
        Change::Note {
            case: "C1".into(),
            from: String::new(),
            to: "why".into(),
        },
        stamp(),
    )
    .expect("edit");
    r.undo(&s, stamp()).expect("undo");
    let mut copy = Review::new(Scale::hmicfrs(), s.len());
    for e in r.history() {
        copy.apply_entry(&s, e.clone()).expect("replay");
    }
    assert_eq!(copy.counts(), r.counts());
    assert!(copy.flagged(1));
    assert_eq!(copy.note(0), "");
    // The replayed copy can redo the undone note, exactly like the original.
    copy.redo(&s, stamp()).expect("redo");
    assert_eq!(copy.note(0), "why");
    copy.undo(&s, stamp()).expect("undo");
    copy.undo(&s, stamp()).expect("undo");
    assert!(!copy.flagged(1));
}

#[test]
fn criteria_answers_set_and_clear() {
    let s = sample(1);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    let change = Change::Criterion {
        case: "C1".into(),
        criterion: "risk".into(),
        from: None,
        to: Some(Answer::NotMet),
    };
    r.edit(&s, change, stamp()).expect("edit");
    assert_eq!(
        r.detail(0).and_then(|d| d.criteria.get("risk")),
        Some(&Answer::NotMet)
    );
    r.undo(&s, stamp()).expect("undo");
    assert!(r.detail(0).is_some_and(|d| d.criteria.is_empty()));
}

#[test]
fn changes_to_missing_cases_are_kept_as_orphans() {
    let s = sample(1);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    r.edit(&s, grade("GONE", None, Some("good")), stamp())
        .expect("edit");
    assert_eq!(r.graded(), 0, "orphans do not count in the tally");
    assert_eq!(r.orphans().get("GONE").and_then(|o| o.grade), Some(0));
    r.restore_case(s.position("OLD"), "OLD", Some(2), true, Detail::default());
    assert!(r.orphans().get("OLD").is_some_and(|o| o.flagged));
}

#[test]
fn unknown_level_is_an_error_and_changes_nothing() {
    let s = sample(1);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    let err = r
        .edit(&s, grade("C1", None, Some("superb")), stamp())
        .unwrap_err();
    assert_eq!(err, ReviewError::UnknownLevel("superb".into()));
    assert!(r.history().is_empty());
    assert_eq!(r.graded(), 0);
}

#[test]
fn next_ungraded_wraps_and_stops_when_done() {
    let s = sample(4);
    let mut r = Review::new(Scale::hmicfrs(), s.len());
    assert_eq!(r.next_ungraded(0), Some(1));
    assert_eq!(r.next_ungraded(3), Some(0));
    for id in ["C1", "C2", "C4"] {
        r.edit(&s, grade(id, None, Some("good")), stamp())
            .expect("edit");
    }
    assert_eq!(r.next_ungraded(3), Some(2));
    assert_eq!(
        r.next_ungraded(2),
        Some(2),
        "wraps back to itself when it is the only one"
    );
    r.edit(&s, grade("C3", None, Some("good")), stamp())
        .expect("edit");
    assert_eq!(r.next_ungraded(0), None);
}

#[test]
fn adopting_earlier_history_rebuilds_undo_as_if_read_whole() {
    let s = sample(3);
    let mut whole = Review::new(Scale::hmicfrs(), s.len());
    whole
        .edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    whole
        .edit(&s, grade("C2", None, Some("good")), stamp())
        .expect("edit");
    whole.undo(&s, stamp()).expect("undo");
    whole
        .edit(&s, grade("C3", None, Some("inadequate")), stamp())
        .expect("edit");
    // The same review with only the last entry in its history, then the
    // first three adopted later.
    let history = whole.history().to_vec();
    let mut late = Review::new(Scale::hmicfrs(), s.len());
    late.restore_case(s.position("C1"), "C1", Some(0), false, Detail::default());
    late.apply_entry(&s, history[3].clone()).expect("apply");
    late.adopt_earlier_history(history[..3].to_vec());
    assert_eq!(late.history(), whole.history());
    assert_eq!(late.next_undo(), whole.next_undo());
    late.undo(&s, stamp()).expect("undo");
    late.undo(&s, stamp()).expect("undo");
    assert_eq!(
        late.graded(),
        0,
        "both remaining edits undone, across the join"
    );
    assert!(late.can_redo());
}

/// Edits made on a copy of the review (the first cases, graded while a big
/// sample is read) join the real review in order, numbered after its own
/// entries, each `from` what the real review held.
#[test]
fn edits_carried_from_a_copy_continue_the_history_from_the_real_state() {
    let s = sample(3);
    let mut real = Review::new(Scale::hmicfrs(), s.len());
    real.edit(&s, grade("C1", None, Some("inadequate")), stamp())
        .expect("edit");
    // The copy did not know C1's grade (it was read before the last edit).
    let mut copy = Review::new(Scale::hmicfrs(), s.len());
    copy.edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    copy.edit(
        &s,
        Change::Note {
            case: "C2".into(),
            from: String::new(),
            to: "seen".into(),
        },
        stamp(),
    )
    .expect("edit");
    copy.undo(&s, stamp()).expect("undo");
    for entry in copy.history().to_vec() {
        real.carry(&s, &entry).expect("carry");
    }
    let seqs: Vec<u64> = real.history().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
    assert_eq!(
        real.history()[1].change,
        grade("C1", Some("inadequate"), Some("good")),
        "the carried grade says what it replaced here"
    );
    assert_eq!(real.history()[3].origin, Origin::Undo);
    assert_eq!(real.grade(0), Some(0));
    assert_eq!(real.note(1), "");
    assert_eq!(real.counts(), &[1, 0, 0]);
    // Undo here goes on from the copy's: the note was undone there, so the
    // carried grade is next, back to what this review held.
    assert_eq!(real.next_redo().map(Change::case), Some("C2"));
    real.undo(&s, stamp()).expect("undo");
    assert_eq!(real.grade(0), Some(2));
}

#[test]
fn a_copy_without_history_keeps_its_cases_and_undoes_only_its_own_edits() {
    let s = sample(2);
    let mut copy = Review::new(Scale::hmicfrs(), s.len());
    copy.edit(&s, grade("C1", None, Some("good")), stamp())
        .expect("edit");
    copy.forget_history();
    assert!(!copy.can_undo());
    assert!(copy.history().is_empty());
    assert_eq!(copy.grade(0), Some(0));
    copy.edit(&s, grade("C2", None, Some("inadequate")), stamp())
        .expect("edit");
    copy.undo(&s, stamp()).expect("undo");
    assert!(!copy.can_undo(), "the forgotten edit is not undone");
    assert_eq!((copy.grade(0), copy.grade(1)), (Some(0), None));
}
