//! Journey 5: `--fresh` starts over and keeps the old session as a backup.

use super::harness::{Env, SessionFile, graded, mode};

#[test]
fn fresh_keeps_a_backup() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for(&graded(0));
    app.send("12");
    app.wait_for(&graded(2));
    app.send("q");
    assert!(app.wait_exit().success());

    let mut app = env.open(&["--fresh"]);
    let status = app.wait_for_status("new review");
    app.check(
        status.contains("backup"),
        "the status line says where the previous review was kept",
    );
    app.wait_for_all(&[&graded(0), "┌ CP-001 "]);
    app.send("q");
    assert!(app.wait_exit().success());

    let backups: Vec<_> = std::fs::read_dir(env.sessions_dir())
        .expect("sessions folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("demo.session.backup") && name.ends_with(".ron")
        })
        .collect();
    assert_eq!(backups.len(), 1, "one backup: {backups:?}");
    assert_eq!(mode(&backups[0]), 0o600, "the backup stays private");
    let backup = SessionFile::read(&backups[0]);
    assert_eq!(
        backup.grades(),
        [("CP-001", "good"), ("CP-002", "requires_improvement")]
            .map(|(a, b)| (a.to_owned(), b.to_owned())),
        "the backup holds the previous review"
    );
    let current = SessionFile::read(&env.demo_session());
    assert!(current.grades().is_empty(), "the new session starts empty");
}
