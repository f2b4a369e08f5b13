//! Reading a saved session without opening it for writing, and the parts
//! of its journal that opening leaves for later.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::journal::{self, JournalRead};
use super::{JournalMark, SessionError, SessionFile, journal_path, read_snapshot, rebuild};
use crate::model::case::Sample;
use crate::model::change::Entry;
use crate::model::review::Review;

/// How much of the journal to read with [`load`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// The whole audit trail (for exports that include it).
    Full,
    /// Only the entries the snapshot does not include yet: the case states
    /// are complete, the review's history holds just those entries.
    Unsaved,
}

/// A session read without opening it for writing (for `summary` and `export`).
#[derive(Debug)]
pub struct Loaded {
    /// The snapshot as read.
    pub file: SessionFile,
    /// Journal entries: all of them, or those after the snapshot's mark (see [`History`]).
    pub journal: Vec<Entry>,
    /// Journal lines that were damaged and skipped, in words.
    pub warnings: Vec<String>,
}

impl Loaded {
    /// Rebuilds the review on `sample`, on the session's own scale.
    pub fn review(&self, sample: &Sample, path: &Path) -> Result<Review, SessionError> {
        let (review, _) = rebuild(
            path,
            &self.file,
            self.journal.iter().cloned(),
            sample,
            &self.file.scale,
        )?;
        Ok(review)
    }

    /// [`Loaded::review`], handing the review the journal's entries rather
    /// than copying them; the snapshot as read, and the review.
    pub fn into_review(
        self,
        sample: &Sample,
        path: &Path,
    ) -> Result<(SessionFile, Review), SessionError> {
        let (review, _) = rebuild(path, &self.file, self.journal, sample, &self.file.scale)?;
        Ok((self.file, review))
    }

    /// The case id the reviewer was last on.
    pub fn cursor(&self) -> Option<&str> {
        match self.journal.last().filter(|e| e.seq > self.file.last_seq()) {
            Some(e) => e.cursor.as_deref(),
            None => self.file.cursor.as_deref(),
        }
    }

    /// When the session last changed: its last journal entry or its snapshot.
    pub fn last_change(&self) -> Timestamp {
        self.journal
            .last()
            .map_or(self.file.updated, |e| e.at.max(self.file.updated))
    }
}

/// Reads a session snapshot and its journal, changing nothing.
pub fn load(path: &Path, history: History) -> Result<Loaded, SessionError> {
    let file = read_snapshot(path)?;
    let jpath = journal_path(path);
    let read = match history {
        History::Full => journal::read(&jpath, 0)?,
        History::Unsaved => read_unsaved(&jpath, file.journal, None)?.0,
    };
    let mut warnings = damage_warnings(&jpath, &read.damaged);
    // Changes made while a big sample was read, kept for the next opening
    // of the review (see `super::pending`), are not in what is read here.
    if let Some(kept) = super::read_pending(path).filter(|k| !k.is_empty()) {
        warnings.push(format!(
            "{} made while the review's sample was read {} kept in {} and not in this yet: they join the review when it is next opened on screen",
            if kept.len() == 1 { "1 change".to_owned() } else { format!("{} changes", kept.len()) },
            if kept.len() == 1 { "is" } else { "are" },
            crate::model::text::sanitize_line(&super::pending_path(path).display().to_string()),
        ));
    }
    Ok(Loaded {
        file,
        journal: read.entries,
        warnings,
    })
}

/// One warning per damaged journal line: where, what, and what to do.
pub(super) fn damage_warnings(jpath: &Path, damaged: &[journal::Damage]) -> Vec<String> {
    damaged
        .iter()
        .map(|d| {
            format!(
                "{}:{}: a damaged journal line ({}) was skipped; every other change is intact; `casebench check` repairs the journal",
                crate::model::text::sanitize_line(&jpath.display().to_string()),
                d.line,
                d.message
            )
        })
        .collect()
}

/// Reads the journal entries a snapshot with `mark` does not include. The
/// tail must start right after the snapshot's last entry; a journal that was
/// replaced or cut is read whole instead (the sequence numbers then tell
/// what the snapshot includes). Also says whether earlier entries were
/// left unread. `ahead` is what [`read_unsaved_ahead`] found before the
/// session was locked: used if the journal still holds the very bytes it
/// read.
pub(super) fn read_unsaved(
    jpath: &Path,
    mark: JournalMark,
    ahead: Option<UnsavedAhead>,
) -> Result<(JournalRead, bool), SessionError> {
    let bytes = journal::read_bytes(jpath)?;
    if let Some(ahead) = ahead
        && ahead.mark == mark
        && ahead.hash == xxhash_rust::xxh3::xxh3_128(&bytes)
    {
        return Ok((ahead.read, ahead.deferred));
    }
    Ok(unsaved_in(&bytes, mark))
}

/// The journal entries a snapshot lacks, parsed ahead of opening (in a
/// thread of its own while the sample is read: after a crash there may be
/// a hundred thousand).
#[derive(Debug)]
pub(super) struct UnsavedAhead {
    mark: JournalMark,
    hash: u128,
    read: JournalRead,
    deferred: bool,
}

/// Reads the journal at `jpath` as [`read_unsaved`] would, noting which
/// bytes it read.
pub(super) fn read_unsaved_ahead(
    jpath: &Path,
    mark: JournalMark,
) -> Result<UnsavedAhead, SessionError> {
    let bytes = journal::read_bytes(jpath)?;
    let (read, deferred) = unsaved_in(&bytes, mark);
    Ok(UnsavedAhead {
        mark,
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        read,
        deferred,
    })
}

/// [`read_unsaved`] on the journal's `bytes`.
fn unsaved_in(bytes: &[u8], mark: JournalMark) -> (JournalRead, bool) {
    unsaved_in_where(bytes, mark, &|_| true)
}

/// [`unsaved_in`], only the changes to cases `wanted` takes (and the first
/// and last entries read: see [`journal::parse_where`]).
pub(super) fn unsaved_in_where(
    bytes: &[u8],
    mark: JournalMark,
    wanted: &dyn Fn(&str) -> bool,
) -> (JournalRead, bool) {
    let tail = journal::parse_where(bytes, mark.bytes, wanted);
    let continues = match tail.entries.first() {
        Some(e) => e.seq == mark.seq + 1,
        None => tail.complete == mark.bytes,
    };
    if continues {
        (tail, mark.bytes > 0)
    } else {
        (journal::parse_where(bytes, 0, wanted), false)
    }
}

/// The part of a session's audit trail that [`open`](super::open::open) leaves unread so that
/// the review can start at once: the journal entries the snapshot already
/// includes. They only matter for undo, redo and the history; load them in
/// the background and hand them to [`Review::adopt_earlier_history`].
#[derive(Debug, Clone)]
pub struct EarlierHistory {
    pub(super) path: PathBuf,
    pub(super) bytes: u64,
}

impl EarlierHistory {
    /// Reads the entries.
    pub fn load(&self) -> Result<Vec<Entry>, SessionError> {
        Ok(journal::read_prefix(&self.path, self.bytes)?.entries)
    }
}
