//! Loading and drawing at scale: the parse time of the bundled demo (RON)
//! and of generated 10,000-case (about 4.5 MB) and 100,000-case (about
//! 45 MB) CSV samples through `store::sample::parse_sample` (median of
//! several runs), and the time to draw one frame with `ui::draw` into a
//! 120x40 ratatui `TestBackend`, at 100,000 cases and at 74 cases showing
//! the same cases on screen (cursor at the top and in the middle).
//!
//! Why: parsing is most of the time to first frame on a big sample, and
//! DESIGN §1 asks that samples up to a million cases stay instant — a frame
//! must cost the same at 74 and at 100,000 cases, which shows there is no
//! per-frame work proportional to the sample.
//!
//! Run with `cargo bench --bench load`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::time::{Duration, Instant};

use casebench::app::{self, Action, App};
use casebench::config::Config;
use casebench::model::case::{Sample, SampleBuilder, SampleSource};
use casebench::store::sample::{Format, demo_sample, parse_sample};
use common::{Stats, bench_mode, case_fields, csv_text, ms, thousands, us};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A sample of the generated cases `range` (as the CSV holds them).
fn generated(range: std::ops::Range<usize>) -> Sample {
    let mut b = SampleBuilder::new();
    for i in range {
        b.push(case_fields(i));
    }
    b.finish(
        "generated",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    )
}

fn parse(csv: &str) -> Sample {
    parse_sample(csv.as_bytes(), Format::Csv, "bench.csv", None).expect("valid CSV sample")
}

fn bench_parse(n: usize, runs: usize) -> Sample {
    let csv = csv_text(n);
    let mut times = Vec::with_capacity(runs);
    let mut sample = None;
    for _ in 0..runs {
        let start = Instant::now();
        let parsed = parse(&csv);
        times.push(start.elapsed());
        assert_eq!(parsed.len(), n);
        sample = Some(parsed);
    }
    let s = Stats::of(&times);
    println!(
        "parse CSV, {} cases ({:.1} MB): median {}, min {}, max {} over {runs} runs",
        thousands(n),
        csv.len() as f64 / 1e6,
        ms(s.median),
        ms(s.min),
        ms(s.max)
    );
    sample.expect("at least one run")
}

/// One screen to draw: an app on a sample, with its own test terminal.
struct Scene {
    label: String,
    app: App,
    terminal: Terminal<TestBackend>,
    times: Vec<Duration>,
}

/// The default theme, as the app draws in without a config.
const THEME: casebench::ui::theme::Theme =
    casebench::ui::theme::Theme::new(casebench::config::ThemeName::Default, false);

impl Scene {
    /// The app on `sample`, cursor on case `cursor`, in a 120x40 terminal
    /// that has drawn one frame already (so later frames diff against a
    /// full buffer, as in the app's loop).
    fn new(label: String, sample: Sample, cursor: u32) -> Scene {
        let config = Config::default();
        let review = casebench::model::review::Review::new(config.scale.clone(), sample.len());
        let mut app = App::new(
            sample,
            review,
            config,
            "Bench Reviewer".into(),
            "bench.session.ron".into(),
            cursor,
        )
        .with_time_zone(jiff::tz::TimeZone::UTC);
        app::update(&mut app, Action::Resize(120, 40), Timestamp::now());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        terminal
            .draw(|f| casebench::ui::draw(f, &app, &THEME))
            .expect("draw");
        Scene {
            label,
            app,
            terminal,
            times: Vec::new(),
        }
    }

    fn draw(&mut self) {
        let app = &self.app;
        let start = Instant::now();
        self.terminal
            .draw(|f| casebench::ui::draw(f, app, &THEME))
            .expect("draw");
        self.times.push(start.elapsed());
    }

    /// Prints the figures and returns the median.
    fn report(&self) -> Duration {
        let s = Stats::of(&self.times);
        println!(
            "draw one frame 120x40, {}: median {}, p90 {}, max {} over {} frames",
            self.label,
            us(s.median),
            us(s.p90),
            us(s.max),
            self.times.len()
        );
        s.median
    }
}

fn main() {
    let bench = bench_mode();
    let (small, large, runs, frames) = if bench {
        (10_000, 100_000, 7, 300)
    } else {
        println!("load: smoke run only (timings are meaningless here); use `cargo bench`");
        (100, 1_000, 1, 2)
    };

    let demo: Vec<Duration> = (0..runs * 3)
        .map(|_| {
            let start = Instant::now();
            let sample = demo_sample();
            let elapsed = start.elapsed();
            assert_eq!(sample.len(), 74);
            elapsed
        })
        .collect();
    let s = Stats::of(&demo);
    println!(
        "parse bundled demo (74 cases, RON): median {}, min {}, max {} over {} runs",
        ms(s.median),
        ms(s.min),
        ms(s.max),
        demo.len()
    );

    let _ = bench_parse(small, runs);
    let big = bench_parse(large, runs.min(5));

    // Each 74-case sample holds the same cases as the screen of the big
    // one it is compared with (the first 74; the 74 around the middle), so
    // the two frames differ only in the sample's size.
    let n = big.len();
    let middle = n / 2;
    let around = middle.saturating_sub(37)..(middle.saturating_sub(37) + 74).min(n);
    let first = generated(0..74.min(n));
    let near = generated(around.clone());
    let mut scenes = [
        Scene::new("74 cases, cursor on case 1".into(), first, 0),
        Scene::new(
            format!("{} cases, cursor on case 1", thousands(n)),
            big.clone(),
            0,
        ),
        Scene::new(
            format!(
                "74 cases ({}..{} of the big sample), cursor on case {}",
                thousands(around.start + 1),
                thousands(around.end),
                thousands(middle + 1)
            ),
            near,
            (middle - around.start) as u32,
        ),
        Scene::new(
            format!(
                "{} cases, cursor on case {}",
                thousands(n),
                thousands(middle + 1)
            ),
            big,
            middle as u32,
        ),
    ];
    // Frames are interleaved across the scenes, so that all four see the
    // same machine conditions.
    for _ in 0..frames {
        for scene in &mut scenes {
            scene.draw();
        }
    }
    let [small_top, big_top, small_mid, big_mid] = scenes.each_ref().map(Scene::report);
    let ratio = |big: Duration, small: Duration| big.as_secs_f64() / small.as_secs_f64();
    println!(
        "draw one frame: {}-case / 74-case median ratio {:.2} at the top, {:.2} in the middle (1.0 = no per-frame work proportional to the sample)",
        thousands(n),
        ratio(big_top, small_top),
        ratio(big_mid, small_mid)
    );
}
