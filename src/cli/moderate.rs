//! `casebench moderate A B [--session OUT]`: the review screen on the
//! disagreements of two (or more) sessions of one sample. The first run
//! combines them into the moderation session; later runs resume it.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{combine, open, reading};
use crate::config::Config;
use crate::model::text::sanitize_line;
use crate::paths::Paths;
use crate::store::session::{self, History};

/// Opens (creating it first if needed) the moderation session of the
/// sessions `targets`.
pub fn run(
    paths: &Paths,
    config: &Config,
    targets: &[PathBuf],
    whole: Option<&Path>,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let files = combine::resolve_all(paths, config, targets)?;
    let me = super::reviewer(None, config);
    let sample_path = match whole {
        Some(w) => Some(super::absolute(w)?),
        None => session::load(&files[0], History::Unsaved)?.file.sample.path,
    };
    let out = match out {
        Some(p) => std::path::absolute(p).with_context(|| format!("cannot use {}", p.display()))?,
        None => session::default_path(
            &paths.sessions_dir(),
            sample_path.as_deref(),
            &format!("{me}-moderation"),
        ),
    };
    if files.contains(&out) {
        anyhow::bail!("--session names one of the sessions to moderate; name a new file");
    }
    let intro = if out.exists() {
        same_sources(&out, &files)?;
        "moderation resumed".to_owned()
    } else {
        let combined = combine::combine_into(config, &files, whole, &out)?;
        match combined.team.disputed.len() {
            0 => "moderation: no disagreements; every case is carried over".to_owned(),
            n => format!(
                "moderation: {n} disagreement{} to settle, largest first; grade each and give the reason",
                if n == 1 { "" } else { "s" }
            ),
        }
    };
    let loaded = session::load(&out, History::Unsaved)?;
    let read = reading::of_session(
        &loaded.file.sample,
        &out,
        config.clone(),
        &crate::store::progress::Progress::default(),
    )?;
    open::review(read, out, me, false, Some(intro))
}

/// A moderation session is resumed only for the sessions it moderates.
fn same_sources(out: &Path, files: &[PathBuf]) -> anyhow::Result<()> {
    let loaded = session::load(out, History::Unsaved)?;
    let mut recorded: Vec<PathBuf> = loaded
        .file
        .team
        .as_ref()
        .map(|t| t.sources.iter().map(|s| s.session.clone()).collect())
        .unwrap_or_default();
    let mut given = files.to_vec();
    recorded.sort();
    given.sort();
    if recorded == given {
        return Ok(());
    }
    let names = |v: &[PathBuf]| {
        v.iter()
            .map(|p| sanitize_line(&p.display().to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    anyhow::bail!(
        "{} moderates other sessions ({}), not {}; name another with --session",
        sanitize_line(&out.display().to_string()),
        if recorded.is_empty() {
            "none: it is not a moderation session".to_owned()
        } else {
            names(&recorded)
        },
        names(&given)
    )
}
