//! Changes to a review and the audit trail that records them.
//!
//! Every edit a reviewer makes is a [`Change`]; applying it appends an
//! [`Entry`] to the history, which is both the audit trail and the journal
//! written to disk. Changes carry their old value so they can be inverted:
//! that is what undo does.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A reviewer's answer to one practice criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// The practice met the criterion.
    Met,
    /// The practice fell short of the criterion.
    NotMet,
    /// The criterion does not apply to this case.
    NotApplicable,
}

impl Answer {
    /// Every answer.
    pub const ALL: [Answer; 3] = [Answer::Met, Answer::NotMet, Answer::NotApplicable];

    /// The answer's name in files: `met`, `not_met` or `not_applicable`.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Met => "met",
            Answer::NotMet => "not_met",
            Answer::NotApplicable => "not_applicable",
        }
    }

    /// The answer named `name` (see [`Answer::name`]).
    pub fn from_name(name: &str) -> Option<Answer> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// One edit to one case. Level and criterion ids are stored as text so the
/// journal stays readable and survives reordering of the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// The grade went from `from` to `to` (level ids; `None` = ungraded).
    Grade {
        /// Case id.
        case: String,
        /// Previous level id.
        from: Option<String>,
        /// New level id.
        to: Option<String>,
    },
    /// The rationale note was rewritten.
    Note {
        /// Case id.
        case: String,
        /// Previous note.
        from: String,
        /// New note.
        to: String,
    },
    /// A criterion answer changed (`None` = unanswered).
    Criterion {
        /// Case id.
        case: String,
        /// Criterion id.
        criterion: String,
        /// Previous answer.
        from: Option<Answer>,
        /// New answer.
        to: Option<Answer>,
    },
    /// The case was flagged (`true`) or unflagged for discussion.
    Flag {
        /// Case id.
        case: String,
        /// New flag state.
        to: bool,
    },
}

impl Change {
    /// The id of the case this change touches.
    pub fn case(&self) -> &str {
        match self {
            Change::Grade { case, .. }
            | Change::Note { case, .. }
            | Change::Criterion { case, .. }
            | Change::Flag { case, .. } => case,
        }
    }

    /// The change that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Change {
        match self.clone() {
            Change::Grade { case, from, to } => Change::Grade {
                case,
                from: to,
                to: from,
            },
            Change::Note { case, from, to } => Change::Note {
                case,
                from: to,
                to: from,
            },
            Change::Criterion {
                case,
                criterion,
                from,
                to,
            } => Change::Criterion {
                case,
                criterion,
                from: to,
                to: from,
            },
            Change::Flag { case, to } => Change::Flag { case, to: !to },
        }
    }
}

/// Why a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// The reviewer made it.
    Edit,
    /// It undid the most recent edit not yet undone.
    Undo,
    /// It redid the most recently undone edit.
    Redo,
    /// It was made in another session and brought in when sessions were
    /// combined: part of the audit trail, attributed to its reviewer, never
    /// undone here.
    Imported,
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Sequence number, 1-based, strictly increasing within a session.
    pub seq: u64,
    /// When it happened.
    pub at: Timestamp,
    /// Who made it.
    pub by: String,
    /// Edit, undo or redo.
    pub origin: Origin,
    /// What changed (for undo and redo entries: the effect actually applied).
    pub change: Change,
    /// The case the reviewer was on after the change (for resuming after a crash).
    pub cursor: Option<String>,
}

impl Entry {
    /// Makes every text of an entry read from a file inert (see
    /// [`super::text`]), as sample text is: a journal is a file anyone can
    /// edit, and its names and notes reach the terminal and reports.
    pub fn sanitize(&mut self) {
        use super::text::{sanitize, sanitize_line};
        let line = |s: &mut String| *s = sanitize_line(s);
        line(&mut self.by);
        if let Some(c) = &mut self.cursor {
            line(c);
        }
        match &mut self.change {
            Change::Grade { case, from, to } => {
                line(case);
                for g in [from, to].into_iter().flatten() {
                    line(g);
                }
            }
            Change::Note { case, from, to } => {
                line(case);
                *from = sanitize(from);
                *to = sanitize(to);
            }
            Change::Criterion {
                case, criterion, ..
            } => {
                line(case);
                line(criterion);
            }
            Change::Flag { case, .. } => line(case),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_swaps_old_and_new() {
        let g = Change::Grade {
            case: "A".into(),
            from: None,
            to: Some("good".into()),
        };
        assert_eq!(
            g.inverse(),
            Change::Grade {
                case: "A".into(),
                from: Some("good".into()),
                to: None
            }
        );
        assert_eq!(g.inverse().inverse(), g);
        let f = Change::Flag {
            case: "B".into(),
            to: true,
        };
        assert_eq!(
            f.inverse(),
            Change::Flag {
                case: "B".into(),
                to: false
            }
        );
        assert_eq!(f.case(), "B");
    }

    #[test]
    fn entries_round_trip_through_ron() {
        let e = Entry {
            seq: 3,
            at: Timestamp::from_second(1_700_000_000).expect("valid"),
            by: "A. Reviewer".into(),
            origin: Origin::Undo,
            change: Change::Criterion {
                case: "CP-1".into(),
                criterion: "risk".into(),
                from: Some(Answer::Met),
                to: None,
            },
            cursor: Some("CP-2".into()),
        };
        let text = ron::to_string(&e).expect("serialise");
        assert!(!text.contains('\n'));
        let back: Entry = ron::from_str(&text).expect("parse");
        assert_eq!(back, e);
    }
}
