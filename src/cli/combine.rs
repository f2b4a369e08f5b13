//! `casebench combine S1 S2 … --out SESSION` and the first step of
//! `casebench moderate`: the sessions of one sample merged into one
//! session, disagreements queued for moderation.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::reading::{self, ReadSample};
use super::target;
use crate::config::Config;
use crate::model::text::sanitize_line;
use crate::paths::Paths;
use crate::store::sample::ReadOptions;
use crate::store::session::{self, History, SampleInfo, SessionFile};
use crate::store::team::{self, Combined, Part};

/// Combines the sessions `targets` into a new session at `out` and prints
/// what it holds. `force` moves an existing session at `out` aside first.
pub fn run(
    paths: &Paths,
    config: &Config,
    targets: &[PathBuf],
    whole: Option<&Path>,
    out: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let out = std::path::absolute(out).with_context(|| format!("cannot use {}", out.display()))?;
    let files = resolve_all(paths, config, targets)?;
    if files.contains(&out) {
        anyhow::bail!("--out names one of the sessions to combine; name a new file");
    }
    if force && let Some(backup) = session::back_up(&out)? {
        super::say(&format!(
            "the previous session is kept as {}",
            sanitize_line(&backup.display().to_string())
        ));
    } else if out.exists() || session::journal_path(&out).exists() {
        anyhow::bail!(
            "{} exists; choose another --out, or add --force to keep it aside as a backup and write the new one",
            sanitize_line(&out.display().to_string())
        );
    }
    let combined = combine_into(config, &files, whole, &out)?;
    print!("{}", describe(&combined, &out));
    Ok(())
}

/// The session files `targets` name (files, or samples meaning the
/// reviewer's default session).
pub(super) fn resolve_all(
    paths: &Paths,
    config: &Config,
    targets: &[PathBuf],
) -> anyhow::Result<Vec<PathBuf>> {
    targets
        .iter()
        .map(|t| target::resolve(paths, config, t))
        .collect()
}

/// The sessions of a team read for combining or comparing, on their
/// sample: the one they grade, or `whole` when they grade parts of it (a
/// sample split among reviewers).
pub(super) struct Team {
    /// The sample, as read.
    pub read: ReadSample,
    /// Each session as it stands.
    pub parts: Vec<Part>,
    /// The sample's identity, for a combined session.
    pub info: SampleInfo,
    /// The first session's snapshot (scale and settings).
    pub first: SessionFile,
}

/// Reads the sessions `files`, on `whole` when given.
pub(super) fn load_team(
    config: &Config,
    files: &[PathBuf],
    whole: Option<&Path>,
    history: History,
) -> anyhow::Result<Team> {
    let first_path = files.first().context("name two sessions or more")?;
    // The sample is read while the sessions are parsed: for a large
    // sample, the two take about as long.
    let sniffed = session::sniff_sample_info_at(first_path);
    let (sample_path, recorded) = match whole {
        Some(path) => (Some(super::absolute(path)?), ReadOptions::default()),
        None => (
            sniffed.as_ref().and_then(|i| i.path.clone()),
            sniffed.map(|i| i.read).unwrap_or_default(),
        ),
    };
    // A big sample shows how far its reading has got (on stderr, when it
    // is a terminal).
    let what = sample_path.as_ref().map_or_else(
        || "the sample".to_owned(),
        |p| crate::model::text::sanitize_line(&p.display().to_string()),
    );
    let (loaded, read) = super::progress_bar::watched(&what, |progress| {
        let (loaded, early) = std::thread::scope(|s| {
            let early = sample_path.as_ref().map(|path| {
                let recorded = &recorded;
                let none = ReadOptions::default();
                s.spawn(move || {
                    reading::read_watched(path, config.clone(), (recorded, &none), progress)
                })
            });
            let loaded = team::load_all(files, history);
            let early = early.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            (loaded, early)
        });
        let loaded = loaded?;
        let first = loaded.first().context("name two sessions or more")?;
        let read = match early {
            Some(read) => read?,
            None => reading::of_session(&first.file.sample, first_path, config.clone(), progress)?,
        };
        anyhow::Ok((loaded, read))
    })?;
    let first = loaded.first().context("name two sessions or more")?;
    let info = match whole {
        Some(_) => SampleInfo {
            name: read.sample.name.clone(),
            path: read.sample.source.path.clone(),
            hash: read.sample.source.hash.clone(),
            cases: read.sample.len() as u64,
            read: read.options.clone(),
        },
        None => first.file.sample.clone(),
    };
    let parts = loaded
        .iter()
        .zip(files)
        .map(|(l, p)| match whole {
            Some(_) => team::part_of(p, l, &read.sample),
            None => Ok(team::part(p, l, &read.sample)?),
        })
        .collect::<Result<Vec<_>, _>>()?;
    team::check(&parts)?;
    Ok(Team {
        first: first.file.clone(),
        read,
        parts,
        info,
    })
}

/// Reads the sessions `files` (on `whole` when given), combines them and
/// writes the result at `out`.
pub(super) fn combine_into(
    config: &Config,
    files: &[PathBuf],
    whole: Option<&Path>,
    out: &Path,
) -> anyhow::Result<Combined> {
    let t = load_team(config, files, whole, History::Full)?;
    let combined = team::combine(t.parts, &t.read.sample)?;
    let me = super::reviewer(None, config);
    team::write(out, &combined, t.info, &t.first, &me)?;
    Ok(combined)
}

/// What a combined session holds, in a few lines.
fn describe(c: &Combined, out: &Path) -> String {
    let mut text = String::new();
    let sources: Vec<String> = c
        .team
        .sources
        .iter()
        .map(|s| format!("{} ({} graded)", s.reviewer, s.graded))
        .collect();
    let graded = c.cases.iter().filter(|s| s.grade.is_some()).count();
    let twice: std::collections::BTreeSet<&str> =
        c.team.readings.iter().map(|r| r.case.as_str()).collect();
    let _ = writeln!(
        text,
        "combined {} sessions: {}",
        sources.len(),
        sources.join(", ")
    );
    let _ = writeln!(
        text,
        "{graded} cases graded, {} read by more than one reviewer, {} changes in the audit trail",
        twice.len(),
        c.journal.len()
    );
    let shown = sanitize_line(&out.display().to_string());
    if c.team.disputed.is_empty() {
        let _ = writeln!(text, "no disagreements; written to {shown}");
    } else {
        let _ = writeln!(
            text,
            "{} disagreement{} to moderate ({}); written to {shown}\nsettle them with: casebench --session {shown}",
            c.team.disputed.len(),
            if c.team.disputed.len() == 1 { "" } else { "s" },
            c.team.disputed.join(", "),
        );
    }
    text
}
