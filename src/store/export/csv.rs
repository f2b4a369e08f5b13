//! CSV export: one row per case in sample order, RFC 4180 as the `csv`
//! crate writes it ([`super::csv_row`]), UTF-8 without BOM, LF line ends.
//!
//! Header: `id,title,category,grade,grade_label,note,flagged,reviewer,graded_at`
//! then one column per configured criterion (named by its id; cells `met`,
//! `not_met`, `not_applicable` or empty), then the sample's other columns
//! under their own names and in their order. [`Layout::Original`] puts the
//! sample's own columns first instead, then casebench's. Redaction keeps
//! ids, areas, dates, grades and criteria only. Ungraded cases have empty
//! grade, reviewer and time cells; `graded_at` is RFC 3339 UTC to the second.
//!
//! Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` (and some
//! also tab or carriage return) as a formula, which a hostile case file
//! could use to exfiltrate data. By default such cells get a leading `'`,
//! which spreadsheets show as text; [`ExportOptions::raw`] writes every cell
//! as it is (for round trips into other programs).

use std::borrow::Cow;

use super::csv_row::push_row;
use super::records::{Record, Records};
use super::{ExportError, ExportOptions, Input, Layout};
use crate::model::case::{CaseIdx, Sample, StandardField};

/// The fixed leading columns.
pub const HEADER: [&str; 9] = [
    "id",
    "title",
    "category",
    "grade",
    "grade_label",
    "note",
    "flagged",
    "reviewer",
    "graded_at",
];

/// casebench's columns after the sample's own in [`Layout::Original`].
const GRADING: [&str; 6] = [
    "grade",
    "grade_label",
    "note",
    "flagged",
    "reviewer",
    "graded_at",
];

/// Where a sample column's cells come from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source<'a> {
    /// A standard field.
    Field(StandardField),
    /// An extra field of this name.
    Extra(&'a str),
}

/// The sample's columns, (header, source), in file order (for samples that
/// are not tables: the standard fields, then the extra fields), keeping
/// only ids, areas and dates when redacting.
pub(super) fn sample_columns(sample: &Sample, redact: bool) -> Vec<(&str, Source<'_>)> {
    let all: Vec<(&str, Source<'_>)> = if sample.columns().is_empty() {
        StandardField::ALL
            .into_iter()
            .map(|f| (f.name(), Source::Field(f)))
            .chain(sample.field_names().map(|n| (n, Source::Extra(n))))
            .collect()
    } else {
        sample
            .columns()
            .iter()
            .map(|c| {
                let source = c
                    .field
                    .map_or(Source::Extra(c.header.as_str()), Source::Field);
                (c.header.as_str(), source)
            })
            .collect()
    };
    all.into_iter()
        .filter(|(_, s)| {
            !redact
                || matches!(
                    s,
                    Source::Field(
                        StandardField::Id | StandardField::Category | StandardField::Opened
                    )
                )
        })
        .collect()
}

/// The cell of `record` in a sample column.
pub(super) fn sample_cell<'r>(record: &'r Record<'_>, source: Source<'_>) -> &'r str {
    match source {
        Source::Field(StandardField::Id) => record.id,
        Source::Field(StandardField::Title) => record.title.unwrap_or(""),
        Source::Field(StandardField::Category) => record.category.unwrap_or(""),
        Source::Field(StandardField::Opened) => record.opened.unwrap_or(""),
        Source::Field(StandardField::Summary) => record.summary.unwrap_or(""),
        Source::Extra(name) => record.fields.get(name).unwrap_or(""),
    }
}

/// The graded sample as a table: the header, and each record's cells in
/// the same order. Shared by the CSV and the xlsx export.
pub(super) struct GradedTable<'a> {
    /// Column names.
    pub(super) header: Vec<Cow<'a, str>>,
    criteria: Vec<&'a str>,
    columns: Vec<(&'a str, Source<'a>)>,
    others: Vec<(&'a str, Source<'a>)>,
    layout: Layout,
    /// The input, when it is a team session: its original grades and
    /// moderation state come last.
    team: Option<Input<'a>>,
}

