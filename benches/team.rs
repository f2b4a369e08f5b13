//! Team review at scale, through the real binary: `agree` on two
//! 100,000-case sessions with a 1,000-resample bootstrap (target < 1 s),
//! `combine` of ten 10,000-case sessions (target < 2 s), and `sample` of
//! 1,000 from a 1,000,000-row CSV (target < 3 s, memory flat: peak RSS
//! printed beside the file's size). Sessions are written through the
//! library (snapshots, no journal); the sample files are generated.
//!
//! `cargo bench --bench team` prints the figures; under `cargo test` it is
//! a tiny smoke run.

#![allow(clippy::expect_used, reason = "bench code: a failure is a failed run")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use casebench::model::scale::Scale;
use casebench::store::sample::load_sample;
use casebench::store::session;
use common::cli::{empty_config, report, time};
use common::session::{graded, snapshot};
use common::{Rng, bench_mode, csv_text, scratch_dir, thousands};

/// Writes a session of `reviewer` grading `sample` (at `sample_path`):
/// every case graded, by `rng`, near a shared "true" grade so that
/// reviewers mostly agree.
fn session(dir: &Path, sample_path: &Path, reviewer: &str, cases: usize, rng: &mut Rng) -> PathBuf {
    let sample = load_sample(sample_path).expect("sample");
    let scale = Scale::hmicfrs();
    let states = (0..cases)
        .map(|i| {
            let truth = (i * 7 + i / 3) % 3;
            let grade = if rng.below(5) == 0 {
                rng.below(3)
            } else {
                truth
            };
            graded(
                format!("CP-{:06}", i + 1),
                scale.levels[grade].id.clone(),
                reviewer,
            )
        })
        .collect();
    let path = dir.join(format!("{reviewer}.session.ron"));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(session::journal_path(&path));
    let file = snapshot(&sample, sample_path, (&scale, reviewer), states, None);
    session::create_whole(&path, file, &[]).expect("write session");
    path
}

/// Peak resident memory of one run, in MB, read by GNU time when present.
fn peak_rss_mb(bin: &str, args: &[&str]) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(bin)
        .args(args)
        .env("CASEBENCH_CONFIG", empty_config())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = text.lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let bench = bench_mode();
    let bin = env!("CARGO_BIN_EXE_casebench");
    let runs = if bench { 5 } else { 1 };
    let dir = scratch_dir().join("team");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    if !bench {
        println!("team: smoke run only (timings are meaningless here); use `cargo bench`");
    }
    let mut rng = Rng::new(74);

    // agree: two sessions of one large sample.
    let big = if bench { 100_000 } else { 300 };
    let sample = dir.join("big.csv");
    std::fs::write(&sample, csv_text(big)).expect("sample");
    let a = session(&dir, &sample, "alice", big, &mut rng);
    let b = session(&dir, &sample, "bob", big, &mut rng);
    let (a, b) = (
        a.to_string_lossy().into_owned(),
        b.to_string_lossy().into_owned(),
    );
    report(
        &format!("agree, 2 × {} cases, 1,000 resamples", thousands(big)),
        &time(bin, &["agree", &a, &b], runs),
        1000,
    );

    // combine: ten sessions of one 10,000-case sample.
    let mid = if bench { 10_000 } else { 200 };
    let sample = dir.join("mid.csv");
    std::fs::write(&sample, csv_text(mid)).expect("sample");
    let parts: Vec<String> = (0..10)
        .map(|r| {
            session(&dir, &sample, &format!("r{r}"), mid, &mut rng)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let out = dir.join("combined.session.ron");
    let out_s = out.to_string_lossy().into_owned();
    let mut args: Vec<&str> = vec!["combine"];
    args.extend(parts.iter().map(String::as_str));
    args.extend(["--out", &out_s, "--force"]);
    report(
        &format!("combine, 10 × {} cases", thousands(mid)),
        &time(bin, &args, runs),
        2000,
    );

    // sample: 1,000 of a 1,000,000-row CSV, read twice a row at a time.
    let rows = if bench { 1_000_000 } else { 2_000 };
    let population = dir.join("population.csv");
    {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&population).expect("create"));
        writeln!(w, "id,category,title,opened").expect("write");
        for i in 0..rows {
            let area = ["missing", "custody", "online", "multi-agency", "domestic"][i % 5];
            writeln!(
                w,
                "P-{i:07},{area},\"case {i}, fictional\",2025-0{}-1{}",
                1 + i % 9,
                i % 10
            )
            .expect("write");
        }
    }
    let size = std::fs::metadata(&population).expect("meta").len() as f64 / 1e6;
    let drawn = dir.join("drawn.csv").to_string_lossy().into_owned();
    let pop = population.to_string_lossy().into_owned();
    let draw = [
        "sample",
        &pop,
        "--size",
        "1000",
        "--seed",
        "7",
        "--stratify",
        "category",
        "--out",
        &drawn,
        "--force",
    ];
    report(
        &format!(
            "sample 1,000 of {} rows ({size:.0} MB), stratified",
            thousands(rows)
        ),
        &time(bin, &draw, runs),
        3000,
    );
    if let Some(mb) = peak_rss_mb(bin, &draw) {
        println!(
            "{:<52} peak RSS {mb:.1} MB for a {size:.0} MB file",
            "sample, memory"
        );
    }
    // TEAM_BENCH_KEEP=1 keeps the files, to profile a command by hand.
    if std::env::var_os("TEAM_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
