use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::*;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};
use crate::model::change::{Answer, Change, Origin};
use crate::model::review::Stamp;
use crate::model::scale::Scale;
use crate::store::session::CaseState;

fn sample() -> Sample {
    let mut b = SampleBuilder::new();
    for id in ["A", "B", "C", "D", "E"] {
        b.push(CaseFields {
            id: id.into(),
            ..CaseFields::default()
        });
    }
    b.finish(
        "s",
        None,
        SampleSource {
            path: None,
            hash: "h1".into(),
        },
    )
}

/// A session at `dir/<name>.session.ron` by `reviewer`, with `grades`
/// (case, level id, note) given one second apart from `start`.
fn session(dir: &Path, reviewer: &str, start: i64, grades: &[(&str, &str, &str)]) -> PathBuf {
    let s = sample();
    let path = dir.join(format!("{reviewer}.session.ron"));
    let mut opened = session::open(&path, &s, &Scale::hmicfrs(), reviewer).expect("open");
    for (i, (case, level, note)) in grades.iter().enumerate() {
        let stamp = || Stamp {
            by: reviewer.into(),
            at: Timestamp::from_second(start + i64::try_from(i).expect("small")).expect("time"),
            cursor: Some((*case).into()),
        };
        let mut changes = vec![Change::Grade {
            case: (*case).into(),
            from: None,
            to: Some((*level).into()),
        }];
        if !note.is_empty() {
            changes.push(Change::Note {
                case: (*case).into(),
                from: String::new(),
                to: (*note).into(),
            });
        }
        for change in changes {
            let entry = opened
                .review
                .edit(&s, change, stamp())
                .expect("edit")
                .clone();
            opened.store.append(&entry).expect("append");
        }
    }
    opened
        .store
        .compact(&s, &opened.review, reviewer, None)
        .expect("compact");
    path
}

fn parts(paths: &[PathBuf]) -> Vec<Part> {
    let s = sample();
    load_all(paths, History::Full)
        .expect("load")
        .iter()
        .zip(paths)
        .map(|(l, p)| part(p, l, &s).expect("part"))
        .collect()
}

fn grade_of<'a>(c: &'a Combined, id: &str) -> Option<&'a CaseState> {
    c.cases.iter().find(|s| s.id == id)
}

