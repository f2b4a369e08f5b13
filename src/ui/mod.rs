//! Drawing: a pure function of the app state. One file per panel; every
//! style comes from [`theme`].

pub mod case_view;
pub mod help;
pub mod layout;
pub mod list;
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
    if let Mode::Help { scroll } = app.mode {
        help::draw(frame, area, app, scroll);
    }
}

#[cfg(test)]
mod tests;
