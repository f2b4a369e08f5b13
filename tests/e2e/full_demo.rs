//! Journey 2: grade the whole demo as intended and get the published
//! breakdown, on screen and from `casebench summary --json`.

use super::harness::{Env, SessionFile, graded};

const SENTENCE: &str = "Practice was assessed as good in 23 cases, requiring improvement \
                        in 23 cases, and inadequate in 28 cases.";

/// (case id, grade key) from `tests/fixtures/demo_intended_grades.txt`.
fn intended_grades() -> Vec<(String, char)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/demo_intended_grades.txt"
    );
    let text = std::fs::read_to_string(path).expect("read the intended grades");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, key) = l.split_once(' ').expect("lines are `ID KEY`");
            let key = key.trim().chars().next().expect("a grade key");
            (id.to_owned(), key)
        })
        .collect()
}

fn level_id(key: char) -> &'static str {
    match key {
        '1' => "good",
        '2' => "requires_improvement",
        '3' => "inadequate",
        other => panic!("unexpected grade key {other:?}"),
    }
}

/// A tally row as src/ui/tally.rs draws it: label padded to the widest
/// label, count right-aligned in 4, a space, percent right-aligned in 3.
fn tally_row(label: &str, count: u64, percent: u32) -> String {
    format!("■ {label:<20}  {count:>4} {percent:>3}%")
}

#[test]
fn grading_the_whole_demo_gives_the_published_breakdown() {
    let grades = intended_grades();
    let ids: Vec<&str> = grades.iter().map(|(id, _)| id.as_str()).collect();
    let in_order: Vec<String> = (1..=74).map(|n| format!("CP-{n:03}")).collect();
    assert_eq!(ids, in_order, "the fixture lists the demo's cases in order");

    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for(&graded(0));
    // Auto-advance takes the reviewer to the next ungraded case after each
    // grade, so typing the keys in order grades the cases in order.
    let typed: String = grades.iter().map(|(_, key)| *key).collect();
    app.send(&typed);
    let rows = [
        tally_row("Good", 23, 31),
        tally_row("Requires improvement", 23, 31),
        tally_row("Inadequate", 28, 38),
    ];
    // At 120 columns the sentence fits on one line.
    app.wait_for_all(&[&graded(74), &rows[0], &rows[1], &rows[2], SENTENCE]);
    app.wait_for_status("all 74 cases graded");

    app.send("q");
    assert!(app.wait_exit().success());

    let session = env.demo_session();
    let file = SessionFile::read(&session);
    let expected: Vec<(String, String)> = grades
        .iter()
        .map(|(id, key)| (id.clone(), level_id(*key).to_owned()))
        .collect();
    assert_eq!(file.grades(), expected, "every case has its intended grade");

    let json = env.summary_json(&session);
    assert_eq!(json["total"], 74, "{json:#}");
    assert_eq!(json["graded"], 74, "{json:#}");
    assert_eq!(
        json["counts"],
        serde_json::json!({"good": 23, "requires_improvement": 23, "inadequate": 28}),
        "{json:#}"
    );
    assert_eq!(
        json["percent"],
        serde_json::json!({"good": 31, "requires_improvement": 31, "inadequate": 38}),
        "{json:#}"
    );
    assert_eq!(json["sentence"], SENTENCE, "{json:#}");
    let inadequate = &json["intervals"]["inadequate"];
    let (low, high) = (
        inadequate["low"].as_f64().expect("interval low"),
        inadequate["high"].as_f64().expect("interval high"),
    );
    assert!(
        low < 28.0 / 74.0 && 28.0 / 74.0 < high,
        "the interval holds the proportion: {json:#}"
    );
}
