//! Cases and samples: the reviewer's input, read-only once loaded.
//!
//! Storage is compact because samples may grow to a million cases: all of
//! a sample's text is one buffer, each field a slot of it (its end
//! offset), and the names of extra fields are interned once per sample
//! rather than repeated in every case. A [`Case`] is a view of its slots.

use std::collections::HashMap;
use std::path::PathBuf;

use super::text::{sanitize, sanitize_line, sanitize_line_owned, sanitize_owned};
use id_index::IdIndex;

mod id_index;
mod slots;

pub use slots::Cases;
use slots::Text;

/// Position of a case in its sample (sample order).
pub type CaseIdx = u32;

/// One case file, as a view of its sample's text. All text has been
/// sanitised (see [`super::text`]); an empty field reads as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case<'a> {
    /// Unique, non-empty identifier.
    pub id: &'a str,
    /// Short title, one line.
    pub title: Option<&'a str>,
    /// Area of practice.
    pub category: Option<&'a str>,
    /// Date the case was opened, as written in the sample.
    pub opened: Option<&'a str>,
    /// Long narrative, may span lines.
    pub summary: Option<&'a str>,
    /// Its further named fields: their slots, and the first's place among
    /// the sample's extra slots.
    extra: (usize, usize, usize),
}

/// The cells of one case of a table, borrowed from the record being read:
/// what [`SampleBuilder::push_cells`] takes, so that a big table's text
/// goes straight into the sample's buffer.
#[derive(Debug, Clone, Default)]
pub struct CaseCells<'a> {
    /// Identifier (trimmed when stored).
    pub id: &'a str,
    /// Title, if any.
    pub title: Option<&'a str>,
    /// Area of practice, if any.
    pub category: Option<&'a str>,
    /// Opening date, if any.
    pub opened: Option<&'a str>,
    /// Narrative, if any.
    pub summary: Option<&'a str>,
    /// Further fields: (name from [`SampleBuilder::name`], value).
    pub extra: Vec<(u32, &'a str)>,
}

/// The fields of one case as read from a file, before interning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFields {
    /// Unique identifier (required).
    pub id: String,
    /// Optional title.
    pub title: Option<String>,
    /// Optional area of practice.
    pub category: Option<String>,
    /// Optional opening date.
    pub opened: Option<String>,
    /// Optional narrative.
    pub summary: Option<String>,
    /// Further fields, in file order.
    pub extra: Vec<(String, String)>,
}

/// The fields every case may have, which casebench reads itself.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum StandardField {
    /// The case's unique identifier.
    Id,
    /// A short title.
    Title,
    /// The area of practice.
    Category,
    /// When the case was opened.
    Opened,
    /// The narrative.
    Summary,
}

impl StandardField {
    /// Every standard field, in their usual order.
    pub const ALL: [StandardField; 5] = [
        StandardField::Id,
        StandardField::Title,
        StandardField::Category,
        StandardField::Opened,
        StandardField::Summary,
    ];

    /// The name used on the command line and in files (`category`).
    pub fn name(self) -> &'static str {
        match self {
            StandardField::Id => "id",
            StandardField::Title => "title",
            StandardField::Category => "category",
            StandardField::Opened => "opened",
            StandardField::Summary => "summary",
        }
    }

    /// The field named `name` (`area` and `narrative` are accepted too).
    pub fn from_name(name: &str) -> Option<StandardField> {
        match name.trim().to_ascii_lowercase().as_str() {
            "id" => Some(StandardField::Id),
            "title" => Some(StandardField::Title),
            "category" | "area" => Some(StandardField::Category),
            "opened" => Some(StandardField::Opened),
            "summary" | "narrative" => Some(StandardField::Summary),
            _ => None,
        }
    }
}

/// One column of a tabular sample (CSV, spreadsheet) as it was in the file:
/// its header, and the standard field it became (`None`: an extra field of
/// that name). Kept so an export can give the reviewer their own columns back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceColumn {
    /// The header as written (sanitised).
    pub header: String,
    /// The standard field it was read as, if any.
    pub field: Option<StandardField>,
}

/// Where a sample came from and what it contained when read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSource {
    /// The file it was read from; `None` for the bundled demo.
    pub path: Option<PathBuf>,
    /// Content hash of the file's bytes (`xxh3-128:` + hex).
    pub hash: String,
}

/// A loaded sample: named, ordered, with unique case ids.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Display name (from the file, else the file name).
    pub name: String,
    /// Optional description from the file.
    pub description: Option<String>,
    /// Where it was read from.
    pub source: SampleSource,
    text: Text,
    field_names: Vec<Box<str>>,
    by_id: IdIndex,
    /// Every case in the order of its id, ignoring ASCII case (ties in
    /// sample order), for finding ids by how they start: built on first
    /// use, or ahead by [`Sample::order_ids`].
    id_order: std::sync::OnceLock<Vec<CaseIdx>>,
    columns: Vec<SourceColumn>,
}

