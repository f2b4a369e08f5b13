//! Application state: everything the screen shows. Key presses become
//! [`Action`]s (see [`input`]); [`update`] is the one place state changes;
//! the returned [`Effect`]s (saving) are run by the terminal layer.

pub mod action;
mod edit;
mod editor;
pub mod export;
pub mod input;
mod overlay;
pub mod search;
#[cfg(test)]
pub mod testing;
mod text_field;
pub mod update;
pub mod view;

use std::path::PathBuf;

pub use action::Action;
pub use edit::describe;
pub use editor::{NoteEditor, SearchPrompt};
pub use search::Search;
pub use update::{Effect, update};
pub use view::Filter;

use crate::config::Config;
use crate::keymap::Context;
use crate::model::breakdown::Breakdown;
use crate::model::case::{Case, CaseIdx, Sample};
use crate::model::review::Review;
use crate::model::tally::Tally;
use crate::ui::theme::Theme;

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
    /// Writing the current case's note.
    Note(Box<NoteEditor>),
    /// Typing a search.
    Search(Box<SearchPrompt>),
    /// Answering the practice criteria of the current case.
    Checklist {
        /// Selected criterion.
        selected: usize,
    },
    /// Choosing a filter.
    Filter {
        /// Selected option (index into [`App::filter_options`]).
        selected: usize,
    },
    /// The tally details overlay, with the breakdown computed when it opened.
    Details {
        /// First line shown.
        scroll: u16,
        /// Grades by area and criteria answers.
        breakdown: Box<Breakdown>,
    },
    /// The export dialog.
    Export(Box<export::ExportDialog>),
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
            Mode::Help { .. } => Context::Help,
            Mode::Note(_) => Context::Note,
            Mode::Search(_) => Context::Search,
            Mode::Checklist { .. } => Context::Checklist,
            Mode::Filter { .. } => Context::Filter,
            Mode::Details { .. } => Context::Details,
            Mode::Export(_) => Context::Export,
            Mode::History { .. } => Context::History,
        }
    }
}

/// A message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something worth knowing ("resumed: 41/74 graded").
    Info(String),
    /// Something the reviewer should act on.
    Warning(String),
}

/// Whether everything shown is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Every change shown has been written.
    Saved,
    /// The last save failed; the message says why.
    Failed(String),
}

/// The whole state of a review in the terminal.
#[derive(Debug)]
pub struct App {
    /// The cases under review.
    pub sample: Sample,
    /// The grades and everything else recorded.
    pub review: Review,
    /// Settings (scale is in `review`; reference, keys, auto-advance here).
    pub config: Config,
    /// Who is grading.
    pub reviewer: String,
    /// Where the session is saved (shown in help).
    pub session_path: PathBuf,
    /// The current case.
    pub cursor: CaseIdx,
    /// First row of the case list on screen.
    pub list_top: usize,
    /// Lines the narrative is scrolled by.
    pub narrative_scroll: u16,
    /// Current mode.
    pub mode: Mode,
    /// Message on the status line, if any.
    pub notice: Option<Notice>,
    /// Save state shown on the status line.
    pub save: SaveState,
    /// Terminal size (columns, rows), for layout-aware movement.
    pub viewport: (u16, u16),
    /// Set when the reviewer has asked to quit.
    pub quitting: bool,
    /// Styles in use.
    pub theme: Theme,
    /// Time zone for showing when cases were graded.
    pub time_zone: jiff::tz::TimeZone,
    /// Areas of practice in the sample, in first-seen order.
    pub categories: Vec<Box<str>>,
    /// Which cases the list shows.
    pub filter: Filter,
    /// The cases the filter lets through, in sample order (`None`: all).
    view: Option<Vec<CaseIdx>>,
    /// The last search, kept for highlighting and `n`/`N`.
    pub search: Option<Search>,
}

