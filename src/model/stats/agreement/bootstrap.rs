//! Percentile bootstrap over units, and the value-stable uniform draw it
//! uses.
//!
//! Every statistic of this module depends on the data only through how many
//! units have each *pattern* (a two-rater cell, or a unit's grade counts).
//! The units are laid out in pattern order once; a resample draws as many
//! unit positions as there are units, uniformly with replacement, counts
//! the patterns drawn and recomputes every statistic from those counts.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Bootstrap, Bounds, Estimate, Value};

/// Why an interval is missing when no resample was asked for.
const NO_RESAMPLES: &str = "no bootstrap resamples were asked for";
/// Why an interval is missing for a confidence level out of range.
const BAD_CONFIDENCE: &str = "the confidence level is not strictly between 0 and 1";
/// Why an interval is missing for an undefined estimate.
const ESTIMATE_UNDEFINED: &str = "the estimate itself is undefined";
/// Why an interval is missing when most resamples had no value.
const MOSTLY_UNDEFINED: &str = "the statistic was undefined in most bootstrap resamples";

/// A uniform integer in `0..n` drawn from `rng`, without bias, the same on
/// every platform and for every version of `rand`: Lemire's multiply-shift
/// with rejection ("Fast random integer generation in an interval", 2019).
///
/// For `n` up to `u32::MAX` it uses one `next_u32` per attempt, above that
/// one `next_u64`; an attempt is rejected (and redrawn) with probability
/// below `n / 2^32` (or `n / 2^64`). `n == 0` gives 0 and draws nothing.
pub fn below<R: Rng + ?Sized>(rng: &mut R, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    if let Ok(n) = u32::try_from(n) {
        let mut product = u64::from(rng.next_u32()) * u64::from(n);
        if (product as u32) < n {
            product = redraw_u32(rng, n, product);
        }
        product >> 32
    } else {
        let mut product = u128::from(rng.next_u64()) * u128::from(n);
        if (product as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (product as u64) < threshold {
                product = u128::from(rng.next_u64()) * u128::from(n);
            }
        }
        (product >> 64) as u64
    }
}

/// The rare branch of [`below`] for `n < 2^32`, out of line so the common
/// one stays short: redraws while the low half of `product` is below
/// `2^32 mod n`, and returns the accepted product.
#[cold]
#[inline(never)]
fn redraw_u32<R: Rng + ?Sized>(rng: &mut R, n: u32, mut product: u64) -> u64 {
    let threshold = n.wrapping_neg() % n;
    while (product as u32) < threshold {
        product = u64::from(rng.next_u32()) * u64::from(n);
    }
    product
}

/// Point estimates and percentile bootstrap intervals of `S` statistics
/// that `statistics` computes from pattern counts; `counts` are the counts
/// of the data.
///
/// All statistics share the same resamples. Resample `r` (from 0) draws,
/// from a `ChaCha8Rng` seeded with `seed_from_u64(boot.seed)`, `N` unit
/// positions `below(rng, N)` in order, where `N = Σ counts` and position
/// `i` belongs to pattern `p` when `Σ_{q<p} counts[q] ≤ i < Σ_{q≤p}
/// counts[q]`. Resamples where a statistic is undefined are left out of its
/// interval and counted in its `skipped`.
pub(super) fn estimates<const S: usize>(
    counts: &[u64],
    boot: &Bootstrap,
    mut statistics: impl FnMut(&[u64]) -> [Value; S],
) -> [Estimate; S] {
    let points = statistics(counts);
    let units: u64 = counts.iter().sum();
    let valid_confidence = boot.confidence > 0.0 && boot.confidence < 1.0;
    if boot.resamples == 0 || !valid_confidence || units == 0 {
        let reason = if boot.resamples == 0 {
            NO_RESAMPLES
        } else if valid_confidence {
            ESTIMATE_UNDEFINED
        } else {
            BAD_CONFIDENCE
        };
        return points.map(|value| Estimate {
            value,
            interval: Bounds::Undefined(reason),
            skipped: 0,
        });
    }

    let resampler = Resampler::new(counts);
    let mut rng = ChaCha8Rng::seed_from_u64(boot.seed);
    let mut drawn = vec![0_u64; counts.len()];
    let mut values: [Vec<f64>; S] =
        std::array::from_fn(|_| Vec::with_capacity(boot.resamples as usize));
    for _ in 0..boot.resamples {
        resampler.draw(&mut rng, &mut drawn);
        for (kept, value) in values.iter_mut().zip(statistics(&drawn)) {
            if let Value::Defined(v) = value {
                kept.push(v);
            }
        }
    }

    let mut values = values.into_iter();
    points.map(|value| {
        let mut kept = values.next().unwrap_or_default();
        let skipped = boot.resamples - kept.len() as u32;
        let interval = if matches!(value, Value::Undefined(_)) {
            Bounds::Undefined(ESTIMATE_UNDEFINED)
        } else {
            kept.sort_by(f64::total_cmp);
            let tail = (1.0 - boot.confidence) / 2.0;
            let mostly_undefined = u64::from(skipped) * 2 > u64::from(boot.resamples);
            match (quantile(&kept, tail), quantile(&kept, 1.0 - tail)) {
                (Some(low), Some(high)) if !mostly_undefined => Bounds::Defined { low, high },
                _ => Bounds::Undefined(MOSTLY_UNDEFINED),
            }
        };
        Estimate {
            value,
            interval,
            skipped,
        }
    })
}

