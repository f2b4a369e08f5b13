//! Terminal events (crossterm's) to the app's actions: keys become our own
//! key type here, at the edge, and go through the current mode's key table.

use ratatui::crossterm::event::{
    Event, KeyCode as TermCode, KeyEvent, KeyEventKind, KeyModifiers as TermMods, MouseButton,
    MouseEventKind,
};

use crate::app::{self, Action, App};
use crate::keymap::{KeyCode, KeyModifiers, KeySpec};

/// The action a terminal event asks for, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app::input::action_for_key(app, key_spec(key)?)
        }
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

/// A terminal key event as our key, if it is a key we know.
pub fn key_spec(key: &KeyEvent) -> Option<KeySpec> {
    let code = match key.code {
        TermCode::Char(c) => KeyCode::Char(c),
        TermCode::F(n) => KeyCode::F(n),
        TermCode::Down => KeyCode::Down,
        TermCode::Up => KeyCode::Up,
        TermCode::Left => KeyCode::Left,
        TermCode::Right => KeyCode::Right,
        TermCode::PageDown => KeyCode::PageDown,
        TermCode::PageUp => KeyCode::PageUp,
        TermCode::Home => KeyCode::Home,
        TermCode::End => KeyCode::End,
        TermCode::Enter => KeyCode::Enter,
        TermCode::Esc => KeyCode::Esc,
        TermCode::Tab => KeyCode::Tab,
        TermCode::BackTab => KeyCode::BackTab,
        TermCode::Backspace => KeyCode::Backspace,
        TermCode::Delete => KeyCode::Delete,
        TermCode::Insert => KeyCode::Insert,
        _ => return None,
    };
    let mut mods = KeyModifiers::NONE;
    for (term, ours) in [
        (TermMods::CONTROL, KeyModifiers::CONTROL),
        (TermMods::ALT, KeyModifiers::ALT),
        (TermMods::SHIFT, KeyModifiers::SHIFT),
    ] {
        if key.modifiers.contains(term) {
            mods |= ours;
        }
    }
    Some(KeySpec::new(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: TermCode, mods: TermMods) -> KeySpec {
        key_spec(&KeyEvent::new(code, mods)).expect("a key we know")
    }

    #[test]
    fn terminal_keys_become_normalised_keys() {
        let key = |s: &str| s.parse::<KeySpec>().expect("key");
        assert_eq!(press(TermCode::Char('G'), TermMods::SHIFT), key("G"));
        assert_eq!(press(TermCode::Char('g'), TermMods::SHIFT), key("G"));
        assert_eq!(press(TermCode::Char('r'), TermMods::CONTROL), key("Ctrl-r"));
        assert_eq!(press(TermCode::Down, TermMods::CONTROL), key("Ctrl-Down"));
        assert_eq!(press(TermCode::BackTab, TermMods::SHIFT), key("BackTab"));
        assert_eq!(press(TermCode::F(1), TermMods::NONE), key("F1"));
        assert!(key_spec(&KeyEvent::new(TermCode::CapsLock, TermMods::NONE)).is_none());
    }
}
