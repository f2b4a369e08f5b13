//! The state of one reviewer's work on one sample: grades, notes, criteria
//! answers and flags per case, the audit trail, and undo/redo.
//!
//! All mutation goes through [`Review::apply_entry`], so the per-level counts
//! (kept for instant tallies on large samples) can never drift from the grades.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use super::case::{CaseIdx, Sample};
use super::change::{Change, Entry, Origin};
use super::scale::{LevelIdx, Scale};

/// One reviewer's work on one sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    scale: Scale,
    grades: Vec<Option<LevelIdx>>,
    counts: Vec<u64>,
    flags: Vec<bool>,
    details: HashMap<CaseIdx, Detail>,
    orphans: BTreeMap<String, Orphan>,
    history: Vec<Entry>,
    undo: Vec<usize>,
    redo: Vec<usize>,
    /// Sequence numbers already used by entries not in `history` (a
    /// snapshot whose journal is missing): new entries continue after it.
    seq_floor: u64,
}

impl Review {
    /// An empty review of `case_count` cases.
    pub fn new(scale: Scale, case_count: usize) -> Self {
        let levels = scale.len();
        Self {
            scale,
            grades: vec![None; case_count],
            counts: vec![0; levels],
            flags: vec![false; case_count],
            details: HashMap::new(),
            orphans: BTreeMap::new(),
            history: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            seq_floor: 0,
        }
    }

    /// The scale in use.
    pub fn scale(&self) -> &Scale {
        &self.scale
    }

    /// Number of cases in the sample.
    pub fn len(&self) -> usize {
        self.grades.len()
    }

    /// True for an empty sample.
    pub fn is_empty(&self) -> bool {
        self.grades.is_empty()
    }

    /// The grade of a case.
    pub fn grade(&self, idx: CaseIdx) -> Option<LevelIdx> {
        self.grades.get(idx as usize).copied().flatten()
    }

    /// Whether a case is flagged for discussion.
    pub fn flagged(&self, idx: CaseIdx) -> bool {
        self.flags.get(idx as usize).copied().unwrap_or(false)
    }

    /// Note, criteria and stamp of a case, if anything was recorded.
    pub fn detail(&self, idx: CaseIdx) -> Option<&Detail> {
        self.details.get(&idx)
    }

    /// The note of a case ("" when none).
    pub fn note(&self, idx: CaseIdx) -> &str {
        self.details.get(&idx).map_or("", |d| d.note.as_str())
    }

