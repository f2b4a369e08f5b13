//! The reviewer's day in `update`: what a change says, paging the case,
//! going to an id and back, the history's words, the message log, and the
//! note kept while it is typed.

use super::*;
use crate::app::testing::{app_on, cmd, now, run, sample};
use crate::app::{Effect, Mode, Notice};
use crate::keymap::Command;

#[test]
fn a_changed_grade_and_a_wrap_to_the_top_are_said() {
    let mut app = app_on(sample(3));
    run(&mut app, &[Action::Grade(0)]);
    run(&mut app, &[cmd(Command::First), Action::Grade(2)]);
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "CP-001: Good → Inadequate"),
        "{:?}",
        app.status.notice
    );
    // Grade the last case while CP-002 is still ungraded: auto-advance
    // goes back up, and says so.
    run(&mut app, &[cmd(Command::Last), Action::Grade(1)]);
    assert_eq!(app.list.cursor, 1);
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "CP-003 graded Requires improvement; back to the first ungraded case, CP-002"),
        "{:?}",
        app.status.notice
    );
}

#[test]
fn space_pages_the_case_view_and_b_pages_back() {
    let long = "word ".repeat(2_000);
    let mut s = sample(1);
    let mut b = crate::model::case::SampleBuilder::new();
    b.push(crate::model::case::CaseFields {
        id: "LONG".into(),
        summary: Some(long),
        ..crate::model::case::CaseFields::default()
    });
    s = b.finish("s", None, s.source.clone());
    let mut app = app_on(s);
    run(&mut app, &[Action::Resize(80, 24)]);
    let page = crate::app::geometry::case_inner(&app).map_or(0, |r| r.height - 2);
    assert!(page > 10, "{page}");
    run(&mut app, &[cmd(Command::PageCaseDown)]);
    assert_eq!(app.list.narrative_scroll, page);
    run(
        &mut app,
        &[cmd(Command::PageCaseDown), cmd(Command::PageCaseUp)],
    );
    assert_eq!(app.list.narrative_scroll, page);
    run(
        &mut app,
        &[cmd(Command::PageCaseUp), cmd(Command::PageCaseUp)],
    );
    assert_eq!(app.list.narrative_scroll, 0);
}

#[test]
fn go_to_an_id_then_back_and_forward_along_the_jumps() {
    let mut app = app_on(sample(120));
    let typed = |app: &mut App, text: &str| {
        for c in text.chars() {
            run(app, &[Action::Type(crate::keymap::KeySpec::char(c))]);
        }
    };
    // "#" then an exact id, in any case.
    run(&mut app, &[cmd(Command::GoTo)]);
    typed(&mut app, "cp-040");
    let Mode::GoTo(prompt) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!((prompt.candidate, prompt.starting), (Some(39), 1));
    run(&mut app, &[cmd(Command::Confirm)]);
    assert_eq!(app.list.cursor, 39);
    // A prefix goes to the first id that starts with it.
    run(&mut app, &[cmd(Command::GoTo)]);
    typed(&mut app, "CP-11");
    let Mode::GoTo(prompt) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!((prompt.candidate, prompt.starting), (Some(109), 10));
    run(&mut app, &[cmd(Command::Confirm)]);
    assert_eq!(app.list.cursor, 109);
    // An id nobody has: said, and the cursor stays.
    run(&mut app, &[cmd(Command::GoTo)]);
    typed(&mut app, "XX");
    run(&mut app, &[cmd(Command::Confirm)]);
    assert_eq!(app.list.cursor, 109);
    assert!(
        matches!(&app.status.notice, Some(Notice::Warning(t)) if t.contains("no case has an id starting \"XX\""))
    );
    // G is a jump too. Back: 119 → 109 → 39 → 0; forward again.
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.list.cursor, 119);
    for want in [109, 39, 0] {
        run(&mut app, &[cmd(Command::JumpBack)]);
        assert_eq!(app.list.cursor, want);
    }
    run(&mut app, &[cmd(Command::JumpBack)]);
    assert_eq!(app.list.cursor, 0, "nothing earlier");
    for want in [39, 109, 119] {
        run(&mut app, &[cmd(Command::JumpForward)]);
        assert_eq!(app.list.cursor, want);
    }
    // Moving by j/k is not a jump; a new jump forgets the way forward.
    run(
        &mut app,
        &[
            cmd(Command::JumpBack),
            cmd(Command::MoveUp),
            cmd(Command::First),
        ],
    );
    run(&mut app, &[cmd(Command::JumpForward)]);
    assert_eq!(app.list.cursor, 0);
    run(&mut app, &[cmd(Command::JumpBack)]);
    assert_eq!(app.list.cursor, 108);
}