/// Units laid out in pattern order, ready to be drawn.
#[derive(Debug)]
struct Resampler {
    /// The pattern of each unit: `u16` while the patterns are few enough,
    /// to keep the table small in cache.
    positions: Positions,
}

#[derive(Debug)]
enum Positions {
    /// Few patterns (two reviewers on a scale of up to three levels): where
    /// each pattern after the first begins, then `u32::MAX`, and how many
    /// units there are. A draw's
    /// pattern is told by comparing its position with these, which costs
    /// less than reading it from a table far bigger than the processor's
    /// nearest cache.
    Starts8(([u32; 8], u32)),
    /// As [`Positions::Starts8`], for up to 17 patterns (four levels).
    Starts16(([u32; 16], u32)),
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Resampler {
    fn new(counts: &[u64]) -> Self {
        match starts(counts) {
            Some(positions) => Self { positions },
            None => Self::with_table(counts),
        }
    }

    /// The units' patterns in a table, however many patterns there are.
    fn with_table(counts: &[u64]) -> Self {
        let units = counts.iter().sum::<u64>() as usize;
        let ids = counts
            .iter()
            .enumerate()
            .flat_map(|(pattern, &count)| std::iter::repeat_n(pattern, count as usize));
        let positions = if counts.len() <= usize::from(u16::MAX) + 1 {
            let mut narrow = Vec::with_capacity(units);
            narrow.extend(ids.map(|p| p as u16));
            Positions::Narrow(narrow)
        } else {
            let mut wide = Vec::with_capacity(units);
            wide.extend(ids.map(|p| p as u32));
            Positions::Wide(wide)
        };
        Self { positions }
    }

    /// One resample: as many draws as there are units, the number drawn of
    /// each pattern written to `drawn`.
    fn draw(&self, rng: &mut ChaCha8Rng, drawn: &mut [u64]) {
        drawn.fill(0);
        match &self.positions {
            Positions::Starts8(starts) => tally_starts(starts, rng, drawn),
            Positions::Starts16(starts) => tally_starts(starts, rng, drawn),
            Positions::Narrow(positions) => tally(positions, rng, drawn),
            Positions::Wide(positions) => tally(positions, rng, drawn),
        }
    }
}

/// [`Positions::Starts8`] or [`Positions::Starts16`] for `counts`, when
/// they are few enough and their units fewer than `u32::MAX`.
fn starts(counts: &[u64]) -> Option<Positions> {
    /// Where each pattern after the first begins, as far as `B` go.
    fn fill<const B: usize>(counts: &[u64], units: u32) -> ([u32; B], u32) {
        let mut starts = [u32::MAX; B];
        let mut begins = 0_u64;
        for (start, count) in starts.iter_mut().zip(counts) {
            begins += count;
            *start = begins as u32;
        }
        (starts, units)
    }
    let units = u32::try_from(counts.iter().sum::<u64>()).ok()?;
    match counts.len() {
        0..=9 => Some(Positions::Starts8(fill(counts, units))),
        10..=17 => Some(Positions::Starts16(fill(counts, units))),
        _ => None,
    }
}

/// [`tally`] for the `units` laid out as `starts` says: each position
/// drawn is compared with where each pattern begins, and the draws at or
/// past each beginning counted.
fn tally_starts<const B: usize>(
    (starts, units): &([u32; B], u32),
    rng: &mut ChaCha8Rng,
    drawn: &mut [u64],
) {
    let n = *units;
    let mut past = [0_u32; B];
    for _ in 0..n {
        let mut product = u64::from(rng.next_u32()) * u64::from(n);
        if (product as u32) < n {
            product = redraw_u32(rng, n, product);
        }
        let position = (product >> 32) as u32;
        for (count, start) in past.iter_mut().zip(starts) {
            *count += u32::from(position >= *start);
        }
    }
    // Pattern p holds the draws past the start of p but not of p + 1.
    for (pattern, d) in drawn.iter_mut().enumerate() {
        let from = match pattern.checked_sub(1) {
            Some(before) => past.get(before).copied().unwrap_or(0),
            None => n,
        };
        *d = u64::from(from - past.get(pattern).copied().unwrap_or(0));
    }
}

/// Adds one resample of `positions` to `drawn`: `positions.len()` draws
/// of [`below`]`(rng, positions.len())`, each counted for its pattern.
/// The common case `n < 2^32` is written out, without the branch on the
/// size of `n` that `below` makes on every call: same values, less time.
fn tally<T: Copy + Into<u32>>(positions: &[T], rng: &mut ChaCha8Rng, drawn: &mut [u64]) {
    let units = positions.len() as u64;
    if let Ok(n) = u32::try_from(units) {
        for _ in 0..n {
            let mut product = u64::from(rng.next_u32()) * u64::from(n);
            if (product as u32) < n {
                product = redraw_u32(rng, n, product);
            }
            let pattern: u32 = positions[(product >> 32) as usize].into();
            drawn[pattern as usize] += 1;
        }
    } else {
        for _ in 0..units {
            let pattern: u32 = positions[below(rng, units) as usize].into();
            drawn[pattern as usize] += 1;
        }
    }
}

/// The `p` quantile of ascending, non-empty `sorted`, interpolating
/// linearly between order statistics at position `p · (len − 1)` (Hyndman
/// and Fan's type 7, numpy's default); `None` when `sorted` is empty.
pub(super) fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = p.clamp(0.0, 1.0) * last as f64;
    #[allow(clippy::cast_sign_loss, reason = "p is clamped to 0..=1 above")]
    let below = (position.floor() as usize).min(last);
    let lo = *sorted.get(below)?;
    let hi = *sorted.get((below + 1).min(last))?;
    Some(lo + (position - below as f64) * (hi - lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_told_by_their_starts_are_those_of_the_table() {
        let shapes: [&[u64]; 7] = [
            &[5],
            &[3, 0, 5, 2],
            &[0, 0, 7],
            &[4, 0, 0],
            &[40, 3, 1, 2, 30, 2, 0, 1, 25],
            &[2, 1, 0, 3, 1, 1, 4, 0, 2, 2, 1, 1, 0, 3, 2, 1, 9],
            &[1; 17],
        ];
        for counts in shapes {
            let fast = Resampler::new(counts);
            assert!(
                !matches!(fast.positions, Positions::Narrow(_)),
                "{counts:?}"
            );
            let table = Resampler::with_table(counts);
            let (mut a, mut b) = (ChaCha8Rng::seed_from_u64(3), ChaCha8Rng::seed_from_u64(3));
            let (mut from_starts, mut from_table) = (vec![0; counts.len()], vec![0; counts.len()]);
            for _ in 0..50 {
                fast.draw(&mut a, &mut from_starts);
                table.draw(&mut b, &mut from_table);
                assert_eq!(from_starts, from_table, "{counts:?}");
                assert_eq!(from_starts.iter().sum::<u64>(), counts.iter().sum::<u64>());
            }
        }
        // More patterns than starts: the table.
        assert!(matches!(
            Resampler::new(&[1; 18]).positions,
            Positions::Narrow(_)
        ));
    }
}
