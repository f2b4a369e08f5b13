//! Tally details: the breakdown with intervals and the reference test,
//! grades by area of practice, and criteria results. The figures are the
//! ones `casebench summary` and the reports print.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr as _;

use super::list::abbreviation;
use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::Context;
use crate::model::breakdown::{AnswerCounts, Breakdown};
use crate::model::summary::Summary;

/// Widest area-of-practice name before it is cut.
const AREA_WIDTH: usize = 32;

/// Widest criterion label before it is cut.
const CRITERION_WIDTH: usize = 52;

/// The overlay's lines.
/// The overlay's lines for a panel `width` cells wide (tables narrow their
/// name column to fit).
#[allow(
    clippy::too_many_lines,
    reason = "one overlay's sections, read top to bottom as they appear"
)]
pub fn lines<'a>(
    app: &'a App,
    theme: &Theme,
    (breakdown, summary): (&Breakdown, &Summary),
    width: u16,
) -> Vec<Line<'a>> {
    let scale = app.review().scale();
    let confidence = crate::model::figures::confidence(summary.confidence);
    let mut out = vec![Line::styled(
        format!(
            "Breakdown · {}/{} graded · {confidence} Wilson intervals",
            summary.graded, summary.total
        ),
        theme.label(),
    )];
    let label_width = scale
        .levels
        .iter()
        .map(|l| l.label.width())
        .max()
        .unwrap_or(0);
    for level in &scale.levels {
        let count = summary.counts[&level.id];
        let interval = summary.intervals.get(&level.id).map_or_else(
            || "–".to_owned(),
            |i| format!("{:.1}–{:.1}%", i.low * 100.0, i.high * 100.0),
        );
        let mut spans = vec![
            Span::styled("  ■ ", theme.level(level)),
            Span::raw(format!(
                "{:<label_width$}  {count:>4}  {:>3}%  {interval:>13}",
                level.label, summary.percent[&level.id]
            )),
        ];
        if let Some(r) = &summary.reference {
            spans.push(Span::styled(
                format!(
                    "   reference {:>4} ({:>2}%)",
                    r.counts[&level.id], r.percent[&level.id]
                ),
                theme.muted(),
            ));
        }
        out.push(Line::from(spans));
    }
    if let (Some(r), Some(c)) = (&summary.reference, &summary.comparison) {
        out.push(Line::raw(format!("  {}", c.plain(&r.label))));
        out.push(Line::styled(
            format!("  Test: {}.", c.technical()),
            theme.muted(),
        ));
    }
    if let Some(p) = &summary.precision {
        out.push(Line::raw(format!("  {}", p.text(&confidence))));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Grade by area of practice (count, % of graded in the area)",
        theme.label(),
    ));
    let area_width = breakdown
        .categories
        .iter()
        .map(|c| c.category.as_deref().unwrap_or("(none)").width())
        .max()
        .unwrap_or(4)
        .min(AREA_WIDTH)
        // Room for the grade columns (11 each) and "ungraded" (10).
        .min(usize::from(width).saturating_sub(2 + 11 * scale.len() + 10))
        .max(8);
    let mut header = format!("  {:<area_width$}", "Area");
    for level in &scale.levels {
        let _ = write!(header, "  {:>9}", abbreviation(level));
    }
    let _ = write!(header, "  {:>8}", "ungraded");
    out.push(Line::styled(header, theme.muted()));
    for row in &breakdown.categories {
        let name = fit(row.category.as_deref().unwrap_or("(none)"), area_width);
        let mut text = format!("  {name:<area_width$}");
        for (i, count) in row.counts.iter().enumerate() {
            let cell = if row.graded() == 0 {
                format!("{count}")
            } else {
                format!("{count} ({}%)", row.percent(i))
            };
            let _ = write!(text, "  {cell:>9}");
        }
        let _ = write!(text, "  {:>8}", row.ungraded);
        out.push(Line::raw(text));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Practice criteria (met / not met / n/a; % met of those that apply)",
        theme.label(),
    ));
    if breakdown.criteria.is_empty() {
        out.push(Line::styled("  no criteria configured", theme.muted()));
    }
    let label_of = |id: &str| {
        app.config()
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.label.clone())
    };
    let crit_width = breakdown
        .criteria
        .iter()
        .map(|c| label_of(&c.id).width())
        .max()
        .unwrap_or(0)
        .min(CRITERION_WIDTH)
        // Room for the overall counts (24); per-grade counts go on their
        // own line when they do not fit beside.
        .min(usize::from(width).saturating_sub(2 + 24))
        .max(10);
    for row in &breakdown.criteria {
        let label = fit(&label_of(&row.id), crit_width);
        let overall = format!("  {label:<crit_width$}  {}", counts_text(&row.overall));
        let mut by_grade = Vec::new();
        for (level, c) in scale.levels.iter().zip(&row.by_level) {
            if c.answered() > 0 {
                by_grade.push(Span::styled(
                    format!("   {} ", abbreviation(level)),
                    theme.level(level),
                ));
                by_grade.push(Span::styled(
                    format!("{}/{}/{}", c.met, c.not_met, c.not_applicable),
                    theme.muted(),
                ));
            }
        }
        let by_grade_width: usize = by_grade.iter().map(|s| s.content.width()).sum();
        if overall.width() + by_grade_width <= usize::from(width) {
            let mut spans = vec![Span::raw(overall)];
            spans.extend(by_grade);
            out.push(Line::from(spans));
        } else {
            out.push(Line::raw(overall));
            if !by_grade.is_empty() {
                let mut spans = vec![Span::raw(" ".repeat(crit_width.min(12)))];
                spans.extend(by_grade);
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        text.chars()
            .take(width.saturating_sub(1))
            .chain(['…'])
            .collect()
    }
}

fn counts_text(c: &AnswerCounts) -> String {
    let met = c
        .met_percent()
        .map_or_else(|| "   –".to_owned(), |p| format!("{p:>3}%"));
    format!(
        "{:>3} / {:>3} / {:>3}  {met}",
        c.met, c.not_met, c.not_applicable
    )
}

/// Draws the overlay.
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    theme: &Theme,
    figures: (&Breakdown, &Summary),
    scroll: u16,
) {
    let width = area.width.saturating_sub(4).min(110);
    let lines = lines(app, theme, figures, width.saturating_sub(2));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let size = (width, height.min(area.height.saturating_sub(2)));
    let inner = popup::frame(
        frame,
        area,
        size,
        "Tally details",
        &app.config().keys.footer(Context::Details),
        theme,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
