//! Reading a big UTF-8 CSV or TSV sample without holding the whole file in
//! memory beside its cases: it is parsed as it is read, and hashed and
//! checked on the way for what the whole-text reader would object to
//! (bytes that are not UTF-8, a NUL, a byte order mark, a quote never
//! closed). Anything unusual — another encoding, a byte order mark at the
//! start, any problem at all — goes back to the whole-text reader, which
//! reports it with its line and column. Only the memory differs: the cases
//! read are the same.

use std::io::{Read as _, Seek as _};
use std::path::Path;

use super::columns::{Column, Rows};
use super::error::{Problems, SampleError};
use super::locate::{Locator, Places};
use super::options::{Delimiter, ReadOptions, TextEncoding};
use super::{Format, ReadReport, check, column_uses, csv};
use crate::model::case::{Sample, SampleBuilder};
use crate::store::progress::{Progress, Stage};

/// Files smaller than this are read whole: the memory saved is small and
/// the whole-text reader is the one every test exercises.
pub(super) const STREAM_FROM: u64 = 16 << 20;

/// A byte order mark in UTF-8: inside a file, a sign of two files joined.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// The second half's cases are built in parts of about this much text,
/// each freed once joined to the first half's: the two halves are never
/// held twice.
const PART: usize = 16 << 20;

