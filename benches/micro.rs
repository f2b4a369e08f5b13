//! Micro-benchmarks of the hot paths, on `divan`: saving one grade (the
//! journal append with its fsync, and the disk's fsync alone for
//! comparison), parsing a CSV sample, drawing one frame, a search key, a
//! filter change (and the one key that applies a filter at 1M), the next
//! match, a grade and its undo, paging to the end and back, sorting, and
//! the CSV export of a large graded session. Sizes are the sample sizes
//! the README quotes.
//!
//! Run with `cargo bench --bench micro` (add a name to run fewer, e.g.
//! `cargo bench --bench micro -- save`). Sessions live under
//! `target/<profile>/bench-tmp`, on the build's disk, so fsyncs are real.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod common;

use std::fs::File;
use std::io::Write as _;

use casebench::app::{self, Action, App, Condition, Filter};
use casebench::config::Config;
use casebench::keymap::{Command, KeySpec};
use casebench::model::case::{Sample, SampleBuilder, SampleSource};
use casebench::model::change::Change;
use casebench::model::review::{Review, Stamp};
use casebench::store::export::{self, ExportOptions, Format, Input};
use casebench::store::sample::{self, parse_sample};
use casebench::store::session;
use casebench::ui::theme::Theme;
use common::{case_fields, csv_text, scratch_dir};
use divan::Bencher;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The default theme, as the app draws in without a config.
const THEME: Theme = Theme::new(casebench::config::ThemeName::Default, false);

/// A generated sample of `n` cases.
fn sample_of(n: usize) -> Sample {
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

fn stamp() -> Stamp {
    Stamp {
        by: "Bench".into(),
        at: Timestamp::now(),
        cursor: None,
    }
}

/// A grade change of case `idx` to the level after its current one.
fn next_grade(sample: &Sample, review: &Review, idx: u32) -> Change {
    let levels = &review.scale().levels;
    let from = review.grade(idx);
    let to = from.map_or(0, |l| (usize::from(l) + 1) % levels.len());
    Change::Grade {
        case: sample.get(idx).expect("case").id.to_string(),
        from: from.map(|l| levels[usize::from(l)].id.clone()),
        to: Some(levels[to].id.clone()),
    }
}

/// Saving one grade as the app does per grade key: `Review::edit`, then
/// the journal append with its fsync. The same at every size.
#[divan::bench(args = [74, 100_000, 1_000_000], sample_count = 200)]
fn save_one_grade(bencher: Bencher<'_, '_>, n: usize) {
    let sample = sample_of(n);
    let dir = scratch_dir().join("micro");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("save-{n}.session.ron"));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(session::journal_path(&path));
    let config = Config::default();
    let opened = session::open(&path, &sample, &config.scale, "Bench").expect("open");
    let (mut review, mut store) = (opened.review, opened.store);
    let mut k = 0u32;
    bencher.bench_local(|| {
        // Spread over the sample, as a reviewer's grades are.
        let idx = (k.wrapping_mul(7919)) % n as u32;
        k += 1;
        let change = next_grade(&sample, &review, idx);
        let entry = review.edit(&sample, change, stamp()).expect("edit").clone();
        store.append(&entry).expect("append");
    });
}

/// The disk's own cost: one line appended to a bare file and fsynced.
#[divan::bench(sample_count = 200)]
fn disk_append_and_fsync_alone(bencher: Bencher<'_, '_>) {
    let path = scratch_dir().join("micro").join("bare.journal");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    let mut file = File::options()
        .create(true)
        .append(true)
        .open(&path)
        .expect("open");
    let line = [b'x'; 160];
    bencher.bench_local(|| {
        file.write_all(&line).expect("write");
        file.sync_data().expect("fsync");
    });
}

/// Parsing a CSV sample (about 450 bytes a case).
#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn parse_csv_sample(bencher: Bencher<'_, '_>, n: usize) {
    let text = csv_text(n);
    bencher.bench(|| {
        parse_sample(text.as_bytes(), sample::Format::Csv, "bench", None).expect("parse")
    });
}

