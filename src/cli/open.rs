//! Opening the review screen: find the sample and the session, resume or
//! start, then hand over to the terminal layer.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use super::reading::{self, ReadSample};
use super::target;
use super::{Cli, absolute, known_reviewer};
use crate::app::{Action, App, Notice};
use crate::config::Config;
use crate::model::review::Review;
use crate::model::team::Team;
use crate::paths::Paths;
use crate::store::progress::{Progress, Stage};
use crate::store::session;
use crate::ui::theme::Theme;

/// Opens the TUI as the command line asks. The terminal shows how far the
/// sample and the session have got while they are read (in a thread), and
/// `Esc` cancels before anything is written.
pub fn run(paths: &Paths, config: Config, cli: &Cli) -> anyhow::Result<()> {
    // With no name known, asked once (and saved in the config if agreed).
    let reviewer = match known_reviewer(cli.reviewer.as_deref(), &config) {
        Some(name) => name,
        None => super::ask_name::ask_once(&paths.config_file)?
            .unwrap_or_else(|| super::UNNAMED.to_owned()),
    };
    need_a_terminal()?;
    let loading = Theme::new(config.theme, no_color());
    let what = cli.sample.as_deref().map_or_else(
        || "the demo".to_owned(),
        |p| crate::model::text::sanitize_line(&p.display().to_string()),
    );
    let mut preview = preview_app(paths, config.clone(), cli, &reviewer);
    // A big sample's session is locked at once: another casebench on it is
    // reported now rather than once the sample is read, and nothing graded
    // meanwhile can be refused later.
    let lock = match &preview {
        Some(app) if lockable(app.session_path()) => Some(session::lock_ahead(app.session_path())?),
        _ => None,
    };
    // Changes kept from a run that stopped before its session opened join
    // it when it opens: until then, the first cases are only read. So
    // with --fresh, whose old session (and what is kept beside it) is moved
    // aside only once the sample is read.
    let grade_ahead = lock.is_some()
        && !cli.fresh
        && preview
            .as_ref()
            .is_some_and(|app| !session::pending_path(app.session_path()).exists());
    let gate = Arc::new(Gate(Mutex::new(Opening::Waiting(lock))));
    let progress = Arc::new(Progress::default());
    let (done, work) = mpsc::channel();
    let (known, first_cases) = mpsc::channel();
    // A session started afresh is not read.
    let ahead = preview
        .as_ref()
        .filter(|_| !cli.fresh)
        .map(|app| read_ahead(app, grade_ahead, known));
    let wanted = Wanted {
        sample: cli.sample.clone(),
        session: named_session(cli),
        flags: cli.read.options(),
        fresh: cli.fresh,
    };
    let opening = Opener {
        paths: paths.clone(),
        config,
        reviewer,
        progress: Arc::clone(&progress),
        gate: Arc::clone(&gate),
    };
    std::thread::spawn(move || {
        // Nobody listens when the reviewer cancelled: nothing to do.
        if let Some(prepared) = opening.open(&wanted, ahead) {
            let _ = done.send(prepared);
        }
    });
    // A sample read quickly is never shown loading: its problems, if any,
    // are reported before the terminal is touched. A big one shows its
    // first cases at once.
    let early = if preview.is_some() {
        Err(mpsc::RecvTimeoutError::Timeout)
    } else {
        work.recv_timeout(SHOW_LOADING_AFTER)
    };
    let prepared = match early {
        Ok(prepared) => prepared?,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            let mut screen = crate::tui::Screen::enter()?;
            let cancel = || gate.cancel();
            let waited = screen.wait_for(
                &progress,
                (&what, &loading),
                preview.as_mut().map(|app| (app, &first_cases)),
                (&work, &cancel),
            )?;
            let Some(prepared) = waited else {
                drop(screen);
                super::say("cancelled: nothing was written");
                return Ok(());
            };
            return match prepared {
                Ok(prepared) => show(screen, prepared, preview),
                Err(e) => {
                    drop(screen);
                    // What was graded meanwhile is said, and where it is.
                    let kept = preview
                        .as_ref()
                        .and_then(|p| p.kept_ahead(&session::pending_path(p.session_path())));
                    Err(match kept {
                        Some(kept) => anyhow::anyhow!("{}\n{kept}", super::error_text(&e)),
                        None => e,
                    })
                }
            };
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            anyhow::bail!("the thread reading the sample stopped")
        }
    };
    show(crate::tui::Screen::enter()?, prepared, None)
}

