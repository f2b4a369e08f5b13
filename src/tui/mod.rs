//! The terminal layer: sets the terminal up, runs the event loop, carries
//! out effects (saving) between update and draw, and always restores the
//! terminal and saves a snapshot on the way out, whether the reviewer quit,
//! the terminal went away (SIGHUP) or the process was asked to stop (SIGTERM).

mod events;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use crate::app::{self, App, Effect, SaveState};
use crate::model::change::Entry;
use crate::store::export;
use crate::store::session::{EarlierHistory, SessionError, SessionStore};

/// How often the loop wakes to check for signals when no key arrives.
const TICK: Duration = Duration::from_millis(200);

/// Runs the review until the reviewer quits; then saves a snapshot.
pub fn run(
    mut app: App,
    mut store: SessionStore,
    earlier: Option<EarlierHistory>,
) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for signals")?;
    }
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            return Err(anyhow::Error::new(e).context("cannot set up the terminal"));
        }
    };
    install_mouse_release_on_panic();
    // Without mouse capture the review still works by keyboard.
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let looped = event_loop(&mut terminal, &mut app, &mut store, &stop, earlier);
    // Save before touching the terminal again: if it has gone away, writing
    // to it may fail in ways that end the process.
    let cursor = app.current().map(|c| c.id.to_string());
    let saved = store
        .compact(&app.sample, &app.review, &app.reviewer, cursor)
        .with_context(|| {
            format!(
                "could not save the session snapshot; every change is still in {}.journal",
                store.path().display()
            )
        });
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    // try_restore reports instead of printing, which would abort on a closed terminal.
    let _ = ratatui::try_restore();
    if terminal.show_cursor().is_err() {
        // The terminal is gone. Dropping it would try to show the cursor
        // again and print the failure to a closed stderr, which panics.
        std::mem::forget(terminal);
    }
    looped?;
    saved?;
    Ok(())
}

