//! Largest-remainder (Hamilton) apportionment: stratum allocations and
//! display percentages.

/// Why an allocation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocError {
    /// There are no strata to allocate to.
    #[error("there are no strata to allocate the sample to")]
    NoStrata,
    /// A sample of no records was asked for.
    #[error("a sample needs at least one record")]
    ZeroSize,
    /// More records were asked for than there are.
    #[error("cannot take {size} records from a population of {population}")]
    SizeExceedsPopulation {
        /// The sample size asked for.
        size: u64,
        /// The records in all strata together.
        population: u64,
    },
    /// The minimum per stratum needs more records than the sample holds.
    #[error(
        "a minimum of {minimum} per stratum needs {needed} records, more than the sample of {size}"
    )]
    MinimumTooLarge {
        /// The minimum per stratum asked for.
        minimum: u64,
        /// The records the minimum needs: the sum over the strata of the
        /// minimum or the stratum's size, whichever is smaller.
        needed: u64,
        /// The sample size asked for.
        size: u64,
    },
}

/// Splits `seats` among `weights` in proportion, by the largest-remainder
/// (Hamilton) method: each gets the whole part of its quota
/// `seats * weight / total`, and the seats left over go one each to the
/// largest remainders; ties go to the larger weight, then the earlier index.
/// All zeros when the total weight is 0. Exact integer arithmetic.
pub(super) fn hamilton(weights: &[u64], seats: u64) -> Vec<u64> {
    let total: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let quota = |w: u64| u128::from(seats) * u128::from(w);
    let mut out: Vec<u64> = weights.iter().map(|&w| (quota(w) / total) as u64).collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| {
        let w = weights.get(i).copied().unwrap_or(0);
        (std::cmp::Reverse(quota(w) % total), std::cmp::Reverse(w), i)
    });
    for &i in order.iter().take(seats.saturating_sub(given) as usize) {
        if let Some(slot) = out.get_mut(i) {
            *slot += 1;
        }
    }
    out
}

/// Whole percentages of the total for each count, summing to exactly 100
/// (all 0 when the total is 0).
///
/// Largest-remainder (Hamilton) method: each count gets the whole part of
/// its exact percentage, and the points left over go one each to the largest
/// fractional parts; ties go to the larger count, then the earlier index.
/// So `[1, 1, 1]` gives `[34, 33, 33]`, and `[101, 99]` gives `[51, 49]`
/// where rounding each would give 51 + 50 = 101.
pub fn shares_summing_to_100(counts: &[u64]) -> Vec<u32> {
    hamilton(counts, 100)
        .into_iter()
        .map(|p| p as u32)
        .collect()
}

/// Allocates a sample of `size` records to strata of the given sizes (the
/// populations of the strata, in order of first appearance), in proportion
/// to their sizes.
///
/// - Rounding is by largest remainder (Hamilton): each stratum gets the
///   whole part of its quota `size * stratum / population`, and the records
///   left over go one each to the largest remainders; ties go to the larger
///   stratum, then the earlier one.
/// - `min_per_stratum`: a stratum allotted fewer than
///   `min(min_per_stratum, its size)` is raised to that, and the records it
///   takes come from the other strata: those are allotted the rest of the
///   sample by the same rule, and any of them that now falls below its
///   minimum is raised in turn, until none does.
/// - No stratum is allotted more than its size. (Proportional quotas never
///   exceed a stratum's size, so this cap cannot bind, but it is enforced
///   the same way: a stratum over its size is set to it and the excess
///   shared among the others by the same rule.)
///
/// Errors when there are no strata, when `size` is 0, when `size` exceeds
/// the population, and when the minima (each capped at its stratum's size)
/// add up to more than `size`.
pub fn allocate(strata: &[u64], size: u64, min_per_stratum: u64) -> Result<Vec<u64>, AllocError> {
    if strata.is_empty() {
        return Err(AllocError::NoStrata);
    }
    if size == 0 {
        return Err(AllocError::ZeroSize);
    }
    let population: u128 = strata.iter().map(|&n| u128::from(n)).sum();
    if u128::from(size) > population {
        return Err(AllocError::SizeExceedsPopulation {
            size,
            population: u64::try_from(population).unwrap_or(u64::MAX),
        });
    }
    let floor: Vec<u64> = strata.iter().map(|&n| n.min(min_per_stratum)).collect();
    let needed: u128 = floor.iter().map(|&n| u128::from(n)).sum();
    if needed > u128::from(size) {
        return Err(AllocError::MinimumTooLarge {
            minimum: min_per_stratum,
            needed: u64::try_from(needed).unwrap_or(u64::MAX),
            size,
        });
    }

    let mut fixed: Vec<Option<u64>> = vec![None; strata.len()];
    loop {
        let free: Vec<usize> = (0..strata.len())
            .filter(|&i| fixed.get(i).is_some_and(Option::is_none))
            .collect();
        let settled: u64 = fixed.iter().flatten().sum();
        let weights: Vec<u64> = free.iter().map(|&i| at(strata, i)).collect();
        let shares = hamilton(&weights, size.saturating_sub(settled));
        let below: Vec<usize> = free
            .iter()
            .zip(&shares)
            .filter(|&(&i, &got)| got < at(&floor, i))
            .map(|(&i, _)| i)
            .collect();
        let settle = if below.is_empty() {
            free.iter()
                .zip(&shares)
                .filter(|&(&i, &got)| got > at(strata, i))
                .map(|(&i, _)| (i, at(strata, i)))
                .collect::<Vec<_>>()
        } else {
            below.iter().map(|&i| (i, at(&floor, i))).collect()
        };
        if settle.is_empty() {
            for (&i, &got) in free.iter().zip(&shares) {
                if let Some(slot) = fixed.get_mut(i) {
                    *slot = Some(got);
                }
            }
            return Ok(fixed.into_iter().map(|n| n.unwrap_or(0)).collect());
        }
        for (i, n) in settle {
            if let Some(slot) = fixed.get_mut(i) {
                *slot = Some(n);
            }
        }
    }
}

fn at(values: &[u64], i: usize) -> u64 {
    values.get(i).copied().unwrap_or(0)
}
