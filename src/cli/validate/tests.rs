//! What `validate` reports, in words and as JSON.

use super::*;

/// Loads the sample with everything detected.
fn check(path: &Path) -> Report {
    check_with(path, &Config::default(), &ReadOptions::default())
}

fn run(path: &Path, json: bool) -> anyhow::Result<()> {
    super::run(path, &Config::default(), &ReadOptions::default(), json)
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name)
}

#[test]
fn two_bad_rows_give_two_problems_with_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two_bad.csv");
    std::fs::write(&path, "id,title\nA,one\n,empty id\nB,two\nA,duplicate\n").expect("write");
    let report = check(&path);
    assert!(!report.valid);
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    let out = text(&report);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let prefix = format!("{}:3:", path.display());
    assert!(lines[0].starts_with(&prefix), "{out}");
    let prefix = format!("{}:5:", path.display());
    assert!(lines[1].starts_with(&prefix), "{out}");
    let err = run(&path, false).expect_err("invalid");
    assert_eq!(
        err.to_string(),
        format!("{}: invalid sample (2 problems)", path.display())
    );
}

#[test]
fn a_valid_sample_reports_cases_and_fields() {
    let report = check(&fixture("good.csv"));
    assert!(report.valid, "{:?}", report.problems);
    let out = text(&report);
    assert!(out.contains(": valid, 2 cases ("), "{out}");
    assert!(run(&fixture("good.csv"), true).is_ok());
}

#[test]
fn unreadable_files_and_json_are_invalid() {
    let report = check(&fixture("does_not_exist.csv"));
    assert!(!report.valid);
    assert_eq!(report.problems.len(), 1);
    assert!(report.unreadable.is_some());
    let err = run(&fixture("does_not_exist.csv"), false).expect_err("unreadable");
    assert!(err.to_string().starts_with("cannot read "), "{err}");
    assert!(run(&fixture("does_not_exist.csv"), true).is_err());
    assert!(check(&fixture("unknown.txt")).unreadable.is_some());
    let json = serde_json::to_value(check(&fixture("ragged.csv"))).expect("json");
    assert_eq!(json["valid"], false);
    assert_eq!(json["cases"], 0);
    assert!(
        json["problems"].as_array().is_some_and(|p| p.len() >= 2),
        "{json}"
    );
    assert!(json["problems"][0]["line"].is_u64());
}
