//! Statistics for tallies and reports: how precisely a graded sample pins
//! down the breakdown of grades, how many more cases would sharpen it, and
//! whether the breakdown differs from a reference breakdown.
//!
//! Everything here is pure and uses only `std`; the numerical routines
//! (normal quantile, log-gamma, incomplete gamma) are implemented in the
//! submodules and re-exported here, so all items live at
//! `crate::model::stats`.
//!
//! * [`wilson`], [`half_width`], [`sample_size_for_half_width`] and
//!   [`additional_cases_needed`]: confidence intervals for the share of
//!   cases at one grade, and sample-size planning.
//! * [`compare_with_reference`]: chi-square (or, for small samples, exact
//!   multinomial) goodness of fit against a reference breakdown.
//! * [`agreement`]: inter-rater agreement (kappas, Krippendorff's alpha)
//!   with bootstrap intervals.
//! * [`percent`]: whole percentages for display, in integer arithmetic.
//! * [`normal_quantile`] and [`chi_square_sf`]: the underlying
//!   distribution functions.

pub mod agreement;
mod distributions;
mod goodness;
mod interval;

pub use distributions::{chi_square_sf, normal_quantile};
pub use goodness::{FitMethod, GoodnessOfFit, compare_with_reference};
pub use interval::{
    Interval, additional_cases_needed, half_width, sample_size_for_half_width, wilson,
};

/// `count` as a whole percentage of `total`, rounded half up
/// (1 of 8 is 12.5 %, shown as 13); 0 when `total` is 0.
///
/// Computed in integer arithmetic, so values that are exactly halfway always
/// round up. A `count` larger than `total` gives more than 100, saturating at
/// `u32::MAX`.
pub fn percent(count: u64, total: u64) -> u32 {
    if total == 0 {
        return 0;
    }
    let (count, total) = (u128::from(count), u128::from(total));
    // floor(100 * count / total + 1/2) = floor((200 * count + total) / (2 * total))
    let rounded = (200 * count + total) / (2 * total);
    u32::try_from(rounded).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_known_values() {
        assert_eq!(percent(23, 74), 31);
        assert_eq!(percent(28, 74), 38);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(3, 8), 38); // 37.5
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 200), 1); // 0.5
        assert_eq!(percent(1, 201), 0); // 0.497...
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(percent(0, 7), 0);
        assert_eq!(percent(7, 7), 100);
        assert_eq!(percent(3, 2), 150);
    }

    #[test]
    fn percent_extremes_do_not_overflow() {
        assert_eq!(percent(u64::MAX, u64::MAX), 100);
        assert_eq!(percent(u64::MAX / 2, u64::MAX), 50);
        assert_eq!(percent(u64::MAX, 1), u32::MAX);
    }

    #[test]
    fn percent_matches_exact_rational_rounding() {
        // Compare with exact rational arithmetic: 100 * c / t rounded half up.
        for total in 1..=300u64 {
            for count in 0..=total {
                let scaled = 100 * count;
                let (q, r) = (scaled / total, scaled % total);
                let expected = if 2 * r >= total { q + 1 } else { q };
                assert_eq!(
                    u64::from(percent(count, total)),
                    expected,
                    "{count}/{total}"
                );
            }
        }
    }

    #[test]
    fn percent_of_breakdown_is_near_100() {
        // Rounded shares of a breakdown never drift more than half a point
        // per level from 100 in total.
        let counts = [23u64, 23, 28];
        let sum: u32 = counts.iter().map(|&c| percent(c, 74)).sum();
        assert_eq!(sum, 100); // 31 + 31 + 38
    }
}
