//! Dealing a drawn sample out to a team of reviewers.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::SeededRng;
use super::allocate::hamilton;

/// Why a sample could not be dealt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DealError {
    /// There is no one to deal to.
    #[error("there must be at least one reviewer")]
    NoReviewers,
    /// The double-read share is not a percentage.
    #[error("the double-read share must be from 0 to 100 per cent, not {percent}")]
    PercentOver100 {
        /// The percentage asked for.
        percent: u32,
    },
    /// Double reading was asked for with a single reviewer.
    #[error("double reading needs at least two reviewers, not {reviewers}")]
    DoubleReadNeedsTwo {
        /// The number of reviewers given.
        reviewers: usize,
    },
}

/// Deals a sample out to `reviewers` reviewers, balanced by area, returning
/// for each case (in the order of `areas`, which gives each case's area or
/// stratum id) the reviewers who read it: one, or two different ones when
/// the case is double-read.
///
/// Guarantees:
/// - Every reviewer's number of first reads is within 1 of every other's,
///   and so is each reviewer's number of first reads in each area.
/// - `double_read_percent` per cent of the cases, rounded half up, are
///   double-read. They are shared among the areas in proportion to their
///   sizes by largest remainder (ties to the larger area, then the earlier),
///   and chosen at random within each area.
/// - A double-read case's second reader differs from its first; every
///   reviewer's number of second reads is within 1 of every other's, and the
///   pairs who read the same case are mixed (each case goes to the least-used
///   pairing that keeps the loads balanced).
///
/// How: areas are taken in order of first appearance. One generator,
/// `SeededRng::new(seed)`, draws the starting reviewer (`below(reviewers)`)
/// and then shuffles each area's cases in turn (Fisher–Yates, see
/// [`SeededRng::shuffle`]); nothing else is random. Within an area the first
/// cases of the shuffled order are the double-read ones, and the cases are
/// dealt round-robin, each reviewer getting the whole part of the area's
/// share; the area's remaining cases go to the reviewers with the fewest
/// such extras so far, the rotation continuing across areas, the choice
/// arranged so that the double-read cases' first readers stay level too.
///
/// Errors when `reviewers` is 0, when `double_read_percent` exceeds 100, and
/// when it is not 0 with fewer than two reviewers.
pub fn deal(
    areas: &[u32],
    reviewers: usize,
    double_read_percent: u32,
    seed: u64,
) -> Result<Vec<Vec<usize>>, DealError> {
    if reviewers == 0 {
        return Err(DealError::NoReviewers);
    }
    if double_read_percent > 100 {
        return Err(DealError::PercentOver100 {
            percent: double_read_percent,
        });
    }
    if double_read_percent > 0 && reviewers < 2 {
        return Err(DealError::DoubleReadNeedsTwo { reviewers });
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    for (case, &area) in areas.iter().enumerate() {
        let g = *group_of.entry(area).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(g) {
            group.push(case);
        }
    }
    let mut rng = SeededRng::new(seed);
    let start = rng.below(reviewers as u64) as usize;
    for group in &mut groups {
        rng.shuffle(group);
    }

    // Rounded half up.
    let doubles = (areas.len() as u64 * u64::from(double_read_percent) + 50) / 100;
    let sizes: Vec<u64> = groups.iter().map(|g| g.len() as u64).collect();
    let mut team = Team::new(reviewers, start);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); areas.len()];
    let mut double_cases: Vec<(usize, usize)> = Vec::new();
    for (group, d) in groups.iter().zip(hamilton(&sizes, doubles)) {
        let (double, single) = team.plan_area(group.len(), d as usize);
        for (&case, &who) in group.iter().zip(double.iter().chain(&single)) {
            if let Some(readers) = out.get_mut(case) {
                readers.push(who);
            }
        }
        double_cases.extend(group.iter().copied().zip(double));
    }
    team.second_reads(&double_cases, &mut out);
    Ok(out)
}

/// The dealing state: per reviewer, how many areas gave them one of the
/// area's extra cases, and one of its extra double-read cases.
struct Team {
    size: usize,
    start: usize,
    extra: Vec<u64>,
    extra_double: Vec<u64>,
    at: usize,
    at_double: usize,
}

