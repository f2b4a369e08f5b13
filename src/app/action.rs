//! Everything the reviewer can ask for, independent of which key asked.

use crate::keymap::Command;
use crate::model::scale::LevelIdx;

/// One request to change the app's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A bindable command from the key map.
    Command(Command),
    /// Grade the current case at this level.
    Grade(LevelIdx),
    /// Close the open overlay.
    Close,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
}
