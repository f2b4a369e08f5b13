//! The first cases of a big sample, shown while the whole sample is read.
//!
//! The reviewer can move through them and read them at once, and grade
//! them as soon as what the session holds for them is known (at once for a
//! new review, about a tenth of a second in for a resumed one). Their
//! changes are kept beside the session until it opens (its journal cannot
//! be written before); then they join the real review (by case id, each
//! `from` what the session holds) and are journaled like any other. Work
//! that needs the whole sample (search, filters, sorting, reports) waits
//! for it.

use super::cursor::set_cursor;
use super::{Action, App, Mode, Notice};
use crate::keymap::Command;
use crate::model::change::Entry;
use crate::model::review::Review;

/// What a preview knows and what the reviewer did on it.
#[derive(Debug, Default)]
pub(in crate::app) struct Preview {
    /// Whether what the session holds for these cases is known, so that
    /// they can be graded.
    known: bool,
    /// Whether the reviewer moved or changed anything: the review then goes
    /// on from here, not from where the session was left.
    touched: bool,
}

/// Changes a failed opening lists by name before counting the rest.
const LISTED: usize = 10;

impl App {
    /// The app as a preview: the first cases of a sample still being read
    /// (its counts say so), not yet to be graded.
    #[must_use]
    pub fn previewing(mut self) -> Self {
        self.preview = Some(Preview::default());
        self
    }

    /// Whether this is a preview whose cases can be graded.
    pub fn grading_ahead(&self) -> bool {
        self.preview.as_ref().is_some_and(|p| p.known)
    }

    /// Whether this is a preview on which changes were made.
    pub fn changed_ahead(&self) -> bool {
        self.preview.is_some() && !self.session.review.history().is_empty()
    }

    /// The review taking over from what was done while its sample was
    /// read: `pending` (changes kept beside the session, perhaps from a
    /// run that stopped before the session opened) and `preview` (the
    /// first cases shown meanwhile) join this review, but for changes it
    /// already has; they are not in the journal yet, so the terminal layer
    /// writes them first. Unless the reviewer did nothing on the preview,
    /// the review goes on from the case, panel and editor the reviewer was
    /// on there.
    #[must_use]
    pub fn taking_ahead(mut self, pending: Option<Vec<Entry>>, preview: Option<App>) -> Self {
        let mut carried = 0;
        let mut missing = Vec::new();
        for entries in [
            pending.unwrap_or_default().as_slice(),
            preview.as_ref().map_or(&[], |p| p.session.review.history()),
        ] {
            self.carry_ahead(entries, &mut carried, &mut missing);
        }
        if let Some(preview) = preview {
            self.continue_from(preview);
        }
        self.status.notice = joined(self.status.notice.take(), carried, &missing);
        self
    }

    /// Carries `entries`, made on a copy of this review's first cases, into
    /// it, but for those it already has (the same time, reviewer, origin
    /// and case): counts them in `carried`, and the cases of those this
    /// sample lacks in `missing`.
    fn carry_ahead(&mut self, entries: &[Entry], carried: &mut usize, missing: &mut Vec<String>) {
        let sample = std::sync::Arc::clone(&self.session.sample);
        for entry in entries {
            let case = entry.change.case();
            let had = self.session.review.history().iter().rev().any(|h| {
                (h.at, &h.by, h.origin, h.change.case())
                    == (entry.at, &entry.by, entry.origin, case)
            });
            if had {
                continue;
            }
            let joined = (sample.position(case).is_some())
                .then(|| self.session.review_mut().carry(&sample, entry).ok())
                .flatten();
            match joined {
                Some(entry) => {
                    self.status.unsaved.push(entry.clone());
                    *carried += 1;
                }
                None => missing.push(case.to_owned()),
            }
        }
    }

    /// Goes on from where the reviewer was on `preview`, if anywhere.
    fn continue_from(&mut self, preview: App) {
        let Some(ahead) = preview.preview else {
            return;
        };
        let sample = std::sync::Arc::clone(&self.session.sample);
        let place = |idx| {
            let case = preview.session.sample.get(idx)?;
            sample.position(case.id)
        };
        let restored_draft = matches!(self.mode, Mode::Note(_));
        if ahead.touched
            && !restored_draft
            && let Some(idx) = place(preview.list.cursor)
        {
            self.viewport = preview.viewport;
            set_cursor(self, idx);
            self.list.narrative_scroll = preview.list.narrative_scroll;
            self.list.focus = preview.list.focus;
        }
        match preview.mode {
            Mode::Note(mut editor) => {
                if let Some(idx) = place(editor.case) {
                    editor.case = idx;
                    self.mode = Mode::Note(editor);
                }
            }
            mode @ (Mode::Checklist { .. } | Mode::Help { .. } | Mode::Messages { .. }) => {
                self.mode = mode;
            }
            _ => {}
        }
        self.quitting |= preview.quitting;
        let mut log = preview.status.log;
        log.extend(std::mem::take(&mut self.status.log));
        while log.len() > super::MESSAGE_LOG {
            log.pop_front();
        }
        self.status.log = log;
    }

