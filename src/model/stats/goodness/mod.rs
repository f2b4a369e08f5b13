//! Goodness of fit of an observed breakdown of grades against a reference
//! breakdown: Pearson's chi-square test, or the exact multinomial test when
//! the sample is too small for the chi-square approximation.

use super::distributions::chi_square_sf;

/// How the p-value of a [`GoodnessOfFit`] was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FitMethod {
    /// Pearson's chi-square statistic referred to the chi-square
    /// distribution (large-sample approximation).
    ChiSquare,
    /// Exact multinomial test: the total probability, under the reference
    /// proportions, of every breakdown of the same total that is no more
    /// likely than the one observed.
    ExactMultinomial,
    /// The exact multinomial test's p-value estimated from `draws` random
    /// breakdowns drawn under the reference (`ChaCha8` seeded with `seed`),
    /// when there are too many breakdowns to enumerate: `(k + 1) / (draws +
    /// 1)` where `k` draws are no more likely than the one observed.
    MonteCarlo {
        /// Random breakdowns drawn.
        draws: u32,
        /// The generator's seed.
        seed: u64,
    },
}

/// Result of comparing an observed breakdown with a reference breakdown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoodnessOfFit {
    /// Pearson's chi-square statistic `Σ (observed - expected)² / expected`,
    /// whichever method gave the p-value.
    pub statistic: f64,
    /// Number of levels minus one.
    pub degrees_of_freedom: u32,
    /// Probability, if the sample were drawn from the reference proportions,
    /// of a breakdown at least as far from them as the one observed.
    pub p_value: f64,
    /// How `p_value` was computed.
    pub method: FitMethod,
}

/// Expected counts below this make the chi-square approximation doubtful
/// (Cochran's rule), so the exact test is used if it is affordable.
const MIN_EXPECTED: f64 = 5.0;

/// The exact test enumerates every breakdown of the observed total over the
/// levels; it is used only when there are at most this many.
const MAX_EXACT_OUTCOMES: u128 = 2_000_000;

/// ...and at most this many levels (which bounds the bookkeeping per
/// outcome; grading scales have a handful of levels).
const MAX_EXACT_LEVELS: usize = 32;

/// Random breakdowns drawn for the Monte Carlo exact test.
pub const MONTE_CARLO_DRAWS: u32 = 20_000;

/// Seed of the Monte Carlo exact test: fixed, so a report is reproducible.
pub const MONTE_CARLO_SEED: u64 = 1;

/// The Monte Carlo test draws every case of every breakdown; above this
/// many graded cases the expected counts are rarely small and the
/// chi-square approximation is used instead.
const MAX_MONTE_CARLO_CASES: u64 = 1_000;

/// Relative tolerance when deciding whether an outcome is "no more likely"
/// than the observed one, so that ties broken by rounding still count.
const TIE_TOLERANCE: f64 = 1e-7;

/// Tests whether the `observed` counts per level are consistent with the
/// proportions of the `reference` counts (`reference[i] / Σ reference`),
/// e.g. this year's grades against last year's.
///
/// Uses Pearson's chi-square test with `levels - 1` degrees of freedom. When
/// any expected count is below 5 and the number of possible breakdowns of
/// the observed total is at most 2 million (and there are at most 32
/// levels), the p-value comes instead from the exact multinomial test
/// ([`FitMethod::ExactMultinomial`]); the statistic reported is still
/// Pearson's. Ties in probability are judged with a relative tolerance of
/// 1e-7.
///
/// Returns `None` if the slices differ in length, there are fewer than two
/// levels, the observed total is 0 (or overflows `u64`), or any reference
/// count is 0 (a level the reference says cannot occur).
pub fn compare_with_reference(observed: &[u64], reference: &[u64]) -> Option<GoodnessOfFit> {
    if observed.len() != reference.len() || observed.len() < 2 {
        return None;
    }
    if reference.contains(&0) {
        return None;
    }
    let total = observed
        .iter()
        .try_fold(0u64, |sum, &c| sum.checked_add(c))?;
    if total == 0 {
        return None;
    }
    let degrees_of_freedom = u32::try_from(observed.len() - 1).ok()?;
    let reference_total: u128 = reference.iter().map(|&r| u128::from(r)).sum();
    let reference_total = reference_total as f64;
    let n = total as f64;
    let proportions: Vec<f64> = reference
        .iter()
        .map(|&r| r as f64 / reference_total)
        .collect();
    // n · r / R, multiplied first so that whole-number expectations are exact.
    let expected: Vec<f64> = reference
        .iter()
        .map(|&r| n * r as f64 / reference_total)
        .collect();
    let statistic: f64 = observed
        .iter()
        .zip(&expected)
        .map(|(&o, &e)| {
            let d = o as f64 - e;
            d * d / e
        })
        .sum();

    let small = expected.iter().any(|&e| e < MIN_EXPECTED);
    let exact = small
        && observed.len() <= MAX_EXACT_LEVELS
        && compositions_at_most(total, observed.len(), MAX_EXACT_OUTCOMES);
    let (p_value, method) = if exact {
        (
            exact_multinomial_p(observed, total, &proportions),
            FitMethod::ExactMultinomial,
        )
    } else if small && total <= MAX_MONTE_CARLO_CASES {
        (
            monte_carlo_p(observed, total, reference, &proportions),
            FitMethod::MonteCarlo {
                draws: MONTE_CARLO_DRAWS,
                seed: MONTE_CARLO_SEED,
            },
        )
    } else {
        (
            chi_square_sf(statistic, degrees_of_freedom),
            FitMethod::ChiSquare,
        )
    };
    Some(GoodnessOfFit {
        statistic,
        degrees_of_freedom,
        p_value,
        method,
    })
}

