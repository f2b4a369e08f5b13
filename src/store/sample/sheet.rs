//! Spreadsheet samples (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read with
//! `calamine`): the first sheet unless one is named; the header is the first
//! non-empty row; dates become ISO dates, numbers read as written (no
//! `12.0` for 12); rows with no value at all (trailing, or left by merged
//! cells) are not cases. Problems name the sheet and the cell (`Cases!C7`),
//! and carry the row as their line.

use std::io::Cursor;

use calamine::{Data, Reader as _, open_workbook_auto_from_rs};

use super::check::Draft;
use super::columns::{self, Rows};
use super::csv::TableRead;
use super::error::Problems;
use super::options::ReadOptions;

/// What reading a workbook found besides the table.
#[derive(Debug)]
pub(crate) struct SheetRead {
    /// The table as read.
    pub(crate) table: TableRead,
    /// The sheet read.
    pub(crate) sheet: String,
    /// Every sheet of the workbook.
    pub(crate) sheets: Vec<String>,
}

/// Parses a workbook. `None` when it cannot be read at all or the sheet has
/// no header row (reported in `problems`).
pub(crate) fn parse(
    bytes: &[u8],
    options: &ReadOptions,
    problems: &mut Problems,
) -> Option<(Draft, Vec<usize>, SheetRead)> {
    let mut workbook = match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(w) => w,
        Err(e) => {
            problems.push(None, None, &format!("not a readable spreadsheet: {e}"));
            return None;
        }
    };
    let sheets = workbook.sheet_names();
    let found = match &options.sheet {
        Some(name) => sheets.iter().find(|s| s.trim() == name.trim()),
        None => sheets.first(),
    };
    let Some(sheet) = found.cloned() else {
        let message = match &options.sheet {
            Some(name) => format!("no sheet {name:?}; the sheets are: {}", quoted(&sheets)),
            None => "the workbook has no sheets".to_owned(),
        };
        problems.push(None, None, &message);
        return None;
    };
    let range = match workbook.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            problems.push(None, None, &format!("sheet {sheet:?} cannot be read: {e}"));
            return None;
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !text_of(c).trim().is_empty()));
    let Some((header_at, header_cells)) = rows.next() else {
        problems.push(
            None,
            None,
            &format!("sheet {sheet:?} is empty: expected a header row naming the columns"),
        );
        return None;
    };
    // Rows and columns as the spreadsheet numbers them (1-based).
    let row_number = |i: usize| first_row as usize + i + 1;
    let col_number = |j: usize| first_col as usize + j + 1;
    let headers: Vec<String> = header_cells.iter().map(text_of).collect();
    let header_row = row_number(header_at);
    let columns = columns::map(&headers, options, Some(header_row), problems);
    let mut table = Rows::new(&headers, columns);
    let mut texts: Vec<String> = Vec::with_capacity(headers.len());
    for (i, cells) in rows {
        let row = row_number(i);
        texts.clear();
        for (j, cell) in cells.iter().enumerate() {
            if let Data::Error(e) = cell {
                problems.push(
                    Some(row),
                    Some(col_number(j)),
                    &format!(
                        "{sheet}!{}{row}: the cell holds an error ({e})",
                        column_letters(col_number(j))
                    ),
                );
            }
            texts.push(text_of(cell));
        }
        // Cells past the header's last column must be empty.
        for (j, text) in texts.iter().enumerate().skip(headers.len()) {
            if !text.trim().is_empty() {
                problems.push(
                    Some(row),
                    Some(col_number(j)),
                    &format!(
                        "{sheet}!{}{row}: a value beyond the last column with a header",
                        column_letters(col_number(j))
                    ),
                );
            }
        }
        table.push(texts.iter().map(String::as_str), Some(row), problems);
    }
    let table_columns = table.uses().to_vec();
    let (draft, lines) = table.finish();
    let read = SheetRead {
        table: TableRead {
            headers,
            columns: table_columns,
            delimiter: None,
        },
        sheet,
        sheets,
    };
    Some((draft, lines, read))
}

/// A cell as text: numbers as written (`12`, `3.5`), dates as ISO dates
/// (a time only when there is one), booleans as TRUE/FALSE.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => number(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a spreadsheet shows it in a general cell: no `.0` on whole
/// numbers, and the shortest decimals that give the value back.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// `1` → `A`, `27` → `AA`.
fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_spreadsheet_shows_them() {
        assert_eq!(text_of(&Data::Float(12.0)), "12");
        assert_eq!(text_of(&Data::Float(3.5)), "3.5");
        assert_eq!(text_of(&Data::Int(-4)), "-4");
        assert_eq!(text_of(&Data::Bool(true)), "TRUE");
        let date =
            calamine::ExcelDateTime::new(45_943.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(&Data::DateTime(date)), "2025-10-13");
        let noon =
            calamine::ExcelDateTime::new(45_943.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(&Data::DateTime(noon)), "2025-10-13 12:00:00");
    }

    #[test]
    fn column_letters_as_spreadsheets_name_them() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }
}
