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
            name.starts_with("demo.tester.session.backup") && name.ends_with(".ron")
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

/// `--fresh --session` naming a file that is not a session (here the
/// sample itself) moves nothing and leaves no lock or journal beside it.
#[test]
fn fresh_never_moves_a_file_that_is_not_a_session() {
    let env = Env::new();
    let sample = env.write("s.csv", "id,title\nA,one\n");
    let before = std::fs::read(&sample).expect("sample");
    let s = sample.to_string_lossy().into_owned();
    let mut app = env.open(&["--fresh", "--session", &s, &s]);
    let (status, output) = app.output_after_exit();
    assert!(!status.success(), "{output:?}");
    assert!(output.contains("is not a casebench session"), "{output:?}");
    assert_eq!(std::fs::read(&sample).expect("still there"), before);
    let beside: Vec<String> = std::fs::read_dir(env.root())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("s.csv"))
        .collect();
    assert_eq!(beside, ["s.csv"], "nothing new beside the sample");
}

/// A session named through a symbolic link is the file it points to: its
/// journal is kept beside that file, so the session never forks.
#[test]
fn a_session_through_a_symlink_is_the_file_it_points_to() {
    let env = Env::new();
    let real = env.root().join("real.session.ron");
    let mut app = env.open(&["--session", &real.to_string_lossy()]);
    app.wait_for(&graded(0));
    app.send("1");
    app.wait_for(&graded(1));
    app.send("q");
    assert!(app.wait_exit().success());
    let link = env.root().join("link.session.ron");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let mut app = env.open(&["--session", &link.to_string_lossy()]);
    app.wait_for(&graded(1));
    app.send("3");
    app.wait_for(&graded(2));
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(
        !env.root().join("link.session.ron.journal").exists(),
        "no journal beside the link"
    );
    assert_eq!(SessionFile::read(&real).grades().len(), 2);
}
