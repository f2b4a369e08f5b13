//! Keys typed into a text field: our keys as `ratatui-textarea` input.

use ratatui_textarea::{Input, Key};

use crate::keymap::{KeyCode, KeyModifiers, KeySpec};

/// `key` as input for a text area (keys a text area has no use for become
/// its ignored `Null` key).
pub fn input(key: KeySpec) -> Input {
    let code = match key.code() {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::F(n) => Key::F(n),
        KeyCode::Down => Key::Down,
        KeyCode::Up => Key::Up,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::BackTab | KeyCode::Insert => Key::Null,
    };
    let mods = key.mods();
    Input {
        key: code,
        ctrl: mods.contains(KeyModifiers::CONTROL),
        alt: mods.contains(KeyModifiers::ALT),
        shift: mods.contains(KeyModifiers::SHIFT),
    }
}
