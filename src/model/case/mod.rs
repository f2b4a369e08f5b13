//! Cases and samples: the reviewer's input, read-only once loaded.
//!
//! Storage is compact because samples may grow to a million cases: all of
//! a sample's text is one buffer, each field a slot of it (its end
//! offset), and the names of extra fields are interned once per sample
//! rather than repeated in every case. A [`Case`] is a view of its slots.

use std::path::PathBuf;

use id_index::IdIndex;

mod areas;
mod builder;
mod id_index;
mod slots;

pub use builder::SampleBuilder;

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
    /// Cases whose id is empty, in sample order.
    empty_ids: Vec<CaseIdx>,
    /// Every case in the order of its id, ignoring ASCII case (ties in
    /// sample order), for finding ids by how they start: built on first
    /// use, or ahead by [`Sample::order_ids`].
    id_order: std::sync::OnceLock<Vec<CaseIdx>>,
    columns: Vec<SourceColumn>,
    /// The areas of practice, in the order first met.
    areas: Vec<Box<str>>,
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

/// The first sixteen bytes of `id`, ASCII lowercased, as one number that
/// orders as they do (a shorter id is padded with zeros, before any byte).
fn id_head(id: &str) -> u128 {
    let mut head = [0_u8; 16];
    for (h, b) in head.iter_mut().zip(id.bytes()) {
        *h = b.to_ascii_lowercase();
    }
    u128::from_be_bytes(head)
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

    /// The areas of practice of the cases, each once, in the order first
    /// met (listed as the sample was read).
    pub fn areas(&self) -> &[Box<str>] {
        &self.areas
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

    /// Every case whose id is empty, in sample order.
    pub fn empty_ids(&self) -> &[CaseIdx] {
        &self.empty_ids
    }

    /// Builds the order of ids [`Sample::starting_with`] searches, if it
    /// is not built yet: for a big sample, call it ahead, in a thread of
    /// its own (sorting a million ids takes a few tenths of a second).
    pub fn order_ids(&self) -> &[CaseIdx] {
        self.id_order.get_or_init(|| {
            // Most comparisons are of the ids' first sixteen bytes, read
            // once into one number each: comparing the ids themselves read
            // two far-apart places of the text each time, a third to two
            // thirds of a second for a million ids. Only ids whose first
            // sixteen bytes agree are read again, whole.
            let heads: Vec<u128> = (0..self.len()).map(|i| id_head(self.text.id(i))).collect();
            let mut order: Vec<CaseIdx> = (0..self.len() as CaseIdx).collect();
            let lower = |i: CaseIdx| {
                self.text
                    .id(i as usize)
                    .bytes()
                    .map(|b| b.to_ascii_lowercase())
            };
            order.sort_by(|&a, &b| {
                heads[a as usize]
                    .cmp(&heads[b as usize])
                    .then_with(|| lower(a).cmp(lower(b)))
            });
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

    /// The positions of `ids`, in their order. Each id is looked for first
    /// at the case after the one found before it, then at that one again:
    /// ids listed in sample order (as sessions keep their cases, and
    /// journals mostly do, often several changes to a case in a row) are
    /// found without the index, whose lookups read memory far apart in a
    /// big sample. The same as [`Sample::position`] of each, repeated ids
    /// included.
    pub fn positions<'a>(
        &'a self,
        ids: impl IntoIterator<Item = &'a str> + 'a,
    ) -> impl Iterator<Item = Option<CaseIdx>> + 'a {
        // A repeated id is found at its first case, which only the index knows.
        let unique = self.by_id.repeats().is_empty();
        let mut next = 0_usize;
        ids.into_iter().map(move |id| {
            let at = |i: usize| unique && i < self.len() && self.text.id(i) == id;
            let found = if at(next) {
                Some(next as CaseIdx)
            } else if next > 0 && at(next - 1) {
                Some(next as CaseIdx - 1)
            } else {
                self.position(id)
            };
            if let Some(p) = found {
                next = p as usize + 1;
            }
            found
        })
    }

    /// [`Sample::positions`] of every id of `ids`, on two threads when
    /// there are many: an id not found in order is looked up in the index,
    /// which waits on memory far apart (about a microsecond a lookup in a
    /// 1M sample on a virtual machine), and the other core is free then.
    pub fn positions_of(&self, ids: &[&str]) -> Vec<Option<CaseIdx>> {
        /// Fewer ids than this are found on the calling thread alone.
        const ALONE: usize = 1 << 14;
        if ids.len() < ALONE {
            return self.positions(ids.iter().copied()).collect();
        }
        let (first, second) = ids.split_at(ids.len() / 2);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| self.positions(second.iter().copied()).collect::<Vec<_>>());
            let mut all: Vec<Option<CaseIdx>> = Vec::with_capacity(ids.len());
            all.extend(self.positions(first.iter().copied()));
            all.extend(
                second
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            all
        })
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

#[cfg(test)]
mod tests;
