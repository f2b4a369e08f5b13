//! Journeys of team review: two blind readings with three disagreements,
//! moderated in the review screen with a reason each, then summarised; and
//! a sample drawn, split among three reviewers, graded, combined and
//! reported.

use std::fmt::Write as _;

use super::harness::{Env, Pty, keys};

/// Grades the cases of `sample` as `reviewer` by pressing `grades` in
/// order (auto-advance moves on after each), then quits.
fn grade(env: &Env, reviewer: &str, sample: &str, grades: &str) {
    let mut app = env.open(&["--reviewer", reviewer, sample]);
    app.wait_for(" 0/");
    for (i, key) in grades.chars().enumerate() {
        app.send(&key.to_string());
        app.wait_for(&format!(" {}/", i + 1));
    }
    app.send("q");
    assert!(app.wait_exit().success());
}

/// Settles the current disagreement at `key` with `reason`.
fn settle(app: &mut Pty, key: &str, reason: &str, done: &str) {
    app.send(key);
    app.wait_for_status("needs a reason: write it, then Esc to save and grade");
    app.send(reason);
    app.wait_until("the reason typed", |s| s.contains(reason));
    app.send(keys::ESC);
    app.wait_for_status(done);
}

/// The default session of `reviewer` for a sample whose file name starts
/// with `stem`, as a path argument.
fn session_of(env: &Env, stem: &str, reviewer: &str) -> String {
    let sessions = env.sessions_dir();
    let name = std::fs::read_dir(&sessions)
        .expect("sessions folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(stem) && n.ends_with(&format!(".{reviewer}.session.ron")))
        .unwrap_or_else(|| panic!("no session of {reviewer} for {stem}"));
    sessions.join(name).to_string_lossy().into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn two_blind_readings_moderated_with_reasons_then_summarised() {
    let env = Env::new();
    let sample = env.write(
        "cases.csv",
        "id,title,category\nT-1,one,missing\nT-2,two,missing\nT-3,three,custody\nT-4,four,custody\nT-5,five,online\nT-6,six,online\n",
    );
    let sample = sample.to_string_lossy().into_owned();
    // Disagreements: T-2 (Good / Inadequate), T-3 (Good / RI), T-6 (RI / Inadequate).
    grade(&env, "alice", &sample, "111122");
    grade(&env, "bob", &sample, "132123");
    let (alice, bob) = (
        session_of(&env, "cases-", "alice"),
        session_of(&env, "cases-", "bob"),
    );

    let agree = stdout(&env.run(&["agree", &alice, &bob]));
    assert!(agree.contains("graded by both: 6"), "{agree}");
    assert!(agree.contains("Disagreements: 3, largest first"), "{agree}");
    assert!(agree.contains("Cohen's kappa"), "{agree}");

    let moderated = env.root().join("moderated.session.ron");
    let m = moderated.to_string_lossy().into_owned();
    let moderate = [
        "moderate",
        &alice,
        &bob,
        "--session",
        &m,
        "--reviewer",
        "lead",
    ];
    let mut app = env.open(&moderate);
    // The queue, largest disagreement first, both readings side by side.
    let screen = app.wait_for_all(&["settled 0/3", "┌ T-2 ", "Readings · disagree by 2 levels"]);
    app.check(
        screen.contains("alice") && screen.contains("bob"),
        "both readers shown",
    );
    settle(
        &mut app,
        "3",
        "Risk not managed",
        "T-2 settled as Inadequate · 1 of 3 disagreements settled",
    );
    app.wait_for("┌ T-3 ");
    settle(
        &mut app,
        "2",
        "Plan late",
        "T-3 settled as Requires improvement · 2 of 3",
    );
    app.wait_for("┌ T-6 ");
    settle(&mut app, "3", "No review", "all 3 disagreements settled");
    app.send("q");
    assert!(app.wait_exit().success());

    // An ordinary session: summary and a report, with the original grades
    // and the reasons.
    let summary = stdout(&env.run(&["summary", &m]));
    assert!(summary.contains("6/6 graded"), "{summary}");
    assert!(
        summary.contains("combined from the sessions of alice, bob: 3 of 3 disagreements settled"),
        "{summary}"
    );
    let report = stdout(&env.run(&["export", &m, "--format", "md"]));
    assert!(
        report.contains("| T-2 | Good | Inadequate | **Inadequate** | Risk not managed |"),
        "{report}"
    );
    // Resumed, it says it is complete and shows every case.
    let mut app = env.open(&moderate);
    app.wait_for_all(&["settled 3/3", "6/6 graded"]);
    app.wait_for_status("moderation resumed");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn a_drawn_sample_split_among_three_graded_combined_and_reported() {
    let env = Env::new();
    let mut population = String::from("Case Ref,Area,Title\n");
    for i in 0..40 {
        let area = ["missing", "custody", "online", "multi-agency"][i % 4];
        let _ = writeln!(population, "P-{i:03},{area},case {i}");
    }
    let population = env.write("population.csv", population);
    let drawn = env.root().join("drawn.csv");
    let out = stdout(&env.run(&[
        "sample",
        &population.to_string_lossy(),
        "--size",
        "12",
        "--seed",
        "5",
        "--stratify",
        "Area",
        "--out",
        &drawn.to_string_lossy(),
    ]));
    assert!(out.contains("drew 12 of 40 rows"), "{out}");
    let split = stdout(&env.run(&[
        "split",
        &drawn.to_string_lossy(),
        "--reviewers",
        "ann,ben,cy",
        "--double-read",
        "25",
        "--seed",
        "2",
    ]));
    assert!(split.contains("dealt 12 cases to 3 reviewers"), "{split}");
    // Each reviewer grades their part: everything Good, except that ben
    // grades everything Inadequate, so the cases he shares disagree.
    let mut parts = Vec::new();
    for (who, key) in [("ann", '1'), ("ben", '3'), ("cy", '1')] {
        let part = env.root().join(format!("drawn.{who}.csv"));
        let cases = std::fs::read_to_string(&part)
            .expect("part")
            .lines()
            .count()
            - 1;
        grade(
            &env,
            who,
            &part.to_string_lossy(),
            &key.to_string().repeat(cases),
        );
        parts.push(session_of(&env, &format!("drawn_{who}-"), who));
    }
    let drawn_s = drawn.to_string_lossy().into_owned();
    let combine = |sessions: &[&String], out: &std::path::Path| {
        let out = out.to_string_lossy().into_owned();
        let mut args = vec!["combine"];
        args.extend(sessions.iter().map(|s| s.as_str()));
        args.extend(["--sample", &drawn_s, "--out", &out]);
        stdout(&env.run(&args))
    };
    let combined = env.root().join("team.session.ron");
    let combined_out = combine(&parts.iter().collect::<Vec<_>>(), &combined);
    assert!(
        combined_out.contains("combined 3 sessions: ann"),
        "{combined_out}"
    );
    assert!(combined_out.contains("disagreement"), "{combined_out}");
    let report = stdout(&env.run(&["export", &combined.to_string_lossy(), "--format", "md"]));
    assert!(
        report.contains("## Method"),
        "the draw is stated:\n{report}"
    );
    assert!(report.contains("with seed 5"), "{report}");
    assert!(report.contains("## Agreement and moderation"), "{report}");
    assert!(report.contains("Combined from 3 sessions"), "{report}");
    // Combining again, in another order, gives the same session.
    let again = env.root().join("again.session.ron");
    combine(&parts.iter().rev().collect::<Vec<_>>(), &again);
    assert_eq!(
        std::fs::read(&combined).expect("one"),
        std::fs::read(&again).expect("two")
    );
}
