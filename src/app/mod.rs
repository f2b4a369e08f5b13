//! Application state: everything the screen shows. Key presses become
//! [`Action`]s (see [`input`]); [`update()`] is the one place state changes;
//! the returned [`Effect`]s (saving) are run by the terminal layer.

pub mod action;
pub mod case_text;
mod changes;
mod cursor;
mod drafts;
pub mod effect;
pub mod export;
mod figures;
pub mod filter;
mod filter_pass;
pub mod geometry;
pub mod input;
pub mod jumps;
mod mode;
mod moderation;
pub mod narrative;
pub mod order;
mod overlay;
mod pickers;
mod preview;
mod readings_text;
pub mod search;
mod sort_key;
pub mod sorting;
mod state;
#[cfg(test)]
pub mod testing;
mod text_entry;
pub mod update;

use std::path::PathBuf;

pub use action::{Action, ExportFailure};
pub use changes::describe;
pub use effect::Effect;
pub use filter::{Condition, Filter};
pub use mode::Mode;
pub use search::Search;
pub use state::Focus;
use state::{ListView, Session, Status};
pub use text_entry::{NoteEditor, SearchPrompt};
pub use update::{needs_history, update};

use crate::config::Config;
use crate::config::sample::ReportText;
use crate::model::case::{Case, CaseIdx, Sample};
use crate::model::change::Entry;
use crate::model::review::Review;

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
    /// Some changes are not on disk yet; the message says why the last
    /// attempt failed. They are written, in order, at the next chance.
    Failed(String),
}

/// Messages the log keeps.
pub const MESSAGE_LOG: usize = 100;

/// The whole state of a review in the terminal. Only [`update()`] changes
/// it; drawing and the terminal layer read it through the accessors.
#[derive(Debug)]
pub struct App {
    pub(in crate::app) session: Session,
    pub(in crate::app) list: ListView,
    pub(in crate::app) status: Status,
    /// Current mode.
    pub(in crate::app) mode: Mode,
    /// Terminal size (columns, rows), for layout-aware movement.
    pub(in crate::app) viewport: (u16, u16),
    /// Set when the reviewer has asked to quit.
    pub(in crate::app) quitting: bool,
    /// Set on the first cases shown while the whole sample is read.
    pub(in crate::app) preview: Option<preview::Preview>,
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
        let columns = config
            .list_columns
            .iter()
            .filter_map(|name| order::Column::named(name, &sample))
            .collect();
        Self {
            session: Session {
                sample: std::sync::Arc::new(sample),
                review: std::sync::Arc::new(review),
                config,
                reviewer,
                path: session_path,
                time_zone: std::sync::OnceLock::new(),
                report: ReportText::default(),
                report_columns: Vec::new(),
                team: None,
            },
            list: ListView {
                cursor,
                top: 0,
                narrative_scroll: 0,
                narrative: narrative::Narrative::default(),
                filter: Filter::default(),
                order: None,
                sorting: None,
                sorts: 0,
                columns,
                rows: None,
                pass: None,
                search: None,
                jumps: jumps::Jumps::default(),
                focus: Focus::List,
            },
            status: Status::default(),
            mode: Mode::Browse,
            viewport: (80, 24),
            quitting: false,
            preview: None,
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

    /// The app with `notice` on the status line (what opening found).
    #[must_use]
    pub fn with_notice(mut self, notice: Notice) -> Self {
        self.status.notice = Some(notice);
        self
    }

    /// The app showing times in `time_zone`.
    #[must_use]
    pub fn with_time_zone(mut self, time_zone: jiff::tz::TimeZone) -> Self {
        self.session.time_zone = std::sync::OnceLock::from(time_zone);
        self
    }

    /// The app with reports worded by `report`, showing `columns` beside
    /// the lowest-graded cases (the sample's settings).
    #[must_use]
    pub fn with_report(mut self, report: ReportText, columns: Vec<String>) -> Self {
        self.session.report = report;
        self.session.report_columns = columns;
        self
    }

    /// How reports of this sample are worded.
    pub fn report_wording(&self) -> &ReportText {
        &self.session.report
    }

    /// Sample columns reports show beside the lowest-graded cases.
    pub fn report_columns(&self) -> &[String] {
        &self.session.report_columns
    }

    /// The cases under review.
    pub fn sample(&self) -> &Sample {
        &self.session.sample
    }

    /// The cases under review, to work on in another thread.
    pub fn shared_sample(&self) -> std::sync::Arc<Sample> {
        std::sync::Arc::clone(&self.session.sample)
    }

    /// The grades and everything else recorded.
    pub fn review(&self) -> &Review {
        &self.session.review
    }

    /// The review as it stands, to read in another thread (an export
    /// being written): shared, not copied.
    pub fn shared_review(&self) -> std::sync::Arc<Review> {
        std::sync::Arc::clone(&self.session.review)
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.session.config
    }

    /// Who is grading.
    pub fn reviewer(&self) -> &str {
        &self.session.reviewer
    }

    /// Where the session is saved.
    pub fn session_path(&self) -> &std::path::Path {
        &self.session.path
    }

    /// Areas of practice in the sample, in first-seen order.
    pub fn categories(&self) -> &[Box<str>] {
        self.session.sample.areas()
    }

    /// The time zone times are shown in.
    pub fn time_zone(&self) -> &jiff::tz::TimeZone {
        self.session
            .time_zone
            .get_or_init(jiff::tz::TimeZone::system)
    }

    /// The current case's narrative, wrapped for the case view.
    pub fn narrative(&self) -> &narrative::Narrative {
        &self.list.narrative
    }

    /// The index of the current case.
    pub fn cursor(&self) -> CaseIdx {
        self.list.cursor
    }

    /// First row of the case list on screen.
    pub fn list_top(&self) -> usize {
        self.list.top
    }

    /// Lines the case view is scrolled by.
    pub fn narrative_scroll(&self) -> u16 {
        self.list.narrative_scroll
    }

    /// Which cases the list shows.
    pub fn filter(&self) -> &Filter {
        &self.list.filter
    }

    /// The panel the movement keys move in.
    pub fn focus(&self) -> Focus {
        self.list.focus
    }

    /// The sort the reviewer chose, if any.
    pub fn order(&self) -> Option<&order::Order> {
        self.list.order.as_ref()
    }

    /// The sample columns the list shows beside id, grade and area.
    pub fn list_columns(&self) -> &[order::Column] {
        &self.list.columns
    }

    /// The last search, if any.
    pub fn search(&self) -> Option<&Search> {
        self.list.search.as_ref()
    }

    /// The current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The status line's message, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.status.notice.as_ref()
    }

