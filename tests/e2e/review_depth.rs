//! Journey 9: review depth on the demo. A rationale note with punctuation
//! and non-ASCII text, the criteria checklist, a flag, incremental search
//! with `n`, the flagged filter, tally details, the history overlay, and
//! what `casebench summary` (and `export`, when built in) make of it all;
//! then undo of a note and of a criteria answer.

use std::collections::BTreeMap;
use std::path::Path;

use super::harness::{Env, Pty, SessionFile, graded, keys, mode};

/// A note as a reviewer would write it: a comma, double quotes and an en
/// dash (non-ASCII), all of which must survive the editor, the session file,
/// the summary and CSV.
const NOTE: &str = "Risk assessed in 20 min, \"prompt\" – good";

/// The two-sided 95% normal quantile, for the Wilson interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The search the journey runs: it matches several demo narratives.
const QUERY: &str = "appropriate adult";

/// The rows of the case panel's inside (right of the list), trailing
/// spaces, borders and scrollbar removed. The panel's left edge is found
/// from its title's corner on the top row.
fn case_panel(screen: &str) -> Vec<String> {
    let mut lines = screen.lines();
    let Some(top) = lines.next() else {
        return Vec::new();
    };
    let Some(corner) = top.find("┐┌ ") else {
        return Vec::new();
    };
    let inside = top[..corner].chars().count() + 2;
    lines
        .map(|row| {
            let cut: String = row.chars().skip(inside).collect();
            cut.trim_end_matches(['│', '┃', ' ']).to_owned()
        })
        .collect()
}

/// The value of field `label` in the case panel ("Criteria" →
/// "1 met · 7 unanswered").
fn field(screen: &str, label: &str) -> Option<String> {
    case_panel(screen).into_iter().find_map(|line| {
        let value = line.strip_prefix(label)?;
        value
            .starts_with("  ")
            .then(|| value.trim_start().to_owned())
    })
}

/// Whether the case panel shows `note` on the line under its "Note" label.
fn note_shown(screen: &str, note: &str) -> bool {
    case_panel(screen)
        .windows(2)
        .any(|w| w[0] == "Note" && w[1] == note)
}

/// Whether the case panel says the case has no note yet.
fn no_note(screen: &str) -> bool {
    case_panel(screen)
        .iter()
        .any(|l| l.starts_with("Note  none yet"))
}

/// The case id in the case panel's title ("┐┌ CP-007 ───").
fn case_title(screen: &str) -> Option<&str> {
    let top = screen.lines().next()?;
    let (_, rest) = top.split_once("┐┌ ")?;
    rest.split_whitespace().next()
}

/// The bottom row of a screen (the status line).
fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// `text` with every run of whitespace made one space, so rows can be
/// compared without depending on column widths.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether some row of the screen, squeezed, contains `want`.
fn row_has(screen: &str, want: &str) -> bool {
    screen.lines().any(|row| squeeze(row).contains(want))
}

/// The list row of case `id` shows grade `mark` and flag `flag`.
fn list_row(screen: &str, id: &str, mark: &str, flag: &str) -> bool {
    screen
        .lines()
        .any(|row| row.contains(&format!("│{id} {mark}  {flag} ")))
}

/// The 95% Wilson interval for `k` of `n`, as the details overlay shows it.
fn wilson(k: f64, n: f64) -> String {
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * n);
    let spread = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let (low, high) = (
        (centre - spread) / (1.0 + z2),
        (centre + spread) / (1.0 + z2),
    );
    format!("{:.1}–{:.1}%", low * 100.0, high * 100.0)
}

/// A criteria answer as a session file records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Met,
    NotMet,
    NotApplicable,
}

/// What a session file says about a case, beyond [`SessionFile`].
#[derive(Debug)]
struct Detail {
    note: String,
    flagged: bool,
    criteria: BTreeMap<String, Answer>,
}

/// The recorded detail of case `id` in the session file.
fn detail(session: &Path, id: &str) -> Detail {
    let case = SessionFile::read(session)
        .cases
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} is not in the session {}", session.display()));
    let answer = |name: &str| match name {
        "met" => Answer::Met,
        "not_met" => Answer::NotMet,
        "not_applicable" => Answer::NotApplicable,
        other => panic!("unknown answer {other}"),
    };
    Detail {
        note: case.note,
        flagged: case.flagged,
        criteria: case
            .criteria
            .iter()
            .map(|(c, a)| (c.clone(), answer(a)))
            .collect(),
    }
}