    /// Cases per level, in scale order (graded cases only).
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Number of graded cases.
    pub fn graded(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Cases kept from an earlier version of the sample.
    pub fn orphans(&self) -> &BTreeMap<String, Orphan> {
        &self.orphans
    }

    /// The audit trail, oldest first.
    pub fn history(&self) -> &[Entry] {
        &self.history
    }

    /// Sequence number the next entry will get.
    pub fn next_seq(&self) -> u64 {
        self.history.last().map_or(0, |e| e.seq).max(self.seq_floor) + 1
    }

    /// Makes new entries number from after `seq`, which earlier entries
    /// (included in a snapshot) already used.
    pub fn continue_after(&mut self, seq: u64) {
        self.seq_floor = self.seq_floor.max(seq);
    }

    /// The change [`Review::undo`] would revert, if any.
    pub fn next_undo(&self) -> Option<&Change> {
        self.undo.last().map(|&i| &self.history[i].change)
    }

    /// The change [`Review::redo`] would reapply (as the inverse of the undo
    /// entry it reverts), if any.
    pub fn next_redo(&self) -> Option<&Change> {
        self.redo.last().map(|&i| &self.history[i].change)
    }

    /// True when there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The first ungraded case after `from` (wrapping round), or `None` when
    /// every case is graded. Scans the dense grade array: a few hundred
    /// microseconds at a million cases in the worst case.
    pub fn next_ungraded(&self, from: CaseIdx) -> Option<CaseIdx> {
        let start = from as usize + 1;
        let after = self.grades.get(start..).unwrap_or(&[]);
        let before = &self.grades[..start.min(self.grades.len())];
        after
            .iter()
            .position(Option::is_none)
            .map(|i| start + i)
            .or_else(|| before.iter().position(Option::is_none))
            .and_then(|i| CaseIdx::try_from(i).ok())
    }

    /// Records a reviewer's edit: applies it, appends it to the history and
    /// makes it the next thing to undo. Returns the entry to journal.
    pub fn edit(
        &mut self,
        sample: &Sample,
        change: Change,
        stamp: Stamp,
    ) -> Result<&Entry, ReviewError> {
        self.push(sample, Origin::Edit, change, stamp)
    }

    /// Undoes the most recent edit not yet undone.
    pub fn undo(&mut self, sample: &Sample, stamp: Stamp) -> Result<Option<&Entry>, ReviewError> {
        let Some(&idx) = self.undo.last() else {
            return Ok(None);
        };
        let change = self.history[idx].change.inverse();
        self.push(sample, Origin::Undo, change, stamp).map(Some)
    }

    /// Redoes the most recently undone edit.
    pub fn redo(&mut self, sample: &Sample, stamp: Stamp) -> Result<Option<&Entry>, ReviewError> {
        let Some(&idx) = self.redo.last() else {
            return Ok(None);
        };
        let change = self.history[idx].change.inverse();
        self.push(sample, Origin::Redo, change, stamp).map(Some)
    }

    fn push(
        &mut self,
        sample: &Sample,
        origin: Origin,
        change: Change,
        stamp: Stamp,
    ) -> Result<&Entry, ReviewError> {
        let entry = Entry {
            seq: self.next_seq(),
            at: stamp.at,
            by: stamp.by,
            origin,
            change,
            cursor: stamp.cursor,
        };
        let idx = self.push_applied(sample, entry)?;
        Ok(&self.history[idx])
    }

    /// Applies an entry (new, or replayed from a journal) and appends it to
    /// the history. Undo and redo stacks follow the entry's origin, so
    /// replaying a history rebuilds them exactly.
    pub fn apply_entry(&mut self, sample: &Sample, entry: Entry) -> Result<(), ReviewError> {
        self.push_applied(sample, entry).map(drop)
    }

    /// [`Review::apply_entry`] with the place of the entry's case in the
    /// sample already found (`None`: not in it): replaying a journal finds
    /// its cases' places all at once, see [`Sample::positions`].
    pub fn apply_entry_at(
        &mut self,
        place: Option<CaseIdx>,
        entry: Entry,
    ) -> Result<(), ReviewError> {
        self.push_applied_at(place, entry).map(drop)
    }

    /// Applies `entry` and appends it to the history; returns its index.
    fn push_applied(&mut self, sample: &Sample, entry: Entry) -> Result<usize, ReviewError> {
        self.push_applied_at(sample.position(entry.change.case()), entry)
    }

    /// [`Review::push_applied`] to the case at `place`.
    fn push_applied_at(
        &mut self,
        place: Option<CaseIdx>,
        entry: Entry,
    ) -> Result<usize, ReviewError> {
        self.apply_change(place, &entry.change, Some((&entry.by, entry.at)))?;
        self.history.push(entry);
        let idx = self.history.len() - 1;
        self.track(idx);
        Ok(idx)
    }

    /// Maintains the undo and redo stacks for the history entry at `idx`.
    /// Undo entries point the redo stack at themselves: redoing inverts the
    /// inversion.
    fn track(&mut self, idx: usize) {
        match self.history[idx].origin {
            Origin::Edit => {
                self.undo.push(idx);
                self.redo.clear();
            }
            Origin::Undo => {
                self.undo.pop();
                self.redo.push(idx);
            }
            Origin::Redo => {
                self.redo.pop();
                self.undo.push(idx);
            }
            // Another session's history: undo reaches back only to this
            // session's own first edit.
            Origin::Imported => {}
        }
    }

    fn apply_change(
        &mut self,
        place: Option<CaseIdx>,
        change: &Change,
        stamp: Option<(&str, Timestamp)>,
    ) -> Result<(), ReviewError> {
        let grade = match change {
            Change::Grade { to: Some(id), .. } => Some(Some(
                self.scale
                    .position(id)
                    .ok_or_else(|| ReviewError::UnknownLevel(id.clone()))?,
            )),
            Change::Grade { to: None, .. } => Some(None),
            _ => None,
        };
        let (grade_slot, flag_slot, detail) = if let Some(idx) = place {
            if let Some(g) = grade {
                self.set_grade(idx, g);
            }
            let i = idx as usize;
            (
                None,
                Some(&mut self.flags[i]),
                self.details.entry(idx).or_default(),
            )
        } else {
            let orphan = self.orphans.entry(change.case().to_owned()).or_default();
            (
                Some(&mut orphan.grade),
                Some(&mut orphan.flagged),
                &mut orphan.detail,
            )
        };
        match change {
            Change::Grade { .. } => {
                if let (Some(slot), Some(g)) = (grade_slot, grade) {
                    *slot = g;
                }
            }
            Change::Note { to, .. } => detail.note.clone_from(to),
            Change::Criterion { criterion, to, .. } => match to {
                Some(answer) => {
                    detail.criteria.insert(criterion.clone(), *answer);
                }
                None => {
                    detail.criteria.remove(criterion);
                }
            },
            Change::Flag { to, .. } => {
                if let Some(slot) = flag_slot {
                    *slot = *to;
                }
            }
        }
        if let Some((by, at)) = stamp {
            detail.by = Some(by.to_owned());
            detail.at = Some(at);
            if let Some(g) = grade {
                detail.graded_by = g.map(|_| by.to_owned());
                detail.graded_at = g.map(|_| at);
            }
        }
        Ok(())
    }

    /// The only place a present case's grade changes, keeping counts exact.
    fn set_grade(&mut self, idx: CaseIdx, grade: Option<LevelIdx>) {
        let slot = &mut self.grades[idx as usize];
        if let Some(old) = *slot {
            self.counts[usize::from(old)] -= 1;
        }
        if let Some(new) = grade {
            self.counts[usize::from(new)] += 1;
        }
        *slot = grade;
    }
}

mod carry;
mod records;
mod restore;
#[cfg(test)]
mod tests;

pub use records::{Detail, Orphan, ReviewError, Stamp};
