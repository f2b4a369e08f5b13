//! Exporting a review (DESIGN §3 "Export"): the graded sample as CSV, JSON
//! or RON, and an inspection-style report as Markdown or HTML.
//!
//! [`render`] turns an [`Input`] (sample, review, reviewer, config) into the
//! bytes of one [`Format`]; [`write_file`] writes them atomically, mode
//! 0600, refusing to replace an existing file unless asked to. The per-case
//! records shared by CSV, JSON and RON are built in [`records`]; the
//! figures shared by both reports in [`report`], and their tables in
//! [`table`].
//!
//! Everything exported may describe children at risk: `--redact`
//! ([`ExportOptions::redact`]) drops titles, summaries, notes and extra
//! fields in every format, keeping ids, categories, grades, criteria and
//! dates. CSV cells that a spreadsheet would run as a formula are
//! neutralised unless [`ExportOptions::raw`] is set.

mod chart;
mod csv;
mod csv_row;
mod data;
mod html;
mod markdown;
pub mod moderation;
pub mod records;
pub mod report;
pub mod table;
#[cfg(test)]
mod tests;
mod write;
mod xlsx;
mod xml;

pub use write::{Overwrite, refuse_own_files, write_file, write_file_with};

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::config::sample::ReportText;
use crate::config::{Config, Criterion, Reference};
use crate::model::case::Sample;
use crate::model::review::Review;
use crate::model::scale::Scale;
use crate::model::summary::Summary;
use crate::model::team::Team;
use crate::store::progress::{Progress, Stage};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One row per case, RFC 4180, UTF-8.
    Csv,
    /// Records, scale, summary and audit trail as pretty JSON.
    Json,
    /// The same document as pretty RON.
    Ron,
    /// The inspection-style report in Markdown.
    Markdown,
    /// The report as one self-contained HTML file with an SVG chart.
    Html,
    /// An Excel workbook: a Cases sheet shaped like the CSV, and a Summary.
    Xlsx,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Xlsx,
        Format::Json,
        Format::Ron,
        Format::Markdown,
        Format::Html,
    ];

    /// The name used on the command line (`md` for Markdown).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ron => "ron",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// True for the reports (Markdown, HTML), false for the data formats.
    pub fn is_report(self) -> bool {
        matches!(self, Format::Markdown | Format::Html)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of `csv`, `json`, `ron`, `md`, `html`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}, expected one of csv, xlsx, json, ron, md, html")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name, ignoring case; `markdown` is accepted for `md`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "markdown" => Ok(Format::Markdown),
            _ => Format::ALL
                .into_iter()
                .find(|f| f.name() == lower)
                .ok_or_else(|| UnknownFormat(s.to_owned())),
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Drop titles, summaries, notes and extra fields (and note text in the
    /// audit trail); keep ids, categories, grades, criteria and dates.
    pub redact: bool,
    /// CSV only: write cells exactly as they are, without neutralising
    /// those that begin with `=`, `+`, `-`, `@`, tab or carriage return.
    pub raw: bool,
    /// CSV and xlsx: which columns come first.
    pub layout: Layout,
}

/// The column order of a graded sample (CSV, xlsx).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// casebench's documented columns first (`id,title,category,grade,…`,
    /// one per criterion), then the sample's other columns under their own
    /// names.
    #[default]
    Casebench,
    /// The sample's own columns under their own names and in their order,
    /// then casebench's (`grade,grade_label,note,…`, criteria): the
    /// reviewer's spreadsheet back, with grades.
    Original,
}

/// Everything an export reads. Build it with [`Input::new`].
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The cases.
    pub sample: &'a Sample,
    /// The reviewer's work on them (its scale is the one exported).
    pub review: &'a Review,
    /// The session's reviewer.
    pub reviewer: &'a str,
    /// The criteria checklist: CSV columns and report rows, in this order.
    pub criteria: &'a [Criterion],
    /// The reference breakdown, when it fits the review's scale.
    pub reference: Option<&'a Reference>,
    /// Confidence level of the intervals (0.95).
    pub confidence: f64,
    /// The report's wording (title, organisation, period, method).
    pub wording: &'a ReportText,
    /// Sample columns shown beside the lowest-graded cases in reports.
    pub report_columns: &'a [String],
    /// The readings and moderation queue of a combined or moderated
    /// session.
    pub team: Option<&'a Team>,
    /// Where a long export reports how far it has got, if anywhere.
    pub progress: Option<&'a Progress>,
}

/// No wording given: the report says what it can by itself.
static NO_WORDING: ReportText = ReportText {
    title: None,
    organisation: None,
    period: None,
    method: None,
};

