use std::os::unix::fs::PermissionsExt as _;

use super::*;
use crate::model::case::{CaseFields, SampleBuilder, SampleSource};
use crate::model::change::Change;
use crate::model::review::Stamp;
use crate::store::sample::ReadOptions;

mod ahead;
mod disk_trouble;
mod fuzz;
mod reading;
mod recovery;
mod snapshot_damage;

fn sample_with(ids: &[&str], hash: &str) -> Sample {
    let mut b = SampleBuilder::new();
    for id in ids {
        b.push(CaseFields {
            id: (*id).into(),
            ..CaseFields::default()
        });
    }
    b.finish(
        "s",
        None,
        SampleSource {
            path: None,
            hash: hash.into(),
        },
    )
}

fn sample() -> Sample {
    sample_with(&["A", "B", "C"], "h1")
}

fn stamp(cursor: &str) -> Stamp {
    Stamp {
        by: "rev".into(),
        at: Timestamp::UNIX_EPOCH,
        cursor: Some(cursor.into()),
    }
}

fn grade(case: &str, to: &str) -> Change {
    Change::Grade {
        case: case.into(),
        from: None,
        to: Some(to.into()),
    }
}

/// Grades a case the way the app does: apply, then journal.
fn record(opened: &mut Opened, s: &Sample, change: Change, cursor: &str) {
    let entry = opened
        .review
        .edit(s, change, stamp(cursor))
        .expect("edit")
        .clone();
    opened.store.append(&entry).expect("append");
}

/// A new session at `path` of `s`, still open, with A graded good and
/// saved into its snapshot.
fn opened_with_a_saved_grade(path: &std::path::Path, s: &Sample) -> Opened {
    let mut o = open(path, s, &Scale::hmicfrs(), "rev").expect("open");
    record(&mut o, s, grade("A", "good"), "B");
    o.store.compact(s, &o.review, "rev", None).expect("compact");
    o
}

#[test]
fn new_session_is_created_private_and_versioned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions/s.session.ron");
    let s = sample();
    let opened = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    assert!(!opened.resumed);
    assert_eq!(opened.cursor, Some(0));
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("version: 2"), "{text}");
    let dmode = std::fs::metadata(path.parent().expect("dir"))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dmode, 0o700, "the sessions folder it creates is private");
    let jmode = std::fs::metadata(journal_path(&path))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(jmode, 0o600);
}

#[test]
fn a_second_process_cannot_open_an_open_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let _first = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
    let err = open(&path, &s, &Scale::hmicfrs(), "rev").unwrap_err();
    assert!(matches!(err, SessionError::Locked { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&format!("(process {} of ", std::process::id())) && text.contains(" since "),
        "the message says who holds it: {text}"
    );
}

#[test]
fn another_scale_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    drop(open(&path, &s, &Scale::hmicfrs(), "rev").expect("open"));
    let err = open(&path, &s, &Scale::ofsted(), "rev").unwrap_err();
    assert!(
        err.to_string().contains("graded on the scale \"hmicfrs\""),
        "{err}"
    );
}

#[test]
fn a_changed_sample_is_reconciled_by_id_and_nothing_is_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
        record(&mut o, &s, grade("C", "inadequate"), "A");
        o.store
            .compact(&s, &o.review, "rev", Some("A".into()))
            .expect("compact");
    }
    let changed = sample_with(&["C", "D", "A"], "h2");
    let mut o = open(&path, &changed, &Scale::hmicfrs(), "rev").expect("reopen");
    assert_eq!(
        o.review.grade(0),
        Some(2),
        "C moved to the front and kept its grade"
    );
    assert_eq!(o.review.grade(2), Some(0));
    assert_eq!(o.warnings.len(), 1);
    assert!(o.warnings[0].contains("changed"), "{}", o.warnings[0]);
    o.store
        .compact(&changed, &o.review, "rev", None)
        .expect("compact");
    drop(o);
    // Back on the original sample, B's absence is fine and all grades are there.
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen original");
    assert_eq!(o.review.counts(), &[1, 0, 1]);
}

#[test]
fn orphaned_grades_survive_a_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("B", "good"), "C");
        o.store
            .compact(&s, &o.review, "rev", None)
            .expect("compact");
    }
    let smaller = sample_with(&["A", "C"], "h3");
    {
        let mut o = open(&path, &smaller, &Scale::hmicfrs(), "rev").expect("open smaller");
        assert!(
            o.warnings[0].contains("1 graded case no longer in the sample is kept"),
            "{}",
            o.warnings[0]
        );
        o.store
            .compact(&smaller, &o.review, "rev", None)
            .expect("compact");
    }
    let o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("reopen");
    assert_eq!(o.review.grade(1), Some(0), "B's grade came back");
}

