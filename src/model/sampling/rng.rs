//! The one source of randomness: a seeded, value-stable generator.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A seeded random number generator whose outputs are fixed for all time.
///
/// The stream is `ChaCha8` (`rand_chacha` 0.10) seeded with
/// [`SeedableRng::seed_from_u64`], both documented as value-stable; bounded
/// integers come from [`SeededRng::below`], which implements Lemire's method
/// here rather than relying on `rand`'s range sampling, whose values may
/// change between `rand` versions.
#[derive(Clone, Debug)]
pub struct SeededRng {
    inner: ChaCha8Rng,
    seed: u64,
}

impl SeededRng {
    /// The generator for `seed`: `ChaCha8Rng::seed_from_u64(seed)`.
    pub fn new(seed: u64) -> Self {
        Self {
            inner: ChaCha8Rng::seed_from_u64(seed),
            seed,
        }
    }

    /// The seed this generator was made from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The next raw 64-bit output of the `ChaCha8` stream.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniformly distributed integer in `0..n`, without bias.
    ///
    /// Lemire's multiply-shift method with rejection: `x * n` as a 128-bit
    /// product for `x = next_u64()`; the high 64 bits are the result unless
    /// the low 64 bits fall below `2^64 mod n`, in which case `x` is drawn
    /// again. For `n <= 1` the answer is 0 and nothing is drawn.
    pub fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        let mut product = u128::from(self.next_u64()) * u128::from(n);
        if (product as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (product as u64) < threshold {
                product = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (product >> 64) as u64
    }

    /// Shuffles `items` in place, every order equally likely.
    ///
    /// Fisher–Yates: for `i` from `len - 1` down to 1, swap item `i` with
    /// item `below(i + 1)`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}
