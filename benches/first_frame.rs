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
//! Run with `cargo bench --bench first_frame`; `FIRST_FRAME_BIN=path`
//! times another build of casebench.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{Stage, cases_drawn, review_drawn, time_stages};
use common::{Stats, bench_mode, csv_text, ms, scratch_dir, thousands, verdict};

/// One case: `runs` times, a fresh open in a new data folder then a
/// resumed open of the same folder. Prints both lines; with `early`, also
/// when the first cases showed (a big sample shows them while it is read).
fn bench_case(bin: &str, label: &str, args: &[&Path], runs: usize, target_ms: u64, early: bool) {
    let root = scratch_dir().join("first_frame");
    let stages: &[Stage] = if early {
        &[cases_drawn, review_drawn]
    } else {
        &[review_drawn]
    };
    let mut fresh = Vec::with_capacity(runs);
    let mut resumed = Vec::with_capacity(runs);
    for run in 0..runs {
        let dir = root.join(format!("run-{run}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create run dir");
        // Grade three cases before quitting, so the resumed run reads a
        // session with work in it.
        fresh.push(time_stages(bin, args, &dir, stages, b"123"));
        resumed.push(time_stages(bin, args, &dir, stages, b""));
        std::fs::remove_dir_all(&dir).expect("remove run dir");
    }
    let _ = std::fs::remove_dir(&root);
    let limit = Duration::from_millis(target_ms);
    for (how, times) in [("fresh", &fresh), ("resumed", &resumed)] {
        if early {
            let first: Vec<Duration> = times.iter().map(|t| t[0]).collect();
            let s = Stats::of(&first);
            println!(
                "first cases, {label}, {how}: median {}, p90 {}, min {} (while it is read)",
                ms(s.median),
                ms(s.p90),
                ms(s.min),
            );
        }
        let whole: Vec<Duration> = times.iter().filter_map(|t| t.last().copied()).collect();
        let s = Stats::of(&whole);
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
    let built = env!("CARGO_BIN_EXE_casebench").to_owned();
    let bin = &std::env::var("FIRST_FRAME_BIN").unwrap_or(built);
    let runs = if bench { 20 } else { 1 };
    let csv_cases = if bench { 10_000 } else { 200 };
    if !bench {
        println!("first_frame: smoke run only (timings are meaningless here); use `cargo bench`");
    }

    bench_case(bin, "demo (74 cases)", &[], runs, 15, false);

    let csv = csv_text(csv_cases);
    let csv_path = scratch_dir().join(format!("first_frame-{csv_cases}.csv"));
    std::fs::write(&csv_path, &csv).expect("write CSV sample");
    let label = format!(
        "CSV ({} cases, {:.1} MB)",
        thousands(csv_cases),
        csv.len() as f64 / 1e6
    );
    bench_case(bin, &label, &[&csv_path], runs, 50, true);
    let _ = std::fs::remove_file(&csv_path);

    // The same cases as a workbook (target: a 10,000-row xlsx under 1 s).
    let xlsx_path = scratch_dir().join(format!("first_frame-{csv_cases}.xlsx"));
    write_xlsx(&csv, &xlsx_path);
    let label = format!("xlsx ({} rows)", thousands(csv_cases));
    bench_case(bin, &label, &[&xlsx_path], runs, 1000, false);
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
