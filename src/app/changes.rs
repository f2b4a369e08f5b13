//! Edits to the review: grades, notes, flags, criteria answers, undo and
//! redo. Each becomes one journal entry ([`Effect::Persist`]).

use jiff::Timestamp;

use super::cursor::set_cursor;
use super::effect::Effect;
use super::{App, Mode, NoteEditor, Notice, filter};
use crate::keymap::{Command, Context};
use crate::model::case::CaseIdx;
use crate::model::change::{Answer, Change};
use crate::model::review::{ReviewError, Stamp};
use crate::model::scale::LevelIdx;
use crate::model::text::sanitize;

/// Grades the current case at `level` and moves to the next ungraded case
/// (when auto-advance is on and the case was ungraded). Levels that require
/// a note open the note editor first if the case has none.
pub fn grade(app: &mut App, level: LevelIdx, now: Timestamp) -> Vec<Effect> {
    let Some(case) = app.current() else {
        return Vec::new();
    };
    let scale = app.session.review.scale();
    let from = app.session.review.grade(app.list.cursor);
    let Some(target) = scale.level(level) else {
        return Vec::new();
    };
    if from == Some(level) {
        app.status.notice = Some(Notice::Info(format!(
            "{} is already graded {}",
            case.id, target.label
        )));
        return Vec::new();
    }
    let disputed = app.rank(app.list.cursor).is_some();
    if (disputed || app.session.config.require_note_for.contains(&target.id))
        && app.session.review.note(app.list.cursor).trim().is_empty()
    {
        let save = app
            .session
            .config
            .keys
            .first_key(Context::Note, Command::SaveNote);
        let needs = if disputed {
            format!("settling {} as {} needs a reason", case.id, target.label)
        } else {
            format!("{} needs a note", target.label)
        };
        app.status.notice = Some(Notice::Info(format!(
            "{needs}: write it, then {save} to save and grade"
        )));
        app.mode = Mode::Note(Box::new(NoteEditor::new(app.list.cursor, "", Some(level))));
        return Vec::new();
    }
    apply_grade(app, level, now)
}

/// Records the grade (already checked) and advances.
fn apply_grade(app: &mut App, level: LevelIdx, now: Timestamp) -> Vec<Effect> {
    let scale = app.session.review.scale();
    let from = app.session.review.grade(app.list.cursor);
    let id = |g: Option<LevelIdx>| g.and_then(|g| scale.level(g)).map(|l| l.id.clone());
    let Some(case) = app.current() else {
        return Vec::new();
    };
    let change = Change::Grade {
        case: case.id.to_string(),
        from: id(from),
        to: id(Some(level)),
    };
    // Auto-advance only when grading a new case: regrading stays put. In
    // moderation, on to the next disagreement not yet settled.
    let disputed = app.rank(app.list.cursor).is_some();
    let next = if app.session.config.auto_advance && from.is_none() {
        if disputed {
            app.next_unsettled(app.list.cursor)
        } else {
            // On in the order the reviewer sees, among the cases listed;
            // past the last of those, to any ungraded case.
            let review = &app.session.review;
            let listed = (app.list.rows.is_some()).then(|| {
                super::order::next_listed(app, app.list.cursor, true, false, |i| {
                    review.grade(i).is_none()
                })
            });
            listed
                .flatten()
                .or_else(|| review.next_ungraded(app.list.cursor))
        }
        .filter(|&n| n != app.list.cursor)
        // The first cases of a sample still being read: the next ungraded
        // case may be past them, so there is no going back to the top.
        .filter(|&n| app.preview.is_none() || n > app.list.cursor)
    } else {
        None
    };
    let target = next.unwrap_or(app.list.cursor);
    // Say what happened where it would otherwise pass unseen: a grade
    // changed, or auto-advance going back to the top.
    let label = |g: Option<LevelIdx>| {
        g.and_then(|g| scale.level(g))
            .map_or_else(String::new, |l| l.label.clone())
    };
    let said = match (from, next) {
        (Some(_), _) => Some(format!(
            "{}: {} → {}",
            case.id,
            label(from),
            label(Some(level))
        )),
        (None, Some(n)) if app.row_key(n) < app.row_key(app.list.cursor) => {
            app.session.sample.get(n).map(|c| {
                format!(
                    "{} graded {}; back to the first ungraded case, {}",
                    case.id,
                    label(Some(level)),
                    c.id
                )
            })
        }
        _ => None,
    };
    let settled = format!(
        "{} settled as {}",
        case.id,
        scale.level(level).map_or("", |l| l.label.as_str())
    );
    let effects = record(app, change, target, now);
    if let Some(said) = said.filter(|_| !effects.is_empty()) {
        app.status.notice = Some(Notice::Info(said));
    }
    if disputed
        && !effects.is_empty()
        && let Some((done, all)) = app.settled()
    {
        app.status.notice = Some(Notice::Info(if done == all {
            format!("{settled} · all {all} disagreements settled: the moderated review is complete")
        } else {
            format!("{settled} · {done} of {all} disagreements settled")
        }));
    }
    if !effects.is_empty()
        && !disputed
        && from.is_none()
        && app.preview.is_none()
        && app.session.review.graded() == app.session.sample.len() as u64
    {
        app.status.notice = Some(Notice::Info(format!(
            "all {} cases graded",
            app.session.sample.len()
        )));
    }
    set_cursor(app, target);
    effects
}

