//! The data exports' content: CSV read back by a standard reader,
//! formula neutralising, and the JSON and RON documents.

use super::*;

#[test]
fn csv_round_trips_through_a_standard_reader() {
    let sample = small_sample(&[
        ("A-1", "Girl, 14, \"missing\"", "Missing"),
        ("A-2", "Boy", "Custody"),
        ("A-3", "Ungraded", "Custody"),
    ]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    let tricky = "She said \"no\", twice;\nthen left — Zoë's café, 東京.";
    g.grade("A-1", "inadequate");
    g.note("A-1", tricky);
    g.grade("A-2", "good");
    g.note("A-2", "plain");
    g.answer("A-2", "voice_of_child", Answer::NotApplicable);
    g.answer("A-2", "initial_risk", Answer::Met);
    g.flag("A-2");
    g.note("A-3", "note on an ungraded case");
    let input = Input::new(&sample, &g.review, "A. Reviewer", &config);
    let bytes = render(Format::Csv, &input, ExportOptions::default()).expect("csv");

    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let mut expected: Vec<String> = csv::HEADER.iter().map(|h| (*h).to_owned()).collect();
    expected.extend(config.criteria.iter().map(|c| c.id.clone()));
    // Then the sample's other fields.
    expected.extend(["opened", "summary", "worker"].map(String::from));
    assert_eq!(header, expected);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, vec!["A-1", "A-2", "A-3"], "sample order");
    assert_eq!(&rows[0][col("title")], "Girl, 14, \"missing\"");
    assert_eq!(&rows[0][col("grade")], "inadequate");
    assert_eq!(&rows[0][col("grade_label")], "Inadequate");
    assert_eq!(&rows[0][col("note")], tricky);
    assert_eq!(&rows[0][col("flagged")], "false");
    assert_eq!(&rows[0][col("reviewer")], "A. Reviewer");
    assert_eq!(&rows[0][col("graded_at")], "2025-03-03T09:00:00Z");
    assert_eq!(&rows[1][col("grade")], "good");
    assert_eq!(&rows[1][col("flagged")], "true");
    assert_eq!(&rows[1][col("voice_of_child")], "not_applicable");
    assert_eq!(&rows[1][col("initial_risk")], "met");
    assert_eq!(&rows[1][col("supervision")], "");
    // Ungraded: empty grade cells, but the note is kept.
    for c in ["grade", "grade_label", "reviewer", "graded_at"] {
        assert_eq!(&rows[2][col(c)], "", "{c}");
    }
    assert_eq!(&rows[2][col("note")], "note on an ungraded case");
    assert_eq!(&rows[1][col("summary")], "Narrative of A-2");
    assert_eq!(&rows[1][col("worker")], "J. Doe");
}

