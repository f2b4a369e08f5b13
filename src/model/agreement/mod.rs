//! How far reviewers agree, as `casebench agree` and the agreement section
//! of a moderated session's report state it: the statistics of
//! [`super::stats::agreement`] with their intervals, the confusion matrix,
//! agreement per area of practice, how many cases only one reviewer graded,
//! and every disagreement.

use serde::Serialize;

use super::case::{CaseIdx, Sample};
use super::scale::{LevelIdx, Scale};
use super::stats::agreement::{
    Bootstrap, Bounds, Estimate, PairAgreement, Ratings, Value, many_raters, two_raters,
};
use super::team::distance;

/// One reviewer's grades, one slot per case of the sample.
#[derive(Debug, Clone)]
pub struct Grades {
    /// The reviewer.
    pub reviewer: String,
    /// Grade per case, in sample order.
    pub grades: Vec<Option<LevelIdx>>,
}

/// One statistic as reported: its value and interval, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stat {
    /// The estimate; `None` when undefined.
    pub value: Option<f64>,
    /// Lower bound of the interval.
    pub low: Option<f64>,
    /// Upper bound of the interval.
    pub high: Option<f64>,
    /// Why the value or the interval is missing, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Bootstrap resamples in which the statistic was undefined.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: u32,
}

// serde's skip_serializing_if passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl From<Estimate> for Stat {
    fn from(e: Estimate) -> Self {
        let (value, why) = match e.value {
            Value::Defined(v) => (Some(v), None),
            Value::Undefined(why) => (None, Some(why)),
        };
        let (low, high, no_interval) = match e.interval {
            Bounds::Defined { low, high } => (Some(low), Some(high), None),
            Bounds::Undefined(why) => (None, None, Some(why)),
        };
        Stat {
            value,
            low,
            high,
            note: why
                .or(no_interval.filter(|_| value.is_some()))
                .map(str::to_owned),
            skipped: e.skipped,
        }
    }
}

/// Agreement of two reviewers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Cases both graded.
    pub both: u64,
    /// Cases only the first graded.
    pub only_first: u64,
    /// Cases only the second graded.
    pub only_second: u64,
    /// Share of cases both graded that got the same grade (0 to 1).
    pub percent: Stat,
    /// Cohen's kappa.
    pub cohen: Stat,
    /// Linearly weighted kappa.
    pub linear: Stat,
    /// Quadratically weighted kappa.
    pub quadratic: Stat,
    /// Krippendorff's alpha, ordinal.
    pub alpha: Stat,
    /// Rows: the first reviewer's grade; columns: the second's.
    pub confusion: Vec<Vec<u64>>,
    /// Agreement within each area of practice.
    pub areas: Vec<Area>,
}

/// Agreement within one area of practice (no intervals: areas are small).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    /// The area.
    pub area: String,
    /// Cases of the area both graded.
    pub both: u64,
    /// Share with the same grade.
    pub percent: Option<f64>,
    /// Quadratically weighted kappa.
    pub quadratic: Stat,
}

/// Agreement of three reviewers or more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Many {
    /// Cases graded by at least one reviewer.
    pub graded: usize,
    /// Cases graded by two or more (the ones that count).
    pub pairable: usize,
    /// Fleiss' kappa (generalised to missing grades).
    pub fleiss: Stat,
    /// Krippendorff's alpha, ordinal.
    pub alpha: Stat,
}

/// A case the reviewers graded differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Case id.
    pub case: String,
    /// Its area of practice.
    pub area: Option<String>,
    /// Each reviewer's grade (level label), in reviewer order.
    pub grades: Vec<Option<String>>,
    /// Levels between the furthest two grades.
    pub distance: u8,
}

/// The whole agreement report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The reviewers, in the order given.
    pub reviewers: Vec<String>,
    /// The scale's labels, best first.
    pub levels: Vec<String>,
    /// Cases in the sample.
    pub cases: usize,
    /// Cases graded by exactly one reviewer, per reviewer.
    pub graded_by_one_only: Vec<u64>,
    /// How the intervals were computed.
    pub method: String,
    /// For two reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<Pair>,
    /// For three reviewers or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub many: Option<Many>,
    /// Every case graded differently, largest difference first.
    pub disagreements: Vec<Disagreement>,
}

