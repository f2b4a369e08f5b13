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
    // The program repaints at 1x1 (and draws into the one cell there is).
    app.wait_for_repaint();
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

/// A terminal may lose what it showed when it shrinks, so every resize must
/// repaint the whole screen, even when the program only ever sees the size
/// it already had (the window went small and back within one frame).
#[test]
fn a_resize_and_back_within_one_frame_repaints_everything() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for_all(&["Tally", &graded(0), "┌ CP-001 "]);
    for _ in 0..5 {
        app.resize_through(&[(1, 1), (120, 40)]);
        app.wait_for_all(&["Tally", &graded(0), "┌ CP-001 "]);
    }
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "quit after resizing: {status:?}");
}
