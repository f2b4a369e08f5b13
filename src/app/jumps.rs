//! Going anywhere and back: the go-to prompt (a case by its id) and the
//! jump list. Every jump — go to, search, next match, history, a filter
//! that moves the cursor, a click, first and last — remembers where the
//! cursor was, so one key goes back and another forward again, as in vim.

use super::cursor::set_cursor;
use super::text_entry::{self, SearchPrompt};
use super::{Action, App, Mode, Notice};
use crate::keymap::Command;
use crate::model::case::CaseIdx;

/// Jumps remembered in each direction.
const MAX_JUMPS: usize = 100;

/// Cases to go back and forward to.
#[derive(Debug, Default)]
pub(in crate::app) struct Jumps {
    back: Vec<CaseIdx>,
    forward: Vec<CaseIdx>,
}

/// Remembers `from` as a place to come back to (a new jump forgets the
/// way forward).
pub(in crate::app) fn remember(app: &mut App, from: CaseIdx) {
    let jumps = &mut app.list.jumps;
    if jumps.back.last() != Some(&from) {
        jumps.back.push(from);
        if jumps.back.len() > MAX_JUMPS {
            jumps.back.remove(0);
        }
    }
    jumps.forward.clear();
}

/// Moves to `idx` as a jump.
pub(in crate::app) fn jump(app: &mut App, idx: CaseIdx) {
    if idx != app.list.cursor {
        remember(app, app.list.cursor);
    }
    set_cursor(app, idx);
}

/// Goes back (`back`) or forward along the jump list.
pub(in crate::app) fn retrace(app: &mut App, back: bool) {
    let here = app.list.cursor;
    let jumps = &mut app.list.jumps;
    let (from, to) = if back {
        (&mut jumps.back, &mut jumps.forward)
    } else {
        (&mut jumps.forward, &mut jumps.back)
    };
    let target = loop {
        match from.pop() {
            Some(idx) if idx == here => {}
            other => break other,
        }
    };
    let Some(target) = target.filter(|&i| (i as usize) < app.session.sample.len()) else {
        app.status.notice = Some(Notice::Info(
            if back {
                "no earlier place to go back to"
            } else {
                "no later place to go forward to"
            }
            .into(),
        ));
        return;
    };
    to.push(here);
    set_cursor(app, target);
}

/// The go-to prompt: an id typed, and the case it would go to.
#[derive(Debug, Clone)]
pub struct GoToPrompt {
    /// The text typed.
    pub input: SearchPrompt,
    /// The case Enter goes to: the id typed exactly (ignoring case), else
    /// the first id that starts with it.
    pub candidate: Option<CaseIdx>,
    /// How many ids start with the text typed, up to [`MANY_IDS`] and one.
    pub starting: usize,
}

impl GoToPrompt {
    /// An empty prompt.
    pub fn new(origin: CaseIdx) -> Self {
        Self {
            input: SearchPrompt::new(origin),
            candidate: None,
            starting: 0,
        }
    }
}

/// Ids counted before the go-to prompt says only "over" so many.
pub const MANY_IDS: usize = 1000;

/// Looks up what `prompt` holds: the case it names (its id; else its id
/// ignoring ASCII case and surrounding space), else the first in sample
/// order whose id starts with it; and how many ids start with it. The
/// ids that start so are found by binary search in the sample's id order.
fn look_up(app: &App, prompt: &mut GoToPrompt) {
    let query = prompt.input.query();
    let typed = query.trim();
    let sample = &app.session.sample;
    let starting = if typed.is_empty() {
        &[][..]
    } else {
        sample.starting_with(typed)
    };
    // Ids equal to the text, ignoring case, come first in id order.
    let same = starting
        .iter()
        .take_while(|&&i| sample.id(i).is_some_and(|id| id.len() == typed.len()));
    prompt.candidate = sample
        .position(typed)
        .filter(|_| !typed.is_empty())
        .or_else(|| same.min().copied())
        .or_else(|| starting.iter().min().copied());
    prompt.starting = starting.len().min(MANY_IDS + 1);
}

/// A key in the go-to prompt.
pub(in crate::app) fn key(app: &mut App, mut prompt: Box<GoToPrompt>, action: &Action) {
    match action {
        Action::Command(Command::Close) => {}
        Action::Command(Command::Confirm) => match prompt.candidate {
            Some(idx) => {
                jump(app, idx);
                if let Some(case) = app.current() {
                    app.status.notice = Some(Notice::Info(format!("went to {}", case.id)));
                }
            }
            None => {
                app.status.notice = Some(Notice::Warning(format!(
                    "no case has an id starting {:?}",
                    prompt.input.query().trim()
                )));
            }
        },
        Action::Type(key) => {
            prompt.input.input.input(text_entry::input(*key));
            look_up(app, &mut prompt);
            app.mode = Mode::GoTo(prompt);
        }
        _ => app.mode = Mode::GoTo(prompt),
    }
}
