use crate::app::testing::{app_on, cmd, run, sample};
use crate::app::{Action, Condition, Effect, Filter, Mode, Notice};
use crate::keymap::{Command, KeySpec};
use crate::model::change::{Answer, Change};

fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Type(KeySpec::char(c)))
        .collect()
}

fn changes(effects: &[Effect]) -> Vec<&Change> {
    effects
        .iter()
        .flat_map(|e| match e {
            Effect::Persist(entries) => entries.iter().map(|e| &e.change).collect(),
            Effect::Export { .. } | Effect::CancelExport | Effect::Draft(_) | Effect::Sort(_) => {
                Vec::new()
            }
        })
        .collect()
}

#[test]
fn notes_are_edited_saved_and_undoable() {
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::EditNote)]);
    assert!(matches!(app.mode, Mode::Note(_)));
    run(&mut app, &typed("No risk assessment"));
    let effects = run(&mut app, &[cmd(Command::SaveNote)]);
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.session.review.note(0), "No risk assessment");
    assert!(
        matches!(changes(&effects).as_slice(), [Change::Note { to, .. }] if to == "No risk assessment")
    );
    // Reopening shows the note; closing unchanged saves nothing.
    run(&mut app, &[cmd(Command::EditNote)]);
    assert!(changes(&run(&mut app, &[cmd(Command::SaveNote)])).is_empty());
    run(&mut app, &[cmd(Command::Undo)]);
    assert_eq!(app.session.review.note(0), "");
}

#[test]
fn keys_typed_into_a_note_are_text_not_commands() {
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::EditNote)]);
    let key = |c| crate::app::input::action_for_key(&app, KeySpec::char(c));
    assert_eq!(key('q'), Some(Action::Type(KeySpec::char('q'))));
    assert_eq!(key('1'), Some(Action::Type(KeySpec::char('1'))));
}

#[test]
fn a_grade_that_requires_a_note_waits_for_one() {
    let mut app = app_on(sample(3));
    app.session.config.require_note_for = vec!["inadequate".into()];
    let effects = run(&mut app, &[Action::Grade(2)]);
    assert!(effects.is_empty());
    assert!(matches!(&app.mode, Mode::Note(e) if e.pending_grade == Some(2)));
    // An empty note is refused with a clear message; the editor stays open.
    run(&mut app, &[cmd(Command::SaveNote)]);
    assert!(
        matches!(&app.status.notice, Some(Notice::Warning(t)) if t.contains("a note is required to grade Inadequate"))
    );
    assert!(matches!(app.mode, Mode::Note(_)));
    run(&mut app, &typed("Appropriate adult not called"));
    let effects = run(&mut app, &[cmd(Command::SaveNote)]);
    let kinds = changes(&effects);
    assert!(
        matches!(kinds.as_slice(), [Change::Note { .. }, Change::Grade { to: Some(g), .. }] if g == "inadequate"),
        "{kinds:?}"
    );
    assert_eq!(app.session.review.grade(0), Some(2));
    assert_eq!(app.list.cursor, 1, "then on to the next ungraded case");
    // A second Esc on an empty note leaves without grading.
    run(
        &mut app,
        &[
            Action::Grade(2),
            cmd(Command::SaveNote),
            cmd(Command::SaveNote),
        ],
    );
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.session.review.grade(1), None);
    // A case that already has a note is graded at once.
    run(&mut app, &[cmd(Command::EditNote)]);
    run(&mut app, &typed("x"));
    run(&mut app, &[cmd(Command::SaveNote), Action::Grade(2)]);
    assert_eq!(app.session.review.grade(1), Some(2));
}

#[test]
fn flags_toggle_and_filter() {
    let mut app = app_on(sample(5));
    run(
        &mut app,
        &[
            cmd(Command::Flag),
            cmd(Command::MoveDown),
            cmd(Command::MoveDown),
            cmd(Command::Flag),
        ],
    );
    assert!(app.session.review.flagged(0) && app.session.review.flagged(2));
    run(&mut app, &[cmd(Command::Flag)]);
    assert!(!app.session.review.flagged(2));
    run(&mut app, &[cmd(Command::Filter)]);
    let flagged = app
        .filter_options()
        .iter()
        .position(|f| *f == Some(Condition::Flagged))
        .expect("option");
    for _ in 0..flagged {
        run(&mut app, &[cmd(Command::MoveDown)]);
    }
    run(&mut app, &[cmd(Command::Confirm)]);
    assert_eq!(app.list.filter, Filter::only(Condition::Flagged));
    assert_eq!(app.list_len(), 1);
    assert_eq!(app.list.cursor, 0);
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "showing flagged: 1 of 5 cases")
    );
}

#[test]
fn the_ungraded_filter_follows_grading() {
    let mut app = app_on(sample(6));
    run(&mut app, &[Action::Grade(0)]);
    crate::app::filter::set_filter(&mut app, Filter::only(Condition::Ungraded));
    assert_eq!(app.list_len(), 5);
    run(&mut app, &[Action::Grade(1)]);
    assert_eq!(
        app.list_len(),
        4,
        "the graded case leaves the list once the cursor moves on"
    );
    assert_eq!(app.list.cursor, 2);
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.list.cursor, 5);
    // Regrading in place keeps the case listed while it is current.
    run(&mut app, &[Action::Grade(2)]);
    assert_eq!(
        app.list.cursor, 2,
        "auto-advance wraps to the next ungraded"
    );
    assert_eq!(app.list_len(), 3);
}

