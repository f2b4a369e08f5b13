//! A sample's areas of practice, listed as its cases are built.

use std::collections::HashSet;

/// The areas of practice met, in the order first met. Listed as each case
/// is built, while its text is in the cache: listing a million cases'
/// areas afterwards took a quarter of a second after the sample was read.
#[derive(Debug, Clone, Default)]
pub(super) struct Areas {
    list: Vec<Box<str>>,
    seen: HashSet<Box<str>>,
}

impl Areas {
    /// Notes `area`, listing it if it is new.
    pub(super) fn note(&mut self, area: &str) {
        if !self.seen.contains(area) {
            self.seen.insert(area.into());
            self.list.push(area.into());
        }
    }

    /// Notes every area of `later`, met after this list's, in its order.
    pub(super) fn extend(&mut self, later: Areas) {
        for area in later.list {
            self.note(&area);
        }
    }

    /// The areas, in the order first met.
    pub(super) fn into_list(self) -> Vec<Box<str>> {
        self.list
    }
}
