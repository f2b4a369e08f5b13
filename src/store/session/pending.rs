//! Changes made on the first cases of a big sample while it is read, kept
//! beside the session (`<session>.ahead`, private, written whole and
//! synced at every change) until they are in its journal, which cannot be
//! written before the session is open: a crash or a failed opening loses
//! none of them, and the next opening takes them in.

use std::path::{Path, PathBuf};

use crate::model::change::Entry;

/// Where the changes made ahead of the opening of the session at
/// `session` are kept.
pub fn pending_path(session: &Path) -> PathBuf {
    super::beside::beside(session, ".ahead")
}

/// Keeps `entries` (all of them: the file is replaced, atomically).
pub fn write_pending(session: &Path, entries: &[Entry]) -> std::io::Result<()> {
    super::beside::write_ron(&pending_path(session), entries)
}

/// The changes kept for the session at `session`, if any and readable,
/// their text made inert like any text read from a file.
pub fn read_pending(session: &Path) -> Option<Vec<Entry>> {
    let mut entries: Vec<Entry> = super::beside::read_ron(&pending_path(session))?;
    for entry in &mut entries {
        entry.sanitize();
    }
    Some(entries)
}

/// Forgets the changes kept (they are in the journal).
pub fn remove_pending(session: &Path) {
    // Nothing there is fine; a file that cannot be removed is taken in
    // again at the next opening, which skips what the review already has.
    let _ = std::fs::remove_file(pending_path(session));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::change::{Change, Origin};

    #[test]
    fn changes_kept_ahead_are_private_read_back_inert_and_removed() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("s.session.ron");
        assert_eq!(read_pending(&session), None);
        let entry = Entry {
            seq: 3,
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "rev\u{1b}[2J".into(),
            origin: Origin::Edit,
            change: Change::Flag {
                case: "CP-007".into(),
                to: true,
            },
            cursor: Some("CP-008".into()),
        };
        write_pending(&session, std::slice::from_ref(&entry)).expect("write");
        let mode = std::fs::metadata(pending_path(&session))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let back = read_pending(&session).expect("read");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].change, entry.change);
        assert!(!back[0].by.contains('\u{1b}'), "{:?}", back[0].by);
        remove_pending(&session);
        assert_eq!(read_pending(&session), None);
    }
}
