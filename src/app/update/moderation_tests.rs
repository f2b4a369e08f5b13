//! Moderation in the review screen: the queue first and in order, a reason
//! before a settling grade, on to the next disagreement, progress said.

use super::*;
use crate::app::testing::{app_on, cmd, run, sample};
use crate::app::{Condition, Effect, Filter, Mode, Notice};
use crate::keymap::{Command, KeySpec};
use crate::model::team::{Reading, Team, TeamRecord};

pub(super) fn reading(case: &str, by: &str, grade: &str) -> Reading {
    Reading {
        case: case.into(),
        by: by.into(),
        grade: Some(grade.into()),
        note: String::new(),
        criteria: std::collections::BTreeMap::new(),
        flagged: false,
    }
}

/// Five cases; CP-002 and CP-004 disputed, CP-004 by more (first in the
/// queue); CP-001 agreed and carried over.
pub(crate) fn moderation() -> App {
    let s = sample(5);
    let record = TeamRecord {
        sources: Vec::new(),
        readings: vec![
            reading("CP-001", "alice", "good"),
            reading("CP-001", "bob", "good"),
            reading("CP-002", "alice", "good"),
            reading("CP-002", "bob", "requires_improvement"),
            reading("CP-004", "alice", "good"),
            reading("CP-004", "bob", "inadequate"),
        ],
        disputed: vec!["CP-004".into(), "CP-002".into()],
    };
    let team = Team::new(record, &s);
    let mut app = app_on(s);
    run(&mut app, &[Action::Grade(0)]);
    app.list.cursor = 0;
    app.with_team(Some(team))
}

/// Journal entries the effects would write.
fn entries(effects: &[Effect]) -> usize {
    effects
        .iter()
        .map(|e| match e {
            Effect::Persist(entries) => entries.len(),
            Effect::Export { .. } | Effect::CancelExport | Effect::Draft(_) | Effect::Sort(_) => 0,
        })
        .sum()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Type(KeySpec::char(c)))
        .collect()
}

#[test]
fn the_queue_comes_first_largest_disagreement_first() {
    let app = moderation();
    assert_eq!(app.filter(), &Filter::only(Condition::Unsettled));
    assert_eq!(app.list_len(), 2);
    assert_eq!((app.list_case(0), app.list_case(1)), (Some(3), Some(1)));
    assert_eq!(app.cursor(), 3, "opens on the first disagreement");
    assert_eq!(app.settled(), Some((0, 2)));
}

#[test]
fn settling_needs_a_reason_then_moves_to_the_next_disagreement() {
    let mut app = moderation();
    let effects = run(&mut app, &[Action::Grade(2)]);
    assert!(effects.is_empty(), "nothing recorded without a reason");
    assert!(matches!(&app.mode, Mode::Note(e) if e.pending_grade == Some(2)));
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t.contains("settling CP-004 as Inadequate needs a reason")),
        "{:?}",
        app.status.notice
    );
    run(&mut app, &typed("No strategy discussion"));
    let effects = run(&mut app, &[cmd(Command::SaveNote)]);
    assert_eq!(entries(&effects), 2, "the reason, then the grade");
    assert_eq!(app.session.review.grade(3), Some(2));
    assert_eq!(app.session.review.note(3), "No strategy discussion");
    assert_eq!(app.cursor(), 1, "on to CP-002, the next disagreement");
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "CP-004 settled as Inadequate · 1 of 2 disagreements settled"),
        "{:?}",
        app.status.notice
    );
    run(&mut app, &[Action::Grade(1)]);
    run(&mut app, &typed("Late plan"));
    run(&mut app, &[cmd(Command::SaveNote)]);
    assert_eq!(app.settled(), Some((2, 2)));
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t.contains("all 2 disagreements settled")),
        "{:?}",
        app.status.notice
    );
    // An agreed case is graded like any other: no reason asked.
    run(&mut app, &[cmd(Command::First)]);
    app.list.cursor = 2;
    let effects = run(&mut app, &[Action::Grade(0)]);
    assert_eq!(entries(&effects), 1);
}
