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
mod tests;
