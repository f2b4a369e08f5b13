//! Screens of the reviewer's day: writing a note beside the narrative.

use crate::app::Action;
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
