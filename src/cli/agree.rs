//! `casebench agree S1 S2 [S3 …] [--json]`: how far reviewers of one
//! sample agree, with intervals, the confusion matrix, agreement per area
//! and every disagreement.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::combine;
use crate::config::Config;
use crate::model::agreement::{self, Grades, Report, Stat};
use crate::model::stats::agreement::Bootstrap;
use crate::paths::Paths;
use crate::store::team;

/// What `agree` is asked.
#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// Two or more sessions of the same sample (a sample file means your default session of it).
    #[arg(value_name = "SESSION", required = true, num_args = 2..)]
    pub sessions: Vec<PathBuf>,
    /// The whole sample, when the sessions grade parts of it (from `casebench split`).
    #[arg(long, value_name = "SAMPLE")]
    pub sample: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Seed of the bootstrap that gives the intervals.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Bootstrap resamples (0: no intervals).
    #[arg(long, default_value_t = 1000)]
    pub resamples: u32,
}

/// Prints the agreement of the sessions `args` names.
pub fn run(paths: &Paths, config: &Config, args: &AgreeArgs) -> anyhow::Result<()> {
    let files = combine::resolve_all(paths, config, &args.sessions)?;
    let team = combine::load_team(
        config,
        &files,
        args.sample.as_deref(),
        crate::store::session::History::Unsaved,
    )?;
    let (sample, parts) = (&team.read.sample, &team.parts);
    let scale = &parts[0].scale;
    let reviewers: Vec<Grades> = parts
        .iter()
        .zip(names(parts))
        .map(|(p, reviewer)| {
            let mut grades = vec![None; sample.len()];
            let places = sample.positions(p.cases.iter().map(|c| c.id.as_str()));
            for (c, place) in p.cases.iter().zip(places) {
                if let (Some(i), Some(g)) = (place, c.grade.as_deref()) {
                    grades[i as usize] = scale.position(g);
                }
            }
            Grades { reviewer, grades }
        })
        .collect();
    let boot = Bootstrap {
        resamples: args.resamples,
        seed: args.seed,
        confidence: config.confidence,
    };
    let report = agreement::report(sample, scale, &reviewers, &boot);
    let out = if args.json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        text(&report, &sample.name)
    };
    print!("{out}");
    Ok(())
}

/// Each part's reviewer, with its session's file name when two sessions
/// have the same reviewer (so that columns can be told apart).
fn names(parts: &[team::Part]) -> Vec<String> {
    parts
        .iter()
        .map(|p| {
            let shared = parts.iter().filter(|q| q.reviewer == p.reviewer).count() > 1;
            let file = p.path.file_name().map(|f| f.to_string_lossy().into_owned());
            match file.filter(|_| shared) {
                Some(f) => crate::model::text::sanitize_line(&format!("{} ({f})", p.reviewer)),
                None => p.reviewer.clone(),
            }
        })
        .collect()
}

/// A statistic with its interval: `0.66 (0.51 to 0.79)`, or why not.
fn stat(s: &Stat, as_percent: bool) -> String {
    let show = |x: f64| {
        if as_percent {
            format!("{:.0}%", x * 100.0)
        } else {
            format!("{x:.2}")
        }
    };
    match (s.value, s.low, s.high) {
        (Some(v), Some(lo), Some(hi)) => format!("{:<6} {} to {}", show(v), show(lo), show(hi)),
        (Some(v), _, _) => format!(
            "{:<6} {}",
            show(v),
            s.note.as_deref().unwrap_or("no interval")
        ),
        _ => format!(
            "undefined: {}",
            s.note.as_deref().unwrap_or("not enough grades")
        ),
    }
}

/// The report as text.
pub fn text(r: &Report, sample: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Agreement of {} · {sample} ({} cases)",
        r.reviewers.join(", "),
        r.cases
    );
    if let Some(p) = &r.pair {
        pair_text(&mut out, r, p);
    }
    if let Some(m) = &r.many {
        many_text(&mut out, r, m);
    }
    disagreements_text(&mut out, r);
    out
}

