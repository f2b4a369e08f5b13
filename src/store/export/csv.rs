//! CSV export: one row per case in sample order, RFC 4180 via the `csv`
//! crate, UTF-8 without BOM, LF line ends.
//!
//! Header: `id,title,category,grade,grade_label,note,flagged,reviewer,graded_at`
//! then one column per configured criterion (named by its id; cells `met`,
//! `not_met`, `not_applicable` or empty). Ungraded cases have empty grade,
//! reviewer and time cells; `graded_at` is RFC 3339 UTC to the second.
//!
//! Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` (and some
//! also tab or carriage return) as a formula, which a hostile case file
//! could use to exfiltrate data. By default such cells get a leading `'`,
//! which spreadsheets show as text; [`ExportOptions::raw`] writes every cell
//! as it is (for round trips into other programs).

use std::borrow::Cow;

use super::records::{Record, Records};
use super::{ExportError, ExportOptions, Input};

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

/// Renders the CSV export.
pub fn render(input: &Input<'_>, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let encode = |e: csv::Error| ExportError::Encode(e.to_string());
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(input.sample.len() * 96 + 256));
    let criteria: Vec<&str> = input.criteria.iter().map(|c| c.id.as_str()).collect();
    let header = HEADER.iter().copied().chain(criteria.iter().copied());
    out.write_record(header.map(|h| neutralise(h, options.raw).into_owned()))
        .map_err(encode)?;
    let records = Records::new(input, options);
    for record in records.all() {
        let mut row: Vec<Cow<'_, str>> = Vec::with_capacity(HEADER.len() + criteria.len());
        fill(&mut row, &record, &criteria);
        if !options.raw {
            for cell in &mut row {
                if let Cow::Owned(safe) = neutralise(cell, false) {
                    *cell = Cow::Owned(safe);
                }
            }
        }
        out.write_record(row.iter().map(|cell| cell.as_bytes()))
            .map_err(encode)?;
    }
    out.into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
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
