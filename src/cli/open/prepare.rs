//! Reading the sample and opening its session (in a thread of its own
//! while the screen shows how far it has got), and building the review on
//! them.

use std::path::PathBuf;
use std::sync::Arc;

use super::super::absolute;
use super::super::reading::{self, ReadSample};
use super::super::target;
use super::ahead::Gate;
use super::no_color;
use crate::app::{App, Notice};
use crate::config::Config;
use crate::model::team::Team;
use crate::paths::Paths;
use crate::store::progress::{Progress, Stage};
use crate::store::session;
use crate::ui::theme::Theme;

/// What the thread that reads the sample and opens the session works with.
pub(super) struct Opener {
    pub(super) paths: Paths,
    pub(super) config: Config,
    pub(super) reviewer: String,
    pub(super) progress: Arc<Progress>,
    pub(super) gate: Arc<Gate>,
}

impl Opener {
    /// Reads the sample `wanted` and opens its session, with the session's
    /// parse read `ahead` if there is one; `None` if the opening was
    /// cancelled while the sample was read.
    pub(super) fn open(
        self,
        wanted: &Wanted,
        ahead: Option<std::thread::JoinHandle<Option<session::Preread>>>,
    ) -> Option<anyhow::Result<Prepared>> {
        let (read, session_path) = match sample_and_session(
            &self.paths,
            self.config,
            wanted,
            &self.reviewer,
            &self.progress,
        ) {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let lock = self.gate.open().ok()?;
        self.progress.start(Stage::Opening, 0);
        let preread = ahead.and_then(|reading| reading.join().ok().flatten());
        let ahead = session::Ahead { preread, lock };
        Some(prepare(
            read,
            session_path,
            self.reviewer,
            (wanted.fresh, ahead),
            None,
        ))
    }
}

/// A review ready to show: the app, its colours, where it is saved, the
/// history still to read, and the changes made while its sample was read
/// and kept beside it.
pub(super) struct Prepared {
    pub(super) app: App,
    pub(super) theme: Theme,
    pub(super) store: session::SessionStore,
    pub(super) earlier: Option<session::EarlierHistory>,
    pub(super) pending: Option<Vec<crate::model::change::Entry>>,
}

/// Opens (or creates) the session and builds the app on it.
pub(super) fn prepare(
    read: ReadSample,
    session_path: PathBuf,
    reviewer: String,
    (fresh, ahead): (bool, session::Ahead),
    intro: Option<String>,
) -> anyhow::Result<Prepared> {
    let ReadSample {
        sample,
        report,
        options,
        setup,
    } = read;
    let config = setup.config.clone();
    // A file that is not a session (the sample itself, say) is never moved
    // aside by --fresh nor given a lock and a journal beside it.
    if session_path.exists() && !target::is_session(&session_path) {
        anyhow::bail!(
            "{} is not a casebench session; name a new file, or a session, with --session",
            crate::model::text::sanitize_line(&session_path.display().to_string())
        );
    }
    let mut notices = Vec::new();
    // Under the lock taken while the sample was read, if it was.
    let backup = match ahead.lock.as_ref().filter(|held| held.locks(&session_path)) {
        Some(held) if fresh => held.back_up(&session_path)?,
        None if fresh => session::back_up(&session_path)?,
        _ => None,
    };
    if let Some(backup) = backup {
        let name = backup.file_name().map_or_else(
            || backup.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        notices.push(format!(
            "new review; the previous one is kept as {name} beside it"
        ));
    }
    let recorded = session::Recorded {
        read: options,
        settings: settings_record(&config),
        ..session::Recorded::default()
    };
    let opened = session::open_prepared(
        &session_path,
        &sample,
        &config.scale,
        &reviewer,
        &recorded,
        ahead,
    );
    let opened = opened?;
    let graded = format!("{}/{} graded", opened.review.graded(), sample.len());
    if let Some(intro) = intro {
        notices.insert(0, intro);
    } else if opened.resumed {
        notices.insert(0, format!("resumed: {graded}"));
    } else if notices.is_empty() {
        notices.push(format!("new review: {graded}"));
    }
    if let Some(note) = report.as_ref().and_then(reading::notable) {
        notices.push(note);
    }
    let warned = !opened.warnings.is_empty();
    notices.extend(opened.warnings);
    let theme = Theme::new(config.theme, no_color());
    let text = notices.join(" · ");
    let notice = if warned {
        Notice::Warning(text)
    } else {
        Notice::Info(text)
    };
    let team = opened.team.map(|record| Team::new(record, &sample));
    let session_path_for_draft = session_path.clone();
    let app = App::new(
        sample,
        opened.review,
        config,
        reviewer,
        session_path,
        opened.cursor.unwrap_or(0),
    )
    .with_notice(notice)
    .with_report(setup.report, setup.report_columns)
    .with_team(team)
    .with_draft(session::read_draft(&session_path_for_draft));
    Ok(Prepared {
        app,
        theme,
        store: opened.store,
        earlier: opened.earlier_history,
        // Read under the session's lock.
        pending: session::read_pending(&session_path_for_draft),
    })
}

/// What the command line asks to open.
pub(super) struct Wanted {
    pub(super) sample: Option<PathBuf>,
    pub(super) session: Option<PathBuf>,
    pub(super) flags: crate::store::sample::ReadOptions,
    pub(super) fresh: bool,
}

/// Which sample to review, read how, and where its session lives.
pub(super) fn sample_and_session(
    paths: &Paths,
    config: Config,
    wanted: &Wanted,
    reviewer: &str,
    progress: &Progress,
) -> anyhow::Result<(ReadSample, PathBuf)> {
    let sessions = paths.sessions_dir();
    let flags = &wanted.flags;
    match (&wanted.sample, &wanted.session) {
        (Some(sample), session) => {
            let sample_path = absolute(sample)?;
            let session = session
                .clone()
                .unwrap_or_else(|| session::find_default(&sessions, Some(&sample_path), reviewer));
            let recorded = reading::recorded_options(&session);
            let read = reading::read_watched(&sample_path, config, (&recorded, flags), progress)?;
            Ok((read, session))
        }
        (None, Some(session)) if session.exists() => {
            let loaded = session::load(session, session::History::Unsaved)?;
            Ok((
                reading::of_session(&loaded.file.sample, session, config, progress)?,
                session.clone(),
            ))
        }
        (None, Some(session)) => Ok((reading::demo(config), session.clone())),
        (None, None) => Ok((
            reading::demo(config),
            session::find_default(&sessions, None, reviewer),
        )),
    }
}

/// The settings a session records, to notice on resume that they changed.
pub(super) fn settings_record(config: &Config) -> session::SettingsRecord {
    session::SettingsRecord {
        reference: config.reference.as_ref().map(|r| {
            let counts: Vec<String> = r.counts.iter().map(ToString::to_string).collect();
            format!("{}: {}", r.label, counts.join("/"))
        }),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        require_note_for: config.require_note_for.clone(),
    }
}
