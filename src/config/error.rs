//! Errors reading the config file, naming the file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The user named a config file (`--config`, `CASEBENCH_CONFIG`) that
    /// does not exist.
    #[error("{}: the config file does not exist", path.display())]
    Missing {
        /// The file named.
        path: PathBuf,
    },
    /// The file exists but could not be read.
    #[error("{}: cannot read the config file: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        reason: std::io::Error,
    },
    /// The file is not valid RON for a config: bad syntax, an unknown key,
    /// a wrong type or a bad value (positions are 1-based).
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line of the fault.
        line: usize,
        /// Column of the fault.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The file parses but its values do not fit together (e.g. a reference
    /// naming a level the scale lacks, or two commands sharing a key).
    /// Every problem found is listed.
    #[error("{}", Problems(path, problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// One message per problem.
        problems: Vec<String>,
    },
}

impl ConfigError {
    pub(super) fn syntax(path: &Path, e: &ron::error::SpannedError) -> Self {
        ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// Displays one `path: problem` line per problem.
struct Problems<'a>(&'a Path, &'a [String]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {p}", self.0.display())?;
        }
        Ok(())
    }
}
