//! Where session files live and how they are locked and backed up.

use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{SessionError, journal_path};
use crate::store::atomic::open_private_append;

/// Takes the session's lock (a `.lock` file beside it) for as long as the
/// returned file is open.
pub(super) fn lock(path: &Path) -> Result<File, SessionError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
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

/// Moves an existing session (snapshot and journal) aside as a dated
/// backup, so that a fresh session can start at `path`. Returns the backup
/// path, or `None` when there was no session. Refuses while the session is
/// open elsewhere.
pub fn back_up(path: &Path) -> Result<Option<PathBuf>, SessionError> {
    if !path.exists() {
        return Ok(None);
    }
    let _lock = lock(path)?;
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
    Ok(Some(backup))
}
