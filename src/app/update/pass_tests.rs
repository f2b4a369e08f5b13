//! A filter on a sample bigger than one step of its pass: the key lists
//! the first step's cases and says it is still counting; idle time lists
//! the rest, in the list's order, each case once; the cursor stays on its
//! case, or goes to the next one the filter admits.
//!
//! `sample(n)` puts CP-i in "Detained in custody" when i mod 3 is 1 (picker
//! option 6), "Domestic abuse" when it is 2.

use super::moderation_tests::reading;
use crate::app::filter_pass::{self, STEP};
use crate::app::testing::{app_on, cmd, press, run, sample};
use crate::app::{Action, App, Condition, Filter, Notice};
use crate::keymap::Command;
use crate::model::case::CaseIdx;
use crate::model::team::{Team, TeamRecord};

const DETAINED: usize = 6;
const FLAGGED: usize = 5;

/// Cases: three steps' worth and some.
const CASES: usize = 2 * STEP + 4_000;

fn listed(app: &App) -> Vec<CaseIdx> {
    (0..app.list_len())
        .filter_map(|r| app.list_case(r))
        .collect()
}

fn id(app: &App, idx: CaseIdx) -> String {
    app.sample().id(idx).map(str::to_owned).unwrap_or_default()
}

fn current(app: &App) -> String {
    id(app, app.list.cursor)
}

fn said(app: &App) -> String {
    match app.notice() {
        Some(Notice::Info(t) | Notice::Warning(t)) => t.clone(),
        None => String::new(),
    }
}

/// Ticks the filter picker's option at `place` alone and applies it.
fn filter_on(app: &mut App, place: usize) {
    run(app, &[cmd(Command::Filter), cmd(Command::First)]);
    run(app, &vec![cmd(Command::MoveDown); place]);
    run(app, &[cmd(Command::Toggle), cmd(Command::Confirm)]);
}

fn go(app: &mut App, to: &str) {
    press(app, &["#"]);
    let keys: Vec<String> = to.chars().map(String::from).collect();
    press(app, &keys.iter().map(String::as_str).collect::<Vec<_>>());
    press(app, &["Enter"]);
    assert_eq!(current(app), to);
}

fn finish(app: &mut App) {
    while app.busy() {
        run(app, &[Action::Tick]);
    }
}

/// Every case of the list's order the filter admits, in that order: what
/// one pass over the whole sample lists.
fn whole(app: &App) -> Vec<CaseIdx> {
    let order: Vec<CaseIdx> = match &app.list.order {
        Some(order) => order.rows().to_vec(),
        None => (0..app.sample().len() as CaseIdx).collect(),
    };
    order
        .into_iter()
        .filter(|&i| app.list.filter.admits(app, i))
        .collect()
}

#[test]
fn a_big_sample_is_filtered_a_step_on_the_key_and_the_rest_while_idle() {
    let mut app = app_on(sample(CASES));
    filter_on(&mut app, DETAINED);
    assert!(app.busy(), "the key checked one step of cases");
    let first_step = STEP.div_ceil(3);
    assert_eq!(app.list_len(), first_step);
    assert_eq!(
        said(&app),
        format!(
            "showing Detained in custody: {first_step} so far of {CASES} cases (still counting)"
        )
    );
    assert_eq!(current(&app), "CP-001", "the first case is admitted");
    finish(&mut app);
    assert_eq!(listed(&app), whole(&app));
    assert_eq!(
        said(&app),
        format!(
            "showing Detained in custody: {} of {CASES} cases",
            CASES.div_ceil(3)
        )
    );
}

#[test]
fn an_admitted_case_beyond_the_first_step_stays_under_the_cursor_and_is_listed_once() {
    let mut app = app_on(sample(CASES));
    let far = format!("CP-{}", 2 * STEP + 3);
    go(&mut app, &far);
    filter_on(&mut app, DETAINED);
    assert_eq!(current(&app), far);
    assert_eq!(app.cursor_row(), STEP.div_ceil(3), "after those found");
    finish(&mut app);
    assert_eq!(current(&app), far);
    assert_eq!(listed(&app), whole(&app), "once, in its place");
}

