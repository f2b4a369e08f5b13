//! Streaming selectors: one decision per record, in file order.

use super::SeededRng;

/// Why a selector could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SampleError {
    /// A sample of no records was asked for.
    #[error("a sample needs at least one record")]
    ZeroSize,
    /// More records were asked for than there are.
    #[error("cannot take {size} records from a population of {population}")]
    SizeExceedsPopulation {
        /// The sample size asked for.
        size: u64,
        /// The number of records there are.
        population: u64,
    },
    /// The allocation does not give exactly one number per stratum.
    #[error("{allocation} allocations were given for {strata} strata")]
    AllocationMismatch {
        /// How many strata there are.
        strata: usize,
        /// How many allocations were given.
        allocation: usize,
    },
    /// A stratum was allotted more records than it holds.
    #[error("stratum {stratum} is allotted {allotted} records but holds only {population}")]
    StratumOverAllotted {
        /// The stratum's index, strata in order of first appearance.
        stratum: usize,
        /// The records allotted to it.
        allotted: u64,
        /// The records it holds.
        population: u64,
    },
}

/// A streaming sample selector: the population's size is known in advance
/// and its records are offered one at a time, in file order.
pub trait Selector {
    /// Whether the next record is in the sample. Call once per record, in
    /// file order; exactly [`Selector::size`] of the first
    /// [`Selector::population`] calls answer `true`. Calls beyond the
    /// population answer `false` and change nothing.
    fn take(&mut self) -> bool;
    /// The number of records in the population.
    fn population(&self) -> u64;
    /// The number of records the sample will hold.
    fn size(&self) -> u64;
    /// The number of records offered so far.
    fn seen(&self) -> u64;
    /// The number of records taken so far.
    fn taken(&self) -> u64;
}

/// Algorithm S bookkeeping, without its generator, so strata can share it.
#[derive(Clone, Debug)]
struct Knuth {
    population: u64,
    size: u64,
    seen: u64,
    taken: u64,
}

impl Knuth {
    /// Decides the next record: taken with probability
    /// `(size - taken) / (population - seen)`, as `below(population - seen)
    /// < size - taken`. No number is drawn once the sample is full, nor when
    /// every remaining record must be taken.
    fn step(&mut self, rng: &mut SeededRng) -> bool {
        if self.seen >= self.population {
            return false;
        }
        let left = self.population - self.seen;
        let wanted = self.size - self.taken;
        self.seen += 1;
        let take = wanted > 0 && (wanted == left || rng.below(left) < wanted);
        if take {
            self.taken += 1;
        }
        take
    }
}

/// A simple random sample without replacement, chosen by selection sampling
/// (Knuth, TAOCP vol. 2, Algorithm S): every subset of `size` records is
/// equally likely.
///
/// Record `t` (counting from 0), with `m` records taken before it, is taken
/// when `rng.below(population - t) < size - m`; the generator is not
/// consulted once the sample is full or when all remaining records are
/// needed.
#[derive(Clone, Debug)]
pub struct SimpleRandom {
    state: Knuth,
    rng: SeededRng,
}

impl SimpleRandom {
    /// A selector taking `size` of `population` records, drawing from `rng`.
    pub fn new(population: u64, size: u64, rng: SeededRng) -> Result<Self, SampleError> {
        check_size(population, size)?;
        Ok(Self {
            state: Knuth {
                population,
                size,
                seen: 0,
                taken: 0,
            },
            rng,
        })
    }
}

impl Selector for SimpleRandom {
    fn take(&mut self) -> bool {
        self.state.step(&mut self.rng)
    }
    fn population(&self) -> u64 {
        self.state.population
    }
    fn size(&self) -> u64 {
        self.state.size
    }
    fn seen(&self) -> u64 {
        self.state.seen
    }
    fn taken(&self) -> u64 {
        self.state.taken
    }
}

fn check_size(population: u64, size: u64) -> Result<(), SampleError> {
    if size == 0 {
        return Err(SampleError::ZeroSize);
    }
    if size > population {
        return Err(SampleError::SizeExceedsPopulation { size, population });
    }
    Ok(())
}

/// A systematic sample: every k-th record from a random start, with the
/// fractional interval `k = N / n` so that exactly `n` records are taken.
///
/// The start `s` is `rng.below(N)`, a single draw; the records taken are
/// those at positions `floor((s + i * N) / n)` for `i` in `0..n`, counting
/// records from 0. Each record is taken with probability exactly `n / N`.
#[derive(Clone, Debug)]
pub struct Systematic {
    population: u64,
    size: u64,
    start: u64,
    seen: u64,
    taken: u64,
    next: u64,
}

