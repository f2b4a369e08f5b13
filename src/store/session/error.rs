//! What can go wrong reading or writing a session.

use std::path::PathBuf;

use super::VERSION;
use crate::model::review::ReviewError;

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
    /// The snapshot fails its checksum: it was changed or damaged.
    #[error(
        "{}: the session snapshot fails its checksum (it was changed or damaged); open it in casebench to rebuild it from its journal, which keeps the damaged file aside",
        path.display()
    )]
    Damaged {
        /// The file concerned.
        path: PathBuf,
    },
    /// The session was written by a newer casebench.
    #[error("{}: session format version {found} is not supported (this casebench reads versions 1 to {VERSION})", path.display())]
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
    #[error("{}: {place}: {source}", path.display())]
    Content {
        /// The file concerned.
        path: PathBuf,
        /// Where in it, as a reader finds it: the snapshot's case, or the
        /// journal's change by sequence number and case.
        place: String,
        /// What does not fit.
        source: ReviewError,
    },
    /// Another casebench has the session open.
    #[error(
        "{}: this session is open in another casebench ({holder}); close it there first. The operating system releases the lock when that casebench ends, even if it crashed; on a network drive whose lock outlived its machine, delete {}.lock",
        path.display(),
        path.display()
    )]
    Locked {
        /// The session file.
        path: PathBuf,
        /// Who holds it, as the lock file says: process, user, machine and
        /// since when.
        holder: String,
    },
    /// Serialising failed (should not happen).
    #[error("cannot encode session: {0}")]
    Encode(String),
}
