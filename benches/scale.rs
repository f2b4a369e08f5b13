//! A year of cases, through the real binary: a 1,000,000-case CSV (about
//! 450 MB) with a session of 100,000 graded cases and 100,000 journal
//! entries. Times, in a 120x40 pseudo-terminal, the first frame of the
//! resumed review (target < 250 ms) and the moment it is fully loaded on
//! the case it was left at (target < 2 s); then `summary` and CSV
//! `export` of the session (target < 3 s each; to stdout redirected to a
//! file, and with `--out`, which makes the file durable before it is
//! renamed into place: to a new file, and over the last run's) and
//! `validate` of the CSV.
//! Two sessions: as a quit leaves it (the snapshot includes the journal)
//! and as a crash leaves it (the snapshot includes none of it, so all
//! 100,000 entries are replayed).
//!
//! `cargo bench --bench scale` prints the figures; under `cargo test` it is
//! a tiny smoke run. `SCALE_BENCH_KEEP=1` keeps the files, to profile a
//! command by hand; `SCALE_BENCH_ONLY=resume,export` (any of `validate`,
//! `resume`, `summary`, `export`) times only those, and
//! `SCALE_BENCH_BIN=path` times another build of casebench.

#![allow(clippy::expect_used, reason = "bench code: a failure is a failed run")]

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use casebench::model::change::{Change, Entry, Origin};
use casebench::model::scale::Scale;
use casebench::store::sample::load_sample;
use casebench::store::session;
use common::cli::{report, time, time_after, time_into};
use common::pty::{Stage, cases_drawn, time_stages};
use common::session::{graded, snapshot, when};
use common::{bench_mode, case_fields, scratch_dir, thousands};

/// Writes `n` generated cases as CSV to `path`, a case at a time.
fn write_sample(path: &Path, n: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create sample"));
    out.write_all(common::CSV_HEADER.as_bytes())
        .expect("header");
    for i in 0..n {
        let row = common::csv_row(&case_fields(i));
        out.write_all(row.as_bytes()).expect("row");
    }
    out.flush().expect("flush sample");
}

/// Writes a session of `sample` in which every `every`th case is graded,
/// one journal entry each, the last graded case being where the reviewer
/// stopped. With `crashed`, the snapshot includes none of the journal.
fn write_session(dir: &Path, sample_path: &Path, every: usize, crashed: bool) -> PathBuf {
    let sample = load_sample(sample_path).expect("sample");
    let scale = Scale::hmicfrs();
    let ids: Vec<String> = sample.ids().step_by(every).map(str::to_owned).collect();
    let grade = |k: usize| scale.levels[(k * 7 + k / 3) % 3].id.clone();
    let entries: Vec<Entry> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| Entry {
            seq: k as u64 + 1,
            at: when(),
            by: "bench".to_owned(),
            origin: Origin::Edit,
            change: Change::Grade {
                case: id.clone(),
                from: None,
                to: Some(grade(k)),
            },
            cursor: Some(id.clone()),
        })
        .collect();
    let states = ids
        .iter()
        .enumerate()
        .map(|(k, id)| graded(id.clone(), grade(k), "bench"))
        .collect();
    let file = |cases, cursor| snapshot(&sample, sample_path, (&scale, "bench"), cases, cursor);
    let name = if crashed { "crashed" } else { "quit" };
    let path = dir.join(format!("{name}.session.ron"));
    session::create_whole(&path, file(states, ids.last().cloned()), &entries)
        .expect("write session");
    if crashed {
        // A snapshot of the session before its first change, over the one
        // that includes the journal: as if it had never been compacted.
        let before = dir.join("before.session.ron");
        session::create_whole(&before, file(Vec::new(), None), &[]).expect("write session");
        let [snapshot, base, journal] = session_files(&before);
        let [to_snapshot, to_base, _] = session_files(&path);
        std::fs::rename(snapshot, to_snapshot).expect("replace snapshot");
        std::fs::rename(base, to_base).expect("replace base");
        std::fs::remove_file(journal).expect("remove journal");
    }
    path
}

/// The snapshot, its base and its journal.
fn session_files(session: &Path) -> [PathBuf; 3] {
    [
        session.to_owned(),
        PathBuf::from(format!("{}.base", session.display())),
        session::journal_path(session),
    ]
}

