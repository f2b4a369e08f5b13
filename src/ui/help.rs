//! The help overlay, generated from the active key map and scale: there is
//! no second, hand-written list of keys to fall out of date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::{Context, Unbound};

/// The overlay's lines: the grade keys, then every context's key table
/// as bound, then the session.
pub fn lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let keys = &app.config().keys;
    let grades: Vec<(String, String)> = app
        .review()
        .scale()
        .levels
        .iter()
        .map(|l| {
            let note = if app.config().require_note_for.contains(&l.id) {
                ", needs a note"
            } else {
                ""
            };
            (l.key.to_string(), format!("grade {}{note}", l.label))
        })
        .collect();
    let tables: Vec<(Context, Vec<(String, &str)>)> = Context::ALL
        .into_iter()
        .map(|c| (c, keys.help_rows(c)))
        .collect();
    let width = tables
        .iter()
        .flat_map(|(_, rows)| rows)
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .max(5);
    let row = |keys: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {keys:<width$}  "), theme.key()),
            Span::raw(what.to_owned()),
        ])
    };
    let advance = if app.config().auto_advance {
        " (then on to the next ungraded case)"
    } else {
        ""
    };
    let mut out = vec![Line::styled(format!("Grading{advance}"), theme.label())];
    out.extend(grades.iter().map(|(k, w)| row(k, w)));
    for (context, rows) in &tables {
        out.push(Line::raw(""));
        let unbound = match context.unbound() {
            Unbound::Typed => " (other keys type)",
            Unbound::Closes => " (any other key closes)",
            Unbound::Ignored => "",
        };
        out.push(Line::styled(
            format!("{}{unbound}", context.title()),
            theme.label(),
        ));
        out.extend(rows.iter().map(|(k, w)| row(k, w)));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Mouse", theme.label()));
    out.push(row(
        "click",
        "select a case; the wheel scrolls the list or the narrative",
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("Session", theme.label()));
    out.push(Line::from(vec![
        Span::styled("  reviewer  ", theme.muted()),
        Span::raw(app.reviewer()),
    ]));
    out.push(Line::from(vec![
        Span::styled("  saved in  ", theme.muted()),
        Span::raw(app.session_path().display().to_string()),
    ]));
    out.push(Line::styled(
        "  Every change is saved as you make it.",
        theme.muted(),
    ));
    out
}

/// Draws the overlay centred over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, scroll: u16) {
    let lines = lines(app, theme);
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup::frame(
        frame,
        area,
        (area.width.saturating_sub(4).min(84), height),
        "Help",
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