/// Leaves the note editor: saves the note if it changed, then applies the
/// grade that was waiting for it. An empty note cannot carry a grade that
/// requires one: the first Esc says so, the second drops the grade.
pub fn close_note(app: &mut App, editor: NoteEditor, now: Timestamp) -> Vec<Effect> {
    let text = sanitize(&editor.text());
    if let Some(level) = editor.pending_grade
        && text.is_empty()
    {
        if editor.warned_empty {
            app.status.notice = Some(Notice::Info("grade not given: it needs a note".into()));
            app.mode = Mode::Browse;
        } else {
            let label = app
                .session
                .review
                .scale()
                .level(level)
                .map_or("", |l| l.label.as_str())
                .to_owned();
            let save = app
                .session
                .config
                .keys
                .first_key(Context::Note, Command::SaveNote);
            app.status.notice = Some(Notice::Warning(format!(
                "a note is required to grade {label}: write one, or press {save} again to leave without grading"
            )));
            app.mode = Mode::Note(Box::new(NoteEditor {
                warned_empty: true,
                ..editor
            }));
        }
        return Vec::new();
    }
    app.mode = Mode::Browse;
    let old = app.session.review.note(editor.case).to_owned();
    let mut effects = Vec::new();
    if text != old
        && let Some(case) = app.session.sample.get(editor.case)
    {
        let change = Change::Note {
            case: case.id.to_string(),
            from: old,
            to: text,
        };
        effects = record(app, change, editor.case, now);
        app.status.notice = Some(Notice::Info("note saved".into()));
    }
    if let Some(level) = editor.pending_grade {
        app.list.cursor = editor.case;
        effects.extend(apply_grade(app, level, now));
    }
    effects
}

/// Flags or unflags the current case.
pub fn toggle_flag(app: &mut App, now: Timestamp) -> Vec<Effect> {
    let Some(case) = app.current() else {
        return Vec::new();
    };
    let to = !app.session.review.flagged(app.list.cursor);
    let id = case.id.to_string();
    let effects = record(
        app,
        Change::Flag {
            case: id.clone(),
            to,
        },
        app.list.cursor,
        now,
    );
    let what = if to {
        "flagged for discussion"
    } else {
        "flag removed"
    };
    app.status.notice = Some(Notice::Info(format!("{id} {what}")));
    effects
}

/// Answers criterion number `criterion` of the config for the current case.
pub fn answer(
    app: &mut App,
    criterion: usize,
    answer: Option<Answer>,
    now: Timestamp,
) -> Vec<Effect> {
    let (Some(case), Some(c)) = (app.current(), app.session.config.criteria.get(criterion)) else {
        return Vec::new();
    };
    let from = app
        .session
        .review
        .detail(app.list.cursor)
        .and_then(|d| d.criteria.get(&c.id).copied());
    if from == answer {
        return Vec::new();
    }
    let change = Change::Criterion {
        case: case.id.to_string(),
        criterion: c.id.clone(),
        from,
        to: answer,
    };
    record(app, change, app.list.cursor, now)
}

