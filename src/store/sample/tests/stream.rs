//! The streaming reader of big CSV and TSV files reads the same cases as
//! the whole-text reader, or hands the file back to it.

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;

use crate::model::case::Sample;
use crate::store::progress::Progress;
use crate::store::sample::options::ReadOptions;
use crate::store::sample::{TextEncoding, load_sample_with, stream};

/// Every field of every case, extras included.
fn fields(sample: &Sample) -> Vec<Vec<String>> {
    sample
        .cases()
        .map(|c| {
            let mut f: Vec<String> = [Some(c.id), c.title, c.category, c.opened, c.summary]
                .iter()
                .map(|v| v.unwrap_or("-").to_owned())
                .collect();
            f.extend(sample.extra_fields(c).map(|(k, v)| format!("{k}={v}")));
            f
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Reads `path` both ways and checks they agree: streamed with the
/// second half in one part or in many, its start guessed or not.
fn same_both_ways(path: &Path) {
    let unguessed: stream::Guess<'_> = &|_, _, _| None;
    for part in [usize::MAX, 1 << 12] {
        same_in_parts(path, part, &stream::guess::split);
        same_in_parts(path, part, unguessed);
    }
}

fn same_in_parts(path: &Path, part: usize, guess: stream::Guess<'_>) {
    let options = ReadOptions::default();
    let (streamed, report) =
        stream::load_in_parts(path, &options, &Progress::default(), (part, guess))
            .expect("streamed")
            .expect("valid");
    let (whole, whole_report) = load_sample_with(path, &options).expect("valid");
    assert_eq!(fields(&streamed), fields(&whole), "{}", path.display());
    assert!(
        streamed.field_names().eq(whole.field_names()),
        "extra fields named in the order first seen"
    );
    for (idx, id) in whole.ids().enumerate() {
        assert_eq!(streamed.position(id), Some(idx as u32), "{id} found by id");
    }
    assert_eq!(streamed.areas(), whole.areas());
    assert_eq!(streamed.source, whole.source);
    assert_eq!(streamed.columns(), whole.columns());
    assert_eq!(
        (report.delimiter, report.columns),
        (whole_report.delimiter, whole_report.columns)
    );
    assert_eq!(report.encoding, whole_report.encoding);
}

#[test]
fn quoted_lines_escapes_crlf_and_separators_read_alike() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = "id,title,category,summary,age\r\n\
               A1,\"Boy, 13\",Missing,\"Line one\r\nline \"\"two\"\"\",13\r\n\
               ,,,,\r\n\
               A2,Girl,Custody,plain,\r\n";
    same_both_ways(&write(dir.path(), "a.csv", csv.as_bytes()));
    let semi = "id;title;category\nB1;x;y\nB2;\"a;b\";z\n";
    same_both_ways(&write(dir.path(), "b.csv", semi.as_bytes()));
    let tsv = "id\ttitle\nT1\tone\nT2\ttwo\n";
    same_both_ways(&write(dir.path(), "c.tsv", tsv.as_bytes()));
}

#[test]
fn characters_and_quotes_cut_by_the_chunks_read_alike() {
    let dir = tempfile::tempdir().expect("dir");
    // Over 3 MiB (many chunks), with two-byte characters and quoted
    // fields across lines falling on every kind of cut.
    let mut csv = String::from("id,title,summary\n");
    let mut i = 0;
    while csv.len() < 3 << 20 {
        let _ = writeln!(csv, "C{i},é{},\"déjà \"\"vu\"\"\né{i}\"", "é".repeat(i % 7));
        i += 1;
    }
    same_both_ways(&write(dir.path(), "big.csv", csv.as_bytes()));
}

#[test]
fn anything_unusual_goes_back_to_the_whole_text_reader() {
    let dir = tempfile::tempdir().expect("dir");
    let options = ReadOptions::default();
    let handed_back = |name: &str, bytes: &[u8]| {
        let path = write(dir.path(), name, bytes);
        assert!(
            stream::load(&path, &options, &Progress::default()).is_none(),
            "{name} should be read whole"
        );
    };
    handed_back("bom.csv", b"\xEF\xBB\xBFid\nA\n");
    handed_back("nul.csv", b"id\nA\0\n");
    handed_back("latin1.csv", b"id,title\nA,caf\xE9\n");
    handed_back("mark.csv", "id\nA\u{FEFF}\n".as_bytes());
    handed_back("unclosed.csv", b"id,title\nA,\"never closed\nB,x\n");
    handed_back("ragged.csv", b"id,title\nA,x,extra\n");
    handed_back("repeated.csv", b"id\nA\nA\n");
    handed_back("cut.csv", b"id\nA\xC3");
    handed_back("s.ron", b"(cases: [(id: \"A\")])");
    let path = write(dir.path(), "forced.csv", b"id\nA\n");
    let latin = ReadOptions {
        encoding: Some(TextEncoding::Windows1252),
        ..ReadOptions::default()
    };
    assert!(stream::load(&path, &latin, &Progress::default()).is_none());
}

#[test]
fn a_byte_order_mark_cut_by_the_chunks_is_found() {
    // The mark's three bytes fall on every side of the seam between the
    // checker's first two reads.
    let dir = tempfile::tempdir().expect("dir");
    let chunk = stream::checked::CHUNK;
    for before in chunk - 4..=chunk {
        let mut csv = String::from("id,title\n");
        let mut i = 0;
        while csv.len() + 20 < before {
            let _ = writeln!(csv, "M{i},t");
            i += 1;
        }
        let head = format!("M{i},");
        let pad = before - csv.len() - head.len();
        let _ = writeln!(csv, "{head}{}\u{FEFF}", "x".repeat(pad));
        assert_eq!(csv.find('\u{FEFF}'), Some(before), "mark placed");
        while csv.len() < 2 * chunk {
            i += 1;
            let _ = writeln!(csv, "M{i},t");
        }
        let path = write(dir.path(), &format!("mark{before}.csv"), csv.as_bytes());
        assert!(
            stream::load(&path, &ReadOptions::default(), &Progress::default()).is_none(),
            "a mark at {before} should send the file to the whole-text reader"
        );
    }
}

#[test]
fn a_file_split_anywhere_in_its_middle_reads_as_one() {
    // The second half begins at the first record after the middle: move
    // the middle through every byte of a record whose quoted narrative
    // spans lines, holds separators and escaped quotes, and ends in CRLF.
    let dir = tempfile::tempdir().expect("dir");
    for pad in 0..90 {
        let mut csv = String::from("id,title,summary,note,extra\r\n");
        for i in 0..6 {
            let note = if i < 3 { "" } else { "late" };
            let extra = if i == 1 { "early" } else { "" };
            let _ = write!(
                csv,
                "N{i},{},\"one, \"\"two\"\"\r\nthree\n\nfour\",{note},{extra}\r\n",
                "t".repeat(if i == 2 { pad } else { 1 })
            );
        }
        same_both_ways(&write(dir.path(), &format!("m{pad}.csv"), csv.as_bytes()));
    }
}

#[test]
fn a_second_half_begun_at_a_wrong_guess_is_read_again_from_its_real_start() {
    // Guesses at every byte around the middle: inside quoted narratives,
    // mid-field, at line breaks inside quotes, past the real start.
    let dir = tempfile::tempdir().expect("dir");
    let mut csv = String::from("id,title,summary\r\n");
    for i in 0..40 {
        let _ = write!(
            csv,
            "W{i},\"Child, {i}\",\"one, \"\"two\"\"\r\nN{i},three\n\nfour\"\r\n"
        );
    }
    let path = write(dir.path(), "w.csv", csv.as_bytes());
    let middle = csv.len() / 2;
    for at in middle - 40..middle + 80 {
        let wrong: stream::Guess<'_> = &|_, _, _| Some(at as u64);
        same_in_parts(&path, usize::MAX, wrong);
    }
    let past_the_end: stream::Guess<'_> = &|_, _, _| Some(csv.len() as u64 + 9);
    same_in_parts(&path, 1 << 12, past_the_end);
}

#[test]
fn quotes_out_of_place_and_lone_returns_go_back_to_the_whole_text_reader() {
    // The halves' reader reads these otherwise than the whole-text reader,
    // which keeps a quote that opens no field as text and ends a record at
    // a lone return. Every record is as wide as the header, so nothing but
    // the checker sends them back.
    let dir = tempfile::tempdir().expect("dir");
    let options = ReadOptions::default();
    for (name, record) in [
        ("inch", "A,5\" tall"),
        ("spaced", "A, \"x\""),
        ("after", "A,\"x\"y\"z\""),
        ("return", "A,x\rB,y"),
        ("return-quoted", "A,\"x\ry\""),
    ] {
        let mut csv = String::from("id,title\n");
        for i in 0..40 {
            let _ = writeln!(csv, "R{i},t");
        }
        let _ = writeln!(csv, "{record}");
        let path = write(dir.path(), &format!("{name}.csv"), csv.as_bytes());
        assert!(
            load_sample_with(&path, &options).is_ok(),
            "{name} is readable whole"
        );
        assert!(
            stream::load(&path, &options, &Progress::default()).is_none(),
            "{name} should be read whole"
        );
    }
}

/// Pieces of CSV where the two readers may differ: quotes, separators,
/// returns and line breaks, in any order (mostly text and quotes, so
/// that records keep their width often enough to be read at all).
fn any_piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => Just("a"),
        1 => Just("é"),
        1 => Just(" "),
        3 => Just("\""),
        1 => Just("\"\""),
        1 => Just(","),
        1 => Just("\n"),
        1 => Just("\r"),
        1 => Just("\r\n"),
    ]
}

