//! Which cases the list shows (filters) and which match a search.
//!
//! A filter is applied once when chosen (one pass over the sample) and then
//! kept up to date one case at a time as cases change, so grading under a
//! filter costs a binary search, not a pass. Searching narrows the previous
//! matches while the query only grows, so typing stays fast on big samples.

use std::collections::HashMap;

use super::App;
use crate::model::case::{CaseIdx, Sample};
use crate::model::scale::LevelIdx;

/// What the case list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every case.
    All,
    /// Cases without a grade.
    Ungraded,
    /// Cases at one level.
    Grade(LevelIdx),
    /// Cases in one area of practice (index into [`App::categories`]).
    Category(u32),
    /// Cases flagged for discussion.
    Flagged,
}

impl Filter {
    /// How the filter reads on screen ("ungraded", "Good", "flagged").
    pub fn label(&self, app: &App) -> String {
        match *self {
            Filter::All => "all cases".into(),
            Filter::Ungraded => "ungraded".into(),
            Filter::Grade(l) => app
                .review
                .scale()
                .level(l)
                .map_or_else(String::new, |l| l.label.clone()),
            Filter::Category(c) => app
                .categories
                .get(c as usize)
                .map_or_else(String::new, |c| c.to_string()),
            Filter::Flagged => "flagged".into(),
        }
    }

    fn admits(&self, app: &App, idx: CaseIdx) -> bool {
        match *self {
            Filter::All => true,
            Filter::Ungraded => app.review.grade(idx).is_none(),
            Filter::Grade(l) => app.review.grade(idx) == Some(l),
            Filter::Category(c) => {
                let want = app.categories.get(c as usize).map(|c| &**c);
                app.sample
                    .get(idx)
                    .and_then(|case| case.category.as_deref())
                    == want
            }
            Filter::Flagged => app.review.flagged(idx),
        }
    }
}

/// The areas of practice in a sample, in first-seen order.
pub fn categories(sample: &Sample) -> Vec<Box<str>> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for case in sample.cases() {
        if let Some(c) = &case.category
            && seen.insert(c.clone(), ()).is_none()
        {
            out.push(c.clone());
        }
    }
    out
}

/// Applies `filter`: rebuilds the list and keeps the cursor on a listed case
/// (the first at or after it).
pub fn set_filter(app: &mut App, filter: Filter) {
    app.filter = filter;
    app.view = match filter {
        Filter::All => None,
        f => Some(
            (0..app.sample.len() as CaseIdx)
                .filter(|&i| f.admits(app, i))
                .collect(),
        ),
    };
    if !app.in_view(app.cursor)
        && let Some(idx) = app.list_case(app.cursor_row())
    {
        app.cursor = idx;
        app.narrative_scroll = 0;
    }
}

/// Brings the list up to date after case `idx` changed. The current case
/// stays listed until the reviewer moves off it, so a grade never makes the
/// case vanish from under the cursor.
pub fn refresh_case(app: &mut App, idx: CaseIdx) {
    let filter = app.filter;
    let admitted = filter.admits(app, idx) || idx == app.cursor;
    if let Some(view) = app.view.as_mut() {
        match (view.binary_search(&idx), admitted) {
            (Err(at), true) => view.insert(at, idx),
            (Ok(at), false) => {
                view.remove(at);
            }
            _ => {}
        }
    }
}

/// Drops the case the cursor is leaving from the list if the filter no
/// longer admits it (see [`refresh_case`]).
pub fn leave_case(app: &mut App, idx: CaseIdx) {
    let filter = app.filter;
    if !filter.admits(app, idx)
        && let Some(view) = app.view.as_mut()
        && let Ok(at) = view.binary_search(&idx)
    {
        view.remove(at);
    }
}

/// A search: the query and the cases it matches, in sample order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// Matching cases, ascending.
    pub matches: Vec<CaseIdx>,
}

