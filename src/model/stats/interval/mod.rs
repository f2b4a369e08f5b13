//! Wilson score intervals for the share of cases at one grade, and the
//! sample sizes needed to make them narrow enough.

use super::distributions::normal_quantile;

/// A two-sided confidence interval for a proportion, as proportions in
/// `[0, 1]` (not percentages).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound, `0 <= low <= high`.
    pub low: f64,
    /// Upper bound, `high <= 1`.
    pub high: f64,
}

/// The two-sided critical value `z` for a confidence level in (0, 1), or
/// `None` when the level is outside that range or NaN.
fn critical_value(confidence: f64) -> Option<f64> {
    if confidence > 0.0 && confidence < 1.0 {
        Some(normal_quantile(0.5 + confidence / 2.0))
    } else {
        None
    }
}

/// Centre and half-width of the Wilson interval for observed proportion `p`
/// out of `n` cases at critical value `z`. `p` need not be a whole number
/// of cases out of `n`, which is what sample-size planning needs.
fn wilson_centre_and_half(p: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    (centre, half)
}

/// The Wilson score interval for a binomial proportion: `successes` of `n`
/// cases, at a two-sided `confidence` level such as 0.95.
///
/// Unlike the textbook `p ± z·√(p(1-p)/n)`, it behaves well for small
/// samples and for proportions near 0 or 1: the bounds always lie in
/// `[0, 1]` and contain `successes / n`; 0 of `n` gives `low == 0` and
/// `n` of `n` gives `high == 1` exactly.
///
/// Returns `None` when `n == 0`, when `successes > n`, or when `confidence`
/// is not strictly between 0 and 1.
pub fn wilson(successes: u64, n: u64, confidence: f64) -> Option<Interval> {
    if n == 0 || successes > n {
        return None;
    }
    let z = critical_value(confidence)?;
    // u64 -> f64 may round for astronomically large counts; that is harmless.
    let (x, n_f) = (successes as f64, n as f64);
    let p = x / n_f;
    let (centre, half) = wilson_centre_and_half(p, n_f, z);
    // Rounding can push a bound a hair past p, 0 or 1; pin the exact cases.
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, p)
    };
    let high = if successes == n {
        1.0
    } else {
        (centre + half).clamp(p, 1.0)
    };
    Some(Interval { low, high })
}

/// Half the width of an interval, `(high - low) / 2`: the "± margin".
pub fn half_width(i: &Interval) -> f64 {
    (i.high - i.low) / 2.0
}

/// Relative tolerance on the target half-width (far below any meaningful
/// precision, far above rounding error).
const TARGET_SLACK: f64 = 1e-12;

/// Largest sample size [`sample_size_for_half_width`] reports before giving
/// up (returning `u64::MAX`).
const MAX_SAMPLE_SIZE: u64 = 1 << 62;

/// The smallest number of cases `n >= 1` for which the Wilson interval
/// around an observed proportion `p` has half-width at most `half_width`,
/// at the given two-sided `confidence`.
///
/// Use `p = 0.5` when the proportion is unknown: it is the worst case.
/// The half-width is computed for proportion `p` exactly, without rounding
/// `p·n` to whole cases. It falls strictly as `n` grows, so the answer is
/// found by bisection on the Wilson formula itself (at `p = 0.5`, ±5 points
/// at 95 % needs 381 cases, against 385 from the normal approximation).
///
/// A target met to within a relative 1e-12 counts as met, so passing the
/// [`half_width`] of an actual interval gives back that interval's `n`.
///
/// `p` is clamped to `[0, 1]`. Returns `u64::MAX` when no sample size can
/// reach the target: `half_width` not positive (or NaN), `confidence` not
/// strictly between 0 and 1, or a target so small that more than 2^62
/// cases would be needed.
pub fn sample_size_for_half_width(p: f64, half_width: f64, confidence: f64) -> u64 {
    let Some(z) = critical_value(confidence) else {
        return u64::MAX;
    };
    if half_width.is_nan() || half_width <= 0.0 || p.is_nan() {
        return u64::MAX;
    }
    let p = p.clamp(0.0, 1.0);
    // A hair of slack so that a target taken from an actual interval's
    // half-width is met at that interval's n despite rounding.
    let target = half_width * (1.0 + TARGET_SLACK);
    let fits = |n: u64| wilson_centre_and_half(p, n as f64, z).1 <= target;
    if fits(1) {
        return 1;
    }
    // Invariant: !fits(low) && fits(high).
    let mut low = 1;
    let mut high = 2;
    while !fits(high) {
        if high >= MAX_SAMPLE_SIZE {
            return u64::MAX;
        }
        low = high;
        high *= 2;
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if fits(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

/// How many more cases, beyond the `counts` already graded, are needed for
/// every level's Wilson interval to have half-width at most
/// `target_half_width` at the given `confidence`. 0 when the current
/// sample is already precise enough.
///
/// Planned conservatively: each level's true share may be anywhere in its
/// current interval, so each is planned at the value inside that interval
/// nearest 50 % (where intervals are widest), and at 50 % when nothing has
/// been graded yet. The answer is the largest [`sample_size_for_half_width`]
/// over the levels, less the current total. Returns `u64::MAX` when the
/// target is unreachable (see [`sample_size_for_half_width`]).
pub fn additional_cases_needed(counts: &[u64], target_half_width: f64, confidence: f64) -> u64 {
    let total: u128 = counts.iter().map(|&c| u128::from(c)).sum();
    let needed = if total == 0 {
        sample_size_for_half_width(0.5, target_half_width, confidence)
    } else {
        counts
            .iter()
            .map(|&c| {
                let total = u64::try_from(total).unwrap_or(u64::MAX);
                let p = wilson(c, total, confidence).map_or(0.5, |i| 0.5_f64.clamp(i.low, i.high));
                sample_size_for_half_width(p, target_half_width, confidence)
            })
            .max()
            .unwrap_or(0)
    };
    if needed == u64::MAX {
        return u64::MAX;
    }
    let total = u64::try_from(total).unwrap_or(u64::MAX);
    needed.saturating_sub(total)
}

#[cfg(test)]
mod tests;
