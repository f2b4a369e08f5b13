//! The list overlays: the filter picker and the history of changes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::Context;
use crate::model::change::Origin;

/// Draws the filter picker with `selected` highlighted.
pub fn draw_filter(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let options = app.filter_options();
    let height = u16::try_from(options.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup::frame(
        frame,
        area,
        (48, height),
        "Show",
        &app.config().keys.footer(Context::Filter),
        theme,
    );
    let lines = options.iter().map(|f| {
        let current = if *f == app.filter() { "● " } else { "  " };
        Line::from(vec![
            Span::styled(current, theme.title()),
            Span::raw(f.label(app)),
        ])
    });
    popup::list(frame, inner, lines, selected, theme);
}

/// Draws the history, newest first, with `selected` highlighted.
pub fn draw_history(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let history = app.review().history();
    let size = (
        area.width.saturating_sub(6).min(96),
        area.height.saturating_sub(4),
    );
    let title = format!("History · {} changes", history.len());
    let inner = popup::frame(
        frame,
        area,
        size,
        &title,
        &app.config().keys.footer(Context::History),
        theme,
    );
    let lines = history.iter().rev().map(|e| {
        let when =
            e.at.to_zoned_datetime(app.time_zone().clone())
                .strftime("%Y-%m-%d %H:%M %Z")
                .to_string();
        let origin = match e.origin {
            Origin::Edit => "",
            Origin::Undo => " (undo)",
            Origin::Redo => " (redo)",
            Origin::Imported => " (combined)",
        };
        Line::from(vec![
            Span::styled(format!(" {when}  "), theme.muted()),
            Span::raw(crate::app::describe(app, &e.change)),
            Span::styled(format!("{origin}  {}", e.by), theme.muted()),
        ])
    });
    popup::list(frame, inner, lines, selected, theme);
}
