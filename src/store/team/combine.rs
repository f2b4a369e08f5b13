//! Combining the sessions of one sample into one session: every case's
//! work carried over, each case read by several sessions merged when its
//! readers agree and put in the moderation queue when they do not, and
//! every audit trail kept, each change attributed to its reviewer.
//!
//! The result depends only on the set of sessions, not on the order they
//! are named in, and combining the same sessions twice gives the same
//! session: parts are put in a canonical order (reviewer, then file) before
//! anything else, and the combined trail is ordered by time, reviewer and
//! sequence number.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::Timestamp;

use super::TeamError;
use crate::model::case::Sample;
use crate::model::change::{Entry, Origin};
use crate::model::scale::Scale;
use crate::model::team::{Reading, Source, TeamRecord, distance};
use crate::store::session::CaseState;

/// One session to combine: its file, reviewer, current case states (the
/// snapshot with its journal applied) and its whole audit trail.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its snapshot file.
    pub path: PathBuf,
    /// Its reviewer.
    pub reviewer: String,
    /// Content hash of the sample it grades.
    pub sample_hash: String,
    /// Its scale.
    pub scale: Scale,
    /// Every case with something recorded, as the session has it now.
    pub cases: Vec<CaseState>,
    /// Its audit trail.
    pub journal: Vec<Entry>,
}

/// The combined work, ready to be written as a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combined {
    /// Every case with something recorded, sample order first.
    pub cases: Vec<CaseState>,
    /// The readings of cases read more than once, and the queue.
    pub team: TeamRecord,
    /// Every part's audit trail, in time order, renumbered.
    pub journal: Vec<Entry>,
    /// The time of the latest change in any part (the combined session's
    /// own time, so that combining again gives the same file).
    pub latest: Timestamp,
}

/// Combines `parts`, which must grade `sample` on `scale`.
pub fn combine(mut parts: Vec<Part>, sample: &Sample) -> Result<Combined, TeamError> {
    check(&parts)?;
    parts.sort_by(|a, b| (&a.reviewer, &a.path).cmp(&(&b.reviewer, &b.path)));
    let scale = parts[0].scale.clone();
    let mut by_id: BTreeMap<&str, Vec<(usize, &CaseState)>> = BTreeMap::new();
    for (p, part) in parts.iter().enumerate() {
        for state in &part.cases {
            by_id.entry(state.id.as_str()).or_default().push((p, state));
        }
    }
    // Sample order first, then cases no longer in the sample by id.
    let mut ids: Vec<&str> = by_id.keys().copied().collect();
    // Each id looked up once, not at every comparison.
    ids.sort_by_cached_key(|id| (sample.position(id).unwrap_or(u32::MAX), *id));
    let mut cases = Vec::with_capacity(ids.len());
    let mut readings = Vec::new();
    let mut disputed = Vec::new();
    for id in ids {
        let states = &by_id[id];
        if let [(_, only)] = states.as_slice() {
            cases.push((*only).clone());
            continue;
        }
        readings.extend(states.iter().map(|(p, s)| reading(&parts[*p].reviewer, s)));
        let merged = merge(states, &parts);
        if merged.grade.is_none() && states.iter().any(|(_, s)| s.grade.is_some()) {
            let levels: Vec<_> = states
                .iter()
                .map(|(_, s)| s.grade.as_deref().and_then(|g| scale.position(g)))
                .collect();
            disputed.push((distance(&levels), sample.position(id), id.to_owned()));
        }
        cases.push(merged);
    }
    // Largest difference first, then sample order.
    disputed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let sources = parts
        .iter()
        .map(|p| Source {
            reviewer: p.reviewer.clone(),
            session: p.path.clone(),
            graded: p.cases.iter().filter(|c| c.grade.is_some()).count() as u64,
        })
        .collect();
    let journal = merged_trail(&parts);
    let latest = parts
        .iter()
        .flat_map(|p| {
            p.cases
                .iter()
                .filter_map(|c| c.at)
                .chain(p.journal.iter().map(|e| e.at))
        })
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    Ok(Combined {
        cases,
        team: TeamRecord {
            sources,
            readings,
            disputed: disputed.into_iter().map(|(_, _, id)| id).collect(),
        },
        journal,
        latest,
    })
}

