//! Tests of the exports: redaction, the HTML's safety, private atomic
//! files, and the golden Markdown report of the demo sample graded
//! 23 / 23 / 28; the CSV, JSON and RON content in [`data`].

use std::path::Path;

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::config::Config;
use crate::model::case::{CaseFields, Sample, SampleBuilder, SampleSource};
use crate::model::change::{Answer, Change};
use crate::model::review::{Review, Stamp};
use crate::store::sample::demo_sample;

mod big;
mod data;
mod moderation;

/// Applies changes with timestamps one minute apart from a fixed start.
struct Grader<'s> {
    sample: &'s Sample,
    review: Review,
    at: Timestamp,
    by: &'static str,
}

impl<'s> Grader<'s> {
    fn new(sample: &'s Sample, config: &Config) -> Self {
        Self {
            sample,
            review: Review::new(config.scale.clone(), sample.len()),
            at: "2025-03-03T09:00:00Z".parse().expect("time"),
            by: "A. Reviewer",
        }
    }

    fn apply(&mut self, change: Change) {
        let stamp = Stamp {
            by: self.by.into(),
            at: self.at,
            cursor: None,
        };
        self.review
            .edit(self.sample, change, stamp)
            .expect("change applies");
        self.at += SignedDuration::from_secs(60);
    }

    fn grade(&mut self, case: &str, level: &str) {
        self.apply(Change::Grade {
            case: case.into(),
            from: None,
            to: Some(level.into()),
        });
    }

    fn note(&mut self, case: &str, text: &str) {
        self.apply(Change::Note {
            case: case.into(),
            from: String::new(),
            to: text.into(),
        });
    }

    fn answer(&mut self, case: &str, criterion: &str, answer: Answer) {
        self.apply(Change::Criterion {
            case: case.into(),
            criterion: criterion.into(),
            from: None,
            to: Some(answer),
        });
    }

    fn flag(&mut self, case: &str) {
        self.apply(Change::Flag {
            case: case.into(),
            to: true,
        });
    }
}

fn source() -> SampleSource {
    SampleSource {
        path: Some("/cases/test.csv".into()),
        hash: "xxh3-128:0".into(),
    }
}

fn small_sample(cases: &[(&str, &str, &str)]) -> Sample {
    let mut b = SampleBuilder::new();
    for (id, title, category) in cases {
        b.push(CaseFields {
            id: (*id).into(),
            title: Some((*title).into()),
            category: Some((*category).into()),
            summary: Some(format!("Narrative of {id}")),
            extra: vec![("worker".into(), "J. Doe".into())],
            ..CaseFields::default()
        });
    }
    b.finish("Test sample", None, source())
}

/// The export as text: a workbook read back (every cell of every sheet, a
/// line per row, cells separated by tabs), anything else as UTF-8.
fn render_str(format: Format, input: &Input<'_>, options: ExportOptions) -> String {
    let bytes = render(format, input, options).expect("render");
    if format == Format::Xlsx {
        return workbook_text(&bytes);
    }
    String::from_utf8(bytes).expect("utf-8")
}

