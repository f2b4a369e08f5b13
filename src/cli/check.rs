//! `casebench check SESSION`: the state of a session's files — the
//! snapshot's checksum, damaged journal lines, a torn last write — and the
//! repairs that lose nothing: the journal written again without damaged
//! lines (the original kept aside), and a damaged or missing snapshot
//! rebuilt from the journal (the damaged one kept aside).

use std::fmt::Write as _;
use std::path::Path;

use super::{reading, target};
use crate::config::Config;
use crate::model::text::sanitize_line;
use crate::paths::Paths;
use crate::store::session::{self, SnapshotHealth};

/// Checks the session named by `target`, repairs what can be repaired
/// without losing anything, and prints what it found and did. Fails when
/// damage remains.
pub fn run(paths: &Paths, config: &Config, target: &Path) -> anyhow::Result<()> {
    let path = find(paths, config, target)?;
    let before = session::check(&path)?;
    let shown = sanitize_line(&path.display().to_string());
    let mut out = format!("{shown}\n");
    describe(&mut out, &before);
    let mut remaining = false;
    if let Some(aside) = session::repair_journal(&path)? {
        let _ = writeln!(
            out,
            "repaired: the journal was written again without its damaged lines; the original is kept as {}",
            sanitize_line(&aside.display().to_string())
        );
    }
    // A review that was never opened (its changes kept while its sample
    // was read, no journal yet) has nothing to rebuild.
    let never_opened = before.snapshot == SnapshotHealth::Missing
        && before.entries == 0
        && before.damaged.is_empty();
    if never_opened {
        let _ = writeln!(out, "nothing to repair: the review has not been opened yet");
    } else if matches!(
        before.snapshot,
        SnapshotHealth::Damaged | SnapshotHealth::Missing
    ) {
        match rebuild(&path, config) {
            Ok(note) => {
                let _ = writeln!(out, "repaired: {}", sanitize_line(&note));
            }
            Err(e) => {
                remaining = true;
                let _ = writeln!(
                    out,
                    "not repaired: the snapshot cannot be rebuilt here ({}); open the session in casebench with its sample",
                    super::error_text(&e)
                );
            }
        }
    }
    if let SnapshotHealth::Unreadable(_) = before.snapshot {
        remaining = true;
    }
    print!("{out}");
    if remaining {
        anyhow::bail!("{shown}: damage remains");
    }
    Ok(())
}

/// The session `target` names: one that reads, or any file whose
/// snapshot does not read or is missing but has a journal or changes
/// kept beside it (what `check` is for).
fn find(paths: &Paths, config: &Config, target: &Path) -> anyhow::Result<std::path::PathBuf> {
    if let Ok(path) = target::resolve(paths, config, target) {
        return Ok(path);
    }
    if let Ok(path) = std::fs::canonicalize(target) {
        return Ok(path);
    }
    if let Ok(path) = std::path::absolute(target)
        && (session::journal_path(&path).exists() || session::pending_path(&path).exists())
    {
        return Ok(path);
    }
    anyhow::bail!(
        "{}: no such session (neither it nor its journal exists)",
        sanitize_line(&target.display().to_string())
    )
}

fn describe(out: &mut String, h: &session::Health) {
    let snapshot = match &h.snapshot {
        SnapshotHealth::Intact => "intact".to_owned(),
        SnapshotHealth::Missing => "missing".to_owned(),
        SnapshotHealth::Damaged => "damaged: it fails its checksum".to_owned(),
        SnapshotHealth::Unreadable(why) => format!("unreadable: {}", sanitize_line(why)),
    };
    let _ = writeln!(out, "  snapshot: {snapshot}");
    let _ = writeln!(
        out,
        "  journal: {} intact change{}, {} damaged line{}{}",
        h.entries,
        if h.entries == 1 { "" } else { "s" },
        h.damaged.len(),
        if h.damaged.len() == 1 { "" } else { "s" },
        if h.torn > 0 {
            format!(
                ", an unfinished last write of {} bytes (never shown as saved)",
                h.torn
            )
        } else {
            String::new()
        }
    );
    for d in &h.damaged {
        let _ = writeln!(out, "    line {}: {}", d.line, sanitize_line(&d.message));
    }
    if h.kept > 0 {
        let _ = writeln!(
            out,
            "  kept while the sample was read: {} change{}, not in the journal yet; {} the review when it is next opened on screen",
            h.kept,
            if h.kept == 1 { "" } else { "s" },
            if h.kept == 1 { "it joins" } else { "they join" },
        );
    }
}

/// Rebuilds a damaged or missing snapshot from the journal by opening the
/// session on its sample (found from what the snapshot's first bytes say,
/// or the demo), then writing a fresh snapshot.
fn rebuild(path: &Path, config: &Config) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let info = session::sniff_sample_info(&text);
    let read = match info.as_ref().and_then(|i| i.path.as_ref()) {
        Some(sample) => reading::read(
            sample,
            config.clone(),
            &info.as_ref().map(|i| i.read.clone()).unwrap_or_default(),
            &crate::store::sample::ReadOptions::default(),
        )?,
        None if info.is_some() => reading::demo(config.clone()),
        None => anyhow::bail!("the snapshot does not say which sample it grades"),
    };
    let reviewer = super::reviewer(None, &read.setup.config);
    let recorded = session::Recorded {
        read: read.options.clone(),
        settings: session::SettingsRecord::default(),
        ..session::Recorded::default()
    };
    let mut opened = session::open_with(
        path,
        &read.sample,
        &read.setup.config.scale,
        &reviewer,
        &recorded,
    )?;
    opened
        .store
        .compact(&read.sample, &opened.review, &reviewer, None)?;
    Ok(opened
        .warnings
        .first()
        .cloned()
        .unwrap_or_else(|| "the snapshot was written again".into()))
}
