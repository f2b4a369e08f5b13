//! Application state: everything the screen shows. Key presses become
//! [`Action`]s (see [`input`]); [`update`] is the one place state changes;
//! the returned [`Effect`]s (saving, quitting) are run by the terminal layer.

pub mod action;
pub mod input;
#[cfg(test)]
pub mod testing;
pub mod update;

use std::path::PathBuf;

pub use action::Action;
pub use update::{Effect, update};

use crate::config::Config;
use crate::model::case::{Case, CaseIdx, Sample};
use crate::model::review::Review;
use crate::model::tally::Tally;
use crate::ui::theme::Theme;

/// What the keyboard is driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Moving through cases and grading them.
    Browse,
    /// The help overlay, scrolled by `scroll` lines.
    Help {
        /// First line shown.
        scroll: u16,
    },
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
        }
    }

    /// The current case, if the sample is not empty.
    pub fn current(&self) -> Option<&Case> {
        self.sample.get(self.cursor)
    }

    /// Number of rows in the case list.
    pub fn list_len(&self) -> usize {
        self.sample.len()
    }

    /// The case shown on list row `row`.
    pub fn list_case(&self, row: usize) -> Option<CaseIdx> {
        (row < self.sample.len()).then_some(row as CaseIdx)
    }

    /// The list row of the current case.
    pub fn cursor_row(&self) -> usize {
        self.cursor as usize
    }

    /// The running tally, with the configured reference if its levels match.
    pub fn tally(&self) -> Tally {
        let reference = self.config.reference.as_ref().map(|r| r.counts.as_slice());
        Tally::new(
            self.review.scale(),
            self.review.counts(),
            self.sample.len() as u64,
            reference,
        )
    }
}
