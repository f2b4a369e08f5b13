//! The status line: the search prompt, a notice or the keys that matter now;
//! then the filter, the search and the save state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr as _;

use super::theme::Theme;
use crate::app::filter::Condition;
use crate::app::{App, Mode, Notice, SaveState};
use crate::keymap::{Command, Context};

/// (keys, what they do) for the status line, in display order, each with
/// whether it must be shown even when space is short.
pub fn hints(app: &App) -> Vec<(String, &'static str, bool)> {
    let keys = &app.config().keys;
    let first = |c: Command| keys.first_key(Context::Browse, c);
    let grade_keys: Vec<String> = app
        .review()
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
        (grade_keys, "grade", true),
        (
            format!("{}/{}", first(Command::MoveDown), first(Command::MoveUp)),
            "move",
            true,
        ),
        (first(Command::EditNote), "note", false),
        (first(Command::Criteria), "criteria", false),
        (first(Command::Flag), "flag", false),
        (first(Command::Search), "search", false),
        (first(Command::Filter), "filter", false),
        (first(Command::Details), "details", false),
        (first(Command::Undo), "undo", false),
        (first(Command::Help), "help", true),
        (first(Command::Quit), "quit", true),
    ]
}

fn hint_spans(app: &App, theme: Theme, width: usize) -> Vec<Span<'static>> {
    let hints = hints(app);
    let cost = |(k, w, _): &(String, &str, bool)| k.width() + w.width() + 3;
    let mut budget = width.saturating_sub(hints.iter().filter(|h| h.2).map(cost).sum());
    let shown: Vec<bool> = hints
        .iter()
        .map(|h| {
            if h.2 {
                return true;
            }
            let fits = cost(h) <= budget;
            if fits {
                budget -= cost(h);
            }
            fits
        })
        .collect();
    let mut spans = Vec::new();
    for ((keys, what, _), show) in hints.into_iter().zip(shown) {
        if show && !keys.is_empty() {
            spans.push(Span::styled(format!(" {keys}"), theme.key()));
            spans.push(Span::styled(format!(" {what} "), theme.muted()));
        }
    }
    spans
}

/// Draws the status line.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut right = Vec::new();
    // A filter on the search says the search's count: the search is not
    // said twice (at 80 columns that left no room for the message).
    let searching = app.search().as_ref().is_some_and(|s| !s.is_complete());
    let filtered_on_search = app.filter().has(Condition::Matching);
    if !app.filter().is_all() {
        right.push(Span::styled(
            format!(
                " {} {}{}/{} ",
                app.filter().label(app),
                app.list_len(),
                if filtered_on_search && searching {
                    "…"
                } else {
                    ""
                },
                app.sample().len()
            ),
            theme.title(),
        ));
    }
    if let Some(order) = app.order_label() {
        right.push(Span::styled(format!(" by {order} "), theme.muted()));
    }
    if let Some(s) = &app.search()
        && !matches!(app.mode(), Mode::Search(_))
        && !filtered_on_search
    {
        right.push(Span::styled(
            format!(
                " /{} {}{} ",
                s.query,
                s.matches.len(),
                if s.is_complete() { "" } else { "…" }
            ),
            theme.key(),
        ));
    }
    // A message that would not fit beside what the list shows has the line
    // to itself but for the save state: it is read once, while the rest
    // stays on the line after the next key.
    let save = save_span(app, *theme);
    if let Some(Notice::Info(text) | Notice::Warning(text)) = app.notice() {
        let beside: usize = right.iter().map(Span::width).sum();
        if text.width() + 2 + beside + save.width() > usize::from(area.width) {
            right.clear();
        }
    }
    right.push(save);
    let right = Line::from(right).right_aligned();
    let right_width = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let [left, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let line = message_line(app, *theme, usize::from(left.width));
    frame.render_widget(Paragraph::new(line), left);
    frame.render_widget(Paragraph::new(right), right_area);
}

/// Whether everything shown is on disk, as the status line's last span.
pub fn save_span(app: &App, theme: Theme) -> Span<'static> {
    match app.save_state() {
        SaveState::Saved => Span::styled(" ✓ saved ", theme.saved()),
        SaveState::Failed(e) => Span::styled(format!(" NOT SAVED: {e} "), theme.error()),
    }
}

/// The left of the status line: a prompt, a message (with the keys that
/// still fit) or the keys, for `width` columns.
fn message_line(app: &App, theme: Theme, width: usize) -> Line<'static> {
    match (&app.mode(), &app.notice()) {
        (Mode::Search(prompt), _) => {
            let count = app.search().as_ref().map_or_else(
                || "0".to_owned(),
                |s| {
                    format!(
                        "{}{}",
                        s.matches.len(),
                        if s.is_complete() { "" } else { "+" }
                    )
                },
            );
            Line::from(vec![
                Span::styled(format!(" /{}", prompt.query()), theme.key()),
                Span::styled("█", theme.muted()),
                Span::styled(
                    format!(
                        "  {count} matching · {}",
                        app.config().keys.footer(Context::Search)
                    ),
                    theme.muted(),
                ),
            ])
        }
        (Mode::GoTo(prompt), _) => {
            let target = prompt
                .candidate
                .and_then(|i| app.sample().get(i))
                .map_or_else(
                    || {
                        if prompt.input.query().trim().is_empty() {
                            "type a case id".to_owned()
                        } else {
                            "no such id".to_owned()
                        }
                    },
                    |c| match prompt.starting {
                        0 | 1 => format!("→ {}", c.id),
                        n if n > crate::app::jumps::MANY_IDS => format!(
                            "→ {} (over {} ids start so)",
                            c.id,
                            crate::app::jumps::MANY_IDS
                        ),
                        n => format!("→ {} ({n} ids start so)", c.id),
                    },
                );
            let keys = &app.config().keys;
            let key = |c| keys.first_key(Context::Search, c);
            Line::from(vec![
                Span::styled(format!(" go to #{}", prompt.input.query()), theme.key()),
                Span::styled("█", theme.muted()),
                Span::styled(
                    format!(
                        "  {target} · {} go · {} cancel",
                        key(Command::Confirm),
                        key(Command::Close)
                    ),
                    theme.muted(),
                ),
            ])
        }
        // The note editor's own keys while it is open.
        (Mode::Note(_), notice) => {
            let mut spans = Vec::new();
            if let Some(Notice::Info(text) | Notice::Warning(text)) = notice {
                spans.push(Span::styled(format!(" {text} ·"), theme.title()));
            }
            spans.push(Span::styled(
                format!(" {}", app.config().keys.footer(Context::Note)),
                theme.muted(),
            ));
            Line::from(spans)
        }
        // A message, then the keys that still fit (so the keys show from
        // the first frame on).
        (_, Some(Notice::Info(text))) => {
            let said = format!(" {text}");
            let room = width.saturating_sub(said.width() + 2);
            let mut spans = vec![Span::styled(said, theme.title())];
            let hints = hint_spans(app, theme, room);
            let hints_width: usize = hints.iter().map(Span::width).sum();
            if !hints.is_empty() && hints_width <= room {
                spans.push(Span::styled(" ·", theme.muted()));
                spans.extend(hints);
            }
            Line::from(spans)
        }
        (_, Some(Notice::Warning(text))) => Line::styled(format!(" {text}"), theme.warning()),
        (_, None) => Line::from(hint_spans(app, theme, width)),
    }
}
