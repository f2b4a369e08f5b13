//! Team review: what a combined or moderated session carries besides its
//! own grades. Each reading of a case by another session (its reviewer,
//! grade, note, criteria answers), the sessions it was combined from, and
//! the queue of cases whose readers disagreed, largest disagreement first,
//! which a moderator settles by grading them with a reason.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::case::{CaseIdx, Sample};
use super::change::Answer;
use super::scale::{LevelIdx, Scale};

/// One session a team session was combined from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Its reviewer.
    pub reviewer: String,
    /// Its snapshot file, when combined.
    pub session: PathBuf,
    /// Cases it had graded.
    pub graded: u64,
}

/// One reviewer's reading of one case, as their session had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Case id.
    pub case: String,
    /// The reviewer.
    pub by: String,
    /// Their grade (level id), if they gave one.
    #[serde(default)]
    pub grade: Option<String>,
    /// Their note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Their criteria answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub criteria: BTreeMap<String, Answer>,
    /// Whether they flagged it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
}

/// What a combined or moderated session records of its team, in its
/// snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TeamRecord {
    /// The sessions combined, in a canonical order (by reviewer, then file).
    pub sources: Vec<Source>,
    /// Every reading of a case read by more than one session, in sample
    /// order and then reviewer order.
    pub readings: Vec<Reading>,
    /// Cases whose readers gave different grades, largest difference
    /// first (then sample order): the moderation queue.
    pub disputed: Vec<String>,
}

impl TeamRecord {
    /// Makes every text read from a file inert (see [`super::text`]).
    pub fn sanitize(&mut self) {
        use super::text::{sanitize, sanitize_line};
        for s in &mut self.sources {
            s.reviewer = sanitize_line(&s.reviewer);
        }
        for r in &mut self.readings {
            r.case = sanitize_line(&r.case);
            r.by = sanitize_line(&r.by);
            if let Some(g) = &mut r.grade {
                *g = sanitize_line(g);
            }
            r.note = sanitize(&r.note);
            if r.criteria.keys().any(|k| sanitize_line(k) != *k) {
                r.criteria = std::mem::take(&mut r.criteria)
                    .into_iter()
                    .map(|(k, v)| (sanitize_line(&k), v))
                    .collect();
            }
        }
        for d in &mut self.disputed {
            *d = sanitize_line(d);
        }
    }
}

/// A team record looked up by case: the readings of each case and the
/// moderation queue, as positions in the sample.
#[derive(Debug, Clone, Default)]
pub struct Team {
    record: TeamRecord,
    by_case: HashMap<CaseIdx, Vec<usize>>,
    queue: Vec<CaseIdx>,
    rank: HashMap<CaseIdx, u32>,
}

impl Team {
    /// Indexes `record` over `sample`; readings and queue entries of cases
    /// no longer in the sample stay in the record but are not shown.
    pub fn new(record: TeamRecord, sample: &Sample) -> Self {
        let mut by_case: HashMap<CaseIdx, Vec<usize>> = HashMap::new();
        for (i, r) in record.readings.iter().enumerate() {
            if let Some(idx) = sample.position(&r.case) {
                by_case.entry(idx).or_default().push(i);
            }
        }
        let queue: Vec<CaseIdx> = record
            .disputed
            .iter()
            .filter_map(|id| sample.position(id))
            .collect();
        let rank = queue
            .iter()
            .enumerate()
            .map(|(i, &idx)| (idx, i as u32))
            .collect();
        Self {
            record,
            by_case,
            queue,
            rank,
        }
    }

    /// The record, as saved in the snapshot.
    pub fn record(&self) -> &TeamRecord {
        &self.record
    }

    /// The readings of case `idx` (empty when only one session read it).
    pub fn readings(&self, idx: CaseIdx) -> impl Iterator<Item = &Reading> {
        self.by_case
            .get(&idx)
            .into_iter()
            .flatten()
            .map(|&i| &self.record.readings[i])
    }

    /// The moderation queue: disputed cases, largest difference first.
    pub fn queue(&self) -> &[CaseIdx] {
        &self.queue
    }

    /// The place of case `idx` in the queue, if it is disputed.
    pub fn rank(&self, idx: CaseIdx) -> Option<u32> {
        self.rank.get(&idx).copied()
    }

    /// The levels the readers of case `idx` gave, in reading order.
    pub fn grades(&self, idx: CaseIdx, scale: &Scale) -> Vec<Option<LevelIdx>> {
        self.readings(idx)
            .map(|r| r.grade.as_deref().and_then(|g| scale.position(g)))
            .collect()
    }
}

/// How far apart the grades of a case are: the largest difference in
/// levels between two readers (0 when they agree or fewer than two graded).
pub fn distance(grades: &[Option<LevelIdx>]) -> u8 {
    let given = grades.iter().flatten();
    match (given.clone().min(), given.max()) {
        (Some(lo), Some(hi)) => hi - lo,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_the_widest_gap_between_given_grades() {
        assert_eq!(distance(&[]), 0);
        assert_eq!(distance(&[Some(1)]), 0);
        assert_eq!(distance(&[Some(1), None]), 0);
        assert_eq!(distance(&[Some(0), Some(2)]), 2);
        assert_eq!(distance(&[Some(2), Some(1), Some(3), None]), 2);
    }
}
