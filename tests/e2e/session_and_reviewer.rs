//! Journey 6: `--session FILE` and `--reviewer NAME`; two reviewers of one
//! sample; a first start with no name known.

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
    // Named on purpose, and said: this is someone else's work.
    app.wait_for_status("this is Dana Scully's session: your changes are recorded as tester");
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

/// Blind second reading: two reviewers sharing one data folder (a shared
/// drive) each open the same sample by its name alone and grade in their
/// own session; neither sees the other's grades.
#[test]
fn two_reviewers_of_one_sample_never_share_a_session() {
    let env = Env::new();
    let mut alice = env.open(&["--reviewer", "alice"]);
    alice.wait_for(&graded(0));
    alice.send("1");
    alice.wait_for(&graded(1));
    alice.send("q");
    assert!(alice.wait_exit().success());

    let mut bob = env.open(&["--reviewer", "bob"]);
    // Nothing of alice's review: a new one, no grade given.
    bob.wait_for_status("new review: 0/74 graded");
    bob.send("3");
    bob.wait_for(&graded(1));
    bob.send("q");
    assert!(bob.wait_exit().success());

    let a = SessionFile::read(&env.sessions_dir().join("demo.alice.session.ron"));
    let b = SessionFile::read(&env.sessions_dir().join("demo.bob.session.ron"));
    assert_eq!(a.grades(), [("CP-001".to_owned(), "good".to_owned())]);
    assert_eq!(b.grades(), [("CP-001".to_owned(), "inadequate".to_owned())]);
    assert_eq!((a.reviewer.as_str(), b.reviewer.as_str()), ("alice", "bob"));
}

#[test]
fn with_no_name_known_the_first_start_asks_once_and_saves_it() {
    let env = Env::unnamed();
    let mut app = env.open(&[]);
    app.wait_for("Your name (Enter to go on as \"reviewer\"):");
    app.send("Ann Lee\r");
    app.wait_for("Save \"Ann Lee\" as your name in");
    app.send("\r");
    app.wait_for(&graded(0));
    app.send("1");
    app.wait_for(&graded(1));
    app.send("q");
    assert!(app.wait_exit().success());
    let config = std::fs::read_to_string(env.config_home().join("casebench/config.ron"))
        .expect("the config was written");
    assert!(config.contains("reviewer: \"Ann Lee\""), "{config}");
    let own = std::fs::read_dir(env.sessions_dir())
        .expect("sessions")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.starts_with("demo.Ann_Lee-") && n.ends_with(".session.ron"))
        })
        .expect("a session of Ann Lee's own");
    assert_eq!(SessionFile::read(&own).reviewer, "Ann Lee");

    // The next start knows the name: no question, the same review.
    let mut again = env.open(&[]);
    again.wait_for_status("resumed: 1/74 graded");
    assert!(!again.screen().contains("Your name"));
    again.send("q");
    assert!(again.wait_exit().success());
}
