//! The bootstrap: reproducibility, skipped resamples, percentiles, and the
//! uniform draw `below` (unbiased, value-stable).

use std::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_chacha::ChaCha8Rng;

use super::super::bootstrap::{estimates, quantile};
use super::*;

#[test]
fn bootstrap_is_reproducible_from_its_seed() {
    let pairs = repeat(&[((0, 0), 20), ((0, 1), 5), ((1, 0), 10), ((1, 1), 15)]);
    let boot = Bootstrap::default();
    let a = two_raters(pairs.iter().copied(), 2, &boot).expect("valid");
    let b = two_raters(pairs.iter().copied(), 2, &boot).expect("valid");
    assert_eq!(a, b);
    // The data's order does not matter: units are laid out by pattern.
    let reversed = two_raters(pairs.iter().rev().copied(), 2, &boot).expect("valid");
    assert_eq!(a, reversed);
    let other = Bootstrap { seed: 2, ..boot };
    let c = two_raters(pairs.iter().copied(), 2, &other).expect("valid");
    assert_eq!(a.cohen.value, c.cohen.value);
    assert_ne!(a.cohen.interval, c.cohen.interval);
    // Pinned: ChaCha8 seeded with 1, `below`, pattern layout and type-7
    // percentiles together. A change here changes published intervals.
    assert_eq!(
        a.percent.interval,
        Bounds::Defined {
            low: 0.579_500_000_000_000_5,
            high: 0.84
        }
    );
    assert_eq!(
        a.cohen.interval,
        Bounds::Defined {
            low: 0.140_570_264_390_280_1,
            high: 0.661_158_192_090_395_4
        }
    );
}

#[test]
fn bootstrap_refuses_bad_settings() {
    let pairs = repeat(&[((0, 0), 5), ((1, 1), 5), ((0, 1), 2)]);
    for confidence in [0.0, 1.0, f64::NAN, -0.5] {
        let boot = Bootstrap {
            confidence,
            ..Bootstrap::default()
        };
        let r = two_raters(pairs.iter().copied(), 2, &boot).expect("valid");
        assert_eq!(
            r.cohen.interval,
            Bounds::Undefined("the confidence level is not strictly between 0 and 1")
        );
        assert!(r.cohen.value.get().is_some());
    }
}

#[test]
fn skipped_resamples_are_counted_and_most_undefined_means_no_interval() {
    // Three units of three patterns. "first" is defined when pattern 0 is
    // drawn at all (19/27 of resamples), "all" only when each pattern is
    // drawn once (6/27), "never" on the data only.
    let boot = Bootstrap {
        resamples: 400,
        ..Bootstrap::default()
    };
    let [first, all, never] = estimates(&[1, 1, 1], &boot, |drawn| {
        let first = match drawn[0] {
            0 => Value::Undefined("pattern 0 not drawn"),
            n => Value::Defined(n as f64),
        };
        let all = if drawn == [1, 1, 1] {
            Value::Defined(0.0)
        } else {
            Value::Undefined("no")
        };
        [first, all, Value::Undefined("never")]
    });
    assert_eq!(first.value, Value::Defined(1.0));
    assert!((80..160).contains(&first.skipped), "{first:?}");
    assert_eq!(
        first.interval,
        Bounds::Defined {
            low: 1.0,
            high: 3.0
        }
    );
    assert_eq!(all.value, Value::Defined(0.0));
    assert!((280..340).contains(&all.skipped), "{all:?}");
    assert_eq!(
        all.interval,
        Bounds::Undefined("the statistic was undefined in most bootstrap resamples")
    );
    assert_eq!(never.skipped, 400);
    assert_eq!(
        never.interval,
        Bounds::Undefined("the estimate itself is undefined")
    );
}

