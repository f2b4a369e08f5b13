//! Building a sample case by case.

use std::collections::HashMap;

use super::areas::Areas;
use super::id_index::{self, IdIndex};
use super::slots::Text;
use super::{CaseCells, CaseFields, CaseIdx, Sample, SampleSource, SourceColumn};
use crate::model::text::{sanitize, sanitize_line, sanitize_line_owned, sanitize_owned};

/// Builds a [`Sample`] case by case, sanitising text and interning field names.
///
/// The builder does not check ids: loaders do, because only they know where
/// in the file a case came from.
#[derive(Debug, Default)]
pub struct SampleBuilder {
    text: Text,
    field_names: Vec<Box<str>>,
    field_index: HashMap<Box<str>, u32>,
    columns: Vec<SourceColumn>,
    by_id: IdIndex,
    /// Ids are indexed when this builder's cases are appended to another,
    /// not as they are pushed.
    unindexed: bool,
    /// Unindexed, each case's id hash, computed as it is pushed: the
    /// costly part of indexing, done by the thread that reads the cases.
    hashes: Vec<u32>,
    /// Cases whose id is empty, in order: noted as each is pushed, so that
    /// checking a million ids does not read them all again.
    empty_ids: Vec<CaseIdx>,
    areas: Areas,
}

impl SampleBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder for cases that will be [appended] to another's:
    /// their ids are indexed then, not twice.
    ///
    /// [appended]: SampleBuilder::append
    pub fn unindexed() -> Self {
        Self {
            unindexed: true,
            ..Self::default()
        }
    }

    /// Adds every case of `other` after this builder's, as if each had
    /// been pushed here: the same text, extra field names in the order
    /// they are first seen, ids indexed (a repeat of an id of this
    /// builder's is found). Used to join a file read in two halves at
    /// once; `other`'s columns are this builder's. The text is moved, not
    /// copied.
    pub fn append(&mut self, other: SampleBuilder) {
        let rename: Vec<u32> = other
            .field_names
            .iter()
            .map(|name| self.intern(name))
            .collect();
        let from = self.text.len();
        self.empty_ids
            .extend(other.empty_ids.iter().map(|&i| i + from as CaseIdx));
        self.text.append(other.text, &rename);
        self.areas.extend(other.areas);
        if self.unindexed {
            self.hashes.extend(other.hashes);
        } else {
            let text = &self.text;
            for (case, hash) in (from..).zip(other.hashes) {
                self.by_id
                    .insert_hashed(case as CaseIdx, hash, |p| text.id(p as usize));
            }
        }
    }

    /// Makes room for about `cases` more cases with `extras` extra fields
    /// each, as estimated from a big sample's first lines: the slots then
    /// grow once rather than doubling as they are read.
    pub fn reserve(&mut self, cases: usize, extras: usize) {
        self.text.firsts.reserve(cases + 1);
        self.text.ends.reserve(cases * (5 + extras));
    }

    /// Makes room in the id index for about `ids` more ids (those
    /// appended later included): it then never grows, which would briefly
    /// hold it twice.
    pub fn reserve_ids(&mut self, ids: usize) {
        self.by_id.reserve(ids);
    }

    /// Bytes of case text held so far.
    pub fn bytes(&self) -> usize {
        self.text.bytes()
    }

    /// Number of cases pushed so far.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when no case has been pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Records the file's columns (tabular samples only).
    pub fn set_columns(&mut self, columns: Vec<SourceColumn>) {
        self.columns = columns
            .into_iter()
            .map(|c| SourceColumn {
                header: sanitize_line(c.header.trim()),
                field: c.field,
            })
            .collect();
    }

    /// Adds a case at the end.
    pub fn push(&mut self, fields: CaseFields) {
        if self.text.firsts.is_empty() {
            self.text.firsts.push(0);
        }
        let line = |v: Option<String>| v.map_or_else(String::new, |v| sanitize_line(v.trim()));
        self.text.push_slot(&sanitize_line(fields.id.trim()));
        self.text
            .push_slot(&fields.title.map_or_else(String::new, sanitize_line_owned));
        self.text.push_slot(&line(fields.category));
        self.text.push_slot(&line(fields.opened));
        self.text
            .push_slot(&fields.summary.map_or_else(String::new, sanitize_owned));
        for (name, value) in fields.extra {
            let name = self.intern(&name);
            self.text.extra_names.push(name);
            self.text.push_slot(&sanitize_owned(value));
        }
        self.end_case();
    }

    /// Adds a case at the end from borrowed cells: the same as [`push`]
    /// with owned fields, without copying them first.
    ///
    /// [`push`]: SampleBuilder::push
    pub fn push_cells(&mut self, cells: &CaseCells<'_>) {
        if self.text.firsts.is_empty() {
            self.text.firsts.push(0);
        }
        self.text.push_clean(cells.id.trim(), true);
        self.text.push_clean(cells.title.unwrap_or_default(), true);
        self.text
            .push_clean(cells.category.map_or("", str::trim), true);
        self.text
            .push_clean(cells.opened.map_or("", str::trim), true);
        self.text
            .push_clean(cells.summary.unwrap_or_default(), false);
        for &(name, value) in &cells.extra {
            self.text.extra_names.push(name);
            self.text.push_clean(value, false);
        }
        self.end_case();
    }

    /// Closes the case just pushed and indexes its id.
    fn end_case(&mut self) {
        self.text.firsts.push(self.text.ends.len());
        let last = self.text.len() - 1;
        if self.text.id(last).is_empty() {
            self.empty_ids.push(last as CaseIdx);
        }
        // Cases of one area often come together: a run is noted once.
        if let Some(area) = self.text.category(last)
            && (last == 0 || self.text.category(last - 1) != Some(area))
        {
            self.areas.note(area);
        }
        if self.unindexed {
            self.hashes.push(id_index::hash(self.text.id(last)));
            return;
        }
        let text = &self.text;
        self.by_id.insert(last as CaseIdx, |p| text.id(p as usize));
    }

    /// The number standing for the field name `name` in [`CaseCells`].
    pub fn name(&mut self, name: &str) -> u32 {
        self.intern(name)
    }

    fn intern(&mut self, name: &str) -> u32 {
        // Sanitised text is unchanged by sanitising again, so a raw name
        // equal to a stored one is that name: no need to clean it first.
        if let Some(&i) = self.field_index.get(name.trim()) {
            return i;
        }
        let clean = sanitize_line(name.trim());
        if let Some(&i) = self.field_index.get(clean.as_str()) {
            return i;
        }
        let i = u32::try_from(self.field_names.len()).unwrap_or(u32::MAX);
        self.field_names.push(clean.clone().into_boxed_str());
        self.field_index.insert(clean.into_boxed_str(), i);
        i
    }

    /// Finishes the sample. Ids must already be unique and non-empty; if they
    /// are not, later duplicates are unreachable by id.
    pub fn finish(
        mut self,
        name: &str,
        description: Option<String>,
        source: SampleSource,
    ) -> Sample {
        if self.text.firsts.is_empty() {
            self.text.firsts.push(0);
        }
        self.text.all.shrink_to_fit();
        let name = sanitize_line(name);
        Sample {
            name,
            description: description.map(|d| sanitize(&d)),
            source,
            text: self.text,
            field_names: self.field_names,
            by_id: self.by_id,
            empty_ids: self.empty_ids,
            id_order: std::sync::OnceLock::new(),
            columns: self.columns,
            areas: self.areas.into_list(),
        }
    }
}
