//! The current case in full: fields, grade, narrative; scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::App;
use crate::app::search::find_ascii_ignoring_case;
use crate::model::change::Answer;

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
    let mut fields: Vec<(String, Span<'_>)> = Vec::new();
    if let Some(c) = &case.category {
        fields.push(("Category".into(), Span::raw(&**c)));
    }
    if let Some(o) = &case.opened {
        fields.push(("Opened".into(), Span::raw(&**o)));
    }
    fields.push(("Grade".into(), grade_span(app)));
    if let Some(change) = last_change(app) {
        fields.push(("Last change".into(), Span::styled(change, theme.muted())));
    }
    if app.review.flagged(app.cursor) {
        fields.push((
            "Flag".into(),
            Span::styled("⚑ flagged for discussion", theme.flag()),
        ));
    }
    if !app.config.criteria.is_empty() {
        fields.push(("Criteria".into(), Span::raw(criteria_summary(app))));
    }
    for (name, value) in app.sample.extra_fields(case) {
        fields.push((humanise(name), Span::raw(value)));
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
    let query = app
        .search
        .as_ref()
        .map(|s| s.query.to_ascii_lowercase())
        .filter(|q| q.is_ascii());
    let mark =
        |text: &str, style: Style| highlight(text, query.as_deref(), style, theme.highlight());
    let mut lines = Vec::new();
    if let Some(title) = &case.title {
        lines.push(Line::from(mark(
            title,
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        )));
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
            &value,
            value_width,
            theme.label(),
            &mark,
        ));
    }
    lines.push(Line::raw(""));
    let note = app.review.note(app.cursor);
    if note.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Note  ", theme.label()),
            Span::styled("none yet · i to write the rationale", theme.muted()),
        ]));
    } else {
        lines.push(Line::styled("Note", theme.label()));
        lines.extend(note.lines().map(|l| Line::from(mark(l, Style::new()))));
    }
    if let Some(summary) = &case.summary {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Narrative", theme.label()));
        lines.extend(summary.lines().map(|l| Line::from(mark(l, Style::new()))));
    }
    Text::from(lines)
}

/// "3 met · 1 not met · 4 unanswered" for the current case.
fn criteria_summary(app: &App) -> String {
    let answers = app.review.detail(app.cursor).map(|d| &d.criteria);
    let count = |want: Answer| {
        app.config
            .criteria
            .iter()
            .filter(|c| answers.and_then(|a| a.get(&c.id)) == Some(&want))
            .count()
    };
    let (met, not_met, na) = (
        count(Answer::Met),
        count(Answer::NotMet),
        count(Answer::NotApplicable),
    );
    let open = app.config.criteria.len() - met - not_met - na;
    let mut parts = Vec::new();
    for (n, what) in [
        (met, "met"),
        (not_met, "not met"),
        (na, "n/a"),
        (open, "unanswered"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    parts.join(" · ")
}

/// `text` as spans in `base` style, with every ASCII-case-insensitive
/// occurrence of `query` (lower-case) in `mark` style.
pub fn highlight(text: &str, query: Option<&str>, base: Style, mark: Style) -> Vec<Span<'static>> {
    let Some(q) = query.filter(|q| !q.is_empty()) else {
        return vec![Span::styled(text.to_owned(), base)];
    };
    let mut spans = Vec::new();
    let mut rest = text;
    while let Some(at) = find_ascii_ignoring_case(rest.as_bytes(), q.as_bytes()) {
        // An ASCII needle only matches at char boundaries.
        let (before, tail) = rest.split_at(at);
        let (hit, after) = tail.split_at(q.len());
        if !before.is_empty() {
            spans.push(Span::styled(before.to_owned(), base));
        }
        spans.push(Span::styled(hit.to_owned(), base.patch(mark)));
        rest = after;
    }
    if !rest.is_empty() || spans.is_empty() {
        spans.push(Span::styled(rest.to_owned(), base));
    }
    spans
}

/// A field as lines: the label, then the value wrapped into its own column
/// so continuation lines stay under the value rather than under the label.
fn field_lines<'a>(
    label: &str,
    label_width: usize,
    value: &Span<'_>,
    value_width: usize,
    label_style: Style,
    mark: &dyn Fn(&str, Style) -> Vec<Span<'static>>,
) -> Vec<Line<'a>> {
    let pad = " ".repeat(label_width + 2);
    textwrap::wrap(&value.content, value_width)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                Span::styled(format!("{label:<label_width$}  "), label_style)
            } else {
                Span::raw(pad.clone())
            };
            let mut spans = vec![lead];
            spans.extend(mark(&part, value.style));
            Line::from(spans)
        })
        .collect()
}

fn grade_span(app: &App) -> Span<'static> {
    let scale = app.review.scale();
    match app.review.grade(app.cursor).and_then(|g| scale.level(g)) {
        Some(level) => Span::styled(format!("■ {}", level.label), app.theme.level(level)),
        None => Span::styled("not graded", app.theme.muted()),
    }
}

/// "2026-11-27 20:00 by A. Inspector": the case's last change, if any.
fn last_change(app: &App) -> Option<String> {
    let detail = app.review.detail(app.cursor)?;
    let at = detail
        .at?
        .to_zoned_datetime(app.time_zone.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    Some(match &detail.by {
        Some(by) => format!("{at} by {by}"),
        None => at,
    })
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
        let hidden = lines.saturating_sub(usize::from(inner.height));
        super::popup::scrollbar(frame, area, 1, hidden, usize::from(scroll), theme);
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
