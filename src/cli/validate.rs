//! `casebench validate`: checks a sample file and lists every problem with
//! its line and column. Exits 0 only when the file is valid.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::config::sample;
use crate::model::case::Sample;
use crate::model::text::sanitize_line;
use crate::store::sample::{
    ColumnUse, Decided, Problem, ReadOptions, ReadReport, SampleError, load_sample_watched,
};

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
    /// How the file was read (when it could be).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<ReadJson>,
    /// Set when the file could not be read at all (or has an unknown
    /// extension): the whole error, reported once on stderr.
    #[serde(skip)]
    pub unreadable: Option<String>,
}

/// How the file was read, in the `--json` report.
#[derive(Debug, Serialize)]
pub struct ReadJson {
    /// CSV, TSV, spreadsheet, RON or JSON.
    pub format: String,
    /// The settings file used, if any.
    pub settings: Option<String>,
    /// The text encoding (text formats).
    pub encoding: Option<String>,
    /// Whether that encoding was chosen because the file is not UTF-8.
    pub encoding_fallback: bool,
    /// The separator (CSV/TSV).
    pub delimiter: Option<String>,
    /// Whether the separator was sniffed.
    pub delimiter_sniffed: bool,
    /// The sheet read (spreadsheets).
    pub sheet: Option<String>,
    /// Every sheet of the workbook.
    pub sheets: Vec<String>,
    /// Each column: its header and what it became.
    pub columns: Vec<ColumnJson>,
}

/// One column in the `--json` report.
#[derive(Debug, Serialize)]
pub struct ColumnJson {
    /// The header as written.
    pub header: String,
    /// The field it became (`id`, `category`…), or `extra`, or `ignored`.
    pub field: String,
    /// How that was decided: `named` (settings or flag), `recognised`, or
    /// `null` for extra and ignored columns.
    pub decided: Option<String>,
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

/// Validates `path` read with `flags` (over its settings file), printing
/// the result (text or JSON) to stdout.
pub fn run(path: &Path, config: &Config, flags: &ReadOptions, json: bool) -> anyhow::Result<()> {
    let report = check_with(path, config, flags);
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

/// Loads the sample read with `flags` over its settings file, and
/// describes the outcome.
pub fn check_with(path: &Path, config: &Config, flags: &ReadOptions) -> Report {
    let file = sanitize_line(&path.display().to_string());
    let setup = match sample::for_sample(path, config.clone()) {
        Ok(setup) => setup,
        Err(e) => {
            let message = sanitize_line(&e.to_string());
            return Report {
                file,
                valid: false,
                cases: 0,
                fields: 0,
                problems: vec![ProblemJson {
                    line: None,
                    column: None,
                    message: message.clone(),
                }],
                read: None,
                unreadable: Some(message),
            };
        }
    };
    let options = setup.read.clone().overridden_by(flags);
    match super::progress_bar::watched(&file, |p| load_sample_watched(path, &options, p)) {
        Ok((sample, read)) => Report {
            file,
            valid: true,
            cases: sample.len(),
            fields: field_count(&sample),
            problems: Vec::new(),
            read: Some(read_json(&read, setup.file.as_deref())),
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
                read: None,
                unreadable,
            }
        }
    }
}

fn read_json(read: &ReadReport, settings: Option<&Path>) -> ReadJson {
    let columns = read
        .columns
        .iter()
        .map(|(header, used)| {
            let (field, decided) = match used {
                ColumnUse::Field(f, how) => (
                    f.name().to_owned(),
                    Some(match how {
                        Decided::Explicit => "named",
                        Decided::Recognised => "recognised",
                    }),
                ),
                ColumnUse::Extra => ("extra".to_owned(), None),
                ColumnUse::Ignored => ("ignored".to_owned(), None),
            };
            ColumnJson {
                header: header.clone(),
                field,
                decided: decided.map(str::to_owned),
            }
        })
        .collect();
    ReadJson {
        format: read.format.name().to_owned(),
        settings: settings.map(|p| sanitize_line(&p.display().to_string())),
        encoding: read.encoding.map(|(e, bom, _)| {
            if bom {
                format!("{e} (with BOM)")
            } else {
                e.to_string()
            }
        }),
        encoding_fallback: read.encoding.is_some_and(|(_, _, fallback)| fallback),
        delimiter: read.delimiter.map(|(d, _)| d.to_string()),
        delimiter_sniffed: read.delimiter.is_some_and(|(_, sniffed)| sniffed),
        sheet: read.sheet.as_ref().map(|(s, _)| sanitize_line(s)),
        sheets: read
            .sheet
            .as_ref()
            .map(|(_, all)| all.iter().map(|s| sanitize_line(s)).collect())
            .unwrap_or_default(),
        columns,
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
        if let Some(read) = &report.read {
            how_read(&mut out, read);
        }
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

/// The lines saying how the file was read.
fn how_read(out: &mut String, read: &ReadJson) {
    let mut parts = vec![format!("read as {}", read.format)];
    if let Some(e) = &read.encoding {
        parts.push(if read.encoding_fallback {
            format!("{e} (the file is not UTF-8)")
        } else {
            e.clone()
        });
    }
    if let Some(d) = &read.delimiter {
        let how = if read.delimiter_sniffed {
            "detected"
        } else {
            "as given"
        };
        parts.push(format!("separated by {d} ({how})"));
    }
    if let Some(sheet) = &read.sheet {
        parts.push(format!(
            "sheet {sheet:?} of {}",
            read.sheets
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let _ = writeln!(out, "  {}", parts.join(", "));
    if let Some(settings) = &read.settings {
        let _ = writeln!(out, "  settings from {settings}");
    }
    if read.columns.is_empty() {
        return;
    }
    let _ = writeln!(out, "  columns:");
    let width = read
        .columns
        .iter()
        .map(|c| c.header.chars().count() + 2)
        .max()
        .unwrap_or(0);
    for c in &read.columns {
        let quoted = format!("{:?}", c.header);
        let what = match (&c.decided, c.field.as_str()) {
            (Some(how), field) => format!("{field} ({how})"),
            (None, "extra") => "extra field, kept".to_owned(),
            (None, other) => other.to_owned(),
        };
        let _ = writeln!(out, "    {quoted:<width$}  → {what}");
    }
}

#[cfg(test)]
mod tests;
