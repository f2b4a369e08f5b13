//! The append-only journal beside a session snapshot: one RON entry per
//! line, each fsynced before the screen shows the change as saved. Its cost
//! per change does not depend on the size of the sample.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::model::change::Entry;
use crate::store::atomic::open_private_append;

use super::SessionError;

/// The journal path for a session snapshot path: `<snapshot>.journal`.
pub fn journal_path(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// Reads the entries of a journal. A missing journal has none.
///
/// A last line without its newline is a write torn by a crash: it was never
/// reported as saved, so it is skipped and its length returned (the caller
/// trims it before appending). Any other unreadable line is an error with
/// its line and column, and nothing is changed.
pub fn read(path: &Path) -> Result<(Vec<Entry>, u64), SessionError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(source) => {
            return Err(SessionError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    let (complete, torn) = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last) => bytes.split_at(last + 1),
        None => (&bytes[..0], &bytes[..]),
    };
    let text = std::str::from_utf8(complete).map_err(|e| {
        let line = complete[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        SessionError::Parse {
            path: path.to_owned(),
            line,
            column: 1,
            message: "invalid UTF-8".into(),
        }
    })?;
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = ron::from_str(line).map_err(|e| SessionError::Parse {
            path: path.to_owned(),
            line: i + 1,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        entries.push(entry);
    }
    Ok((entries, torn.len() as u64))
}

/// An open journal, appending durably.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Opens (creating, 0600) the journal for appending, first trimming a torn
    /// last line of `torn` bytes left by a crash.
    pub fn open(path: &Path, torn: u64) -> Result<Self, SessionError> {
        let io_err = |source| SessionError::Io {
            path: path.to_owned(),
            source,
        };
        let file = open_private_append(path).map_err(io_err)?;
        if torn > 0 {
            let len = file.metadata().map_err(io_err)?.len();
            file.set_len(len.saturating_sub(torn)).map_err(io_err)?;
            file.sync_data().map_err(io_err)?;
        }
        Ok(Self {
            path: path.to_owned(),
            file,
        })
    }

    /// Appends one entry and waits until it is on disk.
    pub fn append(&mut self, entry: &Entry) -> Result<(), SessionError> {
        let mut line = ron::to_string(entry).map_err(|e| SessionError::Encode(e.to_string()))?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|source| SessionError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Empties the journal once a snapshot holds everything in it.
    pub fn clear(&mut self) -> Result<(), SessionError> {
        self.file
            .set_len(0)
            .and_then(|()| self.file.sync_data())
            .map_err(|source| SessionError::Io {
                path: self.path.clone(),
                source,
            })
    }
}
