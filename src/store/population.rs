//! Reading a population (the full case list a sample is drawn from) a row
//! at a time, so that drawing from a file far larger than memory works:
//! CSV and TSV are streamed from disk, each pass holding one row. The file
//! is hashed while it is read, so a draw records exactly what it read.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use csv::{ByteRecord, ReaderBuilder};

use super::sample::{Delimiter, Format, ReadOptions, TextEncoding, sniff_delimiter};

/// Why a population cannot be read a row at a time.
#[derive(Debug, thiserror::Error)]
pub enum PopulationError {
    /// The file system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The table is malformed at a place.
    #[error("{}:{line}: {message}", path.display())]
    Table {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Not a table casebench streams (a workbook, JSON, RON or UTF-16 text):
    /// the caller reads it whole instead.
    #[error("not streamed")]
    NotStreamed,
}

/// A CSV or TSV population: its header and how its rows are read.
#[derive(Debug, Clone)]
pub struct Table {
    path: PathBuf,
    /// Column names, as in the file.
    pub headers: Vec<String>,
    /// The separator.
    pub delimiter: Delimiter,
    encoding: Option<TextEncoding>,
}

/// What one pass over the rows found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    /// Rows (blank rows are not counted).
    pub rows: u64,
    /// Content hash of the whole file, as samples are hashed.
    pub hash: String,
}

/// Reads `inner` and hashes every byte read.
struct Hashing<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

impl Table {
    /// Opens `path` as a streamed table: its header and separator (sniffed
    /// from the first lines unless `options` names it). Workbooks, JSON,
    /// RON and UTF-16 text are [`PopulationError::NotStreamed`].
    pub fn open(path: &Path, options: &ReadOptions) -> Result<Table, PopulationError> {
        let usual = match Format::from_path(path) {
            Some(Format::Csv) => Delimiter::COMMA,
            Some(Format::Tsv) => Delimiter::TAB,
            _ => return Err(PopulationError::NotStreamed),
        };
        if matches!(
            options.encoding,
            Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be)
        ) {
            return Err(PopulationError::NotStreamed);
        }
        let io = |source| PopulationError::Io {
            path: path.to_owned(),
            source,
        };
        let mut head = Vec::new();
        File::open(path)
            .map_err(io)?
            .take(64 * 1024)
            .read_to_end(&mut head)
            .map_err(io)?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(PopulationError::NotStreamed);
        }
        let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
        let delimiter = options
            .delimiter
            .unwrap_or_else(|| sniff_delimiter(&text, usual));
        let mut table = Table {
            path: path.to_owned(),
            headers: Vec::new(),
            delimiter,
            encoding: options.encoding,
        };
        let mut headers = None;
        table.pass(|_, record| {
            headers = Some(record.clone());
            false
        })?;
        let headers = headers.ok_or_else(|| PopulationError::Table {
            path: path.to_owned(),
            line: 1,
            message: "the file is empty: expected a header row naming the columns".into(),
        })?;
        table.headers = headers
            .iter()
            .map(|h| table.text(h).trim().to_owned())
            .collect();
        Ok(table)
    }

    /// A field as text: UTF-8, or Windows-1252 when it is not UTF-8 (or
    /// when that encoding was named).
    pub fn text<'b>(&self, bytes: &'b [u8]) -> Cow<'b, str> {
        match (self.encoding, std::str::from_utf8(bytes)) {
            (Some(TextEncoding::Windows1252), _) | (_, Err(_)) => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
            (_, Ok(text)) => Cow::Borrowed(text),
        }
    }

    /// The file's size in bytes (0 if it cannot be read now), for
    /// following a pass through it.
    pub fn size(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }

    /// Reads every row after the header in file order, calling `visit` with
    /// its index (from 0) and its fields; blank rows are skipped and a row
    /// with another number of fields than the header is an error naming its
    /// line. The header itself goes to `visit` first only while the table
    /// is being opened.
    pub fn rows(
        &self,
        mut visit: impl FnMut(u64, &ByteRecord) -> Result<(), String>,
    ) -> Result<Pass, PopulationError> {
        let width = self.headers.len();
        let mut failure = None;
        let pass = self.pass(|index, record| {
            if index == 0 {
                return true;
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() != width {
                failure = Some((
                    line,
                    format!(
                        "expected {width} fields (as in the header), found {}",
                        record.len()
                    ),
                ));
            } else if let Err(message) = visit(index - 1, record) {
                failure = Some((line, message));
            }
            failure.is_none()
        })?;
        match failure {
            Some((line, message)) => Err(PopulationError::Table {
                path: self.path.clone(),
                line,
                message,
            }),
            None => Ok(Pass {
                rows: pass.rows.saturating_sub(1),
                hash: pass.hash,
            }),
        }
    }

    /// One pass over every non-blank record, the header included (index
    /// 0), until `visit` says to stop (then the hash is of what was read).
    fn pass(
        &self,
        mut visit: impl FnMut(u64, &ByteRecord) -> bool,
    ) -> Result<Pass, PopulationError> {
        let io = |source| PopulationError::Io {
            path: self.path.clone(),
            source,
        };
        let file = File::open(&self.path).map_err(io)?;
        let mut hashing = Hashing {
            inner: BufReader::with_capacity(256 * 1024, file),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        };
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter.byte())
            .from_reader(&mut hashing);
        let mut record = ByteRecord::new();
        let mut index = 0u64;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    return Err(PopulationError::Table {
                        path: self.path.clone(),
                        line,
                        message: e.to_string(),
                    });
                }
            }
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if index == 0
                && let Some(first) = record.get(0)
                && let Some(rest) = first.strip_prefix(b"\xEF\xBB\xBF")
            {
                let mut clean = ByteRecord::new();
                clean.push_field(rest);
                for f in record.iter().skip(1) {
                    clean.push_field(f);
                }
                clean.set_position(record.position().cloned());
                record = clean;
            }
            let go_on = visit(index, &record);
            index += 1;
            if !go_on {
                return Ok(Pass {
                    rows: index,
                    hash: String::new(),
                });
            }
        }
        drop(reader);
        // The reader may stop short of the end (nothing after the last
        // record but whitespace): hash the rest too.
        io::copy(&mut hashing, &mut io::sink()).map_err(io)?;
        Ok(Pass {
            rows: index,
            hash: format!("xxh3-128:{:032x}", hashing.hasher.digest128()),
        })
    }
}
