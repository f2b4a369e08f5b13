//! Reading and writing files: samples, sessions, exports.

pub mod atomic;
pub mod export;
pub mod ordered;
pub mod pipe;
pub mod population;
pub mod progress;
pub mod sample;
pub mod session;
pub mod team;

#[cfg(test)]
mod fuzzing;

/// The first `limit` bytes of the file at `path` (all of it if shorter):
/// where a sample's separator, or a session's sample, is told without
/// reading a big file whole.
pub fn read_head(path: &std::path::Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(limit);
    std::fs::File::open(path)?
        .take(limit as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}
