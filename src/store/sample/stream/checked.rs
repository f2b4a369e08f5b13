//! The checking reader of a big sample: it reads the whole file for its
//! hash, for what the whole-text reader would object to, and for what the
//! halves' reader would read otherwise than it; and finds where the second
//! half begins.

/// A byte order mark in UTF-8: inside a file, a sign of two files joined.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Bytes read at a time: small enough that the chunk is still in the
/// core's cache (512 KB of L2 here) for the checks that follow the copy.
/// A 1 MiB chunk cost 0.15 s more CPU on the 447 MB file.
pub(in crate::store::sample) const CHUNK: usize = 1 << 16;

/// The file as it is read, checked on the way: hashed, and watched for
/// what the whole-text reader would object to (bytes that are not UTF-8,
/// a NUL, a byte order mark, a quote never closed) and for where the
/// halves' reader would differ from it (a quote that opens no field, a
/// lone carriage return).
pub(super) struct Checked<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
    quotes: Quotes,
    /// The first bytes of a character cut at the end of the last read.
    cut: Vec<u8>,
    /// The last two bytes read (a byte order mark may straddle reads).
    tail: Vec<u8>,
    /// Bytes read so far.
    read: u64,
    /// Set once anything unusual is seen.
    unusual: bool,
    /// A carriage return not followed by a line feed was seen: the
    /// whole-text reader ends a record there, the halves' reader does not.
    lone_return: bool,
    /// The last chunk ended with a carriage return.
    return_at_end: bool,
}

impl<R: std::io::Read> Checked<R> {
    pub(super) fn new(inner: R, separator: u8) -> Self {
        Self {
            inner,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            quotes: Quotes::new(separator),
            cut: Vec::new(),
            tail: Vec::new(),
            read: 0,
            unusual: false,
            lone_return: false,
            return_at_end: false,
        }
    }

    /// The file's content hash, unless something unusual was seen.
    fn finish(self) -> Option<String> {
        (!self.unusual
            && !self.lone_return
            && self.cut.is_empty()
            && self.quotes.closed()
            && !self.quotes.irregular)
            .then(|| format!("xxh3-128:{:032x}", self.hasher.digest128()))
    }

    fn check(&mut self, chunk: &[u8]) {
        if self.read == 0 && encoding_rs::Encoding::for_bom(chunk).is_some() {
            self.unusual = true;
        }
        self.read += chunk.len() as u64;
        self.hasher.update(chunk);
        let mut seam = std::mem::take(&mut self.tail);
        seam.extend_from_slice(&chunk[..chunk.len().min(2)]);
        if memchr::memchr(0, chunk).is_some()
            || memchr::memmem::find(chunk, BOM).is_some()
            || memchr::memmem::find(&seam, BOM).is_some()
        {
            self.unusual = true;
        }
        self.tail = chunk[chunk.len().saturating_sub(2)..].to_vec();
        self.unusual |= !self.valid_utf8(chunk);
        if let Some(&first) = chunk.first() {
            self.lone_return |= self.return_at_end && first != b'\n';
            for r in memchr::memchr_iter(b'\r', chunk) {
                // One at the very end is judged by the next chunk.
                if chunk.get(r + 1).is_some_and(|&b| b != b'\n') {
                    self.lone_return = true;
                }
            }
            self.return_at_end = chunk.last() == Some(&b'\r');
        }
    }

