//! The review screen on a combined or moderated session: the moderation
//! queue orders the list (largest disagreement first), opens it on the
//! first disagreement not yet settled, and counts what is settled.

use super::{App, Condition, Filter, filter};
use crate::model::case::CaseIdx;
use crate::model::team::Team;

impl App {
    /// The app on a combined or moderated session: the list shows the
    /// moderation queue first and opens on the first disagreement not yet
    /// settled, showing only those while any remain.
    #[must_use]
    pub fn with_team(mut self, team: Option<Team>) -> Self {
        self.session.team = team.map(std::sync::Arc::new);
        if let Some((done, all)) = self.settled()
            && done < all
        {
            filter::set_filter(&mut self, Filter::only(Condition::Unsettled));
            if let Some(first) = self.list_case(0) {
                let from = std::mem::replace(&mut self.list.cursor, first);
                // Kept listed while the filter's pass went on, if it was.
                filter::leave_case(&mut self, from);
            }
        } else if self.queued() {
            filter::set_filter(&mut self, Filter::default());
        }
        self
    }

    /// Where case `idx` is (`Ok`) or would go (`Err`) among the listed
    /// rows; `None` when the list shows every case in sample order.
    pub(in crate::app) fn row_position(&self, idx: CaseIdx) -> Option<Result<usize, usize>> {
        let key = self.row_key(idx);
        self.list
            .rows
            .as_ref()
            .map(|v| v.binary_search_by_key(&key, |&i| self.row_key(i)))
    }

    /// The order of the list: the reviewer's sort, else the moderation
    /// queue first (largest disagreement first), then sample order.
    pub(in crate::app) fn row_key(&self, idx: CaseIdx) -> (u32, CaseIdx) {
        match &self.list.order {
            Some(order) => (order.rank(idx), idx),
            None => (self.rank(idx).unwrap_or(u32::MAX), idx),
        }
    }

    /// The place of case `idx` in the moderation queue, if it is there.
    pub fn rank(&self, idx: CaseIdx) -> Option<u32> {
        self.session.team.as_ref().and_then(|t| t.rank(idx))
    }

    /// Whether the list is in queue order (a session with disagreements).
    pub(in crate::app) fn queued(&self) -> bool {
        self.session
            .team
            .as_ref()
            .is_some_and(|t| !t.queue().is_empty())
    }

    /// The next disagreement after case `from` in queue order (wrapping)
    /// that is not settled yet.
    pub(in crate::app) fn next_unsettled(&self, from: CaseIdx) -> Option<CaseIdx> {
        let queue = self.session.team.as_ref()?.queue();
        let start = self.rank(from).map_or(0, |r| r as usize + 1);
        (0..queue.len())
            .map(|k| queue[(start + k) % queue.len()])
            .find(|&i| self.session.review.grade(i).is_none())
    }

    /// The team record of a combined or moderated session.
    pub fn team(&self) -> Option<&Team> {
        self.session.team.as_deref()
    }

    /// The readings, to read in another thread (an export being written).
    pub fn shared_team(&self) -> Option<std::sync::Arc<Team>> {
        self.session.team.clone()
    }

    /// Moderation progress: disagreements settled (graded) and in all.
    pub fn settled(&self) -> Option<(usize, usize)> {
        let queue = self.session.team.as_ref()?.queue();
        (!queue.is_empty()).then(|| {
            let done = queue
                .iter()
                .filter(|&&i| self.session.review.grade(i).is_some())
                .count();
            (done, queue.len())
        })
    }
}
