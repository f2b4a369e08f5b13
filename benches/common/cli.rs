//! Running the release binary's commands and reporting their timings.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use super::{Stats, ms, scratch_dir, verdict};

/// An empty config file, so the user's own never changes the figures.
pub fn empty_config() -> PathBuf {
    let path = scratch_dir().join("bench-config.ron");
    std::fs::write(&path, "()\n").expect("config");
    path
}

/// Runs the binary with `args` `runs` times, with an empty config, a
/// reviewer's name and a data folder of its own; the timings. Each run
/// must succeed.
pub fn time(bin: &str, args: &[&str], runs: usize) -> Vec<Duration> {
    time_into(bin, args, runs, None)
}

/// [`time`], with the standard output written to the file `stdout` (as
/// `> file` does in a shell) when given, rather than read by the bench.
pub fn time_into(
    bin: &str,
    args: &[&str],
    runs: usize,
    stdout: Option<&std::path::Path>,
) -> Vec<Duration> {
    time_after(bin, args, runs, stdout, || ())
}

/// [`time`], with `before` done, untimed, before each run: to time a
/// command that writes a new file, with the last run's file removed.
pub fn time_after(
    bin: &str,
    args: &[&str],
    runs: usize,
    stdout: Option<&std::path::Path>,
    before: impl Fn(),
) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            before();
            let mut command = Command::new(bin);
            command
                .args(args)
                .env("CASEBENCH_DATA_DIR", scratch_dir().join("bench-data"))
                .env("CASEBENCH_CONFIG", empty_config())
                .env("USER", "bench");
            if let Some(path) = stdout {
                command.stdout(std::fs::File::create(path).expect("stdout file"));
            }
            let start = Instant::now();
            let out = command.output().expect("run casebench");
            let took = start.elapsed();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            took
        })
        .collect()
}

/// One line: the median, fastest and slowest of `samples`, against a
/// target of `limit_ms`.
pub fn report(label: &str, samples: &[Duration], limit_ms: u64) {
    let s = Stats::of(samples);
    println!(
        "{label:<58} median {:>10}  min {:>10}  max {:>10}  {}",
        ms(s.median),
        ms(s.min),
        ms(s.max),
        verdict(
            s.median,
            Duration::from_millis(limit_ms),
            &format!("< {limit_ms} ms")
        )
    );
}
