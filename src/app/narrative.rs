//! The narrative of the current case, wrapped once per (case, width) and
//! kept as line ranges into the case's text, so that a frame draws only
//! the lines on screen: the cost of a key does not depend on how long the
//! narrative is (a 10 MB narrative used to cost seconds per key).

use std::ops::Range;

use crate::model::case::CaseIdx;

/// The wrapped narrative of one case at one width.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// The case and width these lines were wrapped for.
    key: Option<(CaseIdx, u16)>,
    /// Byte ranges of the wrapped lines in the case's narrative.
    lines: Vec<Range<usize>>,
}

impl Narrative {
    /// Wraps `text` (case `idx`'s narrative) for `width` columns, unless
    /// that is what the lines already are.
    pub fn ensure(&mut self, idx: CaseIdx, width: u16, text: Option<&str>) {
        if self.key == Some((idx, width)) {
            return;
        }
        self.key = Some((idx, width));
        self.lines = text.map_or_else(Vec::new, |t| wrap(t, usize::from(width.max(1))));
    }

    /// Number of wrapped lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Wrapped line `i` of `text` (the narrative these lines were made
    /// from); empty past the end.
    pub fn line<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.lines
            .get(i)
            .and_then(|r| text.get(r.clone()))
            .unwrap_or("")
    }
}

/// Byte ranges of `text` wrapped at `width` columns: each source line on
/// its own, words kept whole where they fit, longer words broken.
fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.is_empty() {
            out.push(offset..offset);
        } else {
            for piece in textwrap::wrap(line, width) {
                // Wrapping without hyphens or indents only ever borrows
                // slices of the line; anything else is found by search.
                let start = match &piece {
                    std::borrow::Cow::Borrowed(s) => s.as_ptr() as usize - base,
                    std::borrow::Cow::Owned(s) => offset + line.find(s.as_str()).unwrap_or(0),
                };
                out.push(start..start + piece.len());
            }
        }
        offset += raw.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_wrapped_once_and_read_back_from_the_text() {
        let text = "The child was found at 03:10.\n\nA long second paragraph that needs wrapping.";
        let mut n = Narrative::default();
        n.ensure(3, 20, Some(text));
        let lines: Vec<&str> = (0..n.len()).map(|i| n.line(text, i)).collect();
        assert_eq!(
            lines,
            [
                "The child was found",
                "at 03:10.",
                "",
                "A long second",
                "paragraph that needs",
                "wrapping."
            ]
        );
        // The same case and width: nothing to do; another width: rewrapped.
        let before = n.clone();
        n.ensure(3, 20, Some("different text is not even looked at"));
        assert_eq!(n, before);
        n.ensure(3, 40, Some(text));
        assert_eq!(n.line(text, 0), "The child was found at 03:10.");
    }

    #[test]
    fn a_huge_word_is_broken_and_nothing_is_lost() {
        let text = "x".repeat(50);
        let mut n = Narrative::default();
        n.ensure(0, 20, Some(&text));
        assert_eq!(n.len(), 3);
        let joined: String = (0..n.len()).map(|i| n.line(&text, i)).collect();
        assert_eq!(joined, text);
    }
}
