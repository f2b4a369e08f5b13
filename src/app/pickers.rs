//! The pickers over the list: the filter (conditions ticked together),
//! the sort column and the list's columns. Each moves like a list; the
//! filter and column pickers tick choices with `Space` and apply them with
//! `Enter`.

use super::filter::{self, Condition, Filter};
use super::order::{self, Column};
use super::overlay::picked;
use super::{Action, App, Effect, Mode, Notice, cursor, jumps};
use crate::keymap::Command;

/// The filter picker: `Space` ticks a condition, `Enter` shows the ticked
/// ones; when nothing was ticked, the highlighted one alone (the quickest
/// way to one filter) unless the filter holds it already. Returns the mode
/// that follows.
pub fn filter(
    app: &mut App,
    action: &Action,
    selected: usize,
    mut draft: Filter,
    ticked: bool,
) -> Option<Mode> {
    let options = app.filter_options();
    match action {
        Action::Command(Command::Toggle) => {
            match options.get(selected) {
                Some(Some(c)) => draft.toggle(*c),
                Some(None) => draft = Filter::default(),
                None => {}
            }
            Some(Mode::Filter {
                selected,
                draft,
                ticked: true,
            })
        }
        Action::Command(Command::Confirm) => {
            let highlighted = options.get(selected).copied().flatten();
            // Enter on a condition the filter already holds keeps the
            // filter: looking at the picker never loses a combination.
            let chosen = match highlighted {
                _ if ticked => draft,
                Some(c) if draft.has(c) => draft,
                Some(c) => Filter::only(c),
                None => Filter::default(),
            };
            apply_filter(app, chosen);
            None
        }
        action => picked(action.clone(), selected, options.len()).map(|selected| Mode::Filter {
            selected,
            draft,
            ticked,
        }),
    }
}

/// Shows the cases `chosen` lets through and says how many.
fn apply_filter(app: &mut App, chosen: Filter) {
    let before = app.list.cursor;
    filter::set_filter(app, chosen);
    if app.list.cursor != before {
        jumps::remember(app, before);
    }
    cursor::keep_cursor_visible(app);
    app.status.notice = Some(Notice::Info(filter::showing(app)));
}

/// The sort picker: `Enter` sorts on the highlighted column, ascending,
/// or reverses the sort when it is already on that column.
pub fn sort(app: &mut App, action: &Action, selected: usize) -> (Option<Mode>, Vec<Effect>) {
    let options = app.sort_options();
    if *action != Action::Command(Command::Confirm) {
        let mode =
            picked(action.clone(), selected, options.len()).map(|selected| Mode::Sort { selected });
        return (mode, Vec::new());
    }
    let chosen = options.get(selected).copied().flatten();
    let current = app
        .list
        .order
        .as_ref()
        .map(|o| (o.column(), o.descending()));
    let Some(column) = chosen else {
        super::sorting::cancel(app);
        order::set_order(app, None);
        app.status.notice = Some(Notice::Info("in sample order".to_owned()));
        return (None, Vec::new());
    };
    let descending = matches!(current, Some((c, descending)) if c == column && !descending);
    (None, vec![super::sorting::request(app, column, descending)])
}

/// The column picker: `Space` shows or hides a column, `Enter` keeps the
/// choice.
pub fn columns(
    app: &mut App,
    action: &Action,
    selected: usize,
    mut draft: Vec<Column>,
) -> Option<Mode> {
    let options = Column::extras(&app.session.sample);
    match action {
        Action::Command(Command::Toggle) => {
            if let Some(&column) = options.get(selected) {
                match draft.iter().position(|&c| c == column) {
                    Some(at) => {
                        draft.remove(at);
                    }
                    None => draft.push(column),
                }
            }
            Some(Mode::Columns { selected, draft })
        }
        Action::Command(Command::Confirm) => {
            app.list.columns = draft;
            let shown: Vec<String> = app
                .list
                .columns
                .iter()
                .map(|c| c.heading(&app.session.sample))
                .collect();
            app.status.notice = Some(Notice::Info(if shown.is_empty() {
                "the list shows case, grade and area".to_owned()
            } else {
                format!(
                    "the list shows {} where the screen is wide enough",
                    shown.join(", ")
                )
            }));
            None
        }
        action => picked(action.clone(), selected, options.len())
            .map(|selected| Mode::Columns { selected, draft }),
    }
}

impl App {
    /// How the list's sort reads on screen ("Area ↓"), if it is sorted.
    pub fn order_label(&self) -> Option<String> {
        self.list
            .order
            .as_ref()
            .map(|o| order::label(self, o.column(), o.descending()))
    }

    /// The choices the filter picker offers, in order: `None` is "all
    /// cases".
    pub fn filter_options(&self) -> Vec<Option<Condition>> {
        let mut options = vec![None, Some(Condition::Ungraded)];
        options.extend(
            (0..self.session.review.scale().len()).map(|l| Some(Condition::Grade(l as u8))),
        );
        options.push(Some(Condition::Flagged));
        if self.queued() {
            options.push(Some(Condition::Unsettled));
        }
        if self.list.search.is_some() {
            options.push(Some(Condition::Matching));
        }
        options.extend((0..self.categories().len()).map(|c| Some(Condition::Category(c as u32))));
        options
    }

    /// The choices the sort picker offers: `None` is sample order.
    pub fn sort_options(&self) -> Vec<Option<Column>> {
        std::iter::once(None)
            .chain(Column::sortable(&self.session.sample).into_iter().map(Some))
            .collect()
    }
}

/// Opens the filter picker on the current filter.
pub fn open_filter(app: &App) -> Mode {
    let first = app.list.filter.conditions().first().copied();
    let selected = app
        .filter_options()
        .iter()
        .position(|o| *o == first)
        .unwrap_or(0);
    Mode::Filter {
        selected,
        draft: app.list.filter.clone(),
        ticked: false,
    }
}

/// Opens the sort picker on the current sort.
pub fn open_sort(app: &App) -> Mode {
    let current = app.list.order.as_ref().map(order::Order::column);
    let selected = app
        .sort_options()
        .iter()
        .position(|o| *o == current)
        .unwrap_or(0);
    Mode::Sort { selected }
}

/// Opens the column picker on the columns shown.
pub fn open_columns(app: &App) -> Mode {
    Mode::Columns {
        selected: 0,
        draft: app.list.columns.clone(),
    }
}
