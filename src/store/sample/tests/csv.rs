//! Tests of the CSV loader.

use super::*;

#[test]
fn csv_with_bom_crlf_quotes_and_extra_columns_loads() {
    let s = load("good.csv");
    assert_eq!(s.name, "good");
    assert_eq!(s.len(), 2, "the all-empty row is skipped");
    let c = s.get(0).expect("case");
    assert_eq!(c.id, "CP-101");
    assert_eq!(c.title, Some("Girl, 13"));
    assert_eq!(c.category, Some("Online sexual exploitation"));
    assert_eq!(c.opened, Some("2024-02-01"));
    assert_eq!(
        c.summary,
        Some("First paragraph.\n\nShe said \"no\" twice.")
    );
    assert_eq!(extras(&s, "CP-101"), pairs(&[("Borough", "Northfield")]));
    let d = s.get(1).expect("case");
    assert_eq!((d.opened, d.summary), (None, None));
    assert_eq!(
        extras(&s, "CP-102"),
        pairs(&[("Borough", "Eastvale"), ("Worker", "J. Doe")])
    );
    assert_eq!(s.field_names().collect::<Vec<_>>(), ["Borough", "Worker"]);
}

#[test]
fn every_ragged_row_is_reported_with_its_line() {
    assert_eq!(
        problems("ragged.csv"),
        [
            "3:6: expected 3 fields (as in the header), found 2",
            "5:10: expected 3 fields (as in the header), found 4",
        ]
    );
    let err = load_sample(&fixture("ragged.csv")).expect_err("ragged");
    assert_eq!(
        err.to_string(),
        format!(
            "{}:3:6: expected 3 fields (as in the header), found 2 (and 1 more problem)",
            fixture("ragged.csv").display()
        )
    );
}

#[test]
fn csv_without_id_column_is_reported_with_other_problems() {
    assert_eq!(
        problems("no_id.csv"),
        [
            "1: no id column: none of the columns (\"case\", \"title\") is named like a case id; say which it is with --column id=\"case\" (or columns: { id: \"case\" } in the sample's settings)",
            "3:7: expected 2 fields (as in the header), found 3",
        ]
    );
}

#[test]
fn csv_header_and_cell_problems() {
    assert_eq!(
        parse_problems("id,Title, title ,x,x\nA,b,c,d,e\n", Format::Csv),
        [
            "1:3: column 3 repeats the column name `title`",
            "1:5: column 5 repeats the column name `x`",
        ]
    );
    assert_eq!(
        parse_problems("id,,title\nA,oops,t\n", Format::Csv),
        ["2:2: a value in column 2, which has no header"]
    );
    assert_eq!(
        parse_problems("", Format::Csv),
        ["the file is empty: expected a header row naming the columns"]
    );
    assert_eq!(
        parse_problems("id,title\r\n", Format::Csv),
        ["the sample has no cases"]
    );
}

#[test]
fn csv_ids_empty_and_duplicate_are_all_reported() {
    let text = "id,title\nA,1\n\" \",2\nB,\"multi\nline\"\nA,3\nB,4\n";
    assert_eq!(
        parse_problems(text, Format::Csv),
        [
            "3: empty `id`",
            "6: duplicate id `A` (first used on line 2)",
            "7: duplicate id `B` (first used on line 4)",
        ]
    );
}

#[test]
fn csv_cells_are_sanitised() {
    let s = parse_sample(
        "id,title,note\nA\x1b,\"t\u{202e}\",\"\x1b[2J\tx\"\n".as_bytes(),
        Format::Csv,
        "t",
        None,
    )
    .expect("valid");
    let c = s.get(0).expect("case");
    assert_eq!(c.id, "A\\u{1b}");
    assert_eq!(c.title, Some("t\\u{202e}"));
    assert_eq!(
        extras(&s, "A\\u{1b}"),
        pairs(&[("note", "\\u{1b}[2J    x")])
    );
}
