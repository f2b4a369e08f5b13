//! Sessions on disk: a RON snapshot plus an append-only journal, a lock so
//! that two casebench processes never write one session, and backups.
//!
//! Life of a session: [`open`] reads the snapshot (if any) and the journal;
//! every change is appended to the journal with [`SessionStore::append`]
//! (fsync) before the screen shows it; on quit [`SessionStore::compact`]
//! writes a new snapshot of every case's state (atomic write) that records
//! how much of the journal it includes. The journal itself is never
//! rewritten: it is the audit trail. Entries carry sequence numbers, so
//! after a crash only the entries the snapshot does not include are
//! applied, and nothing twice. Reading a session for a report that needs no
//! audit trail parses only the snapshot and the journal's unsaved tail.

mod error;
#[cfg(test)]
mod fault;
mod journal;
mod load;
mod placement;
mod snapshot;
mod sniff;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

pub use error::SessionError;
pub use journal::journal_path;
pub use load::{EarlierHistory, History, Loaded, load};
pub use placement::{back_up, default_path};
pub use snapshot::{
    CaseState, JournalMark, Meta, SampleInfo, SessionFile, SettingsRecord, VERSION,
};
pub use sniff::{sniff_sample_info, sniff_version};

use placement::lock;

use crate::model::case::{CaseIdx, Sample};
use crate::model::change::Entry;
use crate::model::review::Review;
use crate::model::scale::Scale;
use crate::store::atomic::write_private;
use crate::store::sample::ReadOptions;
use journal::Journal;

/// What opening a session found.
#[derive(Debug)]
pub struct Opened {
    /// The open session, ready to append.
    pub store: SessionStore,
    /// The review as saved.
    pub review: Review,
    /// The case to open on.
    pub cursor: Option<CaseIdx>,
    /// True when an existing session was resumed (false: a new one).
    pub resumed: bool,
    /// Things the reviewer should know (e.g. the sample changed).
    pub warnings: Vec<String>,
    /// Audit-trail entries left to load in the background, if any.
    pub earlier_history: Option<EarlierHistory>,
}

/// An open, locked session.
#[derive(Debug)]
pub struct SessionStore {
    path: PathBuf,
    journal: Journal,
    created: Timestamp,
    /// How the sample is read and the settings, recorded in every snapshot.
    read: Recorded,
    _lock: File,
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
    let content = |source| SessionError::Content {
        path: path.to_owned(),
        source,
    };
    let mut review = file.restore(sample, scale).map_err(content)?;
    let mut cursor = file.cursor.clone();
    let last = file.last_seq();
    for e in entries {
        if e.seq <= last {
            review.restore_entry(e);
        } else {
            cursor.clone_from(&e.cursor);
            review.apply_entry(sample, e).map_err(content)?;
        }
    }
    Ok((review, cursor))
}

pub(super) fn read_snapshot(path: &Path) -> Result<SessionFile, SessionError> {
    let text = std::fs::read_to_string(path).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })?;
    let parse_err = |e: ron::error::SpannedError| SessionError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
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
    if version != VERSION {
        return Err(SessionError::Version {
            path: path.to_owned(),
            found: version,
        });
    }
    let mut file: SessionFile = ron::from_str(&text).map_err(parse_err)?;
    file.sanitize();
    Ok(file)
}

/// What a session records about how its review runs: how the sample is
/// read, and the settings in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// How the sample file is read.
    pub read: ReadOptions,
    /// The settings the review runs with.
    pub settings: SettingsRecord,
}

/// Opens the session at `path` for `sample` read with default options and
/// default settings. See [`open_with`].
pub fn open(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
) -> Result<Opened, SessionError> {
    open_with(path, sample, scale, reviewer, &Recorded::default())
}

/// Opens the session at `path` for `sample`, read and set up as `recorded`
/// says: resumes it if it exists (reporting settings that changed since it
/// was saved), otherwise creates it. Takes the session's lock for the life
/// of the store.
pub fn open_with(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
) -> Result<Opened, SessionError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Folders casebench creates for sessions are the owner's alone;
        // existing folders are left as they are.
        use std::os::unix::fs::DirBuilderExt as _;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|source| SessionError::Io {
                path: dir.to_owned(),
                source,
            })?;
    }
    let lock = lock(path)?;
    if path.exists() {
        resume(path, lock, sample, scale, read)
    } else if journal_path(path).exists() {
        recover(path, lock, sample, scale, reviewer, read)
    } else {
        create(path, lock, sample, scale, reviewer, read)
    }
}

