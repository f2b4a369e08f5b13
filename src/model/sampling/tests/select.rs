//! Streaming selectors.

use super::super::{
    SampleError, SeededRng, Selector, SimpleRandom, StratifiedSelector, Systematic, allocate,
};

fn picks(selector: &mut impl Selector) -> Vec<u64> {
    (0..selector.population())
        .filter(|_| selector.take())
        .collect()
}

fn simple(population: u64, size: u64, seed: u64) -> Vec<u64> {
    picks(&mut SimpleRandom::new(population, size, SeededRng::new(seed)).unwrap())
}

fn systematic(population: u64, size: u64, seed: u64) -> Vec<u64> {
    picks(&mut Systematic::new(population, size, SeededRng::new(seed)).unwrap())
}

#[test]
fn sizes_that_cannot_be_drawn_are_errors() {
    let too_many = SampleError::SizeExceedsPopulation {
        size: 6,
        population: 5,
    };
    assert_eq!(
        SimpleRandom::new(5, 6, SeededRng::new(1)).err(),
        Some(too_many.clone())
    );
    assert_eq!(
        Systematic::new(5, 6, SeededRng::new(1)).err(),
        Some(too_many)
    );
    assert_eq!(
        SimpleRandom::new(5, 0, SeededRng::new(1)).err(),
        Some(SampleError::ZeroSize)
    );
    assert_eq!(
        Systematic::new(0, 0, SeededRng::new(1)).err(),
        Some(SampleError::ZeroSize)
    );
    assert_eq!(
        SampleError::SizeExceedsPopulation {
            size: 6,
            population: 5
        }
        .to_string(),
        "cannot take 6 records from a population of 5"
    );
}

#[test]
fn picks_are_pinned() {
    // A change here means recorded draws no longer reproduce.
    assert_eq!(simple(20, 5, 2026), PIN_SIMPLE);
    let sys = Systematic::new(20, 6, SeededRng::new(2026)).unwrap();
    assert_eq!((sys.start(), sys.interval()), PIN_SYSTEMATIC_START);
    assert_eq!(systematic(20, 6, 2026), PIN_SYSTEMATIC);
    let mut strat = StratifiedSelector::new(&[6, 4, 10], &[2, 1, 3], 2026).unwrap();
    let strata = [0, 1, 2, 0, 2, 2, 1, 0, 2, 2, 0, 1, 2, 2, 0, 2, 1, 2, 0, 2];
    let taken: Vec<usize> = (0..strata.len())
        .filter(|&i| strat.take(strata[i]))
        .collect();
    assert_eq!(taken, PIN_STRATIFIED);
}

const PIN_SIMPLE: [u64; 5] = [1, 2, 8, 13, 19];
const PIN_SYSTEMATIC_START: (u64, (u64, u64)) = (11, (20, 6));
const PIN_SYSTEMATIC: [u64; 6] = [1, 5, 8, 11, 15, 18];
const PIN_STRATIFIED: [usize; 6] = [0, 5, 16, 17, 18, 19];

#[test]
fn same_seed_same_picks_and_exactly_the_size() {
    for (population, size) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (10, 10),
        (37, 12),
        (1000, 7),
        (999, 998),
    ] {
        for seed in 0..20 {
            for pick in [simple, systematic] {
                let a = pick(population, size, seed);
                assert_eq!(a, pick(population, size, seed));
                assert_eq!(a.len() as u64, size, "{population} {size} {seed}");
            }
        }
    }
}

#[test]
fn calls_past_the_population_take_nothing() {
    let mut s = SimpleRandom::new(4, 4, SeededRng::new(1)).unwrap();
    let mut y = Systematic::new(4, 4, SeededRng::new(1)).unwrap();
    assert!((0..4).all(|_| s.take() && y.take()));
    assert!(!s.take() && !y.take());
    assert_eq!((s.seen(), s.taken(), y.seen(), y.taken()), (4, 4, 4, 4));
}

