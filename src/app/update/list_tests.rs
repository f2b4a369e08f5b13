//! Filters combined, sorting and the list's columns in `update`: what the
//! list shows, in what order, and how moving, `n`/`N` and auto-advance
//! follow that order.
//!
//! `sample(12)` puts CP-001, 004, 007, 010 in "Detained in custody", 002,
//! 005, 008, 011 in "Domestic abuse", the rest in "Missing from home or
//! care"; `child_age` is 8 + i mod 9.

use crate::app::testing::{app_on, cmd, press, run, sample};
use crate::app::{Action, App, Condition, Filter, Notice};
use crate::keymap::Command;

fn listed(app: &App) -> Vec<String> {
    (0..app.list_len())
        .filter_map(|r| app.list_case(r))
        .map(|i| {
            app.sample()
                .get(i)
                .map(|c| c.id.to_string())
                .unwrap_or_default()
        })
        .collect()
}

fn current(app: &App) -> String {
    app.current().map(|c| c.id.to_string()).unwrap_or_default()
}

/// Goes to case `id` with the go-to prompt.
fn go(app: &mut App, id: &str) {
    press(app, &["#"]);
    let keys: Vec<String> = id.chars().map(String::from).collect();
    press(app, &keys.iter().map(String::as_str).collect::<Vec<_>>());
    press(app, &["Enter"]);
}

fn said(app: &App) -> String {
    match app.notice() {
        Some(Notice::Info(t) | Notice::Warning(t)) => t.clone(),
        None => String::new(),
    }
}

/// Ticks the filter picker's options at these places and applies them.
fn tick_filter(app: &mut App, places: &[usize]) {
    run(app, &[cmd(Command::Filter)]);
    for &place in places {
        run(app, &[cmd(Command::First)]);
        run(app, &vec![cmd(Command::MoveDown); place]);
        run(app, &[cmd(Command::Toggle)]);
    }
    run(app, &[cmd(Command::Confirm)]);
}

/// Sorts on the sort picker's option at `place` (0: sample order, then
/// id, grade, flag, area, title, opened, `child_age`).
fn sort_on(app: &mut App, place: usize) {
    run(app, &[cmd(Command::Sort), cmd(Command::First)]);
    run(app, &vec![cmd(Command::MoveDown); place]);
    run(app, &[cmd(Command::Confirm)]);
}

const UNGRADED: usize = 1;
const FLAGGED: usize = 5;
const DETAINED: usize = 6;
const DOMESTIC: usize = 7;
const AREA: usize = 4;
const GRADE: usize = 2;
const CHILD_AGE: usize = 7;

#[test]
fn ticked_conditions_of_different_kinds_must_all_hold() {
    let mut app = app_on(sample(12));
    // Grade CP-001 and CP-007; flag CP-004 and CP-010.
    run(&mut app, &[Action::Grade(0)]);
    go(&mut app, "CP-007");
    press(&mut app, &["1"]);
    go(&mut app, "CP-004");
    press(&mut app, &["f"]);
    go(&mut app, "CP-010");
    press(&mut app, &["f"]);
    tick_filter(&mut app, &[UNGRADED, DETAINED]);
    assert_eq!(listed(&app), ["CP-004", "CP-010"]);
    assert_eq!(
        said(&app),
        "showing ungraded · Detained in custody: 2 of 12 cases"
    );
    tick_filter(&mut app, &[FLAGGED]);
    assert_eq!(
        app.filter().label(&app),
        "ungraded · flagged · Detained in custody"
    );
    assert_eq!(listed(&app), ["CP-004", "CP-010"]);
    // Untick "ungraded": flagged ∧ detained, graded or not.
    tick_filter(&mut app, &[UNGRADED]);
    assert_eq!(listed(&app), ["CP-004", "CP-010"]);
    go(&mut app, "CP-004");
    press(&mut app, &["2"]);
    // The picker opens on the filter's first condition: Enter alone keeps
    // the combination.
    tick_filter(&mut app, &[]);
    assert_eq!(app.filter().conditions().len(), 2);
}

#[test]
fn two_areas_are_either_and_enter_alone_picks_the_highlighted_one() {
    let mut app = app_on(sample(12));
    tick_filter(&mut app, &[DETAINED, DOMESTIC]);
    assert_eq!(app.list_len(), 8);
    assert_eq!(
        app.filter().label(&app),
        "Detained in custody or Domestic abuse"
    );
    // Nothing ticked: the highlighted option alone.
    run(&mut app, &[cmd(Command::Filter), cmd(Command::First)]);
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::Confirm)]);
    assert_eq!(app.filter(), &Filter::only(Condition::Ungraded));
    // Ticking "all cases" clears every tick.
    tick_filter(&mut app, &[0]);
    assert!(app.filter().is_all());
}