/// The agreement of `reviewers` (two or more) grading `sample` on `scale`.
pub fn report(sample: &Sample, scale: &Scale, reviewers: &[Grades], boot: &Bootstrap) -> Report {
    let levels = scale.len();
    let n = sample.len();
    let grade_at = |r: &Grades, i: usize| r.grades.get(i).copied().flatten();
    let mut graded_by_one_only = vec![0; reviewers.len()];
    for i in 0..n {
        let who: Vec<usize> = (0..reviewers.len())
            .filter(|&r| grade_at(&reviewers[r], i).is_some())
            .collect();
        if let [only] = who.as_slice() {
            graded_by_one_only[*only] += 1;
        }
    }
    let pair = match reviewers {
        [a, b] => Some(pair(sample, levels, a, b, boot)),
        _ => None,
    };
    let many = (reviewers.len() > 2).then(|| {
        let mut ratings = Ratings::new(levels, reviewers.len()).ok();
        let mut graded = 0;
        for i in 0..n {
            let unit: Vec<Option<u8>> = reviewers.iter().map(|r| grade_at(r, i)).collect();
            if unit.iter().any(Option::is_some) {
                graded += 1;
                if let Some(r) = ratings.as_mut() {
                    // Grades come from the scale, so they always fit.
                    let _ = r.push_unit(&unit);
                }
            }
        }
        let result = ratings.map(|r| many_raters(&r, boot));
        Many {
            graded,
            pairable: result.as_ref().map_or(0, |m| m.pairable_units),
            fleiss: result.as_ref().map_or_else(undefined, |m| m.fleiss.into()),
            alpha: result.as_ref().map_or_else(undefined, |m| m.alpha.into()),
        }
    });
    let label = |g: Option<LevelIdx>| g.and_then(|g| scale.level(g)).map(|l| l.label.clone());
    let mut disagreements: Vec<(CaseIdx, Disagreement)> = (0..n)
        .filter_map(|i| {
            let grades: Vec<Option<LevelIdx>> = reviewers.iter().map(|r| grade_at(r, i)).collect();
            let d = distance(&grades);
            let case = sample.get(i as CaseIdx)?;
            (d > 0).then(|| {
                (
                    i as CaseIdx,
                    Disagreement {
                        case: case.id.to_string(),
                        area: case.category.map(str::to_owned),
                        grades: grades.into_iter().map(label).collect(),
                        distance: d,
                    },
                )
            })
        })
        .collect();
    disagreements.sort_by(|a, b| b.1.distance.cmp(&a.1.distance).then(a.0.cmp(&b.0)));
    Report {
        reviewers: reviewers.iter().map(|r| r.reviewer.clone()).collect(),
        levels: scale.levels.iter().map(|l| l.label.clone()).collect(),
        cases: n,
        graded_by_one_only,
        method: boot.describe(),
        pair,
        many,
        disagreements: disagreements.into_iter().map(|(_, d)| d).collect(),
    }
}

fn undefined() -> Stat {
    Stat {
        value: None,
        low: None,
        high: None,
        note: Some("no case was graded by two reviewers".into()),
        skipped: 0,
    }
}

fn pair(sample: &Sample, levels: usize, first: &Grades, second: &Grades, boot: &Bootstrap) -> Pair {
    let both_graded = |i: usize| match (first.grades.get(i), second.grades.get(i)) {
        (Some(Some(x)), Some(Some(y))) => Some((*x, *y)),
        _ => None,
    };
    let cases = sample.len();
    let pairs: Vec<(u8, u8)> = (0..cases).filter_map(both_graded).collect();
    let count = |g: &Grades, other: &Grades| {
        (0..cases)
            .filter(|&i| {
                g.grades.get(i).copied().flatten().is_some()
                    && other.grades.get(i).copied().flatten().is_none()
            })
            .count() as u64
    };
    let whole = two_raters(pairs.iter().copied(), levels, boot).ok();
    let mut areas: Vec<(String, Vec<(u8, u8)>)> = Vec::new();
    for i in 0..cases {
        let (Some(p), Some(case)) = (both_graded(i), sample.get(i as CaseIdx)) else {
            continue;
        };
        let area = case.category.unwrap_or("(no area)");
        match areas.iter_mut().find(|(name, _)| name == area) {
            Some((_, v)) => v.push(p),
            None => areas.push((area.to_owned(), vec![p])),
        }
    }
    let no_boot = Bootstrap {
        resamples: 0,
        ..*boot
    };
    let areas = areas
        .into_iter()
        .map(|(area, pairs)| {
            let got = two_raters(pairs.iter().copied(), levels, &no_boot).ok();
            Area {
                area,
                both: pairs.len() as u64,
                percent: got.as_ref().and_then(|g| g.percent.value.get()),
                quadratic: got.map_or_else(undefined, |g| {
                    // Areas get no intervals; only a missing value is explained.
                    let s = Stat::from(g.quadratic);
                    Stat {
                        note: s.value.is_none().then_some(s.note).flatten(),
                        ..s
                    }
                }),
            }
        })
        .collect();
    let stat =
        |f: fn(&PairAgreement) -> Estimate| whole.as_ref().map_or_else(undefined, |w| f(w).into());
    Pair {
        both: pairs.len() as u64,
        only_first: count(first, second),
        only_second: count(second, first),
        percent: stat(|w| w.percent),
        cohen: stat(|w| w.cohen),
        linear: stat(|w| w.linear),
        quadratic: stat(|w| w.quadratic),
        alpha: stat(|w| w.alpha),
        confusion: whole.map_or_else(|| vec![vec![0; levels]; levels], |w| w.confusion),
        areas,
    }
}

#[cfg(test)]
mod tests;