/// Chains a panic hook that releases the mouse before ratatui's hook
/// restores the rest of the terminal, so a crash never leaves the shell
/// swallowing mouse reports.
fn install_mouse_release_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut SessionStore,
    stop: &AtomicBool,
    earlier: Option<EarlierHistory>,
) -> anyhow::Result<()> {
    // Watch for resizes before the first size is read: crossterm only
    // catches SIGWINCH once its event source exists, and a resize between
    // reading the size and that moment would otherwise go unseen for good.
    // Polling creates the source; a failure here shows again, and is
    // handled, when the reader thread reads.
    let _ = event::poll(Duration::ZERO);
    let size = terminal.size()?;
    app::update(
        app,
        app::Action::Resize(size.width, size.height),
        Timestamp::now(),
    );
    terminal.draw(|f| crate::ui::draw(f, app))?;
    let events = spawn_reader();
    // Started after the first frame, so that it never delays it.
    let mut history = HistoryLoad::start(earlier);
    while !app.quitting && !stop.load(Ordering::Relaxed) {
        // With idle work (a long search) waiting, keys still come first but
        // the loop does not sleep.
        let wait = if app.busy() { Duration::ZERO } else { TICK };
        let event = match events.recv_timeout(wait) {
            Ok(Ok(event)) => event,
            // Reading fails once the terminal has hung up: that ends the
            // review like a quit (the caller saves).
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) if app.busy() => {
                app::update(app, app::Action::Tick, Timestamp::now());
                if !draw(terminal, app)? {
                    break;
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {
                if history.poll(app) && !draw(terminal, app)? {
                    break;
                }
                // A terminal that went away without a SIGHUP still fails
                // this query: leave (and save) rather than wait forever.
                if terminal_gone() {
                    break;
                }
                continue;
            }
        };
        history.poll(app);
        // A terminal may lose what it showed when its size changes, and the
        // program may only ever see the size it already had (a window made
        // small and big again within one frame): every resize repaints all.
        if matches!(event, Event::Resize(..)) && !repaint_all(terminal)? {
            break;
        }
        let Some(action) = events::action_for(app, &event) else {
            continue;
        };
        if needs_history(app, action) {
            history.wait(app);
        }
        for effect in app::update(app, action, Timestamp::now()) {
            run_effect(app, store, effect);
        }
        if !draw(terminal, app)? {
            break;
        }
    }
    Ok(())
}

/// Draws a frame; `Ok(false)` when the terminal has gone away.
fn draw(terminal: &mut DefaultTerminal, app: &App) -> anyhow::Result<bool> {
    match terminal.draw(|f| crate::ui::draw(f, app)) {
        Ok(_) => Ok(true),
        Err(e) if is_hang_up(&e) || terminal_gone() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Makes the next frame redraw every cell; `Ok(false)` when the terminal
/// has gone away.
fn repaint_all(terminal: &mut DefaultTerminal) -> anyhow::Result<bool> {
    // `resize` clears the screen and both buffers without asking the
    // terminal where its cursor is (`clear` does ask, and the reply would be
    // taken by the event reader thread).
    match terminal.size().and_then(|size| {
        terminal.resize(ratatui::layout::Rect::from((
            ratatui::layout::Position::ORIGIN,
            size,
        )))
    }) {
        Ok(()) => Ok(true),
        Err(e) if is_hang_up(&e) || terminal_gone() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// EIO and ENXIO (5 and 6 on Linux and macOS) are what writing to a
/// terminal that has hung up fails with.
fn is_hang_up(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(5 | 6))
}

fn terminal_gone() -> bool {
    ratatui::crossterm::terminal::size().is_err()
}

/// Whether `action` uses the whole audit trail (undo, redo, the history,
/// an export), so the earlier history must be in before it runs.
fn needs_history(app: &App, action: app::Action) -> bool {
    use crate::keymap::Command;
    matches!(
        (&app.mode, action),
        (
            app::Mode::Browse,
            app::Action::Command(Command::Undo | Command::Redo | Command::History)
        ) | (app::Mode::Export(_), app::Action::Command(Command::Confirm))
    )
}

/// The earlier audit trail, loading on its own thread.
struct HistoryLoad(Option<JoinHandle<Result<Vec<Entry>, SessionError>>>);

impl HistoryLoad {
    fn start(earlier: Option<EarlierHistory>) -> Self {
        Self(earlier.map(|e| std::thread::spawn(move || e.load())))
    }

    /// Takes the history in if it has finished loading; true if it did.
    fn poll(&mut self, app: &mut App) -> bool {
        if self.0.as_ref().is_some_and(JoinHandle::is_finished) {
            self.wait(app);
            return true;
        }
        false
    }

    /// Waits for the history (a few tens of milliseconds at most for a
    /// large session) and takes it in.
    fn wait(&mut self, app: &mut App) {
        let Some(handle) = self.0.take() else { return };
        match handle.join() {
            Ok(Ok(earlier)) => app.review.adopt_earlier_history(earlier),
            Ok(Err(e)) => {
                app.notice = Some(app::Notice::Warning(format!(
                    "the earlier history could not be read ({e}); every grade is intact, undo covers this session only"
                )));
            }
            Err(_) => {
                app.notice = Some(app::Notice::Warning(
                    "the earlier history could not be read; every grade is intact, undo covers this session only".into(),
                ));
            }
        }
    }
}

/// Reads terminal events on their own thread, so the loop can notice a
/// signal or a vanished terminal while a read is blocked (crossterm keeps
/// reading a hung-up terminal without returning).
fn spawn_reader() -> Receiver<std::io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if tx.send(event).is_err() || failed {
                break;
            }
        }
    });
    rx
}

/// Carries out one effect. A failed save is shown, never hidden: the status
/// line says NOT SAVED until a later save succeeds.
fn run_effect(app: &mut App, store: &mut SessionStore, effect: Effect) {
    match effect {
        Effect::Persist(entry) => {
            app.save = match store.append(&entry) {
                Ok(()) => SaveState::Saved,
                Err(e) => SaveState::Failed(e.to_string()),
            };
        }
        Effect::Export {
            format,
            path,
            redact,
            overwrite,
        } => {
            let input = export::Input::new(&app.sample, &app.review, &app.reviewer, &app.config);
            let options = export::ExportOptions { redact, raw: false };
            let overwrite = if overwrite {
                export::Overwrite::Allow
            } else {
                export::Overwrite::Refuse
            };
            let result = export::to_file(&input, format, options, &path, store.path(), overwrite);
            app::export::finished(app, result.map(|()| path.display().to_string()));
        }
    }
}
