//! What the keyboard is driving: one mode per state of the screen, each
//! with its own data and its own key table.

use super::export::ExportDialog;
use super::{NoteEditor, SearchPrompt};
use crate::keymap::Context;
use crate::model::breakdown::Breakdown;

/// What the keyboard is driving. One variant per screen state, each holding
/// only what that state needs.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Moving through cases and grading them.
    Browse,
    /// The help overlay, scrolled by `scroll` lines.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// The message log, scrolled by `scroll` lines.
    Messages {
        /// First line shown.
        scroll: u16,
    },
    /// Writing the current case's note.
    Note(Box<NoteEditor>),
    /// Typing a search.
    Search(Box<SearchPrompt>),
    /// Typing a case id to go to.
    GoTo(Box<super::jumps::GoToPrompt>),
    /// Answering the practice criteria of the current case.
    Checklist {
        /// Selected criterion.
        selected: usize,
    },
    /// Choosing a filter.
    Filter {
        /// Selected option (index into [`crate::app::App::filter_options`]).
        selected: usize,
        /// The conditions ticked so far.
        draft: super::Filter,
        /// Whether any condition was ticked or unticked (else the
        /// highlighted option alone is applied).
        ticked: bool,
    },
    /// Choosing the column to sort on.
    Sort {
        /// Selected option (index into [`crate::app::App::sort_options`]).
        selected: usize,
    },
    /// Choosing the columns the list shows.
    Columns {
        /// Selected option (index into [`super::order::Column::extras`]).
        selected: usize,
        /// The columns ticked so far, in the order they were ticked.
        draft: Vec<super::order::Column>,
    },
    /// The tally details overlay, with the breakdown computed when it opened.
    Details {
        /// First line shown.
        scroll: u16,
        /// Grades by area and criteria answers.
        breakdown: Box<Breakdown>,
        /// Intervals, the comparison and precision, computed when the
        /// overlay opened (the comparison's Monte Carlo test is too costly
        /// to run for every frame; grades cannot change while it is open).
        summary: Box<crate::model::summary::Summary>,
    },
    /// The export dialog.
    Export(Box<ExportDialog>),
    /// The history overlay.
    History {
        /// Selected entry, counted from the newest.
        selected: usize,
    },
}

impl Mode {
    /// The key table this mode reads keys through.
    pub fn context(&self) -> Context {
        match self {
            Mode::Browse => Context::Browse,
            Mode::Help { .. } | Mode::Messages { .. } => Context::Help,
            Mode::Note(_) => Context::Note,
            Mode::Search(_) | Mode::GoTo(_) => Context::Search,
            Mode::Checklist { .. } => Context::Checklist,
            Mode::Filter { .. } | Mode::Columns { .. } => Context::Filter,
            Mode::Sort { .. } => Context::Sort,
            Mode::Details { .. } => Context::Details,
            Mode::Export(_) => Context::Export,
            Mode::History { .. } => Context::History,
        }
    }
}
