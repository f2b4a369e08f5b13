//! The screen while a big sample is read: what is read, a bar of how far
//! it has got, and how to cancel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::theme::Theme;
use crate::app::{App, Notice};
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
/// row) of `preview`, the first cases: with the last message, or what the
/// reviewer can do meanwhile, and the changes waiting to be saved.
pub fn draw_status(
    frame: &mut Frame<'_>,
    preview: &App,
    what: &str,
    (stage, share): (Stage, Option<f64>),
    theme: &Theme,
) {
    let area = frame.area();
    let row = ratatui::layout::Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let done = share.map_or_else(String::new, |s| format!(" {:.0}%", s * 100.0));
    // The file's name, not its whole path, and not beside a message: the
    // line has the reading, what the reviewer can do or was told, and the
    // changes waiting to share.
    let name = what.rsplit('/').next().unwrap_or(what);
    let reading = format!("{}{done}", stage.label());
    let text = match preview.notice() {
        Some(Notice::Info(said) | Notice::Warning(said)) => format!(" {reading} · {said}"),
        None if preview.changed_ahead() => {
            format!(" {name}: {reading} · q quits once the session opens")
        }
        None if preview.grading_ahead() => {
            format!(" {name}: {reading} · grade the first cases meanwhile · Esc cancel")
        }
        None => {
            format!(" {name}: {reading} · grading starts once the session is read · Esc cancel")
        }
    };
    let save = preview
        .changed_ahead()
        .then(|| super::status::save_span(preview, *theme));
    let save_width = save
        .as_ref()
        .map_or(0, |s| u16::try_from(s.width()).unwrap_or(u16::MAX));
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(save_width.min(row.width)),
    ])
    .areas(row);
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.title())), left);
    if let Some(save) = save {
        frame.render_widget(Paragraph::new(Line::from(save)), right);
    }
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

    /// The first cases while the sample is read, at 80×24: the tally says
    /// it is still counting; the last line says how far the reading has
    /// got, that the grade given is kept until the session opens, and that
    /// it is saved.
    #[test]
    fn a_grade_given_while_the_sample_is_read_is_kept_and_said_so() {
        use crate::app::testing::{app_on, now, sample};
        use crate::app::{Action, update};
        let mut preview = app_on(sample(148)).previewing();
        let review = crate::model::review::Review::new(preview.config().scale.clone(), 148);
        for action in [
            Action::Resize(80, 24),
            Action::FirstCasesKnown(Box::new(review), None),
            Action::Grade(0),
            // Kept beside the session, as the terminal layer reports.
            Action::Saved(1),
        ] {
            let _ = update(&mut preview, action, now());
        }
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
        let theme = Theme::new(crate::config::ThemeName::Default, false);
        terminal
            .draw(|f| {
                crate::ui::draw(f, &preview, &theme);
                draw_status(
                    f,
                    &preview,
                    "/data/force/cases_2025.csv",
                    (Stage::Parsing, Some(0.42)),
                    &theme,
                );
            })
            .expect("draw");
        insta::assert_snapshot!(terminal.backend());
    }
}