    /// What becomes of the changes made on this preview if the session
    /// cannot be opened: they are kept beside it, at `kept`, and join the
    /// review when it next opens; said one by one (`None`: there are
    /// none).
    pub fn kept_ahead(&self, kept: &std::path::Path) -> Option<String> {
        let made = self.session.review.history();
        if !self.changed_ahead() {
            return None;
        }
        let mut said: Vec<String> = made
            .iter()
            .take(LISTED)
            .map(|e| super::changes::describe(self, &e.change))
            .collect();
        if made.len() > LISTED {
            said.push(format!("and {} more", made.len() - LISTED));
        }
        let file = crate::model::text::sanitize_line(&kept.display().to_string());
        Some(format!(
            "{} made while the sample was read {} kept in {file} and join the review when it next opens: {}",
            changes(made.len()),
            if made.len() == 1 { "is" } else { "are" },
            said.join("; ")
        ))
    }
}

/// The opening's `notice` with what became of the changes made ahead:
/// `carried` joined the review, the cases `missing` are not in the sample
/// as read.
fn joined(notice: Option<Notice>, carried: usize, missing: &[String]) -> Option<Notice> {
    let mut said = Vec::new();
    let warned = matches!(notice, Some(Notice::Warning(_))) || !missing.is_empty();
    let carried = (carried > 0).then(|| changes(carried));
    match (notice, carried) {
        // What the opening found, then what the reviewer did meanwhile.
        (Some(Notice::Info(text) | Notice::Warning(text)), Some(carried)) => {
            said.push(format!("{text}, and {carried} made during the read"));
        }
        (Some(Notice::Info(text) | Notice::Warning(text)), None) => said.push(text),
        (None, Some(carried)) => {
            said.push(format!("{carried} made during the read joined the review"));
        }
        (None, None) => {}
    }
    if !missing.is_empty() {
        said.push(format!(
            "{} made during the read could not be kept: {} not in the sample as read",
            changes(missing.len()),
            missing.join(", ")
        ));
    }
    let text = said.join(" · ");
    match (said.is_empty(), warned) {
        (true, _) => None,
        (false, true) => Some(Notice::Warning(text)),
        (false, false) => Some(Notice::Info(text)),
    }
}

/// "1 change", "3 changes".
fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    }
}

/// Takes what the session holds for the preview's cases: grading can
/// start, and unless the reviewer has moved, the preview goes to the case
/// the session was left on, if it is among them.
pub(super) fn known(app: &mut App, review: Review, cursor: Option<String>) {
    let Some(preview) = app.preview.as_mut() else {
        return;
    };
    if preview.known {
        return;
    }
    preview.known = true;
    let touched = preview.touched;
    app.session.review = std::sync::Arc::new(review);
    if !touched && let Some(idx) = cursor.and_then(|id| app.session.sample.position(&id)) {
        set_cursor(app, idx);
    }
}

/// Whether the preview carries out `action`; if not, the status line
/// says why. Notes who moved or changed anything.
pub(super) fn allows(app: &mut App, action: &Action) -> bool {
    let Some(preview) = app.preview.as_mut() else {
        return true;
    };
    // Other modes are only reached through what is allowed here.
    if !matches!(app.mode, Mode::Browse) {
        return true;
    }
    let refusal = match action {
        Action::Command(command) => refusal(app, *command),
        Action::Grade(_) => (!preview.known).then(not_yet),
        _ => None,
    };
    if let Some(why) = refusal {
        app.status.notice = Some(Notice::Info(why));
        return false;
    }
    if let Some(preview) = app.preview.as_mut()
        && !matches!(
            action,
            Action::Command(Command::Quit | Command::Close | Command::Help | Command::Messages)
        )
    {
        preview.touched = true;
    }
    // Esc leaves a preview with nothing changed, as it cancels the read.
    if matches!(action, Action::Command(Command::Close)) && !app.changed_ahead() {
        app.quitting = true;
    }
    true
}

/// Why the preview does not carry out `command`, if it does not.
fn refusal(app: &App, command: Command) -> Option<String> {
    use Command as C;
    let known = app.preview.as_ref().is_some_and(|p| p.known);
    match command {
        C::Undo | C::Redo | C::Flag | C::EditNote | C::Criteria if !known => Some(not_yet()),
        C::Undo if !app.session.review.can_undo() => Some(
            "nothing to undo yet: earlier changes can be undone once the whole sample is read"
                .into(),
        ),
        C::Redo if !app.session.review.can_redo() => Some("nothing to redo".into()),
        C::GoTo => Some(needs_all("going to a case")),
        C::Search | C::NextMatch | C::PreviousMatch => Some(needs_all("search")),
        C::Filter => Some(needs_all("filtering")),
        C::Sort => Some(needs_all("sorting")),
        C::Columns => Some(needs_all("choosing columns")),
        C::Details => Some(needs_all("the tally's details")),
        C::History => Some(needs_all("the history")),
        C::Export => Some(needs_all("export")),
        _ => None,
    }
}

/// What `what` says in a preview.
fn needs_all(what: &str) -> String {
    format!("{what} works once the whole sample is read")
}

/// What grading says before the session's state is known.
fn not_yet() -> String {
    "reading the session: grading starts in a moment".into()
}
