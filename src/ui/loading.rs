//! The screen while a big sample is read: what is read, a bar of how far
//! it has got, and how to cancel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::theme::Theme;
use crate::store::progress::Stage;

/// Draws the progress of reading `what`: the stage and the share done
/// (`None`: not known), and the cancel keys while cancelling is safe.
pub fn draw(
    frame: &mut Frame<'_>,
    what: &str,
    (stage, share): (Stage, Option<f64>),
    cancellable: bool,
    theme: &Theme,
) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(72);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, boxed, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(middle);
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(format!(" {what} "), theme.title()));
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    let [bar, hint] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)])
        .spacing(1)
        .areas(inner);
    let label = match share {
        Some(s) => format!("{} {:.0}%", stage.label(), s * 100.0),
        None => format!("{}…", stage.label()),
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.title())
            .ratio(share.unwrap_or(0.0).clamp(0.0, 1.0))
            .label(label),
        bar,
    );
    let keys = if cancellable {
        "Esc cancel (nothing is written yet)"
    } else {
        "a moment: the session is being opened"
    };
    frame.render_widget(Paragraph::new(Line::styled(keys, theme.muted())), hint);
}

/// Draws the progress of reading `what` over the status line (the last
/// row) of a preview of its first cases.
pub fn draw_status(
    frame: &mut Frame<'_>,
    what: &str,
    (stage, share): (Stage, Option<f64>),
    theme: &Theme,
) {
    let area = frame.area();
    let row = ratatui::layout::Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let done = share.map_or_else(String::new, |s| format!(" {:.0}%", s * 100.0));
    let text = format!(
        " {what}: {}{done} · read the first cases meanwhile; grading starts when all are in · Esc cancel",
        stage.label()
    );
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.title())), row);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_says_the_stage_and_the_share() {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 9)).expect("terminal");
        let theme = Theme::new(crate::config::ThemeName::Default, false);
        terminal
            .draw(|f| {
                draw(
                    f,
                    "cases_1000000.csv",
                    (Stage::Parsing, Some(0.42)),
                    true,
                    &theme,
                );
            })
            .expect("draw");
        insta::assert_snapshot!(terminal.backend());
    }
}
