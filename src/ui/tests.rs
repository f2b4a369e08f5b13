//! Screens rendered into a `TestBackend` and compared with reviewed snapshots.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::testing::{app_on, app_with, cmd, run, sample};
use crate::app::{Action, App};
use crate::keymap::Command;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};

pub(super) fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    run(app, &[Action::Resize(width, height)]);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = super::theme::Theme::new(app.config().theme, false);
    terminal
        .draw(|f| super::draw(f, app, &theme))
        .expect("draw");
    terminal
}

/// The demo, with its own settings (the published reference), as the app
/// opens it.
fn demo() -> App {
    let config = crate::config::sample::SampleSetup::demo(crate::config::Config::default()).config;
    app_with(crate::store::sample::demo_sample(), config)
}

pub(super) fn graded_demo() -> App {
    let mut app = demo();
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
    assert!(screen.contains("Grade        ■ Good"), "{screen}");
    assert!(
        screen.contains("Last change  2026-05-28 20:26 UTC by tester"),
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
            run(&mut app, &[cmd(Command::Close)]);
        }
    }
}

#[test]
fn empty_sample_draws() {
    let empty = SampleBuilder::new().finish(
        "empty",
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
        "hostile",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    ));
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let symbols: String = buffer
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
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

fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Type(crate::keymap::KeySpec::char(c)))
        .collect()
}

#[test]
fn note_editor_overlay() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::EditNote)]);
    run(
        &mut app,
        &typed("Risk graded low despite two earlier episodes; no strategy discussion."),
    );
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn criteria_checklist_overlay() {
    let mut app = graded_demo();
    run(
        &mut app,
        &[
            cmd(Command::Criteria),
            cmd(Command::AnswerMet),
            cmd(Command::AnswerNotMet),
            cmd(Command::AnswerNotApplicable),
        ],
    );
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn filter_picker_overlay() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Filter), cmd(Command::MoveDown)]);
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn filtered_list_with_flags_and_notes() {
    let mut app = graded_demo();
    run(
        &mut app,
        &[
            cmd(Command::First),
            cmd(Command::Flag),
            cmd(Command::EditNote),
        ],
    );
    run(&mut app, &typed("Good early risk assessment."));
    run(&mut app, &[cmd(Command::SaveNote)]);
    // The filter picker: all, ungraded, then the first grade.
    crate::app::testing::press(&mut app, &["F", "j", "j", "Enter"]);
    assert_eq!(
        app.filter(),
        &crate::app::Filter::only(crate::app::Condition::Grade(0))
    );
    assert_snapshot!(render(&mut app, 100, 30).backend());
}

#[test]
fn search_prompt_highlights_matches() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Search)]);
    run(&mut app, &typed("appropriate adult"));
    let terminal = render(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let highlighted = buffer
        .content()
        .iter()
        .filter(|c| {
            c.bg == super::theme::Theme::new(crate::config::ThemeName::Default, false)
                .highlight()
                .bg
                .expect("a background")
        })
        .count();
    assert!(
        highlighted >= "appropriate adult".len(),
        "matches are highlighted"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn tally_details_overlay() {
    let mut app = graded_demo();
    run(
        &mut app,
        &[
            cmd(Command::Criteria),
            cmd(Command::AnswerNotMet),
            cmd(Command::Close),
            cmd(Command::Details),
        ],
    );
    assert_snapshot!(render(&mut app, 110, 40).backend());
}

#[test]
fn history_overlay() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Undo), cmd(Command::History)]);
    assert_snapshot!(render(&mut app, 90, 20).backend());
}

#[test]
fn six_level_scale_fits_at_80x24() {
    let config = crate::config::Config {
        scale: crate::model::scale::Scale::care_inspectorate(),
        reference: None,
        ..crate::config::Config::default()
    };
    let mut app = app_with(crate::store::sample::demo_sample(), config);
    run(
        &mut app,
        &[
            Action::Grade(0),
            Action::Grade(3),
            Action::Grade(5),
            Action::Grade(1),
        ],
    );
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn tally_details_fit_80_columns() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Details)]);
    assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// A key rebound in a dialog's context works there and shows in that
/// dialog's footer and in the help, because both are generated from the map.
#[test]
fn a_rebound_dialog_key_works_and_shows_in_footer_and_help() {
    let config = crate::config::Config::parse(
        r#"(keys: { export: { next_option: ["l"] } })"#,
        std::path::Path::new("test.ron"),
    )
    .expect("config");
    let mut app = app_with(crate::store::sample::demo_sample(), config);
    crate::app::testing::press(&mut app, &["x", "Right"]);
    let crate::app::Mode::Export(dialog) = &app.mode() else {
        panic!("the export dialog is open")
    };
    assert_eq!(
        dialog.format,
        crate::store::export::Format::Csv,
        "Right is no longer bound"
    );
    crate::app::testing::press(&mut app, &["l"]);
    let crate::app::Mode::Export(dialog) = &app.mode() else {
        panic!("the export dialog is open")
    };
    assert_eq!(dialog.format, crate::store::export::Format::Xlsx, "l is");
    let screen = format!("{:?}", render(&mut app, 100, 24).backend());
    assert!(screen.contains("l/← change"), "{screen}");
    assert!(!screen.contains("→/← change"), "{screen}");
    let help = crate::ui::help::lines(
        &app,
        &crate::ui::theme::Theme::new(crate::config::ThemeName::Default, false),
    )
    .iter()
    .map(ToString::to_string)
    .collect::<Vec<_>>();
    let export = help
        .iter()
        .position(|l| l.starts_with("Export dialog"))
        .expect("an export section");
    assert!(
        help[export..]
            .iter()
            .any(|l| l.trim_start().starts_with("l ") && l.contains("next format")),
        "{help:#?}"
    );
}

/// A long narrative scrolls to its very last line, drawn below the case's
/// head as it scrolls away; the narrative is wrapped once, not per frame.
#[test]
fn a_long_narrative_scrolls_to_its_last_line() {
    let mut b = SampleBuilder::new();
    let narrative: String = (1..=3000)
        .map(|i| format!("Paragraph {i} of a long narrative that wraps at eighty columns or so."))
        .collect::<Vec<_>>()
        .join("\n");
    b.push(CaseFields {
        id: "LONG-1".into(),
        title: Some("A long case".into()),
        summary: Some(narrative),
        ..CaseFields::default()
    });
    let sample = b.finish(
        "long",
        None,
        SampleSource {
            path: None,
            hash: "h".into(),
        },
    );
    let mut app = app_on(sample);
    let screen = format!("{:?}", render(&mut app, 100, 30).backend());
    assert!(
        screen.contains("A long case") && screen.contains("Paragraph 1 of"),
        "{screen}"
    );
    let wrapped = app.narrative().len();
    assert!(wrapped >= 3000, "{wrapped}");
    run(&mut app, &vec![cmd(Command::ScrollDown); 10_000]);
    let screen = format!("{:?}", render(&mut app, 100, 30).backend());
    assert!(screen.contains("Paragraph 3000 of"), "{screen}");
    assert!(
        !screen.contains("A long case"),
        "the head has scrolled away"
    );
    run(&mut app, &vec![cmd(Command::ScrollUp); 10_000]);
    let screen = format!("{:?}", render(&mut app, 100, 30).backend());
    assert!(screen.contains("A long case"), "back at the top");
}