impl<'a> Input<'a> {
    /// The export of `review` of `sample` by `reviewer`, with criteria,
    /// reference and confidence from `config`. The config's reference is
    /// used only if it was written for the review's scale.
    pub fn new(
        sample: &'a Sample,
        review: &'a Review,
        reviewer: &'a str,
        config: &'a Config,
    ) -> Self {
        Self {
            sample,
            review,
            reviewer,
            criteria: &config.criteria,
            reference: reference_for(config, review.scale()),
            confidence: config.confidence,
            wording: &NO_WORDING,
            report_columns: &[],
            team: None,
            progress: None,
        }
    }

    /// `Err(Cancelled)` once the export was asked to stop.
    pub(crate) fn going_on(&self) -> Result<(), ExportError> {
        if self.progress.is_some_and(Progress::stopped) {
            return Err(ExportError::Cancelled);
        }
        Ok(())
    }

    /// The same input, reporting to `progress` how far the export has got
    /// (rows written, for CSV).
    #[must_use]
    pub fn watched(mut self, progress: &'a Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The input of a combined or moderated session, with its team record.
    #[must_use]
    pub fn with_team(mut self, team: Option<&'a Team>) -> Self {
        self.team = team;
        self
    }

    /// The same input with the report worded by `wording` and the sample's
    /// `report_columns` shown beside the lowest-graded cases.
    #[must_use]
    pub fn worded(mut self, wording: &'a ReportText, report_columns: &'a [String]) -> Self {
        self.wording = wording;
        self.report_columns = report_columns;
        self
    }

    /// The summary (tally, intervals, comparison, sentence) of the review,
    /// as `casebench summary` prints it.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::new(
            &self.sample.name,
            self.review.scale(),
            self.review.counts(),
            self.sample.len() as u64,
            self.reference
                .map(|r| (r.label.as_str(), r.counts.as_slice())),
            self.confidence,
        );
        summary.graded_outside_sample = self
            .review
            .orphans()
            .values()
            .filter(|o| o.grade.is_some())
            .count() as u64;
        summary.moderation = self.team.map(|team| crate::model::summary::Moderation {
            reviewers: moderation::reviewers(team),
            disagreements: team.queue().len() as u64,
            settled: team
                .queue()
                .iter()
                .filter(|&&i| self.review.grade(i).is_some())
                .count() as u64,
        });
        summary
    }
}

/// The config's reference breakdown if it fits `scale`: the config's scale
/// has the same level ids, and the reference one count per level.
pub fn reference_for<'a>(config: &'a Config, scale: &Scale) -> Option<&'a Reference> {
    let same_levels = config
        .scale
        .levels
        .iter()
        .map(|l| &l.id)
        .eq(scale.levels.iter().map(|l| &l.id));
    config
        .reference
        .as_ref()
        .filter(|r| same_levels && r.counts.len() == scale.len())
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target exists and overwriting was not allowed.
    #[error("{} already exists; choose another file or allow overwriting (--force)", .0.display())]
    Exists(PathBuf),
    /// The file system refused.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The target is the session, its journal or its sample.
    #[error("{}: refusing to export over the session or its sample", .0.display())]
    OwnFile(PathBuf),
    /// Writing the export where it goes failed.
    #[error("cannot write the export: {0}")]
    Write(#[source] std::io::Error),
    /// Serialising failed (should not happen).
    #[error("cannot encode the export: {0}")]
    Encode(String),
    /// Stopped as asked ([`Progress::stop`]) before it was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
}

/// Renders `input` and writes it to `out` (atomic, 0600), never over the
/// session at `session`, its journal or its sample.
pub fn to_file(
    input: &Input<'_>,
    format: Format,
    options: ExportOptions,
    out: &Path,
    session: &Path,
    overwrite: Overwrite,
) -> Result<(), ExportError> {
    refuse_own_files(out, session, input.sample.source.path.as_deref())?;
    write_file_with(out, overwrite, |w| render_to(format, input, options, w))
}

/// Renders the export of `input` in `format`.
pub fn render(
    format: Format,
    input: &Input<'_>,
    options: ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => csv::render(input, options),
        Format::Json => data::json(input, options),
        Format::Ron => data::ron(input, options),
        Format::Markdown => Ok(markdown::render(&report::Report::new(input, options)).into_bytes()),
        Format::Html => Ok(html::render(&report::Report::new(input, options)).into_bytes()),
        Format::Xlsx => xlsx::render(input, options),
    }
}

/// Writes the export of `input` in `format` to `out` as it is rendered:
/// a CSV export is never held whole in memory.
pub fn render_to(
    format: Format,
    input: &Input<'_>,
    options: ExportOptions,
    out: &mut dyn crate::store::pipe::Output,
) -> Result<(), ExportError> {
    if let Some(progress) = input.progress {
        let rows = if format == Format::Csv {
            input.sample.len() as u64
        } else {
            0
        };
        progress.start(Stage::Writing, rows);
    }
    if format == Format::Csv {
        return csv::render_to(input, options, out);
    }
    let rendered = render(format, input, options)?;
    input.going_on()?;
    out.write_all(&rendered).map_err(ExportError::Write)
}
