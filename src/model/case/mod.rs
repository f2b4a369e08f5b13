//! Cases and samples: the reviewer's input, read-only once loaded.
//!
//! Storage is compact because samples may grow to a million cases: text is
//! held as boxed `str`, and the names of extra fields are interned once per
//! sample rather than repeated in every case.

use std::collections::HashMap;
use std::path::PathBuf;

use super::text::{sanitize, sanitize_line, sanitize_line_owned, sanitize_owned};
use id_index::IdIndex;

mod id_index;

/// Position of a case in its sample (sample order).
pub type CaseIdx = u32;

/// One case file. All text has been sanitised (see [`super::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Unique, non-empty identifier.
    pub id: Box<str>,
    /// Short title, one line.
    pub title: Option<Box<str>>,
    /// Area of practice.
    pub category: Option<Box<str>>,
    /// Date the case was opened, as written in the sample.
    pub opened: Option<Box<str>>,
    /// Long narrative, may span lines.
    pub summary: Option<Box<str>>,
    /// Further named fields in file order: (index into the sample's field names, value).
    extra: Box<[(u32, Box<str>)]>,
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
    cases: Vec<Case>,
    field_names: Vec<Box<str>>,
    by_id: IdIndex,
    columns: Vec<SourceColumn>,
}

/// Returns the content hash used to recognise a sample file.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("xxh3-128:{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

impl Sample {
    /// Number of cases.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// True when the sample has no cases.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The case at `idx`, if any.
    pub fn get(&self, idx: CaseIdx) -> Option<&Case> {
        self.cases.get(idx as usize)
    }

    /// All cases in sample order.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// Position of the case with this id.
    pub fn position(&self, id: &str) -> Option<CaseIdx> {
        self.by_id.get(&self.cases, id)
    }

    /// The extra fields of `case`, as (name, value) in file order.
    pub fn extra_fields<'a>(&'a self, case: &'a Case) -> impl Iterator<Item = (&'a str, &'a str)> {
        case.extra
            .iter()
            .map(|(name, value)| (&*self.field_names[*name as usize], &**value))
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
    pub fn column_value<'a>(&'a self, case: &'a Case, column: &SourceColumn) -> Option<&'a str> {
        match column.field {
            Some(StandardField::Id) => Some(&case.id),
            Some(StandardField::Title) => case.title.as_deref(),
            Some(StandardField::Category) => case.category.as_deref(),
            Some(StandardField::Opened) => case.opened.as_deref(),
            Some(StandardField::Summary) => case.summary.as_deref(),
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
    cases: Vec<Case>,
    field_names: Vec<Box<str>>,
    field_index: HashMap<Box<str>, u32>,
    columns: Vec<SourceColumn>,
}

impl SampleBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of cases pushed so far.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// True when no case has been pushed.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
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
        let extra = fields
            .extra
            .into_iter()
            .map(|(name, value)| (self.intern(&name), boxed(sanitize_owned(value))))
            .collect();
        self.cases.push(Case {
            id: boxed(sanitize_line(fields.id.trim())),
            title: fields.title.map(|t| boxed(sanitize_line_owned(t))),
            category: fields.category.map(|c| boxed(sanitize_line(c.trim()))),
            opened: fields.opened.map(|o| boxed(sanitize_line(o.trim()))),
            summary: fields.summary.map(|s| boxed(sanitize_owned(s))),
            extra,
        });
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
    pub fn finish(self, name: &str, description: Option<String>, source: SampleSource) -> Sample {
        let by_id = IdIndex::new(&self.cases);
        let name = sanitize_line(name);
        Sample {
            name,
            description: description.map(|d| sanitize(&d)),
            source,
            cases: self.cases,
            field_names: self.field_names,
            by_id,
            columns: self.columns,
        }
    }
}

fn boxed(s: String) -> Box<str> {
    s.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(id: &str, extra: &[(&str, &str)]) -> CaseFields {
        CaseFields {
            id: id.into(),
            title: Some(format!("Title {id}")),
            extra: extra
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            ..CaseFields::default()
        }
    }

    fn finish(b: SampleBuilder) -> Sample {
        b.finish(
            "s",
            None,
            SampleSource {
                path: None,
                hash: content_hash(b""),
            },
        )
    }

    #[test]
    fn builder_interns_field_names_and_indexes_ids() {
        let mut b = SampleBuilder::new();
        b.push(fields("A", &[("age", "14"), ("source", "school")]));
        b.push(fields("B", &[("source", "GP")]));
        let s = finish(b);
        assert_eq!(s.len(), 2);
        assert_eq!(s.position("B"), Some(1));
        assert_eq!(s.position("C"), None);
        let b_case = s.get(1).expect("case B");
        assert_eq!(
            s.extra_fields(b_case).collect::<Vec<_>>(),
            vec![("source", "GP")]
        );
        assert_eq!(s.field_names().collect::<Vec<_>>(), vec!["age", "source"]);
    }

    #[test]
    fn a_repeated_id_finds_its_first_case_among_many() {
        let mut b = SampleBuilder::new();
        for i in 0..10_000 {
            b.push(fields(&format!("C{i}"), &[]));
        }
        b.push(fields("C42", &[]));
        let s = finish(b);
        assert_eq!(s.position("C42"), Some(42));
        assert_eq!(s.position("C9999"), Some(9999));
        assert_eq!(s.position("C10000"), None);
        assert_eq!(s.clone().position("C7"), Some(7));
    }

    #[test]
    fn builder_sanitises_every_field() {
        let mut b = SampleBuilder::new();
        b.push(CaseFields {
            id: " X\u{1b}1 ".into(),
            title: Some("t\u{202e}".into()),
            summary: Some("line\r\nnext\u{7}".into()),
            extra: vec![("k\u{1b}".into(), "v\u{1b}".into())],
            ..CaseFields::default()
        });
        let s = b.finish(
            "n",
            None,
            SampleSource {
                path: None,
                hash: String::new(),
            },
        );
        let c = s.get(0).expect("case");
        assert_eq!(&*c.id, "X\\u{1b}1");
        assert_eq!(c.title.as_deref(), Some("t\\u{202e}"));
        assert_eq!(c.summary.as_deref(), Some("line\nnext\\u{7}"));
        assert_eq!(
            s.extra_fields(c).collect::<Vec<_>>(),
            vec![("k\\u{1b}", "v\\u{1b}")]
        );
    }

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert!(content_hash(b"").starts_with("xxh3-128:"));
    }
}
