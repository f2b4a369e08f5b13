//! Terminal events to actions, through the key map of the current mode.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::{Action, App, Mode};
use crate::keymap::Context;

/// The action a terminal event asks for, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.code == KeyCode::Esc {
        return Some(Action::Close);
    }
    match app.mode {
        // Text fields take every key but Esc (and Enter, in the search prompt).
        Mode::Export(_) | Mode::Search(_) | Mode::Filter { .. } | Mode::History { .. }
            if key.code == KeyCode::Enter =>
        {
            return Some(Action::Confirm);
        }
        Mode::Note(_) | Mode::Export(_) | Mode::Search(_) => return Some(Action::Type(*key)),
        _ => {}
    }
    let context = if matches!(app.mode, Mode::Checklist { .. }) {
        Context::Checklist
    } else {
        Context::Browse
    };
    if let Some(command) = app.config.keys.command_for(key, context) {
        return Some(Action::Command(command));
    }
    match (&app.mode, key.code) {
        (Mode::Browse, KeyCode::Char(c))
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            app.review.scale().by_key(c).map(Action::Grade)
        }
        // Any other key leaves the help and the details.
        (Mode::Help { .. } | Mode::Details { .. }, _) => Some(Action::Close),
        _ => None,
    }
}
