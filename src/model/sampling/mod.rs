//! Reproducible sampling of case files for inspections.
//!
//! Everything here is a pure function of its inputs and a `u64` seed, and
//! is meant to give the same answer on every machine and in every future
//! build, so that a draw can be re-run and checked years later:
//!
//! - Randomness comes from one place, [`SeededRng`]: `ChaCha8` (`rand_chacha`
//!   0.10) seeded with `seed_from_u64`, and bounded integers drawn with
//!   Lemire's multiply-shift method with rejection, implemented here, not
//!   taken from `rand`'s distributions (whose values may change between
//!   versions). The tests pin the generator's first outputs.
//! - Every rounding rule is integer arithmetic with a written tie-break, so
//!   there is no floating point anywhere in a draw.
//!
//! # What is here
//!
//! - Streaming selectors, for a population read twice (once to count, once
//!   to pick), whose memory does not grow with the population: one call of
//!   [`Selector::take`] per record in file order says whether that record is
//!   in the sample.
//!   - [`SimpleRandom`]: selection sampling (Knuth's Algorithm S); every
//!     subset of the asked size is equally likely.
//!   - [`Systematic`]: every k-th record from a random start, with a
//!     fractional interval N/n so that exactly n records are taken.
//!   - [`allocate()`] and [`StratifiedSelector`]: proportional allocation to
//!     strata with largest-remainder rounding, then a simple random sample
//!     within each stratum.
//! - [`deal()`]: dealing a drawn sample out to a team of reviewers, balanced by
//!   area, with an optional share of double reads.
//! - [`shares_summing_to_100`]: whole percentages that add up to 100, for
//!   display.
//!
//! # Recording a draw
//!
//! To let anyone re-run a draw, record the method, the seed, the population
//! count (per stratum for a stratified draw, strata in order of first
//! appearance) and the sample size; for a systematic draw also the start and
//! interval ([`Systematic::start`], [`Systematic::interval`]); for a
//! stratified draw the allocation and the minimum per stratum; for a deal
//! the number of reviewers, the double-read percentage and the seed.

mod allocate;
mod deal;
mod rng;
mod select;

#[cfg(test)]
mod tests;

pub use allocate::{AllocError, allocate, shares_summing_to_100};
pub use deal::{DealError, deal};
pub use rng::SeededRng;
pub use select::{SampleError, Selector, SimpleRandom, StratifiedSelector, Systematic};
