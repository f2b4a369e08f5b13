//! Which column of a table (CSV, spreadsheet) is which field, and turning
//! rows into cases. The standard fields are found under their common names,
//! ignoring case, spaces and punctuation ("Case Ref" is an id, "Area" an
//! area of practice, "Date Opened" the opened date, "Narrative" the
//! summary); an explicit mapping always wins. Anything unclear is an error
//! that lists the columns found and says how to settle it.

use std::fmt::Write as _;

use super::error::Problems;
use super::options::ReadOptions;
use crate::model::case::StandardField;

/// Common names of each standard field, normalised (lower-case letters and
/// digits only), strongest first.
const NAMES: [(StandardField, &[&str]); 5] = [
    (
        StandardField::Id,
        &[
            "id",
            "caseref",
            "caseid",
            "casereference",
            "reference",
            "ref",
            "urn",
            "casenumber",
            "caseno",
        ],
    ),
    (
        StandardField::Title,
        &["title", "casetitle", "subject", "headline"],
    ),
    (
        StandardField::Category,
        &[
            "category",
            "area",
            "areaofpractice",
            "practicearea",
            "theme",
            "type",
            "casetype",
        ],
    ),
    (
        StandardField::Opened,
        &["opened", "dateopened", "openeddate", "opendate", "date"],
    ),
    (
        StandardField::Summary,
        &[
            "summary",
            "narrative",
            "casesummary",
            "casenarrative",
            "details",
            "description",
        ],
    ),
];

/// How a column's use was decided, for `validate` to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// Named by the settings or the command line.
    Explicit,
    /// Recognised by its header.
    Recognised,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    /// A standard field.
    Field(StandardField, Decided),
    /// An extra field with this (trimmed) name.
    Extra(String),
    /// A column with an empty header; tolerated while its cells are empty.
    Unnamed,
    /// A column repeating an earlier one's name (reported once, at the
    /// header); its cells are not read.
    Repeated,
}

/// `header` in lower case with only its letters and digits.
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The rank of `header` among the common names of `field` (0 is its own
/// name), if it is one.
fn rank(field: StandardField, header: &str) -> Option<usize> {
    let norm = normalise(header);
    NAMES
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, names)| names.iter().position(|n| *n == norm))
}

/// The headers as a list for messages: `"Case Ref", "Area", "Officer"`.
fn listed(headers: &[String]) -> String {
    let mut out = String::new();
    for (i, h) in headers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{:?}", h.trim());
    }
    out
}

/// How to name a column explicitly, as a flag and as a setting.
fn fix(field: StandardField, header: &str) -> String {
    format!(
        "--column {}={:?} (or columns: {{ {}: {:?} }} in the sample's settings)",
        field.name(),
        header.trim(),
        field.name(),
        header.trim()
    )
}

/// Decides what each header holds. Every problem (a named column that is
/// not there, a field two columns could hold, no id, a repeated name) goes
/// to `problems` at `line`.
pub(crate) fn map(
    headers: &[String],
    options: &ReadOptions,
    line: Option<usize>,
    problems: &mut Problems,
) -> Vec<Column> {
    let mut columns: Vec<Option<Column>> = headers
        .iter()
        .map(|h| h.trim().is_empty().then_some(Column::Unnamed))
        .collect();
    mark_repeats(headers, &mut columns, line, problems);
    apply_explicit(headers, options, &mut columns, line, problems);
    let mut unsettled = Vec::new();
    for field in StandardField::ALL {
        if !options.columns.contains_key(&field)
            && !recognise(field, headers, &mut columns, line, problems)
        {
            unsettled.push(field);
        }
    }
    let columns: Vec<Column> = columns
        .into_iter()
        .zip(headers)
        .map(|(c, h)| c.unwrap_or_else(|| Column::Extra(h.trim().to_owned())))
        .collect();
    let has_id = columns
        .iter()
        .any(|c| matches!(c, Column::Field(StandardField::Id, _)));
    if !has_id
        && !options.columns.contains_key(&StandardField::Id)
        && !unsettled.contains(&StandardField::Id)
    {
        let example = headers
            .iter()
            .find(|h| !h.trim().is_empty())
            .map_or("Case Ref", String::as_str);
        problems.push(
            line,
            None,
            &format!(
                "no id column: none of the columns ({}) is named like a case id; say which it is with {}",
                listed(headers),
                fix(StandardField::Id, example)
            ),
        );
    }
    columns
}

/// A repeated name is reported once, at each repeat; the repeats hold
/// nothing, so the name still means its first column.
fn mark_repeats(
    headers: &[String],
    columns: &mut [Option<Column>],
    line: Option<usize>,
    problems: &mut Problems,
) {
    for (n, header) in headers.iter().enumerate() {
        let name = header.trim();
        if !name.is_empty()
            && headers[..n]
                .iter()
                .any(|h| h.trim().eq_ignore_ascii_case(name))
        {
            problems.push(
                line,
                Some(n + 1),
                &format!("column {} repeats the column name `{name}`", n + 1),
            );
            columns[n] = Some(Column::Repeated);
        }
    }
}

/// Gives the columns named in `options` their fields.
fn apply_explicit(
    headers: &[String],
    options: &ReadOptions,
    columns: &mut [Option<Column>],
    line: Option<usize>,
    problems: &mut Problems,
) {
    for (field, wanted) in &options.columns {
        let found = headers
            .iter()
            .position(|h| h.trim() == wanted.trim())
            .or_else(|| {
                headers
                    .iter()
                    .position(|h| normalise(h) == normalise(wanted))
            });
        match found {
            Some(i) if columns[i].is_none() => {
                columns[i] = Some(Column::Field(*field, Decided::Explicit));
            }
            Some(i) => problems.push(
                line,
                Some(i + 1),
                &format!(
                    "column {:?} is named for two fields; give each field its own column",
                    headers[i].trim()
                ),
            ),
            None => problems.push(
                line,
                None,
                &format!(
                    "no column {:?} for the {}; the columns are: {}",
                    wanted.trim(),
                    field.name(),
                    listed(headers)
                ),
            ),
        }
    }
}

/// Finds `field` among the columns still free by its common names: a column
/// named exactly for it wins; otherwise one common name must be
/// unambiguous. Returns false when two columns could hold it (reported).
fn recognise(
    field: StandardField,
    headers: &[String],
    columns: &mut [Option<Column>],
    line: Option<usize>,
    problems: &mut Problems,
) -> bool {
    let candidates: Vec<(usize, usize)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| columns[*i].is_none())
        .filter_map(|(i, h)| rank(field, h).map(|r| (r, i)))
        .collect();
    let exact: Vec<usize> = candidates
        .iter()
        .filter(|(r, _)| *r == 0)
        .map(|(_, i)| *i)
        .collect();
    let chosen = match (exact.as_slice(), candidates.as_slice()) {
        ([i], _) | ([], [(_, i)]) => *i,
        ([], []) => return true,
        _ => {
            let names: Vec<String> = candidates
                .iter()
                .map(|(_, i)| headers[*i].clone())
                .collect();
            problems.push(
                line,
                None,
                &format!(
                    "columns {} could each be the {}; say which with {}",
                    listed(&names),
                    field.name(),
                    fix(field, &names[0])
                ),
            );
            return false;
        }
    };
    columns[chosen] = Some(Column::Field(field, Decided::Recognised));
    true
}

mod rows;
pub(crate) use rows::Rows;

#[cfg(test)]
mod tests;
