//! Which cases the list shows (filters).
//!
//! A filter is a set of conditions: conditions of one kind are
//! alternatives (Good or Inadequate; either of two areas), conditions of
//! different kinds must all hold (ungraded, in one area, flagged, matching
//! the search). It is applied once when chosen (one pass over the sample,
//! in steps: [`super::filter_pass`]) and then kept up to date one case at a
//! time as cases change, so grading under a filter costs a binary search,
//! not a pass.

use super::App;
use crate::model::case::CaseIdx;
use crate::model::scale::LevelIdx;

/// One condition a filter can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    /// Cases without a grade.
    Ungraded,
    /// Cases at one level.
    Grade(LevelIdx),
    /// Cases flagged for discussion.
    Flagged,
    /// Cases of the moderation queue not yet settled (graded).
    Unsettled,
    /// Cases the kept search matches.
    Matching,
    /// Cases in one area of practice (index into [`App::categories`]).
    Category(u32),
}

impl Condition {
    /// Conditions of the same kind are alternatives. (The derived order
    /// keeps each kind together, which [`Filter::admits`] relies on.)
    fn kind(self) -> u8 {
        match self {
            Condition::Ungraded | Condition::Grade(_) => 0,
            Condition::Flagged => 1,
            Condition::Unsettled => 2,
            Condition::Matching => 3,
            Condition::Category(_) => 4,
        }
    }

    /// How the condition reads on screen ("ungraded", "Good", "flagged").
    pub fn label(self, app: &App) -> String {
        match self {
            Condition::Ungraded => "ungraded".into(),
            Condition::Grade(l) => app
                .session
                .review
                .scale()
                .level(l)
                .map_or_else(String::new, |l| l.label.clone()),
            Condition::Category(c) => app
                .categories()
                .get(c as usize)
                .map_or_else(String::new, std::string::ToString::to_string),
            Condition::Flagged => "flagged".into(),
            Condition::Unsettled => "to moderate".into(),
            Condition::Matching => app.list.search.as_ref().map_or_else(
                || "matching the search".into(),
                |s| format!("matching \"{}\"", s.query),
            ),
        }
    }

    fn admits(self, app: &App, idx: CaseIdx) -> bool {
        match self {
            Condition::Ungraded => app.session.review.grade(idx).is_none(),
            Condition::Grade(l) => app.session.review.grade(idx) == Some(l),
            Condition::Category(c) => {
                let want = app.categories().get(c as usize).map(|c| &**c);
                app.session.sample.get(idx).and_then(|case| case.category) == want
            }
            Condition::Flagged => app.session.review.flagged(idx),
            Condition::Unsettled => {
                app.rank(idx).is_some() && app.session.review.grade(idx).is_none()
            }
            Condition::Matching => app.list.search.as_ref().is_some_and(|s| s.matches(idx)),
        }
    }
}

/// What the case list shows: no conditions means every case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Sorted and without repeats.
    conditions: Vec<Condition>,
}

impl Filter {
    /// The filter of one condition.
    pub fn only(condition: Condition) -> Self {
        Self {
            conditions: vec![condition],
        }
    }

