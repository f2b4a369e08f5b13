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
        SessionFile::read(&session).changes(),
        journal_entries(&session),
        "quitting: the snapshot includes every journalled change"
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
        SessionFile::read(&session).changes(),
        journal_entries(&session),
        "SIG{signal}: on the way out: the snapshot includes every journalled change"
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

/// The terminal window is closed (every master fd of the pty goes away)
/// while the review is open: the app notices, saves a snapshot with every
/// grade and exits cleanly instead of spinning on a dead terminal.
#[test]
fn closing_the_terminal_saves_and_exits() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read as _, Write as _};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let env = Env::new();
    let session = env.demo_session();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_casebench"));
    cmd.env_clear();
    for (k, v) in [
        ("HOME", env.root().to_path_buf()),
        ("XDG_CONFIG_HOME", env.config_home()),
        ("XDG_DATA_HOME", env.data_home()),
        ("USER", "tester".into()),
    ] {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    // The reader stops (and closes its copy of the master) once told to, at
    // the next output, so that closing the master below really hangs up.
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let reader_thread = {
        let (stop, seen) = (Arc::clone(&stop), Arc::clone(&seen));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(Ordering::SeqCst) {
                    break;
                }
                seen.lock().expect("seen").extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut writer = pair.master.take_writer().expect("writer");
    let deadline = Instant::now() + Duration::from_secs(10);
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait("the first frame", &|| {
        String::from_utf8_lossy(&seen.lock().expect("seen")).contains("graded")
    });
    writer.write_all(b"1").expect("type");
    wait("the first grade to be journalled", &|| {
        journal_entries(&session) == 1
    });
    stop.store(true, Ordering::SeqCst);
    writer.write_all(b"3").expect("type");
    wait("the second grade to be journalled", &|| {
        journal_entries(&session) == 2
    });
    reader_thread.join().expect("reader");
    drop(writer);
    drop(pair.master);
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "casebench kept running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "clean exit, not a crash: {status:?}");
    let saved = SessionFile::read(&session);
    assert_eq!(
        saved.grades(),
        vec![
            ("CP-001".to_owned(), "good".to_owned()),
            ("CP-002".to_owned(), "inadequate".to_owned())
        ]
    );
    assert_eq!(
        SessionFile::read(&session).changes(),
        journal_entries(&session),
        "closed terminal: the snapshot includes every journalled change"
    );
}
