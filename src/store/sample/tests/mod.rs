//! Tests of the sample loaders, mostly against the fixture files in
//! `tests/fixtures/samples/`: shared helpers and format-independent checks.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::case::StandardField;

mod csv;
mod fuzz;
mod ron_json;
mod stream;
mod tables;
use crate::model::case::content_hash;

pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name)
}

pub(super) fn load(name: &str) -> Sample {
    load_sample(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The problems of a failed load, as `line:column: message`.
pub(super) fn problems(name: &str) -> Vec<String> {
    let err = load_sample(&fixture(name)).expect_err("should fail");
    err.problems().iter().map(ToString::to_string).collect()
}

pub(super) fn parse_problems(text: &str, format: Format) -> Vec<String> {
    let err = parse_sample(text.as_bytes(), format, "t", None).expect_err("should fail");
    err.problems().iter().map(ToString::to_string).collect()
}

pub(super) fn extras(sample: &Sample, id: &str) -> Vec<(String, String)> {
    let case = sample.get(sample.position(id).expect(id)).expect(id);
    sample
        .extra_fields(case)
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

pub(super) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn format_follows_the_extension_ignoring_case() {
    assert_eq!(Format::from_path(Path::new("a/b.RON")), Some(Format::Ron));
    assert_eq!(Format::from_path(Path::new("b.Json")), Some(Format::Json));
    assert_eq!(Format::from_path(Path::new("b.csv")), Some(Format::Csv));
    assert_eq!(Format::from_path(Path::new("b.txt")), None);
    assert_eq!(Format::from_path(Path::new("csv")), None);
}

#[test]
fn unknown_extension_and_unreadable_file_are_reported() {
    let path = fixture("unknown.txt");
    let err = load_sample(&path).expect_err("unknown format");
    assert!(matches!(err, SampleError::UnknownFormat { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: unknown sample format (expected .csv, .tsv, .xlsx, .xls, .ods, .ron or .json)",
            path.display()
        )
    );
    assert!(err.problems().is_empty());

    let missing = fixture("does_not_exist.csv");
    let err = load_sample(&missing).expect_err("missing file");
    assert!(matches!(err, SampleError::Io { .. }));
    assert!(
        err.to_string()
            .starts_with(&format!("cannot read {}: ", missing.display()))
    );
}

#[test]
fn invalid_utf8_names_each_line_in_json_and_in_csv_said_to_be_utf8() {
    let utf8 = ReadOptions {
        encoding: Some(TextEncoding::Utf8),
        ..ReadOptions::default()
    };
    let err = load_sample_with(&fixture("latin1.csv"), &utf8).expect_err("not UTF-8");
    let list: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        list,
        [
            "2:6: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
            "4:5: invalid UTF-8 (byte 0xEF); save the file as UTF-8",
        ]
    );
    assert_eq!(
        problems("latin1.json"),
        ["2:28: invalid UTF-8 (byte 0xE9); save the file as UTF-8"]
    );
    // Decoding goes on, so later problems are found too.
    let mut bytes = b"id,t\nA,\xE9\nB\n".to_vec();
    bytes.extend_from_slice(b"A,x\n");
    let err = parse_sample_with(&bytes, Format::Csv, "t", None, &utf8).expect_err("bad");
    let list: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        list,
        [
            "2:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
            "3:2: expected 2 fields (as in the header), found 1",
            "4: duplicate id `A` (first used on line 2)",
        ]
    );
}

#[test]
fn a_csv_that_is_not_utf8_is_read_as_windows_1252() {
    let (sample, report) =
        load_sample_with(&fixture("latin1.csv"), &ReadOptions::default()).expect("loads");
    assert_eq!(sample.get(0).and_then(|c| c.title), Some("café"));
    assert_eq!(
        report.encoding,
        Some((TextEncoding::Windows1252, false, true))
    );
}

#[test]
fn empty_samples_are_a_problem() {
    assert_eq!(problems("empty.json"), ["the sample has no cases"]);
    assert_eq!(
        parse_problems("(name: \"x\", cases: [])", Format::Ron),
        ["the sample has no cases"]
    );
    assert_eq!(
        parse_problems(" \n", Format::Json),
        ["the file is empty: expected a list of cases"]
    );
    assert_eq!(
        parse_problems("// nothing\n", Format::Ron),
        ["the file is empty: expected a list of cases"]
    );
}

#[test]
fn control_characters_come_out_escaped() {
    let s = load("controls.json");
    let c = s.get(0).expect("case");
    assert_eq!(c.id, "X\\u{1b}[31m-1");
    assert_eq!(c.title, Some("evil\\u{202e}title"));
    assert_eq!(c.summary, Some("bell\\u{7} and\nCRLF"));
    assert_eq!(
        extras(&s, "X\\u{1b}[31m-1"),
        pairs(&[("k\\u{1b}", "v\\u{9b}")])
    );
    // Error messages quote input safely too, and so does the origin.
    let text = "[{\"id\": \"E\\u001b\"}, {\"id\": \"E\\u001b\"}]";
    let err =
        parse_sample(text.as_bytes(), Format::Json, "bad\u{1b}name", None).expect_err("duplicate");
    let shown = err.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert_eq!(
        shown,
        "bad\\u{1b}name:1:21: duplicate id `E\\u{1b}` (first used on line 1)"
    );
    let err = parse_sample(b"{\"x\\u001b\": 1}", Format::Json, "t", None).expect_err("unknown");
    assert!(err.problems()[0].message.contains("x\\u{1b}"), "{err}");
}

#[test]
fn problems_are_capped_with_a_note() {
    let mut text = String::from("id\n");
    for _ in 0..600 {
        text.push_str("A\n");
    }
    let err = parse_sample(text.as_bytes(), Format::Csv, "t", None).expect_err("dups");
    let list = err.problems();
    assert_eq!(list.len(), error::MAX_PROBLEMS + 1);
    assert_eq!(
        list[0].to_string(),
        "3: duplicate id `A` (first used on line 2)"
    );
    assert_eq!(
        list[error::MAX_PROBLEMS].message,
        "too many problems: 99 more not listed"
    );
}

#[test]
fn error_display_names_origin_and_counts_the_rest() {
    let err = SampleError::invalid(
        "f.csv",
        vec![
            Problem::new(Some(4), Some(2), "b"),
            Problem::new(Some(2), None, "a"),
            Problem::new(Some(9), Some(1), "c"),
        ],
    );
    assert_eq!(err.to_string(), "f.csv:2: a (and 2 more problems)");
    let err = SampleError::invalid("f.csv", vec![Problem::new(None, None, "x")]);
    assert_eq!(err.to_string(), "f.csv: x");
    let err = SampleError::invalid("f.csv", vec![Problem::new(Some(1), Some(3), "y")]);
    assert_eq!(err.to_string(), "f.csv:1:3: y");
}

#[test]
fn demo_sample_loads_with_unique_ids() {
    let s = demo_sample();
    assert!(!s.is_empty());
    assert!(!s.name.is_empty());
    assert_eq!(s.source.path, None);
    for (i, case) in s.cases().enumerate() {
        assert!(!case.id.is_empty());
        assert_eq!(s.position(case.id), Some(i as u32), "id {}", case.id);
    }
}
