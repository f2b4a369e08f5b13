//! JSON and RON export: one [`Document`] holding the sample's identity,
//! the reviewer, the scale, the per-case records, the summary and the audit
//! trail, pretty-printed.

use std::borrow::Cow;

use serde::Serialize;

use super::records::{Record, Records, clean};
use super::{ExportError, ExportOptions, Input};
use crate::config::Criterion;
use crate::model::change::{Change, Entry};
use crate::model::scale::Scale;
use crate::model::summary::Summary;
use crate::model::team::TeamRecord;

/// What note text is replaced by in a redacted audit trail.
pub const REDACTED: &str = "(redacted)";

/// The sample graded, as the export names it.
#[derive(Debug, Serialize)]
pub struct SampleInfo<'a> {
    /// Display name.
    pub name: &'a str,
    /// The file it was read from; `None` for the bundled demo.
    pub path: Option<String>,
    /// Content hash of that file.
    pub hash: &'a str,
    /// Number of cases.
    pub cases: u64,
}

/// The whole JSON / RON export.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// The sample graded.
    pub sample: SampleInfo<'a>,
    /// The session's reviewer.
    pub reviewer: Cow<'a, str>,
    /// True when titles, summaries, notes and extra fields were left out.
    pub redacted: bool,
    /// The grading scale.
    pub scale: &'a Scale,
    /// The criteria checklist in use.
    pub criteria: &'a [Criterion],
    /// One record per case, in sample order.
    pub records: Vec<Record<'a>>,
    /// Cases the session keeps from an earlier version of the sample.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Record<'a>>,
    /// Tally, intervals, reference comparison and sentence.
    pub summary: Summary,
    /// The audit trail, oldest first (note text redacted when asked).
    pub history: Cow<'a, [Entry]>,
    /// A combined or moderated session's sources, each reviewer's original
    /// reading of the cases read more than once, and the moderation queue
    /// (reading notes redacted when asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Cow<'a, TeamRecord>>,
}

impl<'a> Document<'a> {
    /// Builds the document of `input`.
    pub fn new(input: &Input<'a>, options: ExportOptions) -> Self {
        let records = Records::new(input, options);
        let sample = input.sample;
        let history = input.review.history();
        Self {
            sample: SampleInfo {
                name: &sample.name,
                path: sample.source.path.as_ref().map(|p| p.display().to_string()),
                hash: &sample.source.hash,
                cases: sample.len() as u64,
            },
            reviewer: super::records::clean_line(input.reviewer),
            redacted: options.redact,
            scale: input.review.scale(),
            criteria: input.criteria,
            records: records.all().collect(),
            orphans: records.orphans(),
            team: input.team.map(|t| {
                let record = t.record();
                if options.redact {
                    let mut redacted = record.clone();
                    for r in &mut redacted.readings {
                        if !r.note.is_empty() {
                            REDACTED.clone_into(&mut r.note);
                        }
                    }
                    Cow::Owned(redacted)
                } else {
                    Cow::Borrowed(record)
                }
            }),
            summary: input.summary(),
            history: if options.redact {
                Cow::Owned(history.iter().map(redact_entry).collect())
            } else if history.iter().all(is_clean) {
                Cow::Borrowed(history)
            } else {
                Cow::Owned(history.iter().map(clean_entry).collect())
            },
        }
    }
}

fn redact_entry(entry: &Entry) -> Entry {
    let mut e = clean_entry(entry);
    if let Change::Note { from, to, .. } = &mut e.change {
        REDACTED.clone_into(from);
        REDACTED.clone_into(to);
    }
    e
}

fn is_clean(entry: &Entry) -> bool {
    let line = |s: &str| matches!(super::records::clean_line(s), Cow::Borrowed(_));
    let text = |s: &str| matches!(clean(s), Cow::Borrowed(_));
    line(&entry.by)
        && match &entry.change {
            Change::Note { from, to, .. } => text(from) && text(to),
            _ => true,
        }
}

fn clean_entry(entry: &Entry) -> Entry {
    let mut e = entry.clone();
    e.by = super::records::clean_line(&e.by).into_owned();
    if let Change::Note { from, to, .. } = &mut e.change {
        *from = clean(from).into_owned();
        *to = clean(to).into_owned();
    }
    e
}

/// Renders the JSON export (pretty, ending in a newline).
pub fn json(input: &Input<'_>, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let doc = Document::new(input, options);
    let mut out =
        serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Encode(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// Renders the RON export (pretty, ending in a newline).
pub fn ron(input: &Input<'_>, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let doc = Document::new(input, options);
    let config = ron::ser::PrettyConfig::new().indentor("  ");
    let mut out =
        ron::ser::to_string_pretty(&doc, config).map_err(|e| ExportError::Encode(e.to_string()))?;
    out.push('\n');
    Ok(out.into_bytes())
}
