//! The current case in full: fields, grade, narrative; scrollable.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};

use crate::app::App;

/// Widest field label before labels are cut.
const MAX_LABEL: usize = 22;

/// The case's content as one wrapped paragraph (no block) for a panel
/// `width` cells wide inside its borders: also used to measure how far it
/// can scroll.
pub fn paragraph(app: &App, width: u16) -> Paragraph<'_> {
    Paragraph::new(content(app, usize::from(width))).wrap(Wrap { trim: false })
}

fn content(app: &App, width: usize) -> Text<'_> {
    let theme = &app.theme;
    let Some(case) = app.current() else {
        return Text::from(Line::styled("This sample has no cases.", theme.muted()));
    };
    let mut fields: Vec<(String, Vec<Span<'_>>)> = Vec::new();
    if let Some(c) = &case.category {
        fields.push(("Category".into(), vec![Span::raw(&**c)]));
    }
    if let Some(o) = &case.opened {
        fields.push(("Opened".into(), vec![Span::raw(&**o)]));
    }
    fields.push(("Grade".into(), grade_spans(app)));
    for (name, value) in app.sample.extra_fields(case) {
        fields.push((humanise(name), vec![Span::raw(value)]));
    }
    // Labels give way to values on narrow screens.
    let label_width = fields
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL)
        .min(width / 4)
        .max(1);
    let mut lines = Vec::new();
    if let Some(title) = &case.title {
        lines.push(Line::styled(
            &**title,
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        ));
        lines.push(Line::raw(""));
    }
    let value_width = width.saturating_sub(label_width + 2).max(8);
    for (label, value) in fields {
        let label: String = if label.chars().count() > label_width {
            label.chars().take(label_width - 1).chain(['…']).collect()
        } else {
            label
        };
        lines.extend(field_lines(
            &label,
            label_width,
            value,
            value_width,
            theme.label(),
        ));
    }
    if let Some(summary) = &case.summary {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Narrative", theme.label()));
        lines.extend(summary.lines().map(Line::raw));
    }
    Text::from(lines)
}

/// A field as lines: the label, then the value wrapped into its own column
/// so continuation lines stay under the value rather than under the label.
/// A value made of several styled spans (the grade) is kept on one line.
fn field_lines<'a>(
    label: &str,
    label_width: usize,
    value: Vec<Span<'a>>,
    value_width: usize,
    label_style: Style,
) -> Vec<Line<'a>> {
    let head = Span::styled(format!("{label:<label_width$}  "), label_style);
    let pad = " ".repeat(label_width + 2);
    match <[Span<'a>; 1]>::try_from(value) {
        Ok([single]) => textwrap::wrap(&single.content, value_width)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let lead = if i == 0 {
                    head.clone()
                } else {
                    Span::raw(pad.clone())
                };
                Line::from(vec![lead, Span::styled(part.into_owned(), single.style)])
            })
            .collect(),
        Err(mut spans) => {
            spans.insert(0, head);
            vec![Line::from(spans)]
        }
    }
}

fn grade_spans(app: &App) -> Vec<Span<'_>> {
    let theme = &app.theme;
    let scale = app.review.scale();
    match app.review.grade(app.cursor).and_then(|g| scale.level(g)) {
        Some(level) => {
            let mut spans = vec![Span::styled(
                format!("■ {}", level.label),
                theme.level(level),
            )];
            if let Some(detail) = app.review.detail(app.cursor) {
                let by = detail.by.as_deref().unwrap_or("");
                let at = detail
                    .at
                    .map(|t| {
                        t.to_zoned_datetime(app.time_zone.clone())
                            .strftime("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default();
                spans.push(Span::styled(
                    format!("  {by} {at}").trim_end().to_owned(),
                    theme.muted(),
                ));
            }
            spans
        }
        None => vec![Span::styled("not graded", theme.muted())],
    }
}

/// `referral_source` → `Referral source`: field names as a reader expects.
fn humanise(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// Draws the case panel.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let title = app
        .current()
        .map_or_else(|| " No case ".to_owned(), |c| format!(" {} ", c.id));
    let position = format!(" {}/{} ", app.cursor_row() + 1, app.list_len());
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()))
        .title_top(Line::styled(position, theme.muted()).right_aligned());
    let inner = block.inner(area);
    let para = paragraph(app, inner.width);
    let lines = para.line_count(inner.width);
    let scroll = app.narrative_scroll.min(
        u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(inner.height),
    );
    frame.render_widget(para.block(block).scroll((scroll, 0)), area);
    if lines > usize::from(inner.height) {
        let mut state = ScrollbarState::new(lines.saturating_sub(usize::from(inner.height)))
            .position(usize::from(scroll));
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃")
            .style(theme.border());
        frame.render_stateful_widget(
            bar,
            area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut state,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::humanise;

    #[test]
    fn field_names_read_naturally() {
        assert_eq!(humanise("referral_source"), "Referral source");
        assert_eq!(humanise("Officer"), "Officer");
        assert_eq!(humanise(""), "");
    }
}
