//! Where a sample's text lives: one buffer, each field a slot of it, and
//! a case a view of its slots.

use super::Case;

/// Every case's fields as slots of one buffer: per case the five standard
/// fields (id, title, category, opened, summary), then its extras.
///
/// The buffer may be held in pieces, each a whole number of cases: a big
/// file read in two halves keeps the second half's pieces as they were
/// read rather than copying hundreds of megabytes onto the first's.
#[derive(Debug, Clone, Default)]
pub(super) struct Text {
    /// The fields' text, one after another, from `tail_start` on: the
    /// piece that pushed slots go to.
    pub(super) all: String,
    /// Where `all` begins in the text as a whole.
    tail_start: usize,
    /// The pieces before `all`, each with where it begins, in order.
    head: Vec<(usize, String)>,
    /// Where each slot ends in the text as a whole (it begins where the
    /// one before ends).
    pub(super) ends: Vec<usize>,
    /// Each case's first slot (and, last, the end of the slots).
    pub(super) firsts: Vec<usize>,
    /// The field name (index into the sample's names) of each extra slot,
    /// in slot order.
    pub(super) extra_names: Vec<u32>,
}

/// Standard fields every case has a slot for.
const STANDARD: usize = 5;

impl Text {
    pub(super) fn len(&self) -> usize {
        self.firsts.len().saturating_sub(1)
    }

    pub(super) fn slot(&self, slot: usize) -> &str {
        self.slot_in(self.piece_at(self.start(slot)), slot)
    }

    /// Where slot `slot` begins in the text as a whole.
    fn start(&self, slot: usize) -> usize {
        if slot == 0 { 0 } else { self.ends[slot - 1] }
    }

    /// The piece holding the text from byte `start` on, with where it
    /// begins: the last one beginning at or before it.
    fn piece_at(&self, start: usize) -> (usize, &str) {
        if start >= self.tail_start {
            return (self.tail_start, &self.all);
        }
        let i = self.head.partition_point(|(begins, _)| *begins <= start);
        let (begins, piece) = &self.head[i.saturating_sub(1)];
        (*begins, piece)
    }

    /// Slot `slot`, which lies in `piece` (an empty slot reads as empty in
    /// any).
    fn slot_in<'t>(&self, (begins, piece): (usize, &'t str), slot: usize) -> &'t str {
        let (start, end) = (self.start(slot), self.ends[slot]);
        piece
            .get(start.saturating_sub(begins)..end.saturating_sub(begins))
            .unwrap_or_default()
    }

    pub(super) fn id(&self, idx: usize) -> &str {
        self.slot(self.firsts[idx])
    }

    /// The area of practice of case `idx`, if it has one.
    pub(super) fn category(&self, idx: usize) -> Option<&str> {
        Some(self.slot(self.firsts[idx] + 2)).filter(|t| !t.is_empty())
    }

    pub(super) fn case(&self, idx: usize) -> Option<Case<'_>> {
        let first = *self.firsts.get(idx)?;
        let last = *self.firsts.get(idx + 1)?;
        // A case lies in one piece, found once for its five fields.
        let piece = self.piece_at(self.start(first));
        let field = |k: usize| Some(self.slot_in(piece, first + k)).filter(|t| !t.is_empty());
        Some(Case {
            id: self.slot_in(piece, first),
            title: field(1),
            category: field(2),
            opened: field(3),
            summary: field(4),
            extra: (
                first + STANDARD,
                last,
                first + STANDARD - STANDARD * (idx + 1),
            ),
        })
    }

    /// Appends one slot of `value`, sanitised as it is copied in.
    pub(super) fn push_clean(&mut self, value: &str, one_line: bool) {
        crate::model::text::sanitize_into(&mut self.all, value, one_line);
        self.ends.push(self.bytes());
    }

    /// Moves every case of `other` after this text's cases, its extra
    /// slots named by `rename` (its name number to this text's). Its text
    /// is moved, not copied: it becomes further pieces of this one.
    pub(super) fn append(&mut self, other: Text, rename: &[u32]) {
        let base = self.bytes();
        let slots = self.ends.len();
        let pieces = other
            .head
            .into_iter()
            .chain([(other.tail_start, other.all)]);
        for (begins, mut piece) in pieces {
            if piece.is_empty() {
                continue;
            }
            piece.shrink_to_fit();
            let tail = std::mem::replace(&mut self.all, piece);
            if !tail.is_empty() {
                self.head.push((self.tail_start, tail));
            }
            self.tail_start = base + begins;
        }
        self.ends.extend(other.ends.iter().map(|end| end + base));
        if self.firsts.is_empty() {
            self.firsts.push(0);
        }
        self.firsts
            .extend(other.firsts.iter().skip(1).map(|first| first + slots));
        self.extra_names
            .extend(other.extra_names.iter().map(|&n| rename[n as usize]));
    }

    /// Bytes of text held.
    pub(super) fn bytes(&self) -> usize {
        self.tail_start + self.all.len()
    }

    /// Appends one slot.
    pub(super) fn push_slot(&mut self, value: &str) {
        self.all.push_str(value);
        self.ends.push(self.bytes());
    }
}

/// The cases of a sample, in sample order.
#[derive(Debug, Clone)]
pub struct Cases<'a> {
    pub(super) text: &'a Text,
    pub(super) next: usize,
    pub(super) end: usize,
}

impl<'a> Iterator for Cases<'a> {
    type Item = Case<'a>;

    fn next(&mut self) -> Option<Case<'a>> {
        (self.next < self.end).then(|| {
            self.next += 1;
            self.text.case(self.next - 1)
        })?
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl DoubleEndedIterator for Cases<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.next < self.end).then(|| {
            self.end -= 1;
            self.text.case(self.end)
        })?
    }
}

impl ExactSizeIterator for Cases<'_> {}
