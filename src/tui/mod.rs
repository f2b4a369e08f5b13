//! The terminal layer: sets the terminal up, turns terminal events into
//! actions, carries out the effects `update` returns (saving, exporting) and
//! feeds their outcomes back as actions, draws, and always restores the
//! terminal and saves a snapshot on the way out, whether the reviewer quit,
//! the terminal went away (SIGHUP) or the process was asked to stop
//! (SIGTERM). It never changes the app itself.

mod events;
mod export;
mod screen;

pub use screen::Screen;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use crate::app::{self, Action, App, Effect};
use crate::model::change::Entry;
use crate::store::session::{EarlierHistory, SessionError, SessionStore};
use crate::ui::theme::Theme;

/// How often the loop wakes to check for signals when no key arrives.
const TICK: Duration = Duration::from_millis(200);

/// Samples of this many cases and more are sorted in a thread.
const SORT_AWAY_FROM: usize = 50_000;

/// How often the loop looks for a finished sort.
const SORT_POLL: Duration = Duration::from_millis(5);

/// How often the loop shows how far an export being written has got.
const EXPORT_POLL: Duration = Duration::from_millis(50);

/// A review in progress: the terminal, the app, and where it is saved.
struct Running<'a> {
    terminal: &'a mut DefaultTerminal,
    app: &'a mut App,
    store: &'a mut SessionStore,
    theme: &'a Theme,
    /// Sorts running in threads, oldest first.
    sorts: Vec<JoinHandle<Option<Action>>>,
    /// An export being written in a thread.
    writing: Option<export::Writing>,
}

