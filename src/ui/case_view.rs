//! The current case in full: fields, grade, narrative; scrollable.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::theme::Theme;
use crate::app::case_text::{header, narrative_line};
use crate::app::{App, Focus, Mode};

/// Draws the case panel.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let title = app
        .current()
        .map_or_else(|| " No case ".to_owned(), |c| format!(" {} ", c.id));
    let position = format!(" {}/{} ", app.cursor_row() + 1, app.list_len());
    // A thick border says the movement keys move in the case (Tab).
    let (border, kind) = if app.focus() == Focus::Case {
        (theme.title(), BorderType::Thick)
    } else {
        (theme.border(), BorderType::Plain)
    };
    let block = Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(title, theme.title()))
        .title_top(Line::styled(position, theme.muted()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The head (fields, note) is wrapped here; the narrative was wrapped
    // once when the case was shown, and only its lines on screen are built.
    let head = header(app, theme, inner.width);
    let head_rows = head.line_count(inner.width);
    let total = head_rows + app.narrative().len();
    let height = usize::from(inner.height);
    let mut scroll = usize::from(app.narrative_scroll());
    // While a note is written below it, the case shows its narrative (from
    // its heading on): the text the note is about.
    if matches!(app.mode(), Mode::Note(_)) && !app.narrative().is_empty() {
        scroll = scroll.max(head_rows.saturating_sub(1));
    }
    let scroll = scroll.min(total.saturating_sub(height));
    let head_shown = head_rows.saturating_sub(scroll).min(height);
    if head_shown > 0 {
        let [top, _] =
            Layout::vertical([Constraint::Length(head_shown as u16), Constraint::Fill(1)])
                .areas(inner);
        frame.render_widget(head.scroll((scroll as u16, 0)), top);
    }
    let first = scroll.saturating_sub(head_rows);
    let lines: Vec<Line<'_>> = (first..app.narrative().len())
        .take(height - head_shown)
        .map(|i| narrative_line(app, theme, i))
        .collect();
    if !lines.is_empty() {
        let body = Rect {
            y: inner.y + head_shown as u16,
            height: inner.height - head_shown as u16,
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), body);
    }
    if total > height {
        let hidden = total - height;
        super::popup::scrollbar(frame, area, 1, hidden, scroll, theme);
    }
}
