//! Sample loaders (RON, JSON, CSV/TSV, spreadsheets): bytes in, a checked
//! [`Sample`] or every problem found out — never a partial load.
//!
//! All formats go the same way: decode the text (`decode`: a BOM, UTF-8,
//! or Windows-1252 for CSV), parse (`ron_json`, `csv`, `sheet`; tables map
//! their columns to fields in `columns`), then run the shared id checks
//! (`check`). Positions of per-case problems come from the CSV reader or
//! the sheet's rows or, for RON and JSON, from a small scanner (`locate`).
//! How a file was read is returned as a [`ReadReport`].

use std::path::Path;

use crate::model::case::{Sample, StandardField};
use crate::store::progress::{Progress, Stage};

mod check;
mod columns;
mod csv;
mod decode;
mod error;
mod locate;
pub mod options;
mod preview;
mod ron_json;
mod sheet;
mod stream;
#[cfg(test)]
mod tests;

pub use columns::Decided;
pub use error::{Problem, SampleError};
pub use options::{Delimiter, ReadOptions, TextEncoding};
pub use preview::preview;

use check::{Draft, Input};
use columns::Column;
use error::Problems;
use locate::{Locator, Places, Syntax};

/// The separator of a table's first lines (see `casebench validate`):
/// among comma, semicolon, tab and pipe, the one that splits the header
/// into the most columns and the next lines into as many; `usual` when
/// nothing says otherwise.
pub fn sniff_delimiter(text: &str, usual: Delimiter) -> Delimiter {
    csv::sniff(text, usual)
}

/// Which column of a table with `headers` holds `field` when read as
/// `options` say (the same choice the loaders make), if any.
pub fn column_of(headers: &[String], options: &ReadOptions, field: StandardField) -> Option<usize> {
    let mut problems = Problems::default();
    columns::map(headers, options, None, &mut problems)
        .iter()
        .position(|c| matches!(c, Column::Field(f, _) if *f == field))
}

/// The bundled demo sample, as shipped in `assets/`.
const DEMO: &[u8] = include_bytes!("../../../assets/demo.ron");

/// A sample file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Rusty Object Notation (`.ron`).
    Ron,
    /// JSON (`.json`).
    Json,
    /// Comma-separated values with a header row (`.csv`; the separator is
    /// sniffed).
    Csv,
    /// Tab-separated values (`.tsv`, `.tab`).
    Tsv,
    /// A spreadsheet workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
    Spreadsheet,
}

impl Format {
    /// The format named by the file's extension (ignoring case), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        [
            ("ron", Format::Ron),
            ("json", Format::Json),
            ("csv", Format::Csv),
            ("tsv", Format::Tsv),
            ("tab", Format::Tsv),
            ("xlsx", Format::Spreadsheet),
            ("xlsm", Format::Spreadsheet),
            ("xls", Format::Spreadsheet),
            ("ods", Format::Spreadsheet),
        ]
        .into_iter()
        .find(|(e, _)| ext.eq_ignore_ascii_case(e))
        .map(|(_, f)| f)
    }

    /// How the format is named to the reviewer.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "RON",
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::Spreadsheet => "spreadsheet",
        }
    }
}

/// What a column of a table became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnUse {
    /// A standard field, and how that was decided.
    Field(StandardField, Decided),
    /// An extra field under its own name.
    Extra,
    /// No header: ignored (its cells must be empty).
    Ignored,
}

/// How a sample file was read: for `validate` to print and `init` to write
/// down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadReport {
    /// The format.
    pub format: Format,
    /// The text encoding (text formats), whether the file has a BOM, and
    /// whether it was chosen because the file is not UTF-8.
    pub encoding: Option<(TextEncoding, bool, bool)>,
    /// The separator (CSV/TSV) and whether it was sniffed.
    pub delimiter: Option<(Delimiter, bool)>,
    /// The sheet read and every sheet of the workbook (spreadsheets).
    pub sheet: Option<(String, Vec<String>)>,
    /// Each column's header and what it became (tables).
    pub columns: Vec<(String, ColumnUse)>,
    /// Number of cases.
    pub cases: usize,
}

/// Reads and parses a sample file (format from the extension), with
/// everything detected. See [`load_sample_with`].
pub fn load_sample(path: &Path) -> Result<Sample, SampleError> {
    load_sample_with(path, &ReadOptions::default()).map(|(sample, _)| sample)
}

/// Reads and parses a sample file (format from the extension) as `options`
/// say. Never a partial load: any problem fails the whole file, listing
/// every problem.
pub fn load_sample_with(
    path: &Path,
    options: &ReadOptions,
) -> Result<(Sample, ReadReport), SampleError> {
    load_sample_watched(path, options, &Progress::default())
}

/// [`load_sample_with`], recording how far it has got in `progress`.
pub fn load_sample_watched(
    path: &Path,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<(Sample, ReadReport), SampleError> {
    let format = Format::from_path(path).ok_or_else(|| SampleError::UnknownFormat {
        path: path.to_path_buf(),
    })?;
    let io = |source| SampleError::Io {
        path: path.to_path_buf(),
        source,
    };
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= stream::STREAM_FROM);
    if big && let Some(streamed) = stream::load(path, options, progress) {
        return streamed;
    }
    let bytes = read_watched(path, progress).map_err(io)?;
    parse_watched(
        &bytes,
        format,
        &path.display().to_string(),
        Some(path),
        options,
        progress,
    )
}

