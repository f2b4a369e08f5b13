//! The command line (DESIGN §2): argument parsing and dispatch. Every error
//! is reported here, before or after the terminal is in use, never during.

mod agree;
mod ask_name;
mod check;
mod combine;
mod draw;
mod export;
mod init;
mod interrupt;
mod moderate;
mod open;
mod progress_bar;
pub mod reading;
mod rows;
mod sessions;
mod split;
pub(crate) mod summary;
mod target;
mod validate;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::paths::Paths;

/// casebench: grade a sample of case files, keep running tallies, resume where you stopped.
#[derive(Debug, Parser)]
#[command(
    name = "casebench",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Sample file to review (.csv, .tsv, .xlsx, .xls, .ods, .ron or .json). Without it, the bundled 74-case demo.
    pub sample: Option<PathBuf>,
    /// How to read the sample, when casebench cannot tell.
    #[command(flatten)]
    pub read: reading::ReadArgs,
    /// Use (create or resume) this session file instead of the sample's default one.
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// Start a new review; the previous session is kept as a dated backup.
    #[arg(long)]
    pub fresh: bool,
    /// Who is grading (default: the config's reviewer, else the login name).
    #[arg(long, value_name = "NAME", global = true)]
    pub reviewer: Option<String>,
    /// Config file to use instead of the default one.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// What to do instead of opening the review screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the tallies of a session: counts, percentages, intervals, reference, the report sentence.
    Summary {
        /// A session file, or a sample file (meaning that sample's default session).
        #[arg(value_name = "SESSION")]
        session: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the graded sample (csv, json, ron) or the report (md, html) of a session.
    ///
    /// CSV cells beginning with =, +, -, @, tab or carriage return get a
    /// leading ' so that spreadsheets do not run them as formulas; --raw
    /// turns this off. Exported files are created with mode 0600.
    Export(export::ExportArgs),
    /// Check a sample file; print every problem with its line and column, or how it was read (columns → fields, encoding, separator, sheet). Exit 0 only if valid.
    Validate {
        /// The sample file (.csv, .tsv, .xlsx, .xls, .ods, .ron or .json).
        #[arg(value_name = "SAMPLE")]
        sample: PathBuf,
        /// Print JSON instead of text (the exit status still says whether the file is valid).
        #[arg(long)]
        json: bool,
    },
    /// Write the sample's settings file (NAME.casebench.ron beside it) from what casebench detects: column mapping, encoding, separator, sheet; with the other settings (reference, report wording…) there to edit.
    Init {
        /// The sample file.
        #[arg(value_name = "SAMPLE")]
        sample: PathBuf,
        /// Replace an existing settings file.
        #[arg(long)]
        force: bool,
    },
    /// Check a session's files (snapshot checksum, damaged journal lines, torn writes) and repair what can be repaired without losing anything; exit 0 only if the session is sound afterwards.
    Check {
        /// A session file, or a sample file (meaning that sample's default session).
        #[arg(value_name = "SESSION")]
        session: PathBuf,
    },
    /// How far the reviewers of one sample agree: percent agreement, Cohen's and weighted kappa, Krippendorff's ordinal alpha (two sessions); Fleiss' kappa and alpha (three or more); intervals, the confusion matrix, agreement per area, and every disagreement.
    Agree(agree::AgreeArgs),
    /// Merge the sessions of one sample into one session: every grade, note, criteria answer and audit trail, each change still attributed to its reviewer. A case graded differently by two sessions becomes a moderation item (never the last writer's grade). The same sessions in any order give the same result.
    Combine {
        /// Two or more session files (a sample file means your default session of it).
        #[arg(value_name = "SESSION", required = true, num_args = 2..)]
        sessions: Vec<PathBuf>,
        /// The new combined session file.
        #[arg(long, value_name = "SESSION")]
        out: PathBuf,
        /// The whole sample, when the sessions grade parts of it (from `casebench split`).
        #[arg(long, value_name = "SAMPLE")]
        sample: Option<PathBuf>,
        /// Keep an existing --out session aside as a backup and write the new one.
        #[arg(long)]
        force: bool,
    },
    /// The review screen on the disagreements of two sessions of one sample: settle each with a grade and a reason. The first run creates the moderation session (agreed cases carried over); later runs resume it.
    Moderate {
        /// The sessions to moderate (two or more).
        #[arg(value_name = "SESSION", required = true, num_args = 2..)]
        sessions: Vec<PathBuf>,
        /// The moderation session file (default: yours, in the data folder, for this sample).
        #[arg(long, value_name = "FILE")]
        session: Option<PathBuf>,
        /// The whole sample, when the sessions grade parts of it (from `casebench split`).
        #[arg(long, value_name = "SAMPLE")]
        sample: Option<PathBuf>,
    },
    /// Draw a reproducible sample from a full case list: simple random, systematic, or proportional stratified by a column; the same inputs and seed give the same sample on every machine. Writes a CSV casebench opens directly and its settings file recording how it was drawn (for the report); prints a balance table.
    Sample(draw::DrawArgs),
    /// Deal a sample out to a team, reproducibly and balanced by area of practice, optionally with a share read twice: writes one part per reviewer (a sample with the sample's settings). Combine the parts' sessions with `combine … --sample SAMPLE`.
    Split(split::SplitArgs),
    /// List the saved sessions (and backups) in the data folder.
    Sessions {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let paths = Paths::resolve(cli.config.as_deref())?;
    let mut config = config::load(&paths)?;
    // The reviewer named on the command line is the reviewer everywhere:
    // whose default session a sample path means, who grades.
    if let Some(name) = &cli.reviewer {
        config.reviewer = Some(name.clone());
    }
    // The review screens handle these signals themselves, as keys.
    if !matches!(cli.command, None | Some(Command::Moderate { .. })) {
        interrupt::remove_partial_files_on_interrupt()?;
    }
    match cli.command {
        Some(Command::Summary { session, json }) => summary::run(&paths, &config, &session, json),
        Some(Command::Export(args)) => export::run(&paths, &config, &args),
        Some(Command::Validate { sample, json }) => {
            validate::run(&sample, &config, &cli.read.options(), json)
        }
        Some(Command::Sessions { json }) => sessions::run(&paths, json),
        Some(Command::Check { session }) => check::run(&paths, &config, &session),
        Some(Command::Init { sample, force }) => {
            init::run(&sample, &config, &cli.read.options(), force)
        }
        Some(Command::Split(args)) => split::run(&args, &config, &cli.read.options()),
        Some(Command::Sample(args)) => draw::run(&args, &cli.read.options()),
        Some(Command::Agree(args)) => agree::run(&paths, &config, &args),
        Some(Command::Combine {
            sessions,
            out,
            sample,
            force,
        }) => combine::run(&paths, &config, &sessions, sample.as_deref(), &out, force),
        Some(Command::Moderate {
            sessions,
            session,
            sample,
        }) => moderate::run(
            &paths,
            &config,
            &sessions,
            sample.as_deref(),
            session.as_deref(),
        ),
        None => open::run(&paths, config, &cli),
    }
}

/// An error and its causes in one line, each cause said once: an error
/// whose message already quotes its cause (`path: Permission denied`) is
/// not followed by the cause again.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
    }
    text
}

