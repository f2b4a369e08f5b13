//! Terminal events to actions, through the key map of the current mode.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, App, Mode};

/// The action a terminal event asks for, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.code == KeyCode::Esc {
        return Some(Action::Close);
    }
    if let Some(command) = app.config.keys.command_for(key) {
        return Some(Action::Command(command));
    }
    match (app.mode, key.code) {
        (Mode::Browse, KeyCode::Char(c))
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            app.review.scale().by_key(c).map(Action::Grade)
        }
        // Any other key leaves the help overlay.
        (Mode::Help { .. }, _) => Some(Action::Close),
        _ => None,
    }
}
