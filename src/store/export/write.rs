//! Writing an export's file: private, atomic, never over the session or
//! its sample, and never over an existing file unless allowed.

use std::path::{Path, PathBuf};

use super::ExportError;
use crate::store::atomic::{Claim, write_private_with};

/// Never lets an export replace the session, its journal or its sample,
/// even when overwriting is allowed.
pub fn refuse_own_files(
    out: &Path,
    session: &Path,
    sample: Option<&Path>,
) -> Result<(), ExportError> {
    let Ok(out_abs) = std::fs::canonicalize(out) else {
        return Ok(()); // does not exist yet
    };
    let protected: Vec<PathBuf> = [
        Some(session.to_owned()),
        Some(crate::store::session::journal_path(session)),
        Some(crate::store::session::lock_path(session)),
    ]
    .into_iter()
    .chain([sample.map(Path::to_owned)])
    .flatten()
    .filter_map(|p| std::fs::canonicalize(p).ok())
    .collect();
    if protected.contains(&out_abs) {
        return Err(ExportError::OwnFile(out.to_owned()));
    }
    Ok(())
}

/// Whether [`write_file`] may replace an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Fail with [`ExportError::Exists`] if the file exists.
    Refuse,
    /// Replace it.
    Allow,
}

/// Writes `bytes` to `path` atomically with mode 0600. With
/// [`Overwrite::Refuse`] an existing file (or symlink) is an error, and the
/// name is claimed before writing, so a file appearing meanwhile is never
/// replaced either.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), ExportError> {
    write_file_with(path, overwrite, |w| {
        w.write_all(bytes).map_err(ExportError::Write)
    })
}

/// [`write_file`] of what `write` writes, as it is written. If `write`
/// fails or the command is interrupted, nothing is written: no file, no
/// placeholder.
pub fn write_file_with(
    path: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn crate::store::pipe::Output) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let claim = match overwrite {
        Overwrite::Allow => None,
        Overwrite::Refuse => match Claim::new(path) {
            // Claimed: the empty placeholder is replaced atomically below.
            Ok(claim) => Some(claim),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(ExportError::Exists(path.to_owned()));
            }
            Err(e) => return Err(io(e)),
        },
    };
    match write_private_with(path, |w| write(w).map_err(Failed::Export)) {
        Ok(()) => {
            if let Some(claim) = claim {
                claim.done();
            }
            Ok(())
        }
        Err(Failed::Io(e) | Failed::Export(ExportError::Write(e))) => Err(io(e)),
        Err(Failed::Export(e)) => Err(e),
    }
}

/// Why [`write_file_with`] failed: writing the file, or the export.
enum Failed {
    Io(std::io::Error),
    Export(ExportError),
}

impl From<std::io::Error> for Failed {
    fn from(e: std::io::Error) -> Self {
        Failed::Io(e)
    }
}
