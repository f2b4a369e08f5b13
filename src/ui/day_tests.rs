//! Screens of the reviewer's day and of moderation: the note beside the
//! narrative, the message log, both readings of a disputed case.

use crate::app::Action;
use insta::assert_snapshot;

use super::tests::{graded_demo, render};
use crate::app::testing::{app_with, cmd, run};
use crate::keymap::{Command, KeySpec};

#[test]
fn the_note_pane_sits_below_the_narrative_at_100x30() {
    let config = crate::config::sample::SampleSetup::demo(crate::config::Config::default()).config;
    let mut app = app_with(crate::store::sample::demo_sample(), config);
    run(&mut app, &[Action::Resize(100, 30), cmd(Command::EditNote)]);
    let typed: Vec<Action> = "Search was prompt"
        .chars()
        .map(|c| Action::Type(KeySpec::char(c)))
        .collect();
    run(&mut app, &typed);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    let theme = super::theme::Theme::new(app.config().theme, false);
    terminal
        .draw(|f| super::draw(f, &app, &theme))
        .expect("draw");
    let screen = format!("{:?}", terminal.backend());
    let row = |needle: &str| {
        screen
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
    };
    // The narrative above, the note being written below it: both in view.
    assert!(row("The foster carer reported") < row("Note for CP-001"));
    assert!(row("Note for CP-001") < row("Search was prompt"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn moderation_screen_at_80x24_shows_both_readings_and_progress() {
    let mut app = crate::app::update::moderation_app();
    let screen = render(&mut app, 80, 24);
    let text = format!("{:?}", screen.backend());
    assert!(text.contains("settled 0/2"), "{text}");
    assert!(
        text.contains("Readings · disagree by 2 levels · to settle"),
        "{text}"
    );
    assert_snapshot!(screen.backend());
}

#[test]
fn message_log_overlay() {
    let mut app = graded_demo();
    run(
        &mut app,
        &[
            cmd(Command::First),
            Action::Grade(2),
            cmd(Command::Messages),
        ],
    );
    let screen = render(&mut app, 80, 24);
    let text = format!("{:?}", screen.backend());
    assert!(text.contains("CP-001: Good → Inadequate"), "{text}");
    assert_snapshot!(screen.backend());
}

#[test]
fn a_wide_screen_shows_more_list_columns_sorted_and_filtered() {
    let mut app = graded_demo();
    // Ungraded ∧ missing from home, sorted by opened, newest first.
    run(
        &mut app,
        &[
            cmd(Command::Filter),
            cmd(Command::First),
            cmd(Command::MoveDown),
            cmd(Command::Toggle),
        ],
    );
    run(
        &mut app,
        &[
            cmd(Command::Last),
            cmd(Command::MoveUp),
            cmd(Command::MoveUp),
        ],
    );
    run(
        &mut app,
        &[
            cmd(Command::MoveUp),
            cmd(Command::MoveUp),
            cmd(Command::Toggle),
        ],
    );
    let picker = render(&mut app, 80, 24);
    assert_snapshot!("combined_filter_picker", picker.backend());
    run(&mut app, &[cmd(Command::Confirm)]);
    run(&mut app, &[cmd(Command::Sort), cmd(Command::First)]);
    run(&mut app, &vec![cmd(Command::MoveDown); 6]);
    run(&mut app, &[cmd(Command::Confirm)]);
    run(&mut app, &[cmd(Command::Sort), cmd(Command::Confirm)]);
    let wide = render(&mut app, 200, 30);
    let screen = format!("{:?}", wide.backend());
    assert!(screen.contains("Opened↓"), "{screen}");
    assert!(screen.contains("Title"), "{screen}");
    assert_snapshot!("wide_list_sorted_and_filtered", wide.backend());
    // At 120 columns the case view keeps its reading width: no extra
    // columns, but the sort and filter are stated.
    let narrow = format!("{:?}", render(&mut app, 120, 40).backend());
    assert!(!narrow.contains("Title"), "{narrow}");
    assert!(narrow.contains("by Opened ↓"), "{narrow}");
}

#[test]
fn the_go_to_prompt_says_when_over_so_many_ids_start_so() {
    let mut app = crate::app::testing::app_on(crate::app::testing::sample(1_500));
    run(&mut app, &[cmd(Command::GoTo)]);
    for c in "CP-".chars() {
        run(&mut app, &[Action::Type(KeySpec::char(c))]);
    }
    let screen = format!("{:?}", render(&mut app, 120, 40).backend());
    assert!(
        screen.contains("→ CP-001 (over 1000 ids start so)"),
        "{screen}"
    );
}

#[test]
fn a_sample_still_being_read_keeps_the_list_title_at_80x24() {
    let mut preview = crate::app::testing::app_on(crate::app::testing::sample(148)).previewing();
    let terminal = render(&mut preview, 80, 24);
    let screen = format!("{:?}", terminal.backend());
    let title = screen.lines().find(|l| l.contains('┌')).unwrap_or_default();
    assert!(
        title.contains("Cases") && title.contains("0/148+"),
        "the title and the count, which says it is still counting: {title}"
    );
    assert!(
        screen.contains("0/148+ graded, still counting"),
        "said in full below"
    );
}

/// At 80 columns a filter on a search still running says the search once,
/// with its count so far, and leaves the message room to be read.
#[test]
fn a_filter_on_a_running_search_leaves_its_message_room_at_80_columns() {
    use crate::app::testing::{app_on, cmd, press, run, sample};
    use crate::keymap::Command;
    let mut app = app_on(sample(25_000));
    press(&mut app, &["/"]);
    press(
        &mut app,
        &["n", "u", "m", "b", "e", "r", "Space", "2", "4", "Enter"],
    );
    // The filter picker's sixth option: the search's matches.
    run(&mut app, &[cmd(Command::Filter)]);
    run(&mut app, &vec![cmd(Command::MoveDown); 6]);
    run(&mut app, &[cmd(Command::Toggle), cmd(Command::Confirm)]);
    assert!(app.busy(), "still searching");
    // The status line at 80×24, as drawn now.
    let status = |app: &mut crate::app::App| {
        let screen = format!("{:?}", render(app, 80, 24).backend());
        screen
            .lines()
            .find(|l| l.contains("✓ saved"))
            .unwrap_or_default()
            .to_owned()
    };
    let said = status(&mut app);
    assert!(
        said.contains("showing matching \"number 24\": 111 so far of 25000 cases"),
        "the message, whole: {said}"
    );
    // The next key clears the message: the filter and its count so far
    // are back, the search said once.
    run(&mut app, &[cmd(Command::MoveDown)]);
    let said = status(&mut app);
    assert!(said.contains("matching \"number 24\" 111…/25000"), "{said}");
    assert!(!said.contains("/number 24"), "said once: {said}");
}