impl App {
    /// A new app on `review` of `sample`, opened on `cursor`.
    pub fn new(
        sample: Sample,
        review: Review,
        config: Config,
        reviewer: String,
        session_path: PathBuf,
        cursor: CaseIdx,
    ) -> Self {
        let cursor = cursor.min(sample.len().saturating_sub(1) as CaseIdx);
        let categories = view::categories(&sample);
        Self {
            sample,
            review,
            reviewer,
            session_path,
            cursor,
            list_top: 0,
            narrative_scroll: 0,
            mode: Mode::Browse,
            notice: None,
            save: SaveState::Saved,
            viewport: (80, 24),
            quitting: false,
            theme: Theme::new(config.theme, false),
            time_zone: jiff::tz::TimeZone::system(),
            config,
            categories,
            filter: Filter::All,
            view: None,
            search: None,
        }
    }

    /// A new app starting an empty review of `sample` on the config's
    /// scale, on the first case.
    pub fn starting(
        sample: Sample,
        config: Config,
        reviewer: String,
        session_path: PathBuf,
    ) -> Self {
        let review = Review::new(config.scale.clone(), sample.len());
        Self::new(sample, review, config, reviewer, session_path, 0)
    }

    /// The current case, if the sample is not empty.
    pub fn current(&self) -> Option<&Case> {
        self.sample.get(self.cursor)
    }

    /// Number of rows in the case list (cases the filter lets through).
    pub fn list_len(&self) -> usize {
        self.view.as_ref().map_or(self.sample.len(), Vec::len)
    }

    /// The case shown on list row `row`.
    pub fn list_case(&self, row: usize) -> Option<CaseIdx> {
        match &self.view {
            Some(v) => v.get(row).copied(),
            None => (row < self.sample.len()).then_some(row as CaseIdx),
        }
    }

    /// The list row of the current case (where it would be, if the filter
    /// hides it).
    pub fn cursor_row(&self) -> usize {
        match &self.view {
            Some(v) => v
                .binary_search(&self.cursor)
                .unwrap_or_else(|i| i.min(v.len().saturating_sub(1))),
            None => self.cursor as usize,
        }
    }

    /// Whether the list shows case `idx`.
    pub fn in_view(&self, idx: CaseIdx) -> bool {
        self.view
            .as_ref()
            .is_none_or(|v| v.binary_search(&idx).is_ok())
    }

    /// The grades by area and criteria answers (one pass over the sample).
    pub fn breakdown(&self) -> Breakdown {
        Breakdown::new(
            &self.sample,
            &self.review,
            self.config.criteria.iter().map(|c| c.id.as_str()),
        )
    }

    /// The summary with intervals and the reference comparison, as
    /// `casebench summary` prints it.
    pub fn summary(&self) -> crate::model::summary::Summary {
        let reference = self
            .config
            .reference
            .as_ref()
            .map(|r| (r.label.as_str(), r.counts.as_slice()));
        crate::model::summary::Summary::new(
            &self.sample.name,
            self.review.scale(),
            self.review.counts(),
            self.sample.len() as u64,
            reference,
            self.config.confidence,
        )
    }

    /// The running tally, with the configured reference.
    pub fn tally(&self) -> Tally {
        let reference = self.config.reference.as_ref().map(|r| r.counts.as_slice());
        Tally::new(
            self.review.scale(),
            self.review.counts(),
            self.sample.len() as u64,
            reference,
        )
    }

    /// Whether work is left for idle time (an unfinished search).
    pub fn busy(&self) -> bool {
        self.search.as_ref().is_some_and(|s| !s.is_complete())
    }

    /// The choices the filter picker offers, in order.
    pub fn filter_options(&self) -> Vec<Filter> {
        let mut options = vec![Filter::All, Filter::Ungraded];
        options.extend((0..self.review.scale().len()).map(|l| Filter::Grade(l as u8)));
        options.push(Filter::Flagged);
        options.extend((0..self.categories.len()).map(|c| Filter::Category(c as u32)));
        options
    }
}
