//! Distribution functions: the standard normal quantile (Wichura's AS241),
//! log-gamma (Lanczos) and the regularised incomplete gamma function, which
//! gives the chi-square survival function.

/// The standard normal quantile (inverse CDF): the `z` with `Φ(z) = p`.
///
/// Wichura's algorithm AS241 (`PPND16`), accurate to about 1e-16 relative,
/// i.e. far better than 1e-9 over the whole open interval (0, 1).
/// Returns `-inf` for `p <= 0`, `+inf` for `p >= 1`, and NaN for NaN.
///
/// For a two-sided confidence level `c` (e.g. 0.95), the critical value is
/// `normal_quantile(0.5 + c / 2)` (≈ 1.959964).
#[allow(
    clippy::excessive_precision,
    clippy::too_many_lines,
    reason = "AS241's coefficients and branches are kept exactly as published"
)]
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        let num = (((((((2.509_080_928_730_122_672_7e3 * r + 3.343_057_558_358_812_810_5e4)
            * r
            + 6.726_577_092_700_870_085_3e4)
            * r
            + 4.592_195_393_154_987_145_7e4)
            * r
            + 1.373_169_376_550_946_112_5e4)
            * r
            + 1.971_590_950_306_551_442_7e3)
            * r
            + 1.331_416_678_917_843_774_5e2)
            * r
            + 3.387_132_872_796_366_608_0)
            * q;
        let den = ((((((5.226_495_278_852_854_561_0e3 * r + 2.872_908_573_572_194_267_4e4) * r
            + 3.930_789_580_009_271_061_0e4)
            * r
            + 2.121_379_430_158_659_586_7e4)
            * r
            + 5.394_196_021_424_751_107_7e3)
            * r
            + 6.871_870_074_920_579_083_0e2)
            * r
            + 4.231_333_070_160_091_125_2e1)
            * r
            + 1.0;
        return num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-tail.ln()).sqrt();
    let x = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.745_450_142_783_414_076_40e-4 * r + 2.272_384_498_926_918_458_33e-2)
            * r
            + 2.417_807_251_774_506_117_70e-1)
            * r
            + 1.270_458_252_452_368_382_58)
            * r
            + 3.647_848_324_763_204_605_04)
            * r
            + 5.769_497_221_460_691_405_50)
            * r
            + 4.630_337_846_156_545_295_90)
            * r
            + 1.423_437_110_749_683_577_34;
        let den = ((((((1.050_750_071_644_416_843_24e-9 * r + 5.475_938_084_995_344_946_00e-4)
            * r
            + 1.519_866_656_361_645_719_66e-2)
            * r
            + 1.481_039_764_274_800_745_90e-1)
            * r
            + 6.897_673_349_851_000_045_50e-1)
            * r
            + 1.676_384_830_183_803_849_40)
            * r
            + 2.053_191_626_637_758_821_87)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.010_334_399_292_288_132_65e-7 * r + 2.711_555_568_743_487_578_15e-5)
            * r
            + 1.242_660_947_388_078_438_60e-3)
            * r
            + 2.653_218_952_657_612_309_30e-2)
            * r
            + 2.965_605_718_285_048_912_30e-1)
            * r
            + 1.784_826_539_917_291_335_80)
            * r
            + 5.463_784_911_164_114_369_90)
            * r
            + 6.657_904_643_501_103_777_20;
        let den =
            ((((((2.044_263_103_389_939_785_64e-15 * r + 1.421_511_758_316_445_888_70e-7) * r
                + 1.846_318_317_510_054_681_80e-5)
                * r
                + 7.868_691_311_456_132_591_00e-4)
                * r
                + 1.487_536_129_085_061_485_25e-2)
                * r
                + 1.369_298_809_227_358_053_10e-1)
                * r
                + 5.998_322_065_558_879_376_90e-1)
                * r
                + 1.0;
        num / den
    };
    if q < 0.0 { -x } else { x }
}

/// Lanczos coefficients (g = 7, n = 9).
#[allow(
    clippy::excessive_precision,
    reason = "Lanczos coefficients are kept exactly as published"
)]
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_93,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_13,
    -176.615_029_162_140_59,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_571_6e-6,
    1.505_632_735_149_311_6e-7,
];

/// Natural log of the gamma function for `x > 0` (Lanczos approximation,
/// g = 7, relative error around 1e-15; reflection below 0.5).
pub(super) fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Γ(x) Γ(1 - x) = π / sin(πx)
        let s = (std::f64::consts::PI * x).sin();
        return (std::f64::consts::PI / s.abs()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = LANCZOS[0];
    let mut denom = x;
    for &c in &LANCZOS[1..] {
        denom += 1.0;
        a += c / denom;
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Iteration cap for the series and continued fraction; both converge in
/// O(√a) steps, far fewer than this for any degrees of freedom in use.
const MAX_ITERATIONS: u32 = 100_000;

/// Regularised upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a)`,
/// for `a > 0`, `x >= 0` (Numerical Recipes `gammq`: series for
/// `x < a + 1`, Lentz continued fraction otherwise).
#[allow(
    clippy::many_single_char_names,
    reason = "the names of the published algorithm"
)]
pub(super) fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    // ln of x^a e^-x / Γ(a), the common prefactor.
    let ln_prefactor = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        // P(a, x) = prefactor / a * Σ x^n / ((a+1)...(a+n))
        let mut ap = a;
        let mut term = 1.0 / a;
        let mut sum = term;
        for _ in 0..MAX_ITERATIONS {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * f64::EPSILON {
                break;
            }
        }
        (1.0 - sum * ln_prefactor.exp()).clamp(0.0, 1.0)
    } else {
        const TINY: f64 = f64::MIN_POSITIVE / f64::EPSILON;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..=MAX_ITERATIONS {
            let i = f64::from(i);
            let an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < f64::EPSILON {
                break;
            }
        }
        (ln_prefactor.exp() * h).clamp(0.0, 1.0)
    }
}

/// Survival function of the chi-square distribution with `df` degrees of
/// freedom: `P(X >= x) = Q(df / 2, x / 2)`, the p-value of a chi-square
/// statistic `x`.
///
/// Returns 1 for `x <= 0` and NaN for NaN. With `df == 0` the distribution
/// is a point mass at 0, so the result is 0 for every `x > 0`.
pub fn chi_square_sf(x: f64, df: u32) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if df == 0 {
        return 0.0;
    }
    gamma_q(f64::from(df) / 2.0, x / 2.0)
}

#[cfg(test)]
pub(super) mod tests;
