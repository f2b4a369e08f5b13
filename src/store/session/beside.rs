//! Files kept beside a session, named after it (`<session>.journal`,
//! `.lock`, `.draft`…), and the small private RON files among them.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::atomic::write_private;

/// `session` with `suffix` added to its file name: `s.session.ron.lock`.
pub(super) fn beside(session: &Path, suffix: &str) -> PathBuf {
    let mut name = session.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `value` as RON to `path`, atomically and private.
pub(super) fn write_ron<T: Serialize + ?Sized>(path: &Path, value: &T) -> std::io::Result<()> {
    let text = ron::to_string(value).map_err(std::io::Error::other)?;
    write_private(path, text.as_bytes())
}

/// What `path` holds as RON, if it exists and reads as a `T` (the caller
/// makes its text inert).
pub(super) fn read_ron<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_beside_a_session_keep_its_whole_name() {
        assert_eq!(
            beside(Path::new("/d/a b.session.ron"), ".lock"),
            Path::new("/d/a b.session.ron.lock")
        );
    }
}
