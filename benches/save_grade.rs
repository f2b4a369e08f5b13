//! The cost of saving one grade, at 74 cases and at 100,000 cases: exactly
//! what the app does per grade key — build the change, `Review::edit`, then
//! `SessionStore::append` of the entry (one journal line, fsynced).
//!
//! Why: DESIGN §3 promises that a grade on screen is already durable and
//! that the cost of saving one grade does not grow with the sample; the
//! target is the same figure at both sizes, under 2 ms including the fsync.
//! The sessions live under `target/<profile>/bench-tmp` (the build's disk,
//! not a tmpfs, so the fsync is real; the file system is printed). Saves at
//! the two sizes, and a plain append + `sync_data` of a bare file (the disk
//! alone), are interleaved one by one, so that all three see the same disk
//! conditions (other processes' fsyncs can make ext4 wait a timer tick).
//!
//! For information it also times the creation of a new session,
//! `SessionStore::compact` (the snapshot written on quit) and the resumed
//! `session::open` with every case graded, and the whole grade key press
//! through `app::update` (no fsync) in its worst case — grading the last
//! ungraded case, when auto-advance searches the whole sample for another.
//!
//! Run with `cargo bench --bench save_grade`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casebench::app::{self, Action, App};
use casebench::config::Config;
use casebench::keymap::Command;
use casebench::model::case::{Sample, SampleBuilder, SampleSource};
use casebench::model::change::Change;
use casebench::model::review::{Review, Stamp};
use casebench::model::scale::{LevelIdx, Scale};
use casebench::store::session::{self, SessionStore};
use common::{
    Stats, bench_mode, case_fields, filesystem_of, ms, scratch_dir, thousands, us, verdict,
};
use jiff::Timestamp;

const REVIEWER: &str = "Bench Reviewer";

/// How many of each measurement.
struct Runs {
    saves: usize,
    opens: usize,
    keys: usize,
}

/// One sample size under test, with its open session.
struct Size {
    n: usize,
    label: String,
    sample: Sample,
    review: Review,
    store: SessionStore,
    path: PathBuf,
    stride: usize,
    saves: Vec<Duration>,
    appends: Vec<Duration>,
}

fn sample(n: usize) -> Sample {
    let mut b = SampleBuilder::new();
    for i in 0..n {
        b.push(case_fields(i));
    }
    b.finish(
        &format!("generated {n}"),
        None,
        SampleSource {
            path: None,
            hash: format!("bench-{n}"),
        },
    )
}

fn remove_session(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(session::journal_path(path));
}

/// Builds the sample and opens a new session for it, timing the creation
/// of the session (the empty snapshot is written atomically, with fsync:
/// what a fresh first frame pays on top of a resumed one).
fn new_size(n: usize, dir: &Path, opens: usize) -> Size {
    let label = format!("{} cases", thousands(n));
    let sample = sample(n);
    let scale = Scale::hmicfrs();
    let path = dir.join(format!("bench-{n}.session.ron"));
    let mut creates = Vec::with_capacity(opens);
    let mut opened = None;
    for _ in 0..opens {
        drop(opened.take());
        remove_session(&path);
        let start = Instant::now();
        opened = Some(session::open(&path, &sample, &scale, REVIEWER).expect("open session"));
        creates.push(start.elapsed());
    }
    let s = Stats::of(&creates);
    println!(
        "new session (session::open, no file yet), {label}: median {}, max {} (information)",
        ms(s.median),
        ms(s.max)
    );
    let opened = opened.expect("at least one open");
    Size {
        n,
        label,
        sample,
        review: opened.review,
        store: opened.store,
        path,
        // Saves are spread over the sample (a stride coprime with its size).
        stride: if n.is_multiple_of(7919) { 1 } else { 7919 },
        saves: Vec::new(),
        appends: Vec::new(),
    }
}

