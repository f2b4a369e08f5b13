//! Everything the reviewer can ask for, independent of which key asked.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Command;
use crate::model::scale::LevelIdx;

/// One request to change the app's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A bindable command from the key map.
    Command(Command),
    /// Grade the current case at this level.
    Grade(LevelIdx),
    /// A key typed into a text field (the note editor, the search prompt).
    Type(KeyEvent),
    /// Confirm the open dialog (Enter).
    Confirm,
    /// Close the open overlay or dialog (Esc).
    Close,
    /// Mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel at (column, row): `true` scrolls down.
    Wheel(u16, u16, bool),
    /// Nothing was pressed: time to continue idle work (a long search).
    Tick,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
}
