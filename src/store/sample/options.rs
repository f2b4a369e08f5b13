//! How to read a sample file, when detection is not enough: which column is
//! which field, the text encoding, the separator, the sheet. The same
//! settings come from the command line (`--column`, `--encoding`,
//! `--delimiter`, `--sheet`) or the sample's settings file, and a session
//! records them so the sample is read the same way again.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::case::StandardField;

/// How to read a sample; everything left `None` (or empty) is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Field → the header of the column that holds it. Wins over the
    /// common names casebench recognises.
    pub columns: BTreeMap<StandardField, String>,
    /// The text encoding of a CSV/TSV file.
    pub encoding: Option<TextEncoding>,
    /// The separator of a CSV/TSV file.
    pub delimiter: Option<Delimiter>,
    /// The sheet of a spreadsheet (default: the first).
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// These options with every setting `over` makes replacing ours.
    #[must_use]
    pub fn overridden_by(mut self, over: &ReadOptions) -> ReadOptions {
        for (field, header) in &over.columns {
            self.columns.insert(*field, header.clone());
        }
        if over.encoding.is_some() {
            self.encoding = over.encoding;
        }
        if over.delimiter.is_some() {
            self.delimiter = over.delimiter;
        }
        if over.sheet.is_some() {
            self.sheet.clone_from(&over.sheet);
        }
        self
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == ReadOptions::default()
    }
}

/// A text encoding casebench reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a BOM is allowed).
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (what Excel saves "CSV" as on Western Windows).
    Windows1252,
}

impl TextEncoding {
    /// Every encoding, with the name it is written as.
    const NAMES: [(TextEncoding, &'static str); 4] = [
        (TextEncoding::Utf8, "utf-8"),
        (TextEncoding::Utf16Le, "utf-16le"),
        (TextEncoding::Utf16Be, "utf-16be"),
        (TextEncoding::Windows1252, "windows-1252"),
    ];

    /// The name as written in settings and shown (`windows-1252`).
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(e, _)| *e == self)
            .map_or("utf-8", |(_, n)| n)
    }

    /// The `encoding_rs` encoding.
    pub fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TextEncoding {
    type Err = String;

    /// Accepts the WHATWG labels (`utf8`, `cp1252`, `latin1`, `utf-16`…)
    /// of the encodings casebench reads.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            format!("unknown encoding {s:?}: expected utf-8, utf-16le, utf-16be or windows-1252")
        };
        let found = encoding_rs::Encoding::for_label(s.trim().as_bytes()).ok_or_else(unknown)?;
        Self::NAMES
            .iter()
            .map(|(e, _)| *e)
            .find(|e| e.encoding() == found)
            .ok_or_else(unknown)
    }
}

impl Serialize for TextEncoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TextEncoding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A field separator casebench reads: comma, semicolon, tab or pipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(u8);

impl Delimiter {
    /// The separators a sample may use, in the order ties are broken.
    pub const ALL: [Delimiter; 4] = [
        Delimiter(b','),
        Delimiter(b';'),
        Delimiter(b'\t'),
        Delimiter(b'|'),
    ];

    /// Comma.
    pub const COMMA: Delimiter = Delimiter(b',');
    /// Tab.
    pub const TAB: Delimiter = Delimiter(b'\t');

    /// The separator byte.
    pub fn byte(self) -> u8 {
        self.0
    }

    /// The name as written in settings and shown (`comma`, `tab`…).
    pub fn name(self) -> &'static str {
        match self.0 {
            b';' => "semicolon",
            b'\t' => "tab",
            b'|' => "pipe",
            _ => "comma",
        }
    }
}

impl fmt::Display for Delimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Delimiter {
    type Err = String;

    /// `comma`, `semicolon`, `tab`, `pipe`, or the character itself
    /// (`,` `;` `|`, `\t`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let byte = match s {
            "," | "comma" => b',',
            ";" | "semicolon" => b';',
            "\t" | "\\t" | "tab" => b'\t',
            "|" | "pipe" => b'|',
            _ => {
                return Err(format!(
                    "unknown separator {s:?}: expected comma, semicolon, tab or pipe"
                ));
            }
        };
        Ok(Delimiter(byte))
    }
}

impl Serialize for Delimiter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Delimiter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Parses a `--column FIELD=HEADER` argument.
pub fn parse_column(arg: &str) -> Result<(StandardField, String), String> {
    let (field, header) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected FIELD=HEADER (e.g. id=\"Case Ref\"), not {arg:?}"))?;
    let field = StandardField::from_name(field).ok_or_else(|| {
        format!(
            "unknown field {:?}: expected id, title, category (or area), opened or summary (or narrative)",
            field.trim()
        )
    })?;
    let header = header.trim().trim_matches('"').trim();
    if header.is_empty() {
        return Err(format!("no column header after {}=", field.name()));
    }
    Ok((field, header.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_separators_by_name() {
        assert_eq!("cp1252".parse(), Ok(TextEncoding::Windows1252));
        assert_eq!("latin1".parse(), Ok(TextEncoding::Windows1252));
        assert_eq!("UTF8".parse(), Ok(TextEncoding::Utf8));
        assert_eq!("utf-16".parse(), Ok(TextEncoding::Utf16Le));
        assert!("ebcdic".parse::<TextEncoding>().is_err());
        assert_eq!(";".parse(), Ok(Delimiter(b';')));
        assert_eq!("tab".parse(), Ok(Delimiter::TAB));
        assert!(":".parse::<Delimiter>().is_err());
    }

    #[test]
    fn column_arguments() {
        assert_eq!(
            parse_column("id=Case Ref"),
            Ok((StandardField::Id, "Case Ref".into()))
        );
        assert_eq!(
            parse_column("area=\"Area of practice\""),
            Ok((StandardField::Category, "Area of practice".into()))
        );
        assert!(parse_column("officer=Officer").is_err());
        assert!(parse_column("id=").is_err());
        assert!(parse_column("id").is_err());
    }

    #[test]
    fn settings_round_trip_in_ron() {
        let options = ReadOptions {
            columns: BTreeMap::from([(StandardField::Id, "Case Ref".to_owned())]),
            encoding: Some(TextEncoding::Windows1252),
            delimiter: Some(Delimiter(b';')),
            sheet: None,
        };
        let text = ron::to_string(&options).expect("ron");
        assert!(
            text.contains("windows-1252") && text.contains("semicolon"),
            "{text}"
        );
        assert_eq!(ron::from_str::<ReadOptions>(&text).expect("back"), options);
    }
}