/// The sample at `path`, read as it streams; `None` when it must be read
/// whole instead (see the module's comment).
///
/// Three threads share the work. One reads the whole file for its hash
/// and checks, and finds where the second half begins: the first record
/// after the middle (a line break outside quotes, which only a reader from
/// the start can tell). One parses the first half, up to there; one the
/// second, from there. The halves are then joined as one read would have
/// built them.
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
    let head = head(path)?;
    let delimiter = match options.delimiter {
        Some(d) => (d, false),
        None => (csv::sniff(&head, usual), true),
    };
    let checked = Checked::new(std::fs::File::open(path).ok()?, delimiter.0.byte());
    let first_file = std::fs::File::open(path).ok()?;
    let second_file = std::fs::File::open(path).ok()?;
    progress.start(Stage::Parsing, size);
    let (split_first, first_until) = std::sync::mpsc::channel();
    let (split_second, second_from) = std::sync::mpsc::channel();
    let (columns_tx, columns_rx) = std::sync::mpsc::channel();
    let (first, second, hash) = std::thread::scope(|scope| {
        let checker = scope.spawn(move || checked.run(size / 2, [split_first, split_second]));
        let second = scope.spawn(move || {
            let Ok(Some(from)) = second_from.recv() else {
                return Some(SecondHalf::default());
            };
            let columns = columns_rx.recv().ok()?;
            second_half(second_file, from, columns, delimiter.0, progress)
        });
        let first = first_half(
            Until::new(first_file, size / 2, first_until),
            options,
            (delimiter.0, cases_in(&head, size, delimiter.0)),
            columns_tx,
            progress,
        );
        // A second half that failed is no half: read the file whole.
        let second = second.join().ok().flatten();
        (first, second, checker.join().ok().flatten())
    });
    let hash = hash?;
    let (mut rows, mut problems, lines_before, headers) = first?;
    let second = second?;
    if !problems.is_empty() || !second.problems.is_empty() {
        return None;
    }
    rows.append(second.parts, second.lines, lines_before);
    let (draft, lines, read) = csv::finish(rows, headers, delimiter);
    let origin = path.display().to_string();
    let input = check::Input {
        hash: &hash,
        origin: &origin,
        path: Some(path),
    };
    let sample = check::finish(
        draft,
        std::mem::take(&mut problems),
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

/// The first half read: its rows, the problems found, the lines it
/// spans, and the header row.
type FirstHalf = (Rows, Problems, usize, Vec<String>);

/// Parses the header and the records of the first half (`file` stops
/// where the second begins), handing the columns to the second half's
/// reader once known.
fn first_half(
    file: Until,
    options: &ReadOptions,
    (delimiter, cases): (Delimiter, usize),
    columns: std::sync::mpsc::Sender<Vec<Column>>,
    progress: &Progress,
) -> Option<FirstHalf> {
    let mut problems = Problems::default();
    let mut reader = csv::reader(delimiter).from_reader(file);
    let (headers, mapped) = csv::header(&mut reader, options, &mut problems)?;
    // The second half may have nothing to read; then nobody listens.
    let _ = columns.send(mapped.clone());
    // Its reader stops waiting if the header was never sent.
    drop(columns);
    let mut rows = Rows::new(&headers, mapped);
    // Room for the whole file's ids, and half its slots.
    rows.reserve(cases / 2);
    rows.reserve_ids(cases);
    csv::read_rows(
        &mut reader,
        &mut rows,
        (delimiter, None),
        (&mut problems, progress),
        |_| {},
    );
    let lines = usize::try_from(reader.position().line()).ok()?;
    Some((rows, problems, lines.saturating_sub(1), headers))
}

/// About how many cases a file of `size` bytes holds, judged by the
/// records in its first lines (`head`), with a tenth to spare.
fn cases_in(head: &str, size: u64, delimiter: Delimiter) -> usize {
    let mut reader = csv::reader(delimiter).from_reader(head.as_bytes());
    let records = reader.byte_records().count().saturating_sub(1).max(1);
    let per_case = (head.len() / records).max(1) as u64;
    usize::try_from(size / per_case + size / per_case / 10).unwrap_or(0)
}

/// The second half read: its cases in parts, their lines counted from
/// its start, and the problems found. Empty when the file has no second
/// half.
#[derive(Default)]
struct SecondHalf {
    parts: Vec<SampleBuilder>,
    lines: Vec<usize>,
    problems: Problems,
}

/// Parses the records of `file` from byte `from` (where a record begins)
/// to its end, under `columns`.
fn second_half(
    mut file: std::fs::File,
    from: u64,
    columns: Vec<Column>,
    delimiter: Delimiter,
    progress: &Progress,
) -> Option<SecondHalf> {
    file.seek(std::io::SeekFrom::Start(from)).ok()?;
    let mut reader = csv::reader(delimiter).from_reader(file);
    let mut rows = Rows::unindexed(columns);
    let mut parts = Vec::new();
    let mut problems = Problems::default();
    csv::read_rows(
        &mut reader,
        &mut rows,
        (delimiter, None),
        (&mut problems, progress),
        |rows| {
            if rows.bytes() >= PART {
                parts.push(rows.cut());
            }
        },
    );
    parts.push(rows.cut());
    Some(SecondHalf {
        parts,
        lines: rows.take_lines(),
        problems,
    })
}

/// The file up to where its second half begins: that is known only once
/// the checking reader has passed the middle, so reading past the middle
/// waits for it. Without a second half, the whole file.
struct Until {
    file: std::fs::File,
    middle: u64,
    split: std::sync::mpsc::Receiver<Option<u64>>,
    end: Option<u64>,
    at: u64,
}

impl Until {
    fn new(
        file: std::fs::File,
        middle: u64,
        split: std::sync::mpsc::Receiver<Option<u64>>,
    ) -> Self {
        Self {
            file,
            middle,
            split,
            end: None,
            at: 0,
        }
    }
}

impl std::io::Read for Until {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = match self.end {
            Some(end) => end,
            None if self.at + buf.len() as u64 <= self.middle => u64::MAX,
            None => {
                let end = self.split.recv().ok().flatten().unwrap_or(u64::MAX);
                self.end = Some(end);
                end
            }
        };
        let room = usize::try_from(end.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        let n = self.file.read(&mut buf[..want])?;
        self.at += n as u64;
        Ok(n)
    }
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
    /// A carriage return not followed by a line feed was seen: the CSV
    /// reader ends a record there, which the quote check does not follow,
    /// so the file is not split in two.
    lone_return: bool,
    /// The last chunk ended with a carriage return.
    return_at_end: bool,
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
            lone_return: false,
            return_at_end: false,
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
    /// after byte `middle` begins (`None`: there is none, or the file
    /// could not be read that far).
    fn run(
        mut self,
        middle: u64,
        split: [std::sync::mpsc::Sender<Option<u64>>; 2],
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
                            let at = (!self.lone_return).then_some(start + (from + k) as u64);
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