impl Team {
    fn new(size: usize, start: usize) -> Self {
        Self {
            size,
            start,
            extra: vec![0; size],
            extra_double: vec![0; size],
            at: start,
            at_double: start,
        }
    }

    /// Position of reviewer `who` in the rotation that starts at `from`.
    fn turn(&self, who: usize, from: usize) -> usize {
        (who + self.size - from % self.size) % self.size
    }

    /// First readers for an area of `n` cases of which `d` are double-read:
    /// those of the double-read cases, then those of the others.
    fn plan_area(&mut self, n: usize, d: usize) -> (Vec<usize>, Vec<usize>) {
        let (whole, extras) = (n / self.size, n % self.size);
        let (whole_double, extras_double) = (d / self.size, d % self.size);
        // When the area has too few single reads to spare, the reviewers
        // with an extra double-read case must be among those with an extra
        // case.
        let (extra, double) = if whole == whole_double && extras_double > 0 {
            self.nested(extras, extras_double)
        } else {
            self.apart(extras, extras_double)
        };
        let mut quota_double = vec![whole_double; self.size];
        let mut quota_single = vec![whole; self.size];
        for &who in &double {
            bump(&mut quota_double, who);
        }
        for &who in &extra {
            bump(&mut quota_single, who);
        }
        for (single, double) in quota_single.iter_mut().zip(&quota_double) {
            *single = single.saturating_sub(*double);
        }
        let firsts = (
            round_robin(quota_double, self.at_double),
            round_robin(quota_single, self.at),
        );
        for &who in &extra {
            bump64(&mut self.extra, who);
        }
        for &who in &double {
            bump64(&mut self.extra_double, who);
        }
        self.at = self.after(&extra, self.at);
        self.at_double = self.after(&double, self.at_double);
        firsts
    }

    /// The extras chosen independently: each by fewest so far, ties to
    /// those ahead on the other count, then by rotation.
    fn apart(&self, extras: usize, extras_double: usize) -> (Vec<usize>, Vec<usize>) {
        let (mut extra, mut pool, need) = level(&self.extra, extras);
        pool.sort_by_key(|&i| (Reverse(at(&self.extra_double, i)), self.turn(i, self.at)));
        extra.extend(pool.into_iter().take(need));
        let (mut double, mut pool, need) = level(&self.extra_double, extras_double);
        pool.sort_by_key(|&i| {
            let had = at(&self.extra, i) + u64::from(extra.contains(&i));
            (Reverse(had), self.turn(i, self.at_double))
        });
        double.extend(pool.into_iter().take(need));
        (extra, double)
    }

    /// The extras chosen together, the double-read ones among the others.
    fn nested(&self, extras: usize, extras_double: usize) -> (Vec<usize>, Vec<usize>) {
        let (forced, pool, need) = level(&self.extra, extras);
        let mut candidates: Vec<usize> = forced.iter().chain(&pool).copied().collect();
        candidates.sort_by_key(|&i| {
            let key = (at(&self.extra_double, i), Reverse(at(&self.extra, i)));
            (key, self.turn(i, self.at_double))
        });
        let (mut double, mut used) = (Vec::new(), 0);
        for who in candidates {
            if double.len() == extras_double {
                break;
            }
            if pool.contains(&who) {
                if used == need {
                    continue;
                }
                used += 1;
            }
            double.push(who);
        }
        let mut extra: Vec<usize> = forced.into_iter().filter(|i| !double.contains(i)).collect();
        let mut rest: Vec<usize> = pool.into_iter().filter(|i| !double.contains(i)).collect();
        rest.sort_by_key(|&i| (Reverse(at(&self.extra_double, i)), self.turn(i, self.at)));
        extra.extend(rest.into_iter().take(need - used));
        extra.extend(&double);
        (extra, double)
    }