impl Systematic {
    /// A selector taking `size` of `population` records, its start drawn
    /// from `rng`.
    pub fn new(population: u64, size: u64, mut rng: SeededRng) -> Result<Self, SampleError> {
        check_size(population, size)?;
        let start = rng.below(population);
        let mut this = Self {
            population,
            size,
            start,
            seen: 0,
            taken: 0,
            next: 0,
        };
        this.next = this.position(0);
        Ok(this)
    }

    /// The random start `s`, in `0..N`, measured in `n`-ths of a record:
    /// the first record taken is `floor(s / n)` (counting from 0).
    pub fn start(&self) -> u64 {
        self.start
    }

    /// The interval as the fraction `(N, n)`: population over sample size.
    pub fn interval(&self) -> (u64, u64) {
        (self.population, self.size)
    }

    /// The position (counting records from 0) of the `i`-th record taken,
    /// `floor((s + i * N) / n)`, for `i` in `0..n`.
    pub fn position(&self, i: u64) -> u64 {
        let at = u128::from(self.start) + u128::from(i) * u128::from(self.population);
        (at / u128::from(self.size)) as u64
    }
}

impl Selector for Systematic {
    fn take(&mut self) -> bool {
        if self.seen >= self.population {
            return false;
        }
        let here = self.seen;
        self.seen += 1;
        if self.taken < self.size && here == self.next {
            self.taken += 1;
            self.next = self.position(self.taken);
            return true;
        }
        false
    }
    fn population(&self) -> u64 {
        self.population
    }
    fn size(&self) -> u64 {
        self.size
    }
    fn seen(&self) -> u64 {
        self.seen
    }
    fn taken(&self) -> u64 {
        self.taken
    }
}

/// A stratified sample: a simple random sample (Algorithm S, as in
/// [`SimpleRandom`]) of the allotted size within each stratum.
///
/// Each stratum has its own generator: stratum `i` (strata in order of
/// first appearance) uses `SeededRng::new(k_i)`, where `k_i` is the `i`-th
/// output of `SeededRng::new(seed).next_u64()`. A stratum's picks therefore
/// depend only on the seed, its index, its size and its allotment, not on
/// how the strata's records are interleaved in the file.
#[derive(Clone, Debug)]
pub struct StratifiedSelector {
    strata: Vec<(Knuth, SeededRng)>,
}

impl StratifiedSelector {
    /// A selector taking `allocation[i]` of the `strata[i]` records of each
    /// stratum; see [`allocate`](super::allocate()) for the allocation.
    pub fn new(strata: &[u64], allocation: &[u64], seed: u64) -> Result<Self, SampleError> {
        if strata.len() != allocation.len() {
            return Err(SampleError::AllocationMismatch {
                strata: strata.len(),
                allocation: allocation.len(),
            });
        }
        if allocation.iter().all(|&n| n == 0) {
            return Err(SampleError::ZeroSize);
        }
        let mut master = SeededRng::new(seed);
        let mut out = Vec::with_capacity(strata.len());
        for (stratum, (&population, &size)) in strata.iter().zip(allocation).enumerate() {
            if size > population {
                return Err(SampleError::StratumOverAllotted {
                    stratum,
                    allotted: size,
                    population,
                });
            }
            let state = Knuth {
                population,
                size,
                seen: 0,
                taken: 0,
            };
            out.push((state, SeededRng::new(master.next_u64())));
        }
        Ok(Self { strata: out })
    }

    /// Whether the next record of stratum `stratum` is in the sample. Call
    /// once per record in file order with its stratum's index; a stratum's
    /// calls beyond its population, and an index with no stratum, answer
    /// `false`.
    pub fn take(&mut self, stratum: usize) -> bool {
        match self.strata.get_mut(stratum) {
            Some((state, rng)) => state.step(rng),
            None => false,
        }
    }

    /// The number of strata.
    pub fn strata(&self) -> usize {
        self.strata.len()
    }

    /// The records allotted to each stratum.
    pub fn allocation(&self) -> Vec<u64> {
        self.strata.iter().map(|(s, _)| s.size).collect()
    }

    /// The number of records the sample will hold, over all strata.
    pub fn size(&self) -> u64 {
        self.strata.iter().map(|(s, _)| s.size).sum()
    }

    /// The number of records taken so far, over all strata.
    pub fn taken(&self) -> u64 {
        self.strata.iter().map(|(s, _)| s.taken).sum()
    }
}