/// A journal whose snapshot is gone: the journal holds every change, so
/// the review is rebuilt from it (over an empty snapshot) rather than
/// started afresh, and the reviewer is told.
fn recover(
    path: &Path,
    lock: File,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
) -> Result<Opened, SessionError> {
    let now = Timestamp::now();
    let meta = Meta {
        reviewer: reviewer.to_owned(),
        created: now,
        updated: now,
        read: read.read.clone(),
        settings: read.settings.clone(),
    };
    let review = Review::new(scale.clone(), sample.len());
    write_snapshot(
        path,
        &SessionFile::capture(sample, &review, meta, None, JournalMark::default()),
    )?;
    let mut opened = resume(path, lock, sample, scale, read)?;
    opened.warnings.insert(
        0,
        format!(
            "the session's snapshot was missing: the review was rebuilt from its journal ({} changes)",
            opened.review.next_seq() - 1
        ),
    );
    Ok(opened)
}

/// Starts a new session at `path` (locked by `lock`): an empty snapshot and
/// an empty journal.
fn create(
    path: &Path,
    lock: File,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
) -> Result<Opened, SessionError> {
    let now = Timestamp::now();
    let review = Review::new(scale.clone(), sample.len());
    let meta = Meta {
        reviewer: reviewer.to_owned(),
        created: now,
        updated: now,
        read: read.read.clone(),
        settings: read.settings.clone(),
    };
    let first = sample.get(0).map(|c| c.id.to_string());
    write_snapshot(
        path,
        &SessionFile::capture(sample, &review, meta, first, JournalMark::default()),
    )?;
    let journal_file = journal_path(path);
    let journal = Journal::open(&journal_file, 0)?;
    let store = SessionStore {
        path: path.to_owned(),
        journal,
        created: now,
        read: read.clone(),
        _lock: lock,
    };
    Ok(Opened {
        store,
        review,
        cursor: Some(0).filter(|_| !sample.is_empty()),
        resumed: false,
        warnings: Vec::new(),
        earlier_history: None,
    })
}

/// Resumes the session at `path` (locked by `lock`): the snapshot, then the
/// journal entries it lacks; the earlier audit trail is left to load later.
fn resume(
    path: &Path,
    lock: File,
    sample: &Sample,
    scale: &Scale,
    read_options: &Recorded,
) -> Result<Opened, SessionError> {
    let file = read_snapshot(path)?;
    check_scale(path, &file.scale, scale)?;
    let jpath = journal_path(path);
    // Only what the snapshot lacks is read now; the rest of the audit trail
    // (for undo and the history) is left for the background.
    let (read, deferred) = load::read_unsaved(&jpath, file.journal)?;
    let earlier_history = deferred.then(|| EarlierHistory {
        path: jpath.clone(),
        bytes: file.journal.bytes,
    });
    let (review, cursor_id) = rebuild(path, &file, read.entries, sample, scale)?;
    let mut warnings = Vec::new();
    if file.sample.hash != sample.source.hash {
        warnings.push(sample_changed(&file, sample, &review));
    }
    if let Some(before) = &file.settings {
        let changed = before.changes(&read_options.settings);
        if !changed.is_empty() {
            warnings.push(format!(
                "{} changed since this session was saved; the review goes on with the new ones (start with --fresh to begin again)",
                changed.join(", ")
            ));
        }
    }
    if read.complete < file.journal.bytes {
        warnings.push(format!(
            "the journal {} is shorter than the snapshot records: part of the audit trail is missing (every grade is intact)",
            jpath.display()
        ));
    }
    let journal = Journal::open(&jpath, read.torn)?;
    let cursor = cursor_id
        .and_then(|id| sample.position(&id))
        .or(Some(0).filter(|_| !sample.is_empty()));
    let store = SessionStore {
        path: path.to_owned(),
        journal,
        created: file.created,
        read: read_options.clone(),
        _lock: lock,
    };
    Ok(Opened {
        store,
        review,
        cursor,
        resumed: true,
        warnings,
        earlier_history,
    })
}

fn sample_changed(file: &SessionFile, sample: &Sample, review: &Review) -> String {
    let kept = review.orphans().len();
    let mut msg = format!(
        "the sample has changed since this session was saved ({} cases then, {} now); grades were matched by case id",
        file.sample.cases,
        sample.len()
    );
    if kept > 0 {
        let _ = write!(
            msg,
            "; {kept} graded case{} no longer in the sample {} kept in the session",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "is" } else { "are" }
        );
    }
    msg
}

fn check_scale(path: &Path, session: &Scale, config: &Scale) -> Result<(), SessionError> {
    let ids = |s: &Scale| {
        s.levels
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if ids(session) == ids(config) {
        return Ok(());
    }
    Err(SessionError::ScaleMismatch {
        path: path.to_owned(),
        session: session.name.clone(),
        session_levels: ids(session),
        config: config.name.clone(),
        config_levels: ids(config),
    })
}

fn write_snapshot(path: &Path, file: &SessionFile) -> Result<(), SessionError> {
    let config = ron::ser::PrettyConfig::new().depth_limit(3).indentor("  ");
    let text = ron::ser::to_string_pretty(file, config)
        .map_err(|e| SessionError::Encode(e.to_string()))?;
    write_private(path, text.as_bytes()).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })
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
