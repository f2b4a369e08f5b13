//! What is done about a session while its big sample is still read: its
//! lock taken (so that another casebench on it is reported at once, and
//! no grade given meanwhile is refused later), its snapshot and the
//! journal entries the snapshot lacks parsed, and from them the state of
//! the sample's first cases, for the reviewer to go on grading them.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{SessionError, SessionFile, journal_path, load, parse_snapshot};
use crate::model::case::Sample;
use crate::model::review::Review;
use crate::model::scale::Scale;

/// A session snapshot and the journal entries it lacks, read and parsed
/// ahead (see [`preread`]).
#[derive(Debug)]
pub struct Preread {
    path: PathBuf,
    hash: u128,
    file: SessionFile,
    unsaved: Option<load::UnsavedAhead>,
}

/// Reads and parses the snapshot at `path`, and the journal entries it
/// lacks, ahead of [`super::open_prepared`], in a thread of its own while
/// the sample is read: parsing a snapshot of 100,000 graded cases, or the
/// 100,000 entries a crash left unsaved, takes a few tenths of a second.
/// `None` when there is no snapshot or it does not read (opening then
/// says why).
pub fn preread(path: &Path) -> Option<Preread> {
    let bytes = std::fs::read(path).ok()?;
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    let file = parse_snapshot(path, bytes).ok()?;
    let unsaved = load::read_unsaved_ahead(&journal_path(path), file.journal).ok();
    Some(Preread {
        path: path.to_owned(),
        hash,
        file,
        unsaved,
    })
}

impl Preread {
    /// What the session holds for the cases of `first` (the first cases of
    /// its sample, read ahead of the rest), with no history, and the id of
    /// the case the reviewer was on: the review those cases can be graded
    /// on before the session is open. `None` when that cannot be known for
    /// sure here: the journal did not read, the scale is not `scale`, or
    /// the session is a team's (whose grading needs the whole sample).
    pub fn first_cases(&self, first: &Sample, scale: &Scale) -> Option<(Review, Option<String>)> {
        let file = &self.file;
        let unsaved = self.unsaved.as_ref()?;
        let ids = |s: &Scale| s.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
        if file.team.is_some() || ids(&file.scale) != ids(scale) {
            return None;
        }
        let mut review = file.restore_cases(first, scale, false).ok()?;
        let mut cursor = file.cursor.clone();
        for entry in unsaved.entries().iter().filter(|e| e.seq > file.last_seq()) {
            cursor.clone_from(&entry.cursor);
            if first.position(entry.change.case()).is_some() {
                review.apply_entry(first, entry.clone()).ok()?;
            }
        }
        review.forget_history();
        Some((review, cursor))
    }
}

/// [`super::read_snapshot`], taking the snapshot `preread` parsed if the
/// file still holds the very bytes it read (it was read before the
/// session's lock was taken), with the journal entries read ahead with it.
pub(super) fn read_snapshot_or(
    path: &Path,
    preread: Option<Preread>,
) -> Result<(SessionFile, Option<load::UnsavedAhead>), SessionError> {
    let bytes = std::fs::read(path).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })?;
    if let Some(ahead) = preread
        && ahead.path == path
        && ahead.hash == xxhash_rust::xxh3::xxh3_128(&bytes)
    {
        return Ok((ahead.file, ahead.unsaved));
    }
    Ok((parse_snapshot(path, bytes)?, None))
}

/// A session's lock, taken before the session is opened.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: File,
    /// Whether taking it made the lock file.
    made: bool,
}

/// Takes the lock of the session at `path` (making its folder if
/// missing) ahead of [`super::open_prepared`], which keeps it: fails at
/// once if another casebench has the session open.
pub fn lock_ahead(path: &Path) -> Result<SessionLock, SessionError> {
    super::placement::make_folder(path)?;
    let made = !super::placement::lock_path(path).exists();
    let file = super::placement::lock(path)?;
    Ok(SessionLock {
        path: path.to_owned(),
        file,
        made,
    })
}

impl SessionLock {
    /// The lock file, if it locks the session at `path`.
    pub(super) fn of(self, path: &Path) -> Option<File> {
        (self.path == path).then_some(self.file)
    }

    /// Gives the lock up unused (the opening was cancelled): a lock file
    /// it made is removed, so nothing is left behind.
    pub fn release(self) {
        // Removed while still held: a casebench that opened it meanwhile
        // finds it locked, as it was.
        if self.made {
            let _ = std::fs::remove_file(super::placement::lock_path(&self.path));
        }
        drop(self.file);
    }
}
