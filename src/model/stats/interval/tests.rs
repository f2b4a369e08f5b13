use super::*;

fn close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol
}

/// Wilson half-width for proportion p at sample size n, 95 % or other z,
/// written out independently of the code under test.
fn half_at(p: f64, n: u64, z: f64) -> f64 {
    let n = n as f64;
    z * (p * (1.0 - p) * n + z * z / 4.0).sqrt() / (n + z * z)
}

const Z95: f64 = 1.959_963_984_540_054;
const Z99: f64 = 2.575_829_303_548_901;

#[test]
fn wilson_28_of_74() {
    // Hand computation: p = 28/74 = 0.378378, z² = 3.841459,
    // centre = (p + z²/148) / (1 + z²/74) = 0.384380,
    // half = z / (1 + z²/74) · √(p(1-p)/74 + z²/(4·74²)) = 0.107905.
    // mpmath at 40 digits: [0.276475346910608, 0.492285410239865].
    let i = wilson(28, 74, 0.95).expect("valid input");
    assert!(close(i.low, 0.276_475_346_910_608, 1e-12), "{i:?}");
    assert!(close(i.high, 0.492_285_410_239_865, 1e-12), "{i:?}");
    assert!(close(half_width(&i), 0.107_905_031_664_628, 1e-12));
}

#[test]
fn wilson_other_known_values() {
    // mpmath references.
    let cases = [
        (23, 74, 0.95, 0.216_908_408_040_837, 0.423_386_103_082_120),
        (5, 10, 0.95, 0.236_593_090_512_564, 0.763_406_909_487_436),
        (1, 3, 0.99, 0.040_426_629_296_085, 0.855_783_984_952_333),
        (81, 263, 0.95, 0.255_288_519_878_274, 0.366_209_576_982_800),
    ];
    for (x, n, c, low, high) in cases {
        let i = wilson(x, n, c).expect("valid input");
        assert!(close(i.low, low, 1e-12), "{x}/{n} at {c}: {i:?}");
        assert!(close(i.high, high, 1e-12), "{x}/{n} at {c}: {i:?}");
    }
}

#[test]
fn wilson_extremes() {
    let none = wilson(0, 10, 0.95).expect("valid input");
    assert_eq!(none.low, 0.0);
    // z² / (n + z²) for x = 0
    assert!(close(none.high, Z95 * Z95 / (10.0 + Z95 * Z95), 1e-12));
    assert!(close(none.high, 0.277_532_799_862_889, 1e-12));
    let all = wilson(10, 10, 0.95).expect("valid input");
    assert_eq!(all.high, 1.0);
    assert!(close(all.low, 1.0 - none.high, 1e-12));
    let one = wilson(1, 1, 0.95).expect("valid input");
    assert_eq!(one.high, 1.0);
}

#[test]
fn wilson_rejects_bad_input() {
    assert_eq!(wilson(0, 0, 0.95), None);
    assert_eq!(wilson(11, 10, 0.95), None);
    assert_eq!(wilson(3, 10, 0.0), None);
    assert_eq!(wilson(3, 10, 1.0), None);
    assert_eq!(wilson(3, 10, -0.5), None);
    assert_eq!(wilson(3, 10, f64::NAN), None);
}

#[test]
fn wilson_is_symmetric() {
    for n in 1..=60 {
        for x in 0..=n {
            let a = wilson(x, n, 0.9).expect("valid input");
            let b = wilson(n - x, n, 0.9).expect("valid input");
            assert!(close(a.low, 1.0 - b.high, 1e-12), "{x}/{n}");
            assert!(close(a.high, 1.0 - b.low, 1e-12), "{x}/{n}");
        }
    }
}

#[test]
fn wilson_property_bounds_contain_estimate() {
    for confidence in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
        for n in 1..=200u64 {
            for x in 0..=n {
                let i = wilson(x, n, confidence).expect("valid input");
                let p = x as f64 / n as f64;
                assert!(0.0 <= i.low && i.low <= p, "{x}/{n}: {i:?}");
                assert!(p <= i.high && i.high <= 1.0, "{x}/{n}: {i:?}");
                if 0 < x && x < n {
                    assert!(i.low > 0.0 && i.high < 1.0, "{x}/{n}: {i:?}");
                }
            }
        }
    }
}

