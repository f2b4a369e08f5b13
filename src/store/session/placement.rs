//! Where session files live and how they are locked and backed up.

use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{SessionError, journal_path};
use crate::store::atomic::open_private_append;

/// Creates the folder a session goes in, if missing. Folders casebench
/// creates for sessions are the owner's alone; existing folders are left
/// as they are.
pub(super) fn make_folder(path: &Path) -> Result<(), SessionError> {
    use std::os::unix::fs::DirBuilderExt as _;
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| SessionError::Io {
            path: dir.to_owned(),
            source,
        })
}

/// Where a combined session keeps the snapshot it was made with
/// (`<session>.base`): a damaged or missing snapshot is rebuilt from it and
/// the journal entries after it.
pub(super) fn base_path(path: &Path) -> PathBuf {
    super::beside::beside(path, ".base")
}

/// The session's lock file: `<session>.lock`.
pub(crate) fn lock_path(path: &Path) -> PathBuf {
    super::beside::beside(path, ".lock")
}

/// Takes the session's lock (a `.lock` file beside it) for as long as the
/// returned file is open.
pub(super) fn lock(path: &Path) -> Result<File, SessionError> {
    let lock_path = lock_path(path);
    let file = open_private_append(&lock_path).map_err(|source| SessionError::Io {
        path: lock_path.clone(),
        source,
    })?;
    match file.try_lock() {
        Ok(()) => {
            // Say who holds it, for the message another casebench shows.
            let holder = format!(
                "process {} of {} on {}, since {}",
                std::process::id(),
                std::env::var("USER").unwrap_or_else(|_| "an unknown user".into()),
                host_name(),
                Timestamp::now().strftime("%Y-%m-%d %H:%M UTC")
            );
            let _ = file.set_len(0);
            let _ = std::io::Write::write_all(&mut &file, holder.as_bytes());
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let said = std::fs::read_to_string(&lock_path).unwrap_or_default();
            let holder = crate::model::text::sanitize_line(said.trim());
            Err(SessionError::Locked {
                path: path.to_owned(),
                holder: if holder.is_empty() {
                    "no details recorded".into()
                } else {
                    holder
                },
            })
        }
        Err(std::fs::TryLockError::Error(source)) => Err(SessionError::Io {
            path: lock_path,
            source,
        }),
    }
}