/// The bytes of `path`, read in chunks so that `progress` moves.
fn read_watched(path: &Path, progress: &Progress) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    const CHUNK: usize = 8 << 20;
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    progress.start(Stage::Reading, size);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    loop {
        let read = (&mut file).take(CHUNK as u64).read_to_end(&mut bytes)?;
        progress.set(bytes.len() as u64);
        if read == 0 {
            return Ok(bytes);
        }
    }
}

/// Parses bytes with everything detected. See [`parse_sample_with`].
pub fn parse_sample(
    bytes: &[u8],
    format: Format,
    origin: &str,
    path: Option<&Path>,
) -> Result<Sample, SampleError> {
    parse_sample_with(bytes, format, origin, path, &ReadOptions::default()).map(|(s, _)| s)
}

/// Parses bytes; `origin` names the file in messages; `path` is recorded in
/// the sample's [`SampleSource`](crate::model::case::SampleSource) (`None`
/// for embedded data) and gives the name when the file has none.
pub fn parse_sample_with(
    bytes: &[u8],
    format: Format,
    origin: &str,
    path: Option<&Path>,
    options: &ReadOptions,
) -> Result<(Sample, ReadReport), SampleError> {
    parse_watched(bytes, format, origin, path, options, &Progress::default())
}

/// [`parse_sample_with`], recording how far it has got in `progress`
/// (CSV and TSV, by bytes parsed).
fn parse_watched(
    bytes: &[u8],
    format: Format,
    origin: &str,
    path: Option<&Path>,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<(Sample, ReadReport), SampleError> {
    let mut problems = Problems::default();
    let mut report = ReadReport {
        format,
        encoding: None,
        delimiter: None,
        sheet: None,
        columns: Vec::new(),
        cases: 0,
    };
    let text_formats = matches!(format, Format::Csv | Format::Tsv);
    let decoded = (format != Format::Spreadsheet).then(|| {
        let forced = options
            .encoding
            .or((!text_formats).then_some(TextEncoding::Utf8));
        decode::decode_text(bytes, forced, text_formats, &mut problems)
    });
    let text = decoded.as_ref().map_or("", |d| d.text.as_ref());
    if let Some(d) = &decoded {
        report.encoding = Some((d.encoding, d.bom, d.fallback));
    }
    let parsed: Option<(Draft, Places)> = match format {
        Format::Ron => ron_json::parse(text, Syntax::Ron, &mut problems)
            .map(|d| (d, Places::Scan(Syntax::Ron))),
        Format::Json => ron_json::parse(text, Syntax::Json, &mut problems)
            .map(|d| (d, Places::Scan(Syntax::Json))),
        Format::Csv | Format::Tsv => {
            let usual = if format == Format::Tsv {
                Delimiter::TAB
            } else {
                Delimiter::COMMA
            };
            self::csv::parse(text, options, usual, &mut problems, progress).map(
                |(d, lines, read)| {
                    report.delimiter = read.delimiter;
                    report.columns = column_uses(&read.headers, &read.columns);
                    (d, Places::Lines(lines))
                },
            )
        }
        Format::Spreadsheet => {
            sheet::parse(bytes, options, &mut problems).map(|(d, rows, read)| {
                report.columns = column_uses(&read.table.headers, &read.table.columns);
                report.sheet = Some((read.sheet, read.sheets));
                (d, Places::Lines(rows))
            })
        }
    };
    let hash = crate::model::case::content_hash(bytes);
    let input = Input {
        hash: &hash,
        origin,
        path,
    };
    match parsed {
        Some((draft, places)) => {
            let sample = check::finish(draft, problems, &mut Locator::new(text, places), input)?;
            report.cases = sample.len();
            Ok((sample, report))
        }
        None => Err(problems.into_error(origin).unwrap_or_else(|| {
            SampleError::invalid(origin, vec![Problem::new(None, None, "not a valid sample")])
        })),
    }
}

fn column_uses(headers: &[String], columns: &[Column]) -> Vec<(String, ColumnUse)> {
    headers
        .iter()
        .zip(columns)
        .map(|(h, c)| {
            let used = match c {
                Column::Field(f, how) => ColumnUse::Field(*f, *how),
                Column::Extra(_) => ColumnUse::Extra,
                Column::Unnamed | Column::Repeated => ColumnUse::Ignored,
            };
            (crate::model::text::sanitize_line(h.trim()), used)
        })
        .collect()
}

/// The bundled demo sample: `assets/demo.ron`, parsed with origin
/// "demo sample" and no path.
///
/// # Panics
/// Only if the bundled asset is invalid, which a test guards against.
pub fn demo_sample() -> Sample {
    match parse_sample(DEMO, Format::Ron, "demo sample", None) {
        Ok(sample) => sample,
        Err(e) => panic!("the bundled demo sample is invalid: {e}"),
    }
}
