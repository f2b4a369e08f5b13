//! Journey 8: tiny terminals and resizes never crash the review.

use super::harness::{Env, graded};

#[test]
fn a_tiny_terminal_still_shows_progress() {
    let env = Env::new();
    let mut app = env.spawn(&[], 20, 5);
    app.wait_for("0/74 graded");
    app.check(app.is_alive(), "casebench runs at 20x5");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "quit at 20x5: {status:?}");
}

#[test]
fn resizing_down_to_one_cell_and_back() {
    let env = Env::new();
    let mut app = env.spawn(&[], 20, 5);
    app.wait_for("0/74 graded");

    app.resize(120, 40);
    app.wait_for_all(&["Tally", &graded(0), "┌ CP-001 "]);

    app.resize(1, 1);
    // Something is drawn in the one cell there is.
    app.wait_until("a redraw at 1x1", |s| !s.trim().is_empty());
    app.check(app.is_alive(), "casebench survives a 1x1 terminal");

    app.resize(120, 40);
    app.wait_for_all(&["Tally", &graded(0), "┌ CP-001 "]);
    app.check(app.is_alive(), "casebench is still running");

    // Still usable after all that.
    app.send("1");
    app.wait_for(&graded(1));
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "quit after resizing: {status:?}");
    app.assert_terminal_restored();
}