#[test]
fn back_up_moves_the_session_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", "good"), "B");
    }
    let backup = back_up(&path)
        .expect("backup")
        .expect("there was a session");
    assert!(!path.exists());
    assert!(
        backup
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("s.session.backup-"))
    );
    let loaded = load(&backup, History::Full).expect("backup is a readable session");
    let (_, review) = loaded.into_review(&s, &backup).expect("review");
    assert_eq!(review.graded(), 1);
    assert_eq!(back_up(&path).expect("no session"), None);
}

#[test]
fn default_paths_are_per_sample_and_per_reviewer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = dir.path().join("sessions");
    assert_eq!(
        default_path(&sessions, None, "alice"),
        sessions.join("demo.alice.session.ron")
    );
    let a = default_path(&sessions, Some(Path::new("/x/cases.csv")), "alice");
    let b = default_path(&sessions, Some(Path::new("/y/cases.csv")), "alice");
    assert_ne!(a, b, "same name, other folder");
    assert!(
        a.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("cases-"))
    );
    // Two reviewers never share a session, even with names that make the
    // same file-safe text.
    let names = ["bob", "O'Brien", "O_Brien", "", "Dana Scully", "../etc"];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| default_path(&sessions, Some(Path::new("/x/cases.csv")), n))
        .collect();
    for (i, p) in paths.iter().enumerate() {
        assert_eq!(
            p.parent(),
            Some(sessions.as_path()),
            "{p:?} stays in the folder"
        );
        for q in &paths[i + 1..] {
            assert_ne!(p, q);
        }
    }
    assert!(paths[0].ends_with(format!(
        "{}.bob.session.ron",
        a.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".alice.session.ron"))
            .expect("stem")
    )));
}

#[test]
fn a_reviewers_older_shared_default_is_found_but_never_another_reviewers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = dir.path().join("sessions");
    // Before sessions were per reviewer, the demo's was demo.session.ron.
    let older = sessions.join("demo.session.ron");
    let opened = open(&older, &sample(), &Scale::hmicfrs(), "alice").expect("open");
    drop(opened);
    assert_eq!(find_default(&sessions, None, "alice"), older);
    assert_eq!(
        find_default(&sessions, None, "bob"),
        sessions.join("demo.bob.session.ron"),
        "bob's second reading never opens alice's session"
    );
    // Once alice has a session of her own, that one is hers.
    let own = default_path(&sessions, None, "alice");
    drop(open(&own, &sample(), &Scale::hmicfrs(), "alice").expect("open"));
    assert_eq!(find_default(&sessions, None, "alice"), own);
}

#[test]
fn changed_settings_and_reading_are_recorded_and_reported_on_resume() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let recorded = Recorded {
        read: ReadOptions {
            delimiter: Some(";".parse().expect("separator")),
            ..ReadOptions::default()
        },
        settings: SettingsRecord {
            criteria: vec!["voice_of_child".into()],
            ..SettingsRecord::default()
        },
        team: None,
    };
    let mut o = open_with(&path, &s, &Scale::hmicfrs(), "rev", &recorded).expect("open");
    o.store
        .compact(&s, &o.review, "rev", None)
        .expect("compact");
    drop(o);
    // How the sample is read can be found from the snapshot's first bytes.
    let text = std::fs::read_to_string(&path).expect("snapshot");
    let info = sniff_sample_info(&text).expect("sniffed");
    assert_eq!(info.read, recorded.read);
    let same = open_with(&path, &s, &Scale::hmicfrs(), "rev", &recorded).expect("reopen");
    assert!(same.warnings.is_empty(), "{:?}", same.warnings);
    drop(same);
    let changed = Recorded {
        settings: SettingsRecord {
            criteria: vec!["supervision".into()],
            require_note_for: vec!["inadequate".into()],
            ..SettingsRecord::default()
        },
        ..recorded
    };
    let again = open_with(&path, &s, &Scale::hmicfrs(), "rev", &changed).expect("reopen");
    assert_eq!(again.warnings.len(), 1, "{:?}", again.warnings);
    assert!(
        again.warnings[0]
            .starts_with("the practice criteria, the grades that need a note changed since"),
        "{:?}",
        again.warnings
    );
}

/// Two fresh starts within one second keep both earlier sessions: backups
/// are never replaced (they were, when names had one-second resolution).
#[test]
fn backups_within_the_same_second_never_replace_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let mut backups = Vec::new();
    for grade_of_a in ["good", "inadequate", "requires_improvement"] {
        let mut o = open(&path, &s, &Scale::hmicfrs(), "rev").expect("open");
        record(&mut o, &s, grade("A", grade_of_a), "B");
        drop(o);
        backups.push(back_up(&path).expect("back up").expect("a session"));
    }
    assert_eq!(
        backups
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        3,
        "{backups:?}"
    );
    for (backup, grade_of_a) in backups
        .iter()
        .zip(["good", "inadequate", "requires_improvement"])
    {
        let journal = std::fs::read_to_string(journal_path(backup)).expect("its journal");
        assert!(journal.contains(grade_of_a), "{backup:?}: {journal}");
    }
}
