//! A review built back from a saved session: case states set as the
//! snapshot holds them, and history entries whose effects they already
//! include.

use super::{Detail, Orphan, Review};
use crate::model::case::CaseIdx;
use crate::model::change::Entry;
use crate::model::scale::LevelIdx;

impl Review {
    /// Puts `earlier` entries (older than everything in the history, their
    /// effects already in the case states) in front of the history, and
    /// rebuilds undo and redo as if the whole history had been there from
    /// the start.
    pub fn adopt_earlier_history(&mut self, mut earlier: Vec<Entry>) {
        earlier.append(&mut self.history);
        self.history = earlier;
        self.undo.clear();
        self.redo.clear();
        for i in 0..self.history.len() {
            self.track(i);
        }
    }

    /// Appends an entry to the history without applying it: used when the
    /// case states come from a snapshot that already includes its effect.
    pub fn restore_entry(&mut self, entry: Entry) {
        self.history.push(entry);
        self.track(self.history.len() - 1);
    }

    /// Makes room for the details of `cases` more cases (a snapshot's, to
    /// be restored), so that the table does not grow, and copy itself,
    /// step by step as they come.
    pub fn reserve_details(&mut self, cases: usize) {
        self.details.reserve(cases);
    }

    /// Makes room for `entries` more history entries (a journal's, to be
    /// replayed), so that the history is not copied as it grows.
    pub fn reserve_history(&mut self, entries: usize) {
        self.history.reserve(entries);
    }

    /// Sets the state of case `id` directly (loading a snapshot), the case
    /// at `place` of the sample; a case not in it (`None`) becomes an
    /// orphan.
    pub fn restore_case(
        &mut self,
        place: Option<CaseIdx>,
        id: &str,
        grade: Option<LevelIdx>,
        flagged: bool,
        detail: Detail,
    ) {
        match place {
            Some(idx) => {
                self.set_grade(idx, grade);
                self.flags[idx as usize] = flagged;
                if detail == Detail::default() {
                    self.details.remove(&idx);
                } else {
                    self.details.insert(idx, detail);
                }
            }
            None => {
                self.orphans.insert(
                    id.to_owned(),
                    Orphan {
                        grade,
                        flagged,
                        detail,
                    },
                );
            }
        }
    }
}
