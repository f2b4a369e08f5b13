//! The sample's index from case id to position.

use std::hash::BuildHasher;

use super::{Case, CaseIdx};

/// Finds a case by id without a second copy of every id: the table holds
/// positions and hashes the ids where the cases keep them (a million short
/// ids would otherwise cost tens of megabytes twice). The hasher is keyed
/// per process, so a hostile sample cannot choose colliding ids.
#[derive(Debug, Clone, Default)]
pub(super) struct IdIndex {
    table: hashbrown::HashTable<CaseIdx>,
    hasher: std::hash::RandomState,
}

impl IdIndex {
    /// Indexes `cases` by id; a repeated id keeps its first position.
    pub(super) fn new(cases: &[Case]) -> Self {
        let mut index = IdIndex {
            table: hashbrown::HashTable::with_capacity(cases.len()),
            hasher: std::hash::RandomState::new(),
        };
        for (i, case) in cases.iter().enumerate() {
            let hash = index.hasher.hash_one(&*case.id);
            let entry = index.table.entry(
                hash,
                |&p| cases[p as usize].id == case.id,
                |&p| index.hasher.hash_one(&*cases[p as usize].id),
            );
            if let hashbrown::hash_table::Entry::Vacant(vacant) = entry {
                vacant.insert(i as CaseIdx);
            }
        }
        index
    }

    pub(super) fn get(&self, cases: &[Case], id: &str) -> Option<CaseIdx> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&p| &*cases[p as usize].id == id)
            .copied()
    }
}