#[test]
fn agreed_cases_carry_over_and_disagreements_become_the_queue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alice = session(
        dir.path(),
        "alice",
        100,
        &[
            ("A", "good", "fine"),
            ("B", "good", ""),
            ("C", "inadequate", "bad"),
            ("D", "good", ""),
        ],
    );
    let bob = session(
        dir.path(),
        "bob",
        200,
        &[
            ("A", "good", "agree"),
            ("B", "requires_improvement", ""),
            ("C", "good", "no"),
            ("E", "inadequate", "only bob"),
        ],
    );
    let c = combine(parts(&[alice, bob]), &sample()).expect("combine");
    // Agreed: the grade, both notes, both graders.
    let agreed = grade_of(&c, "A").expect("A");
    assert_eq!(agreed.grade.as_deref(), Some("good"));
    assert_eq!(agreed.note, "alice: fine\n\nbob: agree");
    assert_eq!(agreed.graded_by.as_deref(), Some("alice & bob"));
    // Read once: exactly as that session has it.
    let once = grade_of(&c, "E").expect("E");
    assert_eq!(once.grade.as_deref(), Some("inadequate"));
    assert_eq!(once.note, "only bob");
    assert_eq!(once.graded_by.as_deref(), Some("bob"));
    assert_eq!(
        grade_of(&c, "D").and_then(|s| s.grade.as_deref()),
        Some("good")
    );
    // Disagreements are ungraded, never the last writer's, and queued
    // largest difference first.
    for id in ["B", "C"] {
        let s = grade_of(&c, id).expect("disputed");
        assert_eq!(s.grade, None, "{id}");
        assert_eq!(s.graded_by, None);
    }
    assert_eq!(c.team.disputed, ["C", "B"]);
    // The readings keep each reviewer's own grade and note.
    let readings: Vec<_> = c
        .team
        .readings
        .iter()
        .map(|r| {
            (
                r.case.as_str(),
                r.by.as_str(),
                r.grade.as_deref(),
                r.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        readings,
        [
            ("A", "alice", Some("good"), "fine"),
            ("A", "bob", Some("good"), "agree"),
            ("B", "alice", Some("good"), ""),
            ("B", "bob", Some("requires_improvement"), ""),
            ("C", "alice", Some("inadequate"), "bad"),
            ("C", "bob", Some("good"), "no"),
        ]
    );
    // Every change of both trails, attributed, in time order, imported.
    assert_eq!(
        c.journal.len(),
        6 + 7,
        "alice: 4 grades, 2 notes; bob: 4 and 3"
    );
    assert!(c.journal.iter().all(|e| e.origin == Origin::Imported));
    assert!(
        c.journal
            .windows(2)
            .all(|w| w[0].at <= w[1].at && w[0].seq + 1 == w[1].seq)
    );
    assert_eq!(c.journal.iter().filter(|e| e.by == "bob").count(), 7);
    assert_eq!(
        c.team
            .sources
            .iter()
            .map(|s| (s.reviewer.as_str(), s.graded))
            .collect::<Vec<_>>(),
        [("alice", 4), ("bob", 4)]
    );
}

#[test]
fn combining_is_order_independent_and_repeatable_to_the_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alice = session(
        dir.path(),
        "alice",
        100,
        &[("A", "good", "x"), ("B", "inadequate", "")],
    );
    let bob = session(
        dir.path(),
        "bob",
        100,
        &[("A", "inadequate", "y"), ("C", "good", "")],
    );
    let carol = session(
        dir.path(),
        "carol",
        150,
        &[("A", "good", ""), ("D", "good", "")],
    );
    let one = combine(
        parts(&[alice.clone(), bob.clone(), carol.clone()]),
        &sample(),
    )
    .expect("abc");
    let two = combine(
        parts(&[carol.clone(), alice.clone(), bob.clone()]),
        &sample(),
    )
    .expect("cab");
    assert_eq!(one, two);
    // Written twice: the same files, byte for byte.
    let first = session::load(&alice, History::Unsaved).expect("load").file;
    let (x, y) = (
        dir.path().join("x.session.ron"),
        dir.path().join("y.session.ron"),
    );
    write(&x, &one, first.sample.clone(), &first, "lead").expect("write x");
    write(&y, &two, first.sample.clone(), &first, "lead").expect("write y");
    let read = |p: &Path| std::fs::read(p).expect("read");
    assert_eq!(read(&x), read(&y));
    assert_eq!(
        read(&session::journal_path(&x)),
        read(&session::journal_path(&y))
    );
    // A combined session is an ordinary session: it opens, and its queue,
    // grades and history come back.
    let opened = session::open(&x, &sample(), &Scale::hmicfrs(), "lead").expect("open");
    assert_eq!(opened.review.graded(), 3, "B, C, D; A is disputed");
    assert_eq!(
        opened.team.as_ref().map(|t| t.disputed.clone()),
        Some(vec!["A".to_owned()])
    );
    assert!(
        !opened.review.can_undo(),
        "another session's changes are never undone here"
    );
    // Written over: refused.
    let again = write(&x, &one, first.sample.clone(), &first, "lead");
    assert!(again.is_err());
}

