//! The sample's index from case id to position.

use std::hash::BuildHasher;

use super::CaseIdx;

/// Finds a case by id without a second copy of every id: the table holds
/// positions, each with 32 bits of its id's hash, and compares the ids
/// where the cases keep them (a million short ids would otherwise cost
/// tens of megabytes twice). Keeping the hash lets the table grow without
/// reading every id again, and most mismatches are told apart without
/// reading the text. The hasher is keyed per process, so a hostile sample
/// cannot choose colliding ids.
#[derive(Debug, Clone, Default)]
pub(super) struct IdIndex {
    table: hashbrown::HashTable<Entry>,
    /// Every case whose id an earlier case has, with that earlier case, in
    /// sample order: found while indexing, so that checking ids needs no
    /// second pass of lookups.
    repeats: Vec<(CaseIdx, CaseIdx)>,
}

/// A case's position and 32 bits of its id's hash.
#[derive(Debug, Clone, Copy)]
struct Entry {
    case: CaseIdx,
    hash: u32,
}

/// The table's 64-bit hash, made from the 32 bits kept: spread over the
/// whole word, since the table takes its buckets from the low bits and its
/// tags from the high ones.
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The 32 bits of `id`'s hash the index keeps: the same in every index
/// of the process, so that cases read by another thread can be hashed
/// there (see [`IdIndex::insert_hashed`]).
pub(super) fn hash(id: &str) -> u32 {
    static KEYS: std::sync::OnceLock<std::hash::RandomState> = std::sync::OnceLock::new();
    let full = KEYS.get_or_init(std::hash::RandomState::new).hash_one(id);
    (full ^ (full >> 32)) as u32
}

impl IdIndex {
    /// Indexes case `case`, the next in sample order, by its id (`id_of`
    /// reads any case's id); a repeated id keeps its first position.
    /// Called as each case is built, while its id is still in the cache.
    pub(super) fn insert<'a>(&mut self, case: CaseIdx, id_of: impl Fn(CaseIdx) -> &'a str) {
        self.insert_hashed(case, hash(id_of(case)), id_of);
    }

    /// [`IdIndex::insert`] with the id's [`hash`] already known: the id is
    /// read only if another has the same hash.
    pub(super) fn insert_hashed<'a>(
        &mut self,
        case: CaseIdx,
        hash: u32,
        id_of: impl Fn(CaseIdx) -> &'a str,
    ) {
        let entry = self.table.entry(
            spread(hash),
            |e| e.hash == hash && id_of(e.case) == id_of(case),
            |e| spread(e.hash),
        );
        match entry {
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                vacant.insert(Entry { case, hash });
            }
            hashbrown::hash_table::Entry::Occupied(first) => {
                self.repeats.push((case, first.get().case));
            }
        }
    }

    /// Makes room for `more` ids, so that the table does not grow (and
    /// briefly double) while a big sample is read.
    pub(super) fn reserve(&mut self, more: usize) {
        self.table.reserve(more, |e| spread(e.hash));
    }

    /// Every case whose id an earlier case has, with the first such case,
    /// in sample order.
    pub(super) fn repeats(&self) -> &[(CaseIdx, CaseIdx)] {
        &self.repeats
    }

    /// The first case whose id (`id_of`) is `id`.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(CaseIdx) -> &'a str) -> Option<CaseIdx> {
        let hash = hash(id);
        self.table
            .find(spread(hash), |e| e.hash == hash && id_of(e.case) == id)
            .map(|e| e.case)
    }
}
