//! Reading a big UTF-8 CSV or TSV sample without holding the whole file in
//! memory beside its cases: it is parsed as it is read (by the fast
//! reader, [`csv::fast_reader`]), and hashed and checked on the way for
//! what the whole-text reader would object to (bytes that are not UTF-8,
//! a NUL, a byte order mark, a quote never closed) and for what the fast
//! reader reads otherwise than the `csv` crate (a quote that opens no
//! field, a lone carriage return). Anything unusual — another encoding, a
//! byte order mark at the start, any problem at all — goes back to the
//! whole-text reader, which reports it with its line and column. Only the
//! memory and the speed differ: the cases read are the same.

use std::io::Seek as _;
use std::path::Path;

use super::columns::{Column, Rows};
use super::error::{Problems, SampleError};
use super::locate::{Locator, Places};
use super::options::{Delimiter, ReadOptions, TextEncoding};
use super::{Format, ReadReport, check, column_uses, csv};
use crate::model::case::{Sample, SampleBuilder};
use crate::store::progress::{Progress, Stage};
use checked::Checked;

pub(super) mod checked;
pub(super) mod guess;

/// Files smaller than this are read whole: the memory saved is small and
/// the whole-text reader is the one every test exercises.
pub(super) const STREAM_FROM: u64 = 16 << 20;

/// The second half's cases are built in parts of about this much text.
/// Each part's text becomes a piece of the sample's as it is, and its
/// slots' offsets are freed once joined to the first half's: they are
/// never held twice.
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
    load_in_parts(path, options, progress, (PART, &guess::split))
}

/// Where the second half of a file probably begins (see [`guess::split`]):
/// given the file, its middle and the separator.
pub(super) type Guess<'g> = &'g dyn Fn(&mut std::fs::File, u64, u8) -> Option<u64>;

