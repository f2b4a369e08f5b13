//! Write-failure injection for tests: a wrapper around a journal's file
//! that makes the Nth write, fsync or truncation fail with a chosen OS
//! error, a write optionally reaching the disk in part first (as a full
//! disk does).

use std::io;

use super::journal::AppendFile;

/// A file operation the journal performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `write_all`.
    Write,
    /// `sync_data`.
    Sync,
    /// `set_len`.
    SetLen,
}

/// One planned failure: the `nth` (from 1) operation of kind `op` since the
/// wrapper was put in place fails with OS error `errno`; a failing write
/// first writes its first `partial` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    /// Which operation.
    pub op: Op,
    /// Which occurrence of it, from 1.
    pub nth: usize,
    /// The OS error it fails with (e.g. `ENOSPC`, `EIO`).
    pub errno: i32,
    /// Bytes a failing write gets out before it fails.
    pub partial: usize,
}

/// No space left on device.
pub const ENOSPC: i32 = 28;
/// Input/output error.
pub const EIO: i32 = 5;

/// A file whose operations fail as planned.
#[derive(Debug)]
pub struct Faulty {
    inner: Box<dyn AppendFile>,
    faults: Vec<Fault>,
    counts: [usize; 3],
}

impl Faulty {
    /// Wraps `inner`, failing as `faults` say.
    pub fn new(inner: Box<dyn AppendFile>, faults: Vec<Fault>) -> Self {
        Self {
            inner,
            faults,
            counts: [0; 3],
        }
    }

    /// Counts one operation of kind `op`; the fault planned for it, if any.
    fn next(&mut self, op: Op) -> Option<Fault> {
        let i = op as usize;
        self.counts[i] += 1;
        let nth = self.counts[i];
        self.faults
            .iter()
            .find(|f| f.op == op && f.nth == nth)
            .copied()
    }
}

impl AppendFile for Faulty {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.next(Op::Write) {
            Some(fault) => {
                let part = &bytes[..fault.partial.min(bytes.len())];
                if !part.is_empty() {
                    self.inner.write_all(part)?;
                }
                Err(io::Error::from_raw_os_error(fault.errno))
            }
            None => self.inner.write_all(bytes),
        }
    }

    fn sync_data(&mut self) -> io::Result<()> {
        match self.next(Op::Sync) {
            Some(fault) => Err(io::Error::from_raw_os_error(fault.errno)),
            None => self.inner.sync_data(),
        }
    }

    fn set_len(&mut self, len: u64) -> io::Result<()> {
        match self.next(Op::SetLen) {
            Some(fault) => Err(io::Error::from_raw_os_error(fault.errno)),
            None => self.inner.set_len(len),
        }
    }
}