/// Opens the note editor, types `note` and saves it with Esc.
fn write_note(app: &mut Pty, id: &str, note: &str) {
    app.send("i");
    app.wait_for(&format!("Note for {id}"));
    app.send(note);
    app.wait_until("the note typed into the editor", |s| {
        s.lines().any(|row| row.contains(&format!("│{note} ")))
    });
    app.send(keys::ESC);
    app.wait_until("the editor closed and the note in the case view", |s| {
        !s.contains(&format!("Note for {id}")) && note_shown(s, note)
    });
    app.wait_for_status("note saved");
}

/// Closes an overlay with Esc and waits until `title` is gone, so that the
/// next key is not read together with the Esc as Alt+key.
fn close(app: &mut Pty, title: &str) {
    app.send(keys::ESC);
    app.wait_until(&format!("{title:?} to close"), |s| !s.contains(title));
}

#[test]
fn note_criteria_flag_search_filter_details_history_summary() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for_all(&[&graded(0), "┌ CP-001 "]);

    // Grade CP-001 Good (auto-advance moves on), then go back to it.
    app.send("1");
    app.wait_for_all(&[&graded(1), "┌ CP-002 "]);
    app.send("k");
    app.wait_until("CP-001 current and graded Good", |s| {
        case_title(s) == Some("CP-001") && field(s, "Grade").as_deref() == Some("■ Good")
    });

    // 1. The rationale note, the checklist and the flag.
    write_note(&mut app, "CP-001", NOTE);
    app.send("c");
    app.wait_for_all(&[
        "Practice criteria · CP-001",
        "[ ] Initial assessment of risk",
    ]);
    app.send("y");
    app.wait_for("[✓] Initial assessment of risk  met");
    app.send("n");
    app.wait_for("[✗] Timeliness of inquiries  not met");
    app.send("a");
    app.wait_for("[–] Voice of the child recorded  n/a");
    close(&mut app, "Practice criteria");
    app.wait_until("the criteria summary in the case view", |s| {
        field(s, "Criteria").as_deref() == Some("1 met · 1 not met · 1 n/a · 5 unanswered")
    });
    app.send("f");
    app.wait_until(
        "the flag in the case view, the list and the status line",
        |s| {
            field(s, "Flag").as_deref() == Some("⚑ flagged for discussion")
                && list_row(s, "CP-001", "G", "⚑")
                && status(s).contains("CP-001 flagged for discussion")
        },
    );

    // 2. Incremental search, kept with Enter, stepped with n.
    app.send("/");
    app.wait_for_status("matching · Enter keep · Esc cancel");
    app.send(QUERY);
    let prompt = app.wait_for_status(&format!("/{QUERY}█"));
    let found: usize = prompt
        .split_once('█')
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| app.fail(&format!("no match count in {prompt:?}")));
    app.check(
        found >= 3,
        "the demo has at least three matches to step through",
    );
    app.send("\r");
    let kept = app.wait_until("the search kept, on its first match", |s| {
        case_title(s).is_some_and(|id| id != "CP-001")
            && status(s).contains(&format!(
                "{found} matches for \"{QUERY}\" · n/N next/previous"
            ))
            && status(s).contains(&format!("/{QUERY} {found} "))
    });
    let mut seen = vec![case_title(&kept).expect("a case title").to_owned()];
    for n in 2..=3 {
        app.send("n");
        let screen = app.wait_until(&format!("match {n} on a new case"), |s| {
            status(s).contains(&format!("match {n} of {found} for \"{QUERY}\""))
                && case_title(s).is_some_and(|id| !seen.iter().any(|old| old == id))
        });
        seen.push(case_title(&screen).expect("a case title").to_owned());
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "n steps forward through the sample");

    // 3. The flagged filter, then all cases again.
    app.send("F");
    app.wait_for_all(&["┌ Show ", "● all cases", "  flagged"]);
    // Options: all cases, ungraded, the three grades, flagged, the areas.
    app.send(&"j".repeat(2 + 3));
    app.send("\r");
    app.wait_until("only CP-001 listed, under the flagged filter", |s| {
        s.contains("┌ Cases · flagged ")
            && status(s).contains("showing flagged: 1 of 74 cases")
            && status(s).contains(" flagged 1/74 ")
            && list_row(s, "CP-001", "G", "⚑")
            && !s.contains("│CP-002 ")
            && case_title(s) == Some("CP-001")
            && s.lines().next().is_some_and(|top| top.contains(" 1/1 "))
    });
    app.send("F");
    app.wait_for_all(&["┌ Show ", "● flagged"]);
    app.send("g\r");
    app.wait_until("every case listed again", |s| {
        s.contains("┌ Cases ─")
            && status(s).contains("showing all cases: 74 of 74 cases")
            && !status(s).contains("flagged 1/74")
            && s.contains("│CP-002 ")
    });

    // 4. Tally details: intervals for 1 of 1, areas, criteria.
    app.send("t");
    let good = format!("■ Good 1 100% {}", wilson(1.0, 1.0));
    let other = format!("0 0% {}", wilson(0.0, 1.0));
    assert_eq!(wilson(1.0, 1.0), "20.7–100.0%");
    app.wait_until("the breakdown, areas and criteria in the details", |s| {
        s.contains("┌ Tally details ")
            && s.contains("Breakdown · 1/74 graded · 95% Wilson intervals")
            && row_has(s, &good)
            && row_has(s, &format!("■ Requires improvement {other}"))
            && row_has(s, &format!("■ Inadequate {other}"))
            && row_has(s, "Missing from home or care 1 (100%) 0 (0%) 0 (0%) 16")
            && row_has(s, "Initial assessment of risk 1 / 0 / 0 100% G 1/0/0")
            && row_has(s, "Timeliness of inquiries 0 / 1 / 0 0% G 0/1/0")
            && row_has(s, "Voice of the child recorded 0 / 0 / 1 – G 0/0/1")
    });
    close(&mut app, "Tally details");

    // 5. The history, newest first.
    app.send("H");
    let entries = [
        "CP-001 flagged",
        "CP-001 Voice of the child recorded: n/a",
        "CP-001 Timeliness of inquiries: not met",
        "CP-001 Initial assessment of risk: met",
        "CP-001 note: “Risk assessed in 20 min, \"prompt\" – good”",
        "CP-001 ungraded → Good",
    ];
    // Checked within one wait: a frame may be read half drawn.
    app.wait_until("the six changes in the history, newest first", |s| {
        let rows: Option<Vec<usize>> = entries
            .iter()
            .map(|e| {
                s.lines()
                    .position(|row| row.contains(&format!("  {e}  tester")))
            })
            .collect();
        s.contains("History · 6 changes")
            && rows.is_some_and(|rows| rows.windows(2).all(|w| w[0] < w[1]))
    });
    close(&mut app, "History ·");

    // 6. Quit; what was saved, and what summary and export make of it.
    app.send("q");
    assert!(app.wait_exit().success());
    app.assert_terminal_restored();
    let session = env.demo_session();
    let file = SessionFile::read(&session);
    assert_eq!(file.grades(), [("CP-001".to_owned(), "good".to_owned())]);
    assert_eq!(file.changes(), 6, "every change is in the audit trail");
    let cp1 = detail(&session, "CP-001");
    assert_eq!(cp1.note, NOTE, "the note is saved exactly as typed");
    assert!(cp1.flagged);
    assert_eq!(
        cp1.criteria,
        [
            ("initial_risk", Answer::Met),
            ("timely_inquiries", Answer::NotMet),
            ("voice_of_child", Answer::NotApplicable),
        ]
        .map(|(id, answer)| (id.to_owned(), answer))
        .into(),
    );

    let json = env.summary_json(&session);
    assert_eq!(json["total"], 74, "{json:#}");
    assert_eq!(json["graded"], 1, "{json:#}");
    assert_eq!(
        json["counts"],
        serde_json::json!({"good": 1, "requires_improvement": 0, "inadequate": 0}),
        "{json:#}"
    );
    assert_eq!(
        json["percent"],
        serde_json::json!({"good": 100, "requires_improvement": 0, "inadequate": 0}),
        "{json:#}"
    );
    assert_eq!(
        json["sentence"], "Practice was assessed as good in 1 case.",
        "{json:#}"
    );
    // The interval on screen is the one the summary reports.
    let good = &json["intervals"]["good"];
    let low = good["low"].as_f64().expect("interval low");
    let high = good["high"].as_f64().expect("interval high");
    assert!(
        (low - 1.0 / (1.0 + Z95 * Z95)).abs() < 1e-9 && (high - 1.0).abs() < 1e-9,
        "Wilson 95% for 1 of 1: {json:#}"
    );
    assert_eq!(
        format!("{:.1}–{:.1}%", low * 100.0, high * 100.0),
        "20.7–100.0%"
    );

    export_keeps_the_note(&env, &session.to_string_lossy());
}

