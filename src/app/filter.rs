//! Which cases the list shows (filters).
//!
//! A filter is applied once when chosen (one pass over the sample) and then
//! kept up to date one case at a time as cases change, so grading under a
//! filter costs a binary search, not a pass.

use std::collections::HashSet;

use super::App;
use crate::model::case::{CaseIdx, Sample};
use crate::model::scale::LevelIdx;

/// What the case list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every case.
    All,
    /// Cases without a grade.
    Ungraded,
    /// Cases at one level.
    Grade(LevelIdx),
    /// Cases in one area of practice (index into [`App::categories`]).
    Category(u32),
    /// Cases flagged for discussion.
    Flagged,
    /// Cases of the moderation queue not yet settled (graded).
    Unsettled,
}

impl Filter {
    /// How the filter reads on screen ("ungraded", "Good", "flagged").
    pub fn label(&self, app: &App) -> String {
        match *self {
            Filter::All => "all cases".into(),
            Filter::Ungraded => "ungraded".into(),
            Filter::Grade(l) => app
                .session
                .review
                .scale()
                .level(l)
                .map_or_else(String::new, |l| l.label.clone()),
            Filter::Category(c) => app
                .session
                .categories
                .get(c as usize)
                .map_or_else(String::new, std::string::ToString::to_string),
            Filter::Flagged => "flagged".into(),
            Filter::Unsettled => "to moderate".into(),
        }
    }

    fn admits(self, app: &App, idx: CaseIdx) -> bool {
        match self {
            Filter::All => true,
            Filter::Ungraded => app.session.review.grade(idx).is_none(),
            Filter::Grade(l) => app.session.review.grade(idx) == Some(l),
            Filter::Category(c) => {
                let want = app.session.categories.get(c as usize).map(|c| &**c);
                app.session
                    .sample
                    .get(idx)
                    .and_then(|case| case.category.as_deref())
                    == want
            }
            Filter::Flagged => app.session.review.flagged(idx),
            Filter::Unsettled => app.rank(idx).is_some() && app.session.review.grade(idx).is_none(),
        }
    }
}

/// The areas of practice in a sample, in first-seen order.
pub fn categories(sample: &Sample) -> Vec<Box<str>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for case in sample.cases() {
        if let Some(c) = &case.category
            && seen.insert(c.clone())
        {
            out.push(c.clone());
        }
    }
    out
}

/// Applies `filter`: rebuilds the list and keeps the cursor on a listed case
/// (the first at or after it).
pub fn set_filter(app: &mut App, filter: Filter) {
    app.list.filter = filter;
    app.list.rows = match filter {
        Filter::All if !app.queued() => None,
        f => {
            let mut rows: Vec<CaseIdx> = (0..app.session.sample.len() as CaseIdx)
                .filter(|&i| f.admits(app, i))
                .collect();
            if app.queued() {
                rows.sort_by_key(|&i| app.row_key(i));
            }
            Some(rows)
        }
    };
    if !app.in_view(app.list.cursor)
        && let Some(idx) = app.list_case(app.cursor_row())
    {
        app.list.cursor = idx;
        app.list.narrative_scroll = 0;
    }
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
