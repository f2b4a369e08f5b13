//! Largest-remainder allocation and percentages.

use proptest::prelude::*;

use super::super::{AllocError, allocate, shares_summing_to_100};

#[test]
fn percentages_worked_by_hand() {
    assert_eq!(shares_summing_to_100(&[1, 1, 1]), [34, 33, 33]);
    assert_eq!(shares_summing_to_100(&[23, 23, 28]), [31, 31, 38]);
    // 50.5% and 49.5%: rounding each gives 51 + 50 = 101; the tie on the
    // remainder goes to the larger count.
    assert_eq!(shares_summing_to_100(&[101, 99]), [51, 49]);
    // 16.67% six times: rounding each gives 102.
    assert_eq!(shares_summing_to_100(&[1; 6]), [17, 17, 17, 17, 16, 16]);
    // Equal remainders and counts: the earlier wins.
    assert_eq!(shares_summing_to_100(&[1, 2, 1, 2]), [17, 33, 17, 33]);
    assert_eq!(shares_summing_to_100(&[0, 0]), [0, 0]);
    assert_eq!(shares_summing_to_100(&[]), Vec::<u32>::new());
    assert_eq!(shares_summing_to_100(&[0, 7]), [0, 100]);
}

#[test]
fn proportional_allocations_worked_by_hand() {
    assert_eq!(allocate(&[50, 30, 20], 10, 0), Ok(vec![5, 3, 2]));
    // 3.33 each: one left over, the tie goes to the earliest.
    assert_eq!(allocate(&[10, 10, 10], 10, 0), Ok(vec![4, 3, 3]));
    // 2.5, 1.5, 1: remainders tie at .5, the larger stratum wins.
    assert_eq!(allocate(&[5, 3, 2], 5, 0), Ok(vec![3, 1, 1]));
    // 0.5 and 1.5: again the larger stratum wins the tie.
    assert_eq!(allocate(&[1, 3], 2, 0), Ok(vec![0, 2]));
    assert_eq!(allocate(&[4, 0, 6], 10, 0), Ok(vec![4, 0, 6]));
    assert_eq!(allocate(&[1_000_000, 3], 1000, 0), Ok(vec![1000, 0]));
    assert_eq!(allocate(&[1_000_000, 3], 1000, 1), Ok(vec![999, 1]));
}

#[test]
fn minimum_per_stratum_worked_by_hand() {
    // 9.35, 0.47, 0.19 gives [9, 1, 0]; both small strata are raised to 2.
    assert_eq!(allocate(&[100, 5, 2], 10, 0), Ok(vec![9, 1, 0]));
    assert_eq!(allocate(&[100, 5, 2], 10, 2), Ok(vec![6, 2, 2]));
    // The minimum is capped at the stratum's size: [1] holds one record.
    assert_eq!(allocate(&[100, 1, 3], 6, 2), Ok(vec![3, 1, 2]));
    assert_eq!(allocate(&[2, 100], 10, 5), Ok(vec![2, 8]));
    // In turns: [7, 4, 1, 0] raises the last two to 3; the 6 left split 4/2,
    // which puts the second below 3 in its turn.
    assert_eq!(allocate(&[60, 30, 5, 5], 12, 0), Ok(vec![7, 4, 1, 0]));
    assert_eq!(allocate(&[60, 30, 5, 5], 12, 3), Ok(vec![3, 3, 3, 3]));
    // [8, 4, 1, 1] raised to [_, _, 3, 3]; 8 left: 5.33 and 2.67 give 5, 3.
    assert_eq!(allocate(&[60, 30, 5, 5], 14, 3), Ok(vec![5, 3, 3, 3]));
    // A whole population.
    assert_eq!(allocate(&[3, 1, 2], 6, 1), Ok(vec![3, 1, 2]));
}

#[test]
fn impossible_allocations_are_errors() {
    assert_eq!(allocate(&[], 1, 0), Err(AllocError::NoStrata));
    assert_eq!(allocate(&[5], 0, 0), Err(AllocError::ZeroSize));
    assert_eq!(
        allocate(&[5, 5], 11, 0),
        Err(AllocError::SizeExceedsPopulation {
            size: 11,
            population: 10
        })
    );
    let err = allocate(&[10, 10, 10, 10], 10, 3).unwrap_err();
    assert_eq!(
        err,
        AllocError::MinimumTooLarge {
            minimum: 3,
            needed: 12,
            size: 10
        }
    );
    assert_eq!(
        err.to_string(),
        "a minimum of 3 per stratum needs 12 records, more than the sample of 10"
    );
    // Capped minima: [1] needs only one, so 1 + 3 + 3 fits in 7.
    assert_eq!(allocate(&[1, 10, 10], 7, 3), Ok(vec![1, 3, 3]));
}

proptest! {
    #[test]
    fn allocations_are_exact_and_within_bounds(
        strata in prop::collection::vec(0u64..200, 1..8),
        size_seed in any::<u64>(),
        min in 0u64..6,
    ) {
        let population: u64 = strata.iter().sum();
        prop_assume!(population > 0);
        let size = 1 + size_seed % population;
        match allocate(&strata, size, min) {
            Ok(got) => {
                prop_assert_eq!(got.iter().sum::<u64>(), size);
                for (&n, &a) in strata.iter().zip(&got) {
                    prop_assert!(a <= n);
                    prop_assert!(a >= n.min(min));
                    if min == 0 {
                        // Hamilton stays within one of the exact quota.
                        let quota = u128::from(size) * u128::from(n);
                        let p = u128::from(population);
                        prop_assert!(u128::from(a) * p + p > quota && u128::from(a) * p < quota + p);
                    }
                }
            }
            Err(AllocError::MinimumTooLarge { needed, .. }) => {
                prop_assert_eq!(needed, strata.iter().map(|&n| n.min(min)).sum::<u64>());
                prop_assert!(needed > size);
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn percentages_sum_to_100(counts in prop::collection::vec(0u64..1000, 1..12)) {
        let shares = shares_summing_to_100(&counts);
        let total: u64 = counts.iter().sum();
        prop_assert_eq!(shares.iter().sum::<u32>(), if total == 0 { 0 } else { 100 });
    }
}
