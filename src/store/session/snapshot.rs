//! The session snapshot format (version 1, RON) and its conversion to and
//! from the in-memory [`Review`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::case::Sample;
use crate::model::change::Answer;
use crate::model::review::{Detail, Review, ReviewError};
use crate::model::scale::Scale;
use crate::model::team::TeamRecord;
use crate::store::sample::ReadOptions;

/// The session format version this build writes; it reads this one and
/// every earlier one. Version 2 holds the cases as a table (see
/// `table.rs`); version 1 as a list of RON structures.
pub const VERSION: u32 = 2;

/// Identity of the sample a session grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleInfo {
    /// Display name.
    pub name: String,
    /// File it was read from; `None` for the bundled demo.
    pub path: Option<PathBuf>,
    /// Content hash when the session was last saved.
    pub hash: String,
    /// Number of cases then.
    pub cases: u64,
    /// How the sample file is read (column mapping, encoding, separator,
    /// sheet), so that it is read the same way again.
    #[serde(default, skip_serializing_if = "ReadOptions::is_empty")]
    pub read: ReadOptions,
}

/// What the session records about one case (only cases with something recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseState {
    /// Case id.
    pub id: String,
    /// Level id, if graded.
    #[serde(default)]
    pub grade: Option<String>,
    /// Flagged for discussion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// Rationale note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Criterion answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub criteria: BTreeMap<String, Answer>,
    /// Who last changed the case.
    #[serde(default)]
    pub by: Option<String>,
    /// When the case was last changed.
    #[serde(default)]
    pub at: Option<Timestamp>,
    /// Who gave the current grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graded_by: Option<String>,
    /// When the current grade was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graded_at: Option<Timestamp>,
    /// The case is no longer in the sample; its work is kept, not counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside: bool,
}

impl CaseState {
    /// Makes every text of a case read from disk inert, as sample text is.
    pub fn sanitize(&mut self) {
        use crate::model::text::{sanitize, sanitize_line};
        self.id = sanitize_line(&self.id);
        for text in [&mut self.grade, &mut self.by, &mut self.graded_by]
            .into_iter()
            .flatten()
        {
            *text = sanitize_line(text);
        }
        self.note = sanitize(&self.note);
        if self.criteria.keys().any(|k| sanitize_line(k) != *k) {
            self.criteria = std::mem::take(&mut self.criteria)
                .into_iter()
                .map(|(k, v)| (sanitize_line(&k), v))
                .collect();
        }
    }
}

/// The settings a review runs with, as recorded in its session, so that a
/// later change of config or sample settings is noticed on resume rather
/// than changing a review in progress unseen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettingsRecord {
    /// The reference breakdown compared against, as "label: 23/23/28".
    pub reference: Option<String>,
    /// Ids of the practice criteria, in order.
    pub criteria: Vec<String>,
    /// Level ids whose grade needs a note.
    pub require_note_for: Vec<String>,
}

impl SettingsRecord {
    /// What differs between `self` (recorded) and `now`, in words; empty
    /// when nothing does.
    pub fn changes(&self, now: &SettingsRecord) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.reference != now.reference {
            out.push("the reference breakdown");
        }
        if self.criteria != now.criteria {
            out.push("the practice criteria");
        }
        if self.require_note_for != now.require_note_for {
            out.push("the grades that need a note");
        }
        out
    }
}

/// How much of the journal a snapshot already includes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalMark {
    /// Length of the journal, in bytes, when the snapshot was written.
    pub bytes: u64,
    /// Sequence number of the last entry the snapshot includes.
    pub seq: u64,
}

/// A whole session snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    /// Format version, always [`VERSION`].
    pub version: u32,
    /// The sample graded.
    pub sample: SampleInfo,
    /// The scale in use.
    pub scale: Scale,
    /// The reviewer who last worked on it.
    pub reviewer: String,
    /// When the session began.
    pub created: Timestamp,
    /// When it was last saved.
    pub updated: Timestamp,
    /// The case the reviewer was on.
    pub cursor: Option<String>,
    /// Per-case work, in sample order (then cases no longer in the sample).
    #[serde(with = "super::table::serde_table")]
    pub cases: Vec<CaseState>,
    /// The journal (the audit trail, one entry per change) up to this mark
    /// is included above; later entries are replayed on opening.
    #[serde(default)]
    pub journal: JournalMark,
    /// The settings the review runs with (absent in older sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsRecord>,
    /// What a combined or moderated session carries of its team: the
    /// readings of each case read twice and the moderation queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamRecord>,
}

/// Only the version, read first so that a future format gets a clear message.
#[derive(Deserialize)]
pub(super) struct VersionProbe {
    pub version: u32,
}

