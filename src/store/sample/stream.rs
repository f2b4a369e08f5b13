//! Reading a big UTF-8 CSV or TSV sample without holding the whole file in
//! memory beside its cases: it is parsed as it is read, and hashed and
//! checked on the way for what the whole-text reader would object to
//! (bytes that are not UTF-8, a NUL, a byte order mark, a quote never
//! closed). Anything unusual — another encoding, a byte order mark at the
//! start, any problem at all — goes back to the whole-text reader, which
//! reports it with its line and column. Only the memory differs: the cases
//! read are the same.

use std::io::Read as _;
use std::path::Path;

use super::error::{Problems, SampleError};
use super::locate::{Locator, Places};
use super::options::{Delimiter, ReadOptions, TextEncoding};
use super::{Format, ReadReport, check, column_uses, csv};
use crate::model::case::Sample;
use crate::store::progress::{Progress, Stage};

/// Files smaller than this are read whole: the memory saved is small and
/// the whole-text reader is the one every test exercises.
pub(super) const STREAM_FROM: u64 = 16 << 20;

/// A byte order mark in UTF-8: inside a file, a sign of two files joined.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// The sample at `path`, read as it streams; `None` when it must be read
/// whole instead (see the module's comment).
pub(super) fn load(
    path: &Path,
    options: &ReadOptions,
    progress: &Progress,
) -> Option<Result<(Sample, ReadReport), SampleError>> {
    let format = Format::from_path(path)?;
    let usual = match format {
        Format::Csv => Delimiter::COMMA,
        Format::Tsv => Delimiter::TAB,
        _ => return None,
    };
    if options.encoding.is_some_and(|e| e != TextEncoding::Utf8) {
        return None;
    }
    let size = std::fs::metadata(path).ok()?.len();
    progress.start(Stage::Reading, size);
    let head = head(path)?;
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| csv::sniff(&head, usual));
    let mut problems = Problems::default();
    let mut checked = Checked::new(std::fs::File::open(path).ok()?, delimiter.byte());
    let file = std::io::BufReader::with_capacity(CHUNK, &mut checked);
    let (draft, lines, read) = csv::parse_stream(
        file,
        (&head, size),
        options,
        usual,
        (&mut problems, progress),
    )?;
    let hash = checked.finish()?;
    if !problems.is_empty() {
        return None;
    }
    let origin = path.display().to_string();
    let input = check::Input {
        hash: &hash,
        origin: &origin,
        path: Some(path),
    };
    let sample = check::finish(
        draft,
        problems,
        &mut Locator::new("", Places::Lines(lines)),
        input,
    )
    .ok()?;
    let report = ReadReport {
        format,
        encoding: Some((TextEncoding::Utf8, false, false)),
        delimiter: read.delimiter,
        sheet: None,
        columns: column_uses(&read.headers, &read.columns),
        cases: sample.len(),
    };
    Some(Ok((sample, report)))
}

/// The file's first lines, for sniffing its separator.
fn head(path: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(64 << 10);
    std::fs::File::open(path)
        .ok()?
        .take(64 << 10)
        .read_to_end(&mut head)
        .ok()?;
    let end = memchr::memrchr(b'\n', &head).map_or(head.len(), |n| n + 1);
    String::from_utf8(head[..end].to_vec()).ok()
}

/// The file as it is read, checked on the way: hashed, and watched for
/// what the whole-text reader would object to (bytes that are not UTF-8,
/// a NUL, a byte order mark, a quote never closed).
struct Checked<R> {
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
}

impl<R: std::io::Read> Checked<R> {
    fn new(inner: R, separator: u8) -> Self {
        Self {
            inner,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            quotes: Quotes::new(separator),
            cut: Vec::new(),
            tail: Vec::new(),
            read: 0,
            unusual: false,
        }
    }

    /// The file's content hash, unless something unusual was seen.
    fn finish(self) -> Option<String> {
        (!self.unusual && self.cut.is_empty() && self.quotes.closed())
            .then(|| format!("xxh3-128:{:032x}", self.hasher.digest128()))
    }

    fn check(&mut self, chunk: &[u8]) {
        if self.read == 0 && encoding_rs::Encoding::for_bom(chunk).is_some() {
            self.unusual = true;
        }
        self.read += chunk.len() as u64;
        self.hasher.update(chunk);
        self.quotes.feed(chunk);
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

impl<R: std::io::Read> std::io::Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.check(&buf[..n]);
        Ok(n)
    }
}

/// Whether every quoted field is closed, fed a chunk at a time (RFC 4180:
/// a quote opens a field only at its start; `""` inside is a quote).
/// Jumps from quote to quote, as the whole-text check does.
struct Quotes {
    separator: u8,
    quoted: bool,
    /// Inside a quoted field, a quote was just seen: it closes the field
    /// unless another follows.
    quote_seen: bool,
    /// The last byte seen other than `\r` (a line break at the start, which
    /// begins a field like one).
    last: u8,
}

impl Quotes {
    fn new(separator: u8) -> Self {
        Self {
            separator,
            quoted: false,
            quote_seen: false,
            last: b'\n',
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
                    self.last = b'"';
                }
                i = next + 1;
            }
        }
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
