use super::*;
use crate::app::testing::{app_on, cmd, now, run, sample};
use crate::app::{Effect, Mode, Notice, SaveState};

use crate::keymap::Command;

#[test]
fn grading_saves_and_jumps_to_the_next_ungraded_case() {
    let mut app = app_on(sample(5));
    let effects = run(&mut app, &[Action::Grade(0)]);
    assert_eq!(app.session.review.grade(0), Some(0));
    assert_eq!(app.list.cursor, 1);
    match effects.as_slice() {
        [Effect::Persist(entries)] => {
            let [entry] = entries.as_slice() else {
                panic!("one change: {entries:?}")
            };
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
    assert_eq!(app.list.cursor, 3);
    run(
        &mut app,
        &[cmd(Command::MoveUp), cmd(Command::MoveUp), Action::Grade(1)],
    );
    assert_eq!(app.list.cursor, 3);
    assert_eq!(app.session.review.counts(), &[1, 1, 1]);
}

#[test]
fn regrading_changes_the_grade_and_stays() {
    let mut app = app_on(sample(3));
    run(
        &mut app,
        &[Action::Grade(0), cmd(Command::MoveUp), Action::Grade(2)],
    );
    assert_eq!(app.list.cursor, 0);
    assert_eq!(app.session.review.grade(0), Some(2));
    assert_eq!(app.session.review.counts(), &[0, 0, 1]);
    let effects = run(&mut app, &[Action::Grade(2)]);
    assert!(effects.is_empty(), "same grade again changes nothing");
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t.contains("already graded Inadequate"))
    );
}

#[test]
fn without_auto_advance_the_cursor_stays() {
    let mut app = app_on(sample(3));
    app.session.config.auto_advance = false;
    run(&mut app, &[Action::Grade(1)]);
    assert_eq!(app.list.cursor, 0);
}

#[test]
fn grading_the_last_ungraded_case_says_all_are_graded() {
    let mut app = app_on(sample(2));
    run(&mut app, &[Action::Grade(0), Action::Grade(0)]);
    assert_eq!(app.session.review.graded(), 2);
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "all 2 cases graded"),
        "{:?}",
        app.status.notice
    );
}

#[test]
fn undo_and_redo_return_to_the_case_and_are_saved() {
    let mut app = app_on(sample(5));
    run(
        &mut app,
        &[Action::Grade(0), Action::Grade(1), Action::Grade(2)],
    );
    assert_eq!(app.list.cursor, 3);
    let effects = run(&mut app, &[cmd(Command::Undo)]);
    assert_eq!(app.list.cursor, 2, "undo shows the case it changed");
    assert_eq!(app.session.review.grade(2), None);
    assert!(
        matches!(effects.as_slice(), [Effect::Persist(e)] if e[0].cursor.as_deref() == Some("CP-003"))
    );
    run(&mut app, &[cmd(Command::Undo), cmd(Command::Undo)]);
    assert_eq!(app.session.review.graded(), 0);
    assert_eq!(run(&mut app, &[cmd(Command::Undo)]), vec![]);
    assert!(matches!(&app.status.notice, Some(Notice::Info(t)) if t == "nothing to undo"));
    run(&mut app, &[cmd(Command::Redo), cmd(Command::Redo)]);
    assert_eq!(app.session.review.counts(), &[1, 1, 0]);
    assert_eq!(app.list.cursor, 1);
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "redone: CP-002 ungraded → Requires improvement"),
        "{:?}",
        app.status.notice
    );
}

