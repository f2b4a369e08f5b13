//! Inter-rater agreement on an ordinal grading scale, for `casebench agree`.
//!
//! Grades are level indices, 0 = best … `levels − 1` = worst. Two entry
//! points, one per shape of data, return plain structs for the caller to
//! format; a third gives alpha with another metric:
//!
//! * [`two_raters`]: the cases both reviewers graded — percent agreement,
//!   Cohen's kappa (unweighted, linearly and quadratically weighted),
//!   Krippendorff's ordinal alpha and the confusion matrix.
//! * [`many_raters`]: any number of reviewers with missing grades —
//!   Fleiss' kappa and Krippendorff's ordinal alpha.
//! * [`alpha`]: Krippendorff's alpha with the nominal, ordinal or interval
//!   metric, without an interval.
//!
//! Every statistic is a [`Value`]: a number, or in words why there is none
//! (never NaN). Each comes as an [`Estimate`] with a percentile bootstrap
//! interval over cases ([`Bootstrap`]):
//!
//! * the cases resampled are the pairs for [`two_raters`] and the cases with
//!   at least two grades for [`many_raters`], all statistics of a call on
//!   the same resamples;
//! * each resample draws as many cases as there are, uniformly with
//!   replacement, with [`below`] on a `ChaCha8Rng` seeded by
//!   `seed_from_u64(seed)`; cases are laid out by their pattern of grades,
//!   so the intervals depend only on the grades and the seed, not on the
//!   order of the cases, and are the same on every platform;
//! * the bounds are the `(1 − confidence)/2` and `(1 + confidence)/2`
//!   quantiles of the resampled values, interpolated linearly (numpy's
//!   default);
//! * resamples where the statistic is undefined (say, every resampled case
//!   got the same grade) are left out and counted in
//!   [`Estimate::skipped`]; when they are more than half, there is no
//!   interval.
//!
//! Definitions, each checked against an independent implementation in the
//! tests (scikit-learn, statsmodels, the `krippendorff` package; see
//! `tests/fixtures/agreement/make_fixtures.py`):
//!
//! * Cohen's kappa `κ = 1 − Σ v_ij O_ij / Σ v_ij E_ij` with `E_ij = r_i c_j /
//!   N` and disagreement weights `v_ij` = `[i ≠ j]`, `|i − j|` or
//!   `(i − j)²`, the same as Cohen's agreement weights `1 − |i−j|/(k−1)`
//!   and `1 − (i−j)²/(k−1)²`; equal to scikit-learn's
//!   `cohen_kappa_score(weights=None | "linear" | "quadratic")`.
//! * Krippendorff's alpha from the coincidence matrix, as in Krippendorff
//!   (2011), "Computing Krippendorff's Alpha-Reliability". Units with fewer
//!   than two grades are not pairable and are left out. The ordinal metric
//!   uses the marginal totals `n_g` over all levels of the scale; levels
//!   nobody used have `n_g = 0` and change nothing, so alpha is the same
//!   whether or not the scale's unused levels are counted (as the
//!   `krippendorff` package gives with and without `value_domain`). The
//!   interval metric takes the level indices as values.
//! * Fleiss' kappa generalised to units with different numbers of grades
//!   (units with fewer than two dropped); with the same number on every
//!   unit it is Fleiss (1971), statsmodels' `fleiss_kappa(method="fleiss")`.

mod bootstrap;
mod formulas;
mod patterns;
mod ratings;

pub use bootstrap::below;
pub use ratings::{MAX_LEVELS, Ratings, RatingsError};

use formulas::pair_statistics;
use patterns::UnitPatterns;
use ratings::{check_grade, check_levels};

/// A statistic's value, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// The statistic's value.
    Defined(f64),
    /// Why the statistic is undefined for these data, in words, e.g.
    /// "no case was graded by two reviewers".
    Undefined(&'static str),
}

impl Value {
    /// The value, if defined.
    pub fn get(self) -> Option<f64> {
        match self {
            Self::Defined(v) => Some(v),
            Self::Undefined(_) => None,
        }
    }
}

/// A confidence interval, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounds {
    /// The interval from `low` to `high`.
    Defined {
        /// The lower bound.
        low: f64,
        /// The upper bound.
        high: f64,
    },
    /// Why there is no interval, in words, e.g. "the statistic was
    /// undefined in most bootstrap resamples".
    Undefined(&'static str),
}

/// A point estimate with its bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The statistic on the data.
    pub value: Value,
    /// The percentile bootstrap interval.
    pub interval: Bounds,
    /// Resamples in which the statistic was undefined, left out of the
    /// interval. The interval is undefined when they are more than half.
    pub skipped: u32,
}