/// The resumed review in a pseudo-terminal, `runs` times: the first frame,
/// the first cases ready to grade (the session's state of them known while
/// the sample is still read), then the review fully loaded on the case it
/// was left at. A sample of 4 MB or less shows no first cases while it is
/// read: its grading is ready with the review.
fn resume(bin: &str, dir: &Path, sample: &Path, session: &Path, runs: usize) {
    let run_dir = dir.join("run");
    std::fs::create_dir_all(&run_dir).expect("run dir");
    // (A build that does not grade ahead is ready with the review.)
    let grading: Stage = |screen| {
        let text = screen.contents();
        text.contains("grade the first cases meanwhile") || text.contains("resumed: ")
    };
    let loaded: Stage = |screen| screen.contents().contains("resumed: ");
    let mut first = Vec::new();
    let mut ready = Vec::new();
    let mut whole = Vec::new();
    let files = session_files(session);
    let kept: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("session file"))
        .collect();
    let previewed = std::fs::metadata(sample).expect("sample").len() > 4 << 20;
    let stages: &[Stage] = if previewed {
        &[cases_drawn, grading, loaded]
    } else {
        &[cases_drawn, loaded]
    };
    for _ in 0..runs {
        // As written: quitting compacts the session, which would make the
        // crashed one whole again.
        for (file, bytes) in files.iter().zip(&kept) {
            std::fs::write(file, bytes).expect("restore session file");
        }
        let times = time_stages(
            bin,
            &[sample, Path::new("--session"), session],
            &run_dir,
            stages,
            b"",
        );
        first.push(times[0]);
        ready.push(times[times.len() - 2]);
        whole.push(times[times.len() - 1]);
    }
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    report(&format!("resume {name}: first frame"), &first, 250);
    report(&format!("resume {name}: grading ready"), &ready, 250);
    report(&format!("resume {name}: fully loaded"), &whole, 2000);
}

fn main() {
    let bench = bench_mode();
    // Another build may be timed on the same files (`SCALE_BENCH_BIN`), to
    // compare two versions in one run on a machine whose speed drifts.
    let other = std::env::var("SCALE_BENCH_BIN").ok();
    let bin = other.as_deref().unwrap_or(env!("CARGO_BIN_EXE_casebench"));
    let runs = if bench { 5 } else { 1 };
    let (cases, every) = if bench { (1_000_000, 10) } else { (2_000, 10) };
    if !bench {
        println!("scale: smoke run only (timings are meaningless here); use `cargo bench`");
    }
    let dir = scratch_dir().join("scale");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let sample = dir.join("year.csv");
    write_sample(&sample, cases);
    let size = std::fs::metadata(&sample).expect("sample").len() as f64 / 1e6;
    println!(
        "{} cases ({size:.0} MB), {} graded, {} journal entries",
        thousands(cases),
        thousands(cases / every),
        thousands(cases / every)
    );
    let only = std::env::var("SCALE_BENCH_ONLY").ok();
    let timed = |what: &str| {
        only.as_ref()
            .is_none_or(|o| o.split(',').any(|w| w == what))
    };
    let sample_s = sample.to_string_lossy().into_owned();
    if timed("validate") {
        report(
            "validate the CSV",
            &time(bin, &["validate", &sample_s], runs),
            3000,
        );
    }
    for crashed in [false, true] {
        let session = write_session(&dir, &sample, every, crashed);
        if timed("resume") {
            resume(bin, &dir, &sample, &session, runs);
        }
        let session_s = session.to_string_lossy().into_owned();
        let name = if crashed { "crashed" } else { "quit" };
        if timed("summary") {
            report(
                &format!("summary of the {name} session"),
                &time(bin, &["summary", &session_s], runs),
                3000,
            );
        }
        if !timed("export") {
            continue;
        }
        let out = dir.join("export.csv");
        report(
            &format!("CSV export of the {name} session, to stdout (> file)"),
            &time_into(
                bin,
                &["export", &session_s, "--format", "csv"],
                runs,
                Some(&out),
            ),
            3000,
        );
        let out_s = out.to_string_lossy().into_owned();
        let to_file = [
            "export", &session_s, "--format", "csv", "--out", &out_s, "--force",
        ];
        // A new file, as most exports are; then over the last one, which the
        // file system must free as the new one replaces it (on a disk
        // mounted with `discard` it trims the old blocks then and there).
        report(
            &format!("CSV export of the {name} session, to a new file (--out)"),
            &time_after(bin, &to_file, runs, None, || {
                let _ = std::fs::remove_file(&out);
            }),
            3000,
        );
        report(
            &format!("CSV export of the {name} session, over the last (--force)"),
            &time(bin, &to_file, runs),
            3000,
        );
    }
    if std::env::var_os("SCALE_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
