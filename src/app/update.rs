//! The one place the app's state changes.

use jiff::Timestamp;

use super::{Action, App, Mode, Notice};
use crate::keymap::Command;
use crate::model::case::CaseIdx;
use crate::model::change::{Change, Entry};
use crate::model::review::{ReviewError, Stamp};
use crate::model::scale::LevelIdx;
use crate::ui::layout;

/// Work for the terminal layer after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Make this entry durable before the next frame is drawn.
    Persist(Entry),
}

/// Applies `action` to `app` at time `now`; returns what must happen next.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    match (app.mode, action) {
        (_, Action::Resize(w, h)) => {
            app.viewport = (w, h);
            keep_cursor_visible(app);
            Vec::new()
        }
        (Mode::Help { scroll }, action) => {
            app.mode = match action {
                Action::Command(Command::MoveDown | Command::ScrollDown) => Mode::Help {
                    scroll: scroll.saturating_add(1),
                },
                Action::Command(Command::MoveUp | Command::ScrollUp) => Mode::Help {
                    scroll: scroll.saturating_sub(1),
                },
                Action::Command(Command::PageDown) => Mode::Help {
                    scroll: scroll.saturating_add(10),
                },
                Action::Command(Command::PageUp) => Mode::Help {
                    scroll: scroll.saturating_sub(10),
                },
                Action::Command(Command::First) => Mode::Help { scroll: 0 },
                _ => Mode::Browse,
            };
            Vec::new()
        }
        (Mode::Browse, Action::Command(command)) => {
            app.notice = None;
            browse(app, command, now)
        }
        (Mode::Browse, Action::Grade(level)) => grade(app, level, now),
        (Mode::Browse, Action::Close) => {
            app.notice = None;
            Vec::new()
        }
    }
}

fn browse(app: &mut App, command: Command, now: Timestamp) -> Vec<Effect> {
    let page = layout::list_rows(app).max(1);
    match command {
        Command::MoveDown => move_by(app, 1),
        Command::MoveUp => move_by(app, -1),
        Command::PageDown => move_by(app, page as isize),
        Command::PageUp => move_by(app, -(page as isize)),
        Command::First => move_to_row(app, 0),
        Command::Last => move_to_row(app, app.list_len().saturating_sub(1)),
        Command::ScrollDown => {
            let max = layout::narrative_max_scroll(app);
            app.narrative_scroll = app.narrative_scroll.saturating_add(1).min(max);
        }
        Command::ScrollUp => app.narrative_scroll = app.narrative_scroll.saturating_sub(1),
        Command::Undo => return undo_redo(app, now, true),
        Command::Redo => return undo_redo(app, now, false),
        Command::Help => app.mode = Mode::Help { scroll: 0 },
        Command::Quit => app.quitting = true,
    }
    Vec::new()
}

fn move_by(app: &mut App, delta: isize) {
    let row = app.cursor_row().saturating_add_signed(delta);
    move_to_row(app, row);
}

fn move_to_row(app: &mut App, row: usize) {
    let last = app.list_len().saturating_sub(1);
    if let Some(idx) = app.list_case(row.min(last)) {
        set_cursor(app, idx);
    }
}

fn set_cursor(app: &mut App, idx: CaseIdx) {
    if idx != app.cursor {
        app.cursor = idx;
        app.narrative_scroll = 0;
    }
    keep_cursor_visible(app);
}

/// Scrolls the list just enough that the cursor's row is on screen.
fn keep_cursor_visible(app: &mut App) {
    let rows = layout::list_rows(app).max(1);
    let row = app.cursor_row();
    if row < app.list_top {
        app.list_top = row;
    } else if row >= app.list_top + rows {
        app.list_top = row + 1 - rows;
    }
    app.list_top = app.list_top.min(app.list_len().saturating_sub(rows));
}