/// What the thread that reads the sample and opens the session works with.
struct Opener {
    paths: Paths,
    config: Config,
    reviewer: String,
    progress: Arc<Progress>,
    gate: Arc<Gate>,
}

impl Opener {
    /// Reads the sample `wanted` and opens its session, with the session's
    /// parse read `ahead` if there is one; `None` if the opening was
    /// cancelled while the sample was read.
    fn open(
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

/// Where the opening stands, between the screen (which may cancel it
/// while the sample is read) and the thread that opens the session:
/// whichever comes first decides, so a cancelled opening writes nothing
/// and an opening under way is never cut short.
struct Gate(Mutex<Opening>);

/// The opening was cancelled.
struct Cancelled;

/// See [`Gate`].
enum Opening {
    /// Not begun; the session's lock, if taken ahead.
    Waiting(Option<session::SessionLock>),
    /// Begun.
    Begun,
    /// Cancelled.
    Cancelled,
}

impl Gate {
    /// Begins the opening, with the lock taken ahead, unless it was
    /// cancelled.
    fn open(&self) -> Result<Option<session::SessionLock>, Cancelled> {
        let mut state = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match std::mem::replace(&mut *state, Opening::Begun) {
            Opening::Waiting(lock) => Ok(lock),
            Opening::Begun => Ok(None),
            Opening::Cancelled => {
                *state = Opening::Cancelled;
                Err(Cancelled)
            }
        }
    }

    /// Cancels the opening unless it has begun (then `false`), giving up
    /// the lock taken ahead.
    fn cancel(&self) -> bool {
        let mut state = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match std::mem::replace(&mut *state, Opening::Cancelled) {
            Opening::Waiting(lock) => {
                if let Some(lock) = lock {
                    lock.release();
                }
                true
            }
            Opening::Cancelled => true,
            Opening::Begun => {
                *state = Opening::Begun;
                false
            }
        }
    }
}

/// Samples bigger than this show their first cases while they are read.
const BIG_SAMPLE: u64 = 4 << 20;

/// The session the command line names, as the file it is: a session named
/// through a symbolic link is the file it points to, so that its journal
/// and lock go beside that file and two names never fork one session.
fn named_session(cli: &Cli) -> Option<PathBuf> {
    cli.session
        .as_ref()
        .map(|s| std::fs::canonicalize(s).unwrap_or_else(|_| s.clone()))
}

/// Whether the session at `path` may be locked ahead: a file there that is
/// not a session is left alone (opening says so).
fn lockable(path: &std::path::Path) -> bool {
    !path.exists() || target::is_session(path)
}

/// The first cases of a big CSV or TSV sample, as an app to move through
/// and read while the whole sample is read (`None`: not a big CSV or TSV).
fn preview_app(paths: &Paths, config: Config, cli: &Cli, reviewer: &str) -> Option<App> {
    let path = absolute(cli.sample.as_deref()?).ok()?;
    if std::fs::metadata(&path).ok()?.len() <= BIG_SAMPLE {
        return None;
    }
    let session = named_session(cli)
        .unwrap_or_else(|| session::find_default(&paths.sessions_dir(), Some(&path), reviewer));
    let recorded = reading::recorded_options(&session);
    let read = reading::preview(&path, config, (&recorded, &cli.read.options()))?;
    Some(App::starting(read.sample, read.setup.config, reviewer.to_owned(), session).previewing())
}

/// Reads the session of `preview` ahead, in a thread of its own while the
/// sample is read, and if `grade_ahead`, sends `known` what it holds for
/// the preview's cases (an empty review at once when the review is new,
/// nothing when that cannot be known): they can be graded from then on.
/// The thread's result is the session's parse, for the opening.
fn read_ahead(
    preview: &App,
    grade_ahead: bool,
    known: mpsc::Sender<Action>,
) -> std::thread::JoinHandle<Option<session::Preread>> {
    let path = preview.session_path().to_owned();
    let first = preview.shared_sample();
    let scale = preview.config().scale.clone();
    std::thread::spawn(move || {
        if !grade_ahead {
            return session::preread(&path);
        }
        if !path.exists() && !session::journal_path(&path).exists() {
            let review = Review::new(scale, first.len());
            let _ = known.send(Action::FirstCasesKnown(Box::new(review), None));
            return None;
        }
        // The first cases' rows alone first (tens of milliseconds), then
        // the whole session.
        if let Some((review, cursor)) = session::first_cases(&path, &first, &scale) {
            let _ = known.send(Action::FirstCasesKnown(Box::new(review), cursor));
        }
        session::preread(&path)
    })
}

/// How long a sample may take to read before the screen shows how far it
/// has got.
const SHOW_LOADING_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// Runs the review `prepared` on `screen`, taking over from `preview` (the
/// first cases shown while the sample was read) if there was one.
fn show(
    screen: crate::tui::Screen,
    prepared: Prepared,
    preview: Option<App>,
) -> anyhow::Result<()> {
    let Prepared {
        app,
        theme,
        store,
        earlier,
        pending,
    } = prepared;
    let app = app.taking_ahead(pending, preview);
    // The ids' order, for go-to, is sorted in the background while the
    // reviewer starts: a million take a few tenths of a second, which the
    // first `#` would otherwise wait for.
    let sample = app.shared_sample();
    std::thread::spawn(move || sample.order_ids().len());
    screen.review(app, &theme, store, earlier)
}

/// Fails unless stdin and stdout are a terminal: checked before any
/// session file is touched, so a run without a terminal leaves nothing
/// behind.
fn need_a_terminal() -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; for scripts use `casebench summary` or `casebench export`"
        );
    }
    Ok(())
}

