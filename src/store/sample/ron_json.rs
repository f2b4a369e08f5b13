//! RON and JSON samples: one hand-written `Deserialize` for a case serves
//! both formats and keeps extra fields in file order.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::check::Draft;
use super::error::Problems;
use super::locate::{Syntax, char_column, first_token};
use crate::model::case::{CaseFields, SampleBuilder};

/// Field names with a meaning of their own; any other is an extra field.
const KNOWN: &[&str] = &["id", "title", "category", "opened", "summary"];

/// Parses RON or JSON text into a draft. A syntax or type error is
/// recorded in `problems` (serde stops at the first) and gives `None`.
pub(crate) fn parse(text: &str, syntax: Syntax, problems: &mut Problems) -> Option<Draft> {
    let Some(first) = first_token(text, syntax) else {
        problems.push(None, None, "the file is empty: expected a list of cases");
        return None;
    };
    let is_list = text.as_bytes().get(first) == Some(&b'[');
    let parsed = if is_list {
        parse_as::<Cases>(text, syntax, problems).map(|cases| SampleFile {
            name: None,
            description: None,
            cases,
        })
    } else {
        parse_as::<SampleFile>(text, syntax, problems)
    }?;
    Some(Draft {
        builder: parsed.cases.builder,
        missing_ids: parsed.cases.missing_ids,
        check_ids: true,
        name: parsed.name,
        description: parsed.description,
    })
}

fn parse_as<T: de::DeserializeOwned>(
    text: &str,
    syntax: Syntax,
    problems: &mut Problems,
) -> Option<T> {
    match syntax {
        Syntax::Ron => {
            let options = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
            match options.from_str::<T>(text) {
                Ok(value) => Some(value),
                Err(e) => {
                    let at = e.span.start;
                    problems.push(Some(at.line), Some(at.col), &e.code.to_string());
                    None
                }
            }
        }
        Syntax::Json => match serde_json::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let (line, byte_column) = (e.line(), e.column());
                let full = e.to_string();
                let suffix = format!(" at line {line} column {byte_column}");
                let message = full.strip_suffix(&suffix).unwrap_or(&full);
                let column = char_column(text, line, byte_column);
                problems.push(Some(line), Some(column), message);
                None
            }
        },
    }
}

/// The struct/object form of a sample.
#[derive(Debug, Deserialize)]
#[serde(
    rename = "Sample",
    deny_unknown_fields,
    expecting = "a list of cases, or a sample with `name`, `description` and `cases`"
)]
struct SampleFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    cases: Cases,
}

/// The list of cases, built into the sample as it is read: a parsed list
/// is never held beside the built one, so a file of millions of tiny cases
/// costs one copy of them, not two.
#[derive(Debug, Default)]
struct Cases {
    builder: SampleBuilder,
    /// Indexes (ascending) of cases with no id field at all.
    missing_ids: Vec<usize>,
}

impl<'de> Deserialize<'de> for Cases {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(CasesVisitor)
    }
}

struct CasesVisitor;

impl<'de> Visitor<'de> for CasesVisitor {
    type Value = Cases;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of cases")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cases, A::Error> {
        let mut cases = Cases::default();
        while let Some(case) = seq.next_element::<CaseRecord>()? {
            if !case.has_id {
                cases.missing_ids.push(cases.builder.len());
            }
            cases.builder.push(case.fields);
        }
        Ok(cases)
    }
}

/// One case as read, remembering whether it had an id at all.
#[derive(Debug)]
struct CaseRecord {
    fields: CaseFields,
    has_id: bool,
}

impl<'de> Deserialize<'de> for CaseRecord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Case", KNOWN, CaseVisitor)
    }
}

struct CaseVisitor;

impl<'de> Visitor<'de> for CaseVisitor {
    type Value = CaseRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a case with named fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CaseRecord, A::Error> {
        let mut fields = CaseFields::default();
        let mut seen = [false; KNOWN.len()];
        let mut has_id = false;
        let mut absent_extras: Vec<String> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key {
                Key::Known(k) => {
                    if std::mem::replace(&mut seen[k], true) {
                        return Err(de::Error::duplicate_field(KNOWN[k]));
                    }
                    let value = map.next_value_seed(ScalarSeed { field: KNOWN[k] })?;
                    match k {
                        0 => {
                            has_id = value.is_some();
                            fields.id = value.unwrap_or_default();
                        }
                        1 => fields.title = value,
                        2 => fields.category = value,
                        3 => fields.opened = value,
                        _ => fields.summary = value,
                    }
                }
                Key::Other(name) => {
                    if fields.extra.iter().any(|(n, _)| *n == name) || absent_extras.contains(&name)
                    {
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    match map.next_value_seed(ScalarSeed { field: &name })? {
                        Some(value) => fields.extra.push((name, value)),
                        None => absent_extras.push(name),
                    }
                }
            }
        }
        Ok(CaseRecord { fields, has_id })
    }
}

/// A field name: one of [`KNOWN`] (by index) or an extra field's name.
enum Key {
    Known(usize),
    Other(String),
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match KNOWN.iter().position(|k| *k == v) {
            Some(k) => Key::Known(k),
            None => Key::Other(v.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(match KNOWN.iter().position(|k| *k == v) {
            Some(k) => Key::Known(k),
            None => Key::Other(v),
        })
    }
}

/// A field value: text, a number or a boolean (kept as text), or absent
/// (`null`, `None`, `()`). Lists and maps are an error naming the field.
struct ScalarSeed<'a> {
    field: &'a str,
}

impl<'de> DeserializeSeed<'de> for ScalarSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "text, a number or a boolean for field `{}`", self.field)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Debug keeps `2.0` as written rather than `2`.
        Ok(Some(format!("{v:?}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(format_args!(
            "field `{}` holds a list; only text, numbers and booleans are allowed",
            self.field
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(format_args!(
            "field `{}` holds a map; only text, numbers and booleans are allowed",
            self.field
        )))
    }
}
