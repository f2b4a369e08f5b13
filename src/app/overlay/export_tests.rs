//! The export dialog: choosing, replacing, and a big sample's file
//! written in the background.

use crate::app::testing::{app_on, cmd, press, run, sample};
use crate::app::{Action, App, Effect, Mode, Notice};
use crate::keymap::Command;

#[test]
fn export_dialog_chooses_format_and_asks_before_replacing() {
    use crate::store::export::Format;
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::Export)]);
    // Format row: three steps right is RON; then redaction, switched on.
    press(&mut app, &["Right", "Right", "Right", "Down", "Space"]);
    let Mode::Export(dialog) = &app.mode else {
        panic!("dialog open")
    };
    assert_eq!(dialog.format, Format::Ron);
    assert!(dialog.redact);
    assert!(
        std::path::Path::new(&dialog.path_text())
            .extension()
            .is_some_and(|e| e == "ron"),
        "{}",
        dialog.path_text()
    );
    let effects = run(&mut app, &[cmd(Command::Confirm)]);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Export {
                format: Format::Ron,
                redact: true,
                overwrite: false,
                ..
            }]
        ),
        "{effects:?}"
    );
    run(
        &mut app,
        &[Action::Exported(Err(crate::app::ExportFailure::Exists(
            "x.ron".into(),
        )))],
    );
    let effects = run(&mut app, &[cmd(Command::Confirm)]);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Export {
                overwrite: true,
                ..
            }]
        ),
        "the second Enter replaces"
    );
    crate::app::export::finished(&mut app, Ok("x.ron".into()));
    assert!(matches!(app.mode, Mode::Browse));
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "exported the graded sample (redacted) to x.ron")
    );
}

#[test]
fn keys_wait_while_an_export_is_written_in_the_background() {
    let mut app = app_on(sample(3));
    run(&mut app, &[cmd(Command::Export)]);
    run(
        &mut app,
        &[cmd(Command::Confirm), Action::ExportProgress(40)],
    );
    let writing = |app: &App| match &app.mode {
        Mode::Export(dialog) => dialog.writing,
        _ => None,
    };
    assert_eq!(writing(&app), Some(40));
    // Neither another export nor a change of choice is taken.
    let effects = run(&mut app, &[cmd(Command::Confirm)]);
    assert!(effects.is_empty(), "{effects:?}");
    press(&mut app, &["Right", "Down"]);
    let Mode::Export(dialog) = &app.mode else {
        panic!("the dialog stays while the file is written")
    };
    assert_eq!(dialog.format, crate::store::export::Format::Csv);
    assert_eq!(dialog.field, crate::app::export::Field::Format);
    run(&mut app, &[Action::ExportProgress(90)]);
    assert_eq!(writing(&app), Some(90));
    run(&mut app, &[Action::Exported(Ok("big.csv".into()))]);
    assert!(matches!(app.mode, Mode::Browse));
    // Progress that arrives with no dialog open changes nothing.
    run(&mut app, &[Action::ExportProgress(100)]);
    assert!(matches!(app.mode, Mode::Browse));
    // Closing the dialog while the file is written asks it to stop.
    run(&mut app, &[cmd(Command::Export)]);
    run(
        &mut app,
        &[cmd(Command::Confirm), Action::ExportProgress(10)],
    );
    let effects = run(&mut app, &[cmd(Command::Close)]);
    assert!(
        matches!(effects.as_slice(), [Effect::CancelExport]),
        "{effects:?}"
    );
    assert_eq!(writing(&app), Some(10), "open until it has stopped");
    run(
        &mut app,
        &[Action::Exported(Err(crate::app::ExportFailure::Cancelled))],
    );
    assert!(matches!(app.mode, Mode::Browse));
    assert!(
        matches!(&app.status.notice, Some(Notice::Info(t)) if t == "export cancelled: nothing was written")
    );
}