/// Whether `NO_COLOR` asks for no colour.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A review ready to show: the app, its colours, where it is saved, the
/// history still to read, and the changes made while its sample was read
/// and kept beside it.
struct Prepared {
    app: App,
    theme: Theme,
    store: session::SessionStore,
    earlier: Option<session::EarlierHistory>,
    pending: Option<Vec<crate::model::change::Entry>>,
}

/// Opens the TUI on the session at `session_path` (created if missing,
/// moved aside first if `fresh`) grading the sample `read`.
pub(super) fn review(
    read: ReadSample,
    session_path: PathBuf,
    reviewer: String,
    fresh: bool,
    intro: Option<String>,
) -> anyhow::Result<()> {
    need_a_terminal()?;
    let prepared = prepare(
        read,
        session_path,
        reviewer,
        (fresh, session::Ahead::default()),
        intro,
    )?;
    show(crate::tui::Screen::enter()?, prepared, None)
}

/// Opens (or creates) the session and builds the app on it.
fn prepare(
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
    // The sample's areas are listed while the session opens: both are a
    // pass over a big sample.
    let (opened, areas) = std::thread::scope(|s| {
        let areas = s.spawn(|| crate::app::filter::categories(&sample));
        let opened = session::open_prepared(
            &session_path,
            &sample,
            &config.scale,
            &reviewer,
            &recorded,
            ahead,
        );
        let areas = areas
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (opened, areas)
    });
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
    let app = App::with_areas(
        sample,
        opened.review,
        config,
        reviewer,
        session_path,
        (opened.cursor.unwrap_or(0), areas),
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
struct Wanted {
    sample: Option<PathBuf>,
    session: Option<PathBuf>,
    flags: crate::store::sample::ReadOptions,
    fresh: bool,
}

/// Which sample to review, read how, and where its session lives.
fn sample_and_session(
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
fn settings_record(config: &Config) -> session::SettingsRecord {
    session::SettingsRecord {
        reference: config.reference.as_ref().map(|r| {
            let counts: Vec<String> = r.counts.iter().map(ToString::to_string).collect();
            format!("{}: {}", r.label, counts.join("/"))
        }),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        require_note_for: config.require_note_for.clone(),
    }
}