/// Undoes (or redoes) the last change and shows the case it touched.
pub fn undo_redo(app: &mut App, now: Timestamp, undo: bool) -> Vec<Effect> {
    let pending = if undo {
        app.session.review.next_undo()
    } else {
        app.session.review.next_redo()
    };
    let Some(case) = pending.map(|c| c.case().to_owned()) else {
        let what = if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        };
        app.status.notice = Some(Notice::Info(what.into()));
        return Vec::new();
    };
    // The reviewer is taken to the case that changed, and resumes there.
    let stamp = Stamp {
        by: app.session.reviewer.clone(),
        at: now,
        cursor: Some(case.clone()),
    };
    let (review, sample) = app.session.review_mut_on_sample();
    let result = if undo {
        review.undo(sample, stamp)
    } else {
        review.redo(sample, stamp)
    };
    let entry = match result {
        Ok(Some(entry)) => entry.clone(),
        Ok(None) => return Vec::new(),
        Err(e) => return failed(app, &e),
    };
    if let Some(idx) = app.session.sample.position(&case) {
        set_cursor(app, idx);
    }
    let verb = if undo { "undone" } else { "redone" };
    app.status.notice = Some(Notice::Info(format!(
        "{verb}: {}",
        describe(app, &entry.change)
    )));
    vec![Effect::Persist(vec![entry])]
}

/// Applies a reviewer's edit and asks for it to be saved.
fn record(app: &mut App, change: Change, cursor_after: CaseIdx, now: Timestamp) -> Vec<Effect> {
    let cursor = app
        .session
        .sample
        .get(cursor_after)
        .map(|c| c.id.to_string());
    let case = app.session.sample.position(change.case());
    let stamp = Stamp {
        by: app.session.reviewer.clone(),
        at: now,
        cursor,
    };
    let (review, sample) = app.session.review_mut_on_sample();
    match review.edit(sample, change, stamp) {
        Ok(entry) => {
            let entry = entry.clone();
            app.status.notice = None;
            if let Some(idx) = case {
                filter::refresh_case(app, idx);
            }
            vec![Effect::Persist(vec![entry])]
        }
        Err(e) => failed(app, &e),
    }
}

fn failed(app: &mut App, e: &ReviewError) -> Vec<Effect> {
    app.status.notice = Some(Notice::Warning(e.to_string()));
    Vec::new()
}

/// A short description of a change, for the status line and history.
pub fn describe(app: &App, change: &Change) -> String {
    let scale = app.session.review.scale();
    let label = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| scale.position(id).and_then(|p| scale.level(p)))
            .map_or_else(|| "ungraded".to_owned(), |l| l.label.clone())
    };
    let answer = |a: &Option<Answer>| match a {
        Some(Answer::Met) => "met",
        Some(Answer::NotMet) => "not met",
        Some(Answer::NotApplicable) => "n/a",
        None => "unanswered",
    };
    match change {
        Change::Grade { case, from, to } => format!("{case} {} → {}", label(from), label(to)),
        Change::Note { case, to, .. } if to.is_empty() => format!("{case} note cleared"),
        // The note's first line, cut to a glance.
        Change::Note { case, to, .. } => {
            let first = to.lines().next().unwrap_or("");
            let shown: String = first.chars().take(60).collect();
            let more = if shown.len() < to.trim_end().len() {
                "…"
            } else {
                ""
            };
            format!("{case} note: “{shown}{more}”")
        }
        Change::Criterion {
            case,
            criterion,
            to,
            ..
        } => {
            // The criterion as the checklist names it (its id when the
            // config no longer has it).
            let name = app
                .session
                .config
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(criterion.as_str(), |c| c.label.as_str());
            format!("{case} {name}: {}", answer(to))
        }
        Change::Flag { case, to } => {
            format!("{case} {}", if *to { "flagged" } else { "unflagged" })
        }
    }
}