fn grade(app: &mut App, level: LevelIdx, now: Timestamp) -> Vec<Effect> {
    let Some(case) = app.current() else {
        return Vec::new();
    };
    let scale = app.review.scale();
    let from = app.review.grade(app.cursor);
    if from == Some(level) {
        let label = scale.level(level).map_or("", |l| l.label.as_str());
        app.notice = Some(Notice::Info(format!(
            "{} is already graded {label}",
            case.id
        )));
        return Vec::new();
    }
    let id = |g: Option<LevelIdx>| g.and_then(|g| scale.level(g)).map(|l| l.id.clone());
    let change = Change::Grade {
        case: case.id.to_string(),
        from: id(from),
        to: id(Some(level)),
    };
    // Auto-advance only when grading a new case: regrading stays put.
    let next = if app.config.auto_advance && from.is_none() {
        app.review
            .next_ungraded(app.cursor)
            .filter(|&n| n != app.cursor)
    } else {
        None
    };
    let target = next.unwrap_or(app.cursor);
    let effects = record(app, change, target, now);
    if next.is_none() && from.is_none() && app.review.next_ungraded(app.cursor).is_none() {
        app.notice = Some(Notice::Info(format!(
            "all {} cases graded",
            app.sample.len()
        )));
    }
    set_cursor(app, target);
    effects
}

fn undo_redo(app: &mut App, now: Timestamp, undo: bool) -> Vec<Effect> {
    let pending = if undo {
        app.review.next_undo()
    } else {
        app.review.next_redo()
    };
    let Some(case) = pending.map(|c| c.case().to_owned()) else {
        let what = if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        };
        app.notice = Some(Notice::Info(what.into()));
        return Vec::new();
    };
    // The reviewer is taken to the case that changed, and resumes there.
    let stamp = Stamp {
        by: app.reviewer.clone(),
        at: now,
        cursor: Some(case.clone()),
    };
    let result = if undo {
        app.review.undo(&app.sample, stamp)
    } else {
        app.review.redo(&app.sample, stamp)
    };
    let entry = match result {
        Ok(Some(entry)) => entry.clone(),
        Ok(None) => return Vec::new(),
        Err(e) => return failed(app, &e),
    };
    if let Some(idx) = app.sample.position(&case) {
        set_cursor(app, idx);
    }
    let verb = if undo { "undone" } else { "redone" };
    app.notice = Some(Notice::Info(format!(
        "{verb}: {}",
        describe(app, &entry.change)
    )));
    vec![Effect::Persist(entry)]
}

/// Applies a reviewer's edit and asks for it to be saved.
fn record(app: &mut App, change: Change, cursor_after: CaseIdx, now: Timestamp) -> Vec<Effect> {
    let cursor = app.sample.get(cursor_after).map(|c| c.id.to_string());
    let stamp = Stamp {
        by: app.reviewer.clone(),
        at: now,
        cursor,
    };
    match app.review.edit(&app.sample, change, stamp) {
        Ok(entry) => {
            let entry = entry.clone();
            app.notice = None;
            vec![Effect::Persist(entry)]
        }
        Err(e) => failed(app, &e),
    }
}

fn failed(app: &mut App, e: &ReviewError) -> Vec<Effect> {
    app.notice = Some(Notice::Warning(e.to_string()));
    Vec::new()
}

/// A short description of a change for the status line.
pub fn describe(app: &App, change: &Change) -> String {
    let scale = app.review.scale();
    let label = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| scale.position(id).and_then(|p| scale.level(p)))
            .map_or_else(|| "ungraded".to_owned(), |l| l.label.clone())
    };
    match change {
        Change::Grade { case, from, to } => format!("{case} {} → {}", label(from), label(to)),
        Change::Note { case, .. } => format!("{case} note"),
        Change::Criterion {
            case, criterion, ..
        } => format!("{case} criterion {criterion}"),
        Change::Flag { case, to } => {
            format!("{case} {}", if *to { "flagged" } else { "unflagged" })
        }
    }
}

#[cfg(test)]
mod tests;
