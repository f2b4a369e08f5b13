//! The current case in full: fields, grade, narrative; scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::theme::Theme;
use crate::app::App;
use crate::app::case_text::paragraph;

/// Draws the case panel.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let title = app
        .current()
        .map_or_else(|| " No case ".to_owned(), |c| format!(" {} ", c.id));
    let position = format!(" {}/{} ", app.cursor_row() + 1, app.list_len());
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()))
        .title_top(Line::styled(position, theme.muted()).right_aligned());
    let inner = block.inner(area);
    let para = paragraph(app, theme, inner.width);
    let lines = para.line_count(inner.width);
    let scroll = app.narrative_scroll().min(
        u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(inner.height),
    );
    frame.render_widget(para.block(block).scroll((scroll, 0)), area);
    if lines > usize::from(inner.height) {
        let hidden = lines.saturating_sub(usize::from(inner.height));
        super::popup::scrollbar(frame, area, 1, hidden, usize::from(scroll), theme);
    }
}
