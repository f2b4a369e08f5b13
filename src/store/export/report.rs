//! The content of the inspection-style report, computed once and rendered
//! by both the Markdown and the HTML writer: identity and dates, the
//! summary, the comparison with the reference, precision, the grade ×
//! category breakdown, criteria results, and the cases to read (bottom
//! grade, flagged).
//!
//! Every sentence built here is plain text that may contain untrusted
//! words (labels, names); renderers escape it as a whole.

use std::borrow::Cow;
use std::fmt::Write as _;

use jiff::Timestamp;

use super::records::{clean, clean_line};
use super::{ExportOptions, Input};
use crate::config::sample::ReportText;
use crate::model::breakdown::Breakdown;
use crate::model::case::CaseIdx;
use crate::model::figures::date;
use crate::model::scale::Scale;
use crate::model::summary::Summary;

/// The cases the report lists: at the bottom grade (with the report
/// columns), flagged, and every case for the appendix, in sample order.
#[allow(
    clippy::type_complexity,
    reason = "three lists of the same lines, named where they are taken apart"
)]
fn case_lists<'a>(
    input: &Input<'a>,
    options: ExportOptions,
) -> (Vec<CaseLine<'a>>, Vec<CaseLine<'a>>, Vec<CaseLine<'a>>) {
    let review = input.review;
    let scale = review.scale();
    let bottom_level = scale.len().checked_sub(1);
    let mut bottom = Vec::new();
    let mut flagged = Vec::new();
    let mut appendix = Vec::with_capacity(input.sample.len());
    for (i, case) in input.sample.cases().enumerate() {
        let idx = i as CaseIdx;
        let grade = review.grade(idx);
        let is_bottom = grade.map(usize::from) == bottom_level && grade.is_some();
        let note = Some(review.note(idx))
            .filter(|n| !n.is_empty() && !options.redact)
            .map(clean);
        let mut line = CaseLine {
            id: case.id,
            title: case.title.filter(|_| !options.redact),
            category: case.category,
            grade: grade.and_then(|g| scale.level(g)).map(|l| l.label.as_str()),
            note,
            columns: Vec::new(),
        };
        if review.flagged(idx) {
            flagged.push(line.clone());
        }
        if is_bottom {
            let mut shown = line.clone();
            if !options.redact {
                shown.columns = report_columns(input, case);
            }
            bottom.push(shown);
        }
        line.columns.clear();
        appendix.push(line);
    }
    (bottom, flagged, appendix)
}

/// The report's wording with every text made safe to print.
fn clean_wording(wording: &ReportText) -> ReportText {
    let line = |t: &Option<String>| t.as_deref().map(|t| clean_line(t).into_owned());
    ReportText {
        title: line(&wording.title),
        organisation: line(&wording.organisation),
        period: line(&wording.period),
        method: wording.method.as_deref().map(|t| clean(t).into_owned()),
    }
}

/// The values of the configured report columns for `case`, as (header,
/// value), leaving out empty ones.
fn report_columns<'a>(
    input: &Input<'a>,
    case: crate::model::case::Case<'a>,
) -> Vec<(&'a str, &'a str)> {
    input
        .report_columns
        .iter()
        .filter_map(|wanted| {
            let column = input
                .sample
                .columns()
                .iter()
                .find(|c| c.header.eq_ignore_ascii_case(wanted.trim()))?;
            let value = input.sample.column_value(case, column)?;
            (!value.trim().is_empty()).then_some((column.header.as_str(), value))
        })
        .collect()
}

/// One case listed in the report (bottom grade or flagged).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseLine<'a> {
    /// Case id.
    pub id: &'a str,
    /// Title; `None` when absent or redacted.
    pub title: Option<&'a str>,
    /// Area of practice.
    pub category: Option<&'a str>,
    /// Label of the case's grade; `None` when ungraded.
    pub grade: Option<&'a str>,
    /// The reviewer's note; `None` when empty or redacted.
    pub note: Option<Cow<'a, str>>,
    /// The sample columns the report shows for this case (its settings'
    /// `report_columns`), as (header, value); empty when redacted.
    pub columns: Vec<(&'a str, &'a str)>,
}

impl CaseLine<'_> {
    /// The plain text after the case id: ` — grade` when `with_grade`
    /// ("not graded" for an ungraded case), then ` — title` if there is one.
    pub fn details(&self, with_grade: bool) -> String {
        let grade = with_grade.then(|| self.grade.unwrap_or("not graded"));
        grade
            .into_iter()
            .chain(self.title)
            .fold(String::new(), |mut out, part| {
                let _ = write!(out, " — {part}");
                out
            })
    }
}

/// What a listed case shows of the reviewer's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteShown<'l> {
    /// Nothing: the report is redacted.
    Redacted,
    /// The reviewer wrote no note.
    Missing,
    /// The note.
    Text(&'l str),
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// Sample name.
    pub sample: Cow<'a, str>,
    /// Sample file; `None` for the bundled demo.
    pub sample_path: Option<String>,
    /// Content hash of the sample file.
    pub hash: &'a str,
    /// The scale (labels, best first).
    pub scale: &'a Scale,
    /// Everyone who changed the review, in order of first change (the
    /// session's reviewer when nothing was changed).
    pub reviewers: Vec<String>,
    /// First and last change of the audit trail.
    pub dates: Option<(Timestamp, Timestamp)>,
    /// True when titles and notes are left out.
    pub redacted: bool,
    /// Tally, intervals, reference and sentence.
    pub summary: Summary,
    /// Grades by category, criteria answers.
    pub breakdown: Breakdown,
    /// Label of each row of `breakdown.criteria`.
    pub criterion_labels: Vec<String>,
    /// Cases graded at the bottom level of the scale, in sample order.
    pub bottom: Vec<CaseLine<'a>>,
    /// Cases flagged for discussion, in sample order.
    pub flagged: Vec<CaseLine<'a>>,
    /// Cases kept from an earlier version of the sample (not counted).
    pub orphans: usize,
    /// The report's wording, sanitised.
    pub wording: ReportText,
    /// Every case in sample order, for the appendix.
    pub appendix: Vec<CaseLine<'a>>,
    /// Agreement and moderation, for a combined or moderated session.
    pub moderation: Option<super::moderation::Section>,
}