#[test]
fn the_kept_search_is_a_condition_and_leaves_with_the_search() {
    let mut app = app_on(sample(12));
    run(&mut app, &[Action::Grade(0)]);
    press(&mut app, &["/"]);
    press(
        &mut app,
        &["n", "u", "m", "b", "e", "r", "Space", "1", "Enter"],
    );
    // The picker now offers the search, after "flagged".
    assert!(app.filter_options().contains(&Some(Condition::Matching)));
    tick_filter(&mut app, &[UNGRADED, FLAGGED + 1]);
    assert_eq!(listed(&app), ["CP-010", "CP-011", "CP-012"]);
    assert_eq!(app.filter().label(&app), "ungraded · matching \"number 1\"");
    // A new search re-applies the filter with its matches ("2" is in
    // CP-002, CP-012, and in CP-004's child_age, 12).
    press(&mut app, &["/", "2", "Enter"]);
    assert_eq!(listed(&app), ["CP-002", "CP-004", "CP-012"]);
    // Clearing the search takes its condition away.
    press(&mut app, &["Esc"]);
    assert_eq!(app.filter(), &Filter::only(Condition::Ungraded));
    assert_eq!(app.list_len(), 11);
}

#[test]
fn sorting_orders_the_list_and_again_reverses_it_keeping_the_case() {
    let mut app = app_on(sample(12));
    go(&mut app, "CP-005");
    sort_on(&mut app, AREA);
    assert_eq!(said(&app), "sorted by Area ↑");
    assert_eq!(
        listed(&app)[..5],
        ["CP-001", "CP-004", "CP-007", "CP-010", "CP-002"]
    );
    assert_eq!(current(&app), "CP-005", "the current case stays current");
    run(&mut app, &[cmd(Command::MoveDown)]);
    assert_eq!(current(&app), "CP-008", "movement follows the list");
    sort_on(&mut app, AREA);
    assert_eq!(said(&app), "sorted by Area ↓");
    assert_eq!(listed(&app)[..2], ["CP-003", "CP-006"]);
    sort_on(&mut app, 0);
    assert_eq!(said(&app), "in sample order");
    assert_eq!(listed(&app)[..2], ["CP-001", "CP-002"]);
    assert!(app.order().is_none());
}

#[test]
fn a_sample_column_sorts_its_numbers_as_numbers_within_a_filter() {
    let mut app = app_on(sample(12));
    tick_filter(&mut app, &[DOMESTIC]);
    sort_on(&mut app, CHILD_AGE);
    sort_on(&mut app, CHILD_AGE);
    // Ages 10, 13, 16, 10 for CP-002, 005, 008, 011: descending, and
    // equal ages in sample order.
    assert_eq!(listed(&app), ["CP-008", "CP-005", "CP-002", "CP-011"]);
    assert_eq!(app.order_label().as_deref(), Some("Child age ↓"));
}