/// A field as RFC 4180 writes it: plain, or quoted with its quotes
/// doubled, holding separators and line breaks of either kind.
fn regular_field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z é]{0,6}",
        proptest::collection::vec(
            prop_oneof![
                Just("x"),
                Just(","),
                Just("\"\""),
                Just("\n"),
                Just("\r\n"),
                Just(" ")
            ],
            0..8
        )
        .prop_map(|p| format!("\"{}\"", p.concat())),
    ]
}

/// `records`' texts as a file under a three-column header, each after an
/// id of its own; ended by `ends` in turn.
fn file_of(records: &[String], ends: &[&str]) -> String {
    let mut csv = String::from("id,title,summary\n");
    for (i, record) in records.iter().enumerate() {
        let _ = write!(csv, "R{i},{record}{}", ends[i % ends.len()]);
    }
    csv
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_file_is_read_as_the_whole_text_reader_reads_it_or_handed_back(
        records in proptest::collection::vec(
            proptest::collection::vec(any_piece(), 0..6)
                .prop_map(|p| p.concat())
                .prop_map(|field| format!("{field},t")),
            1..6,
        ),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let path = write(dir.path(), "any.csv", file_of(&records, &["\n"]).as_bytes());
        let options = ReadOptions::default();
        let unguessed: stream::Guess<'_> = &|_, _, _| None;
        for guess in [&stream::guess::split as stream::Guess<'_>, unguessed] {
            let streamed = stream::load_in_parts(&path, &options, &Progress::default(), (1 << 6, guess));
            if let Some(streamed) = streamed {
                let (streamed, _) = streamed.expect("the stream hands problems back");
                let (whole, _) = load_sample_with(&path, &options).expect("read whole too");
                prop_assert_eq!(fields(&streamed), fields(&whole));
            }
        }
    }

    #[test]
    fn a_regular_file_is_streamed_as_the_whole_text_reader_reads_it(
        records in proptest::collection::vec(
            (regular_field(), regular_field()).prop_map(|(a, b)| format!("{a},{b}")),
            1..30,
        ),
        crlf in proptest::bool::ANY,
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let ends: &[&str] = if crlf { &["\r\n"] } else { &["\n", "\r\n"] };
        let path = write(dir.path(), "regular.csv", file_of(&records, ends).as_bytes());
        same_both_ways(&path);
    }
}

#[test]
fn an_id_of_the_first_half_repeated_in_the_second_is_found() {
    let dir = tempfile::tempdir().expect("dir");
    let mut csv = String::from("id,title\n");
    for i in 0..200 {
        let _ = writeln!(csv, "D{},title {i}", if i == 150 { 3 } else { i });
    }
    let path = write(dir.path(), "dup.csv", csv.as_bytes());
    assert!(
        stream::load(&path, &ReadOptions::default(), &Progress::default()).is_none(),
        "handed back, for the whole-text reader to report with its line"
    );
}

#[test]
fn an_empty_id_in_either_half_is_found() {
    let dir = tempfile::tempdir().expect("dir");
    for empty in [20, 150] {
        let mut csv = String::from("id,title\n");
        for i in 0..200 {
            let id = if i == empty {
                String::new()
            } else {
                format!("E{i}")
            };
            let _ = writeln!(csv, "{id},title {i}");
        }
        let path = write(dir.path(), &format!("empty{empty}.csv"), csv.as_bytes());
        assert!(
            stream::load(&path, &ReadOptions::default(), &Progress::default()).is_none(),
            "case {empty}: handed back, for the whole-text reader to report with its line"
        );
    }
}
