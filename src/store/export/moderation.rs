//! What a combined or moderated session adds to its exports: each
//! reviewer's original grade beside the final one, and an agreement and
//! moderation section for the reports (who read what, how far they agreed,
//! every disagreement with its final grade and recorded reason).

use std::fmt::Write as _;

use super::Input;
use super::records::clean_line;
use super::table::{Cell, Row, Table};
use crate::model::agreement::{self, Grades, Stat};
use crate::model::case::CaseIdx;
use crate::model::stats::agreement::Bootstrap;
use crate::model::team::Team;

/// The reviewers of a team session, in its sources' order, each once.
pub fn reviewers(team: &Team) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in &team.record().sources {
        if !names.contains(&s.reviewer) {
            names.push(s.reviewer.clone());
        }
    }
    names
}

/// The CSV columns a team session adds: one original grade per reviewer
/// and the moderation state.
pub fn csv_header(team: &Team) -> Vec<String> {
    reviewers(team)
        .iter()
        .map(|r| format!("grade by {}", clean_line(r)))
        .chain(["moderation".to_owned()])
        .collect()
}

/// The cells of those columns for case `idx`: each reviewer's original
/// grade (level id) where they read it more than once, and `agreed`,
/// `settled`, `to settle` or nothing (read once).
pub fn csv_cells(input: &Input<'_>, team: &Team, idx: CaseIdx) -> Vec<String> {
    let mut cells: Vec<String> = reviewers(team)
        .iter()
        .map(|name| {
            team.readings(idx)
                .find(|r| &r.by == name)
                .and_then(|r| r.grade.clone())
                .unwrap_or_default()
        })
        .collect();
    let state = match (team.rank(idx), input.review.grade(idx)) {
        (Some(_), Some(_)) => "settled",
        (Some(_), None) => "to settle",
        (None, _) if team.readings(idx).next().is_some() => "agreed",
        _ => "",
    };
    cells.push(state.to_owned());
    cells
}

/// The agreement and moderation section of a report.
#[derive(Debug, Clone)]
pub struct Section {
    /// What was read by whom, how far the readers agreed, what moderation
    /// settled: plain text, escaped by the writer.
    pub text: String,
    /// Every disagreement: the original grades, the final grade and (unless
    /// redacted) the reason.
    pub table: Table,
}

/// The section for `input`, when it is a team session.
pub fn section(input: &Input<'_>, redact: bool) -> Option<Section> {
    let team = input.team?;
    let names = reviewers(team);
    let scale = input.review.scale();
    let cases = input.sample.len();
    let grades: Vec<Grades> = names
        .iter()
        .map(|name| {
            let mut grades = vec![None; cases];
            for (i, slot) in grades.iter_mut().enumerate() {
                *slot = team
                    .readings(i as CaseIdx)
                    .find(|r| &r.by == name)
                    .and_then(|r| r.grade.as_deref())
                    .and_then(|g| scale.position(g));
            }
            Grades {
                reviewer: name.clone(),
                grades,
            }
        })
        .collect();
    let boot = Bootstrap {
        confidence: input.confidence,
        ..Bootstrap::default()
    };
    let report = agreement::report(input.sample, scale, &grades, &boot);
    let mut text = String::new();
    let sources: Vec<String> = team
        .record()
        .sources
        .iter()
        .map(|s| format!("{} ({} graded)", clean_line(&s.reviewer), s.graded))
        .collect();
    let _ = write!(
        text,
        "Combined from {} sessions: {}. ",
        sources.len(),
        sources.join(", ")
    );
    let read_twice = (0..cases as CaseIdx)
        .filter(|&i| team.readings(i).filter(|r| r.grade.is_some()).count() > 1)
        .count();
    let disputed = team.queue().len();
    let settled = team
        .queue()
        .iter()
        .filter(|&&i| input.review.grade(i).is_some())
        .count();
    let _ = write!(
        text,
        "{read_twice} case{} graded by more than one reviewer; {} got the same grade. ",
        if read_twice == 1 { " was" } else { "s were" },
        read_twice - disputed.min(read_twice)
    );
    if let Some(p) = &report.pair {
        let _ = write!(
            text,
            "Quadratically weighted kappa {}; Krippendorff's ordinal alpha {}; Cohen's kappa {}. ",
            stat(&p.quadratic),
            stat(&p.alpha),
            stat(&p.cohen)
        );
    }
    if let Some(m) = &report.many {
        let _ = write!(
            text,
            "Fleiss' kappa {}; Krippendorff's ordinal alpha {}. ",
            stat(&m.fleiss),
            stat(&m.alpha)
        );
    }
    let _ = write!(
        text,
        "Intervals: {}. {disputed} disagreement{} went to moderation: {settled} settled with a recorded reason, {} still to settle.",
        report.method,
        if disputed == 1 { "" } else { "s" },
        disputed - settled
    );
    Some(Section {
        text,
        table: disagreements(input, team, &names, redact),
    })
}

/// `0.71 (0.52 to 0.86)`, or why there is no value.
fn stat(s: &Stat) -> String {
    match (s.value, s.low, s.high) {
        (Some(v), Some(lo), Some(hi)) => format!("{v:.2} ({lo:.2} to {hi:.2})"),
        (Some(v), _, _) => format!("{v:.2}"),
        _ => format!(
            "undefined ({})",
            s.note.as_deref().unwrap_or("too few grades")
        ),
    }
}

fn disagreements(input: &Input<'_>, team: &Team, names: &[String], redact: bool) -> Table {
    let scale = input.review.scale();
    let label = |g: Option<&str>| {
        g.and_then(|g| scale.level(scale.position(g)?))
            .map_or_else(|| "–".to_owned(), |l| l.label.clone())
    };
    let mut header = vec![Cell::left("Case")];
    header.extend(names.iter().map(|n| Cell::left(clean_line(n).into_owned())));
    header.push(Cell::left("Final grade"));
    if !redact {
        header.push(Cell::left("Reason"));
    }
    let rows = team
        .queue()
        .iter()
        .filter_map(|&idx| {
            let case = input.sample.get(idx)?;
            let mut cells = vec![Cell::left(clean_line(case.id).into_owned())];
            cells.extend(names.iter().map(|n| {
                Cell::left(label(
                    team.readings(idx)
                        .find(|r| &r.by == n)
                        .and_then(|r| r.grade.as_deref()),
                ))
            }));
            let finals = input.review.grade(idx).and_then(|g| scale.level(g));
            cells.push(match finals {
                Some(l) => Cell::left(l.label.clone()).strong(),
                None => Cell::left("to settle").muted(),
            });
            if !redact {
                let reason = input.review.note(idx).replace('\n', " ");
                cells.push(Cell::left(clean_line(&reason).into_owned()));
            }
            Some(Row {
                cells,
                total: false,
            })
        })
        .collect();
    Table { header, rows }
}
