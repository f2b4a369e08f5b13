//! The readings of the current case in a combined or moderated session:
//! each reviewer's grade, criteria answers and note, side by side when the
//! case view is wide enough (stacked otherwise), so that a moderator sees
//! both readings at once.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr as _;

use super::App;
use super::case_text::CaseStyles;
use crate::model::change::Answer;
use crate::model::team::{Reading, distance};

/// Narrowest column worth putting beside another.
const MIN_COLUMN: usize = 20;
/// Space between columns.
const GAP: usize = 3;

/// The lines of the "Readings" section for a view `width` cells wide;
/// empty when the case was read by one session only.
pub fn lines<'a>(app: &'a App, theme: &dyn CaseStyles, width: usize) -> Vec<Line<'a>> {
    let Some(team) = app.team() else {
        return Vec::new();
    };
    let readings: Vec<&Reading> = team.readings(app.list.cursor).collect();
    if readings.is_empty() {
        return Vec::new();
    }
    let scale = app.session.review.scale();
    let grades = team.grades(app.list.cursor, scale);
    let gap = distance(&grades);
    let mut out = vec![Line::raw("")];
    let heading = match (
        app.rank(app.list.cursor),
        app.session.review.grade(app.list.cursor),
    ) {
        (Some(_), None) => format!(
            "Readings · disagree by {gap} level{} · to settle",
            plural(gap)
        ),
        (Some(_), Some(_)) => format!(
            "Readings · disagreed by {gap} level{} · settled",
            plural(gap)
        ),
        _ => "Readings · agreed".to_owned(),
    };
    out.push(Line::styled(heading, theme.label()));
    let columns = readings.len();
    let column = (width.saturating_sub(GAP * (columns - 1))) / columns;
    if columns > 1 && column >= MIN_COLUMN {
        let blocks: Vec<Vec<Line<'_>>> = readings
            .iter()
            .map(|r| block(app, theme, r, column))
            .collect();
        let height = blocks.iter().map(Vec::len).max().unwrap_or(0);
        for row in 0..height {
            let mut spans = Vec::new();
            for (c, b) in blocks.iter().enumerate() {
                let line = b.get(row).cloned().unwrap_or_default();
                let used = line.width();
                spans.extend(line.spans);
                if c + 1 < columns {
                    spans.push(Span::raw(" ".repeat(column.saturating_sub(used) + GAP)));
                }
            }
            out.push(Line::from(spans));
        }
    } else {
        for r in readings {
            out.extend(block(app, theme, r, width.max(8)));
        }
    }
    out
}

fn plural(n: u8) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One reading as lines at most `width` cells wide: who, grade, criteria
/// answers, note.
fn block<'a>(app: &App, theme: &dyn CaseStyles, r: &Reading, width: usize) -> Vec<Line<'a>> {
    let scale = app.session.review.scale();
    let cut = |s: &str| -> String {
        if s.width() <= width {
            return s.to_owned();
        }
        let mut out = String::new();
        for ch in s.chars() {
            if out.width() + 2 > width {
                break;
            }
            out.push(ch);
        }
        out.push('…');
        out
    };
    let mut lines = vec![Line::styled(cut(&r.by), theme.label())];
    let level = r
        .grade
        .as_deref()
        .and_then(|g| scale.level(scale.position(g)?));
    lines.push(match level {
        Some(l) => Line::styled(cut(&format!("■ {}", l.label)), theme.level(l)),
        None => Line::styled("not graded", theme.muted()),
    });
    for c in &app.session.config.criteria {
        if let Some(answer) = r.criteria.get(&c.id) {
            let said = match answer {
                Answer::Met => "met",
                Answer::NotMet => "not met",
                Answer::NotApplicable => "n/a",
            };
            lines.push(Line::styled(
                cut(&format!("{}: {said}", c.label)),
                theme.muted(),
            ));
        }
    }
    if r.flagged {
        lines.push(Line::styled("⚑ flagged", theme.flag()));
    }
    if r.note.trim().is_empty() {
        lines.push(Line::styled("no note", theme.muted()));
    } else {
        for para in r.note.lines() {
            for part in textwrap::wrap(para, width) {
                lines.push(Line::styled(part.into_owned(), Style::new()));
            }
        }
    }
    lines
}
