//! The order of the list and the columns it shows: any column can be
//! sorted on, ascending or descending, and the reviewer chooses which
//! sample columns the list shows beside the id, grade and area.
//!
//! A sort is done once, when chosen, like a spreadsheet's: grading a case
//! in a list sorted by grade does not move its row under the reviewer.
//! Each case's place is kept (`rank`), so the list stays in that order as
//! filters change and a case is found in it by binary search.

use std::hash::BuildHasher as _;

use super::App;
use super::sort_key::sort_key;
use crate::model::case::{Case, CaseIdx, Sample};

/// A column of the case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The case id (sorted with numbers in order: CP-9 before CP-10).
    Id,
    /// The grade (best first; ungraded last).
    Grade,
    /// The discussion flag (flagged first).
    Flag,
    /// The area of practice.
    Area,
    /// The case's title.
    Title,
    /// When the case was opened (dates in order, day-first dates too).
    Opened,
    /// A further sample column (index into the sample's field names).
    Field(u32),
}

impl Column {
    /// The column's heading ("Area", "Opened", a sample column's name as
    /// the case view shows it: "Referral source").
    pub fn heading(self, sample: &Sample) -> String {
        match self {
            Column::Id => "Case".into(),
            Column::Grade => "Grade".into(),
            Column::Flag => "Flag".into(),
            Column::Area => "Area".into(),
            Column::Title => "Title".into(),
            Column::Opened => "Opened".into(),
            Column::Field(f) => sample
                .field_names()
                .nth(f as usize)
                .map_or_else(String::new, super::case_text::humanise),
        }
    }

    /// Columns the list gives this column.
    pub fn width(self, sample: &Sample) -> u16 {
        use unicode_width::UnicodeWidthStr as _;
        match self {
            Column::Title => 32,
            Column::Opened => 10,
            Column::Id => 8,
            Column::Grade | Column::Flag => 5,
            Column::Area => 24,
            Column::Field(_) => {
                u16::try_from(self.heading(sample).width()).map_or(16, |w| w.clamp(10, 16))
            }
        }
    }

    /// The column named `name` in config files: a standard field's name
    /// (`opened`, `title`, `area`) or a sample column's heading.
    pub fn named(name: &str, sample: &Sample) -> Option<Column> {
        use crate::model::case::StandardField as F;
        match F::from_name(name) {
            Some(F::Id) => Some(Column::Id),
            Some(F::Title) => Some(Column::Title),
            Some(F::Category) => Some(Column::Area),
            Some(F::Opened) => Some(Column::Opened),
            // The narrative is read in the case view, not in a column.
            Some(F::Summary) => None,
            None => sample
                .field_names()
                .position(|f| f.eq_ignore_ascii_case(name.trim()))
                .and_then(|f| u32::try_from(f).ok())
                .map(Column::Field),
        }
    }

    /// The text of case `case` in this column, for the text columns.
    pub fn text<'a>(self, sample: &'a Sample, case: Case<'a>) -> Option<&'a str> {
        match self {
            Column::Id => Some(case.id),
            Column::Area => case.category,
            Column::Title => case.title,
            Column::Opened => case.opened,
            Column::Field(f) => {
                let name = sample.field_names().nth(f as usize)?;
                sample
                    .extra_fields(case)
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v)
            }
            Column::Grade | Column::Flag => None,
        }
    }

    /// Columns a list can add beside id, grade, flag and area: title,
    /// opened and every further sample column.
    pub fn extras(sample: &Sample) -> Vec<Column> {
        let fields = (0..sample.field_names().count()).filter_map(|f| u32::try_from(f).ok());
        [Column::Title, Column::Opened]
            .into_iter()
            .chain(fields.map(Column::Field))
            .collect()
    }

    /// Columns the list can be sorted on, in picker order.
    pub fn sortable(sample: &Sample) -> Vec<Column> {
        [Column::Id, Column::Grade, Column::Flag, Column::Area]
            .into_iter()
            .chain(Self::extras(sample))
            .collect()
    }
}

/// A sort of the list: the column, the direction and every case's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    column: Column,
    descending: bool,
    /// The cases in this order.
    rows: Vec<CaseIdx>,
    /// The place of each case in `rows`.
    rank: Vec<u32>,
}

