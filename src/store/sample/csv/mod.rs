//! CSV and TSV samples: a header row naming the columns, one case per
//! record (RFC 4180 quoting). The separator is sniffed among comma,
//! semicolon, tab and pipe unless one is given; the columns are mapped by
//! `columns`. Rows whose cells are all empty (as spreadsheets like to
//! export) are skipped. A quote that is never closed is an error at the
//! place it opens, never a narrative that swallows the cases after it.

use ::csv::{ReaderBuilder, StringRecord};

use super::check::Draft;
use super::columns::{self, Column, Rows};
use super::decode::line_and_column;
use super::error::Problems;
use super::options::{Delimiter, ReadOptions};
use crate::store::progress::{Progress, Stage};
use fast::fast_records;
use places::Places;

mod fast;
mod places;

pub(crate) use fast::{fast_header, fast_reader, read_rows_fast};

/// Cases parsed between two progress reports.
const PROGRESS_EVERY: usize = 4096;

/// What reading a table found besides its cases.
#[derive(Debug)]
pub(crate) struct TableRead {
    /// The header row as written.
    pub(crate) headers: Vec<String>,
    /// What each column became.
    pub(crate) columns: Vec<Column>,
    /// The separator used, and whether it was sniffed.
    pub(crate) delimiter: Option<(Delimiter, bool)>,
}

/// Parses CSV text into a draft, the line each case starts on, and how the
/// table was read. Every problem found is recorded in `problems`; `None`
/// only when there is no header row.
pub(crate) fn parse(
    text: &str,
    options: &ReadOptions,
    usual: Delimiter,
    problems: &mut Problems,
    progress: &Progress,
) -> Option<(Draft, Vec<usize>, TableRead)> {
    let delimiter = match options.delimiter {
        Some(d) => (d, false),
        None => (sniff(text, usual), true),
    };
    let regular = check_quotes(text, delimiter.0, problems);
    progress.start(Stage::Parsing, text.len() as u64);
    if regular {
        return fast_records(text, delimiter, options, (problems, progress));
    }
    let reader = reader(delimiter.0).from_reader(text.as_bytes());
    records(reader, delimiter, options, (problems, progress), text)
}

/// The `csv` crate's reader: records as irregular text is read (see
/// [`check_quotes`]), and the first lines of a big file.
pub(crate) fn reader(delimiter: Delimiter) -> ReaderBuilder {
    let mut builder = ReaderBuilder::new();
    builder
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .delimiter(delimiter.byte());
    builder
}

/// Reads the header and every record of `reader`, which reads `text`
/// (irregular text: see [`check_quotes`]).
fn records<R: std::io::Read>(
    mut reader: ::csv::Reader<R>,
    (delimiter, sniffed): (Delimiter, bool),
    options: &ReadOptions,
    (problems, progress): (&mut Problems, &Progress),
    text: &str,
) -> Option<(Draft, Vec<usize>, TableRead)> {
    let mut places = Places::new(text, delimiter);
    let (headers, columns) = header(&mut reader, options, problems, &mut places)?;
    let mut rows = Rows::new(&headers, columns);
    read_rows(&mut reader, &mut rows, (problems, progress), &mut places);
    Some(finish(rows, headers, (delimiter, sniffed)))
}

/// The draft of `rows`, with how the table under `headers` was read.
pub(crate) fn finish(
    rows: Rows,
    headers: Vec<String>,
    delimiter: (Delimiter, bool),
) -> (Draft, Vec<usize>, TableRead) {
    let columns = rows.uses().to_vec();
    let (draft, lines) = rows.finish();
    let read = TableRead {
        headers,
        columns,
        delimiter: Some(delimiter),
    };
    (draft, lines, read)
}

/// Reads the header row of `reader`: the headers as written and what
/// each column becomes. `None` (with the problem recorded) when there is
/// none.
fn header<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    options: &ReadOptions,
    problems: &mut Problems,
    places: &mut Places<'_>,
) -> Option<(Vec<String>, Vec<Column>)> {
    let mut record = StringRecord::new();
    let read = reader.read_record(&mut record);
    let line = places.place(byte_of(&record), None).0;
    let read = match read {
        Ok(true) => Ok(Some(record.iter())),
        Ok(false) => Ok(None),
        Err(e) => Err(e.to_string()),
    };
    header_of(read, line, options, problems)
}

/// The headers as written in the header row read (its cells, `Ok(None)`
/// for an empty file, or what went wrong reading it) and what each column
/// becomes; `line` is where the row is, if known.
fn header_of<'c>(
    read: Result<Option<impl Iterator<Item = &'c str>>, String>,
    line: Option<usize>,
    options: &ReadOptions,
    problems: &mut Problems,
) -> Option<(Vec<String>, Vec<Column>)> {
    let headers: Vec<String> = match read {
        Ok(Some(cells)) => cells.map(str::to_owned).collect(),
        Ok(None) => {
            problems.push(
                None,
                None,
                "the file is empty: expected a header row naming the columns",
            );
            return None;
        }
        Err(e) => {
            problems.push(line, None, &e);
            return None;
        }
    };
    let columns = columns::map(&headers, options, line, problems);
    Some((headers, columns))
}