impl Running<'_> {
    fn event_loop(
        &mut self,
        stop: &AtomicBool,
        earlier: Option<EarlierHistory>,
    ) -> anyhow::Result<()> {
        // Watch for resizes before the first size is read: crossterm only
        // catches SIGWINCH once its event source exists, and a resize between
        // reading the size and that moment would otherwise go unseen for good.
        // Polling creates the source; a failure here shows again, and is
        // handled, when the reader thread reads.
        let _ = event::poll(Duration::ZERO);
        // Changes made while the sample was read are journaled before the
        // review's first frame; then they need keeping beside it no more.
        if !self.app.unsaved().is_empty() {
            self.write_unsaved();
        }
        self.forget_pending();
        let size = self.terminal.size()?;
        self.dispatch(Action::Resize(size.width, size.height));
        if !self.draw()? {
            return Ok(());
        }
        let events = spawn_reader();
        // Started after the first frame, so that it never delays it.
        let mut history = HistoryLoad::start(earlier);
        while !self.app.quitting() && !stop.load(Ordering::Relaxed) {
            // With idle work (a long search) waiting, keys still come first but
            // the loop does not sleep.
            let wait = if self.app.busy() {
                Duration::ZERO
            } else if !self.sorts.is_empty() {
                SORT_POLL
            } else if self.writing.is_some() {
                EXPORT_POLL
            } else {
                TICK
            };
            let event = match events.recv_timeout(wait) {
                Ok(Ok(event)) => event,
                // Reading fails once the terminal has hung up: that ends the
                // review like a quit (the caller saves).
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(loaded) = history.poll() {
                        self.dispatch(loaded);
                    }
                    self.take_sorted();
                    self.take_written();
                    self.dispatch(Action::Tick);
                    // A terminal that went away without a SIGHUP still fails
                    // this query: leave (and save) rather than wait forever.
                    if !self.draw()? || terminal_gone() {
                        break;
                    }
                    continue;
                }
            };
            if let Some(loaded) = history.poll() {
                self.dispatch(loaded);
            }
            self.take_sorted();
            self.take_written();
            // A terminal may lose what it showed when its size changes, and the
            // program may only ever see the size it already had (a window made
            // small and big again within one frame): every resize repaints all.
            if matches!(event, Event::Resize(..)) && !repaint_all(self.terminal)? {
                break;
            }
            let Some(action) = events::action_for(self.app, &event) else {
                continue;
            };
            if app::needs_history(self.app, &action)
                && let Some(loaded) = history.wait()
            {
                self.dispatch(loaded);
            }
            self.dispatch(action);
            if !self.draw()? {
                break;
            }
        }
        Ok(())
    }

    /// Hands the app every sort that has finished.
    fn take_sorted(&mut self) {
        let (done, running) = std::mem::take(&mut self.sorts)
            .into_iter()
            .partition(JoinHandle::is_finished);
        self.sorts = running;
        for handle in done {
            // A sort that panicked leaves the list as it was.
            if let Ok(Some(sorted)) = handle.join() {
                self.dispatch(sorted);
            }
        }
    }

    /// Tells the app how far the export being written has got, or its
    /// outcome once it is done.
    fn take_written(&mut self) {
        let Some(writing) = self.writing.take() else {
            return;
        };
        if writing.is_finished() {
            self.dispatch(writing.finish());
        } else {
            self.dispatch(Action::ExportProgress(writing.percent()));
            self.writing = Some(writing);
        }
    }

    /// Waits for the export being written, if any: quitting never leaves
    /// it half done (nor its file's placeholder behind).
    fn finish_writing(&mut self) {
        if let Some(writing) = self.writing.take() {
            self.dispatch(writing.finish());
        }
    }

    /// Updates the app with `action`, carries out the effects, and feeds
    /// each outcome back in as an action, until nothing is left to do.
    fn dispatch(&mut self, action: Action) {
        let mut pending = std::collections::VecDeque::from([action]);
        while let Some(action) = pending.pop_front() {
            for effect in app::update(self.app, action, Timestamp::now()) {
                pending.extend(self.carry_out(effect));
            }
        }
    }

    /// Carries out one effect; returns its outcomes as actions.
    fn carry_out(&mut self, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Persist(entries) => persist(self.store, &entries),
            // Best effort: a draft that cannot be kept costs only what is
            // being typed, and the note itself is saved with Esc as ever.
            Effect::Draft(Some(draft)) => {
                let _ = crate::store::session::write_draft(self.store.path(), &draft);
                Vec::new()
            }
            Effect::Draft(None) => {
                crate::store::session::remove_draft(self.store.path());
                Vec::new()
            }
            // A small sample sorts in well under a frame; a big one in a
            // thread, while keys go on working.
            Effect::Sort(job) if job.cases() < SORT_AWAY_FROM => job.run().into_iter().collect(),
            Effect::Sort(job) => {
                self.sorts.push(std::thread::spawn(move || job.run()));
                Vec::new()
            }
            Effect::Export {
                format,
                path,
                redact,
                overwrite,
            } => {
                let job = export::Job::new(self.app, (format, path), (redact, overwrite));
                if self.app.sample().len() < export::AWAY_FROM {
                    return vec![job.run(None)];
                }
                self.writing = Some(export::Writing::start(job));
                vec![Action::ExportProgress(0)]
            }
            Effect::CancelExport => {
                if let Some(writing) = &self.writing {
                    writing.cancel();
                }
                Vec::new()
            }
        }
    }

    /// Forgets the changes kept beside the session while its sample was
    /// read, once every change is in the journal.
    fn forget_pending(&self) {
        if self.app.unsaved().is_empty() {
            crate::store::session::remove_pending(self.store.path());
        }
    }

    /// Tries once more to write the changes not yet on disk.
    fn write_unsaved(&mut self) {
        let unsaved = self.app.unsaved().to_vec();
        for outcome in persist(self.store, &unsaved) {
            app::update(self.app, outcome, Timestamp::now());
        }
    }

    /// Writes the snapshot of the whole review, which also holds any change
    /// the journal could not take.
    fn snapshot(&mut self) -> anyhow::Result<()> {
        let app = &*self.app;
        let cursor = app.current().map(|c| c.id.to_string());
        let unsaved = app.unsaved().len();
        let journal = format!("{}.journal", self.store.path().display());
        self.store
            .compact(app.sample(), app.review(), app.reviewer(), cursor)
            .with_context(|| {
                if unsaved == 0 {
                    format!("could not save the session snapshot; every change is still in {journal}")
                } else {
                    format!(
                        "could not save the session snapshot, and the last {unsaved} change{} shown on screen could not be written to {journal} either: they are lost",
                        if unsaved == 1 { "" } else { "s" },
                    )
                }
            })
    }

    /// Draws a frame; `Ok(false)` when the terminal has gone away.
    fn draw(&mut self) -> anyhow::Result<bool> {
        let (app, theme) = (&*self.app, self.theme);
        match self.terminal.draw(|f| crate::ui::draw(f, app, theme)) {
            Ok(_) => Ok(true),
            Err(e) if is_hang_up(&e) || terminal_gone() => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}

/// Writes `entries` to the journal in order, stopping at the first that
/// fails (a later change is never written before an earlier one); returns
/// each outcome as an action.
fn persist(store: &mut SessionStore, entries: &[Entry]) -> Vec<Action> {
    let mut outcomes = Vec::with_capacity(entries.len());
    for entry in entries {
        match store.append(entry) {
            Ok(()) => outcomes.push(Action::Saved(entry.seq)),
            Err(e) => {
                outcomes.push(Action::SaveFailed(entry.seq, e.to_string()));
                break;
            }
        }
    }
    outcomes
}

/// The earlier audit trail, loading on its own thread.
struct HistoryLoad(Option<JoinHandle<Result<Vec<Entry>, SessionError>>>);

impl HistoryLoad {
    fn start(earlier: Option<EarlierHistory>) -> Self {
        Self(earlier.map(|e| std::thread::spawn(move || e.load())))
    }

    /// The history as an action, if it has finished loading.
    fn poll(&mut self) -> Option<Action> {
        if self.0.as_ref().is_some_and(JoinHandle::is_finished) {
            return self.wait();
        }
        None
    }

    /// Waits for the history (a few tens of milliseconds at most for a
    /// large session); `None` once it has been taken.
    fn wait(&mut self) -> Option<Action> {
        let handle = self.0.take()?;
        Some(Action::HistoryLoaded(match handle.join() {
            Ok(Ok(earlier)) => Ok(earlier),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the thread reading it stopped".into()),
        }))
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
