//! Keys to actions, through the key table of the current mode.

use super::{Action, App, Mode};
use crate::keymap::{Command, Context, KeyModifiers, KeySpec, Unbound};

/// The action a key press asks for in the app's current mode, if any.
pub fn action_for_key(app: &App, key: KeySpec) -> Option<Action> {
    let context = app.mode.context();
    let command = app.session.config.keys.command_for(key, context);
    // In the export dialog's file name only the keys that leave the field
    // are commands; everything else is typed.
    if let Mode::Export(dialog) = &app.mode
        && dialog.typing()
    {
        return Some(match command {
            Some(
                c @ (Command::NextField
                | Command::PreviousField
                | Command::Confirm
                | Command::Close),
            ) => Action::Command(c),
            _ => Action::Type(key),
        });
    }
    if let Some(command) = command {
        return Some(Action::Command(command));
    }
    match context.unbound() {
        Unbound::Typed => Some(Action::Type(key)),
        Unbound::Closes => Some(Action::Command(Command::Close)),
        Unbound::Ignored if context == Context::Browse => grade_key(app, key),
        Unbound::Ignored => None,
    }
}

/// The grade a plain character key gives on the main screen, if any.
fn grade_key(app: &App, key: KeySpec) -> Option<Action> {
    let crate::keymap::KeyCode::Char(c) = key.code() else {
        return None;
    };
    if key
        .mods()
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    app.session.review.scale().by_key(c).map(Action::Grade)
}
