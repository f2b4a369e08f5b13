//! A table's rows for `sample` and `split`: CSV and TSV streamed from disk
//! a row at a time (so memory does not grow with the file), other formats
//! read whole and laid out as casebench's own columns.

use std::borrow::Cow;
use std::path::Path;

use indexmap::IndexMap;

use crate::store::population::{PopulationError, Table};
use crate::store::progress::{Progress, Stage};
use crate::store::sample::{ReadOptions, load_sample_with};

/// A table's rows, streamed from disk or held in memory.
pub(super) enum Rows {
    Streamed(Table),
    Held(Vec<String>, Vec<Vec<String>>),
}

impl Rows {
    pub(super) fn headers(&self) -> &[String] {
        match self {
            Rows::Streamed(t) => &t.headers,
            Rows::Held(h, _) => h,
        }
    }

    /// Every row in order; returns the row count and the file's hash
    /// (streamed) or `None` (held: the caller hashes the file).
    /// `progress` follows a streamed pass through the file.
    pub(super) fn each(
        &self,
        (progress, stage): (&Progress, Stage),
        mut visit: impl FnMut(Row<'_>) -> Result<(), String>,
    ) -> anyhow::Result<(u64, Option<String>)> {
        match self {
            Rows::Streamed(t) => {
                progress.start(stage, t.size());
                let mut seen = 0_u64;
                let pass = t.rows(|_, record| {
                    seen += 1;
                    if seen.is_multiple_of(4096) {
                        progress.set(record.position().map_or(0, csv::Position::byte));
                    }
                    visit(Row::Bytes(t, record))
                })?;
                Ok((pass.rows, Some(pass.hash)))
            }
            Rows::Held(_, rows) => {
                for row in rows {
                    visit(Row::Held(row)).map_err(anyhow::Error::msg)?;
                }
                Ok((rows.len() as u64, None))
            }
        }
    }
}

/// One row, its fields decoded only when asked for.
#[derive(Clone, Copy)]
pub(super) enum Row<'r> {
    Bytes(&'r Table, &'r csv::ByteRecord),
    Held(&'r [String]),
}

impl<'r> Row<'r> {
    /// Field `c` (the row has as many fields as the header).
    pub(super) fn field(self, c: usize) -> Cow<'r, str> {
        match self {
            Row::Bytes(t, r) => t.text(r.get(c).unwrap_or_default()),
            Row::Held(r) => Cow::Borrowed(r.get(c).map_or("", String::as_str)),
        }
    }

    /// Every field.
    pub(super) fn fields(self) -> Vec<Cow<'r, str>> {
        match self {
            Row::Bytes(t, r) => r.iter().map(|f| t.text(f)).collect(),
            Row::Held(r) => r.iter().map(|s| Cow::Borrowed(s.as_str())).collect(),
        }
    }
}

/// Reads `path` a row at a time when it is CSV/TSV text, whole otherwise.
pub(super) fn open(path: &Path, options: &ReadOptions) -> anyhow::Result<Rows> {
    match Table::open(path, options) {
        Ok(t) => Ok(Rows::Streamed(t)),
        Err(PopulationError::NotStreamed) => {
            let (sample, _) = load_sample_with(path, options)?;
            let mut headers: Vec<String> = ["id", "title", "category", "opened", "summary"]
                .map(str::to_owned)
                .to_vec();
            headers.extend(sample.field_names().map(str::to_owned));
            let rows = sample
                .cases()
                .map(|c| {
                    let std = [
                        Some(&c.id),
                        c.title.as_ref(),
                        c.category.as_ref(),
                        c.opened.as_ref(),
                        c.summary.as_ref(),
                    ]
                    .map(|v| v.map(ToString::to_string).unwrap_or_default());
                    let mut row = std.to_vec();
                    let extra: IndexMap<&str, &str> = sample.extra_fields(c).collect();
                    row.extend(
                        sample
                            .field_names()
                            .map(|n| extra.get(n).map(|v| (*v).to_owned()).unwrap_or_default()),
                    );
                    row
                })
                .collect();
            Ok(Rows::Held(headers, rows))
        }
        Err(e) => Err(e.into()),
    }
}
