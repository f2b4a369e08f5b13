//! Timing of the headless CSV export of a 100,000-case, fully graded
//! session (the issue asks for under 1 s in release). Not a statistical
//! benchmark: it builds the session once and prints how long each step of
//! `casebench export SESSION --format csv --out FILE` takes in-process.
//!
//! Run with `cargo bench --bench export`. Set `CASEBENCH_BENCH_KEEP=DIR`
//! to keep the sample and session in DIR (e.g. to time the binary itself).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use casebench::config::Config;
use casebench::model::change::{Answer, Change};
use casebench::model::review::Stamp;
use casebench::store::export::{self, ExportOptions, Format, Input, Overwrite};
use casebench::store::sample::load_sample;
use casebench::store::session;

const CASES: usize = 100_000;

fn main() {
    let temp = tempfile::tempdir().expect("tempdir");
    let keep = std::env::var_os("CASEBENCH_BENCH_KEEP").map(std::path::PathBuf::from);
    let dir = keep.as_deref().unwrap_or(temp.path());
    std::fs::create_dir_all(dir).expect("dir");
    let sample_path = dir.join("big.csv");
    let session_path = dir.join("big.session.ron");
    let _ = std::fs::remove_file(&session_path);
    let _ = std::fs::remove_file(session::journal_path(&session_path));

    let t = Instant::now();
    write_sample(&sample_path);
    let sample = load_sample(&sample_path).expect("sample");
    let config = Config::default();
    grade_all(&session_path, &sample, &config);
    println!("setup (sample + graded session): {:.2?}", t.elapsed());

    let out = dir.join("big-export.csv");
    let _ = std::fs::remove_file(&out);
    let t0 = Instant::now();
    let loaded = session::load(&session_path, session::History::Unsaved).expect("load session");
    let t1 = Instant::now();
    let sample = load_sample(&sample_path).expect("load sample");
    let t2 = Instant::now();
    let review = loaded.review(&sample, &session_path).expect("review");
    let t3 = Instant::now();
    let input = Input::new(&sample, &review, &loaded.file.reviewer, &config);
    let bytes = export::render(Format::Csv, &input, ExportOptions::default()).expect("render");
    let t4 = Instant::now();
    export::write_file(&out, &bytes, Overwrite::Refuse).expect("write");
    let t5 = Instant::now();
    println!(
        "export of {CASES} graded cases to CSV ({} bytes):",
        bytes.len()
    );
    println!("  read session   {:>8.1?}", t1 - t0);
    println!("  read sample    {:>8.1?}", t2 - t1);
    println!("  rebuild review {:>8.1?}", t3 - t2);
    println!("  render CSV     {:>8.1?}", t4 - t3);
    println!("  write file     {:>8.1?}", t5 - t4);
    println!("  total          {:>8.1?}  (target < 1 s)", t5 - t0);
    // The other formats include the audit trail, so they read all of it.
    let t = Instant::now();
    let full = session::load(&session_path, session::History::Full).expect("load session");
    let review = full.review(&sample, &session_path).expect("review");
    println!(
        "read session with its audit trail ({} changes): {:.1?}",
        review.history().len(),
        t.elapsed()
    );
    let input = Input::new(&sample, &review, &full.file.reviewer, &config);
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let t = Instant::now();
        let n = export::render(format, &input, ExportOptions::default())
            .expect("render")
            .len();
        println!("  render {format:<7} {:>8.1?} ({n} bytes)", t.elapsed());
    }
}

fn write_sample(path: &Path) {
    let categories = [
        "Missing",
        "Custody",
        "Online",
        "Domestic abuse",
        "Multi-agency",
    ];
    let mut text = String::from("id,title,category,opened,summary\n");
    for i in 0..CASES {
        let _ = writeln!(
            text,
            "C-{i:06},\"Case {i}, a title\",{},2025-01-01,\"Line one of case {i}.\nLine two, with \"\"quotes\"\".\"",
            categories[i % categories.len()]
        );
    }
    std::fs::write(path, text).expect("write sample");
}

fn grade_all(path: &Path, sample: &casebench::model::case::Sample, config: &Config) {
    let mut opened = session::open(path, sample, &config.scale, "Bench").expect("open");
    let levels: Vec<String> = config.scale.levels.iter().map(|l| l.id.clone()).collect();
    let criterion = config.criteria.first().map(|c| c.id.clone());
    let at: jiff::Timestamp = "2025-03-03T09:00:00Z".parse().expect("time");
    let stamp = || Stamp {
        by: "Bench".into(),
        at,
        cursor: None,
    };
    for (i, case) in sample.cases().iter().enumerate() {
        let id = case.id.to_string();
        let grade = Change::Grade {
            case: id.clone(),
            from: None,
            to: Some(levels[i % levels.len()].clone()),
        };
        opened.review.edit(sample, grade, stamp()).expect("grade");
        if i % 3 == 0 {
            let note = Change::Note {
                case: id.clone(),
                from: String::new(),
                to: format!("Note for {id}: \"quoted\", with a comma.\nSecond line."),
            };
            opened.review.edit(sample, note, stamp()).expect("note");
        }
        if let Some(c) = criterion.clone().filter(|_| i % 2 == 0) {
            let answer = Change::Criterion {
                case: id,
                criterion: c,
                from: None,
                to: Some(Answer::Met),
            };
            opened.review.edit(sample, answer, stamp()).expect("answer");
        }
    }
    // The journal as grading one case at a time would have left it (written
    // in one go: 180,000 fsyncs would take minutes), then a reopen replays
    // it and quitting snapshots it, as the app does.
    let mut journal = String::new();
    for entry in opened.review.history() {
        journal.push_str(&ron::to_string(entry).expect("entry"));
        journal.push('\n');
    }
    drop(opened);
    std::fs::write(session::journal_path(path), journal).expect("journal");
    let mut opened = session::open(path, sample, &config.scale, "Bench").expect("reopen");
    let cursor = sample.get(0).map(|c| c.id.to_string());
    opened
        .store
        .compact(sample, &opened.review, "Bench", cursor)
        .expect("compact");
}
