//! `casebench summary`: the tally of a session, headless, as text or JSON.

use std::fmt::Write as _;
use std::path::Path;

use super::target;
use crate::config::Config;
use crate::model::scale::Scale;
use crate::model::summary::Summary;
use crate::paths::Paths;
use crate::store::export::Input;

/// Prints the summary of the session named by `target` (a session file, or
/// a sample file meaning its default session).
pub fn run(paths: &Paths, config: &Config, target: &Path, json: bool) -> anyhow::Result<()> {
    let t = target::load(
        paths,
        config,
        target,
        crate::store::session::History::Unsaved,
    )?;
    let summary = Input::new(&t.sample, &t.review, &t.file.reviewer, &t.setup.config)
        .with_team(t.team.as_ref())
        .summary();
    let out = if json {
        serde_json::to_string_pretty(&summary)? + "\n"
    } else {
        text(&summary, t.review.scale(), &t.file.reviewer, &t.path)
    };
    print!("{out}");
    super::leave_at_exit(t);
    Ok(())
}

/// The human-readable summary.
pub fn text(s: &Summary, scale: &Scale, reviewer: &str, session: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.sample);
    let _ = writeln!(
        out,
        "reviewer {reviewer} · session {}",
        crate::model::text::sanitize_line(&session.display().to_string())
    );
    let _ = writeln!(out, "{}/{} graded", s.graded, s.total);
    if s.graded_outside_sample > 0 {
        let n = s.graded_outside_sample;
        let _ = writeln!(
            out,
            "{n} graded case{} no longer in the sample {} kept in the session and not counted here",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        );
    }
    if let Some(m) = &s.moderation {
        let _ = writeln!(
            out,
            "combined from the sessions of {}: {} of {} disagreement{} settled",
            m.reviewers.join(", "),
            m.settled,
            m.disagreements,
            if m.disagreements == 1 { "" } else { "s" }
        );
    }
    out.push('\n');
    let label = |id: &str| {
        scale
            .position(id)
            .and_then(|p| scale.level(p))
            .map_or(id, |l| l.label.as_str())
            .to_owned()
    };
    let width = s
        .counts
        .keys()
        .map(|id| label(id).chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let conf = crate::model::figures::confidence(s.confidence);
    let _ = write!(
        out,
        "  {:<width$}  {:>5}  {:>4}  {:>15}",
        "grade",
        "count",
        "%",
        format!("{conf} interval")
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
            "  {:<width$}  {count:>5}  {:>3}%  {interval:>15}",
            label(id),
            s.percent[id]
        );
        if let Some(r) = &s.reference {
            let _ = write!(out, "  {:>8} ({:>2}%)", r.counts[id], r.percent[id]);
        }
        out.push('\n');
    }
    if let (Some(r), Some(c)) = (&s.reference, &s.comparison) {
        let _ = writeln!(out, "\n{}\n  test: {}", c.plain(&r.label), c.technical());
    }
    if let Some(p) = &s.precision {
        let _ = writeln!(out, "\n{}", p.text(&conf));
    }
    let _ = writeln!(out, "\n{}", s.sentence);
    out
}
