//! Finding the session a headless command works on: `SESSION` arguments
//! name a session file, or a sample file meaning that sample's default
//! session (DESIGN §2). Shared by `summary` and `export`.

use std::path::{Path, PathBuf};

use super::absolute;
use super::reading;
use crate::config::Config;
use crate::config::sample::SampleSetup;
use crate::model::case::Sample;
use crate::model::review::Review;
use crate::paths::Paths;
use crate::store::session::{self, History, Loaded};

/// A saved session read for reporting, with its sample and review.
#[derive(Debug)]
pub(super) struct Target {
    /// The session file.
    pub path: PathBuf,
    /// The session as read (snapshot and journal).
    pub loaded: Loaded,
    /// The sample it grades.
    pub sample: Sample,
    /// The review rebuilt on that sample.
    pub review: Review,
    /// The config, report wording and report columns for that sample.
    pub setup: SampleSetup,
}

/// Reads the session named by `target`, its sample (read as the session
/// recorded, under the sample's settings over `config`), and rebuilds the
/// review.
pub(super) fn load(
    paths: &Paths,
    config: &Config,
    target: &Path,
    history: History,
) -> anyhow::Result<Target> {
    let path = resolve(paths, target)?;
    let loaded = session::load(&path, history)?;
    for warning in &loaded.warnings {
        // Not eprintln!: it panics when stderr is gone.
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("casebench: warning: {warning}\n"),
        );
    }
    let read = reading::of_session(&loaded, &path, config.clone())?;
    let review = loaded.review(&read.sample, &path)?;
    Ok(Target {
        path,
        loaded,
        sample: read.sample,
        review,
        setup: read.setup,
    })
}

/// A session path, or a sample path meaning that sample's default session.
pub(super) fn resolve(paths: &Paths, target: &Path) -> anyhow::Result<PathBuf> {
    let absolute = absolute(target)?;
    if is_session(&absolute) {
        return Ok(absolute);
    }
    let default = session::default_path(&paths.sessions_dir(), Some(&absolute));
    if default.exists() {
        Ok(default)
    } else {
        anyhow::bail!(
            "{}: no saved session for this sample (looked for {})",
            target.display(),
            default.display()
        )
    }
}

/// A session file is RON with a `version` field; samples have none.
///
/// Sessions casebench writes begin with `(version: …`, which is recognised
/// from the first bytes; anything else is parsed in full to be sure (a
/// large session costs seconds to parse, so the cheap check matters).
pub(super) fn is_session(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[allow(dead_code)]
        version: u32,
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    session::sniff_version(&text).is_some() || ron::from_str::<Probe>(&text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_told_from_samples() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p
        };
        assert!(is_session(&write("a.ron", "(version: 1, sample: ())")));
        // Fields in another order still count, by the full parse.
        assert!(is_session(&write("b.ron", "(sample: (), version: 1)")));
        assert!(!is_session(&write("c.ron", "(name: \"s\", cases: [])")));
        assert!(!is_session(&write("d.csv", "id\nA\n")));
        assert!(!is_session(&dir.path().join("missing.ron")));
    }
}
