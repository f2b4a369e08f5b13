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
use crate::model::team::Team;
use crate::paths::Paths;
use crate::store::session::{self, History, SessionFile};

/// A saved session read for reporting, with its sample and review.
#[derive(Debug)]
pub(super) struct Target {
    /// The session file.
    pub path: PathBuf,
    /// The session's snapshot as read.
    pub file: SessionFile,
    /// The sample it grades.
    pub sample: Sample,
    /// The review rebuilt on that sample.
    pub review: Review,
    /// The config, report wording and report columns for that sample.
    pub setup: SampleSetup,
    /// A combined or moderated session's team record, over that sample.
    pub team: Option<Team>,
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
    let path = resolve(paths, config, target)?;
    let what = path.file_name().map_or_else(String::new, |n| {
        crate::model::text::sanitize_line(&n.to_string_lossy())
    });
    let read_sample = |info: &session::SampleInfo| {
        super::progress_bar::watched(&what, |progress| {
            reading::of_session(info, &path, config.clone(), progress)
        })
    };
    // The sample, named in the snapshot's first lines, is read while the
    // snapshot is parsed: for a big review the two take a while each.
    let sniffed = session::sniff_sample_info_at(&path);
    let (loaded, early) = std::thread::scope(|s| {
        let early = sniffed.as_ref().map(|info| s.spawn(|| read_sample(info)));
        let loaded = session::load(&path, history);
        let early = early.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (loaded, early)
    });
    let loaded = loaded?;
    for warning in &loaded.warnings {
        super::say(&format!("warning: {warning}"));
    }
    let read = match early {
        Some(read) if sniffed.as_ref() == Some(&loaded.file.sample) => read?,
        _ => read_sample(&loaded.file.sample)?,
    };
    let (file, review) = loaded.into_review(&read.sample, &path)?;
    let team = file
        .team
        .clone()
        .map(|record| Team::new(record, &read.sample));
    Ok(Target {
        team,
        path,
        file,
        sample: read.sample,
        review,
        setup: read.setup,
    })
}

/// A session path, or a sample path meaning that sample's default session.
pub(super) fn resolve(paths: &Paths, config: &Config, target: &Path) -> anyhow::Result<PathBuf> {
    let absolute = absolute(target)?;
    if is_session(&absolute) {
        return Ok(absolute);
    }
    // Named like a session but not readable as one: say so, rather than
    // look for the session of a "sample" by that name.
    if absolute
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".session.ron"))
    {
        let what = match std::fs::metadata(&absolute) {
            Ok(m) if m.len() == 0 => "it is empty",
            _ => "it does not read as one",
        };
        anyhow::bail!(
            "{}: not a readable casebench session ({what}); `casebench check` says more",
            crate::model::text::sanitize_line(&target.display().to_string())
        );
    }
    let reviewer = super::reviewer(None, config);
    let default = session::find_default(&paths.sessions_dir(), Some(&absolute), &reviewer);
    if default.exists() {
        Ok(default)
    } else {
        anyhow::bail!(
            "{}: no saved session of {reviewer} for this sample (looked for {}; another reviewer's is named with --reviewer, or as a file)",
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
    // The first bytes say it for every session casebench writes; a large
    // session is read whole only when they do not.
    let Ok(head) = crate::store::read_head(path, 4096) else {
        return false;
    };
    if session::sniff_version(&String::from_utf8_lossy(&head)).is_some() {
        return true;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    ron::from_str::<Probe>(&text).is_ok()
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

    #[test]
    fn an_empty_or_broken_session_is_called_what_it_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths {
            config_file: dir.path().join("config.ron"),
            config_explicit: false,
            data_dir: dir.path().join("data"),
        };
        let empty = dir.path().join("a.session.ron");
        std::fs::write(&empty, "").expect("write");
        let e = resolve(&paths, &Config::default(), &empty).expect_err("empty");
        assert!(
            e.to_string()
                .contains("not a readable casebench session (it is empty)"),
            "{e}"
        );
        let broken = dir.path().join("b.session.ron");
        std::fs::write(&broken, "(versio").expect("write");
        let e = resolve(&paths, &Config::default(), &broken).expect_err("broken");
        assert!(e.to_string().contains("does not read as one"), "{e}");
    }
}
