//! The note editor: a pane below the case it is written about, or an
//! overlay on a screen too small to share.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::popup;
use super::theme::Theme;
use crate::app::{App, NoteEditor};
use crate::keymap::Context;

/// The editor's title: whose note, and the grade waiting for it.
fn title(app: &App, editor: &NoteEditor) -> String {
    let id = app.sample().get(editor.case).map_or("", |c| c.id);
    match editor
        .pending_grade
        .and_then(|g| app.review().scale().level(g))
    {
        Some(level) => format!("Note for {id} · needed to grade {}", level.label),
        None => format!("Note for {id}"),
    }
}

/// The editor's keys, as many as fit `width`.
fn footer(app: &App, width: u16) -> String {
    let keys = app.config().keys.footer(Context::Note);
    let full = format!("{keys} · Enter new line");
    if full.chars().count() + 4 <= usize::from(width) {
        full
    } else {
        keys
    }
}

/// Draws the editor for `editor` over `area` (a screen too small to share).
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, editor: &NoteEditor) {
    let size = (
        area.width.saturating_sub(8).clamp(20, 90),
        area.height.saturating_sub(6).clamp(3, 14),
    );
    let inner = popup::frame(
        frame,
        area,
        size,
        &title(app, editor),
        &footer(app, size.0),
        theme,
    );
    frame.render_widget(&editor.area, inner);
}

/// Draws the editor filling `pane`, below the case it is written about.
pub fn draw_pane(frame: &mut Frame<'_>, pane: Rect, app: &App, theme: &Theme, editor: &NoteEditor) {
    let inner = popup::frame(
        frame,
        pane,
        (pane.width, pane.height),
        &title(app, editor),
        &footer(app, pane.width),
        theme,
    );
    frame.render_widget(&editor.area, inner);
}
