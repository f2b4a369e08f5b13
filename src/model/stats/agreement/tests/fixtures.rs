//! The statistics against `tests/fixtures/agreement/fixtures.json`: values
//! from scikit-learn, statsmodels and the `krippendorff` package (versions
//! recorded in the file), made by `make_fixtures.py` beside it.

use serde_json::Value as Json;

use super::*;

const FIXTURES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/agreement/fixtures.json"
));

fn tables() -> Vec<Json> {
    let doc: Json = serde_json::from_str(FIXTURES).expect("fixture is JSON");
    for package in ["numpy", "scikit-learn", "statsmodels", "krippendorff"] {
        assert!(
            doc["packages"][package].is_string(),
            "{package} version recorded"
        );
    }
    doc["tables"].as_array().expect("tables").clone()
}

fn count(table: &Json, key: &str) -> usize {
    table["expected"][key].as_u64().expect("a count") as usize
}

fn number(table: &Json, key: &str) -> f64 {
    table["expected"][key]
        .as_f64()
        .unwrap_or_else(|| panic!("{}: {key}", table["name"]))
}

fn ratings(table: &Json) -> Ratings {
    let levels = table["levels"].as_u64().expect("levels") as usize;
    let raters = table["raters"].as_u64().expect("raters") as usize;
    let mut ratings = Ratings::new(levels, raters).expect("valid scale");
    for unit in table["ratings"].as_array().expect("ratings") {
        let cells: Vec<Option<u8>> = unit
            .as_array()
            .expect("unit")
            .iter()
            .map(|g| g.as_u64().map(|g| g as u8))
            .collect();
        ratings.push_unit(&cells).expect("valid unit");
    }
    ratings
}

/// The value matches to 1e-9 relative and the bootstrap interval holds it.
fn check(name: &str, what: &str, estimate: &Estimate, expected: f64) {
    let actual = value(estimate);
    assert!(
        close(actual, expected),
        "{name} {what}: {actual} vs {expected}"
    );
    match estimate.interval {
        Bounds::Defined { low, high } => {
            assert!(
                low <= actual && actual <= high,
                "{name} {what}: {estimate:?}"
            );
        }
        Bounds::Undefined(why) => panic!("{name} {what}: no interval: {why}"),
    }
}

#[test]
fn many_raters_match_statsmodels_and_krippendorff() {
    for table in tables() {
        let name = table["name"].as_str().expect("name");
        let ratings = ratings(&table);
        let r = many_raters(&ratings, &Bootstrap::default());
        assert_eq!(r.units, count(&table, "units"), "{name}");
        assert_eq!(r.pairable_units, count(&table, "pairable_units"), "{name}");
        check(name, "fleiss", &r.fleiss, number(&table, "fleiss"));
        check(name, "alpha", &r.alpha, number(&table, "alpha_ordinal"));
        assert!(close(
            value(&r.alpha),
            number(&table, "alpha_ordinal_observed_domain")
        ));
        for (metric, key) in [
            (Metric::Nominal, "alpha_nominal"),
            (Metric::Ordinal, "alpha_ordinal"),
            (Metric::Interval, "alpha_interval"),
        ] {
            let actual = alpha(&ratings, metric).get().expect("defined");
            assert!(close(actual, number(&table, key)), "{name} {key}: {actual}");
        }
    }
}

#[test]
fn two_raters_match_sklearn_and_krippendorff() {
    let mut checked = 0;
    for table in tables() {
        if table["expected"]["cohen"].is_null() {
            continue;
        }
        checked += 1;
        let name = table["name"].as_str().expect("name");
        let ratings = ratings(&table);
        let pairs = ratings.iter_units().map(|unit| match unit {
            [Some(a), Some(b)] => (*a, *b),
            _ => panic!("{name}: two complete grades"),
        });
        let r = two_raters(pairs, ratings.levels(), &Bootstrap::default()).expect("valid");
        assert_eq!(r.pairs as usize, ratings.units());
        check(name, "percent", &r.percent, number(&table, "percent"));
        check(name, "cohen", &r.cohen, number(&table, "cohen"));
        check(name, "linear", &r.linear, number(&table, "linear"));
        check(name, "quadratic", &r.quadratic, number(&table, "quadratic"));
        check(name, "alpha", &r.alpha, number(&table, "alpha_ordinal"));
        let confusion: Vec<Vec<u64>> =
            serde_json::from_value(table["expected"]["confusion"].clone()).expect("matrix");
        assert_eq!(r.confusion, confusion, "{name}");
    }
    assert_eq!(checked, 5);
}

#[test]
fn textbook_values_as_published() {
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    let by_name = |wanted: &str| {
        tables()
            .into_iter()
            .find(|t| t["name"] == wanted)
            .expect("fixture table")
    };
    // Fleiss (1971): κ = 0.430.
    let r = many_raters(&ratings(&by_name("fleiss_1971")), &Bootstrap::default());
    assert!((round3(value(&r.fleiss)) - 0.430).abs() < 1e-12, "{r:?}");
    // Krippendorff (2011): α = 0.743 nominal, 0.815 ordinal, 0.849 interval.
    let k = ratings(&by_name("krippendorff_2011"));
    for (metric, published) in [
        (Metric::Nominal, 0.743),
        (Metric::Ordinal, 0.815),
        (Metric::Interval, 0.849),
    ] {
        let a = alpha(&k, metric).get().expect("defined");
        assert!((round3(a) - published).abs() < 1e-12, "{metric:?}: {a}");
    }
    assert_eq!(many_raters(&k, &Bootstrap::default()).pairable_units, 11);
}