    /// The messages shown so far (the last 100), oldest first, with when.
    pub fn messages(&self) -> &std::collections::VecDeque<(jiff::Timestamp, Notice)> {
        &self.status.log
    }

    /// Whether every change shown is on disk.
    pub fn save_state(&self) -> SaveState {
        match (&self.status.save_error, self.status.unsaved.is_empty()) {
            (_, true) => SaveState::Saved,
            (Some(e), false) => SaveState::Failed(e.clone()),
            (None, false) => SaveState::Failed("not written yet".into()),
        }
    }

    /// Changes made but not yet on disk, oldest first.
    pub fn unsaved(&self) -> &[Entry] {
        &self.status.unsaved
    }

    /// Whether the reviewer has asked to quit.
    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// The current case, if the sample is not empty.
    pub fn current(&self) -> Option<Case<'_>> {
        self.session.sample.get(self.list.cursor)
    }

    /// Number of rows in the case list (cases the filter lets through).
    pub fn list_len(&self) -> usize {
        self.list
            .rows
            .as_ref()
            .map_or(self.session.sample.len(), Vec::len)
    }

    /// The case shown on list row `row`.
    pub fn list_case(&self, row: usize) -> Option<CaseIdx> {
        match &self.list.rows {
            Some(v) => v.get(row).copied(),
            None => (row < self.session.sample.len()).then_some(row as CaseIdx),
        }
    }

    /// The list row of the current case (where it would be, if the filter
    /// hides it).
    pub fn cursor_row(&self) -> usize {
        match (&self.list.rows, self.row_position(self.list.cursor)) {
            (Some(v), Some(found)) => found.unwrap_or_else(|i| i.min(v.len().saturating_sub(1))),
            _ => self.list.cursor as usize,
        }
    }

    /// Whether the list shows case `idx`.
    pub fn in_view(&self, idx: CaseIdx) -> bool {
        self.row_position(idx).is_none_or(|found| found.is_ok())
    }

    /// Whether work is left for idle time (an unfinished search, or a
    /// filter's unfinished pass).
    pub fn busy(&self) -> bool {
        self.list.search.as_ref().is_some_and(|s| !s.is_complete()) || self.list.pass.is_some()
    }
}
