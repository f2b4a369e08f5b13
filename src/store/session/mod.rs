//! Sessions on disk: a RON snapshot plus an append-only journal, a lock so
//! that two casebench processes never write one session, and backups.
//!
//! Life of a session: [`open()`] reads the snapshot (if any) and the journal;
//! every change is appended to the journal with [`SessionStore::append`]
//! (fsync) before the screen shows it; on quit [`SessionStore::compact`]
//! writes a new snapshot of every case's state (atomic write) that records
//! how much of the journal it includes. The journal itself is never
//! rewritten: it is the audit trail. Entries carry sequence numbers, so
//! after a crash only the entries the snapshot does not include are
//! applied, and nothing twice. Reading a session for a report that needs no
//! audit trail parses only the snapshot and the journal's unsaved tail.

mod ahead;
mod beside;
mod draft;
mod entry_line;
mod error;
#[cfg(test)]
mod fault;
mod health;
mod journal;
mod load;
mod open;
mod pending;
mod placement;
mod snapshot;
mod sniff;
mod table;
#[cfg(test)]
mod tests;

use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

pub use ahead::{Preread, SessionLock, first_cases, lock_ahead, preread};
pub use draft::{Draft, draft_path, read_draft, remove_draft, write_draft};
pub use error::SessionError;
pub use health::{Health, SnapshotHealth, check, repair_journal};
pub use journal::{Damage, journal_path};
pub use load::{EarlierHistory, History, Loaded, load};
pub use open::{Ahead, Opened, Recorded, open, open_prepared, open_with};
pub use pending::{pending_path, read_pending, remove_pending, write_pending};
pub(crate) use placement::lock_path;
pub use placement::{back_up, default_path, find_default};
pub use snapshot::{
    CaseState, JournalMark, Meta, SampleInfo, SessionFile, SettingsRecord, VERSION,
};
pub use sniff::{sniff_sample_info, sniff_sample_info_at, sniff_version};

use crate::model::case::Sample;
use crate::model::change::Entry;
use crate::model::review::Review;
use crate::model::scale::Scale;
use crate::store::atomic::{Claim, write_private};
use journal::Journal;

/// An open, locked session.
#[derive(Debug)]
pub struct SessionStore {
    pub(super) path: PathBuf,
    pub(super) journal: Journal,
    pub(super) created: Timestamp,
    /// How the sample is read and the settings, recorded in every snapshot.
    pub(super) read: Recorded,
    pub(super) _lock: File,
}

/// The review a snapshot and journal entries describe: entries the snapshot
/// already includes only rebuild the history (and with it undo and redo);
/// later ones are applied. Returns the review and the case id to resume on.
pub(super) fn rebuild(
    path: &Path,
    file: &SessionFile,
    entries: impl IntoIterator<Item = Entry>,
    sample: &Sample,
    scale: &Scale,
) -> Result<(Review, Option<String>), SessionError> {
    let content = |place: String, source| SessionError::Content {
        path: path.to_owned(),
        place,
        source,
    };
    let mut review = file
        .restore(sample, scale)
        .map_err(|(case, e)| content(format!("case `{case}` in the snapshot"), e))?;
    let mut cursor = file.cursor.clone();
    let last = file.last_seq();
    let entries: Vec<Entry> = entries.into_iter().collect();
    // A journal keeps its cases mostly in the order they were reviewed:
    // their places are found together, most without the id index.
    let applied: Vec<&str> = entries
        .iter()
        .filter(|e| e.seq > last)
        .map(|e| e.change.case())
        .collect();
    let places = sample.positions_of(&applied);
    // Each change applied may give a case its first details.
    review.reserve_details(applied.len());
    review.reserve_history(entries.len());
    let mut places = places.into_iter();
    for e in entries {
        if e.seq <= last {
            review.restore_entry(e);
        } else {
            cursor.clone_from(&e.cursor);
            let place = format!(
                "change {} of the journal (case `{}`)",
                e.seq,
                e.change.case()
            );
            review
                .apply_entry_at(places.next().flatten(), e)
                .map_err(|source| content(place, source))?;
        }
    }
    Ok((review, cursor))
}