impl<'a> Report<'a> {
    /// Computes the report of `input`.
    pub fn new(input: &Input<'a>, options: ExportOptions) -> Self {
        let review = input.review;
        let scale = review.scale();
        let summary = input.summary();
        let breakdown = Breakdown::new(
            input.sample,
            review,
            input.criteria.iter().map(|c| c.id.as_str()),
        );
        let criterion_labels = breakdown
            .criteria
            .iter()
            .map(|row| {
                input
                    .criteria
                    .iter()
                    .find(|c| c.id == row.id)
                    .map_or_else(|| row.id.clone(), |c| c.label.clone())
            })
            .collect();
        let mut reviewers: Vec<String> = Vec::new();
        for e in review.history() {
            if !reviewers.contains(&e.by) {
                reviewers.push(e.by.clone());
            }
        }
        if reviewers.is_empty() {
            reviewers.push(input.reviewer.to_owned());
        }
        let reviewers = reviewers
            .iter()
            .map(|r| clean_line(r).into_owned())
            .collect();
        let dates = review.history().iter().map(|e| e.at).fold(
            None,
            |acc: Option<(Timestamp, Timestamp)>, at| match acc {
                None => Some((at, at)),
                Some((lo, hi)) => Some((lo.min(at), hi.max(at))),
            },
        );
        let (bottom, flagged, appendix) = case_lists(input, options);
        Self {
            sample: clean_line(&input.sample.name),
            sample_path: input
                .sample
                .source
                .path
                .as_ref()
                .map(|p| clean_line(&p.display().to_string()).into_owned()),
            hash: &input.sample.source.hash,
            scale,
            reviewers,
            dates,
            redacted: options.redact,
            summary,
            breakdown,
            criterion_labels,
            bottom,
            flagged,
            orphans: review.orphans().len(),
            wording: clean_wording(input.wording),
            appendix,
            moderation: super::moderation::section(input, options.redact),
        }
    }

    /// "Interim: 14 of 74 cases graded" while cases remain ungraded.
    pub fn interim(&self) -> Option<String> {
        let s = &self.summary;
        (s.graded < s.total).then(|| {
            format!(
                "Interim: {} of {} cases graded; the figures will change as the rest are.",
                s.graded, s.total
            )
        })
    }

    /// Whether any criterion has been answered for any case.
    pub fn criteria_answered(&self) -> bool {
        self.breakdown
            .criteria
            .iter()
            .any(|row| row.overall.met + row.overall.not_met + row.overall.not_applicable > 0)
    }

    /// What the report shows of `line`'s note.
    pub fn note_shown<'l>(&self, line: &'l CaseLine<'_>) -> NoteShown<'l> {
        match (&line.note, self.redacted) {
            (_, true) => NoteShown::Redacted,
            (Some(note), false) => NoteShown::Text(note),
            (None, false) => NoteShown::Missing,
        }
    }

    /// The report's title: the settings' title, else the sample's name.
    pub fn title(&self) -> String {
        self.wording
            .title
            .clone()
            .unwrap_or_else(|| format!("Case review report: {}", self.sample))
    }

    /// Label of the bottom level of the scale.
    pub fn bottom_label(&self) -> &str {
        self.scale.levels.last().map_or("", |l| l.label.as_str())
    }

    /// "95%" for the configured confidence.
    pub fn confidence(&self) -> String {
        crate::model::figures::confidence(self.summary.confidence)
    }

    /// "2025-03-03 09:00 UTC to 2025-03-04 16:30 UTC", or a note that
    /// nothing has changed.
    pub fn dates_text(&self) -> String {
        match self.dates {
            Some((first, last)) if first == last => date(first),
            Some((first, last)) => format!("{} to {}", date(first), date(last)),
            None => "no changes recorded".to_owned(),
        }
    }

    /// The sample's identity line: path (or "bundled demo") and case count.
    pub fn sample_source(&self) -> String {
        let from = self.sample_path.as_deref().unwrap_or("bundled demo sample");
        let n = self.summary.total;
        format!("{from} ({n} case{})", if n == 1 { "" } else { "s" })
    }

    /// The comparison with the reference in two sentences, or `None`
    /// without a reference.
    pub fn comparison_text(&self) -> Option<String> {
        let reference = self.summary.reference.as_ref()?;
        let Some(c) = &self.summary.comparison else {
            return Some(format!(
                "No comparison with the {} is possible until cases are graded.",
                reference.label
            ));
        };
        Some(format!(
            "{} Test: {}.",
            c.plain(&reference.label),
            c.technical()
        ))
    }

    /// How precise the breakdown is, in words.
    pub fn precision_text(&self) -> String {
        self.summary.precision.as_ref().map_or_else(
            || "No cases are graded yet.".to_owned(),
            |p| p.text(&self.confidence()),
        )
    }
}