/// Parsing the same 100,000-case CSV saved in Windows-1252 (as Excel does)
/// rather than UTF-8: the decoding costs one pass (target: within 1.2× of
/// UTF-8).
#[divan::bench(args = ["utf-8", "windows-1252"], sample_count = 10)]
fn parse_csv_100k_by_encoding(bencher: Bencher<'_, '_>, encoding: &str) {
    // Curly quotes and a pound sign, which Windows-1252 holds in one byte.
    let text = csv_text(100_000).replace("medium", "\u{201c}médium\u{201d} \u{a3}5");
    let bytes = if encoding == "utf-8" {
        text.into_bytes()
    } else {
        encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
    };
    bencher.bench(|| parse_sample(&bytes, sample::Format::Csv, "bench", None).expect("parse"));
}

/// An app on `n` generated cases, a third of them graded, in a 120x40
/// terminal that has drawn one frame.
fn app_of(n: usize) -> (App, Terminal<TestBackend>) {
    let sample = sample_of(n);
    let config = Config::default();
    let mut review = Review::new(config.scale.clone(), sample.len());
    for i in (0..n).step_by(3) {
        let change = next_grade(&sample, &review, i as u32);
        review.edit(&sample, change, stamp()).expect("grade");
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
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| casebench::ui::draw(f, &app, &THEME))
        .expect("draw");
    (app, terminal)
}

/// Applies `actions` and draws the frame, as one key press does.
fn keys_and_frame(app: &mut App, terminal: &mut Terminal<TestBackend>, actions: &[Action]) {
    for action in actions {
        app::update(app, action.clone(), Timestamp::now());
    }
    terminal
        .draw(|f| casebench::ui::draw(f, app, &THEME))
        .expect("draw");
}

/// Drawing one frame: no work in proportion to the sample.
#[divan::bench(args = [74, 100_000, 1_000_000])]
fn draw_one_frame(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let mut down = true;
    bencher.bench_local(|| {
        // A new case each frame, so the frame really changes.
        let c = if down {
            Command::MoveDown
        } else {
            Command::MoveUp
        };
        down = !down;
        keys_and_frame(&mut app, &mut terminal, &[Action::Command(c)]);
    });
}

/// A search key: the first letter of a new search, which checks the first
/// 10,000 cases on the key (the rest goes on while idle), then the frame.
/// Opening and cancelling the prompt around it are included.
#[divan::bench(args = [10_000, 100_000], sample_count = 50)]
fn search_first_key(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    bencher.bench_local(|| {
        keys_and_frame(
            &mut app,
            &mut terminal,
            &[
                Action::Command(Command::Search),
                Action::Type(KeySpec::char('s')),
                Action::Command(Command::Close),
            ],
        );
    });
}

/// The next search match (`n`) among the listed cases, then the frame.
#[divan::bench(args = [10_000, 100_000, 1_000_000])]
fn next_match(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    keys_and_frame(&mut app, &mut terminal, &[Action::Command(Command::Search)]);
    for c in "strategy".chars() {
        keys_and_frame(&mut app, &mut terminal, &[Action::Type(KeySpec::char(c))]);
    }
    while app.busy() {
        app::update(&mut app, Action::Tick, Timestamp::now());
    }
    keys_and_frame(
        &mut app,
        &mut terminal,
        &[Action::Command(Command::Confirm)],
    );
    bencher.bench_local(|| {
        keys_and_frame(
            &mut app,
            &mut terminal,
            &[Action::Command(Command::NextMatch)],
        );
    });
}

/// Changing the filter through the picker (ungraded, then all cases), then
/// the frame: the key makes the first step of the filter's pass, the rest
/// is done while idle.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 50)]
fn filter_change(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let mut ungraded = true;
    bencher.bench_local(|| {
        let step = if ungraded {
            Command::MoveDown
        } else {
            Command::MoveUp
        };
        ungraded = !ungraded;
        keys_and_frame(
            &mut app,
            &mut terminal,
            &[
                Action::Command(Command::Filter),
                Action::Command(Command::First),
                Action::Command(step),
                Action::Command(Command::Confirm),
            ],
        );
    });
}

