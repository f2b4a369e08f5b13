//! Running tallies: the breakdown of graded cases by level, derived from the
//! review's counts, beside an optional reference breakdown.

use serde::Serialize;

use super::sampling::shares_summing_to_100;
use super::scale::Scale;

/// One level's line in the tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TallyRow {
    /// Level id.
    pub id: String,
    /// Level label.
    pub label: String,
    /// Graded cases at this level.
    pub count: u64,
    /// Whole percent of graded cases.
    pub percent: u32,
    /// Reference count and whole percent of the reference total, if any.
    pub reference: Option<(u64, u32)>,
}

/// The tally of a review at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// One row per level, best first.
    pub rows: Vec<TallyRow>,
    /// Cases graded so far.
    pub graded: u64,
    /// Cases in the sample.
    pub total: u64,
    /// The inspection-style sentence.
    pub sentence: String,
    /// Whether the sample is still being read, so `total` is only the
    /// cases read so far.
    #[serde(skip)]
    pub counting: bool,
}

impl Tally {
    /// Builds the tally from per-level counts (aligned with `scale`), the
    /// sample size, and an optional reference breakdown (aligned likewise).
    pub fn new(scale: &Scale, counts: &[u64], total: u64, reference: Option<&[u64]>) -> Self {
        let graded = counts.iter().sum();
        // Shares add up to 100 (largest remainder), as a reader checks.
        let shares = shares_summing_to_100(counts);
        let reference_shares = reference.map(shares_summing_to_100);
        let rows = scale
            .levels
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(i, (level, &count))| TallyRow {
                id: level.id.clone(),
                label: level.label.clone(),
                count,
                percent: shares.get(i).copied().unwrap_or(0),
                reference: reference.and_then(|r| r.get(i)).map(|&c| {
                    let share = reference_shares.as_ref().and_then(|s| s.get(i));
                    (c, share.copied().unwrap_or(0))
                }),
            })
            .collect();
        Self {
            rows,
            graded,
            total,
            sentence: sentence(scale, counts),
            counting: false,
        }
    }

    /// "41/74"; "0/148+" while the sample is read.
    pub fn count(&self) -> String {
        let more = if self.counting { "+" } else { "" };
        format!("{}/{}{more}", self.graded, self.total)
    }

    /// "41/74 graded"; "0/148+ graded, still counting" while the sample
    /// is read.
    pub fn progress(&self) -> String {
        if self.counting {
            format!("{}/{}+ graded, still counting", self.graded, self.total)
        } else {
            format!("{}/{} graded", self.graded, self.total)
        }
    }
}

/// The breakdown as an inspection report states it: "Practice was assessed
/// as good in 23 cases, requiring improvement in 23 cases, and inadequate in
/// 28 cases." Levels with no cases are left out.
pub fn sentence(scale: &Scale, counts: &[u64]) -> String {
    let parts: Vec<String> = scale
        .levels
        .iter()
        .zip(counts)
        .filter(|(_, c)| **c > 0)
        .map(|(level, &c)| {
            let noun = if c == 1 { "case" } else { "cases" };
            format!("{} in {c} {noun}", level.phrase)
        })
        .collect();
    match parts.as_slice() {
        [] => "No cases have been graded yet.".to_owned(),
        [one] => format!("Practice was assessed as {one}."),
        [a, b] => format!("Practice was assessed as {a} and {b}."),
        [init @ .., last] => format!("Practice was assessed as {}, and {last}.", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_breakdown_reads_like_the_report() {
        let scale = Scale::hmicfrs();
        let t = Tally::new(&scale, &[23, 23, 28], 74, Some(&[23, 23, 28]));
        assert_eq!(
            t.sentence,
            "Practice was assessed as good in 23 cases, requiring improvement in 23 cases, and inadequate in 28 cases."
        );
        let percents: Vec<u32> = t.rows.iter().map(|r| r.percent).collect();
        assert_eq!(percents, vec![31, 31, 38]);
        assert_eq!(t.rows[2].reference, Some((28, 38)));
        assert_eq!(t.progress(), "74/74 graded");
    }

    #[test]
    fn percentages_are_of_graded_cases_not_the_sample() {
        let t = Tally::new(&Scale::hmicfrs(), &[1, 0, 1], 74, None);
        assert_eq!(t.rows[0].percent, 50);
        assert_eq!(t.rows[1].percent, 0);
        assert_eq!(t.rows[0].reference, None);
        assert_eq!(t.progress(), "2/74 graded");
    }

    #[test]
    fn sentence_grammar_follows_the_counts() {
        let s = Scale::hmicfrs();
        assert_eq!(sentence(&s, &[0, 0, 0]), "No cases have been graded yet.");
        assert_eq!(
            sentence(&s, &[1, 0, 0]),
            "Practice was assessed as good in 1 case."
        );
        assert_eq!(
            sentence(&s, &[2, 0, 1]),
            "Practice was assessed as good in 2 cases and inadequate in 1 case."
        );
        let o = Scale::ofsted();
        assert_eq!(
            sentence(&o, &[1, 2, 3, 4]),
            "Practice was assessed as outstanding in 1 case, good in 2 cases, requiring improvement to be good in 3 cases, and inadequate in 4 cases."
        );
    }

    #[test]
    fn a_tally_still_counting_says_so() {
        let mut t = Tally::new(&Scale::hmicfrs(), &[1, 0, 0], 148, None);
        assert_eq!(t.progress(), "1/148 graded");
        t.counting = true;
        assert_eq!(t.progress(), "1/148+ graded, still counting");
    }
}
