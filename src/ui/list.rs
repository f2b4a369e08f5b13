//! The case list: id, grade, flag and area of practice, one row per case.
//! Only the rows on screen are built, so drawing costs the same at 74 cases
//! and at a million.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};
use unicode_width::UnicodeWidthStr as _;

use super::theme::Theme;
use crate::app::App;
use crate::app::geometry::shown_columns;
use crate::app::order::Column;
use crate::model::scale::Level;

/// A short mark for a level: the initials of its first two words (`RI`).
pub fn abbreviation(level: &Level) -> String {
    level
        .label
        .split_whitespace()
        .take(2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Draws the list panel.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if area.width == 0 {
        return;
    }
    let scale = app.review().scale();
    let rows_visible = usize::from(area.height.saturating_sub(3));
    let rows: Vec<usize> = (app.list_top()..app.list_len())
        .take(rows_visible)
        .collect();
    let id_width = rows
        .iter()
        .filter_map(|&r| app.list_case(r).and_then(|i| app.sample().get(i)))
        .map(|c| c.id.width())
        .max()
        .unwrap_or(4)
        .clamp(4, 14);
    let mark_width = scale
        .levels
        .iter()
        .map(|l| abbreviation(l).len())
        .max()
        .unwrap_or(1)
        .max(2);
    let extras = &app.list_columns()[..shown_columns(app, frame.area().width)];
    let table_rows = rows.iter().filter_map(|&row| {
        let idx = app.list_case(row)?;
        let case = app.sample().get(idx)?;
        let grade = app.review().grade(idx).and_then(|g| scale.level(g));
        let mark = grade.map_or_else(
            || Span::styled("·", theme.muted()),
            |l| Span::styled(abbreviation(l), theme.level(l)),
        );
        let flag = if app.review().flagged(idx) {
            Span::styled("⚑", theme.flag())
        } else {
            Span::raw("")
        };
        let matched = app.search().as_ref().is_some_and(|s| s.matches(idx));
        let id_style = if matched {
            theme.highlight()
        } else {
            ratatui::style::Style::new()
        };
        let mut cells = vec![
            Cell::from(Span::styled(case.id, id_style)),
            Cell::from(mark),
            Cell::from(flag),
            Cell::from(Span::styled(case.category.unwrap_or(""), theme.muted())),
        ];
        cells.extend(
            extras
                .iter()
                .map(|c| Cell::from(c.text(app.sample(), case).unwrap_or(""))),
        );
        let style = if idx == app.cursor() {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        Some(Row::new(cells).style(style))
    });
    let widths = [
        Constraint::Length(id_width as u16),
        Constraint::Length(mark_width as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]
    .into_iter()
    .chain(
        extras
            .iter()
            .map(|c| Constraint::Length(c.width(app.sample()))),
    );
    let tally = app.tally();
    let mut progress = format!(" {} ", tally.progress());
    // A narrow list keeps its "Cases" title: the count then stands alone
    // (its "+" says the sample is still being read).
    if progress.width() + " Cases ".len() + 2 > usize::from(area.width) {
        progress = format!(" {} ", tally.count());
    }
    let title = title(app, area.width, progress.width());
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()))
        .title_top(Line::styled(progress, theme.muted()).right_aligned());
    let headings = [Column::Id, Column::Grade, Column::Flag, Column::Area]
        .iter()
        .chain(extras)
        .map(|&c| heading(app, c));
    let header = Row::new(headings).style(theme.label());
    let table = Table::new(table_rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1);
    frame.render_widget(table, area);
    if app.list_len() > rows_visible {
        let hidden = app.list_len().saturating_sub(rows_visible);
        super::popup::scrollbar(frame, area, 2, hidden, app.list_top(), theme);
    }
}

/// The list's title: the filter in as many words as fit beside the
/// progress (`taken` columns); the status line states it in full anyway.
fn title(app: &App, width: u16, taken: usize) -> String {
    if app.filter().is_all() {
        return " Cases ".to_owned();
    }
    let room = usize::from(width).saturating_sub(taken + 3);
    let label = app.filter().label(app);
    [
        format!(" Cases · {label} "),
        format!(" {label} "),
        " Cases · filtered ".to_owned(),
        " filtered ".to_owned(),
    ]
    .into_iter()
    .find(|t| t.width() <= room)
    .unwrap_or_else(|| " Cases ".to_owned())
}

/// A column's heading in the list, with an arrow when the list is sorted
/// on it.
fn heading(app: &App, column: Column) -> String {
    let text = match column {
        Column::Grade => "Gr".to_owned(),
        Column::Flag => String::new(),
        c => c.heading(app.sample()),
    };
    match app.order() {
        Some(o) if o.column() == column => {
            format!("{text}{}", if o.descending() { "↓" } else { "↑" })
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviation;
    use crate::model::scale::Scale;

    #[test]
    fn abbreviations_are_distinct_in_every_preset() {
        for scale in [
            Scale::hmicfrs(),
            Scale::ofsted(),
            Scale::care_inspectorate(),
        ] {
            let marks: Vec<String> = scale.levels.iter().map(abbreviation).collect();
            let mut unique = marks.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), marks.len(), "{marks:?}");
        }
        assert_eq!(abbreviation(&Scale::hmicfrs().levels[1]), "RI");
    }
}