/// `casebench export` (when this build has it): the CSV holds the note
/// exactly, quoted as RFC 4180 requires, with the flag and the answers.
fn export_keeps_the_note(env: &Env, session: &str) {
    if !env.run(&["export", "--help"]).status.success() {
        eprintln!("casebench export is not built in yet: export checks skipped");
        return;
    }
    let csv_path = env.root().join("out").join("cp.csv");
    let csv_arg = csv_path.to_string_lossy().into_owned();
    std::fs::create_dir_all(env.root().join("out")).expect("create folder");
    let out = env.run(&["export", "--format", "csv", "--out", &csv_arg, session]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "export failed: {stderr}");
    assert_eq!(mode(&csv_path), 0o600, "the export is private");
    let bytes = std::fs::read(&csv_path).expect("read the export");
    let text = String::from_utf8(bytes).expect("the CSV is UTF-8");
    assert!(
        text.contains("\"Risk assessed in 20 min, \"\"prompt\"\" – good\""),
        "the note is quoted with its quotes doubled:\n{text}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("the CSV does not parse ({e}):\n{text}"));
    assert_eq!(rows.len(), 74, "one row per case");
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name:?} column in {headers:?}"))
    };
    let cp1 = rows
        .iter()
        .find(|r| r.get(column("id")) == Some("CP-001"))
        .expect("CP-001 is exported");
    for (name, want) in [
        ("grade", "good"),
        ("note", NOTE),
        ("flagged", "true"),
        ("initial_risk", "met"),
        ("timely_inquiries", "not_met"),
        ("voice_of_child", "not_applicable"),
        ("appropriate_adult", ""),
    ] {
        assert_eq!(cp1.get(column(name)), Some(want), "{name}: {cp1:?}");
    }
}

