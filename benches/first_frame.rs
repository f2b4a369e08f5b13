//! Time to first frame of the release binary in a 120x40 pseudo-terminal:
//! from spawning `casebench` until the parsed screen (vt100) shows a whole
//! first frame (the "Tally" panel with its "N/TOTAL graded" title and the
//! status line's save state on the last row, which ratatui writes last).
//!
//! Why: opening a sample is the first thing a reviewer waits for, every
//! time they resume. Cases: the bundled 74-case demo (target < 15 ms) and a
//! generated 10,000-case CSV of about 4.5 MB (target < 50 ms), each opened
//! fresh (a new, empty data folder: the session is created) and then
//! resumed (the same folder, second run: the session is read back). The
//! binary and sample are in the page cache (warm start), as on a
//! reviewer's second and later opens. Every run quits with `q` (which
//! writes the snapshot) and waits for the process to end.
//!
//! Run with `cargo bench --bench first_frame`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Stats, bench_mode, csv_text, ms, scratch_dir, thousands, verdict};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// What the reader thread saw: the moment the first frame was complete, or
/// the screen when the output ended without one.
enum Seen {
    Frame(Instant),
    Ended(String),
}

/// True once the whole first frame is on screen.
fn first_frame_complete(screen: &vt100::Screen) -> bool {
    let contents = screen.contents();
    let last_row = screen.rows(0, COLS).last().unwrap_or_default();
    contents.contains("Tally") && contents.contains("graded") && last_row.contains("saved")
}

/// Spawns casebench with `args` and config/data folders `dir`/config and
/// `dir`/data; returns the time until the first frame. Before quitting,
/// types `keys` (e.g. grades), so a resumed run has work to read back.
fn time_first_frame(bin: &str, args: &[&Path], dir: &Path, keys: &[u8]) -> Duration {
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
    // moment the screen holds a complete frame. It keeps draining until
    // the child exits, so the app never blocks on a full pty buffer.
    let thread = std::thread::spawn(move || {
        let size = |n| std::num::NonZeroU16::new(n).expect("non-zero size");
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        let mut buf = vec![0u8; 1 << 16];
        let mut seen = false;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    parser.process(&buf[..n]);
                    if !seen && first_frame_complete(parser.screen()) {
                        seen = true;
                        let _ = tx.send(Seen::Frame(Instant::now()));
                    }
                }
            }
        }
        if !seen {
            let _ = tx.send(Seen::Ended(parser.screen().contents()));
        }
    });

    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn casebench");
    drop(pty.slave);
    let elapsed = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(Seen::Frame(at)) => at - start,
        Ok(Seen::Ended(screen)) => {
            panic!("casebench ended without drawing a first frame; screen:\n{screen}")
        }
        Err(_) => {
            let _ = child.kill();
            panic!("no first frame within 30 s")
        }
    };

    writer.write_all(keys).expect("type keys");
    writer.write_all(b"q").expect("type q");
    writer.flush().expect("flush keys");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match child.try_wait().expect("wait for casebench") {
            Some(status) => {
                assert!(status.success(), "casebench exited with {status}");
                break;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("casebench did not quit within 10 s of `q`");
            }
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    drop(writer);
    drop(pty.master);
    let _ = thread.join();
    elapsed
}

/// One case: `runs` times, a fresh open in a new data folder then a
/// resumed open of the same folder. Prints both lines.
fn bench_case(bin: &str, label: &str, args: &[&Path], runs: usize, target_ms: u64) {
    let root = scratch_dir().join("first_frame");
    let mut fresh = Vec::with_capacity(runs);
    let mut resumed = Vec::with_capacity(runs);
    for run in 0..runs {
        let dir = root.join(format!("run-{run}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create run dir");
        // Grade three cases before quitting, so the resumed run reads a
        // session with work in it.
        fresh.push(time_first_frame(bin, args, &dir, b"123"));
        resumed.push(time_first_frame(bin, args, &dir, b""));
        std::fs::remove_dir_all(&dir).expect("remove run dir");
    }
    let _ = std::fs::remove_dir(&root);
    let limit = Duration::from_millis(target_ms);
    for (how, times) in [("fresh", &fresh), ("resumed", &resumed)] {
        let s = Stats::of(times);
        println!(
            "first frame, {label}, {how}: median {}, p90 {}, min {} {}",
            ms(s.median),
            ms(s.p90),
            ms(s.min),
            verdict(s.median, limit, &format!("< {target_ms} ms"))
        );
    }
}

fn main() {
    let bench = bench_mode();
    let bin = env!("CARGO_BIN_EXE_casebench");
    let runs = if bench { 20 } else { 1 };
    let csv_cases = if bench { 10_000 } else { 200 };
    if !bench {
        println!("first_frame: smoke run only (timings are meaningless here); use `cargo bench`");
    }

    bench_case(bin, "demo (74 cases)", &[], runs, 15);

    let csv = csv_text(csv_cases);
    let csv_path = scratch_dir().join(format!("first_frame-{csv_cases}.csv"));
    std::fs::write(&csv_path, &csv).expect("write CSV sample");
    let label = format!(
        "CSV ({} cases, {:.1} MB)",
        thousands(csv_cases),
        csv.len() as f64 / 1e6
    );
    bench_case(bin, &label, &[&csv_path], runs, 50);
    let _ = std::fs::remove_file(&csv_path);

    // The same cases as a workbook (target: a 10,000-row xlsx under 1 s).
    let xlsx_path = scratch_dir().join(format!("first_frame-{csv_cases}.xlsx"));
    write_xlsx(&csv, &xlsx_path);
    let label = format!("xlsx ({} rows)", thousands(csv_cases));
    bench_case(bin, &label, &[&xlsx_path], runs, 1000);
    let _ = std::fs::remove_file(&xlsx_path);
}

/// The CSV's cells as an xlsx workbook.
fn write_xlsx(csv: &str, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    for (row, record) in reader.records().enumerate() {
        for (col, cell) in record.expect("record").iter().enumerate() {
            sheet
                .write_string(row as u32, col as u16, cell)
                .expect("cell");
        }
    }
    book.save(path).expect("save workbook");
}
