//! The tally panel: for each level its count, percentage of graded cases,
//! a bar and the reference beside it; progress; the inspection sentence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use super::list::abbreviation;
use super::theme::Theme;
use crate::app::App;

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A horizontal bar `fraction` of `width` cells long, in eighths of a cell.
pub fn bar(fraction: f64, width: usize) -> String {
    // Clamped first, so the product is never negative.
    #[allow(clippy::cast_sign_loss, reason = "clamped to 0..=1 above")]
    let eighths = (fraction.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS[eighths % 8]);
    s
}

/// Draws the full tally panel.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let tally = app.tally();
    let scale = app.review().scale();
    let reference_label = app
        .config()
        .reference
        .as_ref()
        .map(|r| format!(" reference: {} ", r.label));
    let mut block = Block::bordered()
        .border_style(theme.border())
        .title(Span::styled(
            format!(" Tally · {} ", progress(app, &tally)),
            theme.title(),
        ));
    if let Some(label) = reference_label {
        block = block.title_top(Line::styled(label, theme.muted()).right_aligned());
    }
    let inner = usize::from(block.inner(area).width);
    let label_width = tally
        .rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(0)
        .min(inner / 3);
    let reference_width = if tally.rows.iter().any(|r| r.reference.is_some()) {
        17
    } else {
        0
    };
    // "■ " label "  " count(4) " " pct(4) "  " bar "  " reference
    let bar_width = inner
        .saturating_sub(2 + label_width + 2 + 4 + 1 + 4 + 2 + 2 + reference_width)
        .max(1);
    let mut lines: Vec<Line<'_>> = tally
        .rows
        .iter()
        .zip(&scale.levels)
        .map(|(row, level)| {
            let style = theme.level(level);
            let label: String = if row.label.width() > label_width {
                abbreviation(level)
            } else {
                row.label.clone()
            };
            let fraction = if tally.graded == 0 {
                0.0
            } else {
                row.count as f64 / tally.graded as f64
            };
            let mut spans = vec![
                Span::styled("■ ", style),
                Span::raw(format!("{label:<label_width$}  ")),
                Span::styled(
                    format!("{:>4}", row.count),
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
                ),
                Span::raw(format!(" {:>3}%  ", row.percent)),
                Span::styled(format!("{:<bar_width$}", bar(fraction, bar_width)), style),
            ];
            if let Some((count, percent)) = row.reference {
                spans.push(Span::styled(
                    format!("  ref {count:>4} {percent:>3}%"),
                    theme.muted(),
                ));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::styled(tally.sentence, theme.sentence()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// "41/74 graded", and in moderation how many disagreements are settled.
fn progress(app: &App, tally: &crate::model::tally::Tally) -> String {
    match app.settled() {
        Some((done, all)) => format!("{} · settled {done}/{all}", tally.progress()),
        None => tally.progress(),
    }
}

/// Draws the one-line tally used on short screens.
pub fn draw_strip(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let tally = app.tally();
    let mut spans = vec![Span::styled(
        format!("{} ", progress(app, &tally)),
        theme.title(),
    )];
    for (row, level) in tally.rows.iter().zip(&app.review().scale().levels) {
        spans.push(Span::styled(
            format!(" {} ", abbreviation(level)),
            theme.level(level),
        ));
        spans.push(Span::raw(format!("{} {}%", row.count, row.percent)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 3), "█▌");
        assert_eq!(bar(2.0, 2), "██", "clamped");
    }
}
