use super::*;

fn close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol
}

/// Relative closeness, for values spanning many orders of magnitude.
fn rel_close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol * expected.abs()
}

/// Standard normal CDF from the incomplete gamma function
/// (Φ(z) = ½ ± ½ P(½, z²/2)): independent of AS241, used to check it.
pub(in crate::model::stats) fn normal_cdf(z: f64) -> f64 {
    let upper_tail = 0.5 * gamma_q(0.5, z * z / 2.0);
    if z < 0.0 {
        upper_tail
    } else {
        1.0 - upper_tail
    }
}

#[test]
fn normal_quantile_known_values() {
    // Reference values from mpmath at 40 digits (sqrt(2) erfinv(2p - 1), or a
    // root of erfc for the far tail).
    let cases = [
        (0.975, 1.959_963_984_540_054_2),
        (0.995, 2.575_829_303_548_901),
        (0.95, 1.644_853_626_951_472_7),
        (0.9, 1.281_551_565_544_600_5),
        (0.8, 0.841_621_233_572_914_2),
        (0.5, 0.0),
        (0.3, -0.524_400_512_708_040_8),
        (0.025, -1.959_963_984_540_054_2),
        (0.02425, -1.972_961_051_311_885),
        (1e-10, -6.361_340_902_404_057),
        (1e-20, -9.262_340_089_798_407),
        (1e-100, -21.273_453_560_965_324),
        (1e-300, -37.047_096_299_361_2),
        (1.0 - 1e-12, 7.034_486_910_047_835), // for the f64 nearest 1 - 1e-12
    ];
    for (p, z) in cases {
        let got = normal_quantile(p);
        assert!(close(got, z, 1e-9), "z({p}) = {got}, expected {z}");
    }
    assert!(close(normal_quantile(0.975), 1.959_963_985, 1e-9));
    assert!(close(normal_quantile(0.995), 2.575_829_304, 1e-9));
}

#[test]
fn normal_quantile_edges() {
    assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
    assert_eq!(normal_quantile(-1.0), f64::NEG_INFINITY);
    assert_eq!(normal_quantile(1.0), f64::INFINITY);
    assert_eq!(normal_quantile(2.0), f64::INFINITY);
    assert!(normal_quantile(f64::NAN).is_nan());
}

#[test]
fn normal_quantile_is_odd_and_increasing() {
    let mut previous = f64::NEG_INFINITY;
    for i in 1..2000 {
        let p = f64::from(i) / 2000.0;
        let z = normal_quantile(p);
        assert!(z > previous, "not increasing at {p}");
        previous = z;
        assert!(close(z, -normal_quantile(1.0 - p), 1e-12), "not odd at {p}");
    }
}

#[test]
fn normal_quantile_inverts_independent_cdf() {
    // Round trip through a CDF built on the incomplete gamma function.
    for i in 1..1000 {
        let p = f64::from(i) / 1000.0;
        let back = normal_cdf(normal_quantile(p));
        assert!(close(back, p, 1e-13), "Φ(z({p})) = {back}");
    }
    for e in 3..=100 {
        let p = 10f64.powi(-e);
        let back = normal_cdf(normal_quantile(p));
        assert!(rel_close(back, p, 1e-12), "Φ(z({p})) = {back}");
    }
}

#[test]
fn ln_gamma_known_values() {
    let pi = std::f64::consts::PI;
    assert!(close(ln_gamma(1.0), 0.0, 1e-14));
    assert!(close(ln_gamma(2.0), 0.0, 1e-14));
    assert!(close(ln_gamma(0.5), 0.5 * pi.ln(), 1e-14));
    assert!(close(ln_gamma(1.5), (0.5 * pi.sqrt()).ln(), 1e-14));
    assert!(rel_close(ln_gamma(10.0), 362_880f64.ln(), 1e-14));
    // mpmath loggamma
    assert!(rel_close(ln_gamma(100.5), 361.435_540_467_777_6, 1e-14));
    assert!(rel_close(ln_gamma(0.1), 2.252_712_651_734_206, 1e-14));
    assert!(rel_close(ln_gamma(1000.0), 5_905.220_423_209_181, 1e-14));
    // Factorials by recurrence.
    let mut ln_fact = 0.0;
    for n in 1..=170u32 {
        ln_fact += f64::from(n).ln();
        assert!(
            rel_close(ln_gamma(f64::from(n) + 1.0), ln_fact, 1e-13),
            "ln {n}!"
        );
    }
}

