//! The text of the case view: the current case's fields, grade, note and
//! narrative as lines, styled through [`CaseStyles`]. Drawing uses it with
//! the theme; movement uses it unstyled to know how far the case view can
//! scroll, so the two never disagree.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::App;
use crate::model::change::Answer;
use crate::model::find::find_ascii_ignoring_case;
use crate::model::scale::Level;

/// The styles the case text is drawn in (the theme provides them).
pub trait CaseStyles {
    /// Field names and headings.
    fn label(&self) -> Style;
    /// Secondary text.
    fn muted(&self) -> Style;
    /// The flag mark.
    fn flag(&self) -> Style;
    /// A grade, in its level's colour.
    fn level(&self, level: &Level) -> Style;
    /// Search matches.
    fn highlight(&self) -> Style;
}

/// No styles at all: for measuring.
#[derive(Debug, Clone, Copy)]
pub struct Unstyled;

impl CaseStyles for Unstyled {
    fn label(&self) -> Style {
        Style::new()
    }
    fn muted(&self) -> Style {
        Style::new()
    }
    fn flag(&self) -> Style {
        Style::new()
    }
    fn level(&self, _: &Level) -> Style {
        Style::new()
    }
    fn highlight(&self) -> Style {
        Style::new()
    }
}

/// Widest the label column gets; longer labels wrap within it.
const MAX_LABEL: usize = 22;

/// Case views shorter than this (inside their border) show the sample's
/// own fields as one flowing paragraph rather than a row each.
const COLLAPSE_BELOW: u16 = 24;

/// Narrowest the value column gets before labels wrap to make room.
const MIN_VALUE: usize = 30;

/// The case's head — title, fields, grade, note and the narrative's
/// heading — as one wrapped paragraph (no block) for a panel `width` cells
/// wide inside its borders. The narrative itself follows it, wrapped once
/// (see [`super::narrative`]). Also used to measure how far the case view
/// can scroll.
pub fn header<'a>(app: &'a App, theme: &dyn CaseStyles, width: u16) -> Paragraph<'a> {
    Paragraph::new(content(app, theme, usize::from(width))).wrap(Wrap { trim: false })
}

/// Narrative line `i` of the current case as drawn: search matches marked.
pub fn narrative_line<'a>(app: &'a App, theme: &dyn CaseStyles, i: usize) -> Line<'a> {
    let text = app.current().and_then(|c| c.summary).unwrap_or("");
    let query = search_query(app);
    Line::from(highlight(
        app.list.narrative.line(text, i),
        query.as_deref(),
        Style::new(),
        theme.highlight(),
    ))
}

/// The search query as lower-case ASCII, when there is one to mark.
fn search_query(app: &App) -> Option<String> {
    app.list
        .search
        .as_ref()
        .map(|s| s.query.to_ascii_lowercase())
        .filter(|q| q.is_ascii())
}

/// A labelled value of the case's head.
type Field<'a> = (String, Span<'a>);

/// The case's fields, one row each, and those that flow as one paragraph
/// instead: on a short case view the sample's own fields (labels whole),
/// so that the narrative stays in view.
fn fields<'a>(
    app: &'a App,
    theme: &dyn CaseStyles,
    case: crate::model::case::Case<'a>,
) -> (Vec<Field<'a>>, Vec<Field<'a>>) {
    let mut fields: Vec<Field<'a>> = Vec::new();
    if let Some(c) = &case.category {
        fields.push(("Category".into(), Span::raw(&**c)));
    }
    if let Some(o) = &case.opened {
        fields.push(("Opened".into(), Span::raw(&**o)));
    }
    fields.push(("Grade".into(), grade_span(app, theme)));
    if let Some(change) = last_change(app) {
        fields.push(("Last change".into(), Span::styled(change, theme.muted())));
    }
    if app.session.review.flagged(app.list.cursor) {
        fields.push((
            "Flag".into(),
            Span::styled("⚑ flagged for discussion", theme.flag()),
        ));
    }
    if !app.session.config.criteria.is_empty() {
        fields.push(("Criteria".into(), Span::raw(criteria_summary(app))));
    }
    let extra: Vec<Field<'a>> = app
        .session
        .sample
        .extra_fields(case)
        .map(|(name, value)| (humanise(name), Span::raw(value)))
        .collect();
    let collapsed = super::geometry::case_inner(app).is_some_and(|r| r.height < COLLAPSE_BELOW);
    let flowing = if collapsed {
        extra
    } else {
        fields.extend(extra);
        Vec::new()
    };
    (fields, flowing)
}