/// Every cell of every sheet of an xlsx workbook, read back with calamine.
fn workbook_text(bytes: &[u8]) -> String {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a readable workbook");
    let mut out = String::new();
    for (name, range) in book.worksheets() {
        out.push_str("== ");
        out.push_str(&name);
        out.push('\n');
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// The demo graded by its intended grades, with a few notes, criteria
/// answers and flags, by two people at fixed times.
fn graded_demo(sample: &Sample, config: &Config) -> Review {
    let mut g = Grader::new(sample, config);
    let intended = include_str!("../../../../tests/fixtures/demo_intended_grades.txt");
    for line in intended.lines().filter(|l| !l.starts_with('#')) {
        let (id, grade) = line.split_once(' ').expect("id grade");
        let level = match grade {
            "1" => "good",
            "2" => "requires_improvement",
            _ => "inadequate",
        };
        g.grade(id, level);
    }
    g.note(
        "CP-002",
        "No appropriate adult for 13 hours; strip search without one.",
    );
    g.note(
        "CP-005",
        "Risk | grading not recorded.\nNo referral to *children's* social care.",
    );
    g.note("CP-001", "Prompt, well-recorded search.");
    g.answer("CP-001", "initial_risk", Answer::Met);
    g.answer("CP-001", "information_sharing", Answer::Met);
    g.answer("CP-002", "appropriate_adult", Answer::NotMet);
    g.answer("CP-002", "alternative_accommodation", Answer::NotMet);
    g.answer("CP-002", "online_exploitation", Answer::NotApplicable);
    g.answer("CP-003", "initial_risk", Answer::NotMet);
    g.flag("CP-003");
    g.by = "B. Moderator";
    g.flag("CP-006");
    g.review
}

fn golden_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/demo_report.md")
}

#[test]
fn markdown_report_of_the_demo_matches_the_golden_file() {
    let sample = demo_sample();
    let config = crate::config::sample::SampleSetup::demo(Config::default()).config;
    let review = graded_demo(&sample, &config);
    let input = Input::new(&sample, &review, "A. Reviewer", &config);
    let md = render_str(Format::Markdown, &input, ExportOptions::default());
    let path = golden_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, &md).expect("write golden");
    }
    let golden = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(md, golden, "the report differs from {}", path.display());
    assert!(md.contains(
        "Practice was assessed as good in 23 cases, requiring improvement in 23 cases, and inadequate in 28 cases."
    ));
}

