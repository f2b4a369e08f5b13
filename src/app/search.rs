//! Searching the cases: incremental, case-insensitive, over every field and
//! the notes.
//!
//! A search works through the sample in steps of at most [`STEP`] cases, so
//! a key press never waits for a whole large sample: the first step runs on
//! the key, the rest while the keyboard is idle ([`super::Action::Tick`]).
//! While the query only grows, only the previous matches are checked again.

use super::App;
use crate::model::case::CaseIdx;
use crate::model::find::contains_ignoring_case;

/// Cases checked per step (a few milliseconds).
pub const STEP: usize = 10_000;

/// A search: the query and the cases found to match so far, in sample order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// The query in lower case.
    needle: String,
    /// Matching cases found so far, ascending.
    pub matches: Vec<CaseIdx>,
    /// What is left to check.
    pending: Option<Pending>,
}

/// The part of a search still to do.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    /// Cases from `next` to the end of the sample.
    Scan {
        /// Next case to check.
        next: CaseIdx,
    },
    /// The previous search's matches, from position `next`.
    Narrow {
        /// Cases to check, ascending.
        candidates: Vec<CaseIdx>,
        /// Next position in `candidates`.
        next: usize,
    },
}

impl Search {
    /// A search for `query`, with no work done yet. When `query` extends a
    /// finished `previous` search, only its matches will be checked.
    pub fn new(query: &str, previous: Option<Search>) -> Self {
        let needle = query.to_lowercase();
        let pending = match previous {
            _ if needle.is_empty() => None,
            Some(p) if p.is_complete() && !p.needle.is_empty() && needle.starts_with(&p.needle) => {
                Some(Pending::Narrow {
                    candidates: p.matches,
                    next: 0,
                })
            }
            _ => Some(Pending::Scan { next: 0 }),
        };
        Self {
            query: query.to_owned(),
            needle,
            matches: Vec::new(),
            pending,
        }
    }

    /// Whether every case has been checked.
    pub fn is_complete(&self) -> bool {
        self.pending.is_none()
    }

    /// Whether case `idx` matches (among those checked so far).
    pub fn matches(&self, idx: CaseIdx) -> bool {
        self.matches.binary_search(&idx).is_ok()
    }

    /// Checks up to `budget` more cases of `app`'s sample.
    pub fn advance(&mut self, app: &App, budget: usize) {
        let needle = self.needle.as_str();
        match self.pending.take() {
            None => {}
            Some(Pending::Scan { next }) => {
                let end = (next as usize)
                    .saturating_add(budget)
                    .min(app.session.sample.len());
                let end = CaseIdx::try_from(end).unwrap_or(CaseIdx::MAX);
                self.matches
                    .extend((next..end).filter(|&i| case_matches(app, i, needle)));
                if (end as usize) < app.session.sample.len() {
                    self.pending = Some(Pending::Scan { next: end });
                }
            }
            Some(Pending::Narrow { candidates, next }) => {
                let end = next.saturating_add(budget).min(candidates.len());
                let found = candidates[next..end]
                    .iter()
                    .copied()
                    .filter(|&i| case_matches(app, i, needle));
                self.matches.extend(found);
                if end < candidates.len() {
                    self.pending = Some(Pending::Narrow {
                        candidates,
                        next: end,
                    });
                }
            }
        }
    }
}

/// Continues the app's search by one step, if it is unfinished; a list
/// filtered on the search takes the matches found.
pub fn step(app: &mut App) {
    let Some(mut search) = app.list.search.take() else {
        return;
    };
    if search.is_complete() {
        app.list.search = Some(search);
        return;
    }
    let found = search.matches.len();
    search.advance(app, STEP);
    let (grew, done) = (search.matches.len() > found, search.is_complete());
    app.list.search = Some(search);
    if grew || done {
        super::filter::search_grew(app, found);
    }
}

/// Moves the cursor to the first match at or after `origin` (where the
/// search began), or back to `origin` when there is none. While the search
/// is unfinished it does not wrap round, so that a match found later after
/// `origin` is not skipped.
pub fn follow(app: &mut App, origin: CaseIdx) {
    let complete = app.list.search.as_ref().is_none_or(Search::is_complete);
    let target = first_match_from(app, origin)
        .filter(|&i| app.row_key(i) >= app.row_key(origin) || complete);
    super::cursor::set_cursor(app, target.unwrap_or(origin));
}

