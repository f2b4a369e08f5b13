//! Keeping the note being written on disk while it is typed: at most once
//! a second (and again on the next tick if more was typed), forgotten when
//! the note is saved or dropped, offered back at the next start.

use jiff::{SignedDuration, Timestamp};

use super::effect::Effect;
use super::{App, Mode, NoteEditor, Notice};
use crate::store::session::Draft;

/// The longest a typed note goes unkept.
const EVERY: SignedDuration = SignedDuration::from_secs(1);

/// When the draft was last kept, and whether the text changed since.
#[derive(Debug, Default)]
pub(in crate::app) struct DraftState {
    kept_at: Option<Timestamp>,
    changed: bool,
}

/// The note editor's text as a draft, if the editor is open.
fn current(app: &App) -> Option<Draft> {
    let Mode::Note(editor) = &app.mode else {
        return None;
    };
    let case = app.session.sample.get(editor.case)?;
    Some(Draft {
        case: case.id.to_string(),
        text: editor.area.lines().join("\n"),
    })
}

/// After a key typed into the note: keep it now if a second has passed.
pub(in crate::app) fn typed(app: &mut App, now: Timestamp) -> Option<Effect> {
    app.status.draft.changed = true;
    due(app, now)
}

/// The draft to keep now, if the text changed and a second has passed.
pub(in crate::app) fn due(app: &mut App, now: Timestamp) -> Option<Effect> {
    let state = &app.status.draft;
    let waited = state
        .kept_at
        .is_none_or(|at| now.duration_since(at) >= EVERY);
    if !(state.changed && waited) {
        return None;
    }
    let draft = current(app)?;
    app.status.draft = DraftState {
        kept_at: Some(now),
        changed: false,
    };
    Some(Effect::Draft(Some(draft)))
}

/// The note was saved or dropped: forget its draft.
pub(in crate::app) fn forget(app: &mut App) -> Effect {
    app.status.draft = DraftState::default();
    Effect::Draft(None)
}

impl App {
    /// The app reopening the note `draft` was writing when the terminal
    /// closed: on its case, in the editor, with the text as typed.
    #[must_use]
    pub fn with_draft(mut self, draft: Option<Draft>) -> Self {
        let Some(draft) = draft else {
            return self;
        };
        let Some(idx) = self.session.sample.position(&draft.case) else {
            return self;
        };
        super::cursor::set_cursor(&mut self, idx);
        self.mode = Mode::Note(Box::new(NoteEditor::new(idx, &draft.text, None)));
        self.status.notice = Some(Notice::Warning(format!(
            "the note you were writing on {} when casebench last closed is back: finish it, or save it as it is",
            draft.case
        )));
        self
    }
}