/// A force's own export, graded and given back: every column it had, under
/// its own names; with `--layout original` in its own order first.
#[test]
fn csv_keeps_the_samples_own_columns() {
    let text = "Case Ref;Date Opened;Area;Summary;Officer;Risk Level\n\
        FR-1;2025-04-02;Missing from home;Went missing twice;PC Example;High\n\
        FR-2;2025-04-09;Custody;Held overnight;PC Sample;Medium\n";
    let sample = crate::store::sample::parse_sample(
        text.as_bytes(),
        crate::store::sample::Format::Csv,
        "force.csv",
        None,
    )
    .expect("sample");
    let config = Config {
        criteria: Vec::new(),
        ..Config::default()
    };
    let mut g = Grader::new(&sample, &config);
    g.grade("FR-2", "inadequate");
    g.note("FR-2", "No appropriate adult");
    let input = Input::new(&sample, &g.review, "A. Reviewer", &config);
    let read = |options: ExportOptions| {
        let bytes = render(Format::Csv, &input, options).expect("csv");
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let (header, rows) = read(ExportOptions::default());
    assert_eq!(
        header,
        [
            "id",
            "title",
            "category",
            "grade",
            "grade_label",
            "note",
            "flagged",
            "reviewer",
            "graded_at",
            "Date Opened",
            "Summary",
            "Officer",
            "Risk Level"
        ]
    );
    assert_eq!(rows[1][0], "FR-2");
    assert_eq!(rows[1][11..], ["PC Sample", "Medium"]);
    let (header, rows) = read(ExportOptions {
        layout: Layout::Original,
        ..ExportOptions::default()
    });
    assert_eq!(
        header,
        [
            "Case Ref",
            "Date Opened",
            "Area",
            "Summary",
            "Officer",
            "Risk Level",
            "grade",
            "grade_label",
            "note",
            "flagged",
            "reviewer",
            "graded_at"
        ]
    );
    assert_eq!(
        rows[1][..9],
        [
            "FR-2",
            "2025-04-09",
            "Custody",
            "Held overnight",
            "PC Sample",
            "Medium",
            "inadequate",
            "Inadequate",
            "No appropriate adult"
        ]
    );
    // Redacted: ids, areas, dates, grades only.
    let (header, _) = read(ExportOptions {
        layout: Layout::Original,
        redact: true,
        ..ExportOptions::default()
    });
    assert_eq!(
        header,
        [
            "Case Ref",
            "Date Opened",
            "Area",
            "grade",
            "grade_label",
            "note",
            "flagged",
            "reviewer",
            "graded_at"
        ]
    );
}

#[test]
fn formula_cells_are_neutralised_by_default_and_raw_on_request() {
    let sample = small_sample(&[("=1+1", "@SUM(A1:A9)", "-Custody"), ("B", "+44 20", "x")]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    g.note("B", "=HYPERLINK(\"x\")");
    let input = Input::new(&sample, &g.review, "r", &config);
    let safe = render_str(Format::Csv, &input, ExportOptions::default());
    let row = |text: &str, n: usize| {
        ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .nth(n)
            .expect("row")
            .expect("valid")
    };
    let r0 = row(&safe, 0);
    assert_eq!(
        (&r0[0], &r0[1], &r0[2]),
        ("'=1+1", "'@SUM(A1:A9)", "'-Custody")
    );
    let r1 = row(&safe, 1);
    assert_eq!((&r1[1], &r1[5]), ("'+44 20", "'=HYPERLINK(\"x\")"));
    let raw = render_str(
        Format::Csv,
        &input,
        ExportOptions {
            raw: true,
            ..ExportOptions::default()
        },
    );
    let r0 = row(&raw, 0);
    assert_eq!(
        (&r0[0], &r0[1], &r0[2]),
        ("=1+1", "@SUM(A1:A9)", "-Custody")
    );
    assert_eq!(&row(&raw, 1)[5], "=HYPERLINK(\"x\")");
}

#[test]
fn json_and_ron_hold_records_scale_summary_and_history() {
    let sample = demo_sample();
    let config = Config::default();
    let review = graded_demo(&sample, &config);
    let input = Input::new(&sample, &review, "A. Reviewer", &config);
    let json: serde_json::Value = serde_json::from_slice(
        &render(Format::Json, &input, ExportOptions::default()).expect("json"),
    )
    .expect("parse");
    assert_eq!(json["sample"]["cases"], 74);
    assert_eq!(json["sample"]["path"], serde_json::Value::Null);
    assert_eq!(json["scale"]["name"], "hmicfrs");
    assert_eq!(json["records"].as_array().map(Vec::len), Some(74));
    assert_eq!(json["records"][1]["id"], "CP-002");
    assert_eq!(json["records"][1]["grade_label"], "Inadequate");
    assert_eq!(json["summary"]["counts"]["inadequate"], 28);
    assert_eq!(
        json["history"].as_array().map(Vec::len),
        Some(review.history().len())
    );
    let ron_text = render_str(Format::Ron, &input, ExportOptions::default());
    let value: ron::Value = ron::from_str(&ron_text).expect("valid RON");
    let ron::Value::Map(map) = value else {
        panic!("a struct")
    };
    assert!(
        map.iter()
            .any(|(k, _)| *k == ron::Value::String("records".into()))
    );
}

/// The workbook read back: the Cases sheet holds the same rows as the
/// CSV, notes with line breaks and non-ASCII text intact, and a note that
/// begins with `=` is text, never a formula; the Summary sheet states the
/// breakdown.
#[test]
fn xlsx_round_trips_through_a_reader() {
    use calamine::{Data, Reader as _};
    let sample = small_sample(&[("A-1", "Girl, 14", "Missing"), ("A-2", "Boy", "Custody")]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    let tricky = "Two lines;\nZoë's café, 東京.";
    g.grade("A-1", "inadequate");
    g.note("A-1", tricky);
    g.grade("A-2", "good");
    g.note("A-2", "=HYPERLINK(\"http://example.invalid\")");
    let input = Input::new(&sample, &g.review, "A. Reviewer", &config);
    let bytes = render(Format::Xlsx, &input, ExportOptions::default()).expect("xlsx");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("readable");
    assert_eq!(book.sheet_names(), ["Cases", "Summary"]);
    let cases = book.worksheet_range("Cases").expect("Cases");
    let rows: Vec<Vec<String>> = cases
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    let csv = render(
        Format::Csv,
        &input,
        ExportOptions {
            raw: true,
            ..ExportOptions::default()
        },
    )
    .expect("csv");
    let mut csv_reader = ::csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = csv_reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(rows[0], header, "the same columns as the CSV");
    assert_eq!(rows.len(), 3);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(rows[1][col("note")], tricky);
    assert_eq!(rows[1][col("grade_label")], "Inadequate");
    assert_eq!(
        rows[2][col("note")],
        "=HYPERLINK(\"http://example.invalid\")"
    );
    assert!(
        matches!(cases.get((2, col("note"))), Some(Data::String(_))),
        "stored as text"
    );
    let formulas = book.worksheet_formula("Cases").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let summary = book.worksheet_range("Summary").expect("Summary");
    let text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(ToString::to_string).collect::<Vec<_>>())
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("Practice was assessed as good in 1 case")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t == "Inadequate"), "{text:?}");
}
