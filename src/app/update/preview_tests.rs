//! The first cases of a big sample, shown while it is read: what they
//! take and refuse, grading once the session's state is known, and how
//! the review takes over from them.

use super::*;
use crate::app::testing::{app_on, cmd, now, sample};
use crate::app::{Mode, Notice, SaveState};
use crate::keymap::Command;
use crate::model::change::{Change, Origin};
use crate::model::review::{Review, Stamp};
use crate::model::scale::Scale;

/// Carries out `actions` on `preview` as the terminal layer does while the
/// sample is read: their effects are not carried out (changes wait).
fn on_preview(preview: &mut App, actions: &[Action]) {
    for action in actions {
        let _ = update(preview, action.clone(), now());
    }
}

/// A preview of `n` cases whose session holds `review` for them.
fn known_preview(n: usize, review: Review) -> App {
    let mut preview = app_on(sample(n)).previewing();
    on_preview(
        &mut preview,
        &[Action::FirstCasesKnown(Box::new(review), None)],
    );
    preview
}

fn empty(n: usize) -> Review {
    Review::new(Scale::hmicfrs(), n)
}

/// A review of `n` cases with the first graded `level`, its history
/// forgotten (as a resumed session's first cases are known).
fn first_graded(n: usize, level: &str) -> Review {
    let mut review = empty(n);
    let change = Change::Grade {
        case: "CP-001".into(),
        from: None,
        to: Some(level.into()),
    };
    let stamp = Stamp {
        by: "tester".into(),
        at: now(),
        cursor: None,
    };
    review.edit(&sample(n), change, stamp).expect("edit");
    review.forget_history();
    review
}

fn notice(app: &App) -> String {
    match &app.status.notice {
        Some(Notice::Info(t) | Notice::Warning(t)) => t.clone(),
        None => String::new(),
    }
}

#[test]
fn a_preview_grades_once_the_session_is_known_and_keeps_its_changes_waiting() {
    let mut preview = app_on(sample(20)).previewing();
    on_preview(&mut preview, &[Action::Grade(0), cmd(Command::Flag)]);
    assert_eq!(preview.review().grade(0), None);
    assert!(!preview.review().flagged(0));
    assert!(
        notice(&preview).contains("grading starts"),
        "{}",
        notice(&preview)
    );
    on_preview(
        &mut preview,
        &[
            Action::FirstCasesKnown(Box::new(empty(20)), None),
            Action::Grade(0),
        ],
    );
    assert_eq!(preview.review().grade(0), Some(0));
    assert_eq!(preview.cursor(), 1, "on to the next case");
    assert!(preview.changed_ahead());
    assert_eq!(preview.unsaved().len(), 1, "to be kept beside the session");
    assert!(matches!(preview.save_state(), SaveState::Failed(_)));
    assert!(preview.tally().progress().ends_with("still counting"));
}

#[test]
fn work_on_the_whole_sample_waits_for_it() {
    let mut preview = known_preview(20, empty(20));
    for (command, said) in [
        (
            Command::Search,
            "search works once the whole sample is read",
        ),
        (Command::Filter, "filtering works once"),
        (Command::Sort, "sorting works once"),
        (Command::GoTo, "going to a case works once"),
        (Command::Export, "export works once"),
        (Command::History, "the history works once"),
    ] {
        on_preview(&mut preview, &[cmd(command)]);
        assert!(matches!(preview.mode, Mode::Browse), "{command:?}");
        assert!(notice(&preview).contains(said), "{}", notice(&preview));
    }
    // What only reads the first cases is carried out.
    on_preview(&mut preview, &[cmd(Command::Help)]);
    assert!(matches!(preview.mode, Mode::Help { .. }));
}