impl Order {
    /// The cases sorted on `column` whose places are `keys` (one per
    /// case; see [`text_places`]). Equal places keep sample order, and
    /// empty values go last either way, as in a spreadsheet.
    pub(in crate::app) fn from_places(
        column: Column,
        descending: bool,
        keys: &[Option<u32>],
    ) -> Self {
        let rows = by_places(keys, descending);
        let mut rank = vec![0; keys.len()];
        for (place, &i) in rows.iter().enumerate() {
            rank[i as usize] = place as u32;
        }
        Self {
            column,
            descending,
            rows,
            rank,
        }
    }

    /// The column sorted on.
    pub fn column(&self) -> Column {
        self.column
    }

    /// Whether the order is descending.
    pub fn descending(&self) -> bool {
        self.descending
    }

    /// Every case, in this order.
    pub fn rows(&self) -> &[CaseIdx] {
        &self.rows
    }

    /// The place of case `idx`.
    pub fn rank(&self, idx: CaseIdx) -> u32 {
        self.rank.get(idx as usize).copied().unwrap_or(u32::MAX)
    }
}

/// Each case's place among the distinct values of a text column (`None`
/// when empty). Values repeat (areas, dates), so each distinct value is
/// keyed and sorted once, and the cases are then sorted on numbers.
/// Gives up (`None`) as soon as `cancelled` says so: a million cases take
/// a tenth of a second, and a later sort makes this one pointless.
pub(in crate::app) fn text_places(
    sample: &Sample,
    column: Column,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<Option<u32>>> {
    // Each distinct value's number, found by its hash: the hash is kept,
    // so that the table grows without reading a million scattered values
    // again. Keyed per run, so that a crafted file cannot make values
    // collide.
    let keys = std::hash::RandomState::new();
    let mut distinct: hashbrown::HashTable<(u64, u32)> = hashbrown::HashTable::new();
    let mut values: Vec<&str> = Vec::new();
    let mut of_case: Vec<Option<u32>> = Vec::with_capacity(sample.len());
    for (i, case) in sample.cases().enumerate() {
        if i % CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        let place = column
            .text(sample, case)
            .filter(|t| !t.trim().is_empty())
            .map(|text| {
                let hash = keys.hash_one(text);
                let same = |&(h, v): &(u64, u32)| h == hash && values[v as usize] == text;
                if let Some(&(_, v)) = distinct.find(hash, same) {
                    return v;
                }
                let v = u32::try_from(values.len()).unwrap_or(u32::MAX);
                values.push(text);
                distinct.insert_unique(hash, (hash, v), |&(h, _)| h);
                v
            });
        of_case.push(place);
    }
    let keys: Vec<Vec<u8>> = values.iter().map(|v| sort_key(v)).collect();
    let mut sorted: Vec<usize> = (0..values.len()).collect();
    sort_on_keys(&mut sorted, &keys, 0);
    // Values with equal keys ("Custody", "custody") share a place, so that
    // their cases keep sample order between them.
    let mut place = vec![0; values.len()];
    let mut at = 0;
    for (k, pair) in sorted.iter().enumerate() {
        if k > 0 && keys[sorted[k - 1]] != keys[*pair] {
            at += 1;
        }
        place[*pair] = at;
    }
    Some(
        of_case
            .into_iter()
            .map(|v| v.map(|v| place[v as usize]))
            .collect(),
    )
}

/// Sorts the value numbers `order` on their `keys`, which are equal up
/// to byte `from`, 16 bytes at a time: the numbers are sorted held beside
/// the next 16 bytes of their keys, so that comparing reads no key (a
/// million distinct titles are a million scattered keys), and only the
/// runs still equal go on to the next 16 bytes.
fn sort_on_keys(order: &mut [usize], keys: &[Vec<u8>], from: usize) {
    let mut heads: Vec<(u128, u8, usize)> = order
        .iter()
        .map(|&v| {
            let key = keys[v].get(from..).unwrap_or_default();
            let mut bytes = [0; 16];
            let n = key.len().min(16);
            bytes[..n].copy_from_slice(&key[..n]);
            // Padding is zeros: a key that ends here goes before a longer
            // one with zeros there. 17: it goes on past these 16 bytes.
            let left = u8::try_from(key.len().min(17)).unwrap_or(17);
            (u128::from_be_bytes(bytes), left, v)
        })
        .collect();
    heads.sort_unstable();
    let mut start = 0;
    while start < heads.len() {
        let (head, left, _) = heads[start];
        let len = heads[start..]
            .iter()
            .take_while(|h| h.0 == head && h.1 == left)
            .count();
        for (slot, h) in order[start..start + len].iter_mut().zip(&heads[start..]) {
            *slot = h.2;
        }
        if len > 1 && left == 17 {
            sort_on_keys(&mut order[start..start + len], keys, from + 16);
        }
        start += len;
    }
}

/// How many cases a sort reads between looks at whether it is still
/// wanted.
const CHECK_EVERY: usize = 1 << 16;

/// The cases in the order of their places `keys` (`None`, empty, last
/// either way), equal places in sample order: a counting sort, one pass
/// over the cases and one over the places, since places are small
/// numbers (one per distinct value).
fn by_places(keys: &[Option<u32>], descending: bool) -> Vec<CaseIdx> {
    let places = keys.iter().flatten().max().map_or(0, |&m| m as usize + 1);
    // Buckets in the order wanted; the last holds the empty ones.
    let bucket = |key: Option<u32>| match key {
        Some(p) if descending => places - 1 - p as usize,
        Some(p) => p as usize,
        None => places,
    };
    let mut starts = vec![0_usize; places + 2];
    for &key in keys {
        starts[bucket(key) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut rows = vec![0; keys.len()];
    for (i, &key) in keys.iter().enumerate() {
        let at = &mut starts[bucket(key)];
        rows[*at] = i as CaseIdx;
        *at += 1;
    }
    rows
}

/// How a sort on `column` reads on screen ("Area ↓").
pub(in crate::app) fn label(app: &App, column: Column, descending: bool) -> String {
    let arrow = if descending { "↓" } else { "↑" };
    format!("{} {arrow}", column.heading(&app.session.sample))
}

/// Puts the list in `order` (or back in sample order with `None`),
/// keeping the filter and the current case.
pub(in crate::app) fn set_order(app: &mut App, order: Option<Order>) {
    app.list.order = order;
    let filter = app.list.filter.clone();
    super::filter::set_filter(app, filter);
    super::cursor::keep_cursor_visible(app);
}

/// The next case after `from` in the list's order (before it, unless
/// `forward`), wrapping, that `wanted` accepts: how auto-advance, `n`/`N`
/// and the search follow what the reviewer sees. `from` itself is looked
/// at last, and only when `inclusive`.
pub fn next_listed(
    app: &App,
    from: CaseIdx,
    forward: bool,
    inclusive: bool,
    wanted: impl Fn(CaseIdx) -> bool,
) -> Option<CaseIdx> {
    let len = app.list_len();
    if len == 0 {
        return None;
    }
    // The rows just after and just before `from` (a case the filter hides
    // sits between two rows), as places on the wrapping list.
    let (after, before) = match app.row_position(from) {
        Some(Ok(row)) => (row + 1, row + len - 1),
        Some(Err(row)) => (row, row + len - 1),
        None => (from as usize + 1, from as usize + len - 1),
    };
    (0..len)
        .map(|k| {
            if forward {
                (after + k) % len
            } else {
                (before + len - k) % len
            }
        })
        .filter_map(|row| app.list_case(row))
        .find(|&i| i != from && wanted(i))
        .or_else(|| (inclusive && app.in_view(from) && wanted(from)).then_some(from))
}

impl App {
    /// Whether the list is in an order of its own (a sort, or the
    /// moderation queue) rather than sample order.
    pub(in crate::app) fn ordered(&self) -> bool {
        self.list.order.is_some() || self.queued()
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorting 16 bytes at a time orders keys exactly as comparing them
        /// whole does: long shared prefixes, zero bytes, keys that end.
        #[test]
        fn keys_sort_16_bytes_at_a_time_as_whole(
            keys in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![0_u8, b'x', b'y']), 0..40),
                0..60,
            )
        ) {
            let mut order: Vec<usize> = (0..keys.len()).collect();
            sort_on_keys(&mut order, &keys, 0);
            let got: Vec<&Vec<u8>> = order.iter().map(|&v| &keys[v]).collect();
            let mut want: Vec<&Vec<u8>> = keys.iter().collect();
            want.sort();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn places_sort_stably_either_way_with_empty_last() {
        let keys = [Some(1), None, Some(0), Some(1), Some(0)];
        assert_eq!(by_places(&keys, false), [2, 4, 0, 3, 1]);
        assert_eq!(by_places(&keys, true), [0, 3, 2, 4, 1]);
        assert_eq!(by_places(&[None, None], true), [0, 1]);
        assert!(by_places(&[], false).is_empty());
    }
}