#[test]
fn chi_square_sf_known_values() {
    assert!(close(chi_square_sf(3.841_459, 1), 0.05, 1e-7));
    assert!(close(chi_square_sf(5.991_465, 2), 0.05, 1e-7));
    assert!(close(chi_square_sf(10.0, 2), (-5.0f64).exp(), 1e-15));
    assert!(close(chi_square_sf(10.0, 2), 0.006_738, 1e-6));
    // Reference values from mpmath: gammainc(k/2, x/2, inf, regularized=True).
    let cases = [
        (1.0, 1, 0.317_310_507_862_914_1),
        (1.0, 3, 0.801_251_956_901_200_8),
        (0.5, 7, 0.999_446_481_390_425),
        (0.001, 1, 0.974_772_879_369_960_4),
        (20.0, 10, 0.029_252_688_076_961_073),
        (100.0, 50, 3.454_931_382_984_864e-5),
        (7.814_727_903_251_178, 3, 0.050_000_000_000_000_044),
        (45.0, 40, 0.270_544_349_339_854_7),
        (80.0, 2, 4.248_354_255_291_589e-18),
        (150.0, 3, 2.634_913_928_488_044e-32),
    ];
    for (x, df, expected) in cases {
        let got = chi_square_sf(x, df);
        assert!(
            rel_close(got, expected, 1e-10),
            "sf({x}, {df}) = {got}, expected {expected}"
        );
    }
}

#[test]
fn chi_square_sf_edges() {
    for df in 0..20 {
        assert_eq!(chi_square_sf(0.0, df), 1.0);
        assert_eq!(chi_square_sf(-3.0, df), 1.0);
        assert_eq!(chi_square_sf(f64::INFINITY, df.max(1)), 0.0);
    }
    assert_eq!(chi_square_sf(1.0, 0), 0.0);
    assert!(chi_square_sf(f64::NAN, 3).is_nan());
}

#[test]
fn chi_square_sf_is_decreasing_and_bounded() {
    for df in 1..=30 {
        let mut previous = 1.0;
        for i in 1..=400 {
            let x = f64::from(i) * 0.25;
            let sf = chi_square_sf(x, df);
            assert!((0.0..=1.0).contains(&sf), "sf({x}, {df}) = {sf}");
            assert!(sf <= previous + 1e-15, "sf not decreasing at ({x}, {df})");
            previous = sf;
        }
    }
}

#[test]
fn chi_square_sf_series_and_fraction_agree_at_switch() {
    // The algorithm switches at x/2 = df/2 + 1; both sides must meet.
    for df in 1..=60 {
        let switch = f64::from(df) + 2.0;
        let below = chi_square_sf(switch * (1.0 - 1e-12), df);
        let above = chi_square_sf(switch * (1.0 + 1e-12), df);
        assert!(close(below, above, 1e-11), "df {df}: {below} vs {above}");
    }
}

#[test]
fn chi_square_sf_matches_closed_forms() {
    // df = 2: e^(-x/2).
    for i in 0..=200 {
        let x = f64::from(i) * 0.3;
        assert!(rel_close(chi_square_sf(x, 2), (-x / 2.0).exp(), 1e-12));
        // df = 4: e^(-x/2) (1 + x/2)
        let four = (-x / 2.0).exp() * (1.0 + x / 2.0);
        assert!(rel_close(chi_square_sf(x, 4), four, 1e-12), "df 4 at {x}");
    }
}
