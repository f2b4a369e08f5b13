//! Journeys with a sample big enough to take a while: its first cases show
//! at once, with how far the reading has got; `Esc` cancels it before
//! anything is written; once it is read, the review goes on from the case
//! the reviewer moved to. Ctrl-C stops a long command at once.

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::PathBuf;

use super::harness::{Env, SessionFile, journal_entries};

/// A CSV of `n` cases `BIG-000000`… in `env`.
fn big_csv(env: &Env, n: usize) -> PathBuf {
    let mut csv = String::from("id,title,category,opened,summary\n");
    for i in 0..n {
        let _ = writeln!(
            csv,
            "BIG-{i:06},Case {i},Missing from home or care,2025-06-12,The child was found at 03:10 after {i} hours of searching by the response team."
        );
    }
    env.write("big.csv", &csv)
}

#[test]
fn a_big_sample_shows_its_first_cases_at_once_and_esc_cancels_it() {
    let env = Env::new();
    // 400,000 cases: seconds to read in a test build.
    let sample = big_csv(&env, 400_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for_all(&["┌ BIG-000000 ", "still counting", "Esc cancel"]);
    app.send("j");
    app.wait_for("┌ BIG-000001 ");
    app.send("\x1b");
    let (status, output) = app.output_after_exit();
    assert!(status.success(), "{output}");
    assert!(
        output.contains("cancelled: nothing was written"),
        "{output}"
    );
    assert!(
        env.no_session_started(),
        "no session is started for a sample whose reading was cancelled"
    );
}

#[test]
fn once_read_the_review_goes_on_from_where_the_reviewer_moved() {
    let env = Env::new();
    let sample = big_csv(&env, 40_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("┌ BIG-000000 ");
    // Whether these land on the first cases or on the whole sample, the
    // review is on the third case when it is read.
    app.send("jj");
    app.wait_for_all(&["0/40000 graded", "┌ BIG-000002 "]);
    app.send("1");
    app.wait_for_all(&["1/40000 graded", "┌ BIG-000003 "]);
    app.send("q");
    assert!(app.wait_exit().success());
}

/// Ctrl-C during a command ends it at once, with 130 as a shell expects,
/// saying so; it never waits for the work to finish. The sample is a
/// named pipe nobody writes to, so the command is surely still reading
/// when the signal comes: once this side has opened the pipe, casebench
/// has opened it too, and its handler was set up before that.
#[test]
fn ctrl_c_during_a_command_stops_it_with_130() {
    let env = Env::new();
    let pipe = env.root().join("slow.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let child = env
        .command(&["validate", &pipe.to_string_lossy()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start casebench");
    let writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&pipe)
        .expect("open the pipe");
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let out = child.wait_with_output().expect("wait");
    drop(writer);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted; no file was left half-written"),
        "{stderr}"
    );
}

#[test]
fn a_big_sample_sorts_in_the_background_and_keys_go_on_working() {
    let env = Env::new();
    // Big enough to be sorted in a thread (50,000 cases and more).
    let sample = big_csv(&env, 60_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("0/60000 graded");
    // The sort picker: sample order, case, grade, flag, area, title.
    app.send("sjjjjj\r");
    app.wait_for("sorted by Title ↑");
    // Again on the title: reversed, the highest number first.
    app.send("s\r");
    app.wait_for("sorted by Title ↓");
    // The current case stays current; the top of the list is the last case.
    app.send("g");
    app.wait_for("┌ BIG-059999 ");
    // The picker opens on the current sort: one up is the area. A key
    // while that sort runs is taken at once, and the sort still lands.
    app.send("sk\rj");
    app.wait_for("sorted by Area ↑");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn a_big_sample_is_exported_in_the_background() {
    let env = Env::new();
    // Big enough to be exported in a thread (50,000 cases and more).
    let sample = big_csv(&env, 60_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("0/60000 graded");
    app.send("3");
    app.wait_for("1/60000 graded");
    app.send("x");
    app.wait_for("Export");
    app.send("\r");
    let name = app.exported_file();
    app.send("q");
    assert!(app.wait_exit().success());
    let path = env.root().join(&name);
    let text = std::fs::read_to_string(&path).expect("the export");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 60_001, "the header and every case");
    assert!(rows[1].starts_with("BIG-000000,Case 0,"), "{}", rows[1]);
    assert!(rows[1].contains(",inadequate,"), "{}", rows[1]);
    assert!(rows[60_000].starts_with("BIG-059999,"), "{}", rows[60_000]);
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// The session file of the only review in `env`.
fn only_session(env: &Env) -> PathBuf {
    let sessions: Vec<PathBuf> = std::fs::read_dir(env.sessions_dir())
        .expect("sessions")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.to_string_lossy().ends_with(".session.ron"))
        .collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    sessions[0].clone()
}

#[test]
fn the_first_cases_are_graded_while_the_sample_is_read_and_q_saves_them() {
    let env = Env::new();
    let sample = big_csv(&env, 400_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for_all(&["┌ BIG-000000 ", "grade the first cases meanwhile"]);
    app.send("1");
    // Kept (beside the session, whose journal waits for it to open), on
    // the next case, while the sample is still read.
    app.wait_for_all(&[
        "q quits once the session opens",
        "✓ saved",
        "┌ BIG-000001 ",
        "still counting",
    ]);
    let kept = env
        .sessions_dir()
        .join(format!("{}.ahead", only_session_name(&env)));
    assert!(kept.exists(), "kept beside the session: {}", kept.display());
    // Quitting waits for the session to open and journals the grade.
    app.send("q");
    let (status, output) = app.output_after_exit();
    assert!(status.success(), "{output}");
    let saved = SessionFile::read(&only_session(&env));
    assert_eq!(
        saved.grades(),
        [("BIG-000000".to_owned(), "good".to_owned())]
    );
    assert_eq!(journal_entries(&only_session(&env)), 1);
    assert!(!kept.exists(), "in the journal: no longer kept beside it");
}

/// The name the session of the big sample in `env` gets (the only file
/// of its folder that is not a lock).
fn only_session_name(env: &Env) -> String {
    std::fs::read_dir(env.sessions_dir())
        .expect("sessions")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix(".session.ron.lock")
                .map(|n| format!("{n}.session.ron"))
        })
        .expect("the session's lock")
}

/// A kill while the sample is read, after a grade: the grade was kept
/// beside the session, and the next opening takes it in.
#[test]
fn a_grade_given_while_the_sample_is_read_survives_a_kill() {
    let env = Env::new();
    let sample = big_csv(&env, 400_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("grade the first cases meanwhile");
    app.send("3");
    app.wait_for_all(&["✓ saved", "still counting"]);
    app.kill_hard();
    drop(app);
    // `check` says what is kept, and that nothing needs repair.
    let session = env.sessions_dir().join(only_session_name(&env));
    let checked = env.run(&["check", &session.to_string_lossy()]);
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{said}");
    assert!(
        said.contains("kept while the sample was read: 1 change, not in the journal yet"),
        "{said}"
    );
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for_all(&[
        "1/400000 graded",
        "new review: 0/400000 graded, and 1 change made during the read",
    ]);
    app.send("q");
    assert!(app.wait_exit().success());
    let saved = SessionFile::read(&only_session(&env));
    assert_eq!(
        saved.grades(),
        [("BIG-000000".to_owned(), "inadequate".to_owned())]
    );
}

#[test]
fn a_resumed_review_shows_its_grades_on_the_first_cases_and_they_go_on_being_graded() {
    let env = Env::new();
    let sample = big_csv(&env, 400_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("0/400000 graded");
    app.send("1");
    app.wait_for("1/400000 graded");
    app.send("q");
    assert!(app.wait_exit().success());
    // Opened again: while the sample is read, the first cases show the
    // session's grade and the case it was left on, and take grades.
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_until("the session's grade on the first cases", |screen| {
        screen.contains("still counting")
            && screen.contains(" 1/")
            && screen.contains("┌ BIG-000001 ")
    });
    app.send("3");
    app.wait_for("q quits once the session opens");
    app.wait_for_all(&[
        "2/400000 graded",
        "1/400000 graded, and 1 change made during the read",
        "✓ saved",
    ]);
    app.send("q");
    assert!(app.wait_exit().success());
    let saved = SessionFile::read(&only_session(&env));
    assert_eq!(
        saved.grades(),
        [
            ("BIG-000000".to_owned(), "good".to_owned()),
            ("BIG-000001".to_owned(), "inadequate".to_owned())
        ]
    );
}

/// SIGHUP (the terminal gone) while the sample is still read and a grade
/// waits: casebench waits for the session to open, saves the grade, and
/// gives the terminal back.
#[test]
fn a_hang_up_while_the_sample_is_read_still_saves_the_grade_given_meanwhile() {
    let env = Env::new();
    let sample = big_csv(&env, 400_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("grade the first cases meanwhile");
    app.send("2");
    app.wait_for_all(&["q quits once the session opens", "still counting"]);
    app.signal("HUP");
    app.wait_exit();
    app.assert_terminal_restored();
    let saved = SessionFile::read(&only_session(&env));
    assert_eq!(
        saved.grades(),
        [("BIG-000000".to_owned(), "requires_improvement".to_owned())]
    );
}

/// `--fresh` on a big sample moves the old review aside under the lock
/// taken while the sample is read (it once failed on that very lock).
#[test]
fn fresh_on_a_big_sample_keeps_the_old_review_aside() {
    let env = Env::new();
    // Over 4 MB: shown while it is read.
    let sample = big_csv(&env, 40_000);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    app.wait_for("0/40000 graded");
    app.send("1");
    app.wait_for("1/40000 graded");
    app.send("q");
    assert!(app.wait_exit().success());
    let mut app = env.open(&[&sample.to_string_lossy(), "--fresh"]);
    app.wait_for_all(&["0/40000 graded", "the previous one is kept as"]);
    app.send("q");
    let (status, output) = app.output_after_exit();
    assert!(status.success(), "{output}");
    let backups = std::fs::read_dir(env.sessions_dir())
        .expect("sessions")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".backup"))
        .count();
    assert!(backups >= 1, "the old review is kept");
    assert!(SessionFile::read(&only_session(&env)).grades().is_empty());
}
