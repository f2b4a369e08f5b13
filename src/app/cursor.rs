//! Moving the current case: by rows of the list, to a case, keeping it
//! on screen. Every module that moves the cursor goes through here, so the
//! filter and the scroll position stay in step with it.

use super::{App, filter, geometry};
use crate::model::case::CaseIdx;

/// Moves the cursor `delta` rows up or down the list.
pub fn move_by(app: &mut App, delta: isize) {
    let row = app.cursor_row().saturating_add_signed(delta);
    move_to_row(app, row);
}

/// Selects the case on list row `row` (clamped to the list).
pub fn move_to_row(app: &mut App, row: usize) {
    let last = app.list_len().saturating_sub(1);
    if let Some(idx) = app.list_case(row.min(last)) {
        set_cursor(app, idx);
    }
}

/// Makes `idx` the current case: the case left behind drops out of a
/// filtered list if it no longer belongs there, the new one is listed, and
/// the list scrolls to show it.
pub fn set_cursor(app: &mut App, idx: CaseIdx) {
    let old = app.list.cursor;
    app.list.cursor = idx;
    if idx != old {
        app.list.narrative_scroll = 0;
        filter::leave_case(app, old);
    }
    filter::refresh_case(app, idx);
    keep_cursor_visible(app);
}

/// Scrolls the list just enough that the cursor's row is on screen.
pub fn keep_cursor_visible(app: &mut App) {
    let rows = geometry::list_rows(app).max(1);
    let row = app.cursor_row();
    if row < app.list.top {
        app.list.top = row;
    } else if row >= app.list.top + rows {
        app.list.top = row + 1 - rows;
    }
    app.list.top = app.list.top.min(app.list_len().saturating_sub(rows));
}