/// `id` against `prefix`, ignoring ASCII case, looking only at as many
/// bytes of `id` as `prefix` has: `Equal` when `id` starts with `prefix`.
fn cmp_prefix(id: &str, prefix: &str) -> std::cmp::Ordering {
    let (id, prefix) = (id.as_bytes(), prefix.as_bytes());
    let head = &id[..id.len().min(prefix.len())];
    head.iter()
        .map(u8::to_ascii_lowercase)
        .cmp(prefix.iter().map(u8::to_ascii_lowercase))
}

/// Returns the content hash used to recognise a sample file.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("xxh3-128:{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

impl Sample {
    /// Number of cases.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when the sample has no cases.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The case at `idx`, if any.
    pub fn get(&self, idx: CaseIdx) -> Option<Case<'_>> {
        self.text.case(idx as usize)
    }

    /// The id of the case at `idx`, if any (cheaper than the whole case).
    pub fn id(&self, idx: CaseIdx) -> Option<&str> {
        ((idx as usize) < self.len()).then(|| self.text.id(idx as usize))
    }

    /// Every case's id, in sample order (cheaper than whole cases).
    pub fn ids(&self) -> impl ExactSizeIterator<Item = &str> {
        (0..self.len()).map(|i| self.text.id(i))
    }

    /// All cases in sample order.
    pub fn cases(&self) -> Cases<'_> {
        Cases {
            text: &self.text,
            next: 0,
            end: self.len(),
        }
    }

    /// Every case whose id an earlier case has, with the first case of
    /// that id, in sample order.
    pub fn repeated_ids(&self) -> &[(CaseIdx, CaseIdx)] {
        self.by_id.repeats()
    }

    /// Builds the order of ids [`Sample::starting_with`] searches, if it
    /// is not built yet: for a big sample, call it ahead, in a thread of
    /// its own (sorting a million ids takes a few tenths of a second).
    pub fn order_ids(&self) -> &[CaseIdx] {
        self.id_order.get_or_init(|| {
            let mut order: Vec<CaseIdx> = (0..self.len() as CaseIdx).collect();
            let lower = |i: CaseIdx| {
                self.text
                    .id(i as usize)
                    .bytes()
                    .map(|b| b.to_ascii_lowercase())
            };
            order.sort_by(|&a, &b| lower(a).cmp(lower(b)));
            order
        })
    }

    /// Every case whose id starts with `prefix`, ignoring ASCII case: in
    /// the order of their ids, those equal to `prefix` first. A binary
    /// search, however many cases there are.
    pub fn starting_with(&self, prefix: &str) -> &[CaseIdx] {
        let order = self.order_ids();
        let id = |i: &CaseIdx| self.text.id(*i as usize);
        let from = order.partition_point(|i| cmp_prefix(id(i), prefix).is_lt());
        let to = order.partition_point(|i| cmp_prefix(id(i), prefix).is_le());
        &order[from..to]
    }

    /// Position of the case with this id.
    pub fn position(&self, id: &str) -> Option<CaseIdx> {
        self.by_id.get(id, |p| self.text.id(p as usize))
    }

    /// The extra fields of `case`, as (name, value) in file order.
    pub fn extra_fields<'a>(&'a self, case: Case<'a>) -> impl Iterator<Item = (&'a str, &'a str)> {
        let (first, end, names) = case.extra;
        (first..end).map(move |slot| {
            let name = self.text.extra_names[names + slot - first];
            (&*self.field_names[name as usize], self.text.slot(slot))
        })
    }

    /// Names of all extra fields seen in the sample, in first-seen order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.field_names.iter().map(|n| &**n)
    }

    /// The columns of a tabular sample, in file order; empty for RON and
    /// JSON samples, which have fields rather than columns.
    pub fn columns(&self) -> &[SourceColumn] {
        &self.columns
    }

    /// The value of `case` in source column `column`.
    pub fn column_value<'a>(&'a self, case: Case<'a>, column: &SourceColumn) -> Option<&'a str> {
        match column.field {
            Some(StandardField::Id) => Some(case.id),
            Some(StandardField::Title) => case.title,
            Some(StandardField::Category) => case.category,
            Some(StandardField::Opened) => case.opened,
            Some(StandardField::Summary) => case.summary,
            None => self
                .extra_fields(case)
                .find(|(name, _)| *name == column.header)
                .map(|(_, value)| value),
        }
    }
}

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
    /// once; `other`'s columns are this builder's. The text is copied:
    /// a big half comes in several builders of [`SampleBuilder::bytes`]
    /// each, so that both are never held whole at once.
    pub fn append(&mut self, other: SampleBuilder) {
        let rename: Vec<u32> = other
            .field_names
            .iter()
            .map(|name| self.intern(name))
            .collect();
        let from = self.text.len();
        self.text.append(&other.text, &rename);
        drop(other.text);
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
        if self.unindexed {
            let last = self.text.len() - 1;
            self.hashes.push(id_index::hash(self.text.id(last)));
            return;
        }
        let text = &self.text;
        let last = text.len() - 1;
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
            id_order: std::sync::OnceLock::new(),
            columns: self.columns,
        }
    }
}

#[cfg(test)]
mod tests;
