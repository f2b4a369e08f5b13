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

mod file;
mod journal;
mod sniff;
#[cfg(test)]
mod tests;

use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

pub use file::{CaseState, JournalMark, Meta, SampleInfo, SessionFile, VERSION};
pub use journal::journal_path;
pub use sniff::sniff_version;

use crate::model::case::{CaseIdx, Sample};
use crate::model::change::Entry;
use crate::model::review::{Review, ReviewError};
use crate::model::scale::Scale;
use crate::store::atomic::{open_private_append, write_private};
use journal::Journal;

/// Errors reading or writing a session. Files that cannot be read are never
/// written over.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The file system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a valid session.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The session was written by a newer casebench.
    #[error("{}: session format version {found} is not supported (this casebench reads version {VERSION})", path.display())]
    Version {
        /// The file concerned.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// The session grades on another scale than the config.
    #[error("{}: this session was graded on the scale {session:?} ({session_levels}), but the config uses {config:?} ({config_levels}); set the config's scale back, or start a new session with --fresh", path.display())]
    ScaleMismatch {
        /// The file concerned.
        path: PathBuf,
        /// Session scale name.
        session: String,
        /// Its level ids.
        session_levels: String,
        /// Config scale name.
        config: String,
        /// Its level ids.
        config_levels: String,
    },
    /// The session's content does not fit its scale.
    #[error("{}: {source}", path.display())]
    Content {
        /// The file concerned.
        path: PathBuf,
        /// What does not fit.
        source: ReviewError,
    },
    /// Another casebench has the session open.
    #[error("{}: this session is open in another casebench; close it there first", path.display())]
    Locked {
        /// The session file.
        path: PathBuf,
    },
    /// Serialising failed (should not happen).
    #[error("cannot encode session: {0}")]
    Encode(String),
}

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
}

/// An open, locked session.
#[derive(Debug)]
pub struct SessionStore {
    path: PathBuf,
    journal: Journal,
    created: Timestamp,
    _lock: File,
}

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
    let journal = match history {
        History::Full => journal::read(&jpath, 0)?.entries,
        History::Unsaved => {
            let mark = file.journal;
            let tail = journal::read(&jpath, mark.bytes)?;
            // The tail must start right after the snapshot's last entry; a
            // journal that was replaced or cut is read whole instead (the
            // sequence numbers then tell what the snapshot includes).
            let continues = match tail.entries.first() {
                Some(e) => e.seq == mark.seq + 1,
                None => tail.complete == mark.bytes,
            };
            if continues {
                tail.entries
            } else {
                journal::read(&jpath, 0)?.entries
            }
        }
    };
    Ok(Loaded { file, journal })
}

/// The review a snapshot and journal entries describe: entries the snapshot
/// already includes only rebuild the history (and with it undo and redo);
/// later ones are applied. Returns the review and the case id to resume on.
fn rebuild(
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

fn read_snapshot(path: &Path) -> Result<SessionFile, SessionError> {
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
    let version = match sniff_version(&text) {
        Some(v) => v,
        None => {
            let probe: file::VersionProbe =
                ron::Options::default().from_str(&text).map_err(parse_err)?;
            probe.version
        }
    };
    if version != VERSION {
        return Err(SessionError::Version {
            path: path.to_owned(),
            found: version,
        });
    }
    ron::from_str(&text).map_err(parse_err)
}

/// Opens the session at `path` for `sample`: resumes it if it exists,
/// otherwise creates it. Takes the session's lock for the life of the store.
pub fn open(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
) -> Result<Opened, SessionError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| SessionError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let lock = lock(path)?;
    if !path.exists() {
        let now = Timestamp::now();
        let review = Review::new(scale.clone(), sample.len());
        let meta = Meta {
            reviewer: reviewer.to_owned(),
            created: now,
            updated: now,
        };
        let first = sample.get(0).map(|c| c.id.to_string());
        write_snapshot(
            path,
            &SessionFile::capture(sample, &review, meta, first, JournalMark::default()),
        )?;
        let journal_file = journal_path(path);
        // A journal without its snapshot belongs to no session we can read:
        // keep it aside rather than replaying it into a new one.
        if journal_file.exists() {
            let aside = backup_path(path, ".orphaned-journal");
            std::fs::rename(&journal_file, &aside).map_err(|source| SessionError::Io {
                path: journal_file.clone(),
                source,
            })?;
        }
        let journal = Journal::open(&journal_file, 0)?;
        let store = SessionStore {
            path: path.to_owned(),
            journal,
            created: now,
            _lock: lock,
        };
        return Ok(Opened {
            store,
            review,
            cursor: Some(0).filter(|_| !sample.is_empty()),
            resumed: false,
            warnings: Vec::new(),
        });
    }
    let file = read_snapshot(path)?;
    check_scale(path, &file.scale, scale)?;
    let jpath = journal_path(path);
    let read = journal::read(&jpath, 0)?;
    let (review, cursor_id) = rebuild(path, &file, read.entries, sample, scale)?;
    let mut warnings = Vec::new();
    if file.sample.hash != sample.source.hash {
        warnings.push(sample_changed(&file, sample, &review));
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
        _lock: lock,
    };
    Ok(Opened {
        store,
        review,
        cursor,
        resumed: true,
        warnings,
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
        msg.push_str(&format!(
            "; {kept} graded case{} no longer in the sample {} kept in the session",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "is" } else { "are" }
        ));
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

fn lock(path: &Path) -> Result<File, SessionError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let file = open_private_append(&lock_path).map_err(|source| SessionError::Io {
        path: lock_path.clone(),
        source,
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(SessionError::Locked {
            path: path.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(SessionError::Io {
            path: lock_path,
            source,
        }),
    }
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

/// The default session file for a sample, in `sessions_dir`: named after
/// the sample file and a hash of its absolute path, so two samples with the
/// same name in different folders never share a session. The demo's is
/// `demo.session.ron`.
pub fn default_path(sessions_dir: &Path, sample_path: Option<&Path>) -> PathBuf {
    let Some(sample_path) = sample_path else {
        return sessions_dir.join("demo.session.ron");
    };
    let absolute = std::fs::canonicalize(sample_path).unwrap_or_else(|_| sample_path.to_owned());
    let stem: String = sample_path
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let hash = xxhash_rust::xxh3::xxh3_64(absolute.as_os_str().as_encoded_bytes());
    sessions_dir.join(format!("{stem}-{:08x}.session.ron", hash >> 32))
}

/// `<stem>.<suffix>-<UTC time>.ron` beside `path`, for backups.
fn backup_path(path: &Path, suffix: &str) -> PathBuf {
    let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().trim_end_matches(".ron").to_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}{suffix}-{stamp}.ron"))
}

/// Moves an existing session (snapshot and journal) aside as a dated
/// backup, so that a fresh session can start at `path`. Returns the backup
/// path, or `None` when there was no session. Refuses while the session is
/// open elsewhere.
pub fn back_up(path: &Path) -> Result<Option<PathBuf>, SessionError> {
    if !path.exists() {
        return Ok(None);
    }
    let _lock = lock(path)?;
    let backup = backup_path(path, ".backup");
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| SessionError::Io { path: p, source }
    };
    std::fs::rename(path, &backup).map_err(io(path))?;
    let jpath = journal_path(path);
    if jpath.exists() {
        std::fs::rename(&jpath, journal_path(&backup)).map_err(io(&jpath))?;
    }
    Ok(Some(backup))
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
