//! Text entry: the note editor and the search prompt, both built on
//! `ratatui-textarea`, and our keys as its input.

use ratatui_textarea::{Input, Key, TextArea, WrapMode};

use crate::keymap::{KeyCode, KeyModifiers, KeySpec};

use crate::model::case::CaseIdx;
use crate::model::scale::LevelIdx;

/// The note editor's state.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// The text being edited.
    pub area: TextArea<'static>,
    /// The case whose note it is.
    pub case: CaseIdx,
    /// A grade waiting for this note (the scale requires a note for it).
    pub pending_grade: Option<LevelIdx>,
    /// Set once the reviewer was told an empty note cannot carry the pending
    /// grade: the next Esc then drops the grade instead.
    pub warned_empty: bool,
    /// Set once the reviewer was asked whether to discard what they typed:
    /// the next cancel discards it.
    pub warned_discard: bool,
}

impl NoteEditor {
    /// An editor on `text` for `case`, the cursor at the end.
    pub fn new(case: CaseIdx, text: &str, pending_grade: Option<LevelIdx>) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_owned).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_placeholder_text("Why this grade? What was done well, what fell short…");
        Self {
            area,
            case,
            pending_grade,
            warned_empty: false,
            warned_discard: false,
        }
    }

    /// The text as it would be saved: trailing blank lines and spaces removed.
    pub fn text(&self) -> String {
        self.area.lines().join("\n").trim_end().to_owned()
    }
}

/// The search prompt's state.
#[derive(Debug, Clone)]
pub struct SearchPrompt {
    /// The query being typed.
    pub input: TextArea<'static>,
    /// Where the cursor was when the search began (Esc returns there).
    pub origin: CaseIdx,
}

impl SearchPrompt {
    /// An empty prompt started from `origin`.
    pub fn new(origin: CaseIdx) -> Self {
        Self {
            input: TextArea::default(),
            origin,
        }
    }

    /// The query typed so far.
    pub fn query(&self) -> String {
        self.input.lines().concat()
    }
}

/// `key` as input for a text area (keys a text area has no use for become
/// its ignored `Null` key).
pub fn input(key: KeySpec) -> Input {
    let code = match key.code() {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::F(n) => Key::F(n),
        KeyCode::Down => Key::Down,
        KeyCode::Up => Key::Up,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::BackTab | KeyCode::Insert => Key::Null,
    };
    let mods = key.mods();
    Input {
        key: code,
        ctrl: mods.contains(KeyModifiers::CONTROL),
        alt: mods.contains(KeyModifiers::ALT),
        shift: mods.contains(KeyModifiers::SHIFT),
    }
}