/// A grade key and then `u` (undo), each with its frame: two keys an
/// iteration, as a reviewer's grades are (their journal appends are the
/// terminal layer's, timed by `save_one_grade`).
#[divan::bench(args = [74, 1_000_000], sample_count = 100)]
fn grade_and_undo(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    bencher.bench_local(|| {
        keys_and_frame(&mut app, &mut terminal, &[Action::Grade(1)]);
        keys_and_frame(&mut app, &mut terminal, &[Action::Command(Command::Undo)]);
    });
}

/// `PageDown`, then `G` and `g` (the last case and the first), each with
/// its frame: three keys an iteration.
#[divan::bench(args = [74, 1_000_000], sample_count = 100)]
fn page_end_and_top(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    bencher.bench_local(|| {
        for command in [Command::PageDown, Command::Last, Command::First] {
            keys_and_frame(&mut app, &mut terminal, &[Action::Command(command)]);
        }
    });
}

/// The one key that applies a filter (`Enter` in the picker) at 1,000,000
/// cases, with its frame, for a condition on the review (ungraded) and
/// one on the cases' text (an area); then back to all cases, which costs
/// nothing.
#[divan::bench(args = ["ungraded", "area"], sample_count = 30)]
fn filter_key_at_1m(bencher: Bencher<'_, '_>, condition: &str) {
    let (mut app, mut terminal) = app_of(1_000_000);
    let filter = Filter::only(match condition {
        "ungraded" => Condition::Ungraded,
        _ => Condition::Category(1),
    });
    bencher.bench_local(|| {
        app::filter::set_filter(&mut app, filter.clone());
        terminal
            .draw(|f| casebench::ui::draw(f, &app, &THEME))
            .expect("draw");
        app::filter::set_filter(&mut app, Filter::default());
    });
}

/// The keys that sort the list on the sort picker's option at `place`
/// (4: area, 5: title).
fn sort_keys(place: usize) -> Vec<Action> {
    let mut keys = vec![
        Action::Command(Command::Sort),
        Action::Command(Command::First),
    ];
    keys.extend(vec![Action::Command(Command::MoveDown); place]);
    keys.push(Action::Command(Command::Confirm));
    keys
}

/// Applies `actions`, carries out the sorts they ask for at once (the
/// terminal layer does a big one in a thread) and draws the frame.
fn keys_sort_and_frame(app: &mut App, terminal: &mut Terminal<TestBackend>, actions: &[Action]) {
    for action in actions {
        for effect in app::update(app, action.clone(), Timestamp::now()) {
            if let app::Effect::Sort(job) = effect
                && let Some(sorted) = job.run()
            {
                app::update(app, sorted, Timestamp::now());
            }
        }
    }
    terminal
        .draw(|f| casebench::ui::draw(f, app, &THEME))
        .expect("draw");
}

/// Sorting the whole list on a column of few values (the area; every
/// other `Enter` reverses it): the keys, the sort and the drawn frame.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn sort_by_area(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let keys = sort_keys(4);
    bencher.bench_local(|| keys_sort_and_frame(&mut app, &mut terminal, &keys));
}

/// Sorting the whole list on a column of distinct values (the title).
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn sort_by_title(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let keys = sort_keys(5);
    bencher.bench_local(|| keys_sort_and_frame(&mut app, &mut terminal, &keys));
}

/// The keys that ask for a sort on the title, each with its frame, with
/// the sort itself left to its thread: what the reviewer waits for.
#[divan::bench(args = [1_000_000], sample_count = 20)]
fn sort_keys_alone(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let keys = sort_keys(5);
    bencher.bench_local(|| keys_and_frame(&mut app, &mut terminal, &keys));
}