/// Save number `k` on `size`, as the app records a grade: the change from
/// the case's current grade to the next level (always a real change), the
/// stamp (cursor on the next case), the edit, then the durable append.
fn save(size: &mut Size, k: usize) {
    let Size {
        sample,
        review,
        store,
        ..
    } = size;
    let idx = ((k * size.stride) % size.n) as u32;
    let start = Instant::now();
    let scale = review.scale();
    let id = |g: Option<LevelIdx>| g.and_then(|g| scale.level(g)).map(|l| l.id.clone());
    let from = review.grade(idx);
    let level = from.map_or(0, |g| (g + 1) % scale.len() as LevelIdx);
    let case = sample.get(idx).expect("case");
    let change = Change::Grade {
        case: case.id.to_string(),
        from: id(from),
        to: id(Some(level)),
    };
    let next = (idx as usize + 1) % sample.len();
    let stamp = Stamp {
        by: REVIEWER.to_owned(),
        at: Timestamp::now(),
        cursor: sample.get(next as u32).map(|c| c.id.to_string()),
    };
    let entry = review.edit(sample, change, stamp).expect("edit").clone();
    let append = Instant::now();
    store.append(&entry).expect("append to journal");
    let end = Instant::now();
    size.saves.push(end - start);
    size.appends.push(end - append);
}

fn report_saves(size: &Size) {
    let s = Stats::of(&size.saves);
    let edits: Vec<Duration> = size
        .saves
        .iter()
        .zip(&size.appends)
        .map(|(t, a)| (*t).checked_sub(*a).unwrap())
        .collect();
    println!(
        "save one grade (edit + journal append + fsync), {}: median {}, p90 {}, max {} over {} saves {}",
        size.label,
        us(s.median),
        us(s.p90),
        us(s.max),
        size.saves.len(),
        verdict(
            s.median,
            Duration::from_millis(2),
            "< 2 ms, same at both sizes"
        )
    );
    println!(
        "  of which: change + Review::edit median {}, SessionStore::append (encode + write + fsync) median {}",
        us(Stats::of(&edits).median),
        us(Stats::of(&size.appends).median)
    );
}

/// The disk alone: append one journal-sized line to a plain file and
/// `sync_data` it, as the journal does.
fn disk_write(file: &mut File, line: &[u8]) -> Duration {
    let start = Instant::now();
    file.write_all(line).expect("write");
    file.sync_data().expect("sync_data");
    start.elapsed()
}

