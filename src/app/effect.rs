//! Work an update asks the terminal layer to do. Each outcome comes back as
//! an [`super::Action`] (saved, save failed, exported), so only `update`
//! ever changes the app.

use std::path::PathBuf;

use crate::model::change::Entry;
use crate::store::export::Format;

/// Work for the terminal layer after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Make these entries durable, in order, before the next frame is drawn,
    /// stopping at the first that fails; report each with
    /// [`super::Action::Saved`] or [`super::Action::SaveFailed`].
    Persist(Vec<Entry>),
    /// Write an export; report with [`super::Action::Exported`].
    Export {
        /// What to write.
        format: Format,
        /// Where.
        path: PathBuf,
        /// Leave out case text and notes.
        redact: bool,
        /// Replace an existing file.
        overwrite: bool,
    },
    /// Stop the export being written in the background; it reports with
    /// [`super::Action::Exported`] as ever.
    CancelExport,
    /// Keep the note being written (`Some`) or forget it (`None`): a
    /// terminal that closes loses at most the last second of typing.
    Draft(Option<crate::store::session::Draft>),
    /// Sort the list (at once, or in a thread for a big sample); report
    /// with [`super::Action::Sorted`] unless it was cancelled.
    Sort(super::sorting::SortJob),
}
