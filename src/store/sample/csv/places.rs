//! Where each record of a text is, for its problems.

use super::field_start;
use crate::store::sample::decode::line_and_column;
use crate::store::sample::options::Delimiter;

/// Where each record of a text is, found as the records are read in
/// order: its line, and the column where a record of the wrong width
/// shows it.
pub(super) struct Places<'t> {
    text: &'t str,
    separator: u8,
    /// Line breaks before `counted_to`.
    breaks: usize,
    counted_to: usize,
}

impl<'t> Places<'t> {
    pub(super) fn new(text: &'t str, delimiter: Delimiter) -> Self {
        Self {
            text,
            separator: delimiter.byte(),
            breaks: 0,
            counted_to: 0,
        }
    }

    /// The line of the record its reader began at byte `at` (at or after
    /// the last one placed), and, for a record that should have `width`
    /// fields, the column where the first field too many begins, or where
    /// the record ends too soon. A reader begins a record where the last
    /// ended: blank lines, and the line feed of a CRLF, come first (the
    /// `csv` crate placed a record there, a line early in a CRLF file).
    pub(super) fn place(
        &mut self,
        at: u64,
        width: Option<usize>,
    ) -> (Option<usize>, Option<usize>) {
        let bytes = self.text.as_bytes();
        let at = usize::try_from(at).unwrap_or(bytes.len()).min(bytes.len());
        let start = bytes[at..]
            .iter()
            .position(|b| !matches!(b, b'\n' | b'\r'))
            .map_or(bytes.len(), |k| at + k);
        let from = self.counted_to.min(start);
        self.breaks += memchr::memchr_iter(b'\n', &bytes[from..start]).count();
        self.counted_to = start;
        let column = width.map(|width| {
            let end = field_start(self.text, start, self.separator, width);
            line_and_column(self.text, end).1
        });
        (Some(self.breaks + 1), column)
    }
}
