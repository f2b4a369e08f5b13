//! The help overlay, generated from the active key map and scale: there is
//! no second, hand-written list of keys to fall out of date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use super::popup;
use crate::app::App;
use crate::keymap::Context;

/// The overlay's lines.
pub fn lines(app: &App) -> Vec<Line<'_>> {
    let theme = &app.theme;
    let browse = app.config.keys.help_rows(Context::Browse);
    let checklist = app.config.keys.help_rows(Context::Checklist);
    let grades: Vec<(String, String)> = app
        .review
        .scale()
        .levels
        .iter()
        .map(|l| {
            let note = if app.config.require_note_for.contains(&l.id) {
                ", needs a note"
            } else {
                ""
            };
            (l.key.to_string(), format!("grade {}{note}", l.label))
        })
        .collect();
    let width = browse
        .iter()
        .chain(&checklist)
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .max(3);
    let row = |keys: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {keys:<width$}  "), theme.key()),
            Span::raw(what.to_owned()),
        ])
    };
    let advance = if app.config.auto_advance {
        " (then on to the next ungraded case)"
    } else {
        ""
    };
    let mut out = vec![Line::styled(format!("Grading{advance}"), theme.label())];
    out.extend(grades.iter().map(|(k, w)| row(k, w)));
    out.push(Line::raw(""));
    out.push(Line::styled("Keys", theme.label()));
    out.extend(browse.iter().map(|(k, w)| row(k, w)));
    out.push(Line::raw(""));
    out.push(Line::styled("In the criteria checklist", theme.label()));
    out.extend(checklist.iter().map(|(k, w)| row(k, w)));
    out.push(Line::raw(""));
    out.push(Line::styled("Everywhere", theme.label()));
    out.push(row(
        "Esc",
        "close the overlay; in the note editor: save the note",
    ));
    out.push(row(
        "mouse",
        "click a case to select it; the wheel scrolls the list or the narrative",
    ));
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
    let lines = lines(app);
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup::frame(
        frame,
        area,
        (area.width.saturating_sub(4).min(84), height),
        "Help",
        "Esc close · j/k scroll",
        &app.theme,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
