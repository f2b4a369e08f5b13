//! The note editor overlay.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::popup;
use super::theme::Theme;
use crate::app::{App, NoteEditor};
use crate::keymap::Context;

/// Draws the editor for `editor` over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, editor: &NoteEditor) {
    let id = app.sample().get(editor.case).map_or("", |c| &*c.id);
    let title = match editor
        .pending_grade
        .and_then(|g| app.review().scale().level(g))
    {
        Some(level) => format!("Note for {id} · needed to grade {}", level.label),
        None => format!("Note for {id}"),
    };
    let size = (
        area.width.saturating_sub(8).clamp(20, 90),
        area.height.saturating_sub(6).clamp(3, 14),
    );
    let inner = popup::frame(
        frame,
        area,
        size,
        &title,
        &format!(
            "{} · Enter new line",
            app.config().keys.footer(Context::Note)
        ),
        theme,
    );
    frame.render_widget(&editor.area, inner);
}