/// The parts must be two or more different sessions of one sample on one
/// scale.
pub fn check(parts: &[Part]) -> Result<(), TeamError> {
    let Some(first) = parts.first() else {
        return Err(TeamError::TooFew);
    };
    if parts.len() < 2 {
        return Err(TeamError::TooFew);
    }
    let mut seen = BTreeSet::new();
    for part in parts {
        if !seen.insert(&part.path) {
            return Err(TeamError::Twice(part.path.clone()));
        }
        if part.sample_hash != first.sample_hash {
            return Err(TeamError::OtherSample {
                first: first.path.clone(),
                other: part.path.clone(),
            });
        }
        let ids = |s: &Scale| s.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
        if ids(&part.scale) != ids(&first.scale) {
            return Err(TeamError::OtherScale {
                first: first.path.clone(),
                first_scale: ids(&first.scale).join("/"),
                other: part.path.clone(),
                other_scale: ids(&part.scale).join("/"),
            });
        }
    }
    Ok(())
}

fn reading(by: &str, s: &CaseState) -> Reading {
    Reading {
        case: s.id.clone(),
        by: by.to_owned(),
        grade: s.grade.clone(),
        note: s.note.clone(),
        criteria: s.criteria.clone(),
        flagged: s.flagged,
    }
}

/// One case read by several sessions: the grade they agree on (none when
/// they differ), their notes (each with its reviewer's name when more than
/// one wrote), the criteria answers they agree on, flagged if any flagged.
fn merge(states: &[(usize, &CaseState)], parts: &[Part]) -> CaseState {
    let grades: BTreeSet<&str> = states
        .iter()
        .filter_map(|(_, s)| s.grade.as_deref())
        .collect();
    let agreed = (grades.len() == 1).then(|| grades.iter().next().map(|g| (*g).to_owned()));
    let grade = agreed.flatten();
    let notes: Vec<(usize, &str)> = states
        .iter()
        .filter(|(_, s)| !s.note.trim().is_empty())
        .map(|(p, s)| (*p, s.note.as_str()))
        .collect();
    let note = match notes.as_slice() {
        [] => String::new(),
        [(_, only)] => (*only).to_owned(),
        many => many
            .iter()
            .map(|(p, n)| format!("{}: {n}", parts[*p].reviewer))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    let mut criteria = BTreeMap::new();
    let mut conflicting = BTreeSet::new();
    for (_, s) in states {
        for (k, v) in &s.criteria {
            match criteria.get(k) {
                Some(existing) if existing != v => {
                    conflicting.insert(k.clone());
                }
                _ => {
                    criteria.insert(k.clone(), *v);
                }
            }
        }
    }
    for k in conflicting {
        criteria.remove(&k);
    }
    let latest = states
        .iter()
        .filter_map(|(p, s)| s.at.map(|at| (at, &parts[*p].reviewer, s)))
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let graders: Vec<&str> = states
        .iter()
        .filter(|(_, s)| s.grade.is_some())
        .map(|(p, _)| parts[*p].reviewer.as_str())
        .collect();
    let graded_at = states.iter().filter_map(|(_, s)| s.graded_at).max();
    CaseState {
        id: states[0].1.id.clone(),
        flagged: states.iter().any(|(_, s)| s.flagged),
        note,
        criteria,
        by: latest.and_then(|(_, _, s)| s.by.clone()),
        at: latest.map(|(at, _, _)| at),
        graded_by: grade.as_ref().map(|_| graders.join(" & ")),
        graded_at: grade.as_ref().and(graded_at),
        outside: states.iter().all(|(_, s)| s.outside),
        grade,
    }
}

/// Every part's trail, as imported changes in time order (then reviewer,
/// then the part's own order), numbered from 1.
fn merged_trail(parts: &[Part]) -> Vec<Entry> {
    let mut all: Vec<(&Entry, usize)> = parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| part.journal.iter().map(move |e| (e, p)))
        .collect();
    all.sort_by(|(a, pa), (b, pb)| (a.at, &a.by, pa, a.seq).cmp(&(b.at, &b.by, pb, b.seq)));
    all.into_iter()
        .enumerate()
        .map(|(i, (e, _))| Entry {
            seq: i as u64 + 1,
            origin: Origin::Imported,
            ..e.clone()
        })
        .collect()
}