#[test]
fn criteria_keep_only_what_readers_agree_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = sample();
    let make = |who: &str, risk: Answer, plan: Answer| {
        let path = dir.path().join(format!("{who}.session.ron"));
        let mut opened = session::open(&path, &s, &Scale::hmicfrs(), who).expect("open");
        for (criterion, to) in [("risk", risk), ("plan", plan)] {
            let change = Change::Criterion {
                case: "A".into(),
                criterion: criterion.into(),
                from: None,
                to: Some(to),
            };
            let stamp = Stamp {
                by: who.into(),
                at: Timestamp::UNIX_EPOCH,
                cursor: None,
            };
            let e = opened.review.edit(&s, change, stamp).expect("edit").clone();
            opened.store.append(&e).expect("append");
        }
        path
    };
    let alice = make("alice", Answer::Met, Answer::NotMet);
    let bob = make("bob", Answer::Met, Answer::Met);
    let c = combine(parts(&[alice, bob]), &s).expect("combine");
    let case = grade_of(&c, "A").expect("A");
    assert_eq!(case.criteria.get("risk"), Some(&Answer::Met));
    assert_eq!(
        case.criteria.get("plan"),
        None,
        "a conflict stays unanswered"
    );
    assert!(c.team.disputed.is_empty(), "no grades, nothing to moderate");
}

#[test]
fn what_cannot_be_combined_is_refused_in_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alice = session(dir.path(), "alice", 100, &[("A", "good", "")]);
    let bob = session(dir.path(), "bob", 100, &[("A", "good", "")]);
    let one = parts(std::slice::from_ref(&alice));
    assert!(matches!(combine(one, &sample()), Err(TeamError::TooFew)));
    let twice = parts(&[alice.clone(), alice.clone()]);
    assert!(matches!(
        combine(twice, &sample()),
        Err(TeamError::Twice(_))
    ));
    let mut other = parts(&[alice.clone(), bob.clone()]);
    other[1].sample_hash = "h2".into();
    let e = combine(other, &sample()).expect_err("other sample");
    assert!(e.to_string().contains("grade different samples"), "{e}");
    let mut other = parts(&[alice, bob]);
    other[1].scale = Scale::ofsted();
    let e = combine(other, &sample()).expect_err("other scale");
    assert!(e.to_string().contains("on the same scale"), "{e}");
}

#[test]
fn a_combined_session_whose_snapshot_is_lost_comes_back_from_its_first_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alice = session(
        dir.path(),
        "alice",
        100,
        &[("A", "good", "a"), ("B", "good", "")],
    );
    let bob = session(
        dir.path(),
        "bob",
        200,
        &[("A", "good", "b"), ("B", "inadequate", "")],
    );
    let first = session::load(&alice, History::Unsaved).expect("load").file;
    let combined = combine(parts(&[alice, bob]), &sample()).expect("combine");
    let out = dir.path().join("team.session.ron");
    write(&out, &combined, first.sample.clone(), &first, "lead").expect("write");
    // The moderator settles B, and the snapshot is then lost (never
    // compacted after the settlement).
    let s = sample();
    let mut opened = session::open(&out, &s, &Scale::hmicfrs(), "lead").expect("open");
    let stamp = Stamp {
        by: "lead".into(),
        at: Timestamp::from_second(300).expect("time"),
        cursor: None,
    };
    let settle = Change::Grade {
        case: "B".into(),
        from: None,
        to: Some("requires_improvement".into()),
    };
    let entry = opened.review.edit(&s, settle, stamp).expect("edit").clone();
    opened.store.append(&entry).expect("append");
    drop(opened);
    std::fs::remove_file(&out).expect("lose the snapshot");
    let back = session::open(&out, &s, &Scale::hmicfrs(), "lead").expect("reopen");
    let b = s.position("B").expect("B");
    let a = s.position("A").expect("A");
    assert_eq!(back.review.grade(b), Some(1), "the settlement is replayed");
    assert_eq!(
        back.review.note(a),
        "alice: a\n\nbob: b",
        "the merged note, not the last writer's"
    );
    assert_eq!(back.team.map(|t| t.disputed), Some(vec!["B".to_owned()]));
    assert!(
        back.warnings[0].contains("rebuilt from its journal"),
        "{:?}",
        back.warnings
    );
}