/// Removes what a snapshot write cut short by a kill left behind: the
/// temporary file `.<snapshot name>.<6 letters or digits>` that the atomic
/// write (`atomic-write-file`) renames over the snapshot when it finishes.
/// Called under the session's lock, so no write of ours is under way.
pub(super) fn clean_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let is_ours = file.strip_prefix(&prefix).is_some_and(|suffix| {
            suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if is_ours {
            // A leftover that cannot be removed is only clutter.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// This machine's name, as the kernel knows it.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

/// The default session file of `reviewer` for a sample, in `sessions_dir`:
/// named after the sample file, a hash of its absolute path (so two samples
/// with the same name in different folders never share a session) and the
/// reviewer, so that two reviewers sharing a data folder (a shared drive)
/// each grade in their own session and a second reading stays blind. The
/// demo's is `demo.<reviewer>.session.ron`.
pub fn default_path(sessions_dir: &Path, sample_path: Option<&Path>, reviewer: &str) -> PathBuf {
    let stem = shared_stem(sample_path);
    sessions_dir.join(format!("{stem}.{}.session.ron", reviewer_slug(reviewer)))
}

/// The session a reviewer's default is: [`default_path`], or the one
/// default session per sample that casebench kept before sessions were
/// per reviewer (`<stem>.session.ron`), when this reviewer has no session of
/// their own yet and that older one is theirs (it records them as its
/// reviewer). Another reviewer's older session is never picked.
pub fn find_default(sessions_dir: &Path, sample_path: Option<&Path>, reviewer: &str) -> PathBuf {
    let own = default_path(sessions_dir, sample_path, reviewer);
    if own.exists() || journal_path(&own).exists() {
        return own;
    }
    let older = sessions_dir.join(format!("{}.session.ron", shared_stem(sample_path)));
    let theirs = super::read_snapshot(&older).is_ok_and(|file| file.reviewer == reviewer);
    if theirs { older } else { own }
}

/// The part of a default session's name that says which sample it grades.
fn shared_stem(sample_path: Option<&Path>) -> String {
    let Some(sample_path) = sample_path else {
        return "demo".into();
    };
    let absolute = std::fs::canonicalize(sample_path).unwrap_or_else(|_| sample_path.to_owned());
    let stem = sample_path
        .file_stem()
        .map(|s| file_safe(&s.to_string_lossy()))
        .unwrap_or_default();
    let hash = xxhash_rust::xxh3::xxh3_64(absolute.as_os_str().as_encoded_bytes());
    format!("{stem}-{:08x}", hash >> 32)
}

/// A reviewer's name as part of a file name: letters, digits, `-` and `_`
/// kept, anything else made `_`; a name that lost characters that way (or
/// is empty, or long) also gets a hash of the whole name, so that `O'Brien`
/// and `O_Brien` never share a file.
fn reviewer_slug(reviewer: &str) -> String {
    const MAX: usize = 40;
    let safe: String = file_safe(reviewer).chars().take(MAX).collect();
    if safe == reviewer && !safe.is_empty() {
        safe
    } else {
        let hash = xxhash_rust::xxh3::xxh3_64(reviewer.as_bytes());
        format!("{safe}-{:08x}", hash >> 32)
    }
}

/// `text` with every character other than ASCII letters, digits, `-` and
/// `_` replaced by `_`.
fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `<stem>.<suffix>-<UTC time>.ron` beside `path`, for backups: a name no
/// file has yet (nor its journal), so a backup never replaces an earlier
/// one, even two made within the same second (`…-2.ron`, `…-3.ron`).
/// Callers hold the session's lock, so no other casebench picks the same
/// name meanwhile.
pub(super) fn aside_path(path: &Path, suffix: &str) -> PathBuf {
    let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().trim_end_matches(".ron").to_owned())
        .unwrap_or_default();
    let taken = |p: &Path| p.exists() || journal_path(p).exists();
    let first = path.with_file_name(format!("{stem}{suffix}-{stamp}.ron"));
    if !taken(&first) {
        return first;
    }
    (2u32..=u32::MAX)
        .map(|n| path.with_file_name(format!("{stem}{suffix}-{stamp}-{n}.ron")))
        .find(|p| !taken(p))
        .unwrap_or(first)
}

/// Moves an existing session (snapshot, journal, and what is kept beside
/// them) aside as a dated
/// backup, so that a fresh session can start at `path`. Returns the backup
/// path, or `None` when there was no session. Refuses while the session is
/// open elsewhere.
pub fn back_up(path: &Path) -> Result<Option<PathBuf>, SessionError> {
    if !path.exists() {
        return Ok(None);
    }
    let _lock = lock(path)?;
    move_aside(path)
}

/// [`back_up`], under the session's lock, held by the caller.
pub(super) fn move_aside(path: &Path) -> Result<Option<PathBuf>, SessionError> {
    if !path.exists() {
        return Ok(None);
    }
    let backup = aside_path(path, ".backup");
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| SessionError::Io { path: p, source }
    };
    std::fs::rename(path, &backup).map_err(io(path))?;
    let jpath = journal_path(path);
    if jpath.exists() {
        std::fs::rename(&jpath, journal_path(&backup)).map_err(io(&jpath))?;
    }
    let base = base_path(path);
    if base.exists() {
        std::fs::rename(&base, base_path(&backup)).map_err(io(&base))?;
    }
    // What was being written, or graded while the sample was read, goes
    // with the review it belongs to.
    for beside in [super::draft_path, super::pending_path] {
        let from = beside(path);
        if from.exists() {
            std::fs::rename(&from, beside(&backup)).map_err(io(&from))?;
        }
    }
    Ok(Some(backup))
}
