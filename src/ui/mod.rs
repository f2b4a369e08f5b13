//! Drawing: a pure function of the app state. One file per panel; every
//! style comes from [`theme`].

pub mod case_view;
pub mod checklist;
pub mod details;
pub mod export;
pub mod help;
pub mod list;
pub mod loading;
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

/// While a note is written, the case view's lower part becomes the editor:
/// the case (fields and narrative) stays in view above it. On a case view
/// too short to share, the editor is an overlay instead (`None`).
fn note_pane(
    case: ratatui::layout::Rect,
    app: &App,
) -> (ratatui::layout::Rect, Option<ratatui::layout::Rect>) {
    if !matches!(app.mode(), Mode::Note(_)) {
        return (case, None);
    }
    let editor = (case.height / 2).clamp(6, 12);
    if case.height < editor + 6 {
        return (case, None);
    }
    let [top, bottom] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Fill(1),
        ratatui::layout::Constraint::Length(editor),
    ])
    .areas(case);
    (top, Some(bottom))
}

/// Draws the whole screen for `app` in `theme`.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    let screen = geometry::screen(area, app);
    let mut note_area = None;
    match screen {
        Screen::Tiny(area) => {
            let text = format!("{} · enlarge the window", app.tally().progress());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.title())), area);
        }
        Screen::Full(r) | Screen::Compact(r) => {
            let (case, pane) = note_pane(r.case, app);
            note_area = pane;
            list::draw(frame, r.list, app, theme);
            case_view::draw(frame, case, app, theme);
            if matches!(screen, Screen::Full(_)) {
                tally::draw(frame, r.tally, app, theme);
            } else {
                tally::draw_strip(frame, r.tally, app, theme);
            }
            status::draw(frame, r.status, app, theme);
        }
    }
    match &app.mode() {
        Mode::Browse | Mode::Search(_) | Mode::GoTo(_) => {}
        Mode::Help { scroll } => help::draw(frame, area, app, theme, *scroll),
        Mode::Messages { scroll } => messages::draw(frame, area, app, theme, *scroll),
        Mode::Note(editor) => match note_area {
            Some(pane) => note::draw_pane(frame, pane, app, theme, editor),
            None => note::draw(frame, area, app, theme, editor),
        },
        Mode::Checklist { selected } => checklist::draw(frame, area, app, theme, *selected),
        Mode::Filter {
            selected, draft, ..
        } => picker::draw_filter(frame, area, app, theme, (*selected, draft)),
        Mode::Sort { selected } => picker::draw_sort(frame, area, app, theme, *selected),
        Mode::Columns { selected, draft } => {
            picker::draw_columns(frame, area, app, theme, (*selected, draft));
        }
        Mode::History { selected } => picker::draw_history(frame, area, app, theme, *selected),
        Mode::Export(dialog) => export::draw(frame, area, app, theme, dialog),
        Mode::Details {
            scroll,
            breakdown,
            summary,
        } => {
            details::draw(frame, area, app, theme, (breakdown, summary), *scroll);
        }
    }
}

#[cfg(test)]
mod day_tests;
#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod tests;
