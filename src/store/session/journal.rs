//! The append-only journal beside a session snapshot: one RON entry per
//! line, each followed by a tab and a checksum of the entry (xxh3-64, hex)
//! and fsynced before the screen shows the change as saved. It is the
//! session's audit trail, never rewritten; the snapshot records how much of
//! it it already includes. Its cost per change does not depend on the size
//! of the sample. A damaged line (it fails its checksum or does not parse)
//! is reported and skipped: every intact line before and after it counts.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::change::Entry;
use crate::store::atomic::open_private_append;

use super::SessionError;

/// The journal path for a session snapshot path: `<snapshot>.journal`.
pub fn journal_path(snapshot: &Path) -> PathBuf {
    super::beside::beside(snapshot, ".journal")
}

/// A journal line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Line number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct JournalRead {
    /// The entries read, oldest first.
    pub entries: Vec<Entry>,
    /// Lines that were damaged and skipped.
    pub damaged: Vec<Damage>,
    /// Length in bytes of the complete lines.
    pub complete: u64,
    /// Length of a torn last line (no newline), skipped.
    pub torn: u64,
}

/// Reads the entries of a journal from byte `from` on (0: all of it; a
/// snapshot's mark: only what it does not include). A missing journal has
/// none.
///
/// A last line without its newline is a write torn by a crash: it was never
/// reported as saved, so it is skipped and its length returned (the caller
/// trims it before appending). Any other unusable line is listed in
/// [`JournalRead::damaged`] with its line, and skipped; nothing is changed.
pub fn read(path: &Path, from: u64) -> Result<JournalRead, SessionError> {
    Ok(parse(&read_bytes(path)?, from))
}

/// The bytes of the journal at `path`; none when it does not exist.
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, SessionError> {
    match std::fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(SessionError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Parses journal `bytes` from byte `from` (see [`read`]).
pub(super) fn parse(bytes: &[u8], from: u64) -> JournalRead {
    parse_where(bytes, from, &|_| true)
}

/// [`parse`], skipping the lines of changes to cases `wanted` does not
/// take (their case is read as the line is written, without parsing it;
/// a line not written so is parsed). The first and the last line read are
/// always parsed: they say where the entries start and end.
pub(super) fn parse_where(bytes: &[u8], from: u64, wanted: &dyn Fn(&str) -> bool) -> JournalRead {
    let (complete, torn) = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last) => bytes.split_at(last + 1),
        None => (&bytes[..0], bytes),
    };
    // A journal shorter than the mark was replaced or cut: read all of it
    // and let the sequence numbers say what the snapshot includes.
    let start = usize::try_from(from)
        .ok()
        .filter(|&f| f == 0 || (f <= complete.len() && complete[f - 1] == b'\n'))
        .unwrap_or(0);
    // Line numbers count from the top of the file.
    let first_line = memchr::memchr_iter(b'\n', &complete[..start]).count();
    let mut entries = Vec::new();
    let mut damaged = Vec::new();
    let lines = memchr::memchr_iter(b'\n', &complete[start..]).count();
    for (i, raw) in complete[start..].split(|&b| b == b'\n').enumerate() {
        let line = first_line + i + 1;
        let ends = i == 0 || i + 1 == lines;
        if !ends && case_of(raw).is_some_and(|case| !wanted(case)) {
            continue;
        }
        match entry_of(raw) {
            Ok(Some(mut entry)) => {
                entry.sanitize();
                entries.push(entry);
            }
            Ok(None) => {}
            Err(message) => damaged.push(Damage { line, message }),
        }
    }
    JournalRead {
        entries,
        damaged,
        complete: complete.len() as u64,
        torn: torn.len() as u64,
    }
}

