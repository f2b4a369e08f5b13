//! The state of a session on disk, for `casebench check`: whether the
//! snapshot passes its checksum, which journal lines are damaged, whether a
//! write was torn; and the one repair that needs no judgement: a journal
//! written again without its damaged lines, the original kept aside.

use std::path::{Path, PathBuf};

use super::journal::{self, Damage, journal_path};
use super::placement::aside_path;
use super::{SessionError, read_snapshot};
use crate::store::atomic::write_private;

/// What the snapshot is like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotHealth {
    /// It reads and passes its checksum (or predates checksums).
    Intact,
    /// There is none.
    Missing,
    /// It fails its checksum.
    Damaged,
    /// It cannot be read: why.
    Unreadable(String),
}

/// The state of a session's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// The snapshot.
    pub snapshot: SnapshotHealth,
    /// Intact journal entries.
    pub entries: usize,
    /// Damaged journal lines.
    pub damaged: Vec<Damage>,
    /// Bytes of an unfinished last line (a write a crash cut short).
    pub torn: u64,
    /// Changes made while a big sample was read, kept beside the session
    /// for its next opening (see [`super::read_pending`]).
    pub kept: usize,
}

impl Health {
    /// Whether nothing needs doing.
    pub fn is_sound(&self) -> bool {
        self.snapshot == SnapshotHealth::Intact && self.damaged.is_empty()
    }
}

/// Reads the session at `path` and says what state it is in, changing
/// nothing.
pub fn check(path: &Path) -> Result<Health, SessionError> {
    let snapshot = if path.exists() {
        match read_snapshot(path) {
            Ok(_) => SnapshotHealth::Intact,
            Err(SessionError::Damaged { .. }) => SnapshotHealth::Damaged,
            Err(e) => SnapshotHealth::Unreadable(e.to_string()),
        }
    } else {
        SnapshotHealth::Missing
    };
    let read = journal::read(&journal_path(path), 0)?;
    Ok(Health {
        snapshot,
        entries: read.entries.len(),
        damaged: read.damaged,
        torn: read.torn,
        kept: super::read_pending(path).map_or(0, |kept| kept.len()),
    })
}

/// Writes the journal again without its damaged lines (and without a torn
/// last line), keeping the original aside; returns where, or `None` when
/// there was nothing to repair. Intact lines are copied byte for byte.
pub fn repair_journal(path: &Path) -> Result<Option<PathBuf>, SessionError> {
    // Never while a casebench has the session open.
    let _lock = super::placement::lock(path)?;
    let jpath = journal_path(path);
    let read = journal::read(&jpath, 0)?;
    if read.damaged.is_empty() && read.torn == 0 {
        return Ok(None);
    }
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| SessionError::Io { path: p, source }
    };
    let bytes = std::fs::read(&jpath).map_err(io(&jpath))?;
    let bad: std::collections::HashSet<usize> = read.damaged.iter().map(|d| d.line).collect();
    let complete = &bytes[..usize::try_from(read.complete).unwrap_or(bytes.len())];
    let mut kept = Vec::with_capacity(complete.len());
    for (i, line) in complete.split_inclusive(|&b| b == b'\n').enumerate() {
        if !bad.contains(&(i + 1)) {
            kept.extend_from_slice(line);
        }
    }
    let aside = aside_path(&jpath, ".damaged");
    std::fs::copy(&jpath, &aside).map_err(io(&aside))?;
    write_private(&jpath, &kept).map_err(io(&jpath))?;
    Ok(Some(aside))
}
