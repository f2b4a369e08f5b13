//! CSV samples: a header row naming the columns, one case per record.
//!
//! Header names are matched ignoring case and surrounding spaces; `id` is
//! required, `title`, `category`, `opened` and `summary` map to the case's
//! own fields and every other column becomes an extra field. Rows whose
//! cells are all empty (as spreadsheets like to export) are skipped.

use ::csv::{ReaderBuilder, StringRecord};

use super::check::Draft;
use super::error::Problems;
use crate::model::case::{CaseFields, SampleBuilder};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Category,
    Opened,
    Summary,
    /// An extra field with this (trimmed) name.
    Extra(String),
    /// A column with an empty header; tolerated while its cells are empty.
    Unnamed,
}

impl Column {
    fn from_header(header: &str) -> Column {
        let name = header.trim();
        let known = [
            ("id", Column::Id),
            ("title", Column::Title),
            ("category", Column::Category),
            ("opened", Column::Opened),
            ("summary", Column::Summary),
        ];
        if name.is_empty() {
            return Column::Unnamed;
        }
        known
            .into_iter()
            .find(|(k, _)| name.eq_ignore_ascii_case(k))
            .map_or_else(|| Column::Extra(name.to_owned()), |(_, c)| c)
    }
}

/// Parses CSV text into a draft and the line each case starts on. Every
/// problem found is recorded in `problems`; `None` only for an empty file.
pub(crate) fn parse(text: &str, problems: &mut Problems) -> Option<(Draft, Vec<usize>)> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(
                None,
                None,
                "the file is empty: expected a header row with an `id` column",
            );
            return None;
        }
        Err(e) => {
            problems.push(line_of(&record), None, &e.to_string());
            return None;
        }
    }
    let header_line = line_of(&record);
    let columns = read_header(&record, header_line, problems);
    let has_id = columns.contains(&Column::Id);
    let extras = columns
        .iter()
        .filter(|c| matches!(c, Column::Extra(_)))
        .count();

    let mut builder = SampleBuilder::new();
    let mut lines = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(line_of(&record), None, &e.to_string());
                break;
            }
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = line_of(&record);
        if record.len() != columns.len() {
            problems.push(
                line,
                None,
                &format!(
                    "expected {} fields (as in the header), found {}",
                    columns.len(),
                    record.len()
                ),
            );
        }
        let mut fields = CaseFields {
            extra: Vec::with_capacity(extras),
            ..CaseFields::default()
        };
        for (n, (column, cell)) in columns.iter().zip(record.iter()).enumerate() {
            let value = || (!cell.trim().is_empty()).then(|| cell.to_owned());
            match column {
                Column::Id => cell.clone_into(&mut fields.id),
                Column::Title => fields.title = value(),
                Column::Category => fields.category = value(),
                Column::Opened => fields.opened = value(),
                Column::Summary => fields.summary = value(),
                Column::Extra(name) => {
                    if let Some(v) = value() {
                        fields.extra.push((name.clone(), v));
                    }
                }
                Column::Unnamed => {
                    if !cell.trim().is_empty() {
                        problems.push(
                            line,
                            None,
                            &format!("a value in column {}, which has no header", n + 1),
                        );
                    }
                }
            }
        }
        builder.push(fields);
        lines.push(line.unwrap_or(0));
    }
    let draft = Draft {
        builder,
        check_ids: has_id,
        ..Draft::default()
    };
    Some((draft, lines))
}

/// Maps header cells to columns, reporting a missing `id` column and
/// repeated column names.
fn read_header(record: &StringRecord, line: Option<usize>, problems: &mut Problems) -> Vec<Column> {
    let columns: Vec<Column> = record.iter().map(Column::from_header).collect();
    if !columns.contains(&Column::Id) {
        problems.push(line, None, "no `id` column in the header row");
    }
    for (n, column) in columns.iter().enumerate() {
        if *column != Column::Unnamed && columns[..n].contains(column) {
            let name = record.get(n).unwrap_or_default().trim();
            problems.push(
                line,
                None,
                &format!("column {} repeats the column name `{name}`", n + 1),
            );
        }
    }
    columns
}

fn line_of(record: &StringRecord) -> Option<usize> {
    record
        .position()
        .and_then(|p| usize::try_from(p.line()).ok())
}
