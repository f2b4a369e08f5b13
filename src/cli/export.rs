//! `casebench export`: the graded sample or the report of a session, to
//! stdout or to a new private file.

use std::path::PathBuf;

use anyhow::Context as _;

use super::target;
use crate::config::Config;
use crate::model::text::sanitize_line;
use crate::paths::Paths;
use crate::store::export::{self, ExportOptions, Format, Input, Layout, Overwrite};
use crate::store::session::History;

/// The arguments of `casebench export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// A session file, or a sample file (meaning that sample's default session).
    #[arg(value_name = "SESSION")]
    pub session: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file (created private, 0600) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Leave out titles, summaries, notes and extra fields; keep ids, categories, grades, criteria and dates.
    #[arg(long)]
    pub redact: bool,
    /// CSV: write cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw: bool,
    /// CSV and xlsx: `casebench` puts casebench's documented columns first,
    /// then the sample's other columns; `original` keeps the sample's own
    /// header and order and appends the grading columns.
    #[arg(long, value_enum, default_value = "casebench")]
    pub layout: LayoutArg,
}

/// Column orders on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutArg {
    /// casebench's columns first (`id,title,category,grade,...`).
    Casebench,
    /// The sample's own columns first, under their own names.
    Original,
}

/// Export formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One row per case (RFC 4180).
    Csv,
    /// An Excel workbook: Cases (as the CSV) and Summary sheets. Needs --out.
    Xlsx,
    /// Records, scale, summary and audit trail as JSON.
    Json,
    /// The same as RON.
    Ron,
    /// Inspection-style report in Markdown.
    #[value(alias = "markdown")]
    Md,
    /// The report as one self-contained HTML file.
    Html,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Json => Format::Json,
            ExportFormat::Ron => Format::Ron,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Html => Format::Html,
        }
    }
}

/// Runs the export.
pub fn run(paths: &Paths, config: &Config, args: &ExportArgs) -> anyhow::Result<()> {
    // The CSV carries each case's grade stamp from the snapshot; the other
    // formats include the audit trail, which is read only for them.
    if args.format == ExportFormat::Xlsx && args.out.is_none() {
        anyhow::bail!("an xlsx workbook is written to a file: add --out FILE.xlsx");
    }
    let history = if matches!(args.format, ExportFormat::Csv | ExportFormat::Xlsx) {
        History::Unsaved
    } else {
        History::Full
    };
    let t = target::load(paths, config, &args.session, history)?;
    let input = Input::new(&t.sample, &t.review, &t.file.reviewer, &t.setup.config)
        .worded(&t.setup.report, &t.setup.report_columns)
        .with_team(t.team.as_ref());
    let options = ExportOptions {
        redact: args.redact,
        raw: args.raw,
        layout: match args.layout {
            LayoutArg::Casebench => Layout::Casebench,
            LayoutArg::Original => Layout::Original,
        },
    };
    let orphans = t.review.orphans().len();
    if orphans > 0 {
        eprintln!(
            "casebench: note: {orphans} graded case(s) of this session are no longer in the sample and are not exported as rows"
        );
    }
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    let what = args.out.as_deref().map_or_else(
        || "export".to_owned(),
        |out| sanitize_line(&out.display().to_string()),
    );
    let exported = super::progress_bar::watched(&what, |progress| {
        let input = input.watched(progress);
        match args.out.as_deref() {
            None => to_stream(&mut std::io::stdout(), |out| {
                export::render_to(args.format.into(), &input, options, out)
            }),
            Some(out) => {
                export::to_file(&input, args.format.into(), options, out, &t.path, overwrite)?;
                Ok(())
            }
        }
    });
    super::leave_at_exit(t);
    exported
}

