//! `casebench summary`: the tally of a session, headless, as text or JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::absolute;
use super::open::sample_of_session;
use crate::config::Config;
use crate::model::summary::Summary;
use crate::paths::Paths;
use crate::store::session;

/// Prints the summary of the session named by `target` (a session file, or
/// a sample file meaning its default session).
pub fn run(paths: &Paths, config: &Config, target: &Path, json: bool) -> anyhow::Result<()> {
    let session_path = resolve(paths, target)?;
    let loaded = session::load(&session_path)?;
    let sample = sample_of_session(&session_path)?;
    let review = loaded.review(&sample, &session_path)?;
    let scale = review.scale();
    // The config's reference only makes sense on the scale it was written for.
    let reference = config
        .reference
        .as_ref()
        .filter(|r| {
            r.counts.len() == scale.len()
                && config
                    .scale
                    .levels
                    .iter()
                    .map(|l| &l.id)
                    .eq(scale.levels.iter().map(|l| &l.id))
        })
        .map(|r| (r.label.as_str(), r.counts.as_slice()));
    let summary = Summary::new(
        &sample.name,
        scale,
        review.counts(),
        sample.len() as u64,
        reference,
        config.confidence,
    );
    let out = if json {
        serde_json::to_string_pretty(&summary)? + "\n"
    } else {
        text(&summary, &loaded.file.reviewer, &session_path)
    };
    print!("{out}");
    Ok(())
}

/// A session path, or a sample path meaning that sample's default session.
fn resolve(paths: &Paths, target: &Path) -> anyhow::Result<PathBuf> {
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
fn is_session(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[allow(dead_code)]
        version: u32,
    }
    std::fs::read_to_string(path).is_ok_and(|text| ron::from_str::<Probe>(&text).is_ok())
}

/// The human-readable summary.
pub fn text(s: &Summary, reviewer: &str, session: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.sample);
    let _ = writeln!(out, "reviewer {reviewer} · session {}", session.display());
    let _ = writeln!(out, "{}/{} graded\n", s.graded, s.total);
    let width = s.counts.keys().map(String::len).max().unwrap_or(5).max(5);
    let conf = (s.confidence * 100.0).round();
    let _ = write!(
        out,
        "  {:<width$}  {:>5}  {:>4}  {:>15}",
        "grade",
        "count",
        "%",
        format!("{conf}% interval")
    );
    if s.reference.is_some() {
        let _ = write!(out, "  {:>14}", "reference");
    }
    out.push('\n');
    for (id, count) in &s.counts {
        let interval = s.intervals.get(id).map_or_else(
            || "–".to_owned(),
            |i| format!("{:.1}–{:.1}%", i.low * 100.0, i.high * 100.0),
        );
        let _ = write!(
            out,
            "  {id:<width$}  {count:>5}  {:>3}%  {interval:>15}",
            s.percent[id]
        );
        if let Some(r) = &s.reference {
            let _ = write!(out, "  {:>8} ({:>2}%)", r.counts[id], r.percent[id]);
        }
        out.push('\n');
    }
    if let (Some(r), Some(c)) = (&s.reference, &s.comparison) {
        let method = if c.method == "chi_square" {
            "chi-square"
        } else {
            "exact multinomial test"
        };
        let _ = writeln!(
            out,
            "\nAgainst {}: {method} {:.2} on {} df, p = {:.3}",
            r.label, c.statistic, c.degrees_of_freedom, c.p_value
        );
    }
    let _ = writeln!(out, "\n{}", s.sentence);
    out
}
