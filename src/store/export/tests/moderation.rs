//! A moderated session's exports: each reviewer's original grade beside
//! the final one, the moderation state, and the report's agreement and
//! moderation section with every reason.

use super::*;
use crate::model::team::{Reading, Source, Team, TeamRecord};

fn reading(case: &str, by: &str, grade: &str, note: &str) -> Reading {
    Reading {
        case: case.into(),
        by: by.into(),
        grade: Some(grade.into()),
        note: note.into(),
        criteria: std::collections::BTreeMap::new(),
        flagged: false,
    }
}

/// Three cases read by alice and bob: they agree on A-1, disagree on A-2
/// (settled: Inadequate, with a reason) and A-3 (not settled yet).
fn moderated() -> (Sample, Review, Team, Config) {
    let sample = small_sample(&[
        ("A-1", "one", "x"),
        ("A-2", "two", "x"),
        ("A-3", "three", "y"),
    ]);
    let config = Config::default();
    let mut g = Grader::new(&sample, &config);
    g.grade("A-1", "good");
    g.note("A-2", "Secret reason: the risk was missed");
    g.grade("A-2", "inadequate");
    let record = TeamRecord {
        sources: ["alice", "bob"]
            .map(|r| Source {
                reviewer: r.into(),
                session: format!("/s/{r}.session.ron").into(),
                graded: 3,
            })
            .to_vec(),
        readings: vec![
            reading("A-1", "alice", "good", "fine"),
            reading("A-1", "bob", "good", "agreed"),
            reading("A-2", "alice", "good", "alice's secret"),
            reading("A-2", "bob", "inadequate", ""),
            reading("A-3", "alice", "requires_improvement", ""),
            reading("A-3", "bob", "good", ""),
        ],
        disputed: vec!["A-2".into(), "A-3".into()],
    };
    let team = Team::new(record, &sample);
    let review = g.review;
    (sample, review, team, config)
}

#[test]
fn the_csv_gains_original_grades_and_the_moderation_state() {
    let (sample, review, team, config) = moderated();
    let input = Input::new(&sample, &review, "lead", &config).with_team(Some(&team));
    let csv = render_str(Format::Csv, &input, ExportOptions::default());
    let mut rows = csv.lines();
    let header = rows.next().expect("header");
    assert!(
        header.ends_with(",grade by alice,grade by bob,moderation"),
        "{header}"
    );
    let ends: Vec<String> = rows
        .map(|r| r.rsplitn(4, ',').take(3).collect::<Vec<_>>().join("|"))
        .collect();
    assert_eq!(
        ends,
        [
            "agreed|good|good",
            "settled|inadequate|good",
            "to settle|good|requires_improvement"
        ]
    );
}

#[test]
fn the_report_states_agreement_and_every_moderated_case_with_its_reason() {
    let (sample, review, team, config) = moderated();
    let input = Input::new(&sample, &review, "lead", &config).with_team(Some(&team));
    let md = render_str(Format::Markdown, &input, ExportOptions::default());
    assert!(md.contains("## Agreement and moderation"), "{md}");
    assert!(md.contains("Combined from 2 sessions: alice (3 graded), bob (3 graded)."));
    assert!(md.contains("3 cases were graded by more than one reviewer; 1 got the same grade."));
    assert!(md.contains(
        "2 disagreements went to moderation: 1 settled with a recorded reason, 1 still to settle."
    ));
    assert!(
        md.contains(
            "| A-2 | Good | Inadequate | **Inadequate** | Secret reason: the risk was missed |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| A-3 | Requires improvement | Good | to settle |"),
        "{md}"
    );
    assert!(md.contains("percentile bootstrap over cases, 1000 resamples, seed 1"));
    let html = render_str(Format::Html, &input, ExportOptions::default());
    assert!(html.contains("<h2>Agreement and moderation</h2>"));
    // Redacted: no reasons, no reading notes.
    let redacted = ExportOptions {
        redact: true,
        ..ExportOptions::default()
    };
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        let text = render_str(format, &input, redacted);
        assert!(!text.contains("Secret reason"), "{format}: {text}");
        assert!(!text.contains("alice's secret"), "{format}");
    }
    // Not redacted, JSON carries the readings; a summary counts what is settled.
    let json = render_str(Format::Json, &input, ExportOptions::default());
    assert!(json.contains("\"disputed\"") && json.contains("alice's secret"));
    let summary = input.summary();
    let m = summary.moderation.expect("moderation");
    assert_eq!((m.disagreements, m.settled), (2, 1));
    assert_eq!(m.reviewers, ["alice", "bob"]);
}