    /// Whether every case is shown.
    pub fn is_all(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Whether the filter holds `condition`.
    pub fn has(&self, condition: Condition) -> bool {
        self.conditions.binary_search(&condition).is_ok()
    }

    /// The conditions, in picker order.
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// Adds `condition`, or takes it away if the filter holds it.
    pub fn toggle(&mut self, condition: Condition) {
        match self.conditions.binary_search(&condition) {
            Ok(at) => {
                self.conditions.remove(at);
            }
            Err(at) => self.conditions.insert(at, condition),
        }
    }

    /// How the filter reads on screen: alternatives joined by "or", kinds
    /// by " · " ("ungraded · Missing from home or care · flagged").
    pub fn label(&self, app: &App) -> String {
        if self.is_all() {
            return "all cases".into();
        }
        self.conditions
            .chunk_by(|a, b| a.kind() == b.kind())
            .map(|alternatives| {
                alternatives
                    .iter()
                    .map(|c| c.label(app))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Whether case `idx` of `app` passes the filter.
    pub(in crate::app) fn admits(&self, app: &App, idx: CaseIdx) -> bool {
        self.conditions
            .chunk_by(|a, b| a.kind() == b.kind())
            .all(|alternatives| alternatives.iter().any(|c| c.admits(app, idx)))
    }
}

/// Applies `filter`: rebuilds the list in its order and keeps the cursor on
/// a listed case (the first at or after it). The list is built by a pass
/// over the cases in steps ([`super::filter_pass`]): a big sample's list
/// grows while the keyboard is idle. A search condition lists the matches
/// found so far: the list grows as the search goes on (see
/// [`search_grew`]), and never waits for it.
pub fn set_filter(app: &mut App, filter: Filter) {
    app.list.filter = filter;
    app.list.pass = None;
    if app.list.filter.is_all() && !app.queued() {
        app.list.rows = app.list.order.as_ref().map(|o| o.rows().to_vec());
    } else {
        super::filter_pass::start(app);
    }
    let cursor = app.list.cursor;
    if app.in_view(cursor) {
        return;
    }
    // A case the pass has not reached yet may be one the filter admits.
    let next = if app.list.filter.admits(app, cursor) {
        Some(cursor)
    } else {
        super::filter_pass::first_admitted_after(app, cursor)
    };
    let target = match next {
        Some(idx) => Some(idx),
        // None near: the first listed after it, or else the last listed,
        // once all are known.
        None if app.list.pass.is_none() => app.list_case(app.cursor_row()),
        // Until they are, the case stays listed under the cursor.
        None => Some(cursor),
    };
    let Some(idx) = target else {
        return;
    };
    // Listed ahead of the pass, which takes it in when it gets there.
    if let Some(Err(at)) = app.row_position(idx)
        && let Some(rows) = app.list.rows.as_mut()
    {
        rows.insert(at, idx);
    }
    if idx != cursor {
        app.list.cursor = idx;
        app.list.narrative_scroll = 0;
    }
}

/// Re-applies the filter after the search changed, if it holds a search
/// condition; a cleared search takes the condition away.
pub fn search_changed(app: &mut App) {
    let mut filter = app.list.filter.clone();
    if !filter.has(Condition::Matching) {
        return;
    }
    if app.list.search.is_none() {
        filter.toggle(Condition::Matching);
    }
    set_filter(app, filter);
    super::cursor::keep_cursor_visible(app);
}

/// Brings a list filtered on the search up to date after a step of the
/// search (while idle) found the matches from position `from` of its
/// matches on, and says so when it is done. In sample order the new
/// matches come after every listed case and are added at the end; a
/// list in an order of its own is rebuilt once the search is done, since
/// a rebuild is a pass over the whole sample.
pub fn search_grew(app: &mut App, from: usize) {
    if !app.list.filter.has(Condition::Matching) {
        return;
    }
    let done = app
        .list
        .search
        .as_ref()
        .is_some_and(super::Search::is_complete);
    if app.ordered() {
        if done {
            let filter = app.list.filter.clone();
            set_filter(app, filter);
            super::cursor::keep_cursor_visible(app);
        }
    } else if let Some(search) = app.list.search.as_ref() {
        // Matches the filter's pass has yet to reach, it lists itself.
        let new: Vec<CaseIdx> = search.matches[from..]
            .iter()
            .copied()
            .filter(|&i| super::filter_pass::passed(app, i) && app.list.filter.admits(app, i))
            .collect();
        if let Some(rows) = app.list.rows.as_mut() {
            // At the end, but for a case kept listed under the cursor
            // (see [`refresh_case`]) that a new match may come before.
            for idx in new {
                if let Err(at) = rows.binary_search(&idx) {
                    rows.insert(at, idx);
                }
            }
        }
    }
    if done {
        app.status.notice = Some(super::Notice::Info(showing(app)));
    }
}

/// How [`showing`] ends while the filter's pass is unfinished.
pub(in crate::app) const COUNTING: &str = " (still counting)";

/// "showing matching "x": 12 of 74 cases", saying when the search or the
/// filter's pass is still going.
pub(in crate::app) fn showing(app: &App) -> String {
    let label = app.list.filter.label(app);
    let searching = app.list.filter.has(Condition::Matching)
        && app.list.search.as_ref().is_some_and(|s| !s.is_complete());
    let counting = app.list.pass.is_some();
    let so_far = if searching || counting { " so far" } else { "" };
    let more = if searching {
        " (still searching)"
    } else if counting {
        COUNTING
    } else {
        ""
    };
    format!(
        "showing {label}: {}{so_far} of {} cases{more}",
        app.list_len(),
        app.session.sample.len()
    )
}

/// Brings the list up to date after case `idx` changed. The current case
/// stays listed until the reviewer moves off it, so a grade never makes the
/// case vanish from under the cursor.
pub fn refresh_case(app: &mut App, idx: CaseIdx) {
    let admitted = app.list.filter.admits(app, idx) || idx == app.list.cursor;
    let found = app.row_position(idx);
    if let (Some(view), Some(found)) = (app.list.rows.as_mut(), found) {
        match (found, admitted) {
            (Err(at), true) => view.insert(at, idx),
            (Ok(at), false) => {
                view.remove(at);
            }
            _ => {}
        }
    }
}

/// Drops the case the cursor is leaving from the list if the filter no
/// longer admits it (see [`refresh_case`]).
pub fn leave_case(app: &mut App, idx: CaseIdx) {
    if !app.list.filter.admits(app, idx)
        && let Some(Ok(at)) = app.row_position(idx)
        && let Some(view) = app.list.rows.as_mut()
    {
        view.remove(at);
    }
}
