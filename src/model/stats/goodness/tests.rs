use super::*;

fn close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol
}

fn fit(observed: &[u64], reference: &[u64]) -> GoodnessOfFit {
    compare_with_reference(observed, reference).expect("valid input")
}

/// Exact p-value by brute force with plain probabilities (no logs),
/// via recursion over all compositions: an independent check.
fn brute_force_p(observed: &[u64], proportions: &[f64]) -> f64 {
    fn factorial(n: u64) -> f64 {
        (1..=n).map(|k| k as f64).product()
    }
    fn probability(counts: &[u64], proportions: &[f64]) -> f64 {
        let n: u64 = counts.iter().sum();
        counts
            .iter()
            .zip(proportions)
            .map(|(&c, &p)| p.powi(i32::try_from(c).expect("small")) / factorial(c))
            .product::<f64>()
            * factorial(n)
    }
    fn all(total: u64, levels: usize, prefix: &mut Vec<u64>, out: &mut Vec<Vec<u64>>) {
        if levels == 1 {
            prefix.push(total);
            out.push(prefix.clone());
            prefix.pop();
            return;
        }
        for c in 0..=total {
            prefix.push(c);
            all(total - c, levels - 1, prefix, out);
            prefix.pop();
        }
    }
    let total = observed.iter().sum();
    let mut outcomes = Vec::new();
    all(total, observed.len(), &mut Vec::new(), &mut outcomes);
    let p_obs = probability(observed, proportions);
    outcomes
        .iter()
        .map(|o| probability(o, proportions))
        .filter(|&p| p <= p_obs * (1.0 + 1e-7))
        .sum::<f64>()
        .min(1.0)
}

#[test]
fn identical_breakdown_fits_perfectly() {
    let f = fit(&[23, 23, 28], &[23, 23, 28]);
    assert!(close(f.statistic, 0.0, 1e-12), "{f:?}");
    assert_eq!(f.degrees_of_freedom, 2);
    assert!(close(f.p_value, 1.0, 1e-12), "{f:?}");
    assert_eq!(f.method, FitMethod::ChiSquare);
    // Same proportions at a different scale.
    let f = fit(&[46, 46, 56], &[23, 23, 28]);
    assert!(close(f.statistic, 0.0, 1e-12), "{f:?}");
    assert!(close(f.p_value, 1.0, 1e-12), "{f:?}");
}

#[test]
fn chi_square_known_value() {
    // Expected 20 each: (100 + 0 + 100) / 20 = 10; p = e^-5.
    let f = fit(&[10, 20, 30], &[1, 1, 1]);
    assert!(close(f.statistic, 10.0, 1e-12), "{f:?}");
    assert_eq!(f.degrees_of_freedom, 2);
    assert!(close(f.p_value, 0.006_738, 1e-6), "{f:?}");
    assert!(close(f.p_value, (-5.0f64).exp(), 1e-14), "{f:?}");
    assert_eq!(f.method, FitMethod::ChiSquare);
}

#[test]
fn chi_square_with_unequal_reference() {
    // Expected 74 · (0.2, 0.3, 0.5) = 14.8, 22.2, 37:
    // (8.2² / 14.8) + (0.8² / 22.2) + (9² / 37) = 4.543243 + 0.028829
    // + 2.189189 = 6.761261; df 2, p = e^(-3.3806306) = 0.0340260.
    let f = fit(&[23, 23, 28], &[2, 3, 5]);
    assert!(close(f.statistic, 6.761_261_261_261, 1e-9), "{f:?}");
    assert!(close(f.p_value, (-6.761_261_261_261f64 / 2.0).exp(), 1e-9));
    assert!(close(f.p_value, 0.034_026, 1e-6), "{f:?}");
    assert_eq!(f.method, FitMethod::ChiSquare);
}

