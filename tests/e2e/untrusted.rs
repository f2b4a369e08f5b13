//! Journey 7: escape sequences, bells and bidi overrides in case text never
//! reach the terminal raw; the reviewer sees them escaped.

use super::harness::{Env, Pty, keys};

/// The marker that must never be sent to the terminal as an escape sequence.
const RAW_RED: &[u8] = b"\x1b[31mRED";
/// An OSC "set window title" a hostile file might carry.
const RAW_TITLE: &[u8] = b"\x1b]0;pwned";
/// U+202E RIGHT-TO-LEFT OVERRIDE in UTF-8.
const RAW_RLO: &[u8] = "\u{202e}".as_bytes();

/// A CSV sample with the hazards as raw bytes.
fn csv_sample() -> String {
    [
        "id,title,category,summary,source",
        "EVIL-1,\"Title \x1b[31mRED here\",Cat \x1b[31mRED,\"Bell \x07 rings; \u{202e}desrever; end\",\"\x1b]0;pwned\x07\"",
        "EVIL\x1b[31mRED-2,Second,Cat,Plain,x",
        "",
    ]
    .join("\n")
}

/// The same hazards as RON escapes.
fn ron_sample() -> &'static str {
    r#"[
    (
        id: "EVIL-1",
        title: "Title \u{1b}[31mRED here",
        category: "Cat \u{1b}[31mRED",
        summary: "Bell \u{7} rings; \u{202e}desrever; end",
        source: "\u{1b}]0;pwned\u{7}",
    ),
    (id: "EVIL\u{1b}[31mRED-2", title: "Second", category: "Cat", summary: "Plain"),
]
"#
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn assert_inert(app: &Pty, what: &str) {
    let raw = app.raw();
    for (name, needle) in [
        ("ESC [31m RED", RAW_RED),
        ("OSC 0 title", RAW_TITLE),
        ("U+202E", RAW_RLO),
    ] {
        if let Some(at) = find(&raw, needle) {
            let from = at.saturating_sub(40);
            let context = String::from_utf8_lossy(&raw[from..(at + 40).min(raw.len())]);
            app.fail(&format!(
                "{what}: raw {name} reached the terminal at byte {at}: {context:?}"
            ));
        }
    }
    if let Some(at) = raw.iter().position(|&b| b == 0x07) {
        app.fail(&format!(
            "{what}: a raw BEL reached the terminal at byte {at}"
        ));
    }
}

fn journey(file_name: &str, contents: &str) {
    let env = Env::new();
    let sample = env.write(file_name, contents);
    let mut app = env.open(&[&sample.to_string_lossy()]);
    // Every hazard is shown in its escaped form.
    app.wait_for_all(&[
        " 0/2 graded",
        r"Title \u{1b}[31mRED here",
        r"Cat \u{1b}[31mRED",
        r"Bell \u{7} rings; \u{202e}desrever; end",
        r"\u{1b}]0;pwned\u{7}",
    ]);
    app.send(keys::DOWN);
    app.wait_for(r"┌ EVIL\u{1b}[31mRED-2 ");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{file_name}: quit fails: {status:?}");
    assert_inert(&app, file_name);
}

#[test]
fn hostile_csv_text_is_shown_escaped() {
    journey("hostile.csv", &csv_sample());
}

#[test]
fn hostile_ron_text_is_shown_escaped() {
    journey("hostile.ron", ron_sample());
}

/// Errors quote file names and ids, and are printed after (here: instead
/// of) the TUI, where no widget filters them: they must be escaped too.
#[test]
fn hostile_names_in_errors_are_escaped() {
    let env = Env::new();
    let sample = env.write(
        "evil\x1b[31mRED\u{202e}.csv",
        "id,title\nDUP\x1b[31mRED\u{202e},one\nDUP\x1b[31mRED\u{202e},two\nC\x07,x,y\n",
    );
    let mut app = env.open(&[&sample.to_string_lossy()]);
    let (status, output) = app.output_after_exit();
    assert!(
        !status.success(),
        "a bad sample exits non-zero:\n{output:?}"
    );
    assert_inert(&app, "error output");
    for shown in [
        r"evil\u{1b}[31mRED\u{202e}.csv",
        r"DUP\u{1b}[31mRED\u{202e}",
    ] {
        assert!(
            output.contains(shown),
            "the error shows {shown:?} escaped:\n{output:?}"
        );
    }
}

/// Text from a session or a config reaches stdout only made inert: a
/// hostile reviewer name (from the command line, recorded in the session)
/// and hostile scale labels (from the config) in `summary` and in the CSV
/// and HTML exports.
#[test]
fn hostile_session_and_config_text_never_reaches_stdout_raw() {
    let env = Env::new();
    env.write(
        "config/casebench/config.ron",
        "(scale: Custom((name: \"evil\\u{1b}]0;X\\u{7}\", levels: [\
           (id: \"a\", label: \"Pass\\u{1b}]52;c;UFdO\\u{7}\", phrase: \"passing\\u{202e}\", key: 'p', colour: \"green\"),\
           (id: \"b\", label: \"Fail\\u{200b}\", phrase: \"failing\", key: 'z', colour: \"red\")])))",
    );
    let sample = env.write("s.csv", "id,title\nA,one\nB,two\n");
    let sample = sample.to_string_lossy().into_owned();
    let eve = "Eve\x1b]0;X\x07\x1b]52;c;UFdO\x07\u{202e}";
    let mut app = env.open(&["--reviewer", eve, &sample]);
    app.wait_for(" 0/2 graded");
    app.send("p");
    app.wait_for(" 1/2 graded");
    app.send("q");
    assert!(app.wait_exit().success());
    assert_inert(&app, "review screen");
    for args in [
        vec!["summary", sample.as_str()],
        vec!["summary", "--json", sample.as_str()],
        vec!["export", sample.as_str(), "--format", "csv"],
        vec!["export", sample.as_str(), "--format", "html"],
        vec!["export", sample.as_str(), "--format", "md"],
        vec!["sessions"],
    ] {
        // The sample path means Eve's own session.
        let args: Vec<&str> = args.into_iter().chain(["--reviewer", eve]).collect();
        let out = env.run(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for bytes in [&out.stdout, &out.stderr] {
            for (name, needle) in [
                ("ESC", b"\x1b".as_slice()),
                ("BEL", b"\x07".as_slice()),
                ("U+202E", "\u{202e}".as_bytes()),
                ("U+200B", "\u{200b}".as_bytes()),
            ] {
                assert!(
                    find(bytes, needle).is_none(),
                    "{args:?}: a raw {name} in the output:\n{}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}