/// Writes what `render` renders to `stream` (stdout), from a thread of
/// its own; a reader that stops early (`| head`) is not an error.
fn to_stream(
    stream: &mut (impl std::io::Write + Send),
    render: impl FnOnce(&mut dyn crate::store::pipe::Output) -> Result<(), export::ExportError>,
) -> anyhow::Result<()> {
    let (written, sunk) = crate::store::pipe::piped(stream, render);
    // The stream's own error first: the export then only saw a broken pipe.
    match sunk.map_err(export::ExportError::Write).and(written) {
        Err(export::ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(export::ExportError::Write(e)) => Err(e).context("cannot write to stdout"),
        result => Ok(result?),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;
    use crate::model::change::Change;
    use crate::model::review::Stamp;
    use crate::store::sample::load_sample;
    use crate::store::session;

    /// A data folder holding the default session of a two-case sample file,
    /// one case graded.
    fn setup() -> (tempfile::TempDir, Paths, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths {
            config_file: dir.path().join("config.ron"),
            config_explicit: false,
            data_dir: dir.path().join("data"),
        };
        let sample_path = dir.path().join("sample.csv");
        std::fs::write(&sample_path, "id,title\nA-1,First\nA-2,Second\n").expect("sample");
        let sample_path = std::fs::canonicalize(&sample_path).expect("abs");
        let sample = load_sample(&sample_path).expect("load");
        let session_path = session::default_path(&paths.sessions_dir(), Some(&sample_path), "Rita");
        let config = Config {
            reviewer: Some("Rita".into()),
            ..Config::default()
        };
        let mut opened =
            session::open(&session_path, &sample, &config.scale, "Rita").expect("open");
        let change = Change::Grade {
            case: "A-2".into(),
            from: None,
            to: Some("inadequate".into()),
        };
        let stamp = Stamp {
            by: "Rita".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            cursor: None,
        };
        let entry = opened
            .review
            .edit(&sample, change, stamp)
            .expect("edit")
            .clone();
        opened.store.append(&entry).expect("append");
        (dir, paths, sample_path)
    }

    fn args(session: &std::path::Path, out: Option<PathBuf>, force: bool) -> ExportArgs {
        ExportArgs {
            session: session.to_owned(),
            format: ExportFormat::Csv,
            out,
            force,
            redact: false,
            raw: false,
            layout: LayoutArg::Casebench,
        }
    }

    #[test]
    fn exports_by_sample_path_to_a_private_file_and_refuses_to_overwrite() {
        let (dir, paths, sample_path) = setup();
        let config = Config {
            reviewer: Some("Rita".into()),
            ..Config::default()
        };
        let out = dir.path().join("graded.csv");
        run(
            &paths,
            &config,
            &args(&sample_path, Some(out.clone()), false),
        )
        .expect("export");
        let text = std::fs::read_to_string(&out).expect("read");
        assert!(
            text.starts_with(
                "id,title,category,grade,grade_label,note,flagged,reviewer,graded_at,"
            )
        );
        assert!(
            text.contains("\nA-2,Second,,inadequate,Inadequate,,false,Rita,1970-01-01T00:00:00Z,")
        );
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        std::fs::write(&out, "keep me").expect("write");
        let err = run(
            &paths,
            &config,
            &args(&sample_path, Some(out.clone()), false),
        )
        .expect_err("exists");
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
        run(
            &paths,
            &config,
            &args(&sample_path, Some(out.clone()), true),
        )
        .expect("forced");
        assert!(
            std::fs::read_to_string(&out)
                .expect("read")
                .starts_with("id,")
        );
    }

    #[test]
    fn never_exports_over_the_session_or_the_sample() {
        let (_dir, paths, sample_path) = setup();
        let config = Config {
            reviewer: Some("Rita".into()),
            ..Config::default()
        };
        let session_path = session::default_path(&paths.sessions_dir(), Some(&sample_path), "Rita");
        let before = std::fs::read(&session_path).expect("read");
        for target in [session_path.clone(), sample_path.clone()] {
            let err = run(&paths, &config, &args(&session_path, Some(target), true))
                .expect_err("refused");
            assert!(err.to_string().contains("refusing"), "{err}");
        }
        assert_eq!(std::fs::read(&session_path).expect("read"), before);
    }

    /// A stream that takes `room` bytes, then fails with `error`.
    struct Ends {
        room: usize,
        error: fn() -> std::io::Error,
    }

    impl std::io::Write for Ends {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err((self.error)());
            }
            let n = bytes.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Renders a few megabytes, as a big export does.
    fn big(out: &mut dyn crate::store::pipe::Output) -> Result<(), export::ExportError> {
        for _ in 0..5000 {
            out.write_all(&[b'x'; 1000])
                .map_err(export::ExportError::Write)?;
        }
        Ok(())
    }

    #[test]
    fn a_full_stdout_is_an_error_naming_its_cause() {
        let mut full = Ends {
            room: 3 << 20,
            error: || std::io::Error::from_raw_os_error(28),
        };
        let err = to_stream(&mut full, big).expect_err("stdout is full");
        let text = format!("{err:#}");
        assert!(text.starts_with("cannot write to stdout: "), "{text}");
        assert!(text.contains("No space left"), "{text}");
    }

    #[test]
    fn a_reader_that_stops_early_is_not_an_error() {
        let mut closed = Ends {
            room: 1 << 20,
            error: || std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        };
        to_stream(&mut closed, big).expect("| head is fine");
        let mut open = Ends {
            room: usize::MAX,
            error: || std::io::Error::other("never"),
        };
        to_stream(&mut open, big).expect("written");
        assert_eq!(open.room, usize::MAX - 5_000_000, "every byte was written");
    }
}
