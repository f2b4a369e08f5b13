//! The one place the app's state changes: outcomes of effects, then
//! dispatch by mode.

use jiff::{SignedDuration, Timestamp};

use super::cursor::{keep_cursor_visible, move_by};
use super::effect::Effect;
use super::{Action, App, Focus, Mode, Notice, changes, geometry, jumps, overlay, search};
use crate::keymap::Command;

/// How long after a failed write the unsaved changes are tried again
/// while nothing else happens.
const RETRY_AFTER: SignedDuration = SignedDuration::from_secs(2);

/// Applies `action` to `app` at time `now`; returns what must happen next.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    let shown = app.status.notice.clone();
    let effects = handle(app, action, now);
    // Every new message goes to the log, so nothing is lost when the next
    // key replaces it or the status line cuts it.
    if app.status.notice != shown
        && let Some(notice) = &app.status.notice
    {
        if app.status.log.len() == super::MESSAGE_LOG {
            app.status.log.pop_front();
        }
        app.status.log.push_back((now, notice.clone()));
    }
    effects
}

fn handle(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    let effects = match action {
        Action::Tick => {
            search::step(app);
            super::filter_pass::step(app);
            if let Some(draft) = super::drafts::due(app, now) {
                return vec![draft];
            }
            if let Mode::Search(prompt) = &app.mode {
                let origin = prompt.origin;
                search::follow(app, origin);
            }
            let due = app
                .status
                .last_attempt
                .is_none_or(|at| now.duration_since(at) >= RETRY_AFTER);
            if !app.status.unsaved.is_empty() && due {
                app.status.last_attempt = Some(now);
                return vec![Effect::Persist(app.status.unsaved.clone())];
            }
            Vec::new()
        }
        Action::Resize(w, h) => {
            app.viewport = (w, h);
            keep_cursor_visible(app);
            Vec::new()
        }
        Action::Saved(seq) => {
            app.status.unsaved.retain(|e| e.seq != seq);
            if app.status.unsaved.is_empty() {
                app.status.save_error = None;
            }
            Vec::new()
        }
        Action::SaveFailed(_, error) => {
            app.status.save_error = Some(error);
            Vec::new()
        }
        Action::Exported(result) => {
            super::export::finished(app, result);
            Vec::new()
        }
        Action::ExportProgress(percent) => {
            super::export::progressed(app, percent);
            Vec::new()
        }
        Action::Sorted(ticket, order) => {
            super::sorting::finished(app, ticket, *order);
            Vec::new()
        }
        Action::HistoryLoaded(result) => {
            match result {
                Ok(earlier) => app.session.review_mut().adopt_earlier_history(earlier),
                Err(e) => {
                    app.status.notice = Some(Notice::Warning(format!(
                        "the earlier history could not be read ({e}); every grade is intact, undo covers this session only"
                    )));
                }
            }
            Vec::new()
        }
        Action::FirstCasesKnown(review, cursor) => {
            super::preview::known(app, *review, cursor);
            Vec::new()
        }
        action if super::preview::allows(app, &action) => by_mode(app, action, now),
        _ => Vec::new(),
    };
    refresh_narrative(app);
    queue_saves(app, effects, now)
}

/// Wraps the current case's narrative for the case view, if the case or
/// the width changed (see [`super::narrative`]).
fn refresh_narrative(app: &mut App) {
    let width = geometry::case_inner(app).map_or(0, |r| r.width);
    let idx = app.list.cursor;
    let text = app.session.sample.get(idx).and_then(|c| c.summary);
    app.list.narrative.ensure(idx, width, text);
}