impl Search {
    /// Whether case `idx` matches.
    pub fn matches(&self, idx: CaseIdx) -> bool {
        self.matches.binary_search(&idx).is_ok()
    }
}

/// Runs `query` over the sample. When it extends `previous`, only the
/// previous matches are searched again.
pub fn search(app: &App, query: &str, previous: Option<&Search>) -> Search {
    let needle = query.to_lowercase();
    let matches = if needle.is_empty() {
        Vec::new()
    } else {
        match previous {
            Some(p) if !p.query.is_empty() && needle.starts_with(&p.query.to_lowercase()) => p
                .matches
                .iter()
                .copied()
                .filter(|&i| case_matches(app, i, &needle))
                .collect(),
            _ => (0..app.sample.len() as CaseIdx)
                .filter(|&i| case_matches(app, i, &needle))
                .collect(),
        }
    };
    Search {
        query: query.to_owned(),
        matches,
    }
}

/// Whether any text of case `idx` (id, title, category, narrative, extra
/// fields, note) contains `needle` (already lower-case), ignoring case.
fn case_matches(app: &App, idx: CaseIdx, needle: &str) -> bool {
    let Some(case) = app.sample.get(idx) else {
        return false;
    };
    let fields = [
        Some(&*case.id),
        case.title.as_deref(),
        case.category.as_deref(),
        case.summary.as_deref(),
    ];
    fields
        .into_iter()
        .flatten()
        .any(|f| contains_ignoring_case(f, needle))
        || app
            .sample
            .extra_fields(case)
            .any(|(_, v)| contains_ignoring_case(v, needle))
        || contains_ignoring_case(app.review.note(idx), needle)
}

/// Case-insensitive substring test without allocating for ASCII needles.
pub fn contains_ignoring_case(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_ascii() {
        find_ascii_ignoring_case(haystack.as_bytes(), needle_lower.as_bytes()).is_some()
    } else {
        haystack.to_lowercase().contains(needle_lower)
    }
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle`
/// (lower-case ASCII) in `haystack`.
pub fn find_ascii_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(pos) = memchr::memchr2(first, first.to_ascii_uppercase(), &haystack[from..]) {
        let at = from + pos;
        let tail = haystack.get(at + 1..at + needle.len())?;
        if tail.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The next (or previous) match after the cursor among listed cases,
/// wrapping. Binary search finds where the cursor falls among the matches.
pub fn step_match(app: &App, forward: bool) -> Option<CaseIdx> {
    let matches = &app.search.as_ref()?.matches;
    let listed = |i: &&CaseIdx| app.in_view(**i);
    let split = matches.partition_point(|&m| m <= app.cursor);
    if forward {
        matches[split..]
            .iter()
            .chain(&matches[..split])
            .find(listed)
            .copied()
    } else {
        let before = matches.partition_point(|&m| m < app.cursor);
        matches[..before]
            .iter()
            .rev()
            .chain(matches[before..].iter().rev())
            .find(listed)
            .copied()
    }
}

/// The first listed match at or after `from`, wrapping.
pub fn first_match_from(app: &App, from: CaseIdx) -> Option<CaseIdx> {
    let matches = &app.search.as_ref()?.matches;
    let listed = |i: &&CaseIdx| app.in_view(**i);
    let split = matches.partition_point(|&m| m < from);
    matches[split..]
        .iter()
        .chain(&matches[..split])
        .find(listed)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_search_ignores_case() {
        assert_eq!(
            find_ascii_ignoring_case(b"Appropriate Adult", b"adult"),
            Some(12)
        );
        assert_eq!(find_ascii_ignoring_case(b"abc", b"abcd"), None);
        assert_eq!(find_ascii_ignoring_case(b"aXa", b"xa"), Some(1));
        assert!(contains_ignoring_case("Straße", "straße"));
        assert!(!contains_ignoring_case("custody", "strip"));
    }
}
