//! `casebench validate`: checks a sample file and lists every problem with
//! its line and column. Exits 0 only when the file is valid.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::model::case::Sample;
use crate::model::text::sanitize_line;
use crate::store::sample::{Problem, SampleError, load_sample};

/// The `--json` report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The file as named on the command line.
    pub file: String,
    /// True when the sample loads.
    pub valid: bool,
    /// Number of cases (0 when invalid).
    pub cases: usize,
    /// Number of distinct fields used by the cases, `id` included (0 when invalid).
    pub fields: usize,
    /// Every problem found, in file order.
    pub problems: Vec<ProblemJson>,
    /// Set when the file could not be read at all (or has an unknown
    /// extension): the whole error, reported once on stderr.
    #[serde(skip)]
    pub unreadable: Option<String>,
}

/// One problem in the `--json` report.
#[derive(Debug, Serialize)]
pub struct ProblemJson {
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// An invalid sample: the problems are already printed; this is the one
/// line for stderr (and the non-zero exit status).
#[derive(Debug, thiserror::Error)]
#[error("{file}: invalid sample ({count} problem{s})", s = if *.count == 1 { "" } else { "s" })]
pub struct Invalid {
    /// The file.
    pub file: String,
    /// How many problems were printed.
    pub count: usize,
}

/// Validates `path`, printing the result (text or JSON) to stdout.
pub fn run(path: &Path, json: bool) -> anyhow::Result<()> {
    let report = check(path);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if report.unreadable.is_none() {
        print!("{}", text(&report));
    }
    if let Some(error) = report.unreadable {
        anyhow::bail!(error);
    }
    if report.valid {
        Ok(())
    } else {
        Err(Invalid {
            file: report.file,
            count: report.problems.len(),
        }
        .into())
    }
}

/// Loads the sample and describes the outcome.
pub fn check(path: &Path) -> Report {
    let file = sanitize_line(&path.display().to_string());
    match load_sample(path) {
        Ok(sample) => Report {
            file,
            valid: true,
            cases: sample.len(),
            fields: field_count(&sample),
            problems: Vec::new(),
            unreadable: None,
        },
        Err(e) => {
            let (problems, unreadable) = if let SampleError::Invalid { problems, .. } = &e {
                (problems.iter().map(problem).collect(), None)
            } else {
                // Unreadable or unknown format: the error itself is the problem.
                let message = sanitize_line(&e.to_string());
                let only = ProblemJson {
                    line: None,
                    column: None,
                    message: message.clone(),
                };
                (vec![only], Some(message))
            };
            Report {
                file,
                valid: false,
                cases: 0,
                fields: 0,
                problems,
                unreadable,
            }
        }
    }
}

fn problem(p: &Problem) -> ProblemJson {
    ProblemJson {
        line: p.line,
        column: p.column,
        message: p.message.clone(),
    }
}

/// Number of distinct fields the cases use: `id`, each standard field
/// present in at least one case, and every extra field.
fn field_count(sample: &Sample) -> usize {
    let mut standard = BTreeSet::new();
    for case in sample.cases() {
        for (name, present) in [
            ("title", case.title.is_some()),
            ("category", case.category.is_some()),
            ("opened", case.opened.is_some()),
            ("summary", case.summary.is_some()),
        ] {
            if present {
                standard.insert(name);
            }
        }
        if standard.len() == 4 {
            break;
        }
    }
    1 + standard.len() + sample.field_names().count()
}

/// The text report: `file:line:column: message` per problem, or the
/// one-line verdict for a valid file.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    if report.valid {
        let _ = writeln!(
            out,
            "{}: valid, {} case{} ({} field{})",
            report.file,
            report.cases,
            if report.cases == 1 { "" } else { "s" },
            report.fields,
            if report.fields == 1 { "" } else { "s" }
        );
        return out;
    }
    for p in &report.problems {
        let _ = match (p.line, p.column) {
            (Some(l), Some(c)) => writeln!(out, "{}:{l}:{c}: {}", report.file, p.message),
            (Some(l), None) => writeln!(out, "{}:{l}: {}", report.file, p.message),
            _ => writeln!(out, "{}: {}", report.file, p.message),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
