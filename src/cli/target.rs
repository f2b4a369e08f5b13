//! Finding the session a headless command works on: `SESSION` arguments
//! name a session file, or a sample file meaning that sample's default
//! session (DESIGN §2). Shared by `summary` and `export`.

use std::path::{Path, PathBuf};

use super::absolute;
use super::open::sample_of_loaded;
use crate::model::case::Sample;
use crate::model::review::Review;
use crate::paths::Paths;
use crate::store::session::{self, Loaded};

/// A saved session read for reporting, with its sample and review.
#[derive(Debug)]
pub(super) struct Target {
    /// The session file.
    pub path: PathBuf,
    /// The session as read (snapshot and journal).
    pub loaded: Loaded,
    /// The sample it grades.
    pub sample: Sample,
    /// The review rebuilt on that sample.
    pub review: Review,
}

/// Reads the session named by `target`, its sample, and rebuilds the review.
pub(super) fn load(paths: &Paths, target: &Path) -> anyhow::Result<Target> {
    let path = resolve(paths, target)?;
    let loaded = session::load(&path)?;
    let sample = sample_of_loaded(&loaded, &path)?;
    let review = loaded.review(&sample, &path)?;
    Ok(Target {
        path,
        loaded,
        sample,
        review,
    })
}

/// A session path, or a sample path meaning that sample's default session.
pub(super) fn resolve(paths: &Paths, target: &Path) -> anyhow::Result<PathBuf> {
    let absolute = absolute(target)?;
    if is_session(&absolute) {
        return Ok(absolute);
    }
    let default = session::default_path(&paths.sessions_dir(), Some(&absolute));
    if default.exists() {
        Ok(default)
    } else {
        anyhow::bail!(
            "{}: no saved session for this sample (looked for {})",
            target.display(),
            default.display()
        )
    }
}

/// A session file is RON with a `version` field; samples have none.
///
/// Sessions casebench writes begin with `(version: …`, which is recognised
/// from the first bytes; anything else is parsed in full to be sure (a
/// large session costs seconds to parse, so the cheap check matters).
pub(super) fn is_session(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[allow(dead_code)]
        version: u32,
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    match first_field(&text) {
        Some("version") => true,
        _ => ron::from_str::<Probe>(&text).is_ok(),
    }
}

/// The name of the first field of a RON struct at the top of `text`
/// (after whitespace, comments, `#![…]` attributes and an optional struct
/// name), if the text starts that way.
fn first_field(text: &str) -> Option<&str> {
    let mut rest = skip_blank(text)?;
    while let Some(attr) = rest.strip_prefix("#![") {
        rest = skip_blank(&attr[attr.find(']')? + 1..])?;
    }
    let ident = |s: &str| s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    if !rest.starts_with('(') {
        let end = ident(rest)?;
        rest = skip_blank(&rest[end..])?;
    }
    let rest = skip_blank(rest.strip_prefix('(')?)?;
    let end = ident(rest).filter(|&e| e > 0)?;
    let (name, after) = rest.split_at(end);
    skip_blank(after)?.starts_with(':').then_some(name)
}

/// `text` without leading whitespace and (nested block or line) comments;
/// `None` if a comment does not end.
fn skip_blank(mut text: &str) -> Option<&str> {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if text.starts_with("/*") {
            let mut depth = 0usize;
            let mut i = 0;
            let bytes = text.as_bytes();
            loop {
                match bytes.get(i..i + 2)? {
                    b"/*" => {
                        depth += 1;
                        i += 2;
                    }
                    b"*/" => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => i += 1,
                }
            }
            text = &text[i..];
        } else {
            return Some(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_field_reads_past_comments_attributes_and_names() {
        assert_eq!(first_field("(\n  version: 1,\n)"), Some("version"));
        assert_eq!(
            first_field(
                "// c\n/* a /* nested */ b */ #![enable(implicit_some)]\nSession ( version : 1)"
            ),
            Some("version")
        );
        assert_eq!(first_field("(name: \"x\", cases: [])"), Some("name"));
        assert_eq!(first_field("[(id: \"A\")]"), None);
        assert_eq!(first_field("/* unterminated"), None);
        assert_eq!(first_field(""), None);
    }

    #[test]
    fn sessions_are_told_from_samples() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p
        };
        assert!(is_session(&write("a.ron", "(version: 1, sample: ())")));
        // Fields in another order still count, by the full parse.
        assert!(is_session(&write("b.ron", "(sample: (), version: 1)")));
        assert!(!is_session(&write("c.ron", "(name: \"s\", cases: [])")));
        assert!(!is_session(&write("d.csv", "id\nA\n")));
        assert!(!is_session(&dir.path().join("missing.ron")));
    }
}
