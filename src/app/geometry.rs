//! Where each panel goes for a given terminal size. Pure functions of the
//! size and the state, shared by drawing and by movement (page size,
//! scroll limits, mouse hits), so the two never disagree.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::App;
use super::case_text::{Unstyled, header};

/// Below this width or height the screen shows a one-line summary only.
pub const TINY: (u16, u16) = (24, 4);

/// Rows the list and case view keep before the tally takes its full panel:
/// enough for a case's fields and the first lines of its narrative, so at
/// 80×24 the tally folds to one line rather than hide the narrative.
pub const MIN_MAIN_ROWS: u16 = 22;

/// The panels of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    /// Case list (zero-sized when the screen is too narrow for it).
    pub list: Rect,
    /// The current case.
    pub case: Rect,
    /// The tally panel, or a one-line tally strip on short screens.
    pub tally: Rect,
    /// The status line.
    pub status: Rect,
}

/// How the screen is laid out at a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Too small for panels: one line of text.
    Tiny(Rect),
    /// Panels; the tally is a full panel.
    Full(Regions),
    /// Panels; the tally is squeezed into one line.
    Compact(Regions),
}

impl Screen {
    /// The regions, unless the screen is tiny.
    pub fn regions(&self) -> Option<&Regions> {
        match self {
            Screen::Tiny(_) => None,
            Screen::Full(r) | Screen::Compact(r) => Some(r),
        }
    }
}

/// Lays out `area` for `app`.
pub fn screen(area: Rect, app: &App) -> Screen {
    if area.width < TINY.0 || area.height < TINY.1 {
        return Screen::Tiny(area);
    }
    let tally_height = tally_height(app, area.width);
    let full = area.height >= tally_height + 1 + MIN_MAIN_ROWS && area.width >= 50;
    let bottom = if full { tally_height } else { 1 };
    let [main, tally, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(bottom),
        Constraint::Length(1),
    ])
    .areas(area);
    let list_width = list_width(app, area.width);
    let [list, case] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(main);
    let regions = Regions {
        list,
        case,
        tally,
        status,
    };
    if full {
        Screen::Full(regions)
    } else {
        Screen::Compact(regions)
    }
}

/// Columns the case view keeps for reading before the list widens for
/// the columns the reviewer chose: a wide terminal shows more of the list,
/// not longer lines of narrative.
pub const READING_WIDTH: u16 = 90;

/// Width of the list without its chosen columns at terminal width `width`.
fn base_list_width(width: u16) -> u16 {
    if width >= 50 {
        (width / 3).clamp(24, 44)
    } else {
        0
    }
}

/// How many of the list's chosen columns fit at terminal width `width`
/// (the first ones, in the order chosen).
pub fn shown_columns(app: &App, width: u16) -> usize {
    let mut room = width
        .saturating_sub(READING_WIDTH)
        .saturating_sub(base_list_width(width));
    if base_list_width(width) == 0 {
        return 0;
    }
    app.list
        .columns
        .iter()
        .take_while(|c| {
            let needs = c.width(&app.session.sample) + 1;
            let fits = needs <= room;
            room = room.saturating_sub(needs);
            fits
        })
        .count()
}

/// Width of the list at terminal width `width`, with the chosen columns
/// that fit.
fn list_width(app: &App, width: u16) -> u16 {
    let extra: u16 = app.list.columns[..shown_columns(app, width)]
        .iter()
        .map(|c| c.width(&app.session.sample) + 1)
        .sum();
    base_list_width(width) + extra
}

/// Rows of the tally panel: one per level, the sentence, and borders.
fn tally_height(app: &App, width: u16) -> u16 {
    let sentence = Paragraph::new(app.tally().sentence).wrap(Wrap { trim: true });
    let lines = u16::try_from(sentence.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    (app.session.review.scale().len() as u16)
        .saturating_add(lines)
        .saturating_add(2)
}

/// The screen for the app's current viewport.
fn current(app: &App) -> Screen {
    screen(Rect::new(0, 0, app.viewport.0, app.viewport.1), app)
}

/// Case rows visible in the list (its height less borders and header).
pub fn list_rows(app: &App) -> usize {
    current(app)
        .regions()
        .map_or(1, |r| usize::from(r.list.height.saturating_sub(3)))
}

/// The inside of the case view's border, unless the screen is tiny.
pub fn case_inner(app: &App) -> Option<Rect> {
    current(app).regions().map(|r| {
        Rect::new(
            r.case.x + 1,
            r.case.y + 1,
            r.case.width.saturating_sub(2),
            r.case.height.saturating_sub(2),
        )
    })
}

/// Rows of the case's head (everything before the narrative's lines) at
/// `width` columns.
pub fn header_rows(app: &App, width: u16) -> usize {
    header(app, &Unstyled, width).line_count(width)
}

/// How far the case view can scroll before its last line reaches the top
/// of the panel's bottom row.
pub fn narrative_max_scroll(app: &App) -> u16 {
    let Some(inner) = case_inner(app) else {
        return 0;
    };
    let lines = header_rows(app, inner.width) + app.list.narrative.len();
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height)
}
