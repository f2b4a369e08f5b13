//! What the app holds besides its mode: the session under review, the
//! list as shown, and the status line's state.

use std::path::PathBuf;

use super::{Filter, Notice, Search, drafts, jumps, narrative, order};
use crate::config::Config;
use crate::config::sample::ReportText;
use crate::model::case::{CaseIdx, Sample};
use crate::model::change::Entry;
use crate::model::review::Review;
use crate::model::team::Team;

/// What is being reviewed: the sample, the review of it and the settings.
#[derive(Debug)]
pub(in crate::app) struct Session {
    /// The cases under review.
    /// Shared with background work on it (the ids' order for go-to).
    pub(in crate::app) sample: std::sync::Arc<Sample>,
    /// The grades and everything else recorded. Shared with an export
    /// being written from it, which then needs no copy; changed through
    /// [`Session::review_mut`].
    pub(in crate::app) review: std::sync::Arc<Review>,
    /// Settings (scale is in `review`; reference, keys, auto-advance here).
    pub(in crate::app) config: Config,
    /// Who is grading.
    pub(in crate::app) reviewer: String,
    /// Where the session is saved (shown in help).
    pub(in crate::app) path: PathBuf,
    /// Time zone for showing when cases were graded: the system's, found
    /// when first needed (most first frames show no time).
    pub(in crate::app) time_zone: std::sync::OnceLock<jiff::tz::TimeZone>,
    /// How reports of this sample are worded.
    pub(in crate::app) report: ReportText,
    /// Sample columns reports show beside the lowest-graded cases.
    pub(in crate::app) report_columns: Vec<String>,
    /// The readings and moderation queue of a combined or moderated
    /// session (never changed once set: shared with an export as is).
    pub(in crate::app) team: Option<std::sync::Arc<Team>>,
}

impl Session {
    /// The review, to change: copied first only if an export still reads
    /// it (keys wait while one is written, so in practice never).
    pub(in crate::app) fn review_mut(&mut self) -> &mut Review {
        std::sync::Arc::make_mut(&mut self.review)
    }

    /// [`Session::review_mut`], with the sample the changes are checked
    /// against.
    pub(in crate::app) fn review_mut_on_sample(&mut self) -> (&mut Review, &Sample) {
        (std::sync::Arc::make_mut(&mut self.review), &self.sample)
    }
}

/// Which panel the movement keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The case list: `j`/`k` choose the case.
    #[default]
    List,
    /// The case view: `j`/`k` scroll it, `g`/`G` go to its top and end.
    Case,
}

/// The case list as shown: which cases, which one is current, how far
/// scrolled, and the search.
#[derive(Debug)]
pub(in crate::app) struct ListView {
    /// The current case.
    pub(in crate::app) cursor: CaseIdx,
    /// First row of the case list on screen.
    pub(in crate::app) top: usize,
    /// Lines the case view is scrolled by.
    pub(in crate::app) narrative_scroll: u16,
    /// The current case's narrative, wrapped for the case view.
    pub(in crate::app) narrative: narrative::Narrative,
    /// Which cases the list shows.
    pub(in crate::app) filter: Filter,
    /// The sort the reviewer chose, if any (else sample order, or the
    /// moderation queue's).
    pub(in crate::app) order: Option<order::Order>,
    /// The sort asked for and still running, if any.
    pub(in crate::app) sorting: Option<super::sorting::Pending>,
    /// How many sorts have been asked for: each result says which it is.
    pub(in crate::app) sorts: u64,
    /// The sample columns the list shows beside id, grade and area.
    pub(in crate::app) columns: Vec<order::Column>,
    /// The cases the filter lets through, in the list's order (`None`:
    /// every case in sample order).
    pub(in crate::app) rows: Option<Vec<CaseIdx>>,
    /// The next place of the list's order the filter's pass checks, while
    /// it is unfinished ([`super::filter_pass`]).
    pub(in crate::app) pass: Option<usize>,
    /// The last search, kept for highlighting and `n`/`N`.
    pub(in crate::app) search: Option<Search>,
    /// Where jumps came from, to go back and forward.
    pub(in crate::app) jumps: jumps::Jumps,
    /// The panel the movement keys move in.
    pub(in crate::app) focus: Focus,
}

/// What the status line reports: the message, and changes not yet on disk.
#[derive(Debug, Default)]
pub(in crate::app) struct Status {
    /// Message on the status line, if any.
    pub(in crate::app) notice: Option<Notice>,
    /// Changes made but not yet written, oldest first.
    pub(in crate::app) unsaved: Vec<Entry>,
    /// Why the last write failed, while changes are unsaved.
    pub(in crate::app) save_error: Option<String>,
    /// When writing the unsaved changes was last tried.
    pub(in crate::app) last_attempt: Option<jiff::Timestamp>,
    /// When the note being written was last kept on disk, and whether it
    /// changed since.
    pub(in crate::app) draft: drafts::DraftState,
    /// Every message shown, newest last (the last [`MESSAGE_LOG`](crate::app::MESSAGE_LOG)).
    pub(in crate::app) log: std::collections::VecDeque<(jiff::Timestamp, Notice)>,
}
