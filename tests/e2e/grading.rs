//! Journey 1: open the demo, grade, quit, resume, undo and redo.

use super::harness::{Env, SessionFile, graded, journal_entries, journal_path, keys, mode};

/// The list row of case `id` shows grade marker `mark`.
fn list_shows(screen: &str, id: &str, mark: &str) -> bool {
    screen
        .lines()
        .any(|row| row.contains(&format!("│{id} {mark} ")))
}

#[test]
fn grade_quit_resume_undo_redo() {
    let env = Env::new();
    let mut app = env.open(&[]);
    // The demo opens on CP-001 with an empty tally.
    app.wait_for_all(&[&graded(0), "┌ CP-001 ", "No cases have been graded yet"]);
    app.wait_for_status("new review");

    app.send("1233");
    let marks = [
        ("CP-001", "G"),
        ("CP-002", "RI"),
        ("CP-003", "I"),
        ("CP-004", "I"),
    ];
    app.wait_until(
        "4/74 graded, the marks in the list, the sentence, and CP-005 current",
        |s| {
            s.contains(&graded(4))
                && marks.iter().all(|(id, mark)| list_shows(s, id, mark))
                && s.contains(
                    "Practice was assessed as good in 1 case, requiring improvement in 1 case, \
                     and inadequate in 2 cases.",
                )
                && s.contains("┌ CP-005 ")
        },
    );
    let status = app.wait_for_status("saved");
    app.check(!status.contains("NOT SAVED"), "the status line says saved");
    // Shown means saved: every grade on screen is already in the journal.
    let session = env.demo_session();
    assert_eq!(journal_entries(&session), 4, "four journal entries");

    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "quit exits with success: {status:?}");
    app.assert_terminal_restored();
    assert!(session.exists(), "{} exists", session.display());
    assert_eq!(mode(&session), 0o600, "the session is private");
    let file = SessionFile::read(&session);
    assert_eq!(file.version, 2);
    assert_eq!(
        file.grades(),
        [
            ("CP-001", "good"),
            ("CP-002", "requires_improvement"),
            ("CP-003", "inadequate"),
            ("CP-004", "inadequate"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(file.cursor.as_deref(), Some("CP-005"));
    assert_eq!(file.changes(), 4, "the audit trail has every change");
    assert_eq!(
        SessionFile::read(&session).changes(),
        journal_entries(&session),
        "quitting: the snapshot includes every journalled change"
    );
    assert_eq!(
        SessionFile::read(&session).journal.bytes,
        std::fs::metadata(journal_path(&session))
            .expect("journal")
            .len(),
        "the snapshot marks the end of the journal it includes"
    );

    let mut app = env.open(&[]);
    app.wait_for_status("resumed: 4/74 graded");
    // Resumes on the next ungraded case.
    app.wait_for_all(&[&graded(4), "┌ CP-005 "]);

    app.send("u");
    app.wait_until(
        "3/74 graded, CP-004 ungraded in the list and current (undo goes to the case it changed)",
        |s| s.contains(&graded(3)) && list_shows(s, "CP-004", "·") && s.contains("┌ CP-004 "),
    );
    app.wait_for_status("undone");

    app.send(keys::CTRL_R);
    app.wait_until("4/74 graded and CP-004 graded again", |s| {
        s.contains(&graded(4)) && list_shows(s, "CP-004", "I")
    });
    app.wait_for_status("redone");
    assert_eq!(
        journal_entries(&session),
        6,
        "undo and redo are journalled after the first four"
    );

    app.send("q");
    assert!(app.wait_exit().success());
    app.assert_terminal_restored();
    let file = SessionFile::read(&session);
    assert_eq!(file.grades().len(), 4);
    assert_eq!(file.changes(), 6, "undo and redo are in the audit trail");
}
