//! Updates while an overlay or text field has the keyboard: help, tally
//! details, the criteria checklist, the filter picker, the history, the
//! note editor and the search prompt.

use jiff::Timestamp;

use super::cursor::set_cursor;
use super::effect::Effect;
use super::{Action, App, Mode, Notice, Search, changes, filter, search, text_entry};
use crate::keymap::Command;
use crate::model::change::Answer;

/// Lines a page key scrolls in help and details.
const PAGE: u16 = 10;

/// Keys typed into the note editor or the search prompt.
pub fn text_entry(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    let mode = std::mem::replace(&mut app.mode, Mode::Browse);
    match (mode, action) {
        (Mode::Note(editor), Action::Command(Command::SaveNote)) => {
            let mut effects = changes::close_note(app, *editor, now);
            if !matches!(app.mode, Mode::Note(_)) {
                effects.push(super::drafts::forget(app));
            }
            return effects;
        }
        (Mode::Note(editor), Action::Command(Command::Close)) => {
            let typed = editor.text() != app.session.review.note(editor.case).trim_end();
            if typed && !editor.warned_discard {
                let keys = &app.session.config.keys;
                app.status.notice = Some(Notice::Warning(format!(
                    "discard what you typed? {} again discards it, {} saves it",
                    keys.first_key(crate::keymap::Context::Note, Command::Close),
                    keys.first_key(crate::keymap::Context::Note, Command::SaveNote)
                )));
                app.mode = Mode::Note(Box::new(super::NoteEditor {
                    warned_discard: true,
                    ..*editor
                }));
                return Vec::new();
            }
            app.status.notice = Some(Notice::Info(match (typed, editor.pending_grade) {
                (_, Some(_)) => "edit discarded; the grade was not given".to_owned(),
                (true, None) => "edit discarded; the note is as it was".to_owned(),
                (false, None) => "note unchanged".to_owned(),
            }));
            return vec![super::drafts::forget(app)];
        }
        (Mode::Note(mut editor), Action::Type(key)) => {
            editor.area.input(text_entry::input(key));
            editor.warned_discard = false;
            app.mode = Mode::Note(editor);
            return super::drafts::typed(app, now).into_iter().collect();
        }
        (Mode::Search(prompt), Action::Command(Command::Close)) => {
            app.list.search = None;
            set_cursor(app, prompt.origin);
            filter::search_changed(app);
        }
        (Mode::Search(prompt), Action::Command(Command::Confirm)) => {
            if app.list.cursor != prompt.origin {
                super::jumps::remember(app, prompt.origin);
            }
            if prompt.query().is_empty() {
                app.list.search = None;
            } else if let Some(s) = &app.list.search {
                let more = if s.is_complete() {
                    ""
                } else {
                    " so far (still searching)"
                };
                app.status.notice = Some(Notice::Info(format!(
                    "{} matches{more} for \"{}\" · n/N next/previous",
                    s.matches.len(),
                    s.query
                )));
            }
            filter::search_changed(app);
        }
        (Mode::Search(mut prompt), Action::Type(key)) => {
            let before = prompt.query();
            prompt.input.input(text_entry::input(key));
            let query = prompt.query();
            if query != before {
                let previous = app.list.search.take();
                app.list.search = (!query.is_empty()).then(|| Search::new(&query, previous));
                search::step(app);
                search::follow(app, prompt.origin);
            }
            app.mode = Mode::Search(prompt);
        }
        (mode, _) => app.mode = mode,
    }
    Vec::new()
}