/// [`load`], the second half's cases built in parts of `part` bytes of
/// text, its start guessed by `guess` (tests use small parts, to join
/// many, and wrong guesses).
pub(super) fn load_in_parts(
    path: &Path,
    options: &ReadOptions,
    progress: &Progress,
    (part, guess): (usize, Guess<'_>),
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
    let before = std::fs::metadata(path).ok()?;
    let size = before.len();
    let head = head(path)?;
    let delimiter = match options.delimiter {
        Some(d) => (d, false),
        None => (csv::sniff(&head, usual), true),
    };
    let checked = Checked::new(std::fs::File::open(path).ok()?, delimiter.0.byte());
    let first_file = std::fs::File::open(path).ok()?;
    let mut second_file = std::fs::File::open(path).ok()?;
    let middle = size / 2;
    let guessed = guess(&mut second_file, middle, delimiter.0.byte());
    progress.start(Stage::Parsing, size);
    let (split_first, first_until) = std::sync::mpsc::channel();
    let (split_second, second_from) = std::sync::mpsc::channel();
    let (columns_tx, columns_rx) = std::sync::mpsc::channel();
    let (first, second, hash) = std::thread::scope(|scope| {
        let checker = scope.spawn(move || checked.run(middle, [split_first, split_second]));
        let second = scope.spawn(move || {
            let columns: Vec<Column> = columns_rx.recv().ok()?;
            let read = |file: &std::fs::File, from| {
                let file = file.try_clone().ok()?;
                second_half(file, from, (columns.clone(), part), delimiter.0, progress)
            };
            // Read from the guessed start while the checker finds the
            // real one; kept only if they agree.
            let early = guessed.map(|from| (from, read(&second_file, from)));
            let from = second_from.recv().ok();
            match (early, from) {
                (Some((guessed, half)), Some(from)) if guessed == from => half,
                (early, from) => {
                    if let Some((guessed, wasted)) = early {
                        // Freed before the second half is read again.
                        drop(wasted);
                        progress.take_back(size.saturating_sub(guessed));
                    }
                    match from {
                        Some(from) => read(&second_file, from),
                        None => Some(SecondHalf::default()),
                    }
                }
            }
        });
        let first = first_half(
            Until::new(first_file, middle, first_until),
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
    // Three readers read the file: if it changed meanwhile, they may not
    // have read the same bytes. The whole-text reader reads it once.
    let after = std::fs::metadata(path).ok()?;
    if after.len() != size || after.modified().ok() != before.modified().ok() {
        return None;
    }
    let (mut rows, mut problems, headers) = first?;
    let second = second?;
    if !problems.is_empty() || !second.problems.is_empty() {
        return None;
    }
    rows.append(second.parts);
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

/// The first half read: its rows, the problems found, and the header row.
type FirstHalf = (Rows, Problems, Vec<String>);

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
    let mut reader = csv::fast_reader(delimiter).from_reader(file);
    let (headers, mapped) = csv::fast_header(&mut reader, None, options, &mut problems)?;
    // The second half may have nothing to read; then nobody listens.
    let _ = columns.send(mapped.clone());
    // Its reader stops waiting if the header was never sent.
    drop(columns);
    let mut rows = Rows::new(&headers, mapped);
    // Room for the whole file's ids, and half its slots.
    rows.reserve(cases / 2);
    rows.reserve_ids(cases);
    read_half(&mut reader, &mut rows, (&mut problems, progress), |_| {});
    Some((rows, problems, headers))
}

/// Reads a half's records into `rows`, calling `pushed` after each. No
/// lines are counted: a file with any problem is read again whole, and
/// its problems reported with their lines then.
fn read_half<R: std::io::Read>(
    reader: &mut simd_csv::Reader<R>,
    rows: &mut Rows,
    found: (&mut Problems, &Progress),
    pushed: impl FnMut(&mut Rows),
) {
    csv::read_rows_fast(reader, rows, found, |_, _| (None, None), pushed);
}

/// About how many cases a file of `size` bytes holds, judged by the
/// records in its first lines (`head`), with a tenth to spare.
fn cases_in(head: &str, size: u64, delimiter: Delimiter) -> usize {
    let mut reader = csv::reader(delimiter).from_reader(head.as_bytes());
    let records = reader.byte_records().count().saturating_sub(1).max(1);
    let per_case = (head.len() / records).max(1) as u64;
    usize::try_from(size / per_case + size / per_case / 10).unwrap_or(0)
}

/// The second half read: its cases in parts, and the problems found.
/// Empty when the file has no second half.
#[derive(Default)]
struct SecondHalf {
    parts: Vec<SampleBuilder>,
    problems: Problems,
}

/// Parses the records of `file` from byte `from` (where a record begins)
/// to its end, under `columns`, its cases in parts of about `part` bytes
/// of text.
fn second_half(
    mut file: std::fs::File,
    from: u64,
    (columns, part): (Vec<Column>, usize),
    delimiter: Delimiter,
    progress: &Progress,
) -> Option<SecondHalf> {
    file.seek(std::io::SeekFrom::Start(from)).ok()?;
    let mut reader = csv::fast_reader(delimiter).from_reader(file);
    let mut rows = Rows::unindexed(columns);
    let mut parts = Vec::new();
    let mut problems = Problems::default();
    read_half(&mut reader, &mut rows, (&mut problems, progress), |rows| {
        if rows.bytes() >= part {
            parts.push(rows.cut());
        }
    });
    parts.push(rows.cut());
    Some(SecondHalf { parts, problems })
}

/// The file up to where its second half begins: that is known only once
/// the checking reader has passed the middle, so reading past the middle
/// waits for it. Without a second half, the whole file.
struct Until {
    file: std::fs::File,
    middle: u64,
    split: std::sync::mpsc::Receiver<u64>,
    end: Option<u64>,
    at: u64,
}

impl Until {
    fn new(file: std::fs::File, middle: u64, split: std::sync::mpsc::Receiver<u64>) -> Self {
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
                let end = self.split.recv().unwrap_or(u64::MAX);
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
    let head = crate::store::read_head(path, 64 << 10).ok()?;
    let end = memchr::memrchr(b'\n', &head).map_or(head.len(), |n| n + 1);
    String::from_utf8(head[..end].to_vec()).ok()
}