#[test]
fn wilson_widens_with_confidence_and_narrows_with_n() {
    for n in 1..=100u64 {
        for x in 0..=n {
            let narrow = wilson(x, n, 0.9).expect("valid input");
            let wide = wilson(x, n, 0.99).expect("valid input");
            assert!(half_width(&wide) > half_width(&narrow), "{x}/{n}");
            let bigger = wilson(4 * x, 4 * n, 0.9).expect("valid input");
            assert!(half_width(&bigger) < half_width(&narrow), "{x}/{n}");
        }
    }
}

#[test]
fn half_width_of_interval() {
    let i = Interval {
        low: 0.25,
        high: 0.5,
    };
    assert_eq!(half_width(&i), 0.125);
}

#[test]
fn sample_size_worst_case_five_points() {
    // At p = 0.5 the Wilson half-width is (z/2) / √(n + z²), so
    // n >= z²/(4·0.05²) - z² = 384.1459 - 3.8415 = 380.30: n = 381.
    // (The normal approximation z²/(4·0.05²) gives 385.)
    let n = sample_size_for_half_width(0.5, 0.05, 0.95);
    assert_eq!(n, 381);
    assert!(half_at(0.5, 381, Z95) <= 0.05);
    assert!(half_at(0.5, 380, Z95) > 0.05);
    assert!(close(half_at(0.5, 381, Z95), 0.049_954_794, 1e-8));
    assert!(close(half_at(0.5, 380, Z95), 0.050_019_823, 1e-8));
}

#[test]
fn sample_size_known_values() {
    // Each verified against the half-width at n and n - 1 below, and
    // against mpmath.
    let cases = [
        (0.5, 0.05, 0.95, Z95, 381),
        (0.5, 0.03, 0.95, Z95, 1064),
        (0.5, 0.1, 0.95, Z95, 93),
        (0.3, 0.05, 0.95, Z95, 320),
        (0.1, 0.03, 0.99, Z99, 669),
        (0.0, 0.05, 0.95, Z95, 35),
        (1.0, 0.05, 0.95, Z95, 35),
        (0.5, 0.05, 0.99, Z99, 657),
    ];
    for (p, hw, c, z, expected) in cases {
        let n = sample_size_for_half_width(p, hw, c);
        assert_eq!(n, expected, "p {p}, ±{hw} at {c}");
        assert!(half_at(p, n, z) <= hw, "p {p} at n");
        assert!(half_at(p, n - 1, z) > hw, "p {p} at n - 1");
    }
}

#[test]
fn sample_size_is_minimal_property() {
    for (i, c) in [0.8, 0.9, 0.95, 0.99].into_iter().enumerate() {
        let z = normal_quantile(0.5 + c / 2.0);
        for pi in 0..=20 {
            let p = f64::from(pi) / 20.0;
            for hi in 1..=30 {
                let hw = f64::from(hi) / 200.0 + 0.001 * i as f64;
                let n = sample_size_for_half_width(p, hw, c);
                assert!(n >= 1);
                assert!(half_at(p, n, z) <= hw, "p {p} ±{hw} at {c}");
                if n > 1 {
                    assert!(half_at(p, n - 1, z) > hw, "p {p} ±{hw} at {c}");
                }
                // The worst case really is p = 0.5.
                assert!(n <= sample_size_for_half_width(0.5, hw, c));
            }
        }
    }
}

#[test]
fn sample_size_matches_wilson_intervals() {
    // When p·n is a whole number of cases the planned half-width is
    // exactly that of wilson(): 30 % of 320 is 96.
    assert_eq!(sample_size_for_half_width(0.3, 0.05, 0.95), 320);
    let at = wilson(96, 320, 0.95).expect("valid input");
    assert!(close(half_width(&at), half_at(0.3, 320, Z95), 1e-14));
    assert!(half_width(&at) <= 0.05);
}

