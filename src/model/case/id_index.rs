//! The sample's index from case id to position.

use std::hash::BuildHasher;

use super::CaseIdx;

/// Finds a case by id without a second copy of every id: the table holds
/// positions and hashes the ids where the cases keep them (a million short
/// ids would otherwise cost tens of megabytes twice). The hasher is keyed
/// per process, so a hostile sample cannot choose colliding ids.
#[derive(Debug, Clone, Default)]
pub(super) struct IdIndex {
    table: hashbrown::HashTable<CaseIdx>,
    hasher: std::hash::RandomState,
    /// Every case whose id an earlier case has, with that earlier case, in
    /// sample order: found while indexing, so that checking ids needs no
    /// second pass of lookups.
    repeats: Vec<(CaseIdx, CaseIdx)>,
}

impl IdIndex {
    /// Indexes `n` cases by their ids (`id_of`); a repeated id keeps its
    /// first position.
    pub(super) fn new<'a>(n: usize, id_of: impl Fn(CaseIdx) -> &'a str) -> Self {
        let mut index = IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
            hasher: std::hash::RandomState::new(),
            repeats: Vec::new(),
        };
        for i in 0..n {
            let i = i as CaseIdx;
            let id = id_of(i);
            let hash = index.hasher.hash_one(id);
            let entry = index.table.entry(
                hash,
                |&p| id_of(p) == id,
                |&p| index.hasher.hash_one(id_of(p)),
            );
            match entry {
                hashbrown::hash_table::Entry::Vacant(vacant) => {
                    vacant.insert(i);
                }
                hashbrown::hash_table::Entry::Occupied(first) => {
                    index.repeats.push((i, *first.get()));
                }
            }
        }
        index
    }

    /// Every case whose id an earlier case has, with the first such case,
    /// in sample order.
    pub(super) fn repeats(&self) -> &[(CaseIdx, CaseIdx)] {
        &self.repeats
    }

    /// The first case whose id (`id_of`) is `id`.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(CaseIdx) -> &'a str) -> Option<CaseIdx> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&p| id_of(p) == id).copied()
    }
}