#[test]
fn undo_on_a_preview_reaches_only_its_own_edits() {
    let mut preview = known_preview(5, first_graded(5, "good"));
    on_preview(&mut preview, &[cmd(Command::Undo)]);
    assert_eq!(
        preview.review().grade(0),
        Some(0),
        "the session's grade stays"
    );
    assert!(
        notice(&preview).contains("nothing to undo yet"),
        "{}",
        notice(&preview)
    );
    on_preview(
        &mut preview,
        &[cmd(Command::MoveDown), Action::Grade(2), cmd(Command::Undo)],
    );
    assert_eq!(preview.review().grade(1), None);
    assert_eq!(preview.unsaved().len(), 2, "the edit and its undo");
}

#[test]
fn grading_the_last_of_the_first_cases_does_not_go_back_to_the_top() {
    let mut preview = known_preview(3, empty(3));
    on_preview(&mut preview, &[cmd(Command::Last), Action::Grade(0)]);
    assert_eq!(
        preview.cursor(),
        2,
        "the next ungraded case may be past them"
    );
    on_preview(
        &mut preview,
        &[cmd(Command::First), Action::Grade(0), Action::Grade(0)],
    );
    assert!(
        !notice(&preview).contains("all 3 cases graded"),
        "the sample is not all read: {}",
        notice(&preview)
    );
}

#[test]
fn esc_leaves_a_preview_with_nothing_to_save_and_q_waits_for_the_save() {
    let mut idle = known_preview(5, empty(5));
    on_preview(&mut idle, &[cmd(Command::Close)]);
    assert!(idle.quitting(), "Esc cancels the read");
    let mut graded = known_preview(5, empty(5));
    on_preview(&mut graded, &[Action::Grade(0), cmd(Command::Close)]);
    assert!(
        !graded.quitting(),
        "Esc does not cancel once something changed"
    );
    on_preview(&mut graded, &[cmd(Command::Quit)]);
    assert!(graded.quitting(), "q quits once the session has the grade");
    assert!(graded.changed_ahead());
}

#[test]
fn the_preview_goes_to_the_case_the_session_was_left_on_unless_the_reviewer_moved() {
    let mut preview = app_on(sample(20)).previewing();
    let left_on = Action::FirstCasesKnown(Box::new(empty(20)), Some("CP-007".into()));
    on_preview(&mut preview, std::slice::from_ref(&left_on));
    assert_eq!(preview.cursor(), 6);
    let mut moved = app_on(sample(20)).previewing();
    on_preview(&mut moved, &[cmd(Command::MoveDown), left_on]);
    assert_eq!(moved.cursor(), 1);
}

#[test]
fn the_review_goes_on_from_the_case_the_preview_was_on() {
    let preview = || {
        let mut preview = app_on(sample(20)).previewing();
        on_preview(
            &mut preview,
            &[
                cmd(Command::MoveDown),
                cmd(Command::MoveDown),
                cmd(Command::Focus),
            ],
        );
        assert!(preview.tally().progress().ends_with("still counting"));
        preview
    };
    let review = app_on(sample(5_000)).taking_ahead(None, Some(preview()));
    assert_eq!(review.cursor(), 2);
    assert_eq!(review.focus(), crate::app::Focus::Case);
    assert_eq!(review.tally().progress(), "0/5000 graded");
    let resumed_on = |cursor| {
        App::new(
            sample(5_000),
            empty(5_000),
            crate::config::Config::default(),
            "tester".into(),
            "/tmp/t.session.ron".into(),
            cursor,
        )
    };
    assert_eq!(
        resumed_on(40).taking_ahead(None, Some(preview())).cursor(),
        2,
        "where the reviewer moved to, not where the session was left"
    );
    let untouched = app_on(sample(20)).previewing();
    assert_eq!(
        resumed_on(40).taking_ahead(None, Some(untouched)).cursor(),
        40,
        "a review nobody moved on resumes where it was left"
    );
}