#[test]
fn exact_small_binomial_by_hand() {
    // 3 cases at p = 1/2: outcomes 0..3 have probabilities 1/8, 3/8,
    // 3/8, 1/8. Observed (0, 3) has 1/8; no more likely: (0,3), (3,0).
    let f = fit(&[0, 3], &[1, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(close(f.p_value, 0.25, 1e-12), "{f:?}");
    // Statistic is Pearson's: (1.5² + 1.5²) / 1.5 = 3.
    assert!(close(f.statistic, 3.0, 1e-12), "{f:?}");
    assert_eq!(f.degrees_of_freedom, 1);
    // (1, 2) has 3/8: every outcome qualifies.
    assert!(close(fit(&[1, 2], &[1, 1]).p_value, 1.0, 1e-12));
}

#[test]
fn exact_small_trinomial_by_hand() {
    // 2 cases over 3 equal levels: (2,0,0)-type outcomes have 1/9 each
    // (3 of them), (1,1,0)-type have 2/9 each (3 of them).
    let f = fit(&[2, 0, 0], &[1, 1, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(close(f.p_value, 3.0 / 9.0, 1e-12), "{f:?}");
    let f = fit(&[0, 1, 1], &[1, 1, 1]);
    assert!(close(f.p_value, 1.0, 1e-12), "{f:?}");
    // Unequal: 2 cases, proportions (1/2, 1/4, 1/4). Probabilities:
    // (2,0,0) 1/4, (0,2,0) 1/16, (0,0,2) 1/16, (1,1,0) 1/4, (1,0,1) 1/4,
    // (0,1,1) 1/8. Observed (0,1,1): 1/8 + 1/16 + 1/16 = 1/4.
    let f = fit(&[0, 1, 1], &[2, 1, 1]);
    assert!(close(f.p_value, 0.25, 1e-12), "{f:?}");
    let f = fit(&[0, 2, 0], &[2, 1, 1]);
    assert!(close(f.p_value, 0.125, 1e-12), "{f:?}");
}

#[test]
fn exact_binomial_tail() {
    // 8 cases at p = 1/2, observed (1, 7): outcomes no more likely are
    // k = 0, 1, 7, 8: (1 + 8 + 8 + 1) / 256.
    let f = fit(&[1, 7], &[1, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(close(f.p_value, 18.0 / 256.0, 1e-12), "{f:?}");
    // At (1/4, 3/4), observed (4, 4): P(k) = C(8, k) 3^(8-k) / 4^8 for k
    // cases in the first level. P(4) = 70 · 81 = 5670 / 65536; no more
    // likely: k = 4..=8, with 5670 + 1512 + 252 + 24 + 1 = 7459.
    let f = fit(&[4, 4], &[1, 3]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(close(f.p_value, 7459.0 / 65536.0, 1e-12), "{f:?}");
}

#[test]
fn exact_matches_brute_force() {
    let references: [&[u64]; 4] = [&[1, 1, 1], &[2, 3, 5], &[1, 8, 1], &[1, 1, 2, 4]];
    for reference in references {
        let r_total: u64 = reference.iter().sum();
        let proportions: Vec<f64> = reference
            .iter()
            .map(|&r| r as f64 / r_total as f64)
            .collect();
        let levels = reference.len();
        // All observed breakdowns with totals 1..=6.
        let mut observed = vec![0u64; levels];
        loop {
            // Increment like an odometer in base 7.
            let mut i = 0;
            while i < levels && observed[i] == 6 {
                observed[i] = 0;
                i += 1;
            }
            if i == levels {
                break;
            }
            observed[i] += 1;
            let total: u64 = observed.iter().sum();
            if total > 6 {
                continue;
            }
            let f = fit(&observed, reference);
            assert_eq!(f.method, FitMethod::ExactMultinomial);
            let expected = brute_force_p(&observed, &proportions);
            assert!(
                close(f.p_value, expected, 1e-12),
                "{observed:?} vs {reference:?}: {} vs {expected}",
                f.p_value
            );
        }
    }
}

#[test]
fn exact_p_values_in_unit_interval_property() {
    for reference in [[1u64, 1, 1], [1, 2, 7], [5, 3, 2], [1, 1, 18]] {
        for a in 0..=12u64 {
            for b in 0..=12u64 {
                for c in 0..=6u64 {
                    if a + b + c == 0 {
                        continue;
                    }
                    let f = fit(&[a, b, c], &reference);
                    assert!(
                        f.p_value > 0.0 && f.p_value <= 1.0,
                        "{:?}: {f:?}",
                        [a, b, c]
                    );
                    assert!(f.statistic >= 0.0);
                }
            }
        }
    }
}

#[test]
fn exact_five_levels_against_rational_enumeration() {
    // 6 cases over (5, 4, 3, 2, 1) / 15, enumerated with exact
    // fractions in Python: 0.08739072702331961.
    let f = fit(&[3, 1, 0, 0, 2], &[5, 4, 3, 2, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert_eq!(f.degrees_of_freedom, 4);
    assert!(close(f.p_value, 0.087_390_727_023_319_6, 1e-12), "{f:?}");
}

#[test]
fn exact_most_likely_outcome_has_p_one() {
    // (2, 3, 5) is the mode for 10 cases at (0.2, 0.3, 0.5).
    let f = fit(&[2, 3, 5], &[2, 3, 5]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(close(f.p_value, 1.0, 1e-12), "{f:?}");
}

#[test]
fn exact_and_chi_square_agree_roughly_near_the_boundary() {
    // 2 levels, 9 cases at (1/2, 1/2): expected 4.5 < 5, exact.
    let f = fit(&[1, 8], &[1, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    // Exact: k = 0, 1, 8, 9 of 9: (1 + 9 + 9 + 1) / 512.
    assert!(close(f.p_value, 20.0 / 512.0, 1e-12), "{f:?}");
    // Chi-square would give 0.0196; same order of magnitude.
    let approx = chi_square_sf(f.statistic, 1);
    assert!(approx > 0.01 && approx < 0.05);
    // 10 cases: expected 5, not below 5, so chi-square.
    assert_eq!(fit(&[1, 9], &[1, 1]).method, FitMethod::ChiSquare);
    assert_eq!(fit(&[5, 5], &[1, 1]).method, FitMethod::ChiSquare);
}

#[test]
fn exact_at_the_size_limit() {
    // 6 levels, 40 cases: C(45, 5) = 1 221 759 outcomes. With expected
    // counts of 6.67 each the chi-square approximation is used...
    let f = fit(&[10, 10, 10, 5, 3, 2], &[1, 1, 1, 1, 1, 1]);
    assert_eq!(f.method, FitMethod::ChiSquare);
    // ...but with one rare level (expected 1.9) they are enumerated.
    let f = fit(&[10, 10, 10, 5, 3, 2], &[4, 4, 4, 4, 4, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    // Reference: exact rational enumeration in Python (fractions).
    assert!(close(f.p_value, 0.243_987_883_377_663, 1e-11), "{f:?}");
    // 6 levels, 60 cases: C(65, 5) = 8 259 888, too many to enumerate:
    // the exact test is estimated by seeded random draws, never silently
    // replaced by chi-square.
    let f = fit(&[20, 20, 10, 5, 3, 2], &[4, 4, 4, 4, 4, 1]);
    assert_eq!(
        f.method,
        FitMethod::MonteCarlo {
            draws: MONTE_CARLO_DRAWS,
            seed: MONTE_CARLO_SEED
        }
    );
    // Exact p by full enumeration in Python (floats, log space):
    // 0.000218. Within three standard errors of 20 000 draws.
    let exact = 0.000_218_491_640_171_954;
    let se = (exact * (1.0 - exact) / f64::from(MONTE_CARLO_DRAWS)).sqrt();
    assert!(
        (f.p_value - exact).abs() < 3.0 * se + 1.0 / 20_001.0,
        "{f:?}"
    );
    // Seeded: the same every time.
    assert_eq!(fit(&[20, 20, 10, 5, 3, 2], &[4, 4, 4, 4, 4, 1]), f);
}

#[test]
fn exact_tiny_p_value_does_not_vanish() {
    // 150 cases all in a level with reference share 1/1000: the
    // observed probability is 1e-450, below f64's range, yet the
    // p-value is reported as the tail that is representable.
    let f = fit(&[0, 150], &[999, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    assert!(f.p_value >= 0.0 && f.p_value <= 1.0, "{f:?}");
    let f = fit(&[0, 40], &[9, 1]);
    assert_eq!(f.method, FitMethod::ExactMultinomial);
    // 0.1^40 = 1e-40; every other outcome is more likely.
    assert!(close(f.p_value / 1e-40, 1.0, 1e-9), "{f:?}");
}

#[test]
fn compositions_count() {
    assert!(compositions_at_most(3, 2, 4)); // 4
    assert!(!compositions_at_most(3, 2, 3));
    assert!(compositions_at_most(40, 6, 1_221_759));
    assert!(!compositions_at_most(40, 6, 1_221_758));
    assert!(!compositions_at_most(u64::MAX, 6, MAX_EXACT_OUTCOMES));
    assert!(compositions_at_most(u64::MAX, 1, MAX_EXACT_OUTCOMES));
}

#[test]
fn rejects_invalid_input() {
    assert_eq!(compare_with_reference(&[1, 2], &[1, 2, 3]), None);
    assert_eq!(compare_with_reference(&[5], &[1]), None);
    assert_eq!(compare_with_reference(&[], &[]), None);
    assert_eq!(compare_with_reference(&[0, 0, 0], &[1, 1, 1]), None);
    assert_eq!(compare_with_reference(&[1, 2, 3], &[1, 0, 1]), None);
    assert_eq!(compare_with_reference(&[u64::MAX, 1], &[1, 1]), None);
}

#[test]
fn large_counts_use_chi_square() {
    let f = fit(&[230_000, 230_000, 280_000], &[23, 23, 28]);
    assert_eq!(f.method, FitMethod::ChiSquare);
    assert!(close(f.p_value, 1.0, 1e-9), "{f:?}");
    // Expected 230 000, 230 000, 280 000: (0 + 1000² / 230 000
    // + 1000² / 280 000) = 4.347826 + 3.571429 = 7.919255.
    let f = fit(&[230_000, 231_000, 279_000], &[23, 23, 28]);
    assert_eq!(f.method, FitMethod::ChiSquare);
    assert!(close(f.statistic, 7.919_254_658, 1e-8), "{f:?}");
    assert!(close(f.p_value, (-f.statistic / 2.0).exp(), 1e-14), "{f:?}");
}
