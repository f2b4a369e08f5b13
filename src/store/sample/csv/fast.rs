//! The fast reader of regular CSV: `simd-csv`, where it reads as the
//! `csv` crate does.

use super::places::Places;
use super::{TableRead, Ticks, add_row, finish, header_of};
use crate::store::progress::Progress;
use crate::store::sample::check::Draft;
use crate::store::sample::columns::{Column, Rows};
use crate::store::sample::error::Problems;
use crate::store::sample::options::{Delimiter, ReadOptions};

/// The reader of regular CSV (see [`check_quotes`](super::check_quotes)): `simd-csv`, which
/// finds separators, quotes and line breaks many bytes at a time, about
/// twice as fast as the `csv` crate. The two read regular CSV alike (a
/// property test holds them to it); they differ on a quote that opens no
/// field (the `csv` crate keeps it as text) and a lone carriage return
/// (the `csv` crate ends a record there).
pub(crate) fn fast_reader(delimiter: Delimiter) -> simd_csv::ReaderBuilder {
    let mut builder = simd_csv::ReaderBuilder::with_capacity(1 << 16);
    builder
        .delimiter(delimiter.byte())
        .flexible(true)
        .has_headers(false);
    builder
}

/// [`records`](super::records) for regular `text`, read by the
/// [`fast_reader`].
pub(super) fn fast_records(
    text: &str,
    (delimiter, sniffed): (Delimiter, bool),
    options: &ReadOptions,
    (problems, progress): (&mut Problems, &Progress),
) -> Option<(Draft, Vec<usize>, TableRead)> {
    let mut reader = fast_reader(delimiter).from_reader(text.as_bytes());
    let mut places = Places::new(text, delimiter);
    let line = places.place(0, None).0;
    let (headers, columns) = fast_header(&mut reader, line, options, problems)?;
    let mut rows = Rows::new(&headers, columns);
    let width = rows.width();
    read_rows_fast(
        &mut reader,
        &mut rows,
        (problems, progress),
        |before, misfit| places.place(before, misfit.then_some(width)),
        |_| {},
    );
    Some(finish(rows, headers, (delimiter, sniffed)))
}

/// [`header`](super::header) for a [`fast_reader`], whose header row is at `line`, if
/// known.
pub(crate) fn fast_header<R: std::io::Read>(
    reader: &mut simd_csv::Reader<R>,
    line: Option<usize>,
    options: &ReadOptions,
    problems: &mut Problems,
) -> Option<(Vec<String>, Vec<Column>)> {
    let mut record = simd_csv::StringRecord::new();
    let read = match reader.read_record(&mut record) {
        Ok(true) => Ok(Some(record.iter())),
        Ok(false) => Ok(None),
        Err(e) => Err(e.to_string()),
    };
    header_of(read, line, options, problems)
}

/// Reads every record left in `reader` (a [`fast_reader`]) into `rows`,
/// calling `pushed` after each case. `place` gives the line of the record
/// read from byte `before` on, and, when it is a misfit (another number
/// of fields than the header), the column where that shows, as far as
/// they are known. Progress is added as bytes read.
pub(crate) fn read_rows_fast<R: std::io::Read>(
    reader: &mut simd_csv::Reader<R>,
    rows: &mut Rows,
    (problems, progress): (&mut Problems, &Progress),
    mut place: impl FnMut(u64, bool) -> (Option<usize>, Option<usize>),
    mut pushed: impl FnMut(&mut Rows),
) {
    let mut record = simd_csv::StringRecord::new();
    let mut ticks = Ticks::default();
    loop {
        let before = reader.position();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(place(before, false).0, None, &e.to_string());
                break;
            }
        }
        ticks.record(progress, || reader.position());
        let (line, column) = place(before, record.len() != rows.width());
        if add_row(rows, || record.iter(), line, column, problems) {
            pushed(rows);
        }
    }
}