impl SessionFile {
    /// Makes every text of a snapshot read from disk inert, as sample text
    /// is: names, labels, ids and notes reach the terminal and reports.
    pub fn sanitize(&mut self) {
        use crate::model::text::sanitize_line;
        let line = |s: &mut String| *s = sanitize_line(s);
        line(&mut self.reviewer);
        line(&mut self.sample.name);
        if let Some(team) = &mut self.team {
            team.sanitize();
        }
        self.scale.sanitize();
        if let Some(c) = &mut self.cursor {
            line(c);
        }
        for case in &mut self.cases {
            case.sanitize();
        }
    }

    /// Sequence number of the last entry the snapshot includes.
    pub fn last_seq(&self) -> u64 {
        self.journal.seq
    }

    /// Captures a review as a snapshot that includes the journal up to `journal`.
    pub fn capture(
        sample: &Sample,
        review: &Review,
        meta: Meta,
        cursor: Option<String>,
        journal: JournalMark,
    ) -> Self {
        let scale = review.scale();
        let level_id = |g: Option<u8>| g.and_then(|g| scale.level(g)).map(|l| l.id.clone());
        let mut cases = Vec::new();
        for (idx, case) in sample.cases().enumerate() {
            let idx = idx as u32;
            let grade = review.grade(idx);
            let flagged = review.flagged(idx);
            let detail = review.detail(idx);
            if grade.is_none() && !flagged && detail.is_none() {
                continue;
            }
            cases.push(state(
                case.id.to_string(),
                level_id(grade),
                flagged,
                detail.cloned().unwrap_or_default(),
            ));
        }
        for (id, orphan) in review.orphans() {
            let mut kept = state(
                id.clone(),
                level_id(orphan.grade),
                orphan.flagged,
                orphan.detail.clone(),
            );
            kept.outside = true;
            cases.push(kept);
        }
        SessionFile {
            version: VERSION,
            sample: SampleInfo {
                name: sample.name.clone(),
                path: sample.source.path.clone(),
                hash: sample.source.hash.clone(),
                cases: sample.len() as u64,
                read: meta.read,
            },
            scale: scale.clone(),
            reviewer: meta.reviewer,
            created: meta.created,
            updated: meta.updated,
            cursor,
            cases,
            journal,
            settings: Some(meta.settings),
            team: meta.team,
        }
    }

    /// Rebuilds the case states this snapshot describes, on `scale` (which
    /// must have the same level ids as the snapshot's; the caller checks).
    /// The history comes from the journal. A grade the scale lacks is an
    /// error naming its case.
    pub fn restore(&self, sample: &Sample, scale: &Scale) -> Result<Review, (String, ReviewError)> {
        let mut review = restore_states(&self.cases, sample, scale, true)?;
        review.continue_after(self.journal.seq);
        Ok(review)
    }
}

/// The review of `sample` whose cases are as `cases` say, on `scale`; the
/// cases `sample` lacks are kept as orphans only if `orphans` (a review of
/// a sample's first cases has no use for the others).
pub(super) fn restore_states(
    cases: &[CaseState],
    sample: &Sample,
    scale: &Scale,
    orphans: bool,
) -> Result<Review, (String, ReviewError)> {
    let mut review = Review::new(scale.clone(), sample.len());
    review.reserve_details(cases.len());
    // The cases are found first, in a loop of their own: a lookup in the
    // index reads memory far apart in a big sample, and independent
    // lookups let the processor wait for several reads at once. Most need
    // none: a session keeps its cases in sample order.
    let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    let places = sample.positions_of(&ids);
    for (c, place) in cases.iter().zip(places) {
        if place.is_none() && !orphans {
            continue;
        }
        let grade = match &c.grade {
            Some(id) => Some(
                scale
                    .position(id)
                    .ok_or_else(|| (c.id.clone(), ReviewError::UnknownLevel(id.clone())))?,
            ),
            None => None,
        };
        let detail = Detail {
            note: c.note.clone(),
            criteria: c.criteria.clone(),
            by: c.by.clone(),
            at: c.at,
            graded_by: c.graded_by.clone(),
            graded_at: c.graded_at,
        };
        review.restore_case(place, &c.id, grade, c.flagged, detail);
    }
    Ok(review)
}

/// Who and when, carried from one save of a session to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Reviewer name.
    pub reviewer: String,
    /// When the session began.
    pub created: Timestamp,
    /// When it was saved.
    pub updated: Timestamp,
    /// How the sample file is read.
    pub read: ReadOptions,
    /// The settings the review runs with.
    pub settings: SettingsRecord,
    /// The team record of a combined or moderated session.
    pub team: Option<TeamRecord>,
}

fn state(id: String, grade: Option<String>, flagged: bool, d: Detail) -> CaseState {
    let Detail {
        note,
        criteria,
        by,
        at,
        graded_by,
        graded_at,
    } = d;
    CaseState {
        id,
        grade,
        flagged,
        note,
        criteria,
        by,
        at,
        graded_by,
        graded_at,
        outside: false,
    }
}