/// Leaves `loaded` to the operating system, which takes back a process's
/// memory at once when it ends, rather than freeing it piece by piece: a
/// command about to end spent a tenth of a second freeing a
/// 1,000,000-case sample and its review.
fn leave_at_exit<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// A line on stderr, `casebench: ` first; never a panic when stderr is
/// gone (as `eprintln!` would).
fn say(line: &str) {
    let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("casebench: {line}\n"));
}

/// The ids in the first column of a CSV written by `sample` or `split`.
#[cfg(test)]
fn csv_ids(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or("").to_owned())
        .collect()
}

/// The reviewer's name: `--reviewer`, else the config's, else the login
/// name, else "reviewer".
fn reviewer(cli: Option<&str>, config: &Config) -> String {
    known_reviewer(cli, config).unwrap_or_else(|| UNNAMED.to_owned())
}

/// The name recorded when no name is known.
const UNNAMED: &str = "reviewer";

/// The reviewer's name if one is known: `--reviewer`, else the config's,
/// else the login name.
fn known_reviewer(cli: Option<&str>, config: &Config) -> Option<String> {
    // A name from the command line or the environment is recorded with
    // every change and printed: it is made inert like any other text.
    cli.map(str::to_owned)
        .or_else(|| config.reviewer.clone())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .map(|n| crate::model::text::sanitize_line(n.trim()))
        .filter(|n| !n.is_empty())
}

/// Canonical form of a user-given path (so a session finds its sample from
/// anywhere), with the path itself in any error.
fn absolute(path: &std::path::Path) -> anyhow::Result<PathBuf> {
    std::fs::canonicalize(path).with_context(|| format!("cannot open {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_os_error_is_said_once() {
        let io = std::io::Error::from_raw_os_error(13);
        let session = crate::store::session::SessionError::Io {
            path: "s.session.ron".into(),
            source: io,
        };
        let e = anyhow::Error::new(session).context("could not save the session");
        let text = error_text(&e);
        assert_eq!(text.matches("Permission denied").count(), 1, "{text}");
        assert!(
            text.starts_with("could not save the session: s.session.ron: Permission denied"),
            "{text}"
        );
    }
}