#[test]
fn systematic_steps_by_the_fractional_interval() {
    for seed in 0..50 {
        let sys = Systematic::new(23, 5, SeededRng::new(seed)).unwrap();
        let at = systematic(23, 5, seed);
        assert!(sys.start() < 23);
        assert_eq!(at[0], sys.start() / 5);
        let expected: Vec<u64> = (0..5).map(|i| sys.position(i)).collect();
        assert_eq!(at, expected);
        // 23 / 5 = 4.6: gaps of 4 or 5.
        assert!(
            at.windows(2).all(|w| (4..=5).contains(&(w[1] - w[0]))),
            "{at:?}"
        );
    }
}

/// How often each of 10 records is picked over 20,000 fixed seeds, taking 3.
fn frequencies(pick: fn(u64, u64, u64) -> Vec<u64>) -> [u32; 10] {
    let mut counts = [0u32; 10];
    for seed in 0..20_000 {
        for i in pick(10, 3, seed) {
            counts[i as usize] += 1;
        }
    }
    counts
}

#[test]
fn every_record_is_about_equally_likely() {
    // 6,000 expected each; the standard deviation is about 65.
    for pick in [simple, systematic] {
        let counts = frequencies(pick);
        assert!(counts.iter().all(|&c| c.abs_diff(6000) < 400), "{counts:?}");
    }
}

#[test]
fn every_subset_is_about_equally_likely_for_simple_random() {
    let mut counts = std::collections::HashMap::new();
    for seed in 0..12_000 {
        *counts.entry(simple(10, 3, seed)).or_insert(0u32) += 1;
    }
    // 120 subsets, 100 expected each; the standard deviation is 10.
    assert_eq!(counts.len(), 120);
    assert!(counts.values().all(|&c| c.abs_diff(100) < 50), "{counts:?}");
}

#[test]
fn stratified_takes_each_allotment_whatever_the_interleaving() {
    let strata = [7u64, 3, 12];
    let allocation = allocate(&strata, 9, 1).unwrap();
    let by_file = |order: &[usize], seed: u64| {
        let mut sel = StratifiedSelector::new(&strata, &allocation, seed).unwrap();
        let mut ordinal = [0u64; 3];
        let mut got: Vec<Vec<u64>> = vec![Vec::new(); 3];
        for &s in order {
            if sel.take(s) {
                got[s].push(ordinal[s]);
            }
            ordinal[s] += 1;
        }
        assert_eq!(sel.taken(), sel.size());
        got
    };
    let grouped: Vec<usize> = [0; 7].into_iter().chain([1; 3]).chain([2; 12]).collect();
    let mut mixed = grouped.clone();
    SeededRng::new(5).shuffle(&mut mixed);
    for seed in 0..30 {
        let a = by_file(&grouped, seed);
        let lens: Vec<u64> = a.iter().map(|v| v.len() as u64).collect();
        assert_eq!(lens, allocation);
        // The picks within each stratum do not depend on the interleaving.
        assert_eq!(a, by_file(&mixed, seed));
    }
}

#[test]
fn stratified_setup_errors_and_stray_indices() {
    assert_eq!(
        StratifiedSelector::new(&[3, 4], &[1], 1).err(),
        Some(SampleError::AllocationMismatch {
            strata: 2,
            allocation: 1
        })
    );
    assert_eq!(
        StratifiedSelector::new(&[3, 4], &[4, 1], 1).err(),
        Some(SampleError::StratumOverAllotted {
            stratum: 0,
            allotted: 4,
            population: 3
        })
    );
    assert_eq!(
        StratifiedSelector::new(&[3, 4], &[0, 0], 1).err(),
        Some(SampleError::ZeroSize)
    );
    let mut sel = StratifiedSelector::new(&[1, 1], &[1, 0], 1).unwrap();
    assert!(!sel.take(2));
    assert!(!sel.take(1));
    assert!(sel.take(0));
    assert!(!sel.take(0));
    assert_eq!((sel.strata(), sel.allocation()), (2, vec![1, 0]));
}
