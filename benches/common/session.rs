//! Sessions written through the library for the benches: graded cases and
//! a snapshot of them, as casebench writes them.

use std::path::Path;

use casebench::model::case::Sample;
use casebench::model::scale::Scale;
use casebench::store::sample::ReadOptions;
use casebench::store::session::{self, CaseState, JournalMark, SampleInfo, SessionFile};

/// When every bench session's changes were made.
pub fn when() -> jiff::Timestamp {
    "2026-01-01T09:00:00Z".parse().expect("time")
}

/// Case `id` graded `grade` (a level id) by `reviewer`.
pub fn graded(id: String, grade: String, reviewer: &str) -> CaseState {
    CaseState {
        id,
        grade: Some(grade),
        flagged: false,
        note: String::new(),
        criteria: std::collections::BTreeMap::new(),
        by: Some(reviewer.to_owned()),
        at: Some(when()),
        graded_by: Some(reviewer.to_owned()),
        graded_at: Some(when()),
        outside: false,
    }
}

/// `reviewer`'s snapshot of `cases` of `sample` (read from `sample_path`)
/// on `scale`, left at `cursor`.
pub fn snapshot(
    sample: &Sample,
    sample_path: &Path,
    (scale, reviewer): (&Scale, &str),
    cases: Vec<CaseState>,
    cursor: Option<String>,
) -> SessionFile {
    SessionFile {
        version: session::VERSION,
        sample: SampleInfo {
            name: sample.name.clone(),
            path: Some(sample_path.to_owned()),
            hash: sample.source.hash.clone(),
            cases: sample.len() as u64,
            read: ReadOptions::default(),
        },
        scale: scale.clone(),
        reviewer: reviewer.to_owned(),
        created: when(),
        updated: when(),
        cursor,
        cases,
        journal: JournalMark::default(),
        settings: None,
        team: None,
    }
}
