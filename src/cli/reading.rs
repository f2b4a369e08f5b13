//! Finding and reading a sample the way the reviewer wants it read: the
//! sample-reading flags (`--column`, `--encoding`, `--delimiter`,
//! `--sheet`) over the sample's settings file over what its session
//! recorded; and the config in force for that sample (the user's config
//! with the sample's settings over it, or the demo's own settings).

use std::path::Path;

use anyhow::Context as _;

use crate::config::Config;
use crate::config::sample::{self as settings, SampleSetup};
use crate::model::case::{Sample, StandardField};
use crate::store::progress::Progress;
use crate::store::sample::options::parse_column;
use crate::store::sample::{
    Delimiter, ReadOptions, ReadReport, TextEncoding, demo_sample, load_sample_watched,
};
use crate::store::session;

/// The sample-reading flags, shared by the review screen, `validate` and
/// `init`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReadArgs {
    /// Which column holds a field, when casebench cannot tell:
    /// FIELD=HEADER, e.g. --column id="Case Ref". Fields: id, title,
    /// category (or area), opened, summary (or narrative). Repeatable.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = parse_column, global = true)]
    pub columns: Vec<(StandardField, String)>,
    /// The text encoding of a CSV/TSV file: utf-8, utf-16le, utf-16be or
    /// windows-1252 (default: a BOM, else UTF-8, else Windows-1252).
    #[arg(long, value_name = "ENCODING", global = true)]
    pub encoding: Option<TextEncoding>,
    /// The separator of a CSV/TSV file: comma, semicolon, tab or pipe
    /// (default: sniffed).
    #[arg(long, value_name = "SEPARATOR", global = true)]
    pub delimiter: Option<Delimiter>,
    /// The sheet of a spreadsheet to read (default: the first).
    #[arg(long, value_name = "NAME", global = true)]
    pub sheet: Option<String>,
}

impl ReadArgs {
    /// The flags as read options.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            columns: self.columns.iter().cloned().collect(),
            encoding: self.encoding,
            delimiter: self.delimiter,
            sheet: self.sheet.clone(),
        }
    }
}

/// A sample as read, with how it was read and what applies to it.
#[derive(Debug)]
pub(super) struct ReadSample {
    /// The sample.
    pub sample: Sample,
    /// How the file was read (`None` for the demo).
    pub report: Option<ReadReport>,
    /// The options it was read with (recorded in its session).
    pub options: ReadOptions,
    /// The config, report wording and report columns for it.
    pub setup: SampleSetup,
}

/// The bundled demo with its own settings over `config`.
pub(super) fn demo(config: Config) -> ReadSample {
    ReadSample {
        sample: demo_sample(),
        report: None,
        options: ReadOptions::default(),
        setup: SampleSetup::demo(config),
    }
}

/// Reads the sample at `path` (absolute): `recorded` options (from its
/// session) under the settings file's under `flags`.
pub(super) fn read(
    path: &Path,
    config: Config,
    recorded: &ReadOptions,
    flags: &ReadOptions,
) -> anyhow::Result<ReadSample> {
    read_watched(path, config, (recorded, flags), &Progress::default())
}

/// [`read`], recording how far it has got in `progress`.
pub(super) fn read_watched(
    path: &Path,
    config: Config,
    (recorded, flags): (&ReadOptions, &ReadOptions),
    progress: &Progress,
) -> anyhow::Result<ReadSample> {
    let setup = settings::for_sample(path, config)?;
    let options = recorded
        .clone()
        .overridden_by(&setup.read)
        .overridden_by(flags);
    let (sample, report) = load_sample_watched(path, &options, progress)?;
    Ok(ReadSample {
        sample,
        report: Some(report),
        options,
        setup,
    })
}

/// The first cases of the CSV or TSV sample at `path`, read from the
/// head of the file as [`read`] would read it whole, for the screen to
/// show meanwhile; `None` when there is nothing to show.
pub(super) fn preview(
    path: &Path,
    config: Config,
    (recorded, flags): (&ReadOptions, &ReadOptions),
) -> Option<ReadSample> {
    let setup = settings::for_sample(path, config).ok()?;
    let options = recorded
        .clone()
        .overridden_by(&setup.read)
        .overridden_by(flags);
    let sample = crate::store::sample::preview(path, &options)?;
    Some(ReadSample {
        sample,
        report: None,
        options,
        setup,
    })
}

/// How the session at `session` says its sample is read, from the first
/// bytes of its snapshot; nothing when it does not exist or says nothing.
pub(super) fn recorded_options(session: &Path) -> ReadOptions {
    session::sniff_sample_info_at(session)
        .map(|info| info.read)
        .unwrap_or_default()
}

/// The sample a session grades (`info`, from its snapshot), read as it
/// was.
pub(super) fn of_session(
    info: &session::SampleInfo,
    session: &Path,
    config: Config,
    progress: &Progress,
) -> anyhow::Result<ReadSample> {
    let none = ReadOptions::default();
    match &info.path {
        None => Ok(demo(config)),
        Some(path) => read_watched(path, config, (&info.read, &none), progress).with_context(|| {
            format!(
                "{}: the session's sample cannot be read; pass the sample file as well: casebench --session {} SAMPLE",
                session.display(),
                session.display()
            )
        }),
    }
}

/// A sentence on how a sample was read, for the status line when it is
/// worth knowing (the encoding was a fallback).
pub(super) fn notable(report: &ReadReport) -> Option<String> {
    match report.encoding {
        Some((encoding, _, true)) => Some(format!("read as {encoding} (the file is not UTF-8)")),
        _ => None,
    }
}
