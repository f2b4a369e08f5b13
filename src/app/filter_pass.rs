//! A filter's pass over the cases, in steps of at most [`STEP`] places of
//! the list's order, so that a key never waits for a whole large sample:
//! the first step runs on the key that sets the filter, the rest while
//! the keyboard is idle ([`super::Action::Tick`]), as a search's do. The
//! list shows the cases found so far, in its order, and says it is still
//! counting.
//!
//! The list's order, place by place: the reviewer's sort; else the
//! moderation queue, then every other case in sample order; else sample
//! order. The rows found are the admitted cases of the places passed, in
//! that order, followed by any case listed ahead of the pass (the case
//! under the cursor, or one a change admitted): the pass takes those in
//! when it reaches them, and never lists a case twice.

use super::App;
use crate::model::case::CaseIdx;

/// Places checked per step: about 2 ms for a condition on the cases'
/// text, a third of that for one on their grades.
pub(in crate::app) const STEP: usize = 32_768;

/// The number of places in the list's order.
fn places(app: &App) -> usize {
    let cases = app.session.sample.len();
    match (&app.list.order, &app.session.team) {
        (None, Some(team)) => team.queue().len() + cases,
        _ => cases,
    }
}

/// The case at `place` of the list's order; `None` for a place in sample
/// order whose case the moderation queue already holds.
pub(in crate::app) fn at(app: &App, place: usize) -> Option<CaseIdx> {
    match (&app.list.order, &app.session.team) {
        (Some(order), _) => order.rows().get(place).copied(),
        (None, Some(team)) => match place.checked_sub(team.queue().len()) {
            None => team.queue().get(place).copied(),
            Some(i) => {
                let idx = CaseIdx::try_from(i).ok()?;
                team.rank(idx).is_none().then_some(idx)
            }
        },
        (None, None) => CaseIdx::try_from(place).ok(),
    }
}

/// The place of case `idx` in the list's order.
pub(in crate::app) fn place_of(app: &App, idx: CaseIdx) -> usize {
    match (&app.list.order, &app.session.team) {
        (Some(order), _) => order.rank(idx) as usize,
        (None, Some(team)) => team
            .rank(idx)
            .map_or(team.queue().len() + idx as usize, |r| r as usize),
        (None, None) => idx as usize,
    }
}

/// Whether the pass has checked case `idx` (or there is no pass).
pub(in crate::app) fn passed(app: &App, idx: CaseIdx) -> bool {
    app.list.pass.is_none_or(|next| place_of(app, idx) < next)
}

/// Starts the filter's pass over the list's order, with nothing found,
/// and takes its first step.
pub(in crate::app) fn start(app: &mut App) {
    app.list.rows = Some(Vec::new());
    app.list.pass = Some(0);
    step(app);
}

/// Checks up to [`STEP`] more places of the list's order, if the pass is
/// unfinished, adding the cases the filter admits to the list; the count
/// on the status line is made final when it is done.
pub(in crate::app) fn step(app: &mut App) {
    let Some(next) = app.list.pass else {
        return;
    };
    let end = next.saturating_add(STEP).min(places(app));
    let found: Vec<CaseIdx> = (next..end)
        .filter_map(|place| at(app, place))
        .filter(|&idx| app.list.filter.admits(app, idx))
        .collect();
    let mut rows = app.list.rows.take().unwrap_or_default();
    let first_ahead = rows.partition_point(|&i| place_of(app, i) < next);
    let ahead = rows.split_off(first_ahead);
    let (within, beyond): (Vec<CaseIdx>, Vec<CaseIdx>) =
        ahead.into_iter().partition(|&i| place_of(app, i) < end);
    // The cases listed ahead that this step reached go back among those
    // it found, in order; a case it found too is listed once.
    let mut within = within.into_iter().peekable();
    for idx in found {
        while let Some(a) = within.next_if(|&a| place_of(app, a) < place_of(app, idx)) {
            rows.push(a);
        }
        within.next_if_eq(&idx);
        rows.push(idx);
    }
    rows.extend(within);
    rows.extend(beyond);
    app.list.rows = Some(rows);
    app.list.pass = (end < places(app)).then_some(end);
    // The count on the status line, if it is this pass's, is final now.
    let counting = matches!(
        &app.status.notice,
        Some(super::Notice::Info(text)) if text.ends_with(super::filter::COUNTING)
    );
    if app.list.pass.is_none() && counting {
        app.status.notice = Some(super::Notice::Info(super::filter::showing(app)));
    }
}

/// The first case after the cursor's place, within a step's worth of
/// places, that the filter admits: where the cursor goes when a new
/// filter hides its case.
pub(in crate::app) fn first_admitted_after(app: &App, idx: CaseIdx) -> Option<CaseIdx> {
    let from = place_of(app, idx).saturating_add(1);
    let end = from.saturating_add(STEP).min(places(app));
    (from..end)
        .filter_map(|place| at(app, place))
        .find(|&i| app.list.filter.admits(app, i))
}
