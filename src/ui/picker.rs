//! The list overlays: the filter picker and the history of changes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::app::Filter;
use crate::app::order::Column;
use crate::keymap::Context;
use crate::model::change::Origin;

/// Draws the filter picker: the ticked conditions of `draft` marked, the
/// option `selected` highlighted.
pub fn draw_filter(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    theme: &Theme,
    (selected, draft): (usize, &Filter),
) {
    let lines = app.filter_options().into_iter().map(|option| {
        let ticked = option.map_or_else(|| draft.is_all(), |c| draft.has(c));
        let label = option.map_or_else(|| "all cases".to_owned(), |c| c.label(app));
        (ticked, label)
    });
    draw_choices(
        frame,
        area,
        app,
        *theme,
        ("Show", Context::Filter, lines.collect()),
        selected,
    );
}

/// Draws the sort picker: the current sort marked with its direction.
pub fn draw_sort(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let current = app.order().map(|o| (o.column(), o.descending()));
    let lines = app.sort_options().into_iter().map(|option| {
        let label = option.map_or_else(|| "sample order".to_owned(), |c| c.heading(app.sample()));
        let mark = match (option, current) {
            (Some(c), Some((on, descending))) if c == on => {
                if descending {
                    " ↓"
                } else {
                    " ↑"
                }
            }
            _ => "",
        };
        let chosen = option == current.map(|(c, _)| c);
        (chosen, format!("{label}{mark}"))
    });
    draw_choices(
        frame,
        area,
        app,
        *theme,
        ("Sort by", Context::Sort, lines.collect()),
        selected,
    );
}

/// Draws the column picker: the columns of `draft` ticked, numbered in the
/// order they are shown.
pub fn draw_columns(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    theme: &Theme,
    (selected, draft): (usize, &[Column]),
) {
    let lines = Column::extras(app.sample()).into_iter().map(|column| {
        let place = draft.iter().position(|&c| c == column);
        let label = column.heading(app.sample());
        (
            place.is_some(),
            place.map_or_else(|| label.clone(), |p| format!("{label} ({})", p + 1)),
        )
    });
    draw_choices(
        frame,
        area,
        app,
        *theme,
        ("List columns", Context::Filter, lines.collect()),
        selected,
    );
}

/// Draws a picker of `choices` (marked or not, and their labels) with
/// `selected` highlighted.
fn draw_choices(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    theme: Theme,
    (title, context, choices): (&str, Context, Vec<(bool, String)>),
    selected: usize,
) {
    let height = u16::try_from(choices.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup::frame(
        frame,
        area,
        (48, height),
        title,
        &app.config().keys.footer(context),
        &theme,
    );
    let lines = choices.into_iter().map(|(marked, label)| {
        Line::from(vec![
            Span::styled(if marked { "● " } else { "  " }, theme.title()),
            Span::raw(label),
        ])
    });
    popup::list(frame, inner, lines, selected, &theme);
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