#[test]
fn quantiles_are_numpy_linear() {
    // numpy.quantile([1, 2, 3, 4], [0.025, 0.5, 0.975]) = 1.075, 2.5, 3.925
    let v = [1.0, 2.0, 3.0, 4.0];
    assert!(close(quantile(&v, 0.025).expect("non-empty"), 1.075));
    assert!(close(quantile(&v, 0.5).expect("non-empty"), 2.5));
    assert!(close(quantile(&v, 0.975).expect("non-empty"), 3.925));
    assert_eq!(quantile(&[7.0], 0.975), Some(7.0));
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn describe_names_the_method() {
    assert_eq!(
        Bootstrap::default().describe(),
        "95% percentile bootstrap over cases, 1000 resamples, seed 1"
    );
    let b = Bootstrap {
        resamples: 200,
        seed: 42,
        confidence: 0.975,
    };
    assert_eq!(
        b.describe(),
        "97.5% percentile bootstrap over cases, 200 resamples, seed 42"
    );
}

/// A generator that replays fixed words, for the rejection branches.
struct Script(Vec<u64>);

impl TryRng for Script {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.0.remove(0) as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.0.remove(0))
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Infallible> {
        unreachable!("below never fills bytes")
    }
}

#[test]
fn below_rejects_exactly_the_biased_zone() {
    // n = 3: 2^32 mod 3 = 1, so only x = 0 is rejected.
    let mut rng = Script(vec![0, 0x8000_0000]);
    assert_eq!(below(&mut rng, 3), 1);
    assert!(rng.0.is_empty());
    // x·3 = 2^32 + 2: low half 2 < n but ≥ the threshold 1: accepted.
    let mut rng = Script(vec![0x5555_5556]);
    assert_eq!(below(&mut rng, 3), 1);
    // 64-bit path, n = 3·2^62: threshold 2^64 mod n = 2^62.
    let n = 3 << 62;
    let mut rng = Script(vec![4, 1]); // 4·n = 3·2^64: low half 0, rejected
    assert_eq!(below(&mut rng, n), 0);
    assert!(rng.0.is_empty());
    let mut rng = Script(vec![2]); // 2·n = 2^64 + 2^63
    assert_eq!(below(&mut rng, n), 1);
    assert_eq!(below(&mut Script(vec![]), 0), 0);
}

#[test]
fn below_is_unbiased_where_plain_multiply_shift_is_not() {
    // For n = 3·2^30 (and 3·2^62) plain multiply-shift hits outputs ≡ 0
    // (mod 3) twice as often as the others: a share of 1/2 instead of 1/3.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for n in [3_u64 << 30, 3 << 62] {
        let draws = 60_000;
        let zero_mod_3 = (0..draws).filter(|_| below(&mut rng, n) % 3 == 0).count();
        let share = zero_mod_3 as f64 / f64::from(draws);
        assert!((share - 1.0 / 3.0).abs() < 0.01, "n = {n}: {share}");
    }
    let mut counts = [0_u32; 6];
    for _ in 0..60_000 {
        counts[below(&mut rng, 6) as usize] += 1;
    }
    assert!(
        counts.iter().all(|&c| (9_500..10_500).contains(&c)),
        "{counts:?}"
    );
}

#[test]
fn below_is_value_stable() {
    // ChaCha8Rng::seed_from_u64(1) starts 2359561649, 1728662762,
    // 4228812395: ⌊x·10 / 2^32⌋ = 5, 4, 9.
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let tens: Vec<u64> = (0..10).map(|_| below(&mut rng, 10)).collect();
    assert_eq!(tens, [5, 4, 9, 0, 2, 5, 3, 2, 8, 2]);
    let big: Vec<u64> = (0..5).map(|_| below(&mut rng, 100_000)).collect();
    assert_eq!(big, [91_360, 71_061, 49_608, 46_108, 71_004]);
    let wide: Vec<u64> = (0..3).map(|_| below(&mut rng, 1 << 40)).collect();
    assert_eq!(wide, [45_925_536_551, 191_132_928_223, 30_270_517_684]);
}

#[test]
fn a_resample_counts_below_draws_by_pattern() {
    // Counts [3, 0, 5, 2]: positions 0..3 are pattern 0, 3..8 pattern 2,
    // 8..10 pattern 3.
    let boot = Bootstrap {
        resamples: 1,
        seed: 9,
        confidence: 0.5,
    };
    let mut seen = Vec::new();
    let _ = estimates(&[3, 0, 5, 2], &boot, |drawn| {
        seen.push(drawn.to_vec());
        [Value::Defined(0.0)]
    });
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut expected = vec![0_u64; 4];
    for _ in 0..10 {
        let pattern = match below(&mut rng, 10) {
            0..3 => 0,
            3..8 => 2,
            _ => 3,
        };
        expected[pattern] += 1;
    }
    assert_eq!(seen, vec![vec![3, 0, 5, 2], expected]);
}
