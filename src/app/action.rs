//! Everything that can change the app's state: what the reviewer asked for
//! (independent of which key asked), and what the terminal layer reports
//! back.

use crate::keymap::{Command, KeySpec};
use crate::model::scale::LevelIdx;

/// One request to change the app's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A bindable command from the key map of the current mode.
    Command(Command),
    /// Grade the current case at this level.
    Grade(LevelIdx),
    /// A key typed into a text field (the note editor, the search prompt,
    /// the export dialog's file name).
    Type(KeySpec),
    /// Mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel at (column, row): `true` scrolls down.
    Wheel(u16, u16, bool),
    /// Nothing was pressed: time to continue idle work (a long search).
    Tick,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
}
