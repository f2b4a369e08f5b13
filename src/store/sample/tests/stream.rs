//! The streaming reader of big CSV and TSV files reads the same cases as
//! the whole-text reader, or hands the file back to it.

use std::fmt::Write as _;
use std::path::Path;

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

/// Reads `path` both ways and checks they agree.
fn same_both_ways(path: &Path) {
    let options = ReadOptions::default();
    let (streamed, report) = stream::load(path, &options, &Progress::default())
        .expect("streamed")
        .expect("valid");
    let (whole, whole_report) = load_sample_with(path, &options).expect("valid");
    assert_eq!(fields(&streamed), fields(&whole), "{}", path.display());
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
    // Over three chunks of 1 MiB, with two-byte characters and quoted
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
