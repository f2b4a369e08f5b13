//! Journey 3: a grade shown on screen survives SIGKILL.

use super::harness::{Env, SessionFile, graded, journal_entries, journal_path};

#[test]
fn grades_shown_survive_sigkill() {
    let env = Env::new();
    let session = env.demo_session();
    let mut app = env.open(&[]);
    app.wait_for(&graded(0));
    let snapshot_before = std::fs::read(&session).expect("the new session's snapshot");

    let keys = "1231231231";
    for (n, key) in keys.chars().enumerate() {
        app.send(&key.to_string());
        app.wait_for(&graded(n + 1));
    }
    app.kill_hard();

    assert!(
        journal_path(&session).exists(),
        "the journal is beside the session"
    );
    assert_eq!(
        journal_entries(&session),
        10,
        "each grade shown was journalled"
    );
    assert_eq!(
        std::fs::read(&session).expect("snapshot"),
        snapshot_before,
        "grading appends to the journal; the snapshot is not rewritten per grade"
    );

    let mut app = env.open(&[]);
    app.wait_for_status("resumed: 10/74 graded");
    // On the case the last saved change left the reviewer on.
    app.wait_for_all(&[&graded(10), "┌ CP-011 "]);
    app.send("q");
    assert!(app.wait_exit().success());

    let file = SessionFile::read(&session);
    let levels = ["good", "requires_improvement", "inadequate"];
    let expected: Vec<(String, String)> = (1..=10)
        .map(|n| (format!("CP-{n:03}"), levels[(n - 1) % 3].to_owned()))
        .collect();
    assert_eq!(file.grades(), expected, "all ten grades are kept");
    assert_eq!(file.cursor.as_deref(), Some("CP-011"));
    assert_eq!(
        journal_entries(&session),
        0,
        "quitting compacts the journal"
    );
}

/// SIGTERM (asked to stop) and SIGHUP (terminal gone) end the review the way
/// `q` does: terminal restored, snapshot written, journal folded into it.
fn stop_with(signal: &str) {
    let env = Env::new();
    let session = env.demo_session();
    let mut app = env.open(&[]);
    app.wait_for(&graded(0));
    app.send("123");
    app.wait_for(&graded(3));
    app.signal(signal);
    app.wait_exit();
    app.assert_terminal_restored();
    let file = SessionFile::read(&session);
    assert_eq!(
        file.grades().len(),
        3,
        "SIG{signal}: grades in the snapshot"
    );
    assert_eq!(
        file.cursor.as_deref(),
        Some("CP-004"),
        "SIG{signal}: cursor"
    );
    assert_eq!(
        journal_entries(&session),
        0,
        "SIG{signal}: the journal was compacted on the way out"
    );
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    stop_with("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    stop_with("HUP");
}
