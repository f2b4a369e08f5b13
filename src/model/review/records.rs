//! The pieces a review is made of and works with: what is recorded per
//! case, cases kept from an earlier sample, edit stamps, errors.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::model::change::Answer;
use crate::model::scale::LevelIdx;

/// Errors applying a change (a journal or session that does not fit).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// A grade names a level the scale does not have.
    #[error("unknown grade {0:?} for this scale")]
    UnknownLevel(String),
}

/// Everything recorded about one case besides its grade and flag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detail {
    /// Rationale note.
    pub note: String,
    /// Criterion id → answer (unanswered criteria are absent).
    pub criteria: BTreeMap<String, Answer>,
    /// Who last changed the case.
    pub by: Option<String>,
    /// When the case was last changed.
    pub at: Option<Timestamp>,
    /// Who gave the current grade.
    pub graded_by: Option<String>,
    /// When the current grade was given.
    pub graded_at: Option<Timestamp>,
}

/// A case the session knows but the current sample no longer holds.
/// Kept so that a changed sample never silently drops work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orphan {
    /// Grade, if any.
    pub grade: Option<LevelIdx>,
    /// Flag.
    pub flagged: bool,
    /// Note, criteria, stamp.
    pub detail: Detail,
}

/// Metadata passed with each edit.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// Who is editing.
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Where the cursor is after the edit (case id).
    pub cursor: Option<String>,
}