/// A combined filter (ungraded ∧ flagged ∧ one area) on a list sorted by
/// area, ticked and applied, each key followed by its frame; then back to
/// all cases.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn combined_filter_on_a_sorted_list(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    let c = |c: Command| Action::Command(c);
    keys_sort_and_frame(&mut app, &mut terminal, &sort_keys(4));
    let mut keys = vec![
        c(Command::Filter),
        c(Command::First),
        c(Command::MoveDown),
        c(Command::Toggle),
    ];
    keys.extend(vec![c(Command::MoveDown); 4]);
    keys.push(c(Command::Toggle));
    keys.push(c(Command::MoveDown));
    keys.push(c(Command::Toggle));
    keys.push(c(Command::Confirm));
    keys.extend([c(Command::Filter), c(Command::First), c(Command::Confirm)]);
    let per_run = keys.len();
    println!("combined_filter_on_a_sorted_list: {per_run} keys per iteration");
    bencher.bench_local(|| {
        for key in &keys {
            keys_and_frame(&mut app, &mut terminal, std::slice::from_ref(key));
        }
    });
}

/// Go to a case by its id: open the prompt, type the last id (each key
/// finds the ids that start so by binary search), go, then jump back —
/// each key followed by its frame.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 50)]
fn go_to_and_back(bencher: Bencher<'_, '_>, n: usize) {
    let (mut app, mut terminal) = app_of(n);
    // As the review screen does while the session opens.
    app.sample().order_ids();
    let target = app
        .sample()
        .cases()
        .next_back()
        .map(|c| c.id.to_string())
        .unwrap_or_default();
    let mut keys = vec![Action::Command(Command::GoTo)];
    keys.extend(target.chars().map(|c| Action::Type(KeySpec::char(c))));
    keys.push(Action::Command(Command::Confirm));
    keys.push(Action::Command(Command::JumpBack));
    let per_run = keys.len();
    println!("go_to_and_back: {per_run} keys per iteration (divide the time by it for one key)");
    bencher.bench_local(|| {
        for key in &keys {
            keys_and_frame(&mut app, &mut terminal, std::slice::from_ref(key));
        }
    });
}

/// A key on a case whose narrative is 1 KB or 10 MB (scrolling it), then
/// the frame: the narrative is wrapped once when the case is shown, so the
/// key costs the same at both sizes (it cost seconds at 10 MB before).
#[divan::bench(args = [1_000, 10_000_000])]
fn key_on_a_long_narrative(bencher: Bencher<'_, '_>, bytes: usize) {
    let sentence = "The officer recorded the child's account and the risk assessment. ";
    let mut narrative = String::with_capacity(bytes + 100);
    while narrative.len() < bytes {
        narrative.push_str(sentence);
        if narrative.len() % 700 < sentence.len() {
            narrative.push('\n');
        }
    }
    let mut b = SampleBuilder::new();
    b.push(casebench::model::case::CaseFields {
        id: "LONG-1".into(),
        summary: Some(narrative),
        ..casebench::model::case::CaseFields::default()
    });
    let sample = b.finish(
        "long",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    );
    let mut app = App::starting(
        sample,
        Config::default(),
        "Bench".into(),
        "b.session.ron".into(),
    );
    app::update(&mut app, Action::Resize(120, 40), Timestamp::now());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    keys_and_frame(&mut app, &mut terminal, &[]);
    let mut down = true;
    bencher.bench_local(|| {
        let c = if down {
            Command::ScrollDown
        } else {
            Command::ScrollUp
        };
        down = !down;
        keys_and_frame(&mut app, &mut terminal, &[Action::Command(c)]);
    });
}

/// Rendering the CSV export of a fully graded 100,000-case session.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn csv_export_100k(bencher: Bencher<'_, '_>) {
    let n = 100_000;
    let sample = sample_of(n);
    let config = Config::default();
    let mut review = Review::new(config.scale.clone(), sample.len());
    for i in 0..n {
        let change = next_grade(&sample, &review, i as u32);
        review.edit(&sample, change, stamp()).expect("grade");
    }
    let input = Input::new(&sample, &review, "Bench", &config);
    bencher.bench(|| export::render(Format::Csv, &input, ExportOptions::default()).expect("csv"));
}
