//! The practice criteria checklist for the current case.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::Context;
use crate::model::change::Answer;

/// The mark and word for an answer.
pub fn answer_mark(answer: Option<Answer>) -> (&'static str, &'static str) {
    match answer {
        Some(Answer::Met) => ("✓", "met"),
        Some(Answer::NotMet) => ("✗", "not met"),
        Some(Answer::NotApplicable) => ("–", "n/a"),
        None => (" ", ""),
    }
}

/// Draws the checklist with `selected` highlighted.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let criteria = &app.config().criteria;
    let detail = app.review().detail(app.cursor());
    let id = app.current().map_or("", |c| c.id);
    let footer = app.config().keys.footer(Context::Checklist);
    let height = u16::try_from(criteria.len())
        .unwrap_or(u16::MAX)
        .saturating_add(5);
    let inner = popup::frame(
        frame,
        area,
        (area.width.saturating_sub(6).min(78), height),
        &format!("Practice criteria · {id}"),
        &footer,
        theme,
    );
    let [list_area, description_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
    let lines = criteria.iter().map(|c| {
        let answer = detail.and_then(|d| d.criteria.get(&c.id).copied());
        let (mark, word) = answer_mark(answer);
        let style = match answer {
            Some(Answer::Met) => theme.saved(),
            Some(Answer::NotMet) => theme.warning(),
            _ => theme.muted(),
        };
        Line::from(vec![
            Span::styled(format!(" [{mark}] "), style),
            Span::raw(c.label.clone()),
            Span::styled(format!("  {word}"), style),
        ])
    });
    popup::list(frame, list_area, lines, selected, theme);
    let description = criteria
        .get(selected)
        .and_then(|c| c.description.as_deref())
        .unwrap_or("");
    frame.render_widget(
        Paragraph::new(Line::styled(description, theme.muted())).wrap(Wrap { trim: true }),
        description_area,
    );
}
