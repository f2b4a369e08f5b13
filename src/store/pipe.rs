//! Writing through a thread of its own: the caller fills buffers while the
//! thread hands full ones to the sink, so that producing a big output and
//! copying it into the kernel overlap. For a 471 MB CSV export the copy
//! alone (`write`) takes most of a second on this machine's two cores.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

/// How much is handed to the writing thread at a time.
const CHUNK: usize = 1 << 20;

/// How many full chunks may wait for the writing thread: the caller only
/// blocks when it is this far ahead.
const QUEUED: usize = 2;

/// Runs `body` with a writer whose bytes reach `sink` from a thread of its
/// own, and waits until all of them have. Returns what `body` returned and
/// how writing to `sink` went: when the sink fails, `body` sees a broken
/// pipe on its next write, and the sink's own error is the second value.
pub fn piped<W: Write + Send, R>(
    sink: &mut W,
    body: impl FnOnce(&mut dyn Output) -> R,
) -> (R, io::Result<()>) {
    let (full, to_write) = sync_channel::<Vec<u8>>(QUEUED);
    let (spent, reuse) = sync_channel::<Vec<u8>>(QUEUED + 1);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || drain(sink, &to_write, &spent));
        let mut pipe = Pipe {
            buf: Vec::with_capacity(CHUNK),
            full,
            reuse,
        };
        let result = body(&mut pipe);
        // What is left goes too; if the sink failed, its error says why.
        let _ = pipe.flush();
        drop(pipe);
        let sunk = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread stopped")));
        (result, sunk)
    })
}

/// Writes every chunk received to `sink`, handing each back to be filled
/// again, until the pipe is closed or the sink fails.
fn drain<W: Write>(
    sink: &mut W,
    to_write: &Receiver<Vec<u8>>,
    spent: &SyncSender<Vec<u8>>,
) -> io::Result<()> {
    for mut chunk in to_write {
        sink.write_all(&chunk)?;
        chunk.clear();
        // Nobody to take it back once the pipe is closed: it is dropped.
        let _ = spent.try_send(chunk);
    }
    sink.flush()
}

/// Where output goes: a writer that may also be handed whole buffers.
pub trait Output: Write {
    /// Writes all of `buf`, which it may keep: a pipe hands a big buffer
    /// to its writing thread as it is, rather than copying it into its
    /// own chunks (a big export's rows come in pieces of megabytes).
    fn write_owned(&mut self, buf: Vec<u8>) -> io::Result<()> {
        self.write_all(&buf)
    }
}

impl Output for Vec<u8> {}

/// The writing end: a chunk being filled.
struct Pipe {
    buf: Vec<u8>,
    full: SyncSender<Vec<u8>>,
    reuse: Receiver<Vec<u8>>,
}

impl Pipe {
    /// Hands the chunk being filled to the writing thread.
    fn send(&mut self) -> io::Result<()> {
        let next = match self.reuse.try_recv() {
            Ok(chunk) => chunk,
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => Vec::with_capacity(CHUNK),
        };
        let chunk = std::mem::replace(&mut self.buf, next);
        self.hand_over(chunk)
    }

    /// Hands `chunk` to the writing thread.
    fn hand_over(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        self.full.send(chunk).map_err(|_| {
            io::Error::new(io::ErrorKind::BrokenPipe, "the output could not be written")
        })
    }
}

impl Output for Pipe {
    fn write_owned(&mut self, buf: Vec<u8>) -> io::Result<()> {
        if buf.len() < CHUNK {
            return self.write_all(&buf);
        }
        // What was written before it goes first.
        self.flush()?;
        self.hand_over(buf)
    }
}

impl Write for Pipe {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.buf.is_empty() && self.buf.len() + bytes.len() > CHUNK {
            self.send()?;
        }
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    /// Hands what has been written so far to the writing thread (it may
    /// not have reached the sink yet: [`piped`] waits for that).
    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_reaches_the_sink_in_order() {
        let mut sink = Vec::new();
        let (written, sunk) = piped(&mut sink, |w| -> io::Result<usize> {
            let mut n = 0;
            // Writes of every size, some bigger than a chunk.
            for i in 0..3000_usize {
                let piece = vec![(i % 251) as u8; (i * 97) % (CHUNK / 3) + 1];
                w.write_all(&piece)?;
                n += piece.len();
            }
            w.write_all(&vec![7; CHUNK * 2 + 5])?;
            Ok(n + CHUNK * 2 + 5)
        });
        sunk.expect("sunk");
        let n = written.expect("written");
        assert_eq!(sink.len(), n);
        let mut at = 0;
        for i in 0..3000_usize {
            let len = (i * 97) % (CHUNK / 3) + 1;
            assert!(
                sink[at..at + len].iter().all(|&b| b == (i % 251) as u8),
                "piece {i}"
            );
            at += len;
        }
        assert!(sink[at..].iter().all(|&b| b == 7));
    }

    /// A sink that keeps what it is given, and where each write's bytes
    /// were in memory.
    #[derive(Default)]
    struct Seen {
        bytes: Vec<u8>,
        at: Vec<usize>,
    }

    impl Write for Seen {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.at.push(bytes.as_ptr() as usize);
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn buffers_handed_whole_keep_their_place_and_big_ones_are_not_copied() {
        let mut sink = Seen::default();
        let mut expected = Vec::new();
        let mut big_at = Vec::new();
        let (written, sunk) = piped(&mut sink, |w| -> io::Result<()> {
            for i in 0..40_usize {
                let byte = (i % 251) as u8;
                let len = [3, CHUNK / 2, CHUNK, CHUNK * 3 + 1][i % 4];
                let piece = vec![byte; len];
                expected.extend_from_slice(&piece);
                if i % 3 == 0 {
                    w.write_all(&piece)?;
                } else {
                    if len >= CHUNK {
                        big_at.push(piece.as_ptr() as usize);
                    }
                    w.write_owned(piece)?;
                }
            }
            Ok(())
        });
        sunk.expect("sunk");
        written.expect("written");
        assert!(sink.bytes == expected, "every byte, in order");
        assert!(!big_at.is_empty());
        for at in big_at {
            assert!(
                sink.at.contains(&at),
                "a big buffer reached the sink as it was"
            );
        }
    }

    /// A sink that takes `room` bytes, then fails as a full disk does.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from_raw_os_error(28)); // ENOSPC
            }
            let n = bytes.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_sink_stops_the_body_and_gives_its_own_error() {
        let mut sink = Full { room: CHUNK * 3 };
        let (written, sunk) = piped(&mut sink, |w| -> io::Result<usize> {
            let mut chunks = 0;
            loop {
                w.write_all(&vec![1; CHUNK])?;
                chunks += 1;
                assert!(chunks < 100, "the body was never stopped");
            }
        });
        let stopped = written.expect_err("the body was stopped");
        assert_eq!(stopped.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(sunk.expect_err("the sink failed").raw_os_error(), Some(28));
    }

    #[test]
    fn a_failure_at_the_very_end_is_reported() {
        let mut sink = Full { room: 10 };
        let (written, sunk) = piped(&mut sink, |w| w.write_all(b"more than ten bytes"));
        written.expect("the body's writes were only buffered");
        assert_eq!(sunk.expect_err("the sink failed").raw_os_error(), Some(28));
    }
}
