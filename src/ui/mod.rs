//! Drawing: a pure function of the app state. One file per panel; every
//! style comes from [`theme`].

pub mod case_view;
pub mod checklist;
pub mod details;
pub mod export;
pub mod help;
pub mod layout;
pub mod list;
pub mod note;
pub mod picker;
pub mod popup;
pub mod status;
pub mod tally;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode};
use layout::Screen;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    match layout::screen(area, app) {
        Screen::Tiny(area) => {
            let text = format!("{} · enlarge the window", app.tally().progress());
            frame.render_widget(Paragraph::new(Line::styled(text, app.theme.title())), area);
        }
        Screen::Full(r) => {
            list::draw(frame, r.list, app);
            case_view::draw(frame, r.case, app);
            tally::draw(frame, r.tally, app);
            status::draw(frame, r.status, app);
        }
        Screen::Compact(r) => {
            list::draw(frame, r.list, app);
            case_view::draw(frame, r.case, app);
            tally::draw_strip(frame, r.tally, app);
            status::draw(frame, r.status, app);
        }
    }
    match &app.mode {
        Mode::Browse | Mode::Search(_) => {}
        Mode::Help { scroll } => help::draw(frame, area, app, *scroll),
        Mode::Note(editor) => note::draw(frame, area, app, editor),
        Mode::Checklist { selected } => checklist::draw(frame, area, app, *selected),
        Mode::Filter { selected } => picker::draw_filter(frame, area, app, *selected),
        Mode::History { selected } => picker::draw_history(frame, area, app, *selected),
        Mode::Export(dialog) => export::draw(frame, area, app, dialog),
        Mode::Details { scroll, breakdown } => details::draw(frame, area, app, breakdown, *scroll),
    }
}

#[cfg(test)]
mod tests;