/// A parse message with our type names put as a reader knows them: the
/// parser names the Rust structs it was filling.
fn plain_names(message: &str) -> String {
    [
        ("`VersionProbe`", "the session"),
        ("`SessionFile`", "the session"),
        ("`SampleInfo`", "the session's `sample`"),
        ("`CaseState`", "a case of the session's `cases`"),
        ("`JournalMark`", "the session's `journal`"),
        ("`SettingsRecord`", "the session's `settings`"),
        ("`Scale`", "the session's `scale`"),
        ("`Level`", "a level of the session's scale"),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}

/// Fails if the snapshot `text` read from `path` does not match its
/// checksum. Snapshots end with the checksum of the rest (older ones with
/// no comment at all): a last line that is a comment must be that checksum.
pub(super) fn check_sum(path: &Path, text: &str) -> Result<(), SessionError> {
    let last = text.trim_end().rsplit('\n').next().unwrap_or("");
    if last.starts_with("//") {
        let fits = last.strip_prefix(CHECKSUM_LINE).is_some_and(|sum| {
            let body = &text[..text.rfind(CHECKSUM_LINE).unwrap_or(0)];
            sum.trim() == snapshot_checksum(body)
        });
        if !fits {
            return Err(SessionError::Damaged {
                path: path.to_owned(),
            });
        }
    }
    Ok(())
}

/// The last line of a snapshot: a checksum of everything before it.
const CHECKSUM_LINE: &str = "// checksum xxh3-64: ";

/// The checksum of a snapshot's text.
fn snapshot_checksum(body: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
}

pub(super) fn read_snapshot(path: &Path) -> Result<SessionFile, SessionError> {
    Ok(ahead::read_snapshot_or(path, None)?.0)
}

/// Parses the snapshot `bytes` read from `path`.
pub(super) fn parse_snapshot(path: &Path, bytes: Vec<u8>) -> Result<SessionFile, SessionError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = memchr::memchr_iter(b'\n', good).count() + 1;
        let line_start = memchr::memrchr(b'\n', good).map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        SessionError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: "invalid UTF-8 (the file is damaged)".into(),
        }
    })?;
    check_sum(path, &text)?;
    let parse_err = |e: ron::error::SpannedError| SessionError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: plain_names(&e.code.to_string()),
    };
    // The version is read from the first bytes when the file starts the
    // way casebench writes it; otherwise by a parse that ignores the rest.
    let version = if let Some(v) = sniff_version(&text) {
        v
    } else {
        let probe: snapshot::VersionProbe =
            ron::Options::default().from_str(&text).map_err(parse_err)?;
        probe.version
    };
    if !(1..=VERSION).contains(&version) {
        return Err(SessionError::Version {
            path: path.to_owned(),
            found: version,
        });
    }
    let mut file: SessionFile = ron::from_str(&text).map_err(parse_err)?;
    file.sanitize();
    Ok(file)
}

pub(super) fn write_snapshot(path: &Path, file: &SessionFile) -> Result<(), SessionError> {
    // Strings as they are (the case table's tabs and line breaks too), so
    // that the table reads as one and parses without unescaping.
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("  ")
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(file, config)
        .map_err(|e| SessionError::Encode(e.to_string()))?;
    text.push('\n');
    let sum = snapshot_checksum(&text);
    text.push_str(CHECKSUM_LINE);
    text.push_str(&sum);
    text.push('\n');
    write_private(path, text.as_bytes()).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes a new session at `path` whole: its journal of `entries` and a
/// snapshot (`file`, whose journal mark is set here) that includes all of
/// them. A combined session is made this way. Refuses when a session (or
/// a journal) is already there, and holds the lock while writing.
pub fn create_whole(
    path: &Path,
    mut file: SessionFile,
    entries: &[Entry],
) -> Result<(), SessionError> {
    placement::make_folder(path)?;
    let _lock = placement::lock(path)?;
    let jpath = journal_path(path);
    for existing in [path, jpath.as_path()] {
        if existing.exists() {
            return Err(SessionError::Io {
                path: existing.to_owned(),
                source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            });
        }
    }
    // The three files are one session: claimed first, so that a failure
    // or an interrupt on the way leaves none of them.
    let base = placement::base_path(path);
    let mut claims = [jpath.as_path(), path]
        .map(|p| {
            Claim::new(p).map_err(|source| SessionError::Io {
                path: p.to_owned(),
                source,
            })
        })
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    // A base left by an earlier session of this name is simply replaced.
    claims.extend(Claim::new(&base).ok());
    let bytes = journal::write_whole(&jpath, entries)?;
    file.journal = JournalMark {
        bytes,
        seq: entries.last().map_or(0, |e| e.seq),
    };
    write_snapshot(path, &file)?;
    // Kept for recovery (see `open::recover`).
    let snapshot = std::fs::read(path).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })?;
    write_private(&base, &snapshot).map_err(|source| SessionError::Io {
        path: base.clone(),
        source,
    })?;
    claims.into_iter().for_each(Claim::done);
    Ok(())
}

impl SessionStore {
    /// The snapshot path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes one entry durable. Returns once it is on disk.
    pub fn append(&mut self, entry: &Entry) -> Result<(), SessionError> {
        self.journal.append(entry)
    }

    /// The journal, for tests that make its writes fail.
    #[cfg(test)]
    pub(crate) fn journal_mut(&mut self) -> &mut Journal {
        &mut self.journal
    }

    /// Writes a snapshot of every case (atomically) that includes the
    /// journal as written so far.
    pub fn compact(
        &mut self,
        sample: &Sample,
        review: &Review,
        reviewer: &str,
        cursor: Option<String>,
    ) -> Result<(), SessionError> {
        let meta = Meta {
            reviewer: reviewer.to_owned(),
            created: self.created,
            updated: Timestamp::now(),
            read: self.read.read.clone(),
            settings: self.read.settings.clone(),
            team: self.read.team.clone(),
        };
        let mark = JournalMark {
            bytes: self.journal.bytes(),
            seq: review.next_seq() - 1,
        };
        write_snapshot(
            &self.path,
            &SessionFile::capture(sample, review, meta, cursor, mark),
        )
    }
}
