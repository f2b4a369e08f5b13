//! Opening a session: resume it (the snapshot, then the journal entries
//! it lacks), rebuild it from its journal when the snapshot is gone, or
//! create it; report what changed since it was saved (the sample, the
//! settings).

use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;

use jiff::Timestamp;

use super::ahead::read_snapshot_or;
use super::journal::{Journal, journal_path};
use super::placement::lock;
use super::{
    EarlierHistory, JournalMark, Meta, Preread, SessionError, SessionFile, SessionLock,
    SessionStore, SettingsRecord, load, rebuild, write_snapshot,
};
use crate::model::case::{CaseIdx, Sample};
use crate::model::review::Review;
use crate::model::scale::Scale;
use crate::model::team::TeamRecord;
use crate::store::sample::ReadOptions;

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
    /// A combined or moderated session's team record.
    pub team: Option<TeamRecord>,
}

/// What a session records about how its review runs: how the sample is
/// read, and the settings in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// How the sample file is read.
    pub read: ReadOptions,
    /// The settings the review runs with.
    pub settings: SettingsRecord,
    /// A combined or moderated session's team record (taken from the
    /// snapshot on resume).
    pub team: Option<TeamRecord>,
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
    open_prepared(path, sample, scale, reviewer, read, Ahead::default())
}

/// What was done about a session while its sample was read.
#[derive(Debug, Default)]
pub struct Ahead {
    /// Its snapshot, parsed ([`super::preread`]): used if the file has not
    /// changed since.
    pub preread: Option<Preread>,
    /// Its lock ([`super::lock_ahead`]).
    pub lock: Option<SessionLock>,
}

/// [`open_with`], with what was done `ahead` while the sample was read.
pub fn open_prepared(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
    ahead: Ahead,
) -> Result<Opened, SessionError> {
    let Ahead {
        preread,
        lock: held,
    } = ahead;
    let lock = if let Some(lock) = held.and_then(|held| held.of(path)) {
        lock
    } else {
        super::placement::make_folder(path)?;
        lock(path)?
    };
    super::placement::clean_temporaries(path);
    if path.exists() {
        match resume(path, lock, sample, scale, reviewer, read, preread) {
            Err(SessionError::Damaged { .. }) => {
                rebuild_damaged(path, sample, scale, reviewer, read)
            }
            other => other,
        }
    } else if journal_path(path).exists() {
        recover(path, lock, sample, scale, reviewer, read)
    } else {
        create(path, lock, sample, scale, reviewer, read)
    }
}

/// A snapshot that fails its checksum: it is kept aside (never deleted)
/// and the review is rebuilt from the journal, which holds every change.
fn rebuild_damaged(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
) -> Result<Opened, SessionError> {
    let aside = super::placement::aside_path(path, ".damaged");
    std::fs::rename(path, &aside).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })?;
    let lock = lock(path)?;
    let mut opened = recover(path, lock, sample, scale, reviewer, read)?;
    opened.warnings[0] = format!(
        "the session's snapshot failed its checksum; it is kept as {} and the review was rebuilt from the journal ({} changes)",
        aside.display(),
        opened.review.next_seq() - 1
    );
    Ok(opened)
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
    // A combined session starts from the snapshot it was made with (kept
    // beside it, never rewritten): its merged state and team record cannot
    // be rebuilt by replaying the imported trails.
    let base = super::placement::base_path(path);
    if base.exists() {
        let bytes = std::fs::read(&base).map_err(|source| SessionError::Io {
            path: base.clone(),
            source,
        })?;
        crate::store::atomic::write_private(path, &bytes).map_err(|source| SessionError::Io {
            path: path.to_owned(),
            source,
        })?;
    } else {
        write_empty_snapshot(path, sample, scale, reviewer, read, None)?;
    }
    let mut opened = resume(path, lock, sample, scale, reviewer, read, None)?;
    opened.warnings.insert(
        0,
        format!(
            "the session's snapshot was missing: the review was rebuilt from its journal ({} changes)",
            opened.review.next_seq() - 1
        ),
    );
    Ok(opened)
}

/// Writes the snapshot of a review with nothing recorded yet, on `cursor`;
/// returns that review and its creation time.
fn write_empty_snapshot(
    path: &Path,
    sample: &Sample,
    scale: &Scale,
    reviewer: &str,
    read: &Recorded,
    cursor: Option<String>,
) -> Result<(Review, Timestamp), SessionError> {
    let now = Timestamp::now();
    let review = Review::new(scale.clone(), sample.len());
    let meta = Meta {
        reviewer: reviewer.to_owned(),
        created: now,
        updated: now,
        read: read.read.clone(),
        settings: read.settings.clone(),
        team: read.team.clone(),
    };
    write_snapshot(
        path,
        &SessionFile::capture(sample, &review, meta, cursor, JournalMark::default()),
    )?;
    Ok((review, now))
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
    let first = sample.get(0).map(|c| c.id.to_string());
    let (review, now) = write_empty_snapshot(path, sample, scale, reviewer, read, first)?;
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
        team: read.team.clone(),
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
    reviewer: &str,
    read_options: &Recorded,
    preread: Option<Preread>,
) -> Result<Opened, SessionError> {
    let (file, unsaved_ahead) = read_snapshot_or(path, preread)?;
    check_scale(path, &file.scale, scale)?;
    let mut warnings = Vec::new();
    if file.reviewer != reviewer {
        // Named on purpose (--session), but worth saying: a second reader
        // who opened a colleague's file is no longer reading blind.
        warnings.push(format!(
            "this is {}'s session: your changes are recorded as {reviewer}",
            file.reviewer
        ));
    }
    let jpath = journal_path(path);
    // Only what the snapshot lacks is read now; the rest of the audit trail
    // (for undo and the history) is left for the background.
    let (read, deferred) = load::read_unsaved(&jpath, file.journal, unsaved_ahead)?;
    let earlier_history = deferred.then(|| EarlierHistory {
        path: jpath.clone(),
        bytes: file.journal.bytes,
    });
    warnings.extend(load::damage_warnings(&jpath, &read.damaged));
    let (review, cursor_id) = rebuild(path, &file, read.entries, sample, scale)?;
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
        read: Recorded {
            team: file.team.clone(),
            ..read_options.clone()
        },
        _lock: lock,
    };
    Ok(Opened {
        team: file.team,
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
