//! Exports of big samples: rows written in pieces on every core, in
//! order; how far the writing has got; an export asked to stop.

use super::*;
use crate::store::progress::{Progress, Stage};

/// `n` cases with the ids `{prefix}-0`, `{prefix}-1`…, titled `t`, in `area`.
fn numbered_sample(prefix: &str, n: usize) -> Sample {
    let ids: Vec<String> = (0..n).map(|i| format!("{prefix}-{i}")).collect();
    let cases: Vec<(&str, &str, &str)> = ids.iter().map(|id| (id.as_str(), "t", "area")).collect();
    small_sample(&cases)
}

#[test]
fn a_big_csv_export_written_in_pieces_keeps_every_row_in_order() {
    // 20,000 cases: three pieces of rows, rendered on every core.
    let sample = numbered_sample("P", 20_000);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    // Graded on each side of the pieces' edges.
    let graded = [0, 8191, 8192, 16383, 16384, 19_999];
    for i in graded {
        g.grade(&format!("P-{i}"), "inadequate");
    }
    let input = Input::new(&sample, &g.review, "Rita", &config);
    let text = render_str(Format::Csv, &input, ExportOptions::default());
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 20_000);
    for (i, row) in rows.iter().enumerate() {
        let (id, rest) = row.split_once(',').expect("cells");
        assert_eq!(id, format!("P-{i}"));
        assert_eq!(
            rest.starts_with("t,area,inadequate,"),
            graded.contains(&i),
            "row {i}: {row}"
        );
    }
}

#[test]
fn an_export_asked_to_stop_writes_nothing() {
    let sample = numbered_sample("S", 20_000);
    let config = Config::default();
    let review = Review::new(config.scale.clone(), sample.len());
    let dir = tempfile::tempdir().expect("tempdir");
    for format in [Format::Csv, Format::Json] {
        let progress = Progress::default();
        progress.stop();
        let input = Input::new(&sample, &review, "Rita", &config).watched(&progress);
        let out = dir.path().join(format!("out.{}", format.extension()));
        let result = to_file(
            &input,
            format,
            ExportOptions::default(),
            &out,
            &dir.path().join("s.session.ron"),
            Overwrite::Refuse,
        );
        assert!(matches!(result, Err(ExportError::Cancelled)), "{result:?}");
        assert!(!out.exists(), "no file, not even its placeholder");
    }
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_watched_csv_export_reports_the_rows_written() {
    let sample = numbered_sample("W", 10_000);
    let config = Config::default();
    let review = Review::new(config.scale.clone(), sample.len());
    let progress = Progress::default();
    let input = Input::new(&sample, &review, "Rita", &config).watched(&progress);
    let mut out = Vec::new();
    render_to(Format::Csv, &input, ExportOptions::default(), &mut out).expect("csv");
    let (stage, share) = progress.now();
    assert_eq!(stage, Stage::Writing);
    // Reported as each piece of 8,192 rows is written: the last at all
    // 10,000.
    assert_eq!(share, Some(1.0));
    let report = Progress::default();
    let markdown = input.watched(&report);
    render_to(
        Format::Markdown,
        &markdown,
        ExportOptions::default(),
        &mut out,
    )
    .expect("md");
    assert_eq!(
        report.now(),
        (Stage::Writing, None),
        "a report has no rows to count"
    );
}
