//! Private, atomic file writes: a temporary file in the same folder, fsync,
//! rename over the target, fsync of the folder. Readers see the old file or
//! the new one, never half of either, and only the owner can read it.

use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;

use atomic_write_file::unix::OpenOptionsExt as _;

/// Permission bits of every file casebench writes that may hold case data.
pub const PRIVATE_MODE: u32 = 0o600;

/// Writes `bytes` to `path` atomically with mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = atomic_write_file::OpenOptions::new();
    options.preserve_mode(false).mode(PRIVATE_MODE);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.commit()
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
    fn append_files_are_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("j");
        let mut f = open_private_append(&path).expect("open");
        f.write_all(b"x\n").expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
