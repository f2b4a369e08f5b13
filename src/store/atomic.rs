//! Private, atomic file writes: a temporary file in the same folder, fsync,
//! rename over the target, fsync of the folder. Readers see the old file or
//! the new one, never half of either, and only the owner can read it. The
//! temporary file is unnamed (`O_TMPFILE`) where the file system allows,
//! so a process killed while writing leaves nothing behind.
//!
//! A new file that must not replace one appearing meanwhile is claimed
//! first: an empty placeholder, listed here while it is being written so
//! that an interrupted command can remove it ([`remove_claims`]).

use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use atomic_write_file::unix::OpenOptionsExt as _;

/// Permission bits of every file casebench writes that may hold case data.
pub const PRIVATE_MODE: u32 = 0o600;

/// Writes `bytes` to `path` atomically with mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically(path, |file| file.write_all(bytes))
}

/// Writes what `write` writes to `path` atomically with mode 0600, as it
/// is written (in chunks handed to a thread of its own, see
/// [`piped`](super::pipe::piped)): nothing is held whole in memory. If
/// `write` fails, nothing is written.
pub fn write_private_with<Err: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn super::pipe::Output) -> Result<(), Err>,
) -> Result<(), Err> {
    write_atomically(path, |file| {
        let (written, sunk) = super::pipe::piped(file, write);
        // The file's own error first: `write` then only saw a broken pipe.
        sunk?;
        written
    })
}

/// Opens `path` to be replaced atomically (mode 0600), lets `write` fill
/// it and commits it; nothing is written if `write` fails.
fn write_atomically<Err: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut atomic_write_file::AtomicWriteFile) -> Result<(), Err>,
) -> Result<(), Err> {
    let mut options = atomic_write_file::OpenOptions::new();
    options.preserve_mode(false).mode(PRIVATE_MODE);
    let mut file = options.open(path)?;
    // A big file goes to disk while it is still being written, from a
    // thread of its own, so that the last fsync (before the rename) finds
    // little left to write: for a 500 MB export that fsync alone took a
    // second.
    let flushed = file.as_file().try_clone()?;
    let (finished, wait) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                wait.recv_timeout(FLUSH_EVERY)
            {
                // Only a head start: the commit's own fsync is what counts.
                let _ = flushed.sync_data();
            }
        });
        let written = write(&mut file);
        drop(finished);
        written?;
        Ok(file.commit()?)
    })
}

/// The pause between two flushes of a file being written. Short: the
/// disk writes only while a flush runs (the kernel starts on its own only
/// after many seconds or much more dirty memory), so a long pause left it
/// idle. A 471 MB export's last fsync took 0.34 s after pauses of 250 ms,
/// 0.03 to 0.08 s after pauses of 10 ms.
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(10);

/// Placeholders of new files being written, removed if the command is
/// interrupted.
static CLAIMS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A new file claimed by its empty placeholder while it is written: if it
/// is dropped before [`Claim::done`], the placeholder is removed.
#[derive(Debug)]
pub struct Claim {
    path: PathBuf,
}

impl Claim {
    /// Creates `path` empty (mode 0600), failing with
    /// [`io::ErrorKind::AlreadyExists`] if anything is there, and lists it
    /// for [`remove_claims`].
    pub fn new(path: &Path) -> io::Result<Self> {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(PRIVATE_MODE)
            .open(path)?;
        claims().push(path.to_owned());
        Ok(Self {
            path: path.to_owned(),
        })
    }

    /// The file has been written in full: keep it.
    pub fn done(self) {
        unlist(&self.path);
        std::mem::forget(self);
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        unlist(&self.path);
        let _ = std::fs::remove_file(&self.path);
    }
}

fn claims() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it usable.
    CLAIMS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn unlist(path: &Path) {
    claims().retain(|p| p != path);
}

/// Removes every placeholder still being written; for a command that is
/// interrupted (Ctrl-C) and exits at once.
pub fn remove_claims() {
    for path in claims().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Opens (creating if needed, mode 0600) a file for appending.
pub fn open_private_append(path: &Path) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .mode(PRIVATE_MODE)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn writes_are_private_and_replace_the_old_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.ron");
        std::fs::write(&path, "old").expect("seed");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write_private(&path, b"new").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("ls").count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_claim_is_removed_unless_done_and_when_interrupted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        let claim = Claim::new(&path).expect("claim");
        assert_eq!(
            Claim::new(&path).expect_err("taken").kind(),
            io::ErrorKind::AlreadyExists
        );
        drop(claim);
        assert!(!path.exists(), "a failed write leaves no placeholder");

        let kept = Claim::new(&path).expect("claim");
        write_private(&path, b"whole").expect("write");
        kept.done();
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "whole");

        let other = dir.path().join("other.csv");
        let pending = Claim::new(&other).expect("claim");
        assert!(claims().contains(&other));
        remove_claims();
        assert!(!other.exists(), "an interrupted command removes it");
        assert!(!claims().contains(&other));
        drop(pending);
    }

    #[test]
    fn a_failed_streamed_write_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.csv");
        std::fs::write(&path, "old").expect("seed");
        let failed = write_private_with(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("broken"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
        write_private_with::<io::Error>(&path, |w| w.write_all(b"new")).expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    }

    #[test]
    fn append_files_are_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("j");
        let mut f = open_private_append(&path).expect("open");
        f.write_all(b"x\n").expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
