//! Team review on disk: reading the sessions of one sample by several
//! reviewers, combining them into one session (conflicts become moderation
//! items), and writing the result as an ordinary session.

mod combine;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use combine::{Combined, Part, check, combine};

use crate::model::case::Sample;
use crate::store::sample::ReadOptions;
use crate::store::session::{
    self, CaseState, History, JournalMark, Loaded, SampleInfo, SessionError, SessionFile,
    SettingsRecord,
};

/// Why sessions cannot be combined or compared.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// Fewer than two sessions were given.
    #[error("name two sessions or more")]
    TooFew,
    /// One session was named twice.
    #[error("{} is named twice", .0.display())]
    Twice(PathBuf),
    /// The sessions grade different samples.
    #[error(
        "{} and {} grade different samples (or different versions of one sample file); only sessions of the same sample can be combined or compared",
        first.display(),
        other.display()
    )]
    OtherSample {
        /// The first session.
        first: PathBuf,
        /// The one that differs.
        other: PathBuf,
    },
    /// The sessions grade on different scales.
    #[error(
        "{} grades on {first_scale} but {} on {other_scale}; only sessions on the same scale can be combined or compared",
        first.display(),
        other.display()
    )]
    OtherScale {
        /// The first session.
        first: PathBuf,
        /// Its levels.
        first_scale: String,
        /// The one that differs.
        other: PathBuf,
        /// Its levels.
        other_scale: String,
    },
    /// A session grades a case the whole sample does not have.
    #[error(
        "{} grades case {case:?}, which is not in the sample {}: name the sample the sessions' parts were split from",
        session.display(),
        sample.display()
    )]
    NotInSample {
        /// The session.
        session: PathBuf,
        /// The case.
        case: String,
        /// The whole sample named.
        sample: PathBuf,
    },
    /// A session could not be read.
    #[error(transparent)]
    Session(#[from] SessionError),
}

/// A session read for combining: `loaded` (with its whole journal) on
/// `sample`, as it stands now.
pub fn part(path: &Path, loaded: &Loaded, sample: &Sample) -> Result<Part, SessionError> {
    let part = |cases| Part {
        path: path.to_owned(),
        reviewer: loaded.file.reviewer.clone(),
        sample_hash: loaded.file.sample.hash.clone(),
        scale: loaded.file.scale.clone(),
        cases,
        journal: loaded.journal.clone(),
    };
    // A session saved since its last change: its snapshot is how it stands
    // (cases matched to `sample` by id), with no review to rebuild.
    if loaded
        .journal
        .iter()
        .all(|e| e.seq <= loaded.file.last_seq())
    {
        let cases = &loaded.file.cases;
        let cases = cases
            .iter()
            .zip(sample.positions(cases.iter().map(|c| c.id.as_str())))
            .map(|(c, place)| CaseState {
                outside: place.is_none(),
                ..c.clone()
            })
            .collect();
        return Ok(part(cases));
    }
    let review = loaded.review(sample, path)?;
    let meta = session::Meta {
        reviewer: loaded.file.reviewer.clone(),
        created: loaded.file.created,
        updated: loaded.file.updated,
        read: ReadOptions::default(),
        settings: SettingsRecord::default(),
        team: None,
    };
    let now = SessionFile::capture(sample, &review, meta, None, JournalMark::default());
    Ok(part(now.cases))
}

/// A session of a part of `whole` (a sample split among reviewers) read
/// for combining as a session of `whole`: every case it grades must be in
/// `whole`.
pub fn part_of(path: &Path, loaded: &Loaded, whole: &Sample) -> Result<Part, TeamError> {
    let mut part = part(path, loaded, whole)?;
    if let Some(outside) = part.cases.iter().find(|c| c.outside) {
        return Err(TeamError::NotInSample {
            session: path.to_owned(),
            case: outside.id.clone(),
            sample: whole.source.path.clone().unwrap_or_default(),
        });
    }
    whole.source.hash.clone_into(&mut part.sample_hash);
    Ok(part)
}

/// Reads every session at `paths` whole (snapshot and journal), two at a
/// time (parsing a large snapshot is the slow part).
pub fn load_all(paths: &[PathBuf], history: History) -> Result<Vec<Loaded>, SessionError> {
    let mut loaded = Vec::with_capacity(paths.len());
    for pair in paths.chunks(2) {
        let read = std::thread::scope(|s| {
            let handles: Vec<_> = pair
                .iter()
                .map(|p| s.spawn(move || session::load(p, history)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect::<Vec<_>>()
        });
        for r in read {
            loaded.push(r?);
        }
    }
    Ok(loaded)
}

/// Writes `combined` as a new session at `out`, graded by `reviewer`, of
/// the sample `sample` on the scale and settings `first` records.
/// Refuses to replace a session.
pub fn write(
    out: &Path,
    combined: &Combined,
    sample: SampleInfo,
    first: &SessionFile,
    reviewer: &str,
) -> Result<(), SessionError> {
    let file = SessionFile {
        version: session::VERSION,
        sample,
        scale: first.scale.clone(),
        reviewer: reviewer.to_owned(),
        created: combined.latest,
        updated: combined.latest,
        cursor: combined.team.disputed.first().cloned(),
        cases: combined.cases.clone(),
        journal: JournalMark::default(),
        settings: first.settings.clone(),
        team: Some(combined.team.clone()),
    };
    session::create_whole(out, file, &combined.journal)
}
