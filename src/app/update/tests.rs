use super::*;
use crate::app::testing::{app_on, cmd, run, sample};
use crate::app::{Effect, Mode, Notice};
use crate::keymap::Command;

#[test]
fn grading_saves_and_jumps_to_the_next_ungraded_case() {
    let mut app = app_on(sample(5));
    let effects = run(&mut app, &[Action::Grade(0)]);
    assert_eq!(app.review.grade(0), Some(0));
    assert_eq!(app.cursor, 1);
    match effects.as_slice() {
        [Effect::Persist(entry)] => {
            assert_eq!(
                entry.cursor.as_deref(),
                Some("CP-002"),
                "the journal records where the reviewer went"
            );
            assert_eq!(entry.by, "tester");
        }
        other => panic!("expected one persist, got {other:?}"),
    }
    // Grade case 3 out of order (it jumps to 4), go back and grade case 2:
    // the next ungraded is 4 again.
    run(&mut app, &[cmd(Command::MoveDown), Action::Grade(2)]);
    assert_eq!(app.cursor, 3);
    run(
        &mut app,
        &[cmd(Command::MoveUp), cmd(Command::MoveUp), Action::Grade(1)],
    );
    assert_eq!(app.cursor, 3);
    assert_eq!(app.review.counts(), &[1, 1, 1]);
}

#[test]
fn regrading_changes_the_grade_and_stays() {
    let mut app = app_on(sample(3));
    run(
        &mut app,
        &[Action::Grade(0), cmd(Command::MoveUp), Action::Grade(2)],
    );
    assert_eq!(app.cursor, 0);
    assert_eq!(app.review.grade(0), Some(2));
    assert_eq!(app.review.counts(), &[0, 0, 1]);
    let effects = run(&mut app, &[Action::Grade(2)]);
    assert!(effects.is_empty(), "same grade again changes nothing");
    assert!(
        matches!(&app.notice, Some(Notice::Info(t)) if t.contains("already graded Inadequate"))
    );
}

#[test]
fn without_auto_advance_the_cursor_stays() {
    let mut app = app_on(sample(3));
    app.config.auto_advance = false;
    run(&mut app, &[Action::Grade(1)]);
    assert_eq!(app.cursor, 0);
}

#[test]
fn grading_the_last_ungraded_case_says_all_are_graded() {
    let mut app = app_on(sample(2));
    run(&mut app, &[Action::Grade(0), Action::Grade(0)]);
    assert_eq!(app.review.graded(), 2);
    assert!(
        matches!(&app.notice, Some(Notice::Info(t)) if t == "all 2 cases graded"),
        "{:?}",
        app.notice
    );
}

#[test]
fn undo_and_redo_return_to_the_case_and_are_saved() {
    let mut app = app_on(sample(5));
    run(
        &mut app,
        &[Action::Grade(0), Action::Grade(1), Action::Grade(2)],
    );
    assert_eq!(app.cursor, 3);
    let effects = run(&mut app, &[cmd(Command::Undo)]);
    assert_eq!(app.cursor, 2, "undo shows the case it changed");
    assert_eq!(app.review.grade(2), None);
    assert!(
        matches!(effects.as_slice(), [Effect::Persist(e)] if e.cursor.as_deref() == Some("CP-003"))
    );
    run(&mut app, &[cmd(Command::Undo), cmd(Command::Undo)]);
    assert_eq!(app.review.graded(), 0);
    assert_eq!(run(&mut app, &[cmd(Command::Undo)]), vec![]);
    assert!(matches!(&app.notice, Some(Notice::Info(t)) if t == "nothing to undo"));
    run(&mut app, &[cmd(Command::Redo), cmd(Command::Redo)]);
    assert_eq!(app.review.counts(), &[1, 1, 0]);
    assert_eq!(app.cursor, 1);
    assert!(
        matches!(&app.notice, Some(Notice::Info(t)) if t == "redone: CP-002 ungraded → Requires improvement"),
        "{:?}",
        app.notice
    );
}

#[test]
fn movement_stays_in_bounds() {
    let mut app = app_on(sample(30));
    run(&mut app, &[cmd(Command::MoveUp)]);
    assert_eq!(app.cursor, 0);
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.cursor, 29);
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert_eq!(app.cursor, 29);
    run(&mut app, &[cmd(Command::First), cmd(Command::PageDown)]);
    let page = crate::ui::layout::list_rows(&app);
    assert!(page > 3);
    assert_eq!(app.cursor as usize, page);
    run(&mut app, &[cmd(Command::PageUp)]);
    assert_eq!(app.cursor, 0);
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_visible() {
    let mut app = app_on(sample(100));
    run(&mut app, &[Action::Resize(80, 24)]);
    let rows = crate::ui::layout::list_rows(&app);
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.list_top, 100 - rows);
    for _ in 0..rows {
        run(&mut app, &[cmd(Command::MoveUp)]);
    }
    assert_eq!(
        app.list_top,
        100 - rows - 1,
        "moving up inside the view does not scroll until the top"
    );
    run(&mut app, &[Action::Resize(80, 60)]);
    let taller = crate::ui::layout::list_rows(&app);
    assert!(
        app.list_top + taller <= 100,
        "a taller window never shows rows past the end"
    );
}

#[test]
fn narrative_scroll_is_bounded_and_resets_on_a_new_case() {
    let mut app = app_on(sample(3));
    run(&mut app, &[Action::Resize(60, 20)]);
    for _ in 0..50 {
        run(&mut app, &[cmd(Command::ScrollDown)]);
    }
    let max = crate::ui::layout::narrative_max_scroll(&app);
    assert_eq!(app.narrative_scroll, max);
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert_eq!(app.narrative_scroll, 0);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::Help)]);
    assert!(matches!(app.mode, Mode::Help { scroll: 0 }));
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::MoveDown)]);
    assert!(matches!(app.mode, Mode::Help { scroll: 2 }));
    assert_eq!(app.cursor, 0, "keys scroll the help, not the list");
    run(&mut app, &[Action::Grade(0)]);
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(
        app.review.graded(),
        0,
        "the key that closes help does not grade"
    );
    run(&mut app, &[cmd(Command::Help), cmd(Command::Quit)]);
    assert!(!app.quitting, "q in help closes help");
    run(&mut app, &[cmd(Command::Quit)]);
    assert!(app.quitting);
}

#[test]
fn grading_the_demo_by_its_intended_grades_gives_the_published_tally() {
    let mut app = app_on(crate::store::sample::demo_sample());
    app.config.auto_advance = false;
    let intended = include_str!("../../../tests/fixtures/demo_intended_grades.txt");
    for line in intended.lines().filter(|l| !l.starts_with('#')) {
        let (id, grade) = line.split_once(' ').expect("id grade");
        app.cursor = app.sample.position(id).expect("demo case");
        let level = grade.parse::<u8>().expect("digit") - 1;
        run(&mut app, &[Action::Grade(level)]);
    }
    let tally = app.tally();
    assert_eq!(tally.progress(), "74/74 graded");
    let shown: Vec<(u64, u32)> = tally.rows.iter().map(|r| (r.count, r.percent)).collect();
    assert_eq!(shown, vec![(23, 31), (23, 31), (28, 38)]);
}
