//! Tests of the files reviewers really get: other column names, Windows
//! encodings and separators, UTF-16, spreadsheets by sheet, and files that
//! must fail loudly (an id column that could be either of two, a quote that
//! never closes).

use super::*;

fn read(name: &str, options: &ReadOptions) -> (Sample, ReadReport) {
    load_sample_with(&fixture(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn problems_with(name: &str, options: &ReadOptions) -> Vec<String> {
    let err = load_sample_with(&fixture(name), options).expect_err("should fail");
    err.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn a_force_export_in_windows_1252_with_semicolons_opens_as_it_is() {
    let (sample, report) = read("force_cp1252.csv", &ReadOptions::default());
    assert_eq!(sample.len(), 3);
    let first = sample.get(0).expect("case");
    assert_eq!(first.id, "FR-001");
    assert_eq!(first.category, Some("Missing from home"));
    assert_eq!(first.opened, Some("02/04/2025"));
    assert_eq!(
        first.summary,
        Some("\u{201c}Found at a friend\u{2019}s\u{201d} after 9 hours \u{2013} \u{a3}5 taken")
    );
    assert_eq!(
        extras(&sample, "FR-002"),
        pairs(&[("Officer", "PC Sample"), ("Risk Level", "Medium")])
    );
    assert_eq!(
        sample.get(1).and_then(|c| c.summary),
        Some("Held overnight; no appropriate adult"),
        "a quoted separator stays in its cell"
    );
    assert_eq!(
        report.encoding,
        Some((TextEncoding::Windows1252, false, true))
    );
    assert_eq!(report.delimiter, Some((Delimiter::ALL[1], true)));
    let uses: Vec<(&str, &ColumnUse)> = report
        .columns
        .iter()
        .map(|(h, u)| (h.as_str(), u))
        .collect();
    assert_eq!(
        uses[0],
        (
            "Case Ref",
            &ColumnUse::Field(StandardField::Id, Decided::Recognised)
        )
    );
    assert_eq!(uses[4], ("Officer", &ColumnUse::Extra));
}

#[test]
fn utf16_tab_separated_text_opens() {
    let (sample, report) = read("utf16.tsv", &ReadOptions::default());
    assert_eq!(sample.len(), 2);
    assert_eq!(sample.get(0).expect("case").id, "U-1");
    assert_eq!(
        sample.get(0).and_then(|c| c.summary),
        Some("Mother \u{2013} two children, na\u{ef}ve")
    );
    assert_eq!(report.encoding, Some((TextEncoding::Utf16Le, true, false)));
    assert_eq!(report.delimiter, Some((Delimiter::TAB, true)));
}

#[test]
fn an_ambiguous_id_column_is_an_error_that_names_the_fix_and_the_fix_works() {
    let problems = problems_with("ambiguous_id.csv", &ReadOptions::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(r#"columns "Ref", "Case ID" could each be the id"#),
        "{problems:?}"
    );
    let options = ReadOptions {
        columns: [(StandardField::Id, "Case ID".to_owned())].into(),
        ..ReadOptions::default()
    };
    let (sample, _) = read("ambiguous_id.csv", &options);
    assert_eq!(sample.get(1).expect("case").id, "C2");
    assert_eq!(extras(&sample, "C1"), pairs(&[("Ref", "R1")]));
}

#[test]
fn an_unclosed_quote_fails_the_file_where_it_opens() {
    let problems = problems_with("unclosed_quote.csv", &ReadOptions::default());
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("4:7: unclosed quote") && p.contains("the 4 lines after it")),
        "{problems:?}"
    );
}

#[test]
fn an_ods_workbook_opens_by_sheet_with_dates_and_numbers_as_shown() {
    let (sample, report) = read("workbook.ods", &ReadOptions::default());
    assert_eq!(
        sample.len(),
        2,
        "the empty rows above and below are not cases"
    );
    let first = sample.get(0).expect("case");
    assert_eq!(first.id, "OD-001");
    assert_eq!(first.opened, Some("2025-04-02"));
    assert_eq!(
        extras(&sample, "OD-002"),
        pairs(&[("Child age", "16"), ("Risk score", "2")])
    );
    assert_eq!(
        extras(&sample, "OD-001")[1],
        ("Risk score".into(), "3.5".into())
    );
    let (sheet, sheets) = report.sheet.expect("a sheet");
    assert_eq!((sheet.as_str(), sheets.len()), ("Cases", 2));
    let notes = ReadOptions {
        sheet: Some("Notes".into()),
        ..ReadOptions::default()
    };
    let (sample, _) = read("workbook.ods", &notes);
    assert_eq!(sample.get(0).expect("case").id, "N-1");
    let missing = ReadOptions {
        sheet: Some("Summary".into()),
        ..ReadOptions::default()
    };
    let problems = problems_with("workbook.ods", &missing);
    assert_eq!(
        problems,
        [r#"no sheet "Summary"; the sheets are: "Cases", "Notes""#]
    );
}

#[test]
fn an_xlsx_workbook_opens_with_errors_named_by_cell() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Formula, Workbook};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cases.xlsx");
    let mut book = Workbook::new();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Sample").expect("name");
    for (col, header) in ["URN", "Opened", "Area of practice", "Hours"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    sheet.write_string(1, 0, "XL-1").expect("cell");
    let opened = ExcelDateTime::from_ymd(2025, 6, 30).expect("date");
    sheet
        .write_datetime_with_format(1, 1, &opened, &date)
        .expect("cell");
    sheet.write_string(1, 2, "Custody").expect("cell");
    sheet.write_number(1, 3, 13.0).expect("cell");
    sheet.write_string(2, 0, "XL-2").expect("cell");
    sheet.write_number(2, 3, 1.25).expect("cell");
    book.add_worksheet().set_name("Other").expect("name");
    book.save(&path).expect("save");
    let (sample, report) = load_sample_with(&path, &ReadOptions::default()).expect("loads");
    assert_eq!(sample.len(), 2);
    let first = sample.get(0).expect("case");
    assert_eq!(
        (first.id, first.opened, first.category),
        ("XL-1", Some("2025-06-30"), Some("Custody"))
    );
    assert_eq!(extras(&sample, "XL-1"), pairs(&[("Hours", "13")]));
    assert_eq!(extras(&sample, "XL-2"), pairs(&[("Hours", "1.25")]));
    assert_eq!(report.sheet.map(|(s, _)| s).as_deref(), Some("Sample"));

    // A duplicate id and a formula error, each named by its row.
    let bad = dir.path().join("bad.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "id").expect("cell");
    sheet.write_string(0, 1, "score").expect("cell");
    sheet.write_string(1, 0, "A").expect("cell");
    sheet
        .write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
        .expect("cell");
    sheet.write_string(2, 0, "A").expect("cell");
    book.save(&bad).expect("save");
    let err = load_sample_with(&bad, &ReadOptions::default()).expect_err("invalid");
    let list: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert!(
        list.iter()
            .any(|p| p.starts_with("2:2: Sheet1!B2: the cell holds an error")),
        "{list:?}"
    );
    assert!(
        list.iter().any(|p| p.starts_with("3: duplicate id `A`")),
        "{list:?}"
    );
}