#[test]
fn sample_size_edges() {
    assert_eq!(sample_size_for_half_width(0.5, 0.5, 0.95), 1);
    assert_eq!(sample_size_for_half_width(0.5, 0.0, 0.95), u64::MAX);
    assert_eq!(sample_size_for_half_width(0.5, -0.1, 0.95), u64::MAX);
    assert_eq!(sample_size_for_half_width(0.5, f64::NAN, 0.95), u64::MAX);
    assert_eq!(sample_size_for_half_width(f64::NAN, 0.05, 0.95), u64::MAX);
    assert_eq!(sample_size_for_half_width(0.5, 0.05, 1.0), u64::MAX);
    assert_eq!(sample_size_for_half_width(0.5, 1e-12, 0.95), u64::MAX);
    // Clamped p
    assert_eq!(
        sample_size_for_half_width(1.5, 0.05, 0.95),
        sample_size_for_half_width(1.0, 0.05, 0.95)
    );
    // Very small but reachable targets still terminate.
    let n = sample_size_for_half_width(0.5, 1e-5, 0.95);
    assert!(close(n as f64, Z95 * Z95 / 4e-10 - Z95 * Z95, 2.0), "{n}");
}

#[test]
fn additional_cases_for_breakdown() {
    // 74 cases, 23 / 23 / 28. The 28 (p = 0.378) has the interval
    // 0.2765–0.4923; planned at its upper end, nearest 50 %.
    let counts = [23, 23, 28];
    let upper = wilson(28, 74, 0.95).expect("valid input").high;
    assert!((upper - 0.4923).abs() < 1e-3, "{upper}");
    let needed_total = sample_size_for_half_width(upper, 0.05, 0.95);
    assert!(half_at(upper, needed_total, Z95) <= 0.05);
    assert!(half_at(upper, needed_total - 1, Z95) > 0.05);
    assert_eq!(
        additional_cases_needed(&counts, 0.05, 0.95),
        needed_total - 74
    );
    // More than planning at the observed shares would say (358 in all).
    assert_eq!(sample_size_for_half_width(28.0 / 74.0, 0.05, 0.95), 358);
    assert!(needed_total > 358 && needed_total <= 381, "{needed_total}");
    // ±12 points holds at 74 even at 50 % (±11.1).
    assert_eq!(additional_cases_needed(&counts, 0.12, 0.95), 0);
    // A level at 50 % now is planned at 50 %: exactly the current precision
    // needs nothing more.
    let even = [37, 37];
    let widest = half_width(&wilson(37, 74, 0.95).expect("valid input"));
    assert_eq!(additional_cases_needed(&even, widest, 0.95), 0);
    assert_eq!(additional_cases_needed(&even, widest * 0.999, 0.95), 1);
}

#[test]
fn additional_cases_from_nothing() {
    assert_eq!(additional_cases_needed(&[0, 0, 0], 0.05, 0.95), 381);
    assert_eq!(additional_cases_needed(&[], 0.05, 0.95), 381);
    assert_eq!(additional_cases_needed(&[0, 0], 0.0, 0.95), u64::MAX);
}

#[test]
fn additional_cases_property() {
    // After adding the cases (same shares), every level is within target;
    // one case fewer, some level is not.
    for a in 0..=20u64 {
        for b in 0..=20u64 {
            let counts = [a, b, 10];
            let total = a + b + 10;
            let extra = additional_cases_needed(&counts, 0.08, 0.95);
            // Planned at the value in each interval nearest 50 %.
            let planned: Vec<f64> = counts
                .iter()
                .map(|&c| {
                    let i = wilson(c, total, 0.95).expect("valid input");
                    0.5_f64.clamp(i.low, i.high)
                })
                .collect();
            let widest_at = |n: u64| {
                planned
                    .iter()
                    .map(|&p| half_at(p, n, Z95))
                    .fold(0.0, f64::max)
            };
            assert!(widest_at(total + extra) <= 0.08, "{counts:?}");
            if extra > 0 {
                assert!(widest_at(total + extra - 1) > 0.08, "{counts:?}");
            }
        }
    }
}
