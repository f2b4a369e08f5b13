//! Changes carried from one copy of a review to another: the first cases
//! graded while a big sample is read are graded on a copy of the review
//! that holds only those cases, and their changes join the real review
//! once it is open.

use super::Review;
use crate::model::case::Sample;
use crate::model::change::{Change, Entry};

impl Review {
    /// `change` as it applies to this review: its `from` is what this
    /// review holds for the case now, whatever the copy it was made on
    /// held (the journal's `from` must be true of the review it is in).
    pub fn rebased(&self, sample: &Sample, change: Change) -> Change {
        let place = sample.position(change.case());
        let orphan = self.orphans.get(change.case());
        let detail = match place {
            Some(idx) => self.details.get(&idx),
            None => orphan.map(|o| &o.detail),
        };
        match change {
            Change::Grade { case, to, .. } => {
                let grade = match place {
                    Some(idx) => self.grade(idx),
                    None => orphan.and_then(|o| o.grade),
                };
                Change::Grade {
                    case,
                    from: grade
                        .and_then(|g| self.scale.level(g))
                        .map(|l| l.id.clone()),
                    to,
                }
            }
            Change::Note { case, to, .. } => Change::Note {
                case,
                from: detail.map_or_else(String::new, |d| d.note.clone()),
                to,
            },
            Change::Criterion {
                case,
                criterion,
                to,
                ..
            } => Change::Criterion {
                from: detail.and_then(|d| d.criteria.get(&criterion).copied()),
                case,
                criterion,
                to,
            },
            flag @ Change::Flag { .. } => flag,
        }
    }

    /// Applies `entry`, made on another copy of this review, as the next
    /// entry of this one: renumbered, its `from` [`Review::rebased`], its
    /// origin kept (so an undo made there undoes the same edit here, which
    /// is the latest here too). Returns the entry to journal.
    pub fn carry(&mut self, sample: &Sample, entry: &Entry) -> Result<&Entry, super::ReviewError> {
        let carried = Entry {
            seq: self.next_seq(),
            change: self.rebased(sample, entry.change.clone()),
            ..entry.clone()
        };
        let idx = self.push_applied(sample, carried)?;
        Ok(&self.history[idx])
    }

    /// Forgets the history, keeping every case as it is: a copy of the
    /// review to grade further on, whose undo reaches only its own edits.
    pub fn forget_history(&mut self) {
        self.history.clear();
        self.undo.clear();
        self.redo.clear();
    }
}
