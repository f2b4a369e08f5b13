//! The statistics themselves, computed from counts: Cohen's kappas and
//! percent agreement from a two-rater confusion table, Krippendorff's alpha
//! from a coincidence matrix.
//!
//! Every function here takes `used`, the levels that occur anywhere in the
//! full data (ascending), and looks only at those rows and columns: levels
//! never used add nothing to any sum, and skipping them keeps a bootstrap
//! resample cheap on wide scales.

use super::{Metric, Value};

/// Why a statistic that needs pairs of grades has none.
pub(super) const NO_PAIRS: &str = "no case was graded by two reviewers";
/// Why a chance-corrected statistic is undefined when only one grade occurs.
pub(super) const ONE_GRADE: &str = "every grade given was the same, so chance agreement is total";

/// Disagreement weights of Cohen's kappa, as scikit-learn's
/// `cohen_kappa_score` uses them: 1 off the diagonal, `|i - j|`, or
/// `(i - j)²`. These are `1 - w` for Cohen's agreement weights
/// `w = 1 - |i-j|/(k-1)` or `1 - (i-j)²/(k-1)²` times a constant, which
/// cancels in the ratio.
#[derive(Debug, Clone, Copy)]
enum Weights {
    Unweighted,
    Linear,
    Quadratic,
}

fn disagreement(weights: Weights, i: usize, j: usize) -> f64 {
    let d = i.abs_diff(j) as f64;
    match weights {
        Weights::Unweighted => f64::from(u8::from(i != j)),
        Weights::Linear => d,
        Weights::Quadratic => d * d,
    }
}

/// Percent agreement (as a share, 0..=1), Cohen's kappa unweighted,
/// linearly and quadratically weighted, and Krippendorff's ordinal alpha of
/// a two-rater table: `cells[a * levels + b]` counts the units graded `a` by
/// the first rater and `b` by the second.
pub(super) fn pair_statistics(cells: &[u64], levels: usize, used: &[usize]) -> [Value; 5] {
    let mut rows = vec![0_u64; levels];
    let mut cols = vec![0_u64; levels];
    let mut same = 0_u64;
    for &a in used {
        for &b in used {
            let count = cells[a * levels + b];
            rows[a] += count;
            cols[b] += count;
            if a == b {
                same += count;
            }
        }
    }
    let n: u64 = rows.iter().sum();
    if n == 0 {
        return [const { Value::Undefined(NO_PAIRS) }; 5];
    }
    let percent = Value::Defined(same as f64 / n as f64);
    let grades_seen = used.iter().filter(|&&g| rows[g] + cols[g] > 0).count();
    let kappa = |weights: Weights| {
        if grades_seen < 2 {
            return Value::Undefined(ONE_GRADE);
        }
        let mut observed = 0.0;
        let mut chance = 0.0;
        for &a in used {
            for &b in used {
                let w = disagreement(weights, a, b);
                observed += w * cells[a * levels + b] as f64;
                chance += w * (rows[a] as f64 * cols[b] as f64);
            }
        }
        Value::Defined(1.0 - observed / (chance / n as f64))
    };
    // With two values per unit the coincidence matrix is the table plus its
    // transpose, and the marginal totals are the row plus column sums.
    let mut coincidences = vec![0.0; levels * levels];
    for &a in used {
        for &b in used {
            coincidences[a * levels + b] = (cells[a * levels + b] + cells[b * levels + a]) as f64;
        }
    }
    let totals: Vec<u64> = rows.iter().zip(&cols).map(|(r, c)| r + c).collect();
    [
        percent,
        kappa(Weights::Unweighted),
        kappa(Weights::Linear),
        kappa(Weights::Quadratic),
        alpha_from_coincidences(&coincidences, &totals, used, Metric::Ordinal),
    ]
}

/// Krippendorff's alpha from the coincidence matrix `o` (`levels × levels`,
/// row-major) and its marginal totals `n_c` (whole numbers, passed as
/// integers so the ordinal metric sums them exactly), as in Krippendorff
/// (2011), "Computing Krippendorff's Alpha-Reliability":
///
/// `α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck`, with
/// * nominal: `δ² = 1` for `c ≠ k`;
/// * ordinal: `δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²`;
/// * interval: `δ²_ck = (c − k)²`, the level indices taken as values.
pub(super) fn alpha_from_coincidences(
    o: &[f64],
    totals: &[u64],
    used: &[usize],
    metric: Metric,
) -> Value {
    let levels = totals.len();
    let n: u64 = totals.iter().sum();
    if n == 0 {
        return Value::Undefined(NO_PAIRS);
    }
    if totals.iter().filter(|&&t| t > 0).count() < 2 {
        return Value::Undefined(ONE_GRADE);
    }
    // below[g] = Σ_{h<g} n_h, so Σ_{g=c..=k} n_g = below[k + 1] - below[c].
    let mut below = Vec::with_capacity(levels + 1);
    let mut running = 0_u64;
    below.push(0);
    for &t in totals {
        running += t;
        below.push(running);
    }
    let distance = |c: usize, k: usize| -> f64 {
        match metric {
            Metric::Nominal => 1.0,
            Metric::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let span = (below[hi + 1] - below[lo]) as f64;
                let d = span - (totals[lo] + totals[hi]) as f64 / 2.0;
                d * d
            }
            Metric::Interval => {
                let d = c.abs_diff(k) as f64;
                d * d
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for &c in used {
        for &k in used {
            if c == k {
                continue;
            }
            let d = distance(c, k);
            observed += o[c * levels + k] * d;
            expected += totals[c] as f64 * totals[k] as f64 * d;
        }
    }
    Value::Defined(1.0 - (n - 1) as f64 * observed / expected)
}
