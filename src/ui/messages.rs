//! The message log: every message the status line showed, newest first,
//! with its time, so nothing is lost when one is cut or replaced.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::{App, MESSAGE_LOG, Notice};
use crate::keymap::Context;

/// The overlay's lines, newest first.
pub fn lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    if app.messages().is_empty() {
        return vec![Line::styled("No messages yet.", theme.muted())];
    }
    app.messages()
        .iter()
        .rev()
        .map(|(at, notice)| {
            let when = at
                .to_zoned_datetime(app.time_zone().clone())
                .strftime("%H:%M:%S")
                .to_string();
            let (text, style) = match notice {
                Notice::Info(t) => (t.as_str(), ratatui::style::Style::new()),
                Notice::Warning(t) => (t.as_str(), theme.warning()),
            };
            Line::from(vec![
                Span::styled(format!("{when}  "), theme.muted()),
                Span::styled(text, style),
            ])
        })
        .collect()
}

/// Draws the overlay centred over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, scroll: u16) {
    let lines = lines(app, theme);
    let title = format!(
        "Messages · {} (the last {MESSAGE_LOG} are kept)",
        app.messages().len()
    );
    let inner = popup::frame(
        frame,
        area,
        (
            area.width.saturating_sub(4).min(100),
            area.height.saturating_sub(4),
        ),
        &title,
        &app.config().keys.footer(Context::Help),
        theme,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
