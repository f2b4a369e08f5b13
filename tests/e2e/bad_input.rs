//! Journey 4: bad input is reported before the terminal is touched.

use super::harness::Env;

/// Switching to the alternate screen: the first thing the TUI does.
const ALTERNATE_SCREEN: &str = "\x1b[?1049h";

#[test]
fn malformed_sample_is_reported_without_touching_the_terminal() {
    let env = Env::new();
    let sample = env.write(
        "ragged-sample.csv",
        "id,title,category\nA,one,x\nB,two\nC,three,y\n",
    );
    let mut app = env.open(&[&sample.to_string_lossy()]);
    let (status, output) = app.output_after_exit();
    assert!(!status.success(), "a bad sample exits non-zero:\n{output}");
    assert!(
        !output.contains(ALTERNATE_SCREEN),
        "the terminal was switched to the alternate screen:\n{output:?}"
    );
    assert!(
        output.contains("ragged-sample.csv"),
        "the error names the file:\n{output}"
    );
    assert!(
        output.contains("ragged-sample.csv:3") || output.contains("line 3"),
        "the error names line 3:\n{output}"
    );
    assert!(
        env.no_session_started(),
        "no session is started for a sample that cannot be loaded"
    );
}

#[test]
fn malformed_config_is_reported_without_touching_the_terminal() {
    let env = Env::new();
    let config = env.config_file();
    std::fs::create_dir_all(config.parent().expect("config folder")).expect("mkdir");
    std::fs::write(
        &config,
        "(\n    reviewer: \"A. Inspector\",\n    auto_advanse: false,\n)\n",
    )
    .expect("write config");
    let mut app = env.open(&[]);
    let (status, output) = app.output_after_exit();
    assert!(!status.success(), "a bad config exits non-zero:\n{output}");
    assert!(
        !output.contains(ALTERNATE_SCREEN),
        "the terminal was switched to the alternate screen:\n{output:?}"
    );
    assert!(
        output.contains("config.ron"),
        "the error names config.ron:\n{output}"
    );
    assert!(
        output.contains("3:5"),
        "the error gives line:column 3:5:\n{output}"
    );
    assert!(
        output.contains("auto_advanse"),
        "the error names the unknown key:\n{output}"
    );
    assert!(
        !env.demo_session().exists(),
        "no session is started with a config that cannot be read"
    );
}

/// Without a terminal (cron, CI, a detached job) the review screen cannot
/// open: that is an error to report like any other, not a panic.
#[test]
fn no_terminal_is_a_clear_error() {
    let env = Env::new();
    // `setsid` detaches casebench from any controlling terminal the test
    // runner may have, so it cannot fall back to /dev/tty.
    let out = env.run_detached(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "exits non-zero:\n{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "a missing terminal is reported, not a panic:\n{stderr}"
    );
    assert!(
        stderr.starts_with("casebench:") && stderr.contains("terminal"),
        "the error says the terminal is missing:\n{stderr}"
    );
}

/// `casebench check` finds a damaged journal line and a snapshot that
/// fails its checksum, repairs both without losing an intact change (the
/// damaged files kept aside), and the session reads again.
#[test]
fn check_repairs_a_damaged_session_and_keeps_what_it_replaces() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for(&super::harness::graded(0));
    app.send("123");
    app.wait_for(&super::harness::graded(3));
    app.send("q");
    assert!(app.wait_exit().success());
    let session = env.demo_session();
    let journal = super::harness::journal_path(&session);
    let text = std::fs::read_to_string(&journal).expect("journal");
    std::fs::write(
        &journal,
        text.replacen("requires_improvement", "requires_improvemenX", 1),
    )
    .expect("damage a line");
    let snapshot = std::fs::read_to_string(&session).expect("snapshot");
    std::fs::write(&session, snapshot.replacen("tester", "tampered", 1)).expect("damage");
    let s = session.to_string_lossy().into_owned();
    let summary = env.run(&["summary", &s]);
    assert!(
        !summary.status.success(),
        "a damaged snapshot is refused headless"
    );
    let out = env.run(&["check", &s]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for said in [
        "snapshot: damaged",
        "journal: 2 intact changes, 1 damaged line",
        "repaired: the journal was written again",
        "repaired: the session's snapshot failed its checksum",
    ] {
        assert!(stdout.contains(said), "{said:?} in:\n{stdout}");
    }
    let summary = env.summary_json(&session);
    assert_eq!(summary["graded"], 2, "the two intact grades");
    let again = env.run(&["check", &s]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        again.status.success() && stdout.contains("snapshot: intact"),
        "{stdout}"
    );
    assert!(stdout.contains("0 damaged lines"), "{stdout}");
    let aside = std::fs::read_dir(env.sessions_dir())
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .count();
    assert_eq!(aside, 2, "the damaged journal and snapshot are both kept");
}

/// `check` of a session that does not exist names it, rather than print
/// the operating system's words alone.
#[test]
fn check_of_a_missing_session_names_it() {
    let env = Env::new();
    let missing = env.root().join("nowhere.session.ron");
    let out = env.run(&["check", &missing.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("nowhere.session.ron: no such session"),
        "{stderr}"
    );
}