/// Reads every record left in `reader` into `rows`, placed by `places`.
/// Progress is added as bytes read.
fn read_rows<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    rows: &mut Rows,
    (problems, progress): (&mut Problems, &Progress),
    places: &mut Places<'_>,
) {
    let mut record = StringRecord::new();
    let mut ticks = Ticks::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = places.place(byte_of(&record), None).0;
                problems.push(line, None, &e.to_string());
                break;
            }
        }
        ticks.record(progress, || byte_of(&record));
        let misfit = (record.len() != rows.width()).then_some(rows.width());
        let (line, column) = places.place(byte_of(&record), misfit);
        add_row(rows, || record.iter(), line, column, problems);
    }
}

/// Progress told as records are read: every [`PROGRESS_EVERY`] records,
/// the bytes read since the last time.
#[derive(Default)]
struct Ticks {
    records: usize,
    reported: u64,
}

impl Ticks {
    /// Counts a record read; `at` is how far into the input it ends.
    fn record(&mut self, progress: &Progress, at: impl FnOnce() -> u64) {
        self.records += 1;
        if self.records.is_multiple_of(PROGRESS_EVERY) {
            let at = at();
            progress.add(at.saturating_sub(self.reported));
            self.reported = at;
        }
    }
}

/// Adds the record whose fields `cells` gives (at `line`, if known) to
/// `rows` as a case; false when every cell is empty, and it is skipped.
/// A record with another number of fields than the header is a problem
/// (`column` is where the first field too many, or the end, is).
fn add_row<'c, I: Iterator<Item = &'c str>>(
    rows: &mut Rows,
    cells: impl Fn() -> I,
    line: Option<usize>,
    column: Option<usize>,
    problems: &mut Problems,
) -> bool {
    if cells().all(|cell| cell.trim().is_empty()) {
        return false;
    }
    let found = cells().count();
    if found != rows.width() {
        problems.push(
            line,
            column,
            &format!(
                "expected {} fields (as in the header), found {found}",
                rows.width(),
            ),
        );
    }
    rows.push(cells(), line, problems);
    true
}

/// The separator of `text`: among comma, semicolon, tab and pipe, the one
/// that splits the header into the most columns and the next lines into as
/// many; `usual` (comma, or tab for `.tsv`) when nothing says otherwise.
pub(crate) fn sniff(text: &str, usual: Delimiter) -> Delimiter {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let Some((header, rest)) = lines.split_first() else {
        return usual;
    };
    let score = |d: Delimiter| {
        let fields = count_outside_quotes(header, d.byte());
        let agreeing = rest
            .iter()
            .filter(|l| count_outside_quotes(l, d.byte()) == fields)
            .count();
        (fields > 0, agreeing, fields)
    };
    let mut best = (usual, score(usual));
    for d in Delimiter::ALL {
        let s = score(d);
        if s > best.1 {
            best = (d, s);
        }
    }
    if best.1.0 { best.0 } else { usual }
}

/// The byte offset where field `n` (from 0) of the record starting at byte
/// `start` begins; the record's end when it has fewer fields.
fn field_start(text: &str, start: usize, sep: u8, n: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut field, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return i,
            b if b == sep && !quoted => {
                field += 1;
                if field == n {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    bytes.len()
}

/// Occurrences of `byte` in `line` outside double quotes.
fn count_outside_quotes(line: &str, byte: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == byte && !quoted {
            count += 1;
        }
    }
    count
}

/// Reports a quoted field that is never closed: it would run to the end of
/// the file and swallow every case after it. Follows RFC 4180: a quote
/// opens a field only at its start, and `""` inside is a literal quote.
/// True when the text is regular, to be read by the [`fast_reader`]:
/// every quote closed, none outside a quoted field but the one opening
/// it, and every carriage return followed by a line feed.
fn check_quotes(text: &str, delimiter: Delimiter, problems: &mut Problems) -> bool {
    let bytes = text.as_bytes();
    let sep = delimiter.byte();
    let mut field_start = true;
    let mut regular = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if field_start => {
                let open = i;
                // Find the closing quote, skipping doubled ones.
                let mut j = i + 1;
                loop {
                    match memchr::memchr(b'"', &bytes[j..]) {
                        Some(k) if bytes.get(j + k + 1) == Some(&b'"') => j += k + 2,
                        Some(k) => {
                            i = j + k + 1;
                            break;
                        }
                        None => {
                            let (line, column) = line_and_column(text, open);
                            let after = memchr::memchr_iter(b'\n', &bytes[open..]).count();
                            problems.push(
                                Some(line),
                                Some(column),
                                &format!(
                                    "unclosed quote: the quoted field that starts here runs to the end of the file, taking in the {after} line{} after it",
                                    if after == 1 { "" } else { "s" }
                                ),
                            );
                            return false;
                        }
                    }
                }
                field_start = false;
                continue;
            }
            b'"' => {
                regular = false;
                field_start = false;
            }
            b if b == sep || b == b'\n' => field_start = true,
            b'\r' => {}
            _ => field_start = false,
        }
        i += 1;
    }
    // Inside quotes too: at the end of a file's last field, the fast
    // reader drops one.
    let lone_return = memchr::memchr_iter(b'\r', bytes).any(|r| bytes.get(r + 1) != Some(&b'\n'));
    regular && !lone_return
}

/// Where the reader began `record`.
fn byte_of(record: &StringRecord) -> u64 {
    record.position().map_or(0, ::csv::Position::byte)
}

#[cfg(test)]
mod tests;
