//! Opening the review screen: find the sample and the session, resume or
//! start, then hand over to the terminal layer.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Cli, absolute, reviewer};
use crate::app::{App, Notice};
use crate::config::Config;
use crate::model::case::Sample;
use crate::paths::Paths;
use crate::store::sample::{demo_sample, load_sample};
use crate::store::session;
use crate::ui::theme::Theme;

/// Opens the TUI as the command line asks.
pub fn run(paths: &Paths, config: Config, cli: &Cli) -> anyhow::Result<()> {
    let (sample, session_path) = sample_and_session(paths, cli)?;
    // Checked before any session file is touched, so a run without a
    // terminal leaves nothing behind.
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; for scripts use `casebench summary` or `casebench export`"
        );
    }
    let reviewer = reviewer(cli.reviewer.as_deref(), &config);
    let mut notices = Vec::new();
    if cli.fresh
        && let Some(backup) = session::back_up(&session_path)?
    {
        let name = backup.file_name().map_or_else(
            || backup.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        notices.push(format!(
            "new review; the previous one is kept as {name} beside it"
        ));
    }
    let opened = session::open(&session_path, &sample, &config.scale, &reviewer)?;
    let graded = format!("{}/{} graded", opened.review.graded(), sample.len());
    if opened.resumed {
        notices.insert(0, format!("resumed: {graded}"));
    } else if notices.is_empty() {
        notices.push(format!("new review: {graded}"));
    }
    let warned = !opened.warnings.is_empty();
    notices.extend(opened.warnings);
    let theme = Theme::new(
        config.theme,
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    );
    let text = notices.join(" · ");
    let notice = if warned {
        Notice::Warning(text)
    } else {
        Notice::Info(text)
    };
    let app = App::new(
        sample,
        opened.review,
        config,
        reviewer,
        session_path,
        opened.cursor.unwrap_or(0),
    )
    .with_notice(notice);
    crate::tui::run(app, &theme, opened.store, opened.earlier_history)
}

/// Which sample to review and where its session lives.
fn sample_and_session(paths: &Paths, cli: &Cli) -> anyhow::Result<(Sample, PathBuf)> {
    let sessions = paths.sessions_dir();
    match (&cli.sample, &cli.session) {
        (Some(sample), session) => {
            let sample_path = absolute(sample)?;
            let sample = load_sample(&sample_path)?;
            let session = session
                .clone()
                .unwrap_or_else(|| session::default_path(&sessions, Some(&sample_path)));
            Ok((sample, session))
        }
        (None, Some(session)) if session.exists() => {
            Ok((sample_of_session(session)?, session.clone()))
        }
        (None, Some(session)) => Ok((demo_sample(), session.clone())),
        (None, None) => Ok((demo_sample(), session::default_path(&sessions, None))),
    }
}

/// The sample a saved session was graded on.
pub(super) fn sample_of_session(session: &Path) -> anyhow::Result<Sample> {
    sample_of_loaded(&session::load(session, session::History::Unsaved)?, session)
}

/// The sample of a session already read from `session`.
pub(super) fn sample_of_loaded(loaded: &session::Loaded, session: &Path) -> anyhow::Result<Sample> {
    match &loaded.file.sample.path {
        None => Ok(demo_sample()),
        Some(path) => load_sample(path).with_context(|| {
            format!("{}: the session's sample cannot be read; pass the sample file as well: casebench --session {} SAMPLE", session.display(), session.display())
        }),
    }
}
