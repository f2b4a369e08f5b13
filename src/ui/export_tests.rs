//! The export dialog: as it opens, and while a big sample's file is
//! written in the background.

use insta::assert_snapshot;

use super::tests::{graded_demo, render};
use crate::app::Action;
use crate::app::testing::{cmd, run};
use crate::keymap::Command;

#[test]
fn export_dialog() {
    let mut app = graded_demo();
    run(&mut app, &[cmd(Command::Export)]);
    assert_snapshot!(render(&mut app, 90, 24).backend());
}

#[test]
fn export_dialog_while_the_file_is_written() {
    let mut app = graded_demo();
    run(
        &mut app,
        &[
            cmd(Command::Export),
            cmd(Command::Confirm),
            Action::ExportProgress(42),
        ],
    );
    let screen = render(&mut app, 80, 24);
    let text = format!("{:?}", screen.backend());
    assert!(text.contains("writing… 42%"), "{text}");
    assert_snapshot!(screen.backend());
}