impl<'a> GradedTable<'a> {
    /// The table of `input` as `options` lay it out.
    pub(super) fn new(input: &Input<'a>, options: ExportOptions) -> Self {
        let criteria: Vec<&str> = input.criteria.iter().map(|c| c.id.as_str()).collect();
        let columns = sample_columns(input.sample, options.redact);
        // In casebench's layout the sample's id, title and area are already
        // among the leading columns.
        let others: Vec<(&str, Source<'_>)> = columns
            .iter()
            .copied()
            .filter(|(_, s)| {
                !matches!(
                    s,
                    Source::Field(
                        StandardField::Id | StandardField::Title | StandardField::Category
                    )
                )
            })
            .collect();
        let header: Vec<&str> = match options.layout {
            Layout::Casebench => HEADER
                .iter()
                .copied()
                .chain(criteria.iter().copied())
                .chain(others.iter().map(|(h, _)| *h))
                .collect(),
            Layout::Original => columns
                .iter()
                .map(|(h, _)| *h)
                .chain(GRADING)
                .chain(criteria.iter().copied())
                .collect(),
        };
        let team_header = input
            .team
            .map(super::moderation::csv_header)
            .unwrap_or_default();
        let header = header
            .into_iter()
            .map(Cow::Borrowed)
            .chain(team_header.into_iter().map(Cow::Owned))
            .collect();
        Self {
            header,
            criteria,
            columns,
            others,
            layout: options.layout,
            team: input.team.map(|_| *input),
        }
    }

    /// The cells of `record`, one per column of the header.
    pub(super) fn cells<'r>(&self, record: &'r Record<'_>) -> Vec<Cow<'r, str>> {
        let mut row: Vec<Cow<'r, str>> = Vec::with_capacity(self.header.len());
        match self.layout {
            Layout::Casebench => {
                fill(&mut row, record, &self.criteria);
                row.extend(
                    self.others
                        .iter()
                        .map(|(_, s)| Cow::Borrowed(sample_cell(record, *s))),
                );
            }
            Layout::Original => {
                row.extend(
                    self.columns
                        .iter()
                        .map(|(_, s)| Cow::Borrowed(sample_cell(record, *s))),
                );
                let mut grading = Vec::with_capacity(HEADER.len() + self.criteria.len());
                fill(&mut grading, record, &self.criteria);
                // Drop id, title and area: the sample's own columns hold them.
                row.extend(grading.into_iter().skip(3));
            }
        }
        if let Some(input) = self.team
            && let (Some(team), Some(idx)) = (input.team, input.sample.position(record.id))
        {
            row.extend(
                super::moderation::csv_cells(&input, team, idx)
                    .into_iter()
                    .map(Cow::Owned),
            );
        }
        row
    }
}

/// Renders the CSV export.
pub fn render(input: &Input<'_>, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::with_capacity(input.sample.len() * 96 + 256);
    render_to(input, options, &mut out)?;
    Ok(out)
}

/// Rows rendered at a time, on each core, when the sample is big.
const ROWS_PER_PIECE: usize = 8192;

/// Writes the CSV export to `w`, a row at a time. A big sample's rows are
/// rendered in pieces on every core and written in order.
pub fn render_to(
    input: &Input<'_>,
    options: ExportOptions,
    w: &mut dyn crate::store::pipe::Output,
) -> Result<(), ExportError> {
    let table = GradedTable::new(input, options);
    let mut header = Vec::new();
    push_row(
        &mut header,
        table.header.iter().map(|h| neutralise(h, options.raw)),
    );
    w.write_all(&header).map_err(ExportError::Write)?;
    let records = Records::new(input, options);
    let sample = input.sample;
    let cases = sample.len();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut done = 0;
    crate::store::ordered::in_order(
        cases.div_ceil(ROWS_PER_PIECE),
        threads,
        |piece| {
            input.going_on()?;
            let rows = piece * ROWS_PER_PIECE..cases.min((piece + 1) * ROWS_PER_PIECE);
            let mut out = Vec::with_capacity(rows.len() * 128);
            for idx in rows {
                let idx = idx as CaseIdx;
                if let Some(case) = sample.get(idx) {
                    write_row(&mut out, &table, &records.record(idx, case), options.raw);
                }
            }
            Ok(out)
        },
        |rows| {
            done += ROWS_PER_PIECE;
            if let Some(progress) = input.progress {
                progress.set(done.min(cases) as u64);
            }
            w.write_owned(rows).map_err(ExportError::Write)
        },
    )?;
    w.flush().map_err(ExportError::Write)
}

/// Appends the row of `record` to `out`, its formula cells neutralised
/// unless `raw`.
fn write_row(out: &mut Vec<u8>, table: &GradedTable<'_>, record: &Record<'_>, raw: bool) {
    push_row(
        out,
        table.cells(record).iter().map(|cell| neutralise(cell, raw)),
    );
}

fn fill<'r>(row: &mut Vec<Cow<'r, str>>, r: &'r Record<'_>, criteria: &[&str]) {
    let text = |s: Option<&'r str>| Cow::Borrowed(s.unwrap_or(""));
    row.push(Cow::Borrowed(r.id));
    row.push(text(r.title));
    row.push(text(r.category));
    row.push(text(r.grade));
    row.push(text(r.grade_label));
    row.push(text(r.note.as_deref()));
    row.push(Cow::Borrowed(if r.flagged { "true" } else { "false" }));
    row.push(text(r.reviewer.as_deref()));
    row.push(match r.graded_at {
        Some(at) => Cow::Owned(rfc3339_seconds(at)),
        None => Cow::Borrowed(""),
    });
    for id in criteria {
        row.push(Cow::Borrowed(r.criteria.get(id).copied().unwrap_or("")));
    }
}

/// RFC 3339 in UTC to the second: `2025-03-03T09:00:00Z`.
fn rfc3339_seconds(at: jiff::Timestamp) -> String {
    // Whole seconds always fit; the fallback only keeps this total.
    jiff::Timestamp::from_second(at.as_second())
        .unwrap_or(at)
        .to_string()
}

/// The cell as written: with a leading `'` when it would start a formula,
/// unless `raw`.
pub fn neutralise(cell: &str, raw: bool) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !raw => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc_to_the_second() {
        let at: jiff::Timestamp = "2025-03-03T09:00:07.123456Z".parse().expect("time");
        assert_eq!(rfc3339_seconds(at), "2025-03-03T09:00:07Z");
    }

    #[test]
    fn formula_cells_are_neutralised_unless_raw() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad, false), format!("'{bad}"));
            assert_eq!(neutralise(bad, true), bad);
        }
        for ok in ["", "good", "1-2", "a=b", "'quoted", " =x"] {
            assert_eq!(neutralise(ok, false), ok);
        }
    }
}
