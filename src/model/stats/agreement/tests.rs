use super::formulas::{NO_PAIRS, ONE_GRADE};
use super::*;

mod bootstrap;
mod fixtures;

/// Equal to 1e-9 relative (1e-12 absolute near zero).
fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1e-3)
}

fn value(e: &Estimate) -> f64 {
    e.value.get().expect("defined estimate")
}

fn repeat(cells: &[((u8, u8), usize)]) -> Vec<(u8, u8)> {
    cells
        .iter()
        .flat_map(|&(pair, n)| std::iter::repeat_n(pair, n))
        .collect()
}

fn table(levels: usize, units: &[&[Option<u8>]]) -> Ratings {
    let mut ratings = Ratings::new(levels, units[0].len()).expect("valid scale");
    for unit in units {
        ratings.push_unit(unit).expect("valid unit");
    }
    ratings
}

const NO_BOOT: Bootstrap = Bootstrap {
    resamples: 0,
    seed: 1,
    confidence: 0.95,
};

#[test]
fn cohen_wikipedia_two_by_two() {
    // Yes/yes 20, A yes B no 5, A no B yes 10, no/no 15:
    // p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
    let pairs = repeat(&[((0, 0), 20), ((0, 1), 5), ((1, 0), 10), ((1, 1), 15)]);
    let r = two_raters(pairs, 2, &NO_BOOT).expect("valid grades");
    assert_eq!(r.pairs, 50);
    assert_eq!(r.confusion, vec![vec![20, 5], vec![10, 15]]);
    assert!(close(value(&r.percent), 0.7));
    for kappa in [&r.cohen, &r.linear, &r.quadratic] {
        assert!(close(value(kappa), 0.4), "{kappa:?}");
        assert_eq!(
            kappa.interval,
            Bounds::Undefined("no bootstrap resamples were asked for")
        );
    }
}

#[test]
fn hand_computed_three_raters_with_gaps() {
    // Units [0,0,-], [0,1,1], [1,-,-] (the last is not pairable).
    // Fleiss: P = 1 and 1/3, P̄ = 2/3; p = (3/5, 2/5), P_e = 13/25;
    // κ = (2/3 − 13/25)/(12/25) = 11/36.
    // Alpha: o = [[2,1],[1,1]], n = (3,2); D_o ∝ 2, D_e ∝ 2·3·2 = 12,
    // α = 1 − 4·2/12 = 1/3 for every metric on two levels.
    let ratings = table(
        2,
        &[
            &[Some(0), Some(0), None],
            &[Some(0), Some(1), Some(1)],
            &[Some(1), None, None],
        ],
    );
    let r = many_raters(&ratings, &NO_BOOT);
    assert_eq!((r.units, r.pairable_units), (3, 2));
    assert!(close(value(&r.fleiss), 11.0 / 36.0), "{r:?}");
    assert!(close(value(&r.alpha), 1.0 / 3.0), "{r:?}");
    for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
        assert!(close(
            alpha(&ratings, metric).get().expect("defined"),
            1.0 / 3.0
        ));
    }
}

#[test]
fn perfect_agreement_is_one() {
    let pairs = repeat(&[((0, 0), 3), ((2, 2), 4), ((3, 3), 1)]);
    let r = two_raters(pairs, 4, &Bootstrap::default()).expect("valid grades");
    for e in [&r.percent, &r.cohen, &r.linear, &r.quadratic, &r.alpha] {
        assert!(close(value(e), 1.0), "{e:?}");
    }
    let ratings = table(
        3,
        &[&[Some(0), Some(0), None], &[Some(2), Some(2), Some(2)]],
    );
    let r = many_raters(&ratings, &NO_BOOT);
    assert!(
        close(value(&r.fleiss), 1.0) && close(value(&r.alpha), 1.0),
        "{r:?}"
    );
}

#[test]
fn one_grade_for_everything_is_undefined_in_words() {
    let r = two_raters(repeat(&[((2, 2), 9)]), 4, &Bootstrap::default()).expect("valid");
    assert!(close(value(&r.percent), 1.0));
    assert_eq!(
        r.percent.interval,
        Bounds::Defined {
            low: 1.0,
            high: 1.0
        }
    );
    for e in [&r.cohen, &r.linear, &r.quadratic, &r.alpha] {
        assert_eq!(e.value, Value::Undefined(ONE_GRADE));
        assert_eq!(
            e.interval,
            Bounds::Undefined("the estimate itself is undefined")
        );
        assert_eq!(e.skipped, 1000);
    }
    assert_eq!(
        ONE_GRADE,
        "every grade given was the same, so chance agreement is total"
    );
    let ratings = table(
        3,
        &[&[Some(1), Some(1), None], &[Some(1), Some(1), Some(1)]],
    );
    let r = many_raters(&ratings, &NO_BOOT);
    assert_eq!(r.fleiss.value, Value::Undefined(ONE_GRADE));
    assert_eq!(r.alpha.value, Value::Undefined(ONE_GRADE));
}

#[test]
fn no_pairs_is_undefined_in_words() {
    let r = two_raters(std::iter::empty(), 3, &Bootstrap::default()).expect("valid");
    assert_eq!(r.pairs, 0);
    assert_eq!(r.confusion, vec![vec![0; 3]; 3]);
    for e in [&r.percent, &r.cohen, &r.linear, &r.quadratic, &r.alpha] {
        assert_eq!(e.value, Value::Undefined(NO_PAIRS));
        assert!(matches!(e.interval, Bounds::Undefined(_)));
    }
    assert_eq!(NO_PAIRS, "no case was graded by two reviewers");
    let ratings = table(3, &[&[Some(1), None], &[None, None], &[None, Some(0)]]);
    let r = many_raters(&ratings, &Bootstrap::default());
    assert_eq!((r.units, r.pairable_units), (3, 0));
    assert_eq!(r.fleiss.value, Value::Undefined(NO_PAIRS));
    assert_eq!(r.alpha.value, Value::Undefined(NO_PAIRS));
    assert_eq!(
        alpha(&ratings, Metric::Interval),
        Value::Undefined(NO_PAIRS)
    );
}

