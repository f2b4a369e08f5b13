//! The terminal while casebench has it: taken over once, shown the
//! progress of a long read (over the first cases when there are some),
//! then the review; always given back, however the review ends.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often the loading screen is redrawn while nothing is pressed.
const REDRAW_EVERY: Duration = Duration::from_millis(30);

/// How often the loading screen looks for the reader's result.
const LOOK_EVERY: Duration = Duration::from_millis(5);

use anyhow::Context as _;
use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use super::{Running, events};
use crate::app::{self, Action, App, Effect};
use crate::store::progress::{Progress, Stage};
use crate::store::session::{self, EarlierHistory, SessionStore};
use crate::ui::theme::Theme;

/// The terminal while casebench has it: raw mode, the alternate screen and
/// the mouse, with the signals that end a review watched. Dropping it gives
/// the terminal back, however the review ended.
pub struct Screen {
    /// Always there until the screen is dropped.
    terminal: Option<DefaultTerminal>,
    stop: Arc<AtomicBool>,
}

impl Screen {
    /// Takes the terminal over.
    pub fn enter() -> anyhow::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&stop))
                .context("cannot watch for signals")?;
        }
        let terminal = match ratatui::try_init() {
            Ok(terminal) => terminal,
            Err(e) => {
                ratatui::restore();
                return Err(anyhow::Error::new(e).context("cannot set up the terminal"));
            }
        };
        install_mouse_release_on_panic();
        // Without mouse capture the review still works by keyboard.
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
        Ok(Self {
            terminal: Some(terminal),
            stop,
        })
    }

    /// Draws `preview` (the first cases of a sample being read) at once,
    /// before anything else is started: the first frame competes with no
    /// reading for the processor. [`Screen::wait_for`] goes on from it.
    pub fn show_first(
        &mut self,
        preview: &mut App,
        progress: &Progress,
        look: (&str, &Theme),
    ) -> anyhow::Result<()> {
        self.fit(preview)?;
        self.show_progress(Some(preview), &mut None, look, progress.now())
    }

    /// Tells `app` the terminal's size.
    fn fit(&self, app: &mut App) -> anyhow::Result<()> {
        if let Some(terminal) = self.terminal.as_ref() {
            let size = terminal.size()?;
            app::update(
                app,
                Action::Resize(size.width, size.height),
                Timestamp::now(),
            );
        }
        Ok(())
    }

    /// Whether a signal asked casebench to stop.
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Shows how far `progress` has got until `work` reports, redrawing
    /// as it moves: over `preview` (the first cases, which the reviewer
    /// can already move through, read, and grade once `known` sends what
    /// the session holds for them) when there is one, else alone.
    /// `None` when the reviewer cancels (`Esc`, `q`, `Ctrl-c`, with nothing
    /// graded meanwhile) or a signal stops casebench, and `cancel` agrees
    /// (it does not once the session is being opened: that is waited for,
    /// and the review then quits). Changes made on the preview are never
    /// cancelled: they are waited for and saved.
    pub fn wait_for<T>(
        &mut self,
        progress: &Progress,
        (what, theme): (&str, &Theme),
        mut preview: Option<(&mut App, &Receiver<Action>)>,
        (work, cancel): (&Receiver<T>, &dyn Fn() -> bool),
    ) -> anyhow::Result<Option<T>> {
        if let Some((app, _)) = preview.as_mut() {
            self.fit(app)?;
        }
        // Drawn first, then redrawn after every key and every 30 ms: the
        // first frame never waits for the reader. The reader's result is
        // looked for every 5 ms, so that the review follows it at once.
        let mut drawn: Option<std::time::Instant> = None;
        let mut cancelled = false;
        loop {
            if let Some((app, known)) = preview.as_mut() {
                while let Ok(action) = known.try_recv() {
                    app::update(app, action, Timestamp::now());
                }
            }
            let (stage, share) = progress.now();
            // A terminal that went away (a signal stopped casebench) is
            // not drawn on nor read from: the work is only waited for.
            if self.stopped() {
                std::thread::sleep(LOOK_EVERY);
            } else {
                self.show_progress(
                    preview.as_ref().map(|(app, _)| &**app),
                    &mut drawn,
                    (what, theme),
                    (stage, share),
                )?;
                if event::poll(LOOK_EVERY)? {
                    while event::poll(Duration::ZERO)? {
                        let event = event::read()?;
                        match preview.as_mut() {
                            Some((app, _)) => preview_event(app, &event),
                            None => cancelled |= cancels(&event),
                        }
                    }
                    // A key shows at once.
                    drawn = None;
                }
            }
            let leaving = match preview.as_ref() {
                // Changes made meanwhile are saved: the review quits once
                // the session is open.
                Some((app, _)) => !app.changed_ahead() && (app.quitting() || self.stopped()),
                None => cancelled || self.stopped(),
            };
            if leaving && cancel() {
                return Ok(None);
            }
            cancelled = false;
            match work.try_recv() {
                Ok(done) => return Ok(Some(done)),
                Err(TryRecvError::Disconnected) => {
                    anyhow::bail!("the thread reading the sample stopped")
                }
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    /// Draws how far the reading has got (over `preview` if there is one),
    /// unless it was drawn less than [`REDRAW_EVERY`] ago.
    fn show_progress(
        &mut self,
        preview: Option<&App>,
        drawn: &mut Option<std::time::Instant>,
        (what, theme): (&str, &Theme),
        (stage, share): (Stage, Option<f64>),
    ) -> anyhow::Result<()> {
        let Some(terminal) = self.terminal.as_mut() else {
            return Ok(());
        };
        if drawn.is_some_and(|at| at.elapsed() < REDRAW_EVERY) {
            return Ok(());
        }
        let cancellable = stage != Stage::Opening;
        terminal.draw(|f| match preview {
            Some(app) => {
                crate::ui::draw(f, app, theme);
                crate::ui::loading::draw_status(f, app, what, (stage, share), theme);
            }
            None => crate::ui::loading::draw(f, what, (stage, share), cancellable, theme),
        })?;
        *drawn = Some(std::time::Instant::now());
        Ok(())
    }

    /// Runs the review until the reviewer quits; then saves a snapshot.
    pub fn review(
        mut self,
        mut app: App,
        theme: &Theme,
        mut store: SessionStore,
        earlier: Option<EarlierHistory>,
    ) -> anyhow::Result<()> {
        let stop = Arc::clone(&self.stop);
        let Some(terminal) = self.terminal.as_mut() else {
            anyhow::bail!("the terminal was given back before the review");
        };
        let mut running = Running {
            terminal,
            app: &mut app,
            store: &mut store,
            theme,
            sorts: Vec::new(),
            writing: None,
        };
        let looped = running.event_loop(&stop, earlier);
        running.finish_writing();
        // Save before touching the terminal again: if it has gone away,
        // writing to it may fail in ways that end the process. Changes whose
        // writing failed get one more try first.
        running.write_unsaved();
        running.forget_pending();
        let saved = running.snapshot();
        drop(self);
        looped?;
        saved?;
        Ok(())
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        // try_restore reports instead of printing, which would abort on a
        // closed terminal.
        let _ = ratatui::try_restore();
        if let Some(mut terminal) = self.terminal.take()
            && terminal.show_cursor().is_err()
        {
            // The terminal is gone. Dropping it would try to show the
            // cursor again and print the failure to a closed stderr, which
            // panics.
            std::mem::forget(terminal);
        }
    }
}

/// Whether `event` is a key that cancels a long read (`Esc`, `q`,
/// `Ctrl-c`).
fn cancels(event: &Event) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    matches!(event, Event::Key(key) if matches!(key.code, KeyCode::Esc | KeyCode::Char('q'))
        || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)))
}

/// Carries out `event` on the preview shown while the sample is read
/// (the app itself says what it takes there).
fn preview_event(app: &mut App, event: &Event) {
    if let Some(action) = events::action_for(app, event) {
        let effects = app::update(app, action, Timestamp::now());
        keep_ahead(app, effects);
    }
}

/// Keeps the changes `effects` ask to make durable beside the preview's
/// session (its journal cannot be written before it is open), and reports
/// each outcome to the preview. Nothing else a preview takes has effects
/// that cannot wait (a draft is kept once the review runs).
fn keep_ahead(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Persist(entries) = effect {
            // All the preview's changes, every time: the file is replaced.
            let kept = session::write_pending(app.session_path(), app.review().history());
            for entry in entries {
                let outcome = match &kept {
                    Ok(()) => Action::Saved(entry.seq),
                    Err(e) => Action::SaveFailed(entry.seq, e.to_string()),
                };
                let _ = app::update(app, outcome, Timestamp::now());
            }
        }
    }
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