    /// Whether `chunk` continues valid UTF-8, keeping a character cut at
    /// its end for the next.
    fn valid_utf8(&mut self, mut chunk: &[u8]) -> bool {
        if let Some(&lead) = self.cut.first() {
            let len = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let need = (len - self.cut.len()).min(chunk.len());
            self.cut.extend_from_slice(&chunk[..need]);
            chunk = &chunk[need..];
            if self.cut.len() < len {
                return true;
            }
            if std::str::from_utf8(&self.cut).is_err() {
                return false;
            }
            self.cut.clear();
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => true,
            Err(e) if e.error_len().is_none() => {
                self.cut = chunk[e.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        }
    }
}

impl<R: std::io::Read> Checked<R> {
    /// Reads and checks the whole file; its content hash as
    /// [`Checked::finish`] gives it. Tells `split` where the first record
    /// after byte `middle` begins (dropped untold when there is none, or
    /// the file could not be read that far).
    pub(super) fn run(
        mut self,
        middle: u64,
        split: [std::sync::mpsc::Sender<u64>; 2],
    ) -> Option<String> {
        let mut split = Some(split);
        let mut buf = vec![0; CHUNK];
        loop {
            let mut filled = 0;
            while filled < CHUNK {
                match self.inner.read(&mut buf[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return None,
                }
            }
            let chunk = &buf[..filled];
            let start = self.read;
            self.check(chunk);
            let from = usize::try_from(middle.saturating_sub(start)).unwrap_or(usize::MAX);
            match split.take() {
                Some(tell) if from < chunk.len() => {
                    self.quotes.feed(&chunk[..from]);
                    let rest = &chunk[from..];
                    match self.quotes.feed_to_record(rest) {
                        Some(k) => {
                            let at = start + (from + k) as u64;
                            for t in tell {
                                let _ = t.send(at);
                            }
                            self.quotes.feed(&rest[k..]);
                        }
                        // Not in this chunk: look on in the next.
                        None => split = Some(tell),
                    }
                }
                still => {
                    split = still;
                    self.quotes.feed(chunk);
                }
            }
            if filled == 0 {
                return self.finish();
            }
        }
    }
}

/// Whether every quoted field is closed, and every quote where RFC 4180
/// puts them, fed a chunk at a time. A quote opens a field only at its
/// start: elsewhere (in an unquoted field, or in the text after a closing
/// quote) the whole-text reader keeps it as text, the halves' reader
/// opens a quoted part. `""` inside is a quote. Jumps from quote to
/// quote, as the whole-text check does.
struct Quotes {
    separator: u8,
    quoted: bool,
    /// Inside a quoted field, a quote was just seen: it closes the field
    /// unless another follows.
    quote_seen: bool,
    /// The last byte seen other than `\r` (a line break at the start, which
    /// begins a field like one).
    last: u8,
    /// A quote was seen where RFC 4180 puts none.
    irregular: bool,
}

impl Quotes {
    fn new(separator: u8) -> Self {
        Self {
            separator,
            quoted: false,
            quote_seen: false,
            last: b'\n',
            irregular: false,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if self.quote_seen {
                self.quote_seen = false;
                if bytes[i] == b'"' {
                    i += 1;
                } else {
                    self.quoted = false;
                    self.last = b'"';
                }
            } else if self.quoted {
                match memchr::memchr(b'"', &bytes[i..]) {
                    Some(k) => {
                        self.quote_seen = true;
                        i += k + 1;
                    }
                    None => i = bytes.len(),
                }
            } else {
                let next = memchr::memchr(b'"', &bytes[i..]).map_or(bytes.len(), |k| i + k);
                let before = bytes[i..next].iter().rev().find(|&&b| b != b'\r').copied();
                if let Some(b) = before {
                    self.last = b;
                }
                if next < bytes.len() {
                    self.quoted = self.last == self.separator || self.last == b'\n';
                    self.irregular |= !self.quoted;
                    self.last = b'"';
                }
                i = next + 1;
            }
        }
    }

    /// Feeds `bytes` up to the first line break outside quotes, that is
    /// to the start of the next record; where that is in `bytes`, if it is.
    fn feed_to_record(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            self.feed(&bytes[at..=nl]);
            at = nl + 1;
            if !self.quoted {
                return Some(at);
            }
        }
        self.feed(&bytes[at..]);
        None
    }

    fn closed(&self) -> bool {
        !self.quoted || self.quote_seen
    }
}

#[cfg(test)]
mod tests {
    use super::Quotes;

    fn closed(chunks: &[&str]) -> bool {
        let mut q = Quotes::new(b',');
        for c in chunks {
            q.feed(c.as_bytes());
        }
        q.closed()
    }

    #[test]
    fn quotes_are_followed_across_chunks() {
        assert!(
            closed(&["a,\"b,\"\"c\"\"\n", "d\"\n"]),
            "escaped quotes, and a field across chunks"
        );
        assert!(closed(&["a,\"b", "\n\"\"x\"", "\n"]));
        assert!(!closed(&["a,\"b", "\n"]));
        assert!(
            !closed(&["a,\"b\"", "\"c\n"]),
            "an escaped quote keeps it open"
        );
        assert!(
            closed(&["\"x\"", ",\r", "\"y\"\n"]),
            "a return does not end a field start"
        );
    }
}
