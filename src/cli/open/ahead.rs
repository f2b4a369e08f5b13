//! What is done about the session while a big sample is read: the first
//! cases shown and, once the session's state of them is known, graded;
//! the session locked and read ahead; and the gate that decides whether
//! a cancel or the opening came first.

use std::path::PathBuf;
use std::sync::{Mutex, mpsc};

use super::super::reading;
use super::super::target;
use super::super::{Cli, absolute};
use crate::app::{Action, App};
use crate::config::Config;
use crate::model::review::Review;
use crate::paths::Paths;
use crate::store::session;

/// Where the opening stands, between the screen (which may cancel it
/// while the sample is read) and the thread that opens the session:
/// whichever comes first decides, so a cancelled opening writes nothing
/// and an opening under way is never cut short.
pub(super) struct Gate(Mutex<Opening>);

/// The opening was cancelled.
pub(super) struct Cancelled;

/// See [`Gate`].
enum Opening {
    /// Not begun; the session's lock, if taken ahead.
    Waiting(Option<session::SessionLock>),
    /// Begun.
    Begun,
    /// Cancelled.
    Cancelled,
}

impl Gate {
    /// The gate of an opening not begun, with the session's lock if it
    /// was taken ahead.
    pub(super) fn new(lock: Option<session::SessionLock>) -> Self {
        Self(Mutex::new(Opening::Waiting(lock)))
    }

    /// Begins the opening, with the lock taken ahead, unless it was
    /// cancelled.
    pub(super) fn open(&self) -> Result<Option<session::SessionLock>, Cancelled> {
        let mut state = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match std::mem::replace(&mut *state, Opening::Begun) {
            Opening::Waiting(lock) => Ok(lock),
            Opening::Begun => Ok(None),
            Opening::Cancelled => {
                *state = Opening::Cancelled;
                Err(Cancelled)
            }
        }
    }

    /// Cancels the opening unless it has begun (then `false`), giving up
    /// the lock taken ahead.
    pub(super) fn cancel(&self) -> bool {
        let mut state = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match std::mem::replace(&mut *state, Opening::Cancelled) {
            Opening::Waiting(lock) => {
                if let Some(lock) = lock {
                    lock.release();
                }
                true
            }
            Opening::Cancelled => true,
            Opening::Begun => {
                *state = Opening::Begun;
                false
            }
        }
    }
}

/// Samples bigger than this show their first cases while they are read.
const BIG_SAMPLE: u64 = 4 << 20;

/// The session the command line names, as the file it is: a session named
/// through a symbolic link is the file it points to, so that its journal
/// and lock go beside that file and two names never fork one session.
pub(super) fn named_session(cli: &Cli) -> Option<PathBuf> {
    cli.session
        .as_ref()
        .map(|s| std::fs::canonicalize(s).unwrap_or_else(|_| s.clone()))
}

/// Whether the session at `path` may be locked ahead: a file there that is
/// not a session is left alone (opening says so).
pub(super) fn lockable(path: &std::path::Path) -> bool {
    !path.exists() || target::is_session(path)
}

/// The first cases of a big CSV or TSV sample, as an app to move through
/// and read while the whole sample is read (`None`: not a big CSV or TSV).
pub(super) fn preview_app(paths: &Paths, config: Config, cli: &Cli, reviewer: &str) -> Option<App> {
    let path = absolute(cli.sample.as_deref()?).ok()?;
    if std::fs::metadata(&path).ok()?.len() <= BIG_SAMPLE {
        return None;
    }
    let session = named_session(cli)
        .unwrap_or_else(|| session::find_default(&paths.sessions_dir(), Some(&path), reviewer));
    let recorded = reading::recorded_options(&session);
    let read = reading::preview(&path, config, (&recorded, &cli.read.options()))?;
    Some(App::starting(read.sample, read.setup.config, reviewer.to_owned(), session).previewing())
}

/// Reads the session of `preview` ahead, in a thread of its own while the
/// sample is read, and if `grade_ahead`, sends `known` what it holds for
/// the preview's cases (an empty review at once when the review is new,
/// nothing when that cannot be known): they can be graded from then on.
/// The thread's result is the session's parse, for the opening.
pub(super) fn read_ahead(
    preview: &App,
    grade_ahead: bool,
    known: mpsc::Sender<Action>,
) -> std::thread::JoinHandle<Option<session::Preread>> {
    let path = preview.session_path().to_owned();
    let first = preview.shared_sample();
    let scale = preview.config().scale.clone();
    std::thread::spawn(move || {
        if !grade_ahead {
            return session::preread(&path);
        }
        if !path.exists() && !session::journal_path(&path).exists() {
            let review = Review::new(scale, first.len());
            let _ = known.send(Action::FirstCasesKnown(Box::new(review), None));
            return None;
        }
        // The first cases' rows alone first (tens of milliseconds), then
        // the whole session.
        if let Some((review, cursor)) = session::first_cases(&path, &first, &scale) {
            let _ = known.send(Action::FirstCasesKnown(Box::new(review), cursor));
        }
        session::preread(&path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whichever comes first decides: a cancel before the opening stops it
    /// (and gives up the lock taken ahead, leaving no lock file); an
    /// opening under way is never cancelled.
    #[test]
    fn a_cancel_and_the_opening_never_both_happen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.session.ron");
        let cancelled = Gate::new(Some(session::lock_ahead(&path).expect("lock")));
        assert!(cancelled.cancel());
        assert!(cancelled.open().is_err(), "nothing opens once cancelled");
        assert!(!dir.path().join("s.session.ron.lock").exists());
        let opening = Gate::new(Some(session::lock_ahead(&path).expect("lock")));
        let lock = opening
            .open()
            .ok()
            .flatten()
            .expect("the lock, handed over");
        assert!(lock.locks(&path));
        assert!(!opening.cancel(), "the opening is under way");
        assert!(opening.open().is_ok());
    }
}
