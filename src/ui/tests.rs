//! Screens rendered into a `TestBackend` and compared with reviewed snapshots.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::testing::{app_on, cmd, run, sample};
use crate::app::{Action, App};
use crate::keymap::Command;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    run(app, &[Action::Resize(width, height)]);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| super::draw(f, app)).expect("draw");
    terminal
}

fn graded_demo() -> App {
    let mut app = app_on(crate::store::sample::demo_sample());
    run(
        &mut app,
        &[
            Action::Grade(0),
            Action::Grade(2),
            Action::Grade(1),
            Action::Grade(2),
            Action::Grade(0),
        ],
    );
    app
}

#[test]
fn main_screen_at_80x24() {
    let mut app = graded_demo();
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn main_screen_at_120x40() {
    let mut app = graded_demo();
    assert_snapshot!(render(&mut app, 120, 40).backend());
}

#[test]
fn graded_case_shows_grade_reviewer_and_time() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::First)]);
    let screen = format!("{:?}", render(&mut app, 100, 30).backend());
    assert!(
        screen.contains("■ Good  tester 2026-05-28 20:26"),
        "{screen}"
    );
}

#[test]
fn help_overlay() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Help)]);
    assert_snapshot!(render(&mut app, 80, 30).backend());
}

#[test]
fn short_screen_squeezes_the_tally_into_one_line() {
    let mut app = graded_demo();
    assert_snapshot!(render(&mut app, 60, 12).backend());
}

#[test]
fn tiny_terminal() {
    let mut app = graded_demo();
    assert_snapshot!(render(&mut app, 20, 3).backend());
}

#[test]
fn every_size_down_to_1x1_draws_without_panicking() {
    let mut app = graded_demo();
    for width in [1, 2, 5, 23, 24, 30, 49, 50, 80] {
        for height in [1, 2, 3, 4, 5, 8, 12, 24] {
            render(&mut app, width, height);
            run(&mut app, &[cmd(Command::Help)]);
            render(&mut app, width, height);
            run(&mut app, &[Action::Close]);
        }
    }
}

#[test]
fn empty_sample_draws() {
    let empty = SampleBuilder::new().finish(
        "empty".into(),
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    );
    let mut app = app_on(empty);
    run(
        &mut app,
        &[Action::Grade(0), cmd(Command::MoveDown), cmd(Command::Last)],
    );
    let screen = format!("{:?}", render(&mut app, 80, 24).backend());
    assert!(screen.contains("This sample has no cases."), "{screen}");
    assert!(screen.contains("0/0 graded"), "{screen}");
}

#[test]
fn hostile_case_text_is_shown_inert() {
    let mut b = SampleBuilder::new();
    b.push(CaseFields {
        id: "X-1".into(),
        title: Some("RED\u{1b}[31m title".into()),
        summary: Some("bell\u{7} and \u{202e}reversed".into()),
        ..CaseFields::default()
    });
    let mut app = app_on(b.finish(
        "hostile".into(),
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    ));
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let symbols: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(symbols.contains("RED\\u{1b}[31m title"), "{symbols}");
    assert!(symbols.contains("bell\\u{7} and \\u{202e}reversed"));
    assert!(!symbols.chars().any(|c| c.is_control() || c == '\u{202e}'));
}

#[test]
fn long_lists_draw_only_the_rows_on_screen() {
    let mut app = app_on(sample(5000));
    run(&mut app, &[cmd(Command::Last)]);
    let screen = format!("{:?}", render(&mut app, 80, 24).backend());
    assert!(screen.contains("CP-5000"), "{screen}");
    assert!(screen.contains("5000/5000"), "{screen}");
}