#[test]
fn changes_made_on_a_preview_join_the_review_from_what_it_holds() {
    let mut preview = known_preview(20, empty(20));
    on_preview(&mut preview, &[Action::Grade(0), cmd(Command::EditNote)]);
    for c in "seen".chars() {
        on_preview(
            &mut preview,
            &[Action::Type(crate::keymap::KeySpec::char(c))],
        );
    }
    // The session's own state differs from what the preview was shown:
    // the journal must say what each change replaced here.
    let review = App::new(
        sample(5_000),
        first_graded(5_000, "inadequate"),
        crate::config::Config::default(),
        "tester".into(),
        "/tmp/t.session.ron".into(),
        0,
    )
    .with_notice(Notice::Info("resumed: 1/5000 graded".into()));
    // What was kept beside the session (the grade) is taken in once.
    let kept = preview.review().history()[..1].to_vec();
    let mut review = review.taking_ahead(Some(kept), Some(preview));
    let carried = review.unsaved().to_vec();
    assert_eq!(carried.len(), 1);
    assert_eq!(
        carried[0].change,
        Change::Grade {
            case: "CP-001".into(),
            from: Some("inadequate".into()),
            to: Some("good".into()),
        }
    );
    assert_eq!(carried[0].origin, Origin::Edit);
    assert_eq!(carried[0].seq, review.review().next_seq() - 1);
    assert_eq!(review.review().grade(0), Some(0));
    assert_eq!(review.review().counts(), &[1, 0, 0]);
    assert_eq!(
        notice(&review),
        "resumed: 1/5000 graded, and 1 change made during the read"
    );
    // The note being written goes on, on the same case.
    let Mode::Note(editor) = &review.mode else {
        panic!("{:?}", review.mode)
    };
    assert_eq!((editor.case, editor.text().as_str()), (1, "seen"));
    on_preview(&mut review, &[cmd(Command::SaveNote)]);
    assert_eq!(review.review().note(1), "seen");
}

#[test]
fn a_failed_opening_says_which_changes_are_kept_and_where() {
    let mut preview = known_preview(20, empty(20));
    let kept = std::path::Path::new("/s/t.session.ron.ahead");
    assert_eq!(preview.kept_ahead(kept), None);
    on_preview(&mut preview, &[Action::Grade(0), cmd(Command::Flag)]);
    let said = preview.kept_ahead(kept).expect("something is kept");
    assert!(
        said.starts_with(
            "2 changes made while the sample was read are kept in /s/t.session.ron.ahead and join the review when it next opens: CP-001"
        ),
        "{said}"
    );
    assert!(said.contains("CP-002"), "{said}");
}

/// Changes kept from a run that stopped before its session opened join it
/// at the next opening, each once, however often they were kept.
#[test]
fn changes_kept_from_an_earlier_run_join_the_review_once() {
    let mut earlier = known_preview(20, empty(20));
    on_preview(&mut earlier, &[Action::Grade(2), Action::Grade(0)]);
    let kept = earlier.review().history().to_vec();
    let doubled = [kept.clone(), kept].concat();
    let review = app_on(sample(5_000)).taking_ahead(Some(doubled), None);
    assert_eq!(review.unsaved().len(), 2);
    assert_eq!(review.review().grade(0), Some(2));
    assert_eq!(review.review().grade(1), Some(0));
    assert_eq!(
        notice(&review),
        "2 changes made during the read joined the review"
    );
}

/// A change to a case the whole sample turns out not to hold is not kept
/// as a stray grade: the review says so, naming the case.
#[test]
fn a_change_to_a_case_the_sample_lacks_is_said_not_kept() {
    let mut preview = known_preview(20, empty(20));
    on_preview(&mut preview, &[cmd(Command::Last), Action::Grade(0)]);
    let review = app_on(sample(10)).taking_ahead(None, Some(preview));
    assert!(review.unsaved().is_empty());
    assert!(review.review().orphans().is_empty());
    assert!(
        matches!(&review.status.notice, Some(Notice::Warning(t)) if t.ends_with("1 change made during the read could not be kept: CP-020 not in the sample as read")),
        "{:?}",
        review.status.notice
    );
}
