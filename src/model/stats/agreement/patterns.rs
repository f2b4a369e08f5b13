//! Many raters: each pairable unit reduced to its pattern, the number of
//! grades it got at each level, from which Fleiss' kappa and Krippendorff's
//! alpha follow.
//!
//! Both statistics depend on a unit only through that pattern, so the data
//! are kept as the distinct patterns and how many units have each; a
//! bootstrap resample is a new set of pattern counts.

use std::collections::BTreeMap;

use super::formulas::{NO_PAIRS, ONE_GRADE, alpha_from_coincidences};
use super::{Metric, Ratings, Value};

/// One distinct pattern of grades.
#[derive(Debug, Clone)]
struct Pattern {
    /// `(level, grades at that level)` for the levels with any grade.
    grades: Vec<(usize, u64)>,
    /// Fleiss' `P_i`: the share of agreeing ordered rater pairs in the unit.
    agreement: f64,
    /// `(c * levels + k, o_ck)`: the unit's contribution to the
    /// coincidence matrix, `n_uc n_uk / (m_u − 1)`, or
    /// `n_uc (n_uc − 1) / (m_u − 1)` on the diagonal.
    coincidences: Vec<(usize, f64)>,
}

/// The pairable units of a rating table, as distinct patterns with counts.
#[derive(Debug, Clone)]
pub(super) struct UnitPatterns {
    levels: usize,
    /// Levels that occur in some pairable unit, ascending.
    used: Vec<usize>,
    /// Distinct patterns in ascending order of their grade counts, so the
    /// numbering depends only on the data, not on the order of the units.
    patterns: Vec<Pattern>,
    /// How many units have each pattern.
    counts: Vec<u64>,
    /// Every unit of the table.
    pub units: usize,
    /// Units with at least two grades.
    pub pairable: usize,
}

impl UnitPatterns {
    /// Groups the pairable units of `ratings` by pattern.
    pub fn new(ratings: &Ratings) -> Self {
        let levels = ratings.levels();
        let mut grouped: BTreeMap<Vec<u64>, u64> = BTreeMap::new();
        let mut histogram = vec![0_u64; levels];
        for unit in ratings.iter_units() {
            histogram.fill(0);
            for &grade in unit.iter().flatten() {
                histogram[usize::from(grade)] += 1;
            }
            if histogram.iter().sum::<u64>() >= 2 {
                *grouped.entry(histogram.clone()).or_insert(0) += 1;
            }
        }
        let mut seen = vec![false; levels];
        let mut patterns = Vec::with_capacity(grouped.len());
        let mut counts = Vec::with_capacity(grouped.len());
        for (histogram, count) in grouped {
            for (level, &n) in histogram.iter().enumerate() {
                seen[level] |= n > 0;
            }
            patterns.push(Pattern::new(&histogram));
            counts.push(count);
        }
        Self {
            levels,
            used: (0..levels).filter(|&g| seen[g]).collect(),
            patterns,
            pairable: counts.iter().sum::<u64>() as usize,
            counts,
            units: ratings.units(),
        }
    }

    /// How many units have each pattern in the data.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Fleiss' kappa and Krippendorff's alpha with `metric` for units
    /// having the patterns `counts` times each.
    pub fn statistics(&self, counts: &[u64], metric: Metric) -> [Value; 2] {
        let levels = self.levels;
        let mut coincidences = vec![0.0; levels * levels];
        let mut totals = vec![0_u64; levels];
        let mut units = 0_u64;
        let mut agreement = 0.0;
        for (pattern, &count) in self.patterns.iter().zip(counts) {
            if count == 0 {
                continue;
            }
            units += count;
            agreement += count as f64 * pattern.agreement;
            for &(level, n) in &pattern.grades {
                totals[level] += count * n;
            }
            let weight = count as f64;
            for &(cell, o) in &pattern.coincidences {
                coincidences[cell] += weight * o;
            }
        }
        let alpha = alpha_from_coincidences(&coincidences, &totals, &self.used, metric);
        [fleiss(units, agreement, &totals), alpha]
    }
}

impl Pattern {
    fn new(histogram: &[u64]) -> Self {
        let levels = histogram.len();
        let grades: Vec<(usize, u64)> = histogram
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(level, &n)| (level, n))
            .collect();
        let ratings: u64 = histogram.iter().sum();
        let pairs = (ratings * (ratings - 1)) as f64;
        let agreeing: u64 = grades.iter().map(|&(_, n)| n * (n - 1)).sum();
        let mut coincidences = Vec::with_capacity(grades.len() * grades.len());
        for &(c, nc) in &grades {
            for &(k, nk) in &grades {
                let ordered_pairs = if c == k { nc * (nc - 1) } else { nc * nk };
                if ordered_pairs > 0 {
                    coincidences
                        .push((c * levels + k, ordered_pairs as f64 / (ratings - 1) as f64));
                }
            }
        }
        Self {
            grades,
            agreement: agreeing as f64 / pairs,
            coincidences,
        }
    }
}

/// Fleiss' kappa generalised to units with different numbers of grades
/// (every unit here has at least two): `P̄` is the mean over units of
/// `P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1))`, `p_j = Σ_i n_ij / Σ_i n_i`,
/// `P_e = Σ_j p_j²` and `κ = (P̄ − P_e) / (1 − P_e)`. With the same number
/// of grades on every unit this is Fleiss (1971) exactly.
fn fleiss(units: u64, agreement_sum: f64, totals: &[u64]) -> Value {
    if units == 0 {
        return Value::Undefined(NO_PAIRS);
    }
    if totals.iter().filter(|&&t| t > 0).count() < 2 {
        return Value::Undefined(ONE_GRADE);
    }
    let all: u64 = totals.iter().sum();
    let p_bar = agreement_sum / units as f64;
    let p_e: f64 = totals
        .iter()
        .map(|&t| {
            let p = t as f64 / all as f64;
            p * p
        })
        .sum();
    Value::Defined((p_bar - p_e) / (1.0 - p_e))
}
