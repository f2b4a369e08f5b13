//! Journey 6: `--session FILE` and `--reviewer NAME`.

use super::harness::{Env, SessionFile, graded, mode};

#[test]
fn session_file_and_reviewer_name_are_used() {
    let env = Env::new();
    let session = env.root().join("elsewhere").join("mine.session.ron");
    let session_arg = session.to_string_lossy().into_owned();
    let mut app = env.open(&["--session", &session_arg, "--reviewer", "Dana Scully"]);
    app.wait_for(&graded(0));
    app.send("2");
    app.wait_for(&graded(1));
    app.send("q");
    assert!(app.wait_exit().success());

    assert!(session.exists(), "the session is written at {session_arg}");
    assert_eq!(mode(&session), 0o600);
    assert!(
        !env.demo_session().exists(),
        "nothing is written to the default session"
    );
    let text = std::fs::read_to_string(&session).expect("read session");
    assert!(
        text.contains("\"Dana Scully\""),
        "the session records the reviewer:\n{text}"
    );
    let file = SessionFile::read(&session);
    assert_eq!(file.reviewer, "Dana Scully");
    assert_eq!(file.cases.len(), 1);
    assert_eq!(file.cases[0].id, "CP-001");
    assert_eq!(file.cases[0].grade.as_deref(), Some("requires_improvement"));
    assert_eq!(file.cases[0].by.as_deref(), Some("Dana Scully"));

    // Without --reviewer, the login name (USER=tester) grades.
    let mut app = env.open(&["--session", &session_arg]);
    app.wait_for_status("resumed: 1/74 graded");
    app.send("3");
    app.wait_for(&graded(2));
    app.send("q");
    assert!(app.wait_exit().success());
    let file = SessionFile::read(&session);
    assert_eq!(file.reviewer, "tester");
    assert_eq!(file.cases[1].id, "CP-002");
    assert_eq!(file.cases[1].by.as_deref(), Some("tester"));
    assert_eq!(
        file.cases[0].by.as_deref(),
        Some("Dana Scully"),
        "earlier work keeps its author"
    );
}
