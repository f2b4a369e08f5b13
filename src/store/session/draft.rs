//! The note being written, kept beside the session while it is typed
//! (`<session>.draft`, private), so that a terminal that closes or a crash
//! loses at most the last second of typing: the next start offers it back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A note not yet saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The case the note is for.
    pub case: String,
    /// The text typed so far.
    pub text: String,
}

/// Where the draft of the session at `session` is kept.
pub fn draft_path(session: &Path) -> PathBuf {
    super::beside::beside(session, ".draft")
}

/// Keeps `draft` (atomically, private).
pub fn write_draft(session: &Path, draft: &Draft) -> std::io::Result<()> {
    super::beside::write_ron(&draft_path(session), draft)
}

/// The draft kept for the session at `session`, if any and readable; its
/// text is made inert like any text read from a file.
pub fn read_draft(session: &Path) -> Option<Draft> {
    let draft: Draft = super::beside::read_ron(&draft_path(session))?;
    Some(Draft {
        case: crate::model::text::sanitize_line(&draft.case),
        text: crate::model::text::sanitize(&draft.text),
    })
}

/// Forgets the draft (the note was saved or dropped).
pub fn remove_draft(session: &Path) {
    // Nothing there is fine; a draft that cannot be removed is offered
    // again at the next start, which is the safe side.
    let _ = std::fs::remove_file(draft_path(session));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_kept_private_read_back_inert_and_removed() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("s.session.ron");
        assert_eq!(read_draft(&session), None);
        let draft = Draft {
            case: "CP-007".into(),
            text: "Half a note\u{1b}]0;x\u{7}".into(),
        };
        write_draft(&session, &draft).expect("write");
        let mode = std::fs::metadata(draft_path(&session))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let back = read_draft(&session).expect("read");
        assert_eq!(back.case, "CP-007");
        assert!(back.text.starts_with("Half a note") && !back.text.contains('\u{1b}'));
        remove_draft(&session);
        assert_eq!(read_draft(&session), None);
    }
}
