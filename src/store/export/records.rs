//! The per-case records shared by the CSV, JSON and RON exports: one
//! [`Record`] per case in sample order, with redaction applied.

use std::borrow::Cow;

use indexmap::IndexMap;
use jiff::Timestamp;
use serde::Serialize;

use super::{ExportOptions, Input};
use crate::model::case::{Case, CaseIdx};
use crate::model::review::Detail;
use crate::model::scale::{LevelIdx, Scale};
use crate::model::text::{sanitize, sanitize_line};

/// One case as exported. Text the reviewer wrote (notes, names) is
/// sanitised like case text, so no export carries terminal control codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record<'a> {
    /// Case id.
    pub id: &'a str,
    /// Title; `None` when absent or redacted.
    pub title: Option<&'a str>,
    /// Area of practice.
    pub category: Option<&'a str>,
    /// Date the case was opened, as written in the sample.
    pub opened: Option<&'a str>,
    /// Narrative; `None` when absent or redacted.
    pub summary: Option<&'a str>,
    /// Further fields of the sample, in file order; empty when redacted.
    #[serde(skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields<'a>,
    /// Level id (`good`); `None` when ungraded.
    pub grade: Option<&'a str>,
    /// Level label (`Good`); `None` when ungraded.
    pub grade_label: Option<&'a str>,
    /// Rationale note; `None` when empty or redacted.
    pub note: Option<Cow<'a, str>>,
    /// Flagged for discussion.
    pub flagged: bool,
    /// Who gave the current grade; `None` when ungraded.
    pub reviewer: Option<Cow<'a, str>>,
    /// When the current grade was given; `None` when ungraded.
    pub graded_at: Option<Timestamp>,
    /// Criterion id → answer (`met`, `not_met`, `not_applicable`); the
    /// configured criteria first, in order, then any others by id.
    pub criteria: IndexMap<&'a str, &'static str>,
}

/// A case's further fields, (name, value) in file order; written as a map.
/// A sample has a handful, so a name is found by looking along them: a
/// million exported rows would otherwise hash every name twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Fields<'a> {
    /// The value of the field `name`.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for Fields<'a> {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(fields: I) -> Self {
        Self(fields.into_iter().collect())
    }
}

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// Builds the records of `input` one case at a time.
#[derive(Debug)]
pub struct Records<'a> {
    input: Input<'a>,
    options: ExportOptions,
}

impl<'a> Records<'a> {
    /// Prepares the records of `input` (indexes the audit trail once).
    pub fn new(input: &Input<'a>, options: ExportOptions) -> Self {
        Self {
            input: *input,
            options,
        }
    }

    /// The record of the case at `idx` of the sample.
    pub fn record(&self, idx: CaseIdx, case: Case<'a>) -> Record<'a> {
        let review = self.input.review;
        let redact = self.options.redact;
        let detail = review.detail(idx);
        let mut record = self.base(
            case.id,
            review.grade(idx),
            review.flagged(idx),
            detail,
            review.scale(),
        );
        if !redact {
            record.title = case.title;
            record.summary = case.summary;
            record.fields = self.input.sample.extra_fields(case).collect();
        }
        record.category = case.category;
        record.opened = case.opened;
        record
    }

    /// Every record, in sample order.
    pub fn all(&self) -> impl Iterator<Item = Record<'a>> + '_ {
        self.input
            .sample
            .cases()
            .enumerate()
            .map(|(i, case)| self.record(i as CaseIdx, case))
    }

    /// Records of the cases the session keeps from an earlier version of
    /// the sample (no case fields, only what the review recorded).
    pub fn orphans(&self) -> Vec<Record<'a>> {
        let review = self.input.review;
        review
            .orphans()
            .iter()
            .map(|(id, o)| self.base(id, o.grade, o.flagged, Some(&o.detail), review.scale()))
            .collect()
    }

    fn base(
        &self,
        id: &'a str,
        grade: Option<LevelIdx>,
        flagged: bool,
        detail: Option<&'a Detail>,
        scale: &'a Scale,
    ) -> Record<'a> {
        let level = grade.and_then(|g| scale.level(g));
        // Who gave the current grade and when; a hand-edited snapshot
        // without a grade stamp falls back to the case's last change.
        let (by, at) = match (level, detail) {
            (Some(_), Some(d)) if d.graded_at.is_some() => (d.graded_by.as_deref(), d.graded_at),
            (Some(_), Some(d)) => (d.by.as_deref(), d.at),
            _ => (None, None),
        };
        let note = detail
            .map(|d| d.note.as_str())
            .filter(|n| !n.is_empty() && !self.options.redact)
            .map(clean);
        let mut criteria = IndexMap::new();
        if let Some(d) = detail {
            for c in self.input.criteria {
                if let Some(&a) = d.criteria.get(&c.id) {
                    criteria.insert(c.id.as_str(), a.name());
                }
            }
            for (id, &a) in &d.criteria {
                if !criteria.contains_key(id.as_str()) {
                    criteria.insert(id.as_str(), a.name());
                }
            }
        }
        Record {
            id,
            title: None,
            category: None,
            opened: None,
            summary: None,
            fields: Fields::default(),
            grade: level.map(|l| l.id.as_str()),
            grade_label: level.map(|l| l.label.as_str()),
            note,
            flagged,
            reviewer: by.map(clean_line),
            graded_at: at,
            criteria,
        }
    }
}

/// True when `text` is printable ASCII and line feeds only: nothing to
/// sanitise (the common case, checked without allocating).
fn plain_ascii(text: &str, newlines: bool) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (newlines && b == b'\n'))
}

/// Sanitised multi-line text, borrowed when already clean.
pub(super) fn clean(text: &str) -> Cow<'_, str> {
    if plain_ascii(text, true) {
        return Cow::Borrowed(text);
    }
    let s = sanitize(text);
    if s == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(s)
    }
}

/// Sanitised one-line text, borrowed when already clean.
pub(super) fn clean_line(text: &str) -> Cow<'_, str> {
    if plain_ascii(text, false) {
        return Cow::Borrowed(text);
    }
    let s = sanitize_line(text);
    if s == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_borrows_clean_text_and_escapes_the_rest() {
        assert!(matches!(clean("a\nb"), Cow::Borrowed("a\nb")));
        assert!(matches!(clean("Zoë"), Cow::Borrowed("Zoë")));
        assert_eq!(clean("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(clean("tab\there"), "tab    here");
        assert_eq!(clean_line("two\nlines"), "two lines");
        assert!(matches!(clean_line("one line"), Cow::Borrowed(_)));
        assert_eq!(
            crate::model::change::Answer::NotApplicable.name(),
            "not_applicable"
        );
    }
}
