//! The checks every format shares — ids present, non-empty and unique, at
//! least one case — and the final step from parsed cases to a [`Sample`].

use std::path::Path;

use super::error::{Problems, SampleError};
use super::locate::Locator;
use crate::model::case::{CaseIdx, Sample, SampleBuilder, SampleSource};

/// What a format loader produced from a file it could parse.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The cases, in file order.
    pub(crate) builder: SampleBuilder,
    /// Indexes (ascending) of cases that have no id field at all.
    pub(crate) missing_ids: Vec<usize>,
    /// False when ids cannot be checked per case (CSV without an id column;
    /// that has been reported already).
    pub(crate) check_ids: bool,
    /// The sample's own name, if the file gives one.
    pub(crate) name: Option<String>,
    /// The sample's description, if the file gives one.
    pub(crate) description: Option<String>,
}

/// The file being loaded, as named in messages and recorded in the sample.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// The hash of the raw bytes (the sample's identity).
    pub(crate) hash: &'a str,
    /// Names the file in messages.
    pub(crate) origin: &'a str,
    /// The file's path, if it came from one.
    pub(crate) path: Option<&'a Path>,
}

/// Runs the shared checks and returns the sample, or every problem found
/// (including those already in `problems`).
pub(crate) fn finish(
    draft: Draft,
    mut problems: Problems,
    locator: &mut Locator<'_>,
    input: Input<'_>,
) -> Result<Sample, SampleError> {
    if draft.builder.is_empty() {
        problems.push(None, None, "the sample has no cases");
    }
    let name = draft
        .name
        .or_else(|| {
            input
                .path
                .and_then(Path::file_stem)
                .map(|s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| input.origin.to_owned());
    let source = SampleSource {
        path: input.path.map(Path::to_path_buf),
        hash: input.hash.to_owned(),
    };
    let sample = draft.builder.finish(&name, draft.description, source);
    if draft.check_ids {
        check_ids(&sample, &draft.missing_ids, &mut problems, locator);
    }
    match problems.into_error(input.origin) {
        Some(error) => Err(error),
        None => Ok(sample),
    }
}

/// Reports missing, empty and duplicate ids. Uniqueness is judged on the
/// ids as stored (trimmed and sanitised), exactly as lookups will see them.
fn check_ids(
    sample: &Sample,
    missing: &[usize],
    problems: &mut Problems,
    locator: &mut Locator<'_>,
) {
    // Only the cases that may have a problem are looked at: a million ids
    // read again would cost a tenth of a second.
    let mut suspects: Vec<usize> = missing
        .iter()
        .copied()
        .chain(sample.empty_ids().iter().map(|&i| i as usize))
        .chain(sample.repeated_ids().iter().map(|&(i, _)| i as usize))
        .collect();
    suspects.sort_unstable();
    suspects.dedup();
    let mut missing = missing.iter().copied().peekable();
    let mut repeats = sample.repeated_ids().iter().peekable();
    for i in suspects {
        let id = sample.id(i as CaseIdx).unwrap_or_default();
        let repeat = repeats.next_if(|(r, _)| *r as usize == i);
        if problems.is_full() {
            // Keep counting cheaply; positions no longer matter.
            if id.is_empty() || repeat.is_some() {
                problems.push(None, None, "");
            }
            continue;
        }
        if missing.next_if_eq(&i).is_some() {
            let (line, column) = locator.case(i);
            problems.push(line, column, "case has no `id`");
        } else if id.is_empty() {
            let (line, column) = locator.case(i);
            problems.push(line, column, "empty `id`");
        } else if let Some(&(_, first)) = repeat {
            let (line, column) = locator.case(i);
            let earlier = match locator.case(first as usize).0 {
                Some(first_line) => format!("first used on line {first_line}"),
                None => format!("first used by case {}", first + 1),
            };
            problems.push(line, column, &format!("duplicate id `{id}` ({earlier})"));
        }
    }
}