/// Keys in the list-like overlays.
pub fn navigate(app: &mut App, action: Action, now: Timestamp) -> Vec<Effect> {
    let mode = std::mem::replace(&mut app.mode, Mode::Browse);
    let (next, effects) = match mode {
        Mode::Help { scroll } => (
            scrolled(action, scroll).map(|scroll| Mode::Help { scroll }),
            Vec::new(),
        ),
        Mode::Messages { scroll } => (
            scrolled(action, scroll).map(|scroll| Mode::Messages { scroll }),
            Vec::new(),
        ),
        Mode::Details {
            scroll,
            breakdown,
            summary,
        } => (
            scrolled(action, scroll).map(|scroll| Mode::Details {
                scroll,
                breakdown,
                summary,
            }),
            Vec::new(),
        ),
        Mode::Checklist { selected } => checklist(app, action, selected, now),
        Mode::Filter {
            selected,
            draft,
            ticked,
        } => (
            super::pickers::filter(app, &action, selected, draft, ticked),
            Vec::new(),
        ),
        Mode::Sort { selected } => super::pickers::sort(app, &action, selected),
        Mode::Columns { selected, draft } => (
            super::pickers::columns(app, &action, selected, draft),
            Vec::new(),
        ),
        Mode::History { selected } => {
            let len = app.session.review.history().len();
            match action {
                Action::Command(Command::Confirm) => {
                    let entry = len
                        .checked_sub(selected + 1)
                        .and_then(|i| app.session.review.history().get(i));
                    if let Some(idx) =
                        entry.and_then(|e| app.session.sample.position(e.change.case()))
                    {
                        super::jumps::jump(app, idx);
                    }
                    (None, Vec::new())
                }
                action => (
                    picked(action, selected, len).map(|selected| Mode::History { selected }),
                    Vec::new(),
                ),
            }
        }
        mode @ (Mode::Browse
        | Mode::Note(_)
        | Mode::Search(_)
        | Mode::GoTo(_)
        | Mode::Export(_)) => (Some(mode), Vec::new()),
    };
    app.mode = next.unwrap_or(Mode::Browse);
    effects
}

/// The criteria checklist: answer keys record an answer for the selected
/// criterion and move to the next one.
fn checklist(
    app: &mut App,
    action: Action,
    selected: usize,
    now: Timestamp,
) -> (Option<Mode>, Vec<Effect>) {
    let len = app.session.config.criteria.len();
    let answer = match action {
        Action::Command(Command::AnswerMet) => Some(Answer::Met),
        Action::Command(Command::AnswerNotMet) => Some(Answer::NotMet),
        Action::Command(Command::AnswerNotApplicable) => Some(Answer::NotApplicable),
        Action::Command(Command::AnswerClear) => None,
        action => {
            return (
                picked(action, selected, len).map(|selected| Mode::Checklist { selected }),
                Vec::new(),
            );
        }
    };
    let effects = changes::answer(app, selected, answer, now);
    let next = if answer.is_some() {
        (selected + 1).min(len.saturating_sub(1))
    } else {
        selected
    };
    (Some(Mode::Checklist { selected: next }), effects)
}

/// Moves a selection in a list of `len` items; `None` closes the overlay.
#[allow(
    clippy::needless_pass_by_value,
    reason = "actions travel by value through the dispatch, as into update"
)]
pub(super) fn picked(action: Action, selected: usize, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match action {
        Action::Command(Command::MoveDown) | Action::Wheel(_, _, true) => {
            Some((selected + 1).min(last))
        }
        Action::Command(Command::MoveUp) | Action::Wheel(_, _, false) => {
            Some(selected.saturating_sub(1))
        }
        Action::Command(Command::PageDown) => Some((selected + usize::from(PAGE)).min(last)),
        Action::Command(Command::PageUp) => Some(selected.saturating_sub(usize::from(PAGE))),
        Action::Command(Command::First) => Some(0),
        Action::Command(Command::Last) => Some(last),
        Action::Command(Command::Close) => None,
        _ => Some(selected),
    }
}

/// Scrolls help or details; any key that is not a scroll key closes them.
#[allow(
    clippy::needless_pass_by_value,
    reason = "actions travel by value through the dispatch, as into update"
)]
fn scrolled(action: Action, scroll: u16) -> Option<u16> {
    match action {
        Action::Command(Command::MoveDown) | Action::Wheel(_, _, true) => {
            Some(scroll.saturating_add(1))
        }
        Action::Command(Command::MoveUp) | Action::Wheel(_, _, false) => {
            Some(scroll.saturating_sub(1))
        }
        Action::Command(Command::PageDown) => Some(scroll.saturating_add(PAGE)),
        Action::Command(Command::PageUp) => Some(scroll.saturating_sub(PAGE)),
        Action::Command(Command::First) => Some(0),
        Action::Click(..) => Some(scroll),
        _ => None,
    }
}

#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod tests;