/// How to compute bootstrap intervals: resample the cases `resamples`
/// times from a `ChaCha8Rng` seeded with `seed`, and take the central
/// `confidence` share of the resampled values (see the module
/// documentation for the details).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// Number of resamples; 0 gives no intervals.
    pub resamples: u32,
    /// Seed of the random numbers; the same seed gives the same intervals.
    pub seed: u64,
    /// Coverage of the interval, strictly between 0 and 1.
    pub confidence: f64,
}

impl Default for Bootstrap {
    /// 1000 resamples, seed 1, 95 % confidence.
    fn default() -> Self {
        Self {
            resamples: 1000,
            seed: 1,
            confidence: 0.95,
        }
    }
}

impl Bootstrap {
    /// The method in words for a report, e.g. "95% percentile bootstrap
    /// over cases, 1000 resamples, seed 1".
    pub fn describe(&self) -> String {
        let percent = format!("{:.4}", self.confidence * 100.0);
        let percent = percent.trim_end_matches('0').trim_end_matches('.');
        format!(
            "{percent}% percentile bootstrap over cases, {} resamples, seed {}",
            self.resamples, self.seed
        )
    }
}

/// Which distance between levels Krippendorff's alpha uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Levels are categories: any two different levels disagree equally.
    Nominal,
    /// Levels are ranked: the distance grows with how many grades lie
    /// between them (Krippendorff's ordinal metric).
    Ordinal,
    /// Levels are equally spaced numbers: squared difference of indices.
    Interval,
}

/// Agreement between two reviewers on the cases both graded.
#[derive(Debug, Clone, PartialEq)]
pub struct PairAgreement {
    /// Number of levels of the scale.
    pub levels: usize,
    /// Cases graded by both.
    pub pairs: u64,
    /// Share of cases given the same grade (0..=1).
    pub percent: Estimate,
    /// Cohen's kappa, unweighted.
    pub cohen: Estimate,
    /// Cohen's kappa with linear weights.
    pub linear: Estimate,
    /// Cohen's kappa with quadratic weights.
    pub quadratic: Estimate,
    /// Krippendorff's alpha with the ordinal metric.
    pub alpha: Estimate,
    /// `confusion[a][b]`: cases graded `a` by the first reviewer and `b`
    /// by the second (`levels × levels`).
    pub confusion: Vec<Vec<u64>>,
}

/// Agreement among any number of reviewers with missing grades.
#[derive(Debug, Clone, PartialEq)]
pub struct ManyAgreement {
    /// Cases in the table.
    pub units: usize,
    /// Cases with at least two grades, the only ones the statistics use
    /// and the ones the bootstrap resamples.
    pub pairable_units: usize,
    /// Fleiss' kappa.
    pub fleiss: Estimate,
    /// Krippendorff's alpha with the ordinal metric.
    pub alpha: Estimate,
}

/// Agreement between two reviewers from the `(first, second)` grades of
/// the cases both graded, on a scale of `levels` levels, with bootstrap
/// intervals over those cases.
pub fn two_raters(
    pairs: impl IntoIterator<Item = (u8, u8)>,
    levels: usize,
    boot: &Bootstrap,
) -> Result<PairAgreement, RatingsError> {
    check_levels(levels)?;
    let mut cells = vec![0_u64; levels * levels];
    for (a, b) in pairs {
        check_grade(a, levels)?;
        check_grade(b, levels)?;
        cells[usize::from(a) * levels + usize::from(b)] += 1;
    }
    let used: Vec<usize> = (0..levels)
        .filter(|&g| (0..levels).any(|h| cells[g * levels + h] + cells[h * levels + g] > 0))
        .collect();
    let [percent, cohen, linear, quadratic, alpha] = bootstrap::estimates(&cells, boot, |counts| {
        pair_statistics(counts, levels, &used)
    });
    Ok(PairAgreement {
        levels,
        pairs: cells.iter().sum(),
        percent,
        cohen,
        linear,
        quadratic,
        alpha,
        confusion: cells.chunks_exact(levels).map(<[u64]>::to_vec).collect(),
    })
}

/// Fleiss' kappa and Krippendorff's ordinal alpha of a rating table, with
/// bootstrap intervals over its pairable cases.
pub fn many_raters(ratings: &Ratings, boot: &Bootstrap) -> ManyAgreement {
    let patterns = UnitPatterns::new(ratings);
    let [fleiss, alpha] = bootstrap::estimates(patterns.counts(), boot, |counts| {
        patterns.statistics(counts, Metric::Ordinal)
    });
    ManyAgreement {
        units: patterns.units,
        pairable_units: patterns.pairable,
        fleiss,
        alpha,
    }
}

/// Krippendorff's alpha of a rating table with the given metric.
pub fn alpha(ratings: &Ratings, metric: Metric) -> Value {
    let patterns = UnitPatterns::new(ratings);
    let [_, alpha] = patterns.statistics(patterns.counts(), metric);
    alpha
}

#[cfg(test)]
mod tests;