#[test]
fn undo_reverts_a_criteria_answer_and_a_note() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for_all(&[&graded(0), "┌ CP-001 "]);
    app.wait_until("CP-001 without a note or answers", |s| {
        no_note(s) && field(s, "Criteria").as_deref() == Some("8 unanswered")
    });

    write_note(&mut app, "CP-001", NOTE);
    app.send("c");
    app.wait_for("Practice criteria · CP-001");
    app.send("y");
    app.wait_for("[✓] Initial assessment of risk  met");
    close(&mut app, "Practice criteria");
    app.wait_until("one answer in the case view", |s| {
        field(s, "Criteria").as_deref() == Some("1 met · 7 unanswered")
    });

    // Undo from another case goes back to the case it changed.
    app.send("j");
    app.wait_until("CP-002 current", |s| case_title(s) == Some("CP-002"));
    app.send("u");
    app.wait_until("the answer undone, back on CP-001", |s| {
        case_title(s) == Some("CP-001")
            && field(s, "Criteria").as_deref() == Some("8 unanswered")
            && note_shown(s, NOTE)
            && status(s).contains("undone: CP-001 Initial assessment of risk: unanswered")
    });
    app.send("u");
    app.wait_until("the note undone: gone from the case view", |s| {
        no_note(s) && !s.contains(NOTE) && status(s).contains("undone: CP-001 note cleared")
    });
    app.send(keys::CTRL_R);
    app.wait_until("the note redone", |s| {
        note_shown(s, NOTE)
            && field(s, "Criteria").as_deref() == Some("8 unanswered")
            && status(s).contains("redone: CP-001 note")
    });

    app.send("q");
    assert!(app.wait_exit().success());
    app.assert_terminal_restored();
    let session = env.demo_session();
    let file = SessionFile::read(&session);
    assert_eq!(
        file.changes(),
        5,
        "note, answer, two undos and a redo are in the audit trail"
    );
    let cp1 = detail(&session, "CP-001");
    assert_eq!(cp1.note, NOTE);
    assert!(cp1.criteria.is_empty(), "{cp1:?}");
    assert!(file.grades().is_empty());
}
