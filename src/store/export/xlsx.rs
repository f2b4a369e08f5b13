//! The graded sample as an Excel workbook (`rust_xlsxwriter`): a Cases
//! sheet in the same shape as the CSV export (header frozen, autofilter on,
//! widths fitted, long text wrapped), every cell written as text so that
//! nothing is ever run as a formula; and a Summary sheet with the report's
//! sentence, the breakdown with intervals, grades by area of practice and
//! the criteria.

use std::borrow::Cow;

use rust_xlsxwriter::{Format as CellFormat, FormatAlign, Workbook, Worksheet, XlsxError};

use super::csv::GradedTable;
use super::records::Records;
use super::report::Report;
use super::table::{self, Align, Table};
use super::{ExportError, ExportOptions, Input};

/// Excel's limit on the text of one cell.
const MAX_CELL: usize = 32_767;
/// Excel's limit on rows per sheet.
const MAX_ROWS: usize = 1_048_576;
/// Widest a column is made, in characters.
const MAX_WIDTH: usize = 60;

/// Renders the workbook.
pub fn render(input: &Input<'_>, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    if input.sample.len() + 1 > MAX_ROWS {
        return Err(ExportError::Encode(format!(
            "{} cases do not fit in one Excel sheet (at most {} rows); export CSV instead",
            input.sample.len(),
            MAX_ROWS - 1
        )));
    }
    let xlsx = |e: XlsxError| ExportError::Encode(e.to_string());
    let mut workbook = Workbook::new();
    let cases = workbook.add_worksheet();
    cases.set_name("Cases").map_err(xlsx)?;
    write_cases(cases, input, options).map_err(xlsx)?;
    let summary = workbook.add_worksheet();
    summary.set_name("Summary").map_err(xlsx)?;
    write_summary(summary, &Report::new(input, options)).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}

/// Text that fits in one cell.
fn fit(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_CELL {
        return Cow::Borrowed(text);
    }
    let mut end = MAX_CELL - 40;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!(
        "{} [… cut: Excel holds 32,767 characters a cell]",
        &text[..end]
    ))
}

fn write_cases(
    sheet: &mut Worksheet,
    input: &Input<'_>,
    options: ExportOptions,
) -> Result<(), XlsxError> {
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let top = CellFormat::new().set_align(FormatAlign::Top);
    let table = GradedTable::new(input, options);
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name.as_ref(), &bold)?;
    }
    let records = Records::new(input, options);
    let mut row = 0u32;
    for record in records.all() {
        row += 1;
        for (col, cell) in table.cells(&record).iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            widths[col] = widths[col].max(longest);
            let format = if cell.contains('\n') || longest > MAX_WIDTH {
                &wrap
            } else {
                &top
            };
            sheet.write_string_with_format(row, col as u16, fit(cell), format)?;
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).clamp(6, MAX_WIDTH) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = table.header.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, row, last_col)?;
    Ok(())
}

fn write_summary(sheet: &mut Worksheet, r: &Report<'_>) -> Result<(), XlsxError> {
    let title = CellFormat::new().set_bold().set_font_size(14);
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    sheet.write_string_with_format(0, 0, fit(&r.title()), &title)?;
    sheet.write_string(1, 0, fit(&r.summary.sentence))?;
    sheet.write_string(
        2,
        0,
        format!("{} of {} cases graded", r.summary.graded, r.summary.total),
    )?;
    let mut row = 4u32;
    if let Some(text) = r.comparison_text() {
        sheet.write_string_with_format(row, 0, fit(&text), &wrap)?;
        row += 2;
    }
    let mut widths = vec![12usize; 8];
    for (heading, t) in [
        ("Grades", Some(table::breakdown(r))),
        ("Grades by area of practice", table::categories(r)),
        ("Practice criteria", table::criteria(r)),
    ] {
        let Some(t) = t else { continue };
        sheet.write_string_with_format(row, 0, heading, &bold)?;
        row += 1;
        row = write_table(sheet, row, &t, &bold, &mut widths)?;
        row += 1;
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).min(MAX_WIDTH) as f64 + 1.0)?;
    }
    Ok(())
}

/// Writes `t` from `row` down; returns the row after it.
fn write_table(
    sheet: &mut Worksheet,
    mut row: u32,
    t: &Table,
    bold: &CellFormat,
    widths: &mut Vec<usize>,
) -> Result<u32, XlsxError> {
    let right = CellFormat::new().set_align(FormatAlign::Right);
    let right_bold = CellFormat::new().set_align(FormatAlign::Right).set_bold();
    for (col, cell) in t.header.iter().enumerate() {
        let format = if cell.align == Align::Right {
            &right_bold
        } else {
            bold
        };
        sheet.write_string_with_format(row, col as u16, fit(&cell.text), format)?;
        note_width(widths, col, &cell.text);
    }
    for body in &t.rows {
        row += 1;
        for (col, cell) in body.cells.iter().enumerate() {
            let format = match (cell.align, body.total) {
                (Align::Right, true) => &right_bold,
                (Align::Right, false) => &right,
                (Align::Left, true) => bold,
                (Align::Left, false) => &CellFormat::new(),
            };
            sheet.write_string_with_format(row, col as u16, fit(&cell.text), format)?;
            note_width(widths, col, &cell.text);
        }
    }
    Ok(row + 1)
}

fn note_width(widths: &mut Vec<usize>, col: usize, text: &str) {
    if widths.len() <= col {
        widths.resize(col + 1, 12);
    }
    widths[col] = widths[col].max(text.chars().count());
}