#[test]
fn auto_advance_and_next_match_follow_the_sorted_list() {
    let mut app = app_on(sample(12));
    sort_on(&mut app, AREA);
    run(&mut app, &[cmd(Command::First), Action::Grade(0)]);
    assert_eq!(current(&app), "CP-004", "the next ungraded case as listed");
    press(&mut app, &["/", "n", "u", "m", "b", "e", "r", "Enter"]);
    run(&mut app, &[cmd(Command::NextMatch)]);
    assert_eq!(current(&app), "CP-007");
    run(
        &mut app,
        &[cmd(Command::PreviousMatch), cmd(Command::PreviousMatch)],
    );
    assert_eq!(current(&app), "CP-001");
    run(&mut app, &[cmd(Command::PreviousMatch)]);
    assert_eq!(current(&app), "CP-012", "wraps to the bottom of the list");
    // Grading the last listed case goes back to the first ungraded as
    // listed, and says so.
    run(&mut app, &[Action::Grade(1)]);
    assert_eq!(current(&app), "CP-004");
    assert!(
        said(&app).contains("back to the first ungraded case, CP-004"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_grade_does_not_move_its_row_in_a_list_sorted_by_grade() {
    let mut app = app_on(sample(6));
    run(&mut app, &[cmd(Command::Last), Action::Grade(0)]);
    sort_on(&mut app, GRADE);
    assert_eq!(listed(&app)[0], "CP-006", "graded first, ungraded last");
    run(&mut app, &[cmd(Command::Last), Action::Grade(2)]);
    assert_eq!(
        listed(&app),
        ["CP-006", "CP-001", "CP-002", "CP-003", "CP-004", "CP-005"],
        "sorted when chosen, like a spreadsheet"
    );
    sort_on(&mut app, GRADE);
    sort_on(&mut app, GRADE);
    assert_eq!(listed(&app)[..2], ["CP-006", "CP-005"], "sorted again");
}

#[test]
fn the_column_picker_chooses_the_list_columns_in_order() {
    let mut app = app_on(sample(3));
    assert_eq!(app.list_columns().len(), 2, "opened and title by default");
    run(&mut app, &[cmd(Command::Columns)]);
    // Untick title and opened, tick child_age then title.
    run(
        &mut app,
        &[
            cmd(Command::Toggle),
            cmd(Command::MoveDown),
            cmd(Command::Toggle),
        ],
    );
    run(&mut app, &[cmd(Command::MoveDown), cmd(Command::Toggle)]);
    run(
        &mut app,
        &[
            cmd(Command::First),
            cmd(Command::Toggle),
            cmd(Command::Confirm),
        ],
    );
    let headings: Vec<String> = app
        .list_columns()
        .iter()
        .map(|c| c.heading(app.sample()))
        .collect();
    assert_eq!(headings, ["Child age", "Title"]);
    assert!(
        said(&app).starts_with("the list shows Child age, Title"),
        "{}",
        said(&app)
    );
    // Esc leaves them as they were.
    run(
        &mut app,
        &[
            cmd(Command::Columns),
            cmd(Command::Toggle),
            cmd(Command::Close),
        ],
    );
    assert_eq!(app.list_columns().len(), 2);
}

#[test]
fn with_the_case_focused_movement_keys_move_in_the_case() {
    let config = crate::config::sample::SampleSetup::demo(crate::config::Config::default()).config;
    let mut app = crate::app::testing::app_with(crate::store::sample::demo_sample(), config);
    run(&mut app, &[Action::Resize(80, 24)]);
    press(&mut app, &["Tab"]);
    assert_eq!(app.focus(), crate::app::Focus::Case);
    press(&mut app, &["j", "j"]);
    assert_eq!(
        (current(&app).as_str(), app.narrative_scroll()),
        ("CP-001", 2)
    );
    press(&mut app, &["G"]);
    let end = app.narrative_scroll();
    assert!(end > 10, "the end of the case: {end}");
    press(&mut app, &["g"]);
    assert_eq!(app.narrative_scroll(), 0);
    press(&mut app, &["PageDown"]);
    assert!(app.narrative_scroll() > 2);
    // Back to the list: j chooses the next case again.
    press(&mut app, &["Tab", "j"]);
    assert_eq!(current(&app), "CP-002");
    // A click on the case view focuses it; on the list, the list.
    run(&mut app, &[Action::Click(60, 10)]);
    assert_eq!(app.focus(), crate::app::Focus::Case);
    run(&mut app, &[Action::Click(5, 4)]);
    assert_eq!(app.focus(), crate::app::Focus::List);
    assert_eq!(current(&app), "CP-003", "the row clicked");
}

/// 25,000 cases, searched for "number 24" (cases 24, 240-249,
/// 2,400-2,499 and 24,000-24,999): the search's first step covers the
/// first 10,000 cases. Sorted on the area first if `sorted`.
fn searching_a_big_sample(sorted: bool) -> App {
    let mut app = app_on(sample(25_000));
    if sorted {
        sort_on(&mut app, AREA);
    }
    press(&mut app, &["/"]);
    press(
        &mut app,
        &["n", "u", "m", "b", "e", "r", "Space", "2", "4", "Enter"],
    );
    app
}

#[test]
fn a_sorted_list_filtered_on_a_running_search_is_whole_when_the_search_is() {
    let mut app = searching_a_big_sample(true);
    tick_filter(&mut app, &[FLAGGED + 1]);
    assert_eq!(app.list_len(), 111, "the matches found so far");
    while app.busy() {
        run(&mut app, &[Action::Tick]);
    }
    assert_eq!(app.list_len(), 1111);
    let areas: Vec<String> = listed(&app)
        .iter()
        .filter_map(|id| {
            let idx = app.sample().position(id)?;
            app.sample().get(idx)?.category.map(str::to_owned)
        })
        .collect();
    assert!(areas.is_sorted(), "still sorted on the area");
}

#[test]
fn a_filter_on_a_search_still_running_lists_the_matches_so_far_and_grows() {
    let mut app = searching_a_big_sample(false);
    tick_filter(&mut app, &[FLAGGED + 1]);
    assert!(
        app.busy(),
        "the filter does not finish the search on the key"
    );
    assert_eq!(app.list_len(), 111, "the matches found so far");
    assert!(
        said(&app).contains("111 so far of 25000 cases (still searching)"),
        "{}",
        said(&app)
    );
    while app.busy() {
        run(&mut app, &[Action::Tick]);
    }
    assert_eq!(app.list_len(), 1111, "the list grew with the search");
    assert_eq!(listed(&app)[111], "CP-24000");
    assert_eq!(
        said(&app),
        "showing matching \"number 24\": 1111 of 25000 cases"
    );
}
