//! `casebench sessions`: the saved sessions in the data folder, as a table
//! or JSON. Reads only; files that cannot be read are listed with their
//! error and never touched.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::model::change::Change;
use crate::model::text::sanitize_line;
use crate::paths::Paths;
use crate::store::session::{self, Loaded};

/// What kind of file a listed session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A live session.
    Session,
    /// A dated backup kept by `--fresh` (name contains `.backup-`).
    Backup,
}

/// One saved session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The file.
    pub file: String,
    /// Session or backup.
    pub kind: Kind,
    /// What could be read; `None` with `error` set when nothing could.
    #[serde(flatten)]
    pub info: Option<Info>,
    /// Why the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What a readable session records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Info {
    /// Sample name.
    pub sample: String,
    /// Sample file; `None` for the bundled demo.
    pub sample_path: Option<String>,
    /// Reviewer.
    pub reviewer: String,
    /// Scale name.
    pub scale: String,
    /// Cases graded (in the sample, as `summary` counts them).
    pub graded: u64,
    /// Graded cases kept from an earlier version of the sample, not
    /// counted in `graded`.
    pub graded_outside_sample: u64,
    /// Cases in the sample when last saved.
    pub total: u64,
    /// Cases flagged.
    pub flagged: u64,
    /// Newest of the snapshot's save time and the journal's last entry.
    pub last_change: Timestamp,
}

/// Lists the sessions and prints them.
pub fn run(paths: &Paths, json: bool) -> anyhow::Result<()> {
    let dir = paths.sessions_dir();
    let list = list(&dir)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        print!("{}", table(&dir, &list));
    }
    Ok(())
}

/// The sessions in `dir` (`*.ron`, journals and locks skipped), newest
/// change first, unreadable files last. A missing folder has none.
pub fn list(dir: &Path) -> anyhow::Result<Vec<Listed>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => anyhow::bail!("cannot list {}: {e}", dir.display()),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ron")
                && p.is_file()
                && !name(p).contains(".orphaned-journal-")
        })
        .collect();
    files.sort();
    let mut listed: Vec<Listed> = files.iter().map(|p| describe(p)).collect();
    listed.sort_by(|a, b| {
        let key = |l: &Listed| l.info.as_ref().map(|i| i.last_change);
        key(b).cmp(&key(a)).then_with(|| a.file.cmp(&b.file))
    });
    Ok(listed)
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn describe(path: &Path) -> Listed {
    let file = sanitize_line(&path.display().to_string());
    let kind = if name(path).contains(".backup-") {
        Kind::Backup
    } else {
        Kind::Session
    };
    match session::load(path, session::History::Unsaved) {
        Ok(loaded) => Listed {
            file,
            kind,
            info: Some(info(&loaded)),
            error: None,
        },
        Err(e) => Listed {
            file,
            kind,
            info: None,
            error: Some(sanitize_line(&e.to_string())),
        },
    }
}

/// Counts without the sample (which may be gone): the snapshot's case
/// states with the journal's grade and flag changes replayed over them.
fn info(loaded: &Loaded) -> Info {
    let f = &loaded.file;
    let mut state: HashMap<&str, (bool, bool)> = f
        .cases
        .iter()
        .map(|c| (c.id.as_str(), (c.grade.is_some(), c.flagged)))
        .collect();
    let outside: std::collections::HashSet<&str> = f
        .cases
        .iter()
        .filter(|c| c.outside)
        .map(|c| c.id.as_str())
        .collect();
    for entry in &loaded.journal {
        match &entry.change {
            Change::Grade { case, to, .. } => {
                state.entry(case.as_str()).or_default().0 = to.is_some();
            }
            Change::Flag { case, to } => state.entry(case.as_str()).or_default().1 = *to,
            _ => {}
        }
    }
    let last_change = loaded.last_change();
    Info {
        sample: sanitize_line(&f.sample.name),
        sample_path: f
            .sample
            .path
            .as_ref()
            .map(|p| sanitize_line(&p.display().to_string())),
        reviewer: sanitize_line(&f.reviewer),
        scale: sanitize_line(&f.scale.name),
        graded: state
            .iter()
            .filter(|(id, s)| s.0 && !outside.contains(*id))
            .count() as u64,
        graded_outside_sample: state
            .iter()
            .filter(|(id, s)| s.0 && outside.contains(*id))
            .count() as u64,
        total: f.sample.cases,
        flagged: state.values().filter(|s| s.1).count() as u64,
        last_change,
    }
}

/// The table: one block per session, aligned columns.
pub fn table(dir: &Path, list: &[Listed]) -> String {
    if list.is_empty() {
        return format!("no saved sessions in {}\n", dir.display());
    }
    let header = [
        "SESSION",
        "KIND",
        "SAMPLE",
        "SAMPLE FILE",
        "REVIEWER",
        "SCALE",
        "GRADED",
        "FLAGGED",
        "LAST CHANGE",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
    let mut errors = Vec::new();
    for l in list {
        let file = Path::new(&l.file)
            .file_name()
            .map_or_else(|| l.file.clone(), |n| n.to_string_lossy().into_owned());
        let kind = match l.kind {
            Kind::Session => "session",
            Kind::Backup => "backup",
        };
        match &l.info {
            Some(i) => rows.push(vec![
                file,
                kind.to_owned(),
                i.sample.clone(),
                i.sample_path
                    .clone()
                    .unwrap_or_else(|| "(bundled demo)".into()),
                i.reviewer.clone(),
                i.scale.clone(),
                if i.graded_outside_sample > 0 {
                    format!(
                        "{}/{} (+{} outside the sample)",
                        i.graded, i.total, i.graded_outside_sample
                    )
                } else {
                    format!("{}/{}", i.graded, i.total)
                },
                i.flagged.to_string(),
                i.last_change.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            ]),
            None => errors.push(format!(
                "{file} ({kind}): unreadable: {}",
                l.error.as_deref().unwrap_or("unknown error")
            )),
        }
    }
    let mut out = String::new();
    if rows.len() > 1 {
        let widths: Vec<usize> = (0..header.len())
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        for row in &rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c].saturating_sub(cell.chars().count());
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    for e in errors {
        let _ = writeln!(out, "{e}");
    }
    let _ = writeln!(out, "\n{} session file(s) in {}", list.len(), dir.display());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::change::Change;
    use crate::model::review::Stamp;
    use crate::model::scale::Scale;
    use crate::store::sample::demo_sample;

    fn grade_first(path: &Path, n: usize, level: &str) {
        let sample = demo_sample();
        let mut opened = session::open(path, &sample, &Scale::hmicfrs(), "Rita").expect("open");
        for case in &sample.cases()[..n] {
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
            crate::store::export::Input::new(&t.sample, &t.review, "Rita", &t.setup.config)
                .summary();
        assert_eq!((summary.graded, summary.graded_outside_sample), (1, 1));
        let text = super::super::summary::text(&summary, t.review.scale(), "Rita", &session_path);
        assert!(
            text.contains("1 graded case no longer in the sample is kept"),
            "{text}"
        );
    }
}
