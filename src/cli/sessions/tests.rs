use super::*;
use crate::model::change::Change;
use crate::model::review::Stamp;
use crate::model::scale::Scale;
use crate::store::sample::demo_sample;

fn grade_first(path: &Path, n: usize, level: &str) {
    let sample = demo_sample();
    let mut opened = session::open(path, &sample, &Scale::hmicfrs(), "Rita").expect("open");
    for case in sample.cases().take(n) {
        let change = Change::Grade {
            case: case.id.to_string(),
            from: None,
            to: Some(level.into()),
        };
        let stamp = Stamp {
            by: "Rita".into(),
            at: Timestamp::now(),
            cursor: None,
        };
        let entry = opened
            .review
            .edit(&sample, change, stamp)
            .expect("edit")
            .clone();
        opened.store.append(&entry).expect("append");
    }
}

#[test]
fn lists_sessions_backups_and_unreadable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("demo.session.ron");
    grade_first(&live, 3, "good");
    let backup = session::back_up(&live).expect("backup").expect("existed");
    grade_first(&live, 5, "inadequate");
    let broken = dir.path().join("broken.session.ron");
    std::fs::write(&broken, "(version: 1, nonsense").expect("write");
    std::fs::write(dir.path().join("notes.txt"), "ignored").expect("write");
    let before = std::fs::read(&broken).expect("read");

    let list = list(dir.path()).expect("list");
    assert_eq!(list.len(), 3, "{list:?}");
    let find = |p: &Path| {
        list.iter()
            .find(|l| l.file == p.display().to_string())
            .expect("listed")
    };
    let b = find(&backup);
    assert_eq!(b.kind, Kind::Backup);
    assert_eq!(b.info.as_ref().map(|i| i.graded), Some(3));
    let l = find(&live);
    assert_eq!(l.kind, Kind::Session);
    let info = l.info.as_ref().expect("readable");
    assert_eq!((info.graded, info.total), (5, 74));
    assert_eq!(info.reviewer, "Rita");
    assert!(find(&broken).error.is_some());
    assert_eq!(list.last().map(|l| l.info.is_none()), Some(true));
    assert_eq!(
        std::fs::read(&broken).expect("read"),
        before,
        "never modified"
    );

    let text = table(dir.path(), &list);
    assert!(text.contains("backup"), "{text}");
    assert!(text.contains("5/74") && text.contains("3/74"), "{text}");
    assert!(
        text.contains("broken.session.ron (session): unreadable:"),
        "{text}"
    );
    let json = serde_json::to_value(&list).expect("json");
    assert!(
        json.as_array()
            .is_some_and(|a| a.iter().any(|s| s["kind"] == "backup"))
    );
}

#[test]
fn a_missing_folder_has_no_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope");
    let list = list(&missing).expect("list");
    assert!(list.is_empty());
    assert!(table(&missing, &list).starts_with("no saved sessions"));
}

/// `sessions` and `summary` count graded cases alike: a graded case that
/// left the sample is counted apart by both, and said so.
#[test]
fn sessions_and_summary_agree_when_a_graded_case_left_the_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample_path = dir.path().join("s.csv");
    let session_path = dir.path().join("sessions").join("s.session.ron");
    let open = |text: &str| {
        std::fs::write(&sample_path, text).expect("sample");
        let sample = crate::store::sample::load_sample(&sample_path).expect("load");
        let opened =
            session::open(&session_path, &sample, &Scale::hmicfrs(), "Rita").expect("open");
        (sample, opened)
    };
    let (sample, mut opened) = open("id\nA\nB\nC\n");
    for case in ["A", "C"] {
        let change = Change::Grade {
            case: case.into(),
            from: None,
            to: Some("good".into()),
        };
        let stamp = Stamp {
            by: "Rita".into(),
            at: Timestamp::now(),
            cursor: None,
        };
        let entry = opened
            .review
            .edit(&sample, change, stamp)
            .expect("edit")
            .clone();
        opened.store.append(&entry).expect("append");
    }
    opened
        .store
        .compact(&sample, &opened.review, "Rita", None)
        .expect("compact");
    drop(opened);
    // C leaves the sample; the session keeps its grade.
    let (sample, opened) = open("id\nA\nB\n");
    assert_eq!(opened.review.orphans().len(), 1);
    let mut store = opened.store;
    store
        .compact(&sample, &opened.review, "Rita", None)
        .expect("compact");
    drop(store);

    let listed = list(&dir.path().join("sessions")).expect("list");
    let info = listed[0].info.as_ref().expect("readable");
    assert_eq!((info.graded, info.graded_outside_sample), (1, 1));
    assert!(table(dir.path(), &listed).contains("1/2 (+1 outside the sample)"));
    let paths = Paths {
        config_file: dir.path().join("config.ron"),
        config_explicit: false,
        data_dir: dir.path().join("data"),
    };
    let t = super::super::target::load(
        &paths,
        &crate::config::Config::default(),
        &session_path,
        session::History::Unsaved,
    )
    .expect("target");
    let summary =
        crate::store::export::Input::new(&t.sample, &t.review, "Rita", &t.setup.config).summary();
    assert_eq!((summary.graded, summary.graded_outside_sample), (1, 1));
    let text = super::super::summary::text(&summary, t.review.scale(), "Rita", &session_path);
    assert!(
        text.contains("1 graded case no longer in the sample is kept"),
        "{text}"
    );
}
