//! Sorting away from the key path. Choosing a sort asks for it
//! ([`Effect::Sort`]): the terminal layer sorts a small sample at once and
//! a big one in a thread, and reports back with [`Action::Sorted`]. A
//! million cases take a tenth of a second to sort on a text column;
//! meanwhile the list keeps its order and every key works. A sort asked
//! for later cancels the one still running, and a result that is no
//! longer wanted is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::order::{self, Column, Order};
use super::{Action, App, Effect, Notice};
use crate::model::case::{CaseIdx, Sample};

/// A sort asked for and not finished yet.
#[derive(Debug)]
pub(in crate::app) struct Pending {
    ticket: u64,
    cancel: Arc<AtomicBool>,
}

/// A sort to carry out (see the module's comment).
#[derive(Debug, Clone)]
pub struct SortJob {
    ticket: u64,
    column: Column,
    descending: bool,
    sample: Arc<Sample>,
    /// Each case's place, for the grade and flag columns: taken when the
    /// sort is chosen, like a spreadsheet's.
    places: Option<Vec<Option<u32>>>,
    cancel: Arc<AtomicBool>,
}

/// Two jobs are the same request.
impl PartialEq for SortJob {
    fn eq(&self, other: &Self) -> bool {
        (self.ticket, self.column, self.descending)
            == (other.ticket, other.column, other.descending)
    }
}

impl Eq for SortJob {}

impl SortJob {
    /// How many cases it sorts.
    pub fn cases(&self) -> usize {
        self.sample.len()
    }

    /// Sorts; `None` when a later sort was asked for meanwhile.
    pub fn run(self) -> Option<Action> {
        let cancelled = || self.cancel.load(Ordering::Relaxed);
        let places = match self.places {
            Some(places) => places,
            None => order::text_places(&self.sample, self.column, &cancelled)?,
        };
        let order = Order::from_places(self.column, self.descending, &places);
        (!cancelled()).then(|| Action::Sorted(self.ticket, Box::new(order)))
    }
}

/// Asks for the list sorted on `column`, cancelling a sort still running.
pub(in crate::app) fn request(app: &mut App, column: Column, descending: bool) -> Effect {
    cancel(app);
    app.list.sorts += 1;
    let cancel = Arc::new(AtomicBool::new(false));
    app.list.sorting = Some(Pending {
        ticket: app.list.sorts,
        cancel: Arc::clone(&cancel),
    });
    let n = app.session.sample.len() as CaseIdx;
    let review = &app.session.review;
    let places = match column {
        Column::Grade => Some((0..n).map(|i| review.grade(i).map(u32::from)).collect()),
        Column::Flag => Some((0..n).map(|i| review.flagged(i).then_some(0)).collect()),
        _ => None,
    };
    let label = order::label(app, column, descending);
    app.status.notice = Some(Notice::Info(format!("sorting by {label}…")));
    Effect::Sort(SortJob {
        ticket: app.list.sorts,
        column,
        descending,
        sample: app.shared_sample(),
        places,
        cancel,
    })
}

/// Stops the sort still running, if any: the list stays as it is.
pub(in crate::app) fn cancel(app: &mut App) {
    if let Some(pending) = app.list.sorting.take() {
        pending.cancel.store(true, Ordering::Relaxed);
    }
}

/// A sort has finished: the list takes its order if it is the last one
/// asked for.
pub(in crate::app) fn finished(app: &mut App, ticket: u64, sorted: Order) {
    if app.list.sorting.as_ref().is_none_or(|p| p.ticket != ticket) {
        return;
    }
    app.list.sorting = None;
    let label = order::label(app, sorted.column(), sorted.descending());
    order::set_order(app, Some(sorted));
    app.status.notice = Some(Notice::Info(format!("sorted by {label}")));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app_on, cmd, run, sample};
    use crate::keymap::Command;

    fn job(effect: Effect) -> SortJob {
        match effect {
            Effect::Sort(job) => job,
            other => panic!("not a sort: {other:?}"),
        }
    }

    fn notice(app: &App) -> String {
        format!("{:?}", app.notice())
    }

    fn listed(app: &App) -> Vec<CaseIdx> {
        (0..app.list_len())
            .filter_map(|r| app.list_case(r))
            .collect()
    }

    #[test]
    fn the_list_keeps_its_order_until_the_sort_is_done() {
        let mut app = app_on(sample(6));
        let before = listed(&app);
        let asked = job(request(&mut app, Column::Title, true));
        assert_eq!(listed(&app), before, "nothing moves while it sorts");
        assert!(
            notice(&app).contains("sorting by Title ↓…"),
            "{}",
            notice(&app)
        );
        let Some(Action::Sorted(ticket, order)) = asked.run() else {
            panic!("sorted");
        };
        finished(&mut app, ticket, *order);
        let titles: Vec<String> = listed(&app)
            .into_iter()
            .filter_map(|i| app.sample().get(i)?.title.map(str::to_owned))
            .collect();
        assert_eq!(titles[0], "Case number 6", "descending, numbers in order");
        assert!(
            notice(&app).contains("sorted by Title ↓"),
            "{}",
            notice(&app)
        );
    }

    #[test]
    fn a_later_sort_cancels_an_earlier_one_and_its_result_is_dropped() {
        let mut app = app_on(sample(6));
        let first = job(request(&mut app, Column::Title, true));
        let second = job(request(&mut app, Column::Title, false));
        assert_eq!(first.clone().run(), None, "cancelled: it gives up");
        // Had it finished before it saw that, its result is not taken.
        let stale = Order::from_places(Column::Title, true, &[Some(0); 6]);
        finished(&mut app, first.ticket, stale);
        assert!(app.order().is_none(), "the stale result is dropped");
        let Some(Action::Sorted(ticket, order)) = second.run() else {
            panic!("sorted");
        };
        finished(&mut app, ticket, *order);
        assert_eq!(app.order().map(Order::descending), Some(false));
    }

    #[test]
    fn grades_are_sorted_as_they_were_when_the_sort_was_chosen() {
        let mut app = app_on(sample(3));
        // CP-003 graded, then the sort asked for, then CP-001 graded
        // while it runs.
        run(&mut app, &[cmd(Command::Last), Action::Grade(0)]);
        let asked = job(request(&mut app, Column::Grade, false));
        run(&mut app, &[cmd(Command::First), Action::Grade(0)]);
        let Some(Action::Sorted(ticket, order)) = asked.run() else {
            panic!("sorted");
        };
        finished(&mut app, ticket, *order);
        assert_eq!(listed(&app), [2, 0, 1], "only the grade given before");
    }
}