    /// The rotation's next start: just after the last of `chosen` in the
    /// rotation from `from`.
    fn after(&self, chosen: &[usize], from: usize) -> usize {
        chosen
            .iter()
            .max_by_key(|&&i| self.turn(i, from))
            .map_or(from, |&i| (i + 1) % self.size)
    }

    /// Gives each double-read case a second reader.
    fn second_reads(&self, cases: &[(usize, usize)], out: &mut [Vec<usize>]) {
        let r = self.size;
        let mut firsts = vec![0u64; r];
        let mut first_load = vec![0u64; r];
        for &(_, who) in cases {
            bump64(&mut firsts, who);
        }
        for readers in out.iter() {
            if let Some(&who) = readers.first() {
                bump64(&mut first_load, who);
            }
        }
        // Second-read loads: level, each at most the double-read cases it
        // did not first-read; ties to fewer first reads of double-read
        // cases, then fewer first reads, then rotation.
        let mut left = cases.len() as u64;
        let mut wanted = vec![0u64; r];
        for _ in 0..left {
            let pick = (0..r)
                .filter(|&i| at(&wanted, i) < left - at(&firsts, i))
                .min_by_key(|&i| {
                    let load = (at(&wanted, i), at(&firsts, i), at(&first_load, i));
                    (load, self.turn(i, self.start))
                });
            if let Some(i) = pick {
                bump64(&mut wanted, i);
            }
        }
        let mut pairs = vec![0u64; r * r];
        for &(case, first) in cases {
            // A reviewer who needs every remaining case they did not first-read
            // must have this one; otherwise the least-used pairing.
            let critical = (0..r).find(|&t| {
                t != first && at(&wanted, t) > 0 && at(&wanted, t) == left - at(&firsts, t)
            });
            let second = critical.or_else(|| {
                (0..r)
                    .filter(|&t| t != first && at(&wanted, t) > 0)
                    .min_by_key(|&t| {
                        let pair = at(&pairs, first.min(t) * r + first.max(t));
                        (pair, Reverse(at(&wanted, t)), self.turn(t, first + 1))
                    })
            });
            debug_assert!(second.is_some(), "second-read loads were feasible");
            let Some(second) = second else { continue };
            bump64(&mut pairs, first.min(second) * r + first.max(second));
            if let Some(slot) = wanted.get_mut(second) {
                *slot -= 1;
            }
            if let Some(slot) = firsts.get_mut(first) {
                *slot -= 1;
            }
            left -= 1;
            if let Some(readers) = out.get_mut(case) {
                readers.push(second);
            }
        }
    }
}

/// The `k` reviewers with the lowest counts: those certainly among them
/// (below the threshold count), the pool at the threshold, and how many of
/// the pool are needed.
fn level(counts: &[u64], k: usize) -> (Vec<usize>, Vec<usize>, usize) {
    if k == 0 {
        return (Vec::new(), Vec::new(), 0);
    }
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let threshold = sorted.get(k - 1).copied().unwrap_or(0);
    let forced: Vec<usize> = (0..counts.len())
        .filter(|&i| at(counts, i) < threshold)
        .collect();
    let pool: Vec<usize> = (0..counts.len())
        .filter(|&i| at(counts, i) == threshold)
        .collect();
    let need = k.saturating_sub(forced.len());
    (forced, pool, need)
}

/// Reviewers by quota, round-robin from `from`.
fn round_robin(mut quota: Vec<usize>, from: usize) -> Vec<usize> {
    let r = quota.len();
    let total: usize = quota.iter().sum();
    let mut seq = Vec::with_capacity(total);
    while seq.len() < total {
        for k in 0..r {
            let who = (from + k) % r;
            if let Some(q) = quota.get_mut(who).filter(|q| **q > 0) {
                *q -= 1;
                seq.push(who);
            }
        }
    }
    seq
}

fn at(values: &[u64], i: usize) -> u64 {
    values.get(i).copied().unwrap_or(0)
}

fn bump(values: &mut [usize], i: usize) {
    if let Some(v) = values.get_mut(i) {
        *v += 1;
    }
}

fn bump64(values: &mut [u64], i: usize) {
    if let Some(v) = values.get_mut(i) {
        *v += 1;
    }
}