fn pair_text(out: &mut String, r: &Report, p: &agreement::Pair) {
    let (first, second) = (&r.reviewers[0], &r.reviewers[1]);
    let neither = r.cases as u64 - p.both - p.only_first - p.only_second;
    let _ = writeln!(
        out,
        "graded by both: {} · only {first}: {} · only {second}: {} · by neither: {neither}\n",
        p.both, p.only_first, p.only_second
    );
    let _ = writeln!(out, "  {:<32}{:<7}interval", "", "value");
    for (label, s, pct) in [
        ("percent agreement", &p.percent, true),
        ("Cohen's kappa", &p.cohen, false),
        ("weighted kappa, linear", &p.linear, false),
        ("weighted kappa, quadratic", &p.quadratic, false),
        ("Krippendorff's alpha, ordinal", &p.alpha, false),
    ] {
        let _ = writeln!(out, "  {label:<32}{}", stat(s, pct));
    }
    let _ = writeln!(out, "  intervals: {}\n", r.method);
    confusion(out, r, &p.confusion);
    if p.areas.is_empty() {
        return;
    }
    let _ = writeln!(out, "By area of practice");
    let _ = writeln!(
        out,
        "  {:<36}{:>5}  {:>9}  weighted kappa (quadratic)",
        "area", "both", "agreement"
    );
    for area in &p.areas {
        let pct = area
            .percent
            .map_or_else(|| "–".to_owned(), |x| format!("{:.0}%", x * 100.0));
        let kappa = match area.quadratic.value {
            Some(k) => format!("{k:.2}"),
            None => format!(
                "undefined: {}",
                area.quadratic.note.as_deref().unwrap_or("")
            ),
        };
        let _ = writeln!(
            out,
            "  {:<36}{:>5}  {pct:>9}  {kappa}",
            cut(&area.area, 35),
            area.both
        );
    }
    out.push('\n');
}

fn many_text(out: &mut String, r: &Report, m: &agreement::Many) {
    let only: Vec<String> = r
        .reviewers
        .iter()
        .zip(&r.graded_by_one_only)
        .map(|(n, c)| format!("{n} {c}"))
        .collect();
    let _ = writeln!(
        out,
        "graded by at least one: {} · by two or more: {} · by one only: {}\n",
        m.graded,
        m.pairable,
        only.join(", ")
    );
    let _ = writeln!(out, "  {:<32}{:<7}interval", "", "value");
    let _ = writeln!(out, "  {:<32}{}", "Fleiss' kappa", stat(&m.fleiss, false));
    let _ = writeln!(
        out,
        "  {:<32}{}",
        "Krippendorff's alpha, ordinal",
        stat(&m.alpha, false)
    );
    let _ = writeln!(out, "  intervals: {}\n", r.method);
}

fn disagreements_text(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "Disagreements: {}{}",
        r.disagreements.len(),
        if r.disagreements.is_empty() {
            ""
        } else {
            ", largest first"
        }
    );
    if r.disagreements.is_empty() {
        return;
    }
    let width = r
        .levels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(10)
        + 2;
    let _ = write!(out, "  {:<12}", "case");
    for name in &r.reviewers {
        let _ = write!(out, "{:<width$}", cut(name, width - 2));
    }
    let _ = writeln!(out, "distance");
    for d in &r.disagreements {
        let _ = write!(out, "  {:<12}", cut(&d.case, 11));
        for g in &d.grades {
            let _ = write!(out, "{:<width$}", g.as_deref().unwrap_or("–"));
        }
        let _ = writeln!(out, "{}", d.distance);
    }
}

fn confusion(out: &mut String, r: &Report, m: &[Vec<u64>]) {
    let _ = writeln!(
        out,
        "Confusion (rows: {}, columns: {})",
        r.reviewers[0], r.reviewers[1]
    );
    let width = r
        .levels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let cols: Vec<usize> = r
        .levels
        .iter()
        .map(|l| l.chars().count().max(4) + 2)
        .collect();
    let _ = write!(out, "  {:<width$}", "");
    for (l, col) in r.levels.iter().zip(&cols) {
        let _ = write!(out, "{l:>col$}");
    }
    out.push('\n');
    for (label, row) in r.levels.iter().zip(m) {
        let _ = write!(out, "  {label:<width$}");
        for (n, col) in row.iter().zip(&cols) {
            let _ = write!(out, "{n:>col$}");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        s.chars()
            .take(width.saturating_sub(1))
            .chain(['…'])
            .collect()
    }
}
