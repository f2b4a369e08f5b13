//! Drawing: a pure function of the app state. One file per panel; every
//! style comes from [`theme`].

pub mod case_view;
pub mod checklist;
pub mod details;
pub mod export;
pub mod help;
pub mod list;
pub mod messages;
pub mod note;
pub mod picker;
pub mod popup;
pub mod status;
pub mod tally;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::geometry::{self, Screen};
use crate::app::{App, Mode};
use theme::Theme;

/// Draws the whole screen for `app` in `theme`.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    match geometry::screen(area, app) {
        Screen::Tiny(area) => {
            let text = format!("{} · enlarge the window", app.tally().progress());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.title())), area);
        }
        Screen::Full(r) => {
            list::draw(frame, r.list, app, theme);
            case_view::draw(frame, r.case, app, theme);
            tally::draw(frame, r.tally, app, theme);
            status::draw(frame, r.status, app, theme);
        }
        Screen::Compact(r) => {
            list::draw(frame, r.list, app, theme);
            case_view::draw(frame, r.case, app, theme);
            tally::draw_strip(frame, r.tally, app, theme);
            status::draw(frame, r.status, app, theme);
        }
    }
    match &app.mode() {
        Mode::Browse | Mode::Search(_) | Mode::GoTo(_) => {}
        Mode::Help { scroll } => help::draw(frame, area, app, theme, *scroll),
        Mode::Messages { scroll } => messages::draw(frame, area, app, theme, *scroll),
        Mode::Note(editor) => note::draw(frame, area, app, theme, editor),
        Mode::Checklist { selected } => checklist::draw(frame, area, app, theme, *selected),
        Mode::Filter { selected } => picker::draw_filter(frame, area, app, theme, *selected),
        Mode::History { selected } => picker::draw_history(frame, area, app, theme, *selected),
        Mode::Export(dialog) => export::draw(frame, area, app, theme, dialog),
        Mode::Details { scroll, breakdown } => {
            details::draw(frame, area, app, theme, breakdown, *scroll);
        }
    }
}

#[cfg(test)]
mod tests;
