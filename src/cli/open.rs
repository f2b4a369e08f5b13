//! Opening the review screen: find the sample and the session, resume or
//! start, then hand over to the terminal layer.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use super::reading::ReadSample;
use super::{Cli, known_reviewer};
use crate::app::App;
use crate::config::Config;
use crate::paths::Paths;
use crate::store::progress::Progress;
use crate::store::session;
use crate::ui::theme::Theme;

mod ahead;
mod prepare;

use ahead::{Gate, lockable, named_session, preview_app, read_ahead};
use prepare::{Opener, Prepared, Wanted, prepare};

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
    let gate = Arc::new(Gate::new(lock));
    let progress = Arc::new(Progress::default());
    let (done, work) = mpsc::channel();
    let (known, first_cases) = mpsc::channel();
    // A session started afresh is not read.
    let ahead = preview
        .as_ref()
        .filter(|_| !cli.fresh)
        .map(|app| read_ahead(app, grade_ahead, known));
    // A big sample's first cases are drawn before it is read on: no
    // reading competes with the first frame for the processor.
    let mut screen = match preview.as_mut() {
        Some(app) => {
            let mut screen = crate::tui::Screen::enter()?;
            screen.show_first(app, &progress, (&what, &loading))?;
            Some(screen)
        }
        None => None,
    };
    // The system's time zone, which the screen shows times in, is found by
    // listing the zoneinfo folders (about 1 ms here): on a thread of its
    // own while the sample and the session are read, not before the first
    // frame. jiff keeps it for the review to take when it needs it.
    std::thread::spawn(jiff::tz::TimeZone::system);
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
            let mut screen = match screen.take() {
                Some(screen) => screen,
                None => crate::tui::Screen::enter()?,
            };
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