fn content<'a>(app: &'a App, theme: &dyn CaseStyles, width: usize) -> Text<'a> {
    let Some(case) = app.current() else {
        return Text::from(Line::styled("This sample has no cases.", theme.muted()));
    };
    let (fields, flowing) = fields(app, theme, case);
    // Labels take the width they need while values keep a readable
    // column; on narrow screens they give way, wrapping within a quarter.
    let widest = fields
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    let label_width = if width.saturating_sub(widest + 2) >= MIN_VALUE {
        widest
    } else {
        widest.min(width / 4)
    }
    .max(1);
    let query = search_query(app);
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
    // In moderation the readings matter most: right under the title.
    let readings = super::readings_text::lines(app, theme, width);
    if !readings.is_empty() {
        lines.extend(readings.into_iter().skip(1));
        lines.push(Line::raw(""));
    }
    let value_width = width.saturating_sub(label_width + 2).max(8);
    for (label, value) in fields {
        lines.extend(field_lines(
            &label,
            label_width,
            &value,
            value_width,
            theme.label(),
            &mark,
        ));
    }
    if !flowing.is_empty() {
        lines.push(flowing_line(flowing, theme, &mark));
    }
    lines.push(Line::raw(""));
    let note = app.session.review.note(app.list.cursor);
    let disputed = app.rank(app.list.cursor).is_some();
    if note.is_empty() && disputed {
        lines.push(Line::from(vec![
            Span::styled("Reason  ", theme.label()),
            Span::styled("none yet · grade to settle, with a reason", theme.muted()),
        ]));
    } else if note.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Note  ", theme.label()),
            Span::styled("none yet · i to write the rationale", theme.muted()),
        ]));
    } else {
        lines.push(Line::styled(
            if disputed { "Reason" } else { "Note" },
            theme.label(),
        ));
        lines.extend(note.lines().map(|l| Line::from(mark(l, Style::new()))));
    }
    if case.summary.is_some() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Narrative", theme.label()));
    }
    Text::from(lines)
}

/// "3 met · 1 not met · 4 unanswered" for the current case.
fn criteria_summary(app: &App) -> String {
    let answers = app
        .session
        .review
        .detail(app.list.cursor)
        .map(|d| &d.criteria);
    let count = |want: Answer| {
        app.session
            .config
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
    let open = app.session.config.criteria.len() - met - not_met - na;
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

/// Fields as one line that wraps as a paragraph: "Label value · Label
/// value".
fn flowing_line<'a>(
    fields: Vec<Field<'_>>,
    theme: &dyn CaseStyles,
    mark: &dyn Fn(&str, Style) -> Vec<Span<'static>>,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (label, value)) in fields.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted()));
        }
        spans.push(Span::styled(format!("{label} "), theme.label()));
        spans.extend(mark(&value.content, value.style));
    }
    Line::from(spans)
}

/// A field as lines: the label, then the value wrapped into its own column
/// so continuation lines stay under the value rather than under the label.
/// A label wider than its column wraps within it, beside the value's
/// lines, so it is never cut.
fn field_lines<'a>(
    label: &str,
    label_width: usize,
    value: &Span<'_>,
    value_width: usize,
    label_style: Style,
    mark: &dyn Fn(&str, Style) -> Vec<Span<'static>>,
) -> Vec<Line<'a>> {
    let labels = textwrap::wrap(label, label_width);
    let values = textwrap::wrap(&value.content, value_width);
    (0..labels.len().max(values.len()))
        .map(|i| {
            let part = labels.get(i).map_or("", |l| l.as_ref());
            let mut spans = vec![Span::styled(format!("{part:<label_width$}  "), label_style)];
            if let Some(v) = values.get(i) {
                spans.extend(mark(v, value.style));
            }
            Line::from(spans)
        })
        .collect()
}

fn grade_span(app: &App, theme: &dyn CaseStyles) -> Span<'static> {
    let scale = app.session.review.scale();
    match app
        .session
        .review
        .grade(app.list.cursor)
        .and_then(|g| scale.level(g))
    {
        Some(level) => Span::styled(format!("■ {}", level.label), theme.level(level)),
        None => Span::styled("not graded", theme.muted()),
    }
}

/// "2026-11-27 20:00 by A. Inspector": the case's last change, if any.
fn last_change(app: &App) -> Option<String> {
    let detail = app.session.review.detail(app.list.cursor)?;
    let at = detail
        .at?
        .to_zoned_datetime(app.time_zone().clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string();
    Some(match &detail.by {
        Some(by) => format!("{at} by {by}"),
        None => at,
    })
}

/// `referral_source` → `Referral source`: field names as a reader expects.
pub fn humanise(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
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