/// Compact, resume and the worst-case grade key press, for one size.
fn after_saves(size: Size, runs: &Runs) {
    let Size {
        n,
        label,
        sample,
        mut review,
        mut store,
        path,
        ..
    } = size;
    let scale = review.scale().clone();
    let levels = scale.len() as LevelIdx;

    // Grade every case (in memory only, as a whole review would leave it),
    // then time the snapshot written on quit.
    for idx in 0..n as u32 {
        if review.grade(idx).is_none() {
            let case = sample.get(idx).expect("case");
            let change = Change::Grade {
                case: case.id.to_string(),
                from: None,
                to: scale.level(idx as u8 % levels).map(|l| l.id.clone()),
            };
            let stamp = Stamp {
                by: REVIEWER.to_owned(),
                at: Timestamp::now(),
                cursor: Some(case.id.to_string()),
            };
            review.edit(&sample, change, stamp).expect("edit");
        }
    }
    let cursor = sample.get(0).map(|c| c.id.to_string());
    let compacts: Vec<Duration> = (0..runs.opens)
        .map(|_| {
            let start = Instant::now();
            store
                .compact(&sample, &review, REVIEWER, cursor.clone())
                .expect("compact");
            start.elapsed()
        })
        .collect();
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let s = Stats::of(&compacts);
    println!(
        "compact (snapshot on quit), {label} all graded, {} history entries, {:.1} MB: median {}, max {} (information)",
        thousands(review.history().len()),
        bytes as f64 / 1e6,
        ms(s.median),
        ms(s.max)
    );

    drop(store);
    let resumes: Vec<Duration> = (0..runs.opens)
        .map(|_| {
            let start = Instant::now();
            let opened = session::open(&path, &sample, &scale, REVIEWER).expect("resume session");
            let elapsed = start.elapsed();
            assert_eq!(opened.review.graded(), n as u64);
            elapsed
        })
        .collect();
    let s = Stats::of(&resumes);
    println!(
        "resume (session::open of that snapshot), {label}: median {}, max {} (information)",
        ms(s.median),
        ms(s.max)
    );

    // The grade key through app::update when it grades the only ungraded
    // case: auto-advance looks for another ungraded case in the whole
    // sample. Undo (not timed) makes the case ungraded again.
    let last = (n / 2) as u32;
    let ungrade = Change::Grade {
        case: sample.get(last).expect("case").id.to_string(),
        from: review
            .grade(last)
            .and_then(|g| scale.level(g))
            .map(|l| l.id.clone()),
        to: None,
    };
    let stamp = Stamp {
        by: REVIEWER.to_owned(),
        at: Timestamp::now(),
        cursor: None,
    };
    review.edit(&sample, ungrade, stamp).expect("edit");
    let mut app = App::new(
        sample,
        review,
        Config::default(),
        REVIEWER.to_owned(),
        path.clone(),
        last,
    );
    app::update(&mut app, Action::Resize(120, 40), Timestamp::now());
    let presses: Vec<Duration> = (0..runs.keys)
        .map(|_| {
            let start = Instant::now();
            let effects = app::update(&mut app, Action::Grade(0), Timestamp::now());
            let elapsed = start.elapsed();
            assert_eq!(effects.len(), 1, "the grade was recorded");
            assert_eq!(app.review().graded(), n as u64);
            app::update(&mut app, Action::Command(Command::Undo), Timestamp::now());
            assert_eq!(app.cursor(), last);
            elapsed
        })
        .collect();
    let s = Stats::of(&presses);
    println!(
        "grade key via app::update (no fsync), {label}, last ungraded case (auto-advance scans all): median {}, max {} (information)",
        us(s.median),
        us(s.max)
    );
    remove_session(&path);
}

fn main() {
    let bench = bench_mode();
    let dir = scratch_dir().join("save_grade");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create session dir");
    let fs = filesystem_of(&dir);
    println!("save_grade: sessions in {} ({fs})", dir.display());
    if fs.starts_with("tmpfs") {
        println!("save_grade: WARNING: tmpfs, fsync costs nothing here");
    }
    let (sizes, runs) = if bench {
        (
            [74, 100_000],
            Runs {
                saves: 500,
                opens: 5,
                keys: 200,
            },
        )
    } else {
        println!("save_grade: smoke run only (timings are meaningless here); use `cargo bench`");
        (
            [74, 1_000],
            Runs {
                saves: 5,
                opens: 1,
                keys: 2,
            },
        )
    };
    let mut sizes: Vec<Size> = sizes
        .into_iter()
        .map(|n| new_size(n, &dir, runs.opens))
        .collect();

    let baseline_path = dir.join("baseline.journal");
    let mut baseline_file = File::options()
        .create(true)
        .append(true)
        .open(&baseline_path)
        .expect("open baseline file");
    let line = format!("{}\n", "x".repeat(180));
    let mut baseline = Vec::with_capacity(runs.saves);
    for k in 0..runs.saves {
        baseline.push(disk_write(&mut baseline_file, line.as_bytes()));
        for size in &mut sizes {
            save(size, k);
        }
    }
    let s = Stats::of(&baseline);
    println!(
        "disk alone (append a 181-byte line to a plain file + sync_data): median {}, p90 {}, max {} over {} writes",
        us(s.median),
        us(s.p90),
        us(s.max),
        baseline.len()
    );
    for size in &sizes {
        report_saves(size);
    }
    for size in sizes {
        after_saves(size, &runs);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