#[test]
fn a_hidden_case_beyond_the_first_step_gives_the_cursor_to_the_next_admitted() {
    let mut app = app_on(sample(CASES));
    go(&mut app, &format!("CP-{}", 2 * STEP + 2));
    filter_on(&mut app, DETAINED);
    let next = format!("CP-{}", 2 * STEP + 3);
    assert_eq!(current(&app), next);
    finish(&mut app);
    assert_eq!(current(&app), next);
    assert_eq!(listed(&app), whole(&app));
}

#[test]
fn a_case_changed_ahead_of_the_pass_is_listed_once_in_its_place() {
    let mut app = app_on(sample(CASES));
    for case in ["CP-010", "CP-50000"] {
        go(&mut app, case);
        press(&mut app, &["f"]);
    }
    // Nothing flagged within a step after it: the case stays listed
    // under the cursor until the pass has been everywhere.
    go(&mut app, "CP-60000");
    filter_on(&mut app, FLAGGED);
    assert_eq!(current(&app), "CP-60000");
    let ids = |app: &App| -> Vec<String> { listed(app).iter().map(|&i| id(app, i)).collect() };
    assert_eq!(ids(&app), ["CP-010", "CP-60000"]);
    press(&mut app, &["f"]);
    assert!(app.busy());
    finish(&mut app);
    assert_eq!(ids(&app), ["CP-010", "CP-50000", "CP-60000"]);
    assert_eq!(listed(&app), whole(&app));
}

#[test]
fn a_sorted_list_is_filtered_in_its_order() {
    let mut app = app_on(sample(STEP + 5_000));
    // Sort on the title, descending (below the size sorted in a thread).
    for _ in 0..2 {
        run(&mut app, &[cmd(Command::Sort), cmd(Command::First)]);
        run(&mut app, &vec![cmd(Command::MoveDown); 5]);
        run(&mut app, &[cmd(Command::Confirm)]);
    }
    assert!(
        app.list
            .order
            .as_ref()
            .is_some_and(crate::app::order::Order::descending)
    );
    // From the top, so that no case is listed ahead of the pass.
    run(&mut app, &[cmd(Command::First)]);
    filter_on(&mut app, DETAINED);
    assert!(app.busy());
    let first = listed(&app);
    finish(&mut app);
    assert_eq!(listed(&app), whole(&app));
    assert!(listed(&app).starts_with(&first), "found in order");
}

#[test]
fn a_moderation_queue_comes_first_then_every_other_case_once() {
    let s = sample(STEP + 5_000);
    let disputed = ["CP-36000", "CP-005", "CP-20000"];
    let record = TeamRecord {
        sources: Vec::new(),
        readings: disputed
            .iter()
            .flat_map(|c| [reading(c, "alice", "good"), reading(c, "bob", "inadequate")])
            .collect(),
        disputed: disputed.iter().map(|&c| c.into()).collect(),
    };
    let team = Team::new(record, &s);
    let app = app_on(s).with_team(Some(team));
    let places: Vec<(usize, CaseIdx)> = (0..app.sample().len() + disputed.len())
        .filter_map(|place| filter_pass::at(&app, place).map(|idx| (place, idx)))
        .collect();
    for &(place, idx) in &places {
        assert_eq!(filter_pass::place_of(&app, idx), place);
    }
    let order: Vec<CaseIdx> = places.iter().map(|&(_, idx)| idx).collect();
    let first: Vec<String> = order[..3].iter().map(|&i| id(&app, i)).collect();
    assert_eq!(first, disputed);
    let mut seen = order.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), app.sample().len(), "every case, once");
    // The list opens on the disagreements; all cases are the queue, then
    // the rest in sample order.
    let mut app = app;
    assert_eq!(listed(&app).len(), 3);
    crate::app::filter::set_filter(&mut app, Filter::default());
    assert!(app.busy());
    finish(&mut app);
    assert_eq!(listed(&app), order);
    // Nothing is flagged: only the case under the cursor stays listed,
    // until the reviewer leaves it.
    crate::app::filter::set_filter(&mut app, Filter::only(Condition::Flagged));
    finish(&mut app);
    assert_eq!(listed(&app), [app.list.cursor]);
}

