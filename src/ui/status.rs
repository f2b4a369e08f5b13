//! The status line: a notice or the keys that matter now, and the save state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr as _;

use crate::app::{App, Notice, SaveState};
use crate::keymap::Command;

/// (keys, what they do) for the status line, most important first.
pub fn hints(app: &App) -> Vec<(String, String)> {
    let keys = &app.config.keys;
    let first = |c: Command| {
        keys.keys(c)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let grade_keys: Vec<String> = app
        .review
        .scale()
        .levels
        .iter()
        .map(|l| l.key.to_string())
        .collect();
    let grade_keys = match grade_keys.as_slice() {
        [a, .., b] if grade_keys.len() > 2 => format!("{a}-{b}"),
        _ => grade_keys.join("/"),
    };
    vec![
        (grade_keys, "grade".into()),
        (
            format!("{}/{}", first(Command::MoveDown), first(Command::MoveUp)),
            "move".into(),
        ),
        (first(Command::Undo), "undo".into()),
        (first(Command::Redo), "redo".into()),
        (
            format!(
                "{}/{}",
                first(Command::ScrollDown),
                first(Command::ScrollUp)
            ),
            "scroll".into(),
        ),
        (first(Command::Help), "help".into()),
        (first(Command::Quit), "quit".into()),
    ]
}

/// Draws the status line.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let save = match &app.save {
        SaveState::Saved => Span::styled(" ✓ saved ", theme.saved()),
        SaveState::Failed(e) => Span::styled(format!(" NOT SAVED: {e} "), theme.error()),
    };
    let save_width = u16::try_from(save.content.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(save_width)]).areas(area);
    let line = match &app.notice {
        Some(Notice::Info(text)) => Line::styled(format!(" {text}"), theme.title()),
        Some(Notice::Warning(text)) => Line::styled(format!(" {text}"), theme.warning()),
        None => {
            let mut spans = Vec::new();
            let mut used = 0;
            for (keys, what) in hints(app) {
                let width = keys.width() + what.width() + 3;
                if used + width > usize::from(left.width) {
                    break;
                }
                used += width;
                spans.push(Span::styled(format!(" {keys}"), theme.key()));
                spans.push(Span::styled(format!(" {what} "), theme.muted()));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), left);
    frame.render_widget(Paragraph::new(Line::from(save).right_aligned()), right);
}