/// Whether any text of case `idx` (id, title, category, narrative, extra
/// fields, note) contains `needle` (already lower-case), ignoring case.
fn case_matches(app: &App, idx: CaseIdx, needle: &str) -> bool {
    let Some(case) = app.session.sample.get(idx) else {
        return false;
    };
    let fields = [Some(case.id), case.title, case.category, case.summary];
    fields
        .into_iter()
        .flatten()
        .any(|f| contains_ignoring_case(f, needle))
        || app
            .session
            .sample
            .extra_fields(case)
            .any(|(_, v)| contains_ignoring_case(v, needle))
        || contains_ignoring_case(app.session.review.note(idx), needle)
}

/// The next (or previous) match after the cursor among listed cases,
/// wrapping. Binary search finds where the cursor falls among the matches.
pub fn step_match(app: &App, forward: bool) -> Option<CaseIdx> {
    let search = app.list.search.as_ref()?;
    if app.ordered() {
        return super::order::next_listed(app, app.list.cursor, forward, true, |i| {
            search.matches(i)
        });
    }
    let matches = &search.matches;
    let listed = |i: &&CaseIdx| app.in_view(**i);
    let split = matches.partition_point(|&m| m <= app.list.cursor);
    if forward {
        matches[split..]
            .iter()
            .chain(&matches[..split])
            .find(listed)
            .copied()
    } else {
        let before = matches.partition_point(|&m| m < app.list.cursor);
        matches[..before]
            .iter()
            .rev()
            .chain(matches[before..].iter().rev())
            .find(listed)
            .copied()
    }
}

/// The first listed match at or after `from`, wrapping.
pub fn first_match_from(app: &App, from: CaseIdx) -> Option<CaseIdx> {
    let search = app.list.search.as_ref()?;
    if app.ordered() {
        let here = (app.in_view(from) && search.matches(from)).then_some(from);
        return here
            .or_else(|| super::order::next_listed(app, from, true, false, |i| search.matches(i)));
    }
    let matches = &search.matches;
    let listed = |i: &&CaseIdx| app.in_view(**i);
    let split = matches.partition_point(|&m| m < from);
    matches[split..]
        .iter()
        .chain(&matches[..split])
        .find(listed)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::app::testing::{app_on, sample};

    #[test]
    fn a_search_in_steps_finds_what_one_pass_finds() {
        let app = app_on(sample(100));
        let mut whole = Search::new("case 1", None);
        whole.advance(&app, usize::MAX);
        assert!(whole.is_complete());
        // "case 1", "case 10".."case 19", "case 100", in titles and narratives.
        assert_eq!(whole.matches.len(), 12);
        let mut stepped = Search::new("CASE 1", None);
        let mut steps = 0;
        while !stepped.is_complete() {
            stepped.advance(&app, 7);
            steps += 1;
        }
        assert_eq!(steps, 15, "100 cases, 7 at a time");
        assert_eq!(stepped.matches, whole.matches);
    }

    #[test]
    fn a_growing_query_narrows_the_previous_matches() {
        let app = app_on(sample(100));
        let mut first = Search::new("case 1", None);
        first.advance(&app, usize::MAX);
        let mut narrower = Search::new("case 10", Some(first.clone()));
        narrower.advance(&app, 5);
        assert!(!narrower.is_complete(), "12 candidates, 5 at a time");
        narrower.advance(&app, 5);
        narrower.advance(&app, 5);
        assert!(narrower.is_complete());
        assert_eq!(narrower.matches, vec![9, 99]);
        // An unfinished previous search cannot be narrowed: start over.
        let mut partial = Search::new("case", None);
        partial.advance(&app, 10);
        let mut next = Search::new("case 5", Some(partial));
        next.advance(&app, usize::MAX);
        let mut expected = vec![4];
        expected.extend(49..59);
        assert_eq!(next.matches, expected, "case 5 and 50-59");
        // A shorter query starts over too.
        let mut shorter = Search::new("case", Some(first));
        shorter.advance(&app, usize::MAX);
        assert_eq!(shorter.matches.len(), 100);
    }
}
