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
pub fn scroll_for(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).saturating_sub(1))
}
