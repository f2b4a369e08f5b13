//! Ctrl-C (or SIGTERM, or a terminal hang-up) during a command such as
//! `export` or `combine`: the command stops at once and leaves no file
//! half-written. Files are written to an unnamed temporary file and
//! renamed into place only when whole (`store::atomic`), so all that can
//! be left is the placeholder of a new file, or a file of a set not yet
//! complete; those are listed while they are written, and removed here.

use std::io::Write as _;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Watches for an interrupt in a thread of its own for the rest of the
/// command: then removes what is being written and exits with 128 + the
/// signal's number (130 for Ctrl-C), as a shell expects.
pub fn remove_partial_files_on_interrupt() -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            crate::store::atomic::remove_claims();
            let mut stderr = std::io::stderr().lock();
            // Wipes a progress bar on the line first.
            let wipe = if std::io::IsTerminal::is_terminal(&stderr) {
                "\r\x1b[K"
            } else {
                ""
            };
            let _ = writeln!(
                stderr,
                "{wipe}casebench: interrupted; no file was left half-written"
            );
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