#[test]
fn redaction_removes_titles_notes_summaries_and_fields_everywhere() {
    let sample = small_sample(&[("A-1", "Secret title", "Custody")]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    g.grade("A-1", "inadequate");
    g.note("A-1", "Secret note");
    g.answer("A-1", "initial_risk", Answer::NotMet);
    let input = Input::new(&sample, &g.review, "r", &config);
    let redact = ExportOptions {
        redact: true,
        ..ExportOptions::default()
    };
    for format in Format::ALL {
        let plain = render_str(format, &input, ExportOptions::default());
        assert!(
            plain.contains("Secret title"),
            "{format}: title present unredacted"
        );
        let text = render_str(format, &input, redact);
        for secret in ["Secret title", "Secret note", "Narrative of A-1", "J. Doe"] {
            assert!(!text.contains(secret), "{format} leaks {secret:?}:\n{text}");
        }
        for kept in ["A-1", "Custody"] {
            assert!(text.contains(kept), "{format} lost {kept:?}");
        }
    }
    let json: serde_json::Value =
        serde_json::from_slice(&render(Format::Json, &input, redact).expect("json"))
            .expect("parse");
    assert_eq!(json["redacted"], true);
    assert_eq!(json["records"][0]["grade"], "inadequate");
    assert_eq!(json["records"][0]["criteria"]["initial_risk"], "not_met");
    assert_eq!(json["records"][0]["title"], serde_json::Value::Null);
    assert_eq!(json["records"][0]["opened"], serde_json::Value::Null);
}

#[test]
fn html_is_self_contained_and_escapes_hostile_text() {
    let hostile = "<img src=x onerror=alert(1)>";
    let sample = small_sample(&[("A-1", "<script>alert('t')</script>", "Cust\"ody")]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    g.grade("A-1", "inadequate");
    g.note("A-1", hostile);
    g.flag("A-1");
    let input = Input::new(&sample, &g.review, "r", &config);
    let html = render_str(Format::Html, &input, ExportOptions::default());
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("http://") && !lower.contains("https://"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Cust&quot;ody"));
    assert!(html.contains("<svg") && html.contains("@media print"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    let md = render_str(Format::Markdown, &input, ExportOptions::default());
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
    for (i, _) in md.match_indices('<') {
        let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
        assert!(
            escaped || md[i..].starts_with("<br>"),
            "raw HTML at {i}: {md}"
        );
    }
}

#[test]
fn exported_files_are_private_and_never_overwritten_unless_allowed() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.csv");
    write_file(&path, b"one", Overwrite::Refuse).expect("new file");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let err = write_file(&path, b"two", Overwrite::Refuse).expect_err("exists");
    assert!(matches!(err, ExportError::Exists(_)), "{err}");
    assert!(err.to_string().contains("already exists"));
    assert_eq!(std::fs::read(&path).expect("read"), b"one");
    write_file(&path, b"three", Overwrite::Allow).expect("overwrite");
    assert_eq!(std::fs::read(&path).expect("read"), b"three");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    let missing = dir.path().join("no/such/dir.csv");
    assert!(matches!(
        write_file(&missing, b"x", Overwrite::Refuse),
        Err(ExportError::Io { .. })
    ));
}

#[test]
fn format_names_parse() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
    assert!("docx".parse::<Format>().is_err());
    assert!(Format::Html.is_report() && !Format::Csv.is_report());
}

#[test]
fn reference_is_dropped_when_the_scale_differs() {
    let config = crate::config::sample::SampleSetup::demo(Config::default()).config;
    assert!(reference_for(&config, &config.scale).is_some());
    assert!(reference_for(&config, &crate::model::scale::Scale::ofsted()).is_none());
}

#[test]
fn empty_and_ungraded_reviews_render() {
    let sample = small_sample(&[]);
    let config = Config {
        criteria: Vec::new(),
        reference: None,
        ..Config::default()
    };
    let review = Review::new(config.scale.clone(), 0);
    let input = Input::new(&sample, &review, "r", &config);
    for format in Format::ALL {
        assert!(
            render(format, &input, ExportOptions::default()).is_ok(),
            "{format}"
        );
    }
    let md = render_str(Format::Markdown, &input, ExportOptions::default());
    assert!(md.contains("No cases are graded yet."), "{md}");
    // Sections with nothing in them are left out, not drawn as zeros.
    for absent in ["## Criteria", "## Flagged", "## Cases graded"] {
        assert!(!md.contains(absent), "{absent} in:\n{md}");
    }
}

/// A report a reviewer can sign: the settings' wording, an interim mark
/// while cases remain, the sample columns beside the lowest-graded cases,
/// and an appendix of every case with its grade and note.
#[test]
fn the_report_carries_its_wording_and_every_case() {
    let text = "Case Ref,Area,Summary,Officer,Risk Level\n\
        FR-1,Missing,Went missing,PC Example,High\n\
        FR-2,Custody,Held overnight,PC Sample,Medium\n\
        FR-3,Custody,Released,PC Third,Low\n";
    let sample = crate::store::sample::parse_sample(
        text.as_bytes(),
        crate::store::sample::Format::Csv,
        "force.csv",
        None,
    )
    .expect("sample");
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    g.grade("FR-2", "inadequate");
    g.note("FR-2", "No appropriate adult was called");
    g.grade("FR-1", "good");
    let wording = crate::config::sample::ReportText {
        title: Some("Custody and missing children audit".into()),
        organisation: Some("Northfield Police".into()),
        period: Some("April 2025 to March 2026".into()),
        method: Some("A random sample of 3 cases.".into()),
    };
    let columns = vec!["Officer".to_owned(), "risk level".to_owned()];
    let input = Input::new(&sample, &g.review, "r", &config).worded(&wording, &columns);
    for format in [Format::Markdown, Format::Html] {
        let out = render_str(format, &input, ExportOptions::default());
        for wanted in [
            "Custody and missing children audit",
            "Northfield Police",
            "April 2025 to March 2026",
            "A random sample of 3 cases.",
            "Interim: 2 of 3 cases graded",
            "Officer: PC Sample",
            "Risk Level: Medium",
            "Appendix: every case",
            "FR-3",
        ] {
            assert!(out.contains(wanted), "{format} lacks {wanted:?}:\n{out}");
        }
        assert!(
            !out.contains("PC Example"),
            "{format}: only the lowest-graded show columns"
        );
    }
    let redacted = render_str(
        Format::Markdown,
        &input,
        ExportOptions {
            redact: true,
            ..ExportOptions::default()
        },
    );
    assert!(!redacted.contains("PC Sample") && !redacted.contains("No appropriate adult"));
}
