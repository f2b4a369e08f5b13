//! Errors from loading a sample: every problem found, each with its position.

use std::fmt;
use std::path::PathBuf;

use crate::model::text::sanitize_line;

/// Most problems kept for one file; a note replaces the rest.
pub(crate) const MAX_PROBLEMS: usize = 500;

/// One problem found in a sample file. `line`/`column` are 1-based, `None`
/// when unknown. The message is sanitised: it is safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line of the problem, 1-based.
    pub line: Option<usize>,
    /// Column of the problem in characters, 1-based.
    pub column: Option<usize>,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    /// A problem at `line`:`column`; the message is sanitised here.
    pub(crate) fn new(line: Option<usize>, column: Option<usize>, message: &str) -> Self {
        Self {
            line,
            column,
            message: sanitize_line(message),
        }
    }
}

impl fmt::Display for Problem {
    /// Formats as `line:column: message`, leaving out what is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: {}", self.message),
            (Some(line), None) => write!(f, "{line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Why a sample could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", safe_path(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file's extension is not one casebench reads.
    #[error(
        "{}: unknown sample format (expected .csv, .tsv, .xlsx, .xls, .ods, .ron or .json)",
        safe_path(path)
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The file was read but is not a valid sample; `problems` lists
    /// everything found (parse errors stop at the first).
    #[error("{}", invalid_summary(origin, problems))]
    Invalid {
        /// Names the file in messages (its path, or e.g. "demo sample").
        origin: String,
        /// Every problem found, in file order; never empty.
        problems: Vec<Problem>,
    },
}

impl SampleError {
    /// The problems found; empty for [`SampleError::Io`] and
    /// [`SampleError::UnknownFormat`].
    pub fn problems(&self) -> &[Problem] {
        match self {
            SampleError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }

    /// Builds an [`SampleError::Invalid`], sorting problems by position
    /// (problems without a line first).
    pub(crate) fn invalid(origin: &str, mut problems: Vec<Problem>) -> Self {
        sort_by_position(&mut problems);
        SampleError::Invalid {
            origin: sanitize_line(origin),
            problems,
        }
    }
}

fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|p| (p.line.unwrap_or(0), p.column.unwrap_or(0)));
}

fn safe_path(path: &std::path::Path) -> String {
    sanitize_line(&path.display().to_string())
}

fn invalid_summary(origin: &str, problems: &[Problem]) -> String {
    let Some(first) = problems.first() else {
        return format!("{origin}: invalid sample");
    };
    let head = match (first.line, first.column) {
        (Some(line), Some(column)) => format!("{origin}:{line}:{column}: {}", first.message),
        (Some(line), None) => format!("{origin}:{line}: {}", first.message),
        _ => format!("{origin}: {}", first.message),
    };
    match problems.len() - 1 {
        0 => head,
        1 => format!("{head} (and 1 more problem)"),
        n => format!("{head} (and {n} more problems)"),
    }
}

/// Collects problems up to [`MAX_PROBLEMS`], then a single note.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    /// Adds a problem (or counts it, once the list is full).
    pub(crate) fn push(&mut self, line: Option<usize>, column: Option<usize>, message: &str) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem::new(line, column, message));
        } else {
            self.dropped += 1;
        }
    }

    /// True when nothing was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// True when the list is full and further problems are only counted.
    pub(crate) fn is_full(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS
    }

    /// The error for `origin`, or `None` when nothing was found.
    pub(crate) fn into_error(mut self, origin: &str) -> Option<SampleError> {
        if self.list.is_empty() {
            return None;
        }
        sort_by_position(&mut self.list);
        if self.dropped > 0 {
            let dropped = self.dropped;
            self.list.push(Problem::new(
                None,
                None,
                &format!("too many problems: {dropped} more not listed"),
            ));
        }
        Some(SampleError::Invalid {
            origin: sanitize_line(origin),
            problems: self.list,
        })
    }
}