#[test]
fn a_filter_on_a_running_search_lists_each_match_once_in_order() {
    let mut app = app_on(sample(CASES));
    press(&mut app, &["/"]);
    press(
        &mut app,
        &["n", "u", "m", "b", "e", "r", "Space", "1", "Enter"],
    );
    // The search's option comes after the flag's.
    filter_on(&mut app, FLAGGED + 1);
    assert!(app.busy());
    finish(&mut app);
    assert!(
        app.list
            .search
            .as_ref()
            .is_some_and(crate::app::Search::is_complete)
    );
    assert_eq!(listed(&app), whole(&app));
    assert!(listed(&app).len() > STEP / 3, "many matches");
}

/// A step of the property test below.
#[derive(Debug, Clone)]
enum Step {
    /// Applies a filter of these conditions.
    Filter(Vec<Condition>),
    /// Idle time: this many steps of the pass.
    Idle(usize),
    /// A key.
    Key(Action),
    /// The go-to prompt, to case `CP-n`.
    GoTo(usize),
}

fn steps() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let condition = prop_oneof![
        Just(Condition::Ungraded),
        (0_u8..3).prop_map(Condition::Grade),
        Just(Condition::Flagged),
        (0_u32..3).prop_map(Condition::Category),
    ];
    prop_oneof![
        2 => proptest::collection::vec(condition, 0..3).prop_map(Step::Filter),
        // Mostly beyond the first step of a pass.
        1 => (1..=STEP + 3_000).prop_map(Step::GoTo),
        1 => (STEP..=STEP + 3_000).prop_map(Step::GoTo),
        1 => (1_usize..3).prop_map(Step::Idle),
        1 => (0_u8..3).prop_map(|l| Step::Key(Action::Grade(l))),
        2 => proptest::sample::select(vec![
            Command::Undo,
            Command::Flag,
            Command::MoveDown,
            Command::PageDown,
            Command::Last,
            Command::First,
        ])
        .prop_map(|c| Step::Key(cmd(c))),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(12))]

    /// Whatever filters, keys and idle time come in whatever order, the
    /// list stays in its order with no case twice; once the pass is done
    /// it lists exactly what the filter admits, and the case under the
    /// cursor if a change left it there.
    #[test]
    fn the_list_is_what_the_filter_admits_once_the_pass_is_done(
        script in proptest::collection::vec(steps(), 1..24)
    ) {
        let mut app = app_on(sample(STEP + 3_000));
        for step in script {
            match step {
                Step::Filter(conditions) => {
                    let mut filter = Filter::default();
                    for c in conditions {
                        if !filter.has(c) {
                            filter.toggle(c);
                        }
                    }
                    crate::app::filter::set_filter(&mut app, filter);
                }
                Step::Idle(n) => {
                    run(&mut app, &vec![Action::Tick; n]);
                }
                Step::Key(action) => {
                    run(&mut app, &[action]);
                }
                Step::GoTo(n) => {
                    press(&mut app, &["#"]);
                    let keys: Vec<String> = format!("CP-{n:03}").chars().map(String::from).collect();
                    press(&mut app, &keys.iter().map(String::as_str).collect::<Vec<_>>());
                    press(&mut app, &["Enter"]);
                }
            }
            let keys: Vec<(u32, CaseIdx)> = listed(&app).iter().map(|&i| app.row_key(i)).collect();
            proptest::prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "in order, each once");
        }
        finish(&mut app);
        let mut want = whole(&app);
        let cursor = app.list.cursor;
        if app.list.rows.is_some() && !want.contains(&cursor) && listed(&app).contains(&cursor) {
            want.push(cursor);
            want.sort_by_key(|&i| app.row_key(i));
        }
        if app.list.rows.is_some() {
            proptest::prop_assert_eq!(listed(&app), want);
        }
    }
}
