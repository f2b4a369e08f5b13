//! The frame shared by every overlay: centred, cleared, bordered, titled,
//! with a footer of keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::theme::Theme;

/// Draws an empty overlay of at most `width`×`height` centred in `area` and
/// returns the area inside its border.
pub fn frame(
    frame: &mut Frame<'_>,
    area: Rect,
    (width, height): (u16, u16),
    title: &str,
    footer: &str,
    theme: &Theme,
) -> Rect {
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .border_style(theme.title())
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(format!(" {footer} "), theme.muted()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    inner
}

/// The first line to show so that line `selected` stays inside `height` lines.
fn scroll_for(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).saturating_sub(1))
}

/// Draws a selectable list into `area`: scrolled so that `selected` is
/// visible, and highlighted. `lines` is lazy: only the visible lines are built.
pub fn list<'a>(
    frame: &mut Frame<'_>,
    area: Rect,
    lines: impl Iterator<Item = Line<'a>>,
    selected: usize,
    theme: &Theme,
) {
    let visible: Vec<Line<'a>> = lines
        .enumerate()
        .skip(scroll_for(selected, area.height))
        .take(usize::from(area.height))
        .map(|(i, line)| {
            if i == selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(visible), area);
}

/// Draws a vertical scrollbar over the right border of `area` (inset by
/// `inset` rows at the top and bottom) for `hidden` lines of which the
/// first `position` are scrolled past.
pub fn scrollbar(
    frame: &mut Frame<'_>,
    area: Rect,
    inset: u16,
    hidden: usize,
    position: usize,
    theme: &Theme,
) {
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
    let mut state = ScrollbarState::new(hidden).position(position);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .style(theme.border());
    let inner = area.inner(ratatui::layout::Margin {
        vertical: inset,
        horizontal: 0,
    });
    frame.render_stateful_widget(bar, inner, &mut state);
}
