//! A progress bar on stderr while a command reads a big file: shown only
//! when stderr is a terminal and the work takes more than half a second,
//! redrawn in place, and wiped when the work is done.

use std::io::{IsTerminal as _, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::store::progress::Progress;

/// Work shorter than this shows no bar.
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// How often the bar is redrawn.
const REDRAW: Duration = Duration::from_millis(100);

/// Runs `work`, showing on stderr how far the progress it is given has
/// got (labelled `what`), when stderr is a terminal.
pub fn watched<T>(what: &str, work: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::default();
    if !std::io::stderr().is_terminal() {
        return work(&progress);
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| show(what, &progress, &done));
        let out = work(&progress);
        done.store(true, Ordering::Relaxed);
        out
    })
}

/// Draws the bar until `done`, then wipes it.
fn show(what: &str, progress: &Progress, done: &AtomicBool) {
    let start = Instant::now();
    let mut shown = false;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(20));
        if start.elapsed() < SHOW_AFTER
            || (shown && start.elapsed().as_millis() % REDRAW.as_millis() > 20)
        {
            continue;
        }
        let (stage, share) = progress.now();
        let line = bar(what, stage.label(), share);
        let _ = write!(std::io::stderr(), "\r{line}\x1b[K");
        shown = true;
    }
    if shown {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
}

/// One line: "big.csv: reading cases [########------------]  42%".
fn bar(what: &str, stage: &str, share: Option<f64>) -> String {
    const WIDTH: usize = 24;
    match share {
        Some(share) => {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a share between 0 and 1 times a small width"
            )]
            let filled = ((share.clamp(0.0, 1.0) * WIDTH as f64).round() as usize).min(WIDTH);
            format!(
                "{what}: {stage} [{}{}] {:>3.0}%",
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                share * 100.0
            )
        }
        None => format!("{what}: {stage}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_share_done() {
        assert_eq!(
            bar("big.csv", "reading cases", Some(0.5)),
            "big.csv: reading cases [############------------]  50%"
        );
        assert_eq!(
            bar("s.ron", "opening the session", None),
            "s.ron: opening the session…"
        );
    }

    #[test]
    fn without_a_terminal_the_work_just_runs() {
        // Test output is not a terminal: no thread, no bar, the result.
        assert_eq!(
            watched("x", |p| {
                p.set(1);
                7
            }),
            7
        );
    }
}