#[test]
fn movement_stays_in_bounds() {
    let mut app = app_on(sample(30));
    run(&mut app, &[cmd(Command::MoveUp)]);
    assert_eq!(app.list.cursor, 0);
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.list.cursor, 29);
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert_eq!(app.list.cursor, 29);
    run(&mut app, &[cmd(Command::First), cmd(Command::PageDown)]);
    let page = crate::app::geometry::list_rows(&app);
    assert!(page > 3);
    assert_eq!(app.list.cursor as usize, page);
    run(&mut app, &[cmd(Command::PageUp)]);
    assert_eq!(app.list.cursor, 0);
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_visible() {
    let mut app = app_on(sample(100));
    run(&mut app, &[Action::Resize(80, 24)]);
    let rows = crate::app::geometry::list_rows(&app);
    run(&mut app, &[cmd(Command::Last)]);
    assert_eq!(app.list.top, 100 - rows);
    for _ in 0..rows {
        run(&mut app, &[cmd(Command::MoveUp)]);
    }
    assert_eq!(
        app.list.top,
        100 - rows - 1,
        "moving up inside the view does not scroll until the top"
    );
    run(&mut app, &[Action::Resize(80, 60)]);
    let taller = crate::app::geometry::list_rows(&app);
    assert!(
        app.list.top + taller <= 100,
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
    let max = crate::app::geometry::narrative_max_scroll(&app);
    assert_eq!(app.list.narrative_scroll, max);
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert_eq!(app.list.narrative_scroll, 0);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::Help)]);
    assert!(matches!(app.mode, Mode::Help { scroll: 0 }));
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::MoveDown)]);
    assert!(matches!(app.mode, Mode::Help { scroll: 2 }));
    assert_eq!(app.list.cursor, 0, "keys scroll the help, not the list");
    run(&mut app, &[Action::Grade(0)]);
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(
        app.session.review.graded(),
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
    app.session.config.auto_advance = false;
    let intended = include_str!("../../../tests/fixtures/demo_intended_grades.txt");
    for line in intended.lines().filter(|l| !l.starts_with('#')) {
        let (id, grade) = line.split_once(' ').expect("id grade");
        app.list.cursor = app.session.sample.position(id).expect("demo case");
        let level = grade.parse::<u8>().expect("digit") - 1;
        run(&mut app, &[Action::Grade(level)]);
    }
    let tally = app.tally();
    assert_eq!(tally.progress(), "74/74 graded");
    let shown: Vec<(u64, u32)> = tally.rows.iter().map(|r| (r.count, r.percent)).collect();
    assert_eq!(shown, vec![(23, 31), (23, 31), (28, 38)]);
}

/// A change whose writing failed is never forgotten: the next change asks
/// for both to be written, oldest first, and the status line says NOT SAVED
/// until both are on disk (issue: a later good save hid the failed one).
#[test]
fn a_failed_save_is_retried_in_order_and_shown_until_written() {
    let mut app = app_on(sample(5));
    let first = update(&mut app, Action::Grade(0), now());
    let [Effect::Persist(entries)] = first.as_slice() else {
        panic!("{first:?}")
    };
    let seq1 = entries[0].seq;
    update(
        &mut app,
        Action::SaveFailed(seq1, "No space left on device".into()),
        now(),
    );
    assert_eq!(
        app.save_state(),
        SaveState::Failed("No space left on device".into())
    );
    let second = update(&mut app, Action::Grade(1), now());
    let [Effect::Persist(both)] = second.as_slice() else {
        panic!("{second:?}")
    };
    let seqs: Vec<u64> = both.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [seq1, seq1 + 1], "the failed change first");
    // The newer change alone being written does not clear the warning.
    update(&mut app, Action::Saved(seq1 + 1), now());
    assert!(matches!(app.save_state(), SaveState::Failed(_)));
    assert_eq!(app.unsaved().len(), 1);
    update(&mut app, Action::Saved(seq1), now());
    assert_eq!(app.save_state(), SaveState::Saved);
    assert!(app.unsaved().is_empty());
}

#[test]
fn unsaved_changes_are_tried_again_while_idle() {
    let mut app = app_on(sample(3));
    let effects = update(&mut app, Action::Grade(0), now());
    let [Effect::Persist(entries)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let seq = entries[0].seq;
    update(&mut app, Action::SaveFailed(seq, "I/O error".into()), now());
    let soon = now() + jiff::SignedDuration::from_millis(500);
    assert!(
        update(&mut app, Action::Tick, soon).is_empty(),
        "not at once again"
    );
    let later = now() + jiff::SignedDuration::from_secs(3);
    let retry = update(&mut app, Action::Tick, later);
    assert!(
        matches!(retry.as_slice(), [Effect::Persist(e)] if e.len() == 1 && e[0].seq == seq),
        "{retry:?}"
    );
    update(&mut app, Action::Saved(seq), later);
    assert_eq!(app.save_state(), SaveState::Saved);
    assert!(
        update(
            &mut app,
            Action::Tick,
            later + jiff::SignedDuration::from_secs(9)
        )
        .is_empty()
    );
}
