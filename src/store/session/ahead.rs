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

/// What the session at `path` holds for the cases of `first` (the first
/// cases of its sample, read ahead of the rest), with no history, and the
/// id of the case the reviewer was on: the review those cases can be
/// graded on before the session is open. Only their rows of the snapshot
/// and their lines of the journal are parsed, so this takes a few tens of
/// milliseconds however big the session. `None` when that cannot be known
/// for sure here: no snapshot, or one that does not read (or of version 1,
/// or damaged), a journal that does not read, a scale other than `scale`,
/// or a team's session (whose grading needs the whole sample).
pub fn first_cases(path: &Path, first: &Sample, scale: &Scale) -> Option<(Review, Option<String>)> {
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    super::check_sum(path, &text).ok()?;
    let head: Head<'_> = ron::from_str(&text).ok()?;
    let ids = |s: &Scale| s.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    if head.version != super::VERSION || head.team.is_some() || ids(&head.scale) != ids(scale) {
        return None;
    }
    let wanted = |id: &str| first.position(id).is_some();
    let mut cases = super::table::read_where(head.cases, wanted).ok()?;
    for case in &mut cases {
        case.sanitize();
    }
    let mut review = super::snapshot::restore_states(&cases, first, scale, false).ok()?;
    let bytes = super::journal::read_bytes(&journal_path(path)).ok()?;
    let (tail, _) = load::unsaved_in_where(&bytes, head.journal, &wanted);
    let mut cursor = head.cursor.map(|c| crate::model::text::sanitize_line(&c));
    for entry in tail
        .entries
        .into_iter()
        .filter(|e| e.seq > head.journal.seq)
    {
        cursor.clone_from(&entry.cursor);
        if wanted(entry.change.case()) {
            review.apply_entry(first, entry).ok()?;
        }
    }
    review.forget_history();
    Some((review, cursor))
}

/// What [`first_cases`] reads of a snapshot: its case table as it is in
/// the file (a version 2 table holds no escapes RON would need undone).
#[derive(serde::Deserialize)]
struct Head<'a> {
    version: u32,
    scale: Scale,
    cursor: Option<String>,
    cases: &'a str,
    #[serde(default)]
    journal: super::JournalMark,
    #[serde(default)]
    team: Option<serde::de::IgnoredAny>,
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

    /// Moves the locked session aside as a dated backup (see
    /// [`super::back_up`]), if it is the one at `path`; `None` when it is
    /// another, or there was no session.
    pub fn back_up(&self, path: &Path) -> Result<Option<PathBuf>, SessionError> {
        if self.path != path {
            return Ok(None);
        }
        super::placement::move_aside(path)
    }

    /// Whether this locks the session at `path`.
    pub fn locks(&self, path: &Path) -> bool {
        self.path == path
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
