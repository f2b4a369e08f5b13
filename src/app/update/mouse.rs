//! The mouse on the main screen: a click selects a case and focuses the
//! panel under it; the wheel scrolls the list or the case under it.

use super::scroll_narrative;
use crate::app::cursor::move_by;
use crate::app::{App, Focus, geometry, jumps};

/// Lines the mouse wheel moves.
const WHEEL_STEP: u16 = 3;

/// Selects the case under a click in the list.
pub(super) fn click(app: &mut App, col: u16, row: u16) {
    let Some(r) = geometry::screen(viewport_rect(app), app).regions().copied() else {
        return;
    };
    let first_row = r.list.y + 2; // border and header
    if contains(r.case, col, row) {
        app.list.focus = Focus::Case;
    } else if contains(r.list, col, row) {
        app.list.focus = Focus::List;
    }
    if contains(r.list, col, row) && row >= first_row && row < r.list.bottom().saturating_sub(1) {
        let list_row = app.list.top + usize::from(row - first_row);
        if let Some(idx) = app.list_case(list_row) {
            jumps::jump(app, idx);
        }
    }
}

/// Scrolls the list or the narrative under the mouse.
pub(super) fn wheel(app: &mut App, col: u16, row: u16, down: bool) {
    let screen = geometry::screen(viewport_rect(app), app);
    let Some(r) = screen.regions() else { return };
    if contains(r.case, col, row) {
        scroll_narrative(app, WHEEL_STEP, down);
    } else if contains(r.list, col, row) {
        let step = isize::from(WHEEL_STEP as u8);
        move_by(app, if down { step } else { -step });
    }
}

fn viewport_rect(app: &App) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, app.viewport.0, app.viewport.1)
}

fn contains(r: ratatui::layout::Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.right() && row >= r.y && row < r.bottom()
}
