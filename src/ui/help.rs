//! The help overlay, generated from the active key map and scale: there is
//! no second, hand-written list of keys to fall out of date.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use crate::app::App;

/// The overlay's lines.
pub fn lines(app: &App) -> Vec<Line<'_>> {
    let theme = &app.theme;
    let rows = app.config.keys.help_rows();
    let scale = app.review.scale();
    let grade_rows: Vec<(String, String)> = scale
        .levels
        .iter()
        .map(|l| {
            (
                l.key.to_string(),
                format!("grade {} (then next ungraded case)", l.label),
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|(k, _)| k.width())
        .chain(grade_rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0);
    let row = |keys: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {keys:<width$}  "), theme.key()),
            Span::raw(what.to_owned()),
        ])
    };
    let mut out = vec![Line::styled("Grading", theme.label())];
    out.extend(grade_rows.iter().map(|(k, w)| row(k, w)));
    out.push(Line::raw(""));
    out.push(Line::styled("Keys", theme.label()));
    out.extend(rows.iter().map(|(k, w)| row(k, w)));
    out.push(Line::raw(""));
    out.push(Line::styled("Session", theme.label()));
    out.push(Line::from(vec![
        Span::styled("  reviewer  ", theme.muted()),
        Span::raw(app.reviewer.clone()),
    ]));
    out.push(Line::from(vec![
        Span::styled("  saved in  ", theme.muted()),
        Span::raw(app.session_path.display().to_string()),
    ]));
    out.push(Line::styled(
        "  Every change is saved as you make it.",
        theme.muted(),
    ));
    out
}

/// Draws the overlay centred over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: u16) {
    let theme = &app.theme;
    let lines = lines(app);
    let want_height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let [popup] = Layout::horizontal([Constraint::Length(area.width.saturating_sub(4).min(76))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(want_height.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .border_style(theme.title())
        .title(Span::styled(" Help ", theme.title()))
        .title_bottom(Line::styled(" Esc close · j/k scroll ", theme.muted()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        popup,
    );
}