#[test]
fn checklist_answers_are_saved_and_move_down() {
    let mut app = app_on(sample(2));
    run(&mut app, &[cmd(Command::Criteria)]);
    assert!(matches!(app.mode, Mode::Checklist { selected: 0 }));
    let effects = run(
        &mut app,
        &[
            cmd(Command::AnswerMet),
            cmd(Command::AnswerNotMet),
            cmd(Command::AnswerNotApplicable),
        ],
    );
    assert_eq!(effects.len(), 3);
    assert!(matches!(app.mode, Mode::Checklist { selected: 3 }));
    run(&mut app, &[cmd(Command::MoveUp), cmd(Command::AnswerClear)]);
    let ids: Vec<String> = app
        .session
        .config
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let answers = &app.session.review.detail(0).expect("answers").criteria;
    assert_eq!(answers.get(&ids[0]), Some(&Answer::Met));
    assert_eq!(answers.get(&ids[1]), Some(&Answer::NotMet));
    assert_eq!(answers.get(&ids[2]), None, "cleared");
    run(&mut app, &[cmd(Command::Close), cmd(Command::Undo)]);
    assert_eq!(
        app.session
            .review
            .detail(0)
            .and_then(|d| d.criteria.get(&ids[2])),
        Some(&Answer::NotApplicable)
    );
}

#[test]
fn incremental_search_jumps_and_esc_returns() {
    let mut app = app_on(sample(30));
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::Search)]);
    run(&mut app, &typed("CASE 2"));
    let search = app.list.search.clone().expect("search");
    // "case 2" matches 2 and 20-29 (in titles and narratives), case-insensitively.
    assert_eq!(search.matches.len(), 11);
    assert_eq!(
        app.list.cursor, 1,
        "the first match at or after where the search began"
    );
    run(&mut app, &typed("5"));
    assert_eq!(
        app.list.search.as_ref().map(|s| s.matches.clone()),
        Some(vec![24])
    );
    assert_eq!(app.list.cursor, 24);
    run(&mut app, &[cmd(Command::Close)]);
    assert_eq!(app.list.cursor, 1);
    assert!(app.list.search.is_none());
    run(&mut app, &[cmd(Command::Search)]);
    run(&mut app, &typed("case 2"));
    run(&mut app, &[cmd(Command::Confirm), cmd(Command::NextMatch)]);
    assert_eq!(app.list.cursor, 19);
    run(
        &mut app,
        &[cmd(Command::PreviousMatch), cmd(Command::PreviousMatch)],
    );
    assert_eq!(app.list.cursor, 28, "wraps backwards");
}

#[test]
fn search_finds_notes_and_extra_fields() {
    let mut app = app_on(sample(5));
    run(&mut app, &[cmd(Command::Last), cmd(Command::EditNote)]);
    run(&mut app, &typed("strip search"));
    run(
        &mut app,
        &[
            cmd(Command::SaveNote),
            cmd(Command::First),
            cmd(Command::Search),
        ],
    );
    run(&mut app, &typed("STRIP"));
    assert_eq!(
        app.list.search.as_ref().map(|s| s.matches.clone()),
        Some(vec![4])
    );
    run(&mut app, &[cmd(Command::Close), cmd(Command::Search)]);
    run(&mut app, &typed("custody"));
    assert_eq!(
        app.list.search.as_ref().map(|s| s.matches.len()),
        Some(2),
        "category field"
    );
}

#[test]
fn history_lists_changes_and_jumps_to_the_case() {
    let mut app = app_on(sample(5));
    run(
        &mut app,
        &[Action::Grade(0), Action::Grade(1), cmd(Command::History)],
    );
    assert!(matches!(app.mode, Mode::History { selected: 0 }));
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::Confirm)]);
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.list.cursor, 0, "the older change was to the first case");
}

#[test]
fn details_hold_the_breakdown_and_close_on_any_other_key() {
    let mut app = app_on(sample(6));
    run(
        &mut app,
        &[Action::Grade(0), Action::Grade(2), cmd(Command::Details)],
    );
    match &app.mode {
        Mode::Details { breakdown, .. } => assert_eq!(breakdown.level_counts, vec![1, 0, 1]),
        other => panic!("{other:?}"),
    }
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert!(matches!(app.mode, Mode::Details { scroll: 1, .. }));
    run(&mut app, &[cmd(Command::Flag)]);
    assert!(matches!(app.mode, Mode::Browse));
}

#[test]
fn mouse_selects_and_scrolls() {
    let mut app = app_on(sample(40));
    run(&mut app, &[Action::Resize(100, 30)]);
    // Row 2 of the screen is the first case row (border, header).
    run(&mut app, &[Action::Click(3, 6)]);
    assert_eq!(app.list.cursor, 4);
    run(&mut app, &[Action::Wheel(3, 6, true)]);
    assert_eq!(app.list.cursor, 7);
    run(
        &mut app,
        &[Action::Resize(100, 16), Action::Wheel(60, 4, true)],
    );
    assert!(
        app.list.narrative_scroll > 0,
        "the wheel over the case scrolls the narrative"
    );
}

#[test]
fn a_long_search_continues_while_the_keyboard_is_idle() {
    let n = crate::app::search::STEP + 5_000;
    let mut app = app_on(sample(n));
    run(&mut app, &[cmd(Command::Search)]);
    run(&mut app, &typed(&format!("case {n}")));
    assert!(app.busy(), "one key checks at most one step of cases");
    assert_eq!(
        app.list.cursor, 0,
        "no match yet: the cursor waits where the search began"
    );
    run(&mut app, &[Action::Tick]);
    assert!(!app.busy());
    assert_eq!(
        app.list.search.as_ref().map(|s| s.matches.clone()),
        Some(vec![n as u32 - 1])
    );
    assert_eq!(
        app.list.cursor as usize,
        n - 1,
        "found on an idle tick, the cursor follows"
    );
}
