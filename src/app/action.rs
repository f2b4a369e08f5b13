//! Everything that can change the app's state: what the reviewer asked for
//! (independent of which key asked), and what the terminal layer reports
//! back about the effects it carried out.

use std::path::PathBuf;

use crate::keymap::{Command, KeySpec};
use crate::model::change::Entry;
use crate::model::scale::LevelIdx;

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// The file exists and replacing it was not confirmed.
    Exists(PathBuf),
    /// Anything else, as the reviewer should read it.
    Failed(String),
    /// Cancelled as asked: nothing was written.
    Cancelled,
}

/// One request to change the app's state.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The change with this sequence number is on disk.
    Saved(u64),
    /// Writing the change with this sequence number failed, for this reason.
    SaveFailed(u64, String),
    /// An export was written to this file, or why not.
    Exported(Result<PathBuf, ExportFailure>),
    /// How far an export written in the background has got, in percent.
    ExportProgress(u8),
    /// The earlier audit trail has been read (or why it could not be).
    HistoryLoaded(Result<Vec<Entry>, String>),
    /// The sort with this number is done: the list in its order.
    Sorted(u64, Box<super::order::Order>),
    /// What the session holds for the first cases of a sample still being
    /// read (the preview's), and the id of the case it was left on: they
    /// can be graded now.
    FirstCasesKnown(Box<crate::model::review::Review>, Option<String>),
}