#[test]
fn history_names_criteria_by_label_and_shows_the_notes_first_line() {
    use crate::model::change::{Answer, Change};
    let app = app_on(sample(2));
    let criterion = &app.session.config.criteria[0];
    let answered = Change::Criterion {
        case: "CP-001".into(),
        criterion: criterion.id.clone(),
        from: None,
        to: Some(Answer::NotMet),
    };
    assert_eq!(
        crate::app::describe(&app, &answered),
        format!("CP-001 {}: not met", criterion.label)
    );
    let note = Change::Note {
        case: "CP-001".into(),
        from: String::new(),
        to: "No strategy discussion.\nSecond line".into(),
    };
    assert_eq!(
        crate::app::describe(&app, &note),
        "CP-001 note: “No strategy discussion.…”"
    );
}

#[test]
fn every_message_shown_is_kept_in_the_log_the_last_hundred() {
    let mut app = app_on(sample(3));
    run(&mut app, &[Action::Grade(0)]);
    run(&mut app, &[cmd(Command::First), Action::Grade(2)]);
    let texts: Vec<String> = app
        .messages()
        .iter()
        .map(|(_, n)| match n {
            Notice::Info(t) | Notice::Warning(t) => t.clone(),
        })
        .collect();
    assert_eq!(
        texts.last().map(String::as_str),
        Some("CP-001: Good → Inadequate")
    );
    for _ in 0..150 {
        run(&mut app, &[cmd(Command::Flag)]);
    }
    assert_eq!(app.messages().len(), crate::app::MESSAGE_LOG);
    run(&mut app, &[cmd(Command::Messages)]);
    assert!(matches!(app.mode, Mode::Messages { scroll: 0 }));
    run(&mut app, &[cmd(Command::Close)]);
    assert!(matches!(app.mode, Mode::Browse));
}

#[test]
fn a_note_being_typed_is_kept_at_most_a_second_behind_and_forgotten_when_saved() {
    use crate::keymap::KeySpec;
    let drafts = |effects: &[Effect]| -> Vec<Option<String>> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Draft(d) => Some(d.as_ref().map(|d| d.text.clone())),
                _ => None,
            })
            .collect()
    };
    let mut app = app_on(sample(2));
    run(&mut app, &[cmd(Command::EditNote)]);
    let t0 = now();
    let key = |c| Action::Type(KeySpec::char(c));
    assert_eq!(
        drafts(&update(&mut app, key('a'), t0)),
        [Some("a".to_owned())]
    );
    // Within the second: not yet; a tick after it: kept.
    assert!(
        drafts(&update(
            &mut app,
            key('b'),
            t0 + jiff::SignedDuration::from_millis(300)
        ))
        .is_empty()
    );
    assert!(
        drafts(&update(
            &mut app,
            Action::Tick,
            t0 + jiff::SignedDuration::from_millis(600)
        ))
        .is_empty()
    );
    let later = t0 + jiff::SignedDuration::from_millis(1100);
    assert_eq!(
        drafts(&update(&mut app, Action::Tick, later)),
        [Some("ab".to_owned())]
    );
    assert!(
        drafts(&update(
            &mut app,
            Action::Tick,
            later + jiff::SignedDuration::from_secs(5)
        ))
        .is_empty(),
        "nothing new typed"
    );
    // Saved: forgotten.
    let effects = update(&mut app, cmd(Command::SaveNote), later);
    assert_eq!(drafts(&effects), [None]);
    assert_eq!(app.session.review.note(0), "ab");
}

