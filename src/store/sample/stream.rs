//! Reading a big UTF-8 CSV or TSV sample without holding the whole file in
//! memory beside its cases. A first pass hashes the file and checks what
//! the whole-text reader would object to (bytes that are not UTF-8, a NUL,
//! a byte order mark, a quote never closed); a second parses it as it is
//! read. Anything unusual — another encoding, a byte order mark at the
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
    let hash = scan(path, delimiter, progress)?;
    let mut problems = Problems::default();
    let file = std::io::BufReader::with_capacity(CHUNK, std::fs::File::open(path).ok()?);
    let (draft, lines, read) = csv::parse_stream(
        file,
        (&head, size),
        options,
        usual,
        (&mut problems, progress),
    )?;
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

/// The first pass: the file's content hash, if the file is UTF-8 without
/// a byte order mark, holds no NUL nor a byte order mark inside, and
/// closes every quote it opens.
fn scan(path: &Path, delimiter: Delimiter, progress: &Progress) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut quotes = Quotes::new(delimiter.byte());
    let mut buf = vec![0; CHUNK];
    // Bytes of a character cut at the end of the last chunk, and the last
    // two bytes (a byte order mark may straddle chunks).
    let mut carry: Vec<u8> = Vec::new();
    let mut done = 0_u64;
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if done == 0 && encoding_rs::Encoding::for_bom(chunk).is_some() {
            return None;
        }
        hasher.update(chunk);
        let mut joined = std::mem::take(&mut carry);
        joined.extend_from_slice(chunk);
        if memchr::memchr(0, &joined).is_some()
            || memchr::memmem::find(&joined, "\u{FEFF}".as_bytes()).is_some()
        {
            return None;
        }
        let valid = match std::str::from_utf8(&joined) {
            Ok(_) => joined.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return None,
        };
        quotes.feed(&joined[..valid]);
        // Keep what is not yet checked, plus two bytes for a mark that
        // may straddle the cut; those two were fed to the quote check
        // already, so they are skipped there next time.
        let keep_from = valid.saturating_sub(2);
        quotes.skip = valid - keep_from;
        carry = joined[keep_from..].to_vec();
        done += n as u64;
        progress.set(done);
    }
    let cut_character = carry.len() > quotes.skip;
    if cut_character || !quotes.closed() {
        return None;
    }
    Some(format!("xxh3-128:{:032x}", hasher.digest128()))
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
    /// Bytes at the start of the next chunk already fed.
    skip: usize,
}

impl Quotes {
    fn new(separator: u8) -> Self {
        Self {
            separator,
            quoted: false,
            quote_seen: false,
            last: b'\n',
            skip: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = self.skip.min(bytes.len());
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
        self.skip = 0;
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