/// Every new change joins the changes not yet on disk, and all of them are
/// written in order: a change is never written before an earlier one that
/// failed, so the journal stays in sequence.
fn queue_saves(app: &mut App, effects: Vec<Effect>, now: Timestamp) -> Vec<Effect> {
    let mut out = Vec::with_capacity(effects.len());
    let mut new_changes = false;
    for effect in effects {
        match effect {
            Effect::Persist(entries) => {
                app.status.unsaved.extend(entries);
                new_changes = true;
            }
            other @ (Effect::Export { .. }
            | Effect::CancelExport
            | Effect::Draft(_)
            | Effect::Sort(_)) => out.push(other),
        }
    }
    if new_changes {
        app.status.last_attempt = Some(now);
        out.insert(0, Effect::Persist(app.status.unsaved.clone()));
    }
    out
}

/// Whether `action` in the app's current mode uses the whole audit trail
/// (undo, redo, the history, an export), so the earlier history must be
/// loaded before it runs.
pub fn needs_history(app: &App, action: &Action) -> bool {
    matches!(
        (&app.mode, action),
        (
            Mode::Browse,
            Action::Command(Command::Undo | Command::Redo | Command::History)
        ) | (Mode::Export(_), Action::Command(Command::Confirm))
    )
}

fn by_mode(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    match app.mode {
        Mode::Browse => browse(app, action, now),
        Mode::Note(_) | Mode::Search(_) => overlay::text_entry(app, action, now),
        Mode::GoTo(_) => {
            if let Mode::GoTo(prompt) = std::mem::replace(&mut app.mode, Mode::Browse) {
                super::jumps::key(app, prompt, &action);
            }
            Vec::new()
        }
        Mode::Export(_) => match std::mem::replace(&mut app.mode, Mode::Browse) {
            Mode::Export(dialog) => super::export::handle(app, dialog, action),
            _ => Vec::new(),
        },
        _ => overlay::navigate(app, action, now),
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "actions travel by value through the dispatch, as into update"
)]
fn browse(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    match action {
        Action::Command(command) => {
            app.status.notice = None;
            command_in_browse(app, in_focus(app, command), now)
        }
        Action::Grade(level) => changes::grade(app, level, now),
        Action::Click(col, row) => {
            mouse::click(app, col, row);
            Vec::new()
        }
        Action::Wheel(col, row, down) => {
            mouse::wheel(app, col, row, down);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// With the case view focused, the list's movement keys move within the
/// case: a line or a page (`g`/`G`, its top and end, are in
/// `command_in_browse`).
fn in_focus(app: &App, command: Command) -> Command {
    if app.list.focus == Focus::List {
        return command;
    }
    match command {
        Command::MoveDown => Command::ScrollDown,
        Command::MoveUp => Command::ScrollUp,
        Command::PageDown => Command::PageCaseDown,
        Command::PageUp => Command::PageCaseUp,
        other => other,
    }
}

/// Moves through the list or the case (and switches between them); false
/// for any other command.
fn movement(app: &mut App, command: Command) -> bool {
    let page = geometry::list_rows(app).max(1);
    match command {
        Command::MoveDown => move_by(app, 1),
        Command::MoveUp => move_by(app, -1),
        Command::PageDown => move_by(app, page.cast_signed()),
        Command::PageUp => move_by(app, -page.cast_signed()),
        Command::First | Command::Last if app.list.focus == Focus::Case => {
            app.list.narrative_scroll = if command == Command::First {
                0
            } else {
                geometry::narrative_max_scroll(app)
            };
        }
        Command::First | Command::Last => {
            let row = if command == Command::First {
                0
            } else {
                app.list_len().saturating_sub(1)
            };
            if let Some(idx) = app.list_case(row) {
                jumps::jump(app, idx);
            }
        }
        Command::JumpBack | Command::JumpForward => {
            jumps::retrace(app, command == Command::JumpBack);
        }
        Command::ScrollDown => scroll_narrative(app, 1, true),
        Command::ScrollUp => scroll_narrative(app, 1, false),
        Command::Focus => {
            app.list.focus = match app.list.focus {
                Focus::List => Focus::Case,
                Focus::Case => Focus::List,
            };
        }
        Command::PageCaseDown | Command::PageCaseUp => {
            let page = geometry::case_inner(app).map_or(1, |r| r.height.saturating_sub(2).max(1));
            scroll_narrative(app, page, command == Command::PageCaseDown);
        }
        _ => return false,
    }
    true
}

fn command_in_browse(app: &mut App, command: Command, now: Timestamp) -> Vec<Effect> {
    if movement(app, command) {
        return Vec::new();
    }
    match command {
        Command::Messages => app.mode = Mode::Messages { scroll: 0 },
        Command::GoTo => {
            app.mode = Mode::GoTo(Box::new(jumps::GoToPrompt::new(app.list.cursor)));
        }
        Command::Undo => return changes::undo_redo(app, now, true),
        Command::Redo => return changes::undo_redo(app, now, false),
        Command::Flag => return changes::toggle_flag(app, now),
        Command::EditNote => {
            if app.current().is_some() {
                let note = app.session.review.note(app.list.cursor).to_owned();
                app.mode = Mode::Note(Box::new(super::NoteEditor::new(
                    app.list.cursor,
                    &note,
                    None,
                )));
            }
        }
        Command::Criteria => {
            if app.session.config.criteria.is_empty() {
                app.status.notice =
                    Some(Notice::Info("no practice criteria are configured".into()));
            } else if app.current().is_some() {
                app.mode = Mode::Checklist { selected: 0 };
            }
        }
        Command::Search => {
            app.mode = Mode::Search(Box::new(super::SearchPrompt::new(app.list.cursor)));
        }
        Command::NextMatch | Command::PreviousMatch => {
            jump_to_match(app, command == Command::NextMatch);
        }
        Command::Filter => app.mode = super::pickers::open_filter(app),
        Command::Sort => app.mode = super::pickers::open_sort(app),
        Command::Columns => app.mode = super::pickers::open_columns(app),
        Command::Details => {
            app.mode = Mode::Details {
                scroll: 0,
                breakdown: Box::new(app.breakdown()),
                summary: Box::new(app.summary()),
            }
        }
        Command::History => {
            if app.session.review.history().is_empty() {
                app.status.notice = Some(Notice::Info("no changes yet".into()));
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
            app.status.notice = None;
            app.list.search = None;
            super::filter::search_changed(app);
        }
        // Movement was handled by `movement`.
        Command::MoveDown
        | Command::MoveUp
        | Command::PageDown
        | Command::PageUp
        | Command::First
        | Command::Last
        | Command::ScrollDown
        | Command::ScrollUp
        | Command::Focus
        | Command::PageCaseDown
        | Command::PageCaseUp
        | Command::JumpBack
        | Command::JumpForward
        // Commands of other contexts never reach the main screen.
        | Command::AnswerMet
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
    match (&app.list.search, search::step_match(app, forward)) {
        (None, _) => app.status.notice = Some(Notice::Info("no search: press / to search".into())),
        (Some(s), None) => {
            app.status.notice = Some(Notice::Info(format!(
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
            app.status.notice = Some(Notice::Info(format!(
                "match {n} of {} for \"{}\"",
                s.matches.len(),
                s.query
            )));
            jumps::jump(app, idx);
        }
    }
}

fn scroll_narrative(app: &mut App, lines: u16, down: bool) {
    app.list.narrative_scroll = if down {
        app.list
            .narrative_scroll
            .saturating_add(lines)
            .min(geometry::narrative_max_scroll(app))
    } else {
        app.list.narrative_scroll.saturating_sub(lines)
    };
}

mod mouse;

#[cfg(test)]
mod day_tests;
#[cfg(test)]
mod list_tests;
#[cfg(test)]
mod moderation_tests;
#[cfg(test)]
mod pass_tests;
#[cfg(test)]
mod preview_tests;
#[cfg(test)]
mod tests;
/// A moderation session for screen tests (see `moderation_tests`).
#[cfg(test)]
pub(crate) use moderation_tests::moderation as moderation_app;