#[test]
fn a_single_case() {
    // A disagreement: observed = expected, so κ = 0 and α = 0.
    let r = two_raters([(0, 1)], 3, &Bootstrap::default()).expect("valid");
    assert_eq!(r.pairs, 1);
    assert!(close(value(&r.percent), 0.0));
    for e in [&r.cohen, &r.linear, &r.quadratic, &r.alpha] {
        assert!(close(value(e), 0.0), "{e:?}");
        assert_eq!(
            e.interval,
            Bounds::Defined {
                low: 0.0,
                high: 0.0
            }
        );
    }
    // An agreement: only one grade, so the kappas are undefined.
    let r = two_raters([(1, 1)], 3, &NO_BOOT).expect("valid");
    assert!(close(value(&r.percent), 1.0));
    assert_eq!(r.cohen.value, Value::Undefined(ONE_GRADE));
}

#[test]
fn one_rater_with_one_grade_gives_kappa_zero() {
    // B varies, A always says 1: agreement is exactly what chance gives.
    let pairs = repeat(&[((1, 0), 3), ((1, 1), 5), ((1, 2), 2)]);
    let r = two_raters(pairs, 3, &NO_BOOT).expect("valid");
    assert!(close(value(&r.percent), 0.5));
    for e in [&r.cohen, &r.linear, &r.quadratic] {
        assert_eq!(e.value, Value::Defined(0.0), "{e:?}");
    }
}

#[test]
fn unused_levels_change_nothing() {
    // Levels 1, 2 and 4 unused on a 6-level scale; the same grades on a
    // 9-level scale give the same kappas (weights depend on |i − j| only),
    // and the ordinal alpha equals that of the order-preserving relabelling
    // onto 0, 1, 2 (the ordinal metric sees only the ranks and counts).
    let cells = [
        ((0, 0), 7),
        ((0, 3), 2),
        ((3, 3), 5),
        ((5, 3), 3),
        ((5, 5), 4),
        ((3, 0), 1),
    ];
    let small = two_raters(repeat(&cells), 6, &NO_BOOT).expect("valid");
    let wide = two_raters(repeat(&cells), 9, &NO_BOOT).expect("valid");
    let rank = |g: u8| [0, 9, 9, 1, 9, 2][usize::from(g)];
    let ranked: Vec<_> = repeat(&cells)
        .into_iter()
        .map(|(a, b)| (rank(a), rank(b)))
        .collect();
    let ranked = two_raters(ranked, 3, &NO_BOOT).expect("valid");
    for (s, w) in [
        (&small.percent, &wide.percent),
        (&small.cohen, &wide.cohen),
        (&small.linear, &wide.linear),
        (&small.quadratic, &wide.quadratic),
        (&small.alpha, &wide.alpha),
    ] {
        assert!(close(value(s), value(w)), "{s:?} {w:?}");
    }
    assert!(close(value(&small.alpha), value(&ranked.alpha)));
    assert!(close(value(&small.cohen), value(&ranked.cohen)));
}

#[test]
fn two_raters_and_many_raters_agree_on_alpha() {
    let cells = [
        ((0, 0), 4),
        ((0, 1), 2),
        ((1, 1), 6),
        ((2, 1), 1),
        ((2, 2), 3),
    ];
    let pairs = repeat(&cells);
    let r2 = two_raters(pairs.iter().copied(), 3, &NO_BOOT).expect("valid");
    let mut ratings = Ratings::new(3, 2).expect("valid");
    for (a, b) in pairs {
        ratings.push_unit(&[Some(a), Some(b)]).expect("valid");
    }
    let rm = many_raters(&ratings, &NO_BOOT);
    assert!(close(value(&r2.alpha), value(&rm.alpha)));
}

#[test]
fn invalid_input_is_refused() {
    assert_eq!(Ratings::new(0, 2), Err(RatingsError::Levels(0)));
    assert_eq!(Ratings::new(257, 2), Err(RatingsError::Levels(257)));
    assert_eq!(Ratings::new(3, 0), Err(RatingsError::NoRaters));
    let mut r = Ratings::new(3, 2).expect("valid");
    assert_eq!(
        r.push_unit(&[Some(0)]),
        Err(RatingsError::Width {
            expected: 2,
            got: 1
        })
    );
    assert_eq!(
        r.push_unit(&[Some(0), Some(3)]),
        Err(RatingsError::Grade {
            grade: 3,
            levels: 3
        })
    );
    assert_eq!(r.units(), 0);
    r.push_unit(&[None, Some(2)]).expect("valid");
    assert_eq!((r.units(), r.levels(), r.raters()), (1, 3, 2));
    assert_eq!(r.unit(0), Some(&[None, Some(2)][..]));
    assert_eq!(r.unit(1), None);
    assert_eq!(r.unit(usize::MAX), None);
    let err = two_raters([(0, 0), (1, 4)], 4, &NO_BOOT).expect_err("grade 4 of 4");
    assert_eq!(
        err.to_string(),
        "grade 4 is not on a scale of 4 levels (0 to 3)"
    );
    assert!(two_raters([(0, 0)], 0, &NO_BOOT).is_err());
}