/// The case a journal line changes, read as [`line()`] writes it
/// (`(seq:…,at:"…",by:"…",origin:…,change:Kind(case:"…"`), without
/// parsing the line; `None` when it is not written so, or the id holds an
/// escape.
pub(super) fn case_of(raw: &[u8]) -> Option<&str> {
    let rest = raw.strip_prefix(b"(seq:")?;
    let rest = rest.get(rest.iter().position(|b| !b.is_ascii_digit())?..)?;
    let rest = rest.strip_prefix(b",at:\"")?;
    let rest = rest.get(memchr::memchr(b'"', rest)? + 1..)?;
    let rest = rest.strip_prefix(b",by:\"")?;
    // The reviewer's name, to its closing quote: `\` escapes the next byte.
    let mut at = 0;
    loop {
        match rest.get(at)? {
            b'"' => break,
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    let rest = rest.get(at + 1..)?.strip_prefix(b",origin:")?;
    let rest = rest.get(rest.iter().position(|b| !b.is_ascii_alphabetic())?..)?;
    let rest = rest.strip_prefix(b",change:")?;
    let rest = rest.get(rest.iter().position(|b| !b.is_ascii_alphabetic())?..)?;
    let rest = rest.strip_prefix(b"(case:\"")?;
    let end = memchr::memchr2(b'"', b'\\', rest)?;
    if rest[end] != b'"' {
        return None;
    }
    std::str::from_utf8(&rest[..end]).ok()
}

/// The entry on one journal line (`None` for a blank line), checked against
/// its checksum when it has one (lines written before checksums have none).
fn entry_of(raw: &[u8]) -> Result<Option<Entry>, String> {
    let text = std::str::from_utf8(raw).map_err(|_| "invalid UTF-8".to_owned())?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let body = match text.rsplit_once('\t') {
        Some((body, sum)) => {
            if sum.trim() != checksum(body) {
                return Err("its checksum does not match: the line was changed or damaged".into());
            }
            body
        }
        None => text,
    };
    if let Some(entry) = super::entry_line::read(body) {
        return Ok(Some(entry));
    }
    ron::from_str(body)
        .map(Some)
        .map_err(|e| format!("column {}: {}", e.span.start.col, e.code))
}

/// One entry as a journal line: RON, a tab, its checksum, a newline.
pub(super) fn line(entry: &Entry) -> Result<String, SessionError> {
    let mut line = ron::to_string(entry).map_err(|e| SessionError::Encode(e.to_string()))?;
    let sum = checksum(&line);
    line.push('\t');
    line.push_str(&sum);
    line.push('\n');
    Ok(line)
}

/// Writes a whole new journal of `entries` at `path` at once (atomically,
/// private): a combined session's audit trail. Returns its length.
pub fn write_whole(path: &Path, entries: &[Entry]) -> Result<u64, SessionError> {
    let mut text = String::new();
    for e in entries {
        text.push_str(&line(e)?);
    }
    crate::store::atomic::write_private(path, text.as_bytes()).map_err(|source| {
        SessionError::Io {
            path: path.to_owned(),
            source,
        }
    })?;
    Ok(text.len() as u64)
}

/// The checksum written after each entry.
fn checksum(body: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
}

/// Reads the entries in the first `upto` bytes of a journal (a snapshot's
/// mark, which always ends a line).
pub fn read_prefix(path: &Path, upto: u64) -> Result<JournalRead, SessionError> {
    let mut file = std::fs::File::open(path).map_err(|source| SessionError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, upto), &mut bytes).map_err(
        |source| SessionError::Io {
            path: path.to_owned(),
            source,
        },
    )?;
    Ok(parse(&bytes, 0))
}

/// What the journal needs of the file it appends to. A real journal uses a
/// [`File`]; tests wrap one to make chosen writes fail (a full disk, an I/O
/// error, a write that stops half-way).
pub trait AppendFile: std::fmt::Debug + Send {
    /// Writes all of `bytes` at the end of the file.
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Waits until what was written is on disk.
    fn sync_data(&mut self) -> io::Result<()>;
    /// Cuts (or extends) the file to `len` bytes.
    fn set_len(&mut self, len: u64) -> io::Result<()>;
}

impl AppendFile for File {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        io::Write::write_all(self, bytes)
    }

    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }

    fn set_len(&mut self, len: u64) -> io::Result<()> {
        File::set_len(self, len)
    }
}

/// An open journal, appending durably.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Box<dyn AppendFile>,
    /// Length of the complete, durable lines: the file's true end.
    len: u64,
    /// A failed append may have left part of a line past `len` that could
    /// not be cut off yet; it must be before anything else is written.
    ragged: bool,
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
        let len = file.metadata().map_err(io_err)?.len();
        let mut journal = Self {
            path: path.to_owned(),
            file: Box::new(file),
            len: len.saturating_sub(torn),
            ragged: torn > 0,
        };
        journal.cut_ragged_end()?;
        Ok(journal)
    }

    /// Appends one entry and waits until it is on disk. On failure the
    /// file is cut back to its last complete line, so a later append never
    /// continues a half-written one (which would make the line, and with it
    /// the whole journal, unreadable).
    pub fn append(&mut self, entry: &Entry) -> Result<(), SessionError> {
        let line = line(entry)?;
        self.cut_ragged_end()?;
        let written = self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data());
        if let Err(source) = written {
            self.ragged = true;
            // If even the cut fails, the next append tries it again first;
            // the error worth reporting is the write's.
            let _ = self.cut_ragged_end();
            return Err(SessionError::Io {
                path: self.path.clone(),
                source,
            });
        }
        self.len += line.len() as u64;
        Ok(())
    }

    /// Cuts off what a failed write or a crash left after the last complete
    /// line, if anything.
    fn cut_ragged_end(&mut self) -> Result<(), SessionError> {
        if self.ragged {
            self.file
                .set_len(self.len)
                .and_then(|()| self.file.sync_data())
                .map_err(|source| SessionError::Io {
                    path: self.path.clone(),
                    source,
                })?;
            self.ragged = false;
        }
        Ok(())
    }

    /// Length in bytes of what has been written.
    pub fn bytes(&self) -> u64 {
        self.len
    }

    /// Puts a wrapper around the journal's file (tests use it to make
    /// chosen writes fail).
    #[cfg(test)]
    pub fn wrap_file(&mut self, wrap: impl FnOnce(Box<dyn AppendFile>) -> Box<dyn AppendFile>) {
        let file = std::mem::replace(&mut self.file, Box::new(NoFile));
        self.file = wrap(file);
    }
}

/// Stands in for the file for the moment [`Journal::wrap_file`] holds it.
#[cfg(test)]
#[derive(Debug)]
struct NoFile;

#[cfg(test)]
impl AppendFile for NoFile {
    fn write_all(&mut self, _: &[u8]) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    fn sync_data(&mut self) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    fn set_len(&mut self, _: u64) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }
}
