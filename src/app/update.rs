//! The one place the app's state changes: dispatch by mode, and movement.

use jiff::Timestamp;

use super::{Action, App, Mode, Notice, edit, overlay, search, view};
use crate::keymap::Command;
use crate::model::case::CaseIdx;
use crate::model::change::Entry;
use crate::ui::layout;

/// Work for the terminal layer after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Make this entry durable before the next frame is drawn.
    Persist(Entry),
    /// Write an export; report back with [`super::export::finished`].
    Export {
        /// What to write.
        format: crate::store::export::Format,
        /// Where.
        path: std::path::PathBuf,
        /// Leave out case text and notes.
        redact: bool,
        /// Replace an existing file.
        overwrite: bool,
    },
}

/// Lines the mouse wheel moves.
const WHEEL_STEP: u16 = 3;

/// Applies `action` to `app` at time `now`; returns what must happen next.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    if action == Action::Tick {
        search::step(app);
        if let Mode::Search(prompt) = &app.mode {
            let origin = prompt.origin;
            search::follow(app, origin);
        }
        return Vec::new();
    }
    if let Action::Resize(w, h) = action {
        app.viewport = (w, h);
        keep_cursor_visible(app);
        return Vec::new();
    }
    match app.mode {
        Mode::Browse => browse(app, action, now),
        Mode::Note(_) | Mode::Search(_) => overlay::text_entry(app, action, now),
        Mode::Export(_) => match std::mem::replace(&mut app.mode, Mode::Browse) {
            Mode::Export(dialog) => super::export::handle(app, dialog, action),
            _ => Vec::new(),
        },
        _ => overlay::navigate(app, action, now),
    }
}

fn browse(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    match action {
        Action::Command(command) => {
            app.notice = None;
            command_in_browse(app, command, now)
        }
        Action::Grade(level) => edit::grade(app, level, now),
        Action::Click(col, row) => {
            click(app, col, row);
            Vec::new()
        }
        Action::Wheel(col, row, down) => {
            wheel(app, col, row, down);
            Vec::new()
        }
        Action::Type(_) | Action::Resize(..) | Action::Tick => Vec::new(),
    }
}

fn command_in_browse(app: &mut App, command: Command, now: Timestamp) -> Vec<Effect> {
    let page = layout::list_rows(app).max(1);
    match command {
        Command::MoveDown => move_by(app, 1),
        Command::MoveUp => move_by(app, -1),
        Command::PageDown => move_by(app, page.cast_signed()),
        Command::PageUp => move_by(app, -page.cast_signed()),
        Command::First => move_to_row(app, 0),
        Command::Last => move_to_row(app, app.list_len().saturating_sub(1)),
        Command::ScrollDown => scroll_narrative(app, 1, true),
        Command::ScrollUp => scroll_narrative(app, 1, false),
        Command::Undo => return edit::undo_redo(app, now, true),
        Command::Redo => return edit::undo_redo(app, now, false),
        Command::Flag => return edit::toggle_flag(app, now),
        Command::EditNote => {
            if app.current().is_some() {
                let note = app.review.note(app.cursor).to_owned();
                app.mode = Mode::Note(Box::new(super::NoteEditor::new(app.cursor, &note, None)));
            }
        }
        Command::Criteria => {
            if app.config.criteria.is_empty() {
                app.notice = Some(Notice::Info("no practice criteria are configured".into()));
            } else if app.current().is_some() {
                app.mode = Mode::Checklist { selected: 0 };
            }
        }
        Command::Search => app.mode = Mode::Search(Box::new(super::SearchPrompt::new(app.cursor))),
        Command::NextMatch | Command::PreviousMatch => {
            jump_to_match(app, command == Command::NextMatch);
        }
        Command::Filter => {
            let selected = app
                .filter_options()
                .iter()
                .position(|f| *f == app.filter)
                .unwrap_or(0);
            app.mode = Mode::Filter { selected };
        }
        Command::Details => {
            app.mode = Mode::Details {
                scroll: 0,
                breakdown: Box::new(app.breakdown()),
            }
        }
        Command::History => {
            if app.review.history().is_empty() {
                app.notice = Some(Notice::Info("no changes yet".into()));
            } else {
                app.mode = Mode::History { selected: 0 };
            }
        }
        Command::Export => {
            app.mode = Mode::Export(Box::new(super::export::ExportDialog::new(app, now)));
        }
        Command::Help => app.mode = Mode::Help { scroll: 0 },
        Command::Quit => app.quitting = true,
        Command::Close => {
            app.notice = None;
            app.search = None;
        }
        // Commands of other contexts never reach the main screen.
        Command::AnswerMet
        | Command::AnswerNotMet
        | Command::AnswerNotApplicable
        | Command::AnswerClear
        | Command::SaveNote
        | Command::Confirm
        | Command::NextField
        | Command::PreviousField
        | Command::NextOption
        | Command::PreviousOption
        | Command::Toggle => {}
    }
    Vec::new()
}

fn jump_to_match(app: &mut App, forward: bool) {
    match (&app.search, search::step_match(app, forward)) {
        (None, _) => app.notice = Some(Notice::Info("no search: press / to search".into())),
        (Some(s), None) => {
            app.notice = Some(Notice::Info(format!(
                "no listed case matches \"{}\"",
                s.query
            )));
        }
        (Some(s), Some(idx)) => {
            let n = s
                .matches
                .iter()
                .position(|&m| m == idx)
                .map_or(0, |p| p + 1);
            app.notice = Some(Notice::Info(format!(
                "match {n} of {} for \"{}\"",
                s.matches.len(),
                s.query
            )));
            set_cursor(app, idx);
        }
    }
}

fn scroll_narrative(app: &mut App, lines: u16, down: bool) {
    app.narrative_scroll = if down {
        app.narrative_scroll
            .saturating_add(lines)
            .min(layout::narrative_max_scroll(app))
    } else {
        app.narrative_scroll.saturating_sub(lines)
    };
}

/// Selects the case under a click in the list.
fn click(app: &mut App, col: u16, row: u16) {
    let Some(r) = layout::screen(viewport_rect(app), app).regions().copied() else {
        return;
    };
    let first_row = r.list.y + 2; // border and header
    if contains(r.list, col, row) && row >= first_row && row < r.list.bottom().saturating_sub(1) {
        let list_row = app.list_top + usize::from(row - first_row);
        if list_row < app.list_len() {
            move_to_row(app, list_row);
        }
    }
}

/// Scrolls the list or the narrative under the mouse.
fn wheel(app: &mut App, col: u16, row: u16, down: bool) {
    let screen = layout::screen(viewport_rect(app), app);
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

fn move_by(app: &mut App, delta: isize) {
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
    let old = app.cursor;
    app.cursor = idx;
    if idx != old {
        app.narrative_scroll = 0;
        view::leave_case(app, old);
    }
    view::refresh_case(app, idx);
    keep_cursor_visible(app);
}

/// Scrolls the list just enough that the cursor's row is on screen.
pub fn keep_cursor_visible(app: &mut App) {
    let rows = layout::list_rows(app).max(1);
    let row = app.cursor_row();
    if row < app.list_top {
        app.list_top = row;
    } else if row >= app.list_top + rows {
        app.list_top = row + 1 - rows;
    }
    app.list_top = app.list_top.min(app.list_len().saturating_sub(rows));
}

#[cfg(test)]
mod tests;