#[test]
fn a_kept_draft_reopens_its_note_at_the_next_start() {
    let app = app_on(sample(3)).with_draft(Some(crate::store::session::Draft {
        case: "CP-002".into(),
        text: "Half a thought".into(),
    }));
    assert_eq!(app.list.cursor, 1);
    let Mode::Note(editor) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(editor.text(), "Half a thought");
    assert!(
        matches!(&app.status.notice, Some(Notice::Warning(t)) if t.contains("writing on CP-002"))
    );
    // A draft for a case the sample no longer has is ignored.
    let app = app_on(sample(3)).with_draft(Some(crate::store::session::Draft {
        case: "GONE".into(),
        text: "x".into(),
    }));
    assert!(matches!(app.mode, Mode::Browse));
}

#[test]
fn cancel_discards_an_edit_after_asking_once() {
    let typed = |text: &str| -> Vec<Action> {
        text.chars()
            .map(|c| Action::Type(crate::keymap::KeySpec::char(c)))
            .collect()
    };
    let mut app = app_on(sample(2));
    run(&mut app, &[cmd(Command::EditNote)]);
    run(&mut app, &typed("Kept"));
    run(&mut app, &[cmd(Command::SaveNote)]);
    // Typed, then cancelled: asked first, then discarded.
    run(&mut app, &[cmd(Command::EditNote)]);
    run(&mut app, &typed(" and more"));
    let effects = run(&mut app, &[cmd(Command::Close)]);
    assert!(effects.is_empty());
    assert!(matches!(app.mode, Mode::Note(_)), "asked, still editing");
    assert!(
        matches!(&app.status.notice, Some(Notice::Warning(t)) if t.starts_with("discard what you typed? Ctrl-c again"))
    );
    let effects = run(&mut app, &[cmd(Command::Close)]);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Persist(_))),
        "nothing recorded"
    );
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.session.review.note(0), "Kept");
    // Nothing typed: closes at once.
    run(&mut app, &[cmd(Command::EditNote), cmd(Command::Close)]);
    assert!(matches!(app.mode, Mode::Browse));
    // Typing after the question asks again.
    run(&mut app, &[cmd(Command::EditNote)]);
    run(&mut app, &typed("x"));
    run(&mut app, &[cmd(Command::Close)]);
    run(&mut app, &typed("y"));
    run(&mut app, &[cmd(Command::Close)]);
    assert!(
        matches!(app.mode, Mode::Note(_)),
        "asked again after more typing"
    );
}

#[test]
fn go_to_counts_a_common_prefix_only_so_far_and_follows_it_as_it_grows() {
    let mut app = app_on(sample(1_500));
    run(&mut app, &[cmd(Command::GoTo)]);
    let look = |app: &mut App, text: &str| {
        for c in text.chars() {
            run(app, &[Action::Type(crate::keymap::KeySpec::char(c))]);
        }
        let Mode::GoTo(prompt) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        (prompt.candidate, prompt.starting)
    };
    // Every id starts "CP-": counted up to the limit and one.
    assert_eq!(
        look(&mut app, "cp-"),
        (Some(0), crate::app::jumps::MANY_IDS + 1)
    );
    // CP-100…CP-199 and CP-1000…CP-1500: counted whole; the first in
    // sample order is the candidate.
    assert_eq!(look(&mut app, "1"), (Some(99), 601));
    assert_eq!(look(&mut app, "4"), (Some(139), 110));
    assert_eq!(look(&mut app, "99"), (Some(1498), 1));
}
