//! Reading a session: what was read ahead while the sample was read is
//! used only if the files still hold the bytes it read; a version 1
//! snapshot still resumes.

use super::*;

/// The grades of the three cases of `s` once the session at `path` is
/// opened with `ahead` (what was read ahead, if anything).
fn graded_after(path: &Path, s: &Sample, ahead: Option<Preread>) -> Vec<Option<String>> {
    let scale = Scale::hmicfrs();
    let ahead = Ahead {
        preread: ahead,
        lock: None,
    };
    let opened = open_prepared(path, s, &scale, "rev", &Recorded::default(), ahead).expect("open");
    (0..3)
        .map(|i| {
            opened
                .review
                .grade(i)
                .map(|g| scale.levels[usize::from(g)].id.clone())
        })
        .collect()
}

#[test]
fn a_snapshot_read_ahead_is_used_only_if_the_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    let quit_after = |change: Change| {
        let mut opened = open(&path, &s, &scale, "rev").expect("open");
        record(&mut opened, &s, change, "A");
        opened
            .store
            .compact(&s, &opened.review, "rev", None)
            .expect("compact");
    };
    quit_after(grade("A", "good"));
    let stale = preread(&path).expect("read ahead");
    // Another run starts the review afresh after it was read ahead.
    back_up(&path).expect("back up");
    quit_after(grade("B", "inadequate"));
    let graded = |ahead| graded_after(&path, &s, ahead);
    let now = vec![None, Some("inadequate".to_owned()), None];
    assert_eq!(graded(Some(stale)), now, "the stale read is not used");
    let fresh = preread(&path).expect("read ahead");
    assert_eq!(graded(Some(fresh)), now);
    assert_eq!(graded(None), now);
}

#[test]
fn journal_entries_read_ahead_are_used_only_if_the_journal_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    // Each run grades one case and ends in a crash: the snapshot stays as
    // created, the journal holds every change.
    let crash_after = |change: Change| {
        let mut opened = open(&path, &s, &scale, "rev").expect("open");
        record(&mut opened, &s, change, "A");
    };
    crash_after(grade("A", "good"));
    let stale = preread(&path).expect("read ahead");
    // Another run appends to the journal after it was read ahead.
    crash_after(grade("B", "inadequate"));
    let graded = |ahead| graded_after(&path, &s, ahead);
    let now = vec![Some("good".to_owned()), Some("inadequate".to_owned()), None];
    assert_eq!(graded(Some(stale)), now, "the stale read is not used");
    let fresh = preread(&path).expect("read ahead");
    assert_eq!(graded(Some(fresh)), now);
    assert_eq!(graded(None), now);
}

#[test]
fn a_version_1_snapshot_with_its_cases_as_a_list_still_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.session.ron");
    let s = sample();
    let scale = Scale::hmicfrs();
    let mut opened = open(&path, &s, &scale, "rev").expect("open");
    record(&mut opened, &s, grade("B", "inadequate"), "B");
    let note = Change::Note {
        case: "B".into(),
        from: String::new(),
        to: "Two lines,\n\"quoted\"".into(),
    };
    record(&mut opened, &s, note, "B");
    opened
        .store
        .compact(&s, &opened.review, "rev", None)
        .expect("compact");
    drop(opened);
    // The snapshot as version 1 wrote it: the cases as a list of
    // structures, and (older still) no checksum line.
    let text = std::fs::read_to_string(&path).expect("read");
    let cases = load(&path, History::Unsaved).expect("load").file.cases;
    let start = text.find("  cases: \"").expect("the case table");
    let end = start + 10 + text[start + 10..].find('"').expect("its end");
    let list = ron::to_string(&cases).expect("list");
    let old = format!("{}  cases: {list}{}", &text[..start], &text[end + 1..])
        .replace("version: 2,", "version: 1,");
    let old = &old[..old.find("// checksum").expect("checksum")];
    assert!(old.contains("cases: [(id:\"B\""), "{old}");
    std::fs::write(&path, old).expect("write version 1");
    let mut reopened = open(&path, &s, &scale, "rev").expect("resume version 1");
    assert_eq!(reopened.review.grade(1), scale.position("inadequate"));
    let detail = reopened.review.detail(1).expect("B's detail");
    assert_eq!(detail.note, "Two lines,\n\"quoted\"");
    reopened
        .store
        .compact(&s, &reopened.review, "rev", None)
        .expect("compact");
    let again = std::fs::read_to_string(&path).expect("read");
    assert!(
        again.contains("version: 2,"),
        "written as version 2 again: {again}"
    );
    assert!(again.contains("\nB\tinadequate\t"), "{again}");
}
