//! Key presses on a large sample, each measured from the key's action to
//! the finished frame (`app::update` + `ui::draw` into a 120x40
//! `TestBackend`): typing an incremental search one character at a time
//! (a search larger than one step goes on in idle ticks, timed apart),
//! jumping between matches, and changing the filter. Target (issue 3): under
//! 16 ms per key at 10,000 cases. 100,000 cases are shown for information.
//!
//! Run with `cargo bench --bench interaction`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::time::{Duration, Instant};

use casebench::app::{self, Action, App};
use casebench::config::Config;
use casebench::keymap::{Command, KeyCode, KeyModifiers, KeySpec};
use casebench::model::case::{SampleBuilder, SampleSource};
use casebench::model::change::Change;
use casebench::model::review::{Review, Stamp};
use common::{Stats, bench_mode, case_fields, thousands, us, verdict};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_of(n: usize) -> App {
    let mut b = SampleBuilder::new();
    for i in 0..n {
        b.push(case_fields(i));
    }
    let sample = b.finish(
        "generated",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    );
    // A third of the cases graded, so the grade filters have work to do.
    let config = Config::default();
    let mut review = Review::new(config.scale.clone(), sample.len());
    for i in 0..n / 3 {
        let case = sample.get((i * 3) as u32).expect("case").id.to_string();
        let level = &config.scale.levels[i % 3];
        let change = Change::Grade {
            case,
            from: None,
            to: Some(level.id.clone()),
        };
        let stamp = Stamp {
            by: "Bench".into(),
            at: Timestamp::now(),
            cursor: None,
        };
        review.edit(&sample, change, stamp).expect("grade");
    }
    let mut app = App::new(
        sample,
        review,
        config,
        "Bench".into(),
        "bench.session.ron".into(),
        0,
    )
    .with_time_zone(jiff::tz::TimeZone::UTC);
    app::update(&mut app, Action::Resize(120, 40), Timestamp::now());
    app
}

/// Runs `actions`, timing each from update to drawn frame. A long search
/// goes on in idle ticks (each also drawn), as in the app's loop; their
/// The default theme, as the app draws in without a config.
const THEME: casebench::ui::theme::Theme =
    casebench::ui::theme::Theme::new(casebench::config::ThemeName::Default, false);

/// time is collected in `idle`, one total per action.
fn timed_with_idle(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    actions: &[Action],
    idle: &mut Vec<Duration>,
) -> Vec<Duration> {
    let mut frame = |app: &mut App, action| {
        app::update(app, action, Timestamp::now());
        terminal
            .draw(|f| casebench::ui::draw(f, app, &THEME))
            .expect("draw");
    };
    actions
        .iter()
        .map(|action| {
            let start = Instant::now();
            frame(app, action.clone());
            let key = start.elapsed();
            let rest = Instant::now();
            while app.busy() {
                frame(app, Action::Tick);
            }
            idle.push(rest.elapsed());
            key
        })
        .collect()
}

fn timed(app: &mut App, terminal: &mut Terminal<TestBackend>, actions: &[Action]) -> Vec<Duration> {
    timed_with_idle(app, terminal, actions, &mut Vec::new())
}

fn report(what: &str, n: usize, times: &[Duration], judged: bool) {
    let s = Stats::of(times);
    let tail = if judged {
        verdict(s.max, Duration::from_millis(16), "< 16 ms per key")
    } else {
        "(information)".into()
    };
    println!(
        "{what}, {} cases: median {}, p90 {}, max {} over {} keys {tail}",
        thousands(n),
        us(s.median),
        us(s.p90),
        us(s.max),
        times.len()
    );
}

fn main() {
    let sizes: &[usize] = if bench_mode() {
        &[10_000, 100_000]
    } else {
        println!("interaction: smoke run only (timings are meaningless here); use `cargo bench`");
        &[300]
    };
    for &n in sizes {
        let judged = n == 10_000;
        let mut app = app_of(n);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| casebench::ui::draw(f, &app, &THEME))
            .expect("draw");

        let typed: Vec<Action> = "strategy discussion"
            .chars()
            .map(|c| Action::Type(KeySpec::char(c)))
            .collect();
        let mut search = vec![Action::Command(Command::Search)];
        search.extend(typed.iter().cloned());
        let mut idle = Vec::new();
        let times = timed_with_idle(&mut app, &mut terminal, &search, &mut idle);
        report(
            "incremental search, typing \"strategy discussion\"",
            n,
            &times,
            judged,
        );
        report(
            "  then finishing each search in idle ticks",
            n,
            &idle,
            false,
        );
        let erase = Action::Type(KeySpec::new(KeyCode::Backspace, KeyModifiers::NONE));
        let mut idle = Vec::new();
        let times = timed_with_idle(&mut app, &mut terminal, &vec![erase; 8], &mut idle);
        report(
            "incremental search, erasing (each key starts the search over)",
            n,
            &times,
            judged,
        );
        report(
            "  then finishing each search in idle ticks",
            n,
            &idle,
            false,
        );
        let mut keep = vec![Action::Command(Command::Confirm)];
        keep.extend(std::iter::repeat_n(Action::Command(Command::NextMatch), 30));
        let times = timed(&mut app, &mut terminal, &keep);
        report("next match (n)", n, &times, judged);

        // Every filter option in turn: open the picker, move to it, apply.
        let options = app.filter_options().len();
        let mut filters = Vec::new();
        for i in 0..options {
            filters.push(Action::Command(Command::Filter));
            filters.push(Action::Command(Command::First));
            filters.extend(std::iter::repeat_n(Action::Command(Command::MoveDown), i));
            filters.push(Action::Command(Command::Confirm));
        }
        let times = timed(&mut app, &mut terminal, &filters);
        report("filter picker keys and filter changes", n, &times, judged);
    }
}
