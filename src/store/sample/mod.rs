//! Sample loaders (RON, JSON, CSV): bytes in, a checked [`Sample`] or every
//! problem found out — never a partial load.
//!
//! All formats go the same way: strip a BOM and check UTF-8 (`decode`),
//! parse (`ron_json`, `csv`), then run the shared id checks (`check`).
//! Positions of per-case problems come from the CSV reader or, for RON and
//! JSON, from a small scanner (`locate`).

use std::path::Path;

use crate::model::case::Sample;

mod check;
mod csv;
mod decode;
mod error;
mod locate;
mod ron_json;
#[cfg(test)]
mod tests;

pub use error::{Problem, SampleError};

use check::{Draft, Input};
use error::Problems;
use locate::{Locator, Places, Syntax};

/// The bundled demo sample, as shipped in `assets/`.
const DEMO: &[u8] = include_bytes!("../../../assets/demo.ron");

/// A sample file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Rusty Object Notation (`.ron`).
    Ron,
    /// JSON (`.json`).
    Json,
    /// Comma-separated values with a header row (`.csv`).
    Csv,
}

impl Format {
    /// The format named by the file's extension (ignoring case), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        [
            ("ron", Format::Ron),
            ("json", Format::Json),
            ("csv", Format::Csv),
        ]
        .into_iter()
        .find(|(e, _)| ext.eq_ignore_ascii_case(e))
        .map(|(_, f)| f)
    }
}

/// Reads and parses a sample file (format from the extension). Never a
/// partial load: any problem fails the whole file, listing every problem.
pub fn load_sample(path: &Path) -> Result<Sample, SampleError> {
    let format = Format::from_path(path).ok_or_else(|| SampleError::UnknownFormat {
        path: path.to_path_buf(),
    })?;
    let bytes = std::fs::read(path).map_err(|source| SampleError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_sample(&bytes, format, &path.display().to_string(), Some(path))
}

/// Parses bytes; `origin` names the file in messages; `path` is recorded in
/// the sample's [`SampleSource`](crate::model::case::SampleSource) (`None`
/// for embedded data) and gives the name when the file has none.
pub fn parse_sample(
    bytes: &[u8],
    format: Format,
    origin: &str,
    path: Option<&Path>,
) -> Result<Sample, SampleError> {
    let mut problems = Problems::default();
    let text = decode::decode(bytes, &mut problems);
    let parsed: Option<(Draft, Places)> = match format {
        Format::Ron => ron_json::parse(&text, Syntax::Ron, &mut problems)
            .map(|d| (d, Places::Scan(Syntax::Ron))),
        Format::Json => ron_json::parse(&text, Syntax::Json, &mut problems)
            .map(|d| (d, Places::Scan(Syntax::Json))),
        Format::Csv => self::csv::parse(&text, &mut problems).map(|(d, l)| (d, Places::Lines(l))),
    };
    let input = Input {
        bytes,
        origin,
        path,
    };
    match parsed {
        Some((draft, places)) => {
            check::finish(draft, problems, &mut Locator::new(&text, places), input)
        }
        None => Err(problems.into_error(origin).unwrap_or_else(|| {
            SampleError::invalid(origin, vec![Problem::new(None, None, "not a valid sample")])
        })),
    }
}

/// The bundled demo sample: `assets/demo.ron`, parsed with origin
/// "demo sample" and no path.
///
/// # Panics
/// Only if the bundled asset is invalid, which a test guards against.
pub fn demo_sample() -> Sample {
    match parse_sample(DEMO, Format::Ron, "demo sample", None) {
        Ok(sample) => sample,
        Err(e) => panic!("the bundled demo sample is invalid: {e}"),
    }
}
