//! Running the release binary in a 120x40 pseudo-terminal and timing the
//! moments its screen (parsed by vt100) reaches given states.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Terminal rows.
pub const ROWS: u16 = 40;
/// Terminal columns.
pub const COLS: u16 = 120;

/// A state of the screen to wait for.
pub type Stage = fn(&vt100::Screen) -> bool;

/// What the reader thread saw: the moment each stage was reached, or the
/// screen when the output ended before the last one.
enum Seen {
    Stage(usize, Instant),
    Ended(String),
}

/// True once a whole review screen is drawn: the "Tally" panel with its
/// "N/TOTAL graded" title and the status line's save state on the last
/// row, which ratatui writes last.
pub fn review_drawn(screen: &vt100::Screen) -> bool {
    let contents = screen.contents();
    let last_row = screen.rows(0, COLS).last().unwrap_or_default();
    contents.contains("Tally") && contents.contains("graded") && last_row.contains("saved")
}

/// True once the first cases are on screen with the tally, whether the
/// sample is still being read (the tally "still counting") or not.
pub fn cases_drawn(screen: &vt100::Screen) -> bool {
    let contents = screen.contents();
    contents.contains("Tally") && contents.contains("graded") && contents.contains("CP-0")
}

/// Spawns casebench with `args` and config/data folders `dir`/config and
/// `dir`/data; returns the time from the spawn until each of `stages`
/// held, in turn. Then types `keys` (e.g. grades) and `q`, and waits for
/// the process to end.
pub fn time_stages(
    bin: &str,
    args: &[&Path],
    dir: &Path,
    stages: &[Stage],
    keys: &[u8],
) -> Vec<Duration> {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "bench");
    cmd.env("XDG_CONFIG_HOME", dir.join("config"));
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env_remove("CASEBENCH_CONFIG");
    cmd.env_remove("CASEBENCH_DATA_DIR");
    cmd.env_remove("NO_COLOR");

    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    // Kept until the child has exited: portable-pty's writer sends
    // newline + EOF to the terminal when dropped.
    let mut writer = pty.master.take_writer().expect("pty writer");
    let (tx, rx) = mpsc::channel();
    // The reader parses everything the app writes, and reports the first
    // moment the screen reaches each stage. It keeps draining until the
    // child exits, so the app never blocks on a full pty buffer.
    let wanted = stages.len();
    let stages = stages.to_vec();
    let thread = std::thread::spawn(move || {
        let size = |n| std::num::NonZeroU16::new(n).expect("non-zero size");
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        let mut buf = vec![0u8; 1 << 16];
        let mut next = 0;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    parser.process(&buf[..n]);
                    while next < stages.len() && stages[next](parser.screen()) {
                        let _ = tx.send(Seen::Stage(next, Instant::now()));
                        next += 1;
                    }
                }
            }
        }
        if next < stages.len() {
            let _ = tx.send(Seen::Ended(parser.screen().contents()));
        }
    });

    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn casebench");
    drop(pty.slave);
    let mut times = Vec::new();
    while times.len() < wanted {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Seen::Stage(_, at)) => times.push(at - start),
            Ok(Seen::Ended(screen)) => {
                panic!(
                    "casebench ended before stage {}; screen:\n{screen}",
                    times.len()
                )
            }
            Err(_) => {
                let _ = child.kill();
                panic!("stage {} not reached within 60 s", times.len())
            }
        }
    }

    writer.write_all(keys).expect("type keys");
    writer.write_all(b"q").expect("type q");
    writer.flush().expect("flush keys");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match child.try_wait().expect("wait for casebench") {
            Some(status) => {
                assert!(status.success(), "casebench exited with {status}");
                break;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("casebench did not quit within 30 s of `q`");
            }
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    drop(writer);
    drop(pty.master);
    let _ = thread.join();
    times
}