/// The exact multinomial p-value estimated by drawing
/// [`MONTE_CARLO_DRAWS`] breakdowns of `total` cases under the reference:
/// each case falls at level `i` with probability `reference[i] / Σ
/// reference`, drawn in integers (value-stable on every platform).
fn monte_carlo_p(observed: &[u64], total: u64, reference: &[u64], proportions: &[f64]) -> f64 {
    use rand::SeedableRng as _;
    let Ok(cases) = usize::try_from(total) else {
        return f64::NAN;
    };
    let mut ln_factorial = Vec::with_capacity(cases + 1);
    let mut acc = 0.0;
    ln_factorial.push(acc);
    for k in 1..=cases {
        acc += (k as f64).ln();
        ln_factorial.push(acc);
    }
    let ln_p: Vec<f64> = proportions.iter().map(|p| p.ln()).collect();
    let ln_prob = |counts: &[u64]| -> f64 {
        counts
            .iter()
            .zip(&ln_p)
            .map(|(&c, lp)| {
                let c = usize::try_from(c).unwrap_or(cases);
                c as f64 * lp - ln_factorial[c]
            })
            .sum::<f64>()
    };
    let threshold = ln_prob(observed) + TIE_TOLERANCE.ln_1p();
    let mut cumulative = Vec::with_capacity(reference.len());
    let mut sum = 0u64;
    for &r in reference {
        sum = sum.saturating_add(r);
        cumulative.push(sum);
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(MONTE_CARLO_SEED);
    let mut counts = vec![0u64; reference.len()];
    let last = counts.len() - 1;
    let mut as_extreme = 0u64;
    for _ in 0..MONTE_CARLO_DRAWS {
        counts.fill(0);
        for _ in 0..total {
            let u = super::agreement::below(&mut rng, sum);
            let level = cumulative.partition_point(|&c| c <= u);
            counts[level.min(last)] += 1;
        }
        if ln_prob(&counts) <= threshold {
            as_extreme += 1;
        }
    }
    (as_extreme + 1) as f64 / (f64::from(MONTE_CARLO_DRAWS) + 1.0)
}

/// Whether the number of ways to split `total` cases over `levels` levels,
/// `C(total + levels - 1, levels - 1)`, is at most `limit`.
fn compositions_at_most(total: u64, levels: usize, limit: u128) -> bool {
    let Ok(k) = u128::try_from(levels.saturating_sub(1)) else {
        return false;
    };
    let n = u128::from(total);
    // C(n + k, k) = Π_{i=1..k} (n + i) / i; every partial product is itself
    // a binomial coefficient, so the division is exact and the running value
    // only grows. It stays below limit · (n + k), far inside u128.
    let mut count: u128 = 1;
    for i in 1..=k {
        count = count * (n + i) / i;
        if count > limit {
            return false;
        }
    }
    true
}

/// p-value of the exact multinomial test: the sum of the probabilities of
/// all breakdowns of `total` whose probability under `proportions` is at
/// most the observed breakdown's (within [`TIE_TOLERANCE`]).
///
/// Enumerates the breakdowns iteratively in lexicographic order, carrying
/// partial log-probabilities per level. The caller guarantees the count is
/// tractable, so `total` is small enough to index a table.
fn exact_multinomial_p(observed: &[u64], total: u64, proportions: &[f64]) -> f64 {
    let Ok(total) = usize::try_from(total) else {
        return f64::NAN;
    };
    // ln k! for k = 0..=total.
    let mut ln_factorial = Vec::with_capacity(total + 1);
    let mut acc = 0.0;
    ln_factorial.push(acc);
    for k in 1..=total {
        acc += (k as f64).ln();
        ln_factorial.push(acc);
    }
    let ln_p: Vec<f64> = proportions.iter().map(|p| p.ln()).collect();
    // ln probability contributed by c cases at a level.
    let term = |level: usize, c: usize| c as f64 * ln_p[level] - ln_factorial[c];

    let observed_ln_prob = ln_factorial[total]
        + observed
            .iter()
            .enumerate()
            // The observed counts sum to `total`, so each fits in usize.
            .map(|(level, &c)| term(level, usize::try_from(c).unwrap_or(total)))
            .sum::<f64>();
    let threshold = observed_ln_prob + TIE_TOLERANCE.ln_1p();

    // Free levels are 0..last; the last level takes what remains.
    let last = proportions.len() - 1;
    let mut counts = vec![0usize; last];
    // remaining[i]: cases not yet assigned to levels before i;
    // partial[i]: ln N! plus the terms of levels before i.
    let mut remaining = vec![total; last + 1];
    let mut partial = vec![ln_factorial[total]; last + 1];
    // Sum of P(outcome) / P(observed) over qualifying outcomes: every term is
    // at most 1 + tolerance and there are at most MAX_EXACT_OUTCOMES of them,
    // so it cannot overflow, and tiny probabilities do not all underflow.
    let mut relative_sum = 0.0;
    loop {
        let ln_prob = partial[last] + term(last, remaining[last]);
        if ln_prob <= threshold {
            relative_sum += (ln_prob - observed_ln_prob).exp();
        }
        // Advance to the next composition: bump the deepest free level that
        // still has cases to take, and reset the levels after it to zero.
        let Some(level) = (0..last).rev().find(|&i| counts[i] < remaining[i]) else {
            break;
        };
        counts[level] += 1;
        for i in level..last {
            if i > level {
                counts[i] = 0;
            }
            remaining[i + 1] = remaining[i] - counts[i];
            partial[i + 1] = partial[i] + term(i, counts[i]);
        }
    }
    (observed_ln_prob + relative_sum.ln()).exp().min(1.0)
}

#[cfg(test)]
mod tests;
