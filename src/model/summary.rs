//! The summary of a review: the tally plus statistics, in one serialisable
//! shape shared by `casebench summary`, tally details and reports.

use indexmap::IndexMap;
use serde::Serialize;

use super::scale::Scale;
use super::stats::{self, FitMethod};
use super::tally::Tally;

/// A confidence interval as whole-number percentages would show it, kept as
/// proportions in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The reference breakdown beside the sample's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceSummary {
    /// What the reference is.
    pub label: String,
    /// Its number of cases.
    pub total: u64,
    /// Level id → count.
    pub counts: IndexMap<String, u64>,
    /// Level id → whole percent.
    pub percent: IndexMap<String, u32>,
}

/// How the sample's breakdown compares with the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Pearson's chi-square statistic.
    pub statistic: f64,
    /// Degrees of freedom.
    pub degrees_of_freedom: u32,
    /// p-value of the test used.
    pub p_value: f64,
    /// `chi_square` or `exact_multinomial` (used when expected counts are small).
    pub method: &'static str,
}

/// Everything `casebench summary` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Sample name.
    pub sample: String,
    /// Scale name.
    pub scale: String,
    /// Cases in the sample.
    pub total: u64,
    /// Cases graded.
    pub graded: u64,
    /// Level id → count.
    pub counts: IndexMap<String, u64>,
    /// Level id → whole percent of graded cases.
    pub percent: IndexMap<String, u32>,
    /// Confidence level of the intervals (0.95).
    pub confidence: f64,
    /// Level id → Wilson score interval of its proportion (absent when nothing is graded).
    pub intervals: IndexMap<String, Interval>,
    /// The reference breakdown, if configured.
    pub reference: Option<ReferenceSummary>,
    /// Goodness of fit against the reference, when it can be computed.
    pub comparison: Option<Comparison>,
    /// The inspection-style sentence.
    pub sentence: String,
    /// Graded cases the session keeps that are no longer in the sample:
    /// not counted anywhere else in the summary.
    pub graded_outside_sample: u64,
    /// For a combined or moderated session: its reviewers and how many of
    /// their disagreements are settled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderation: Option<Moderation>,
}

/// The moderation state of a combined or moderated session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moderation {
    /// The reviewers whose sessions were combined.
    pub reviewers: Vec<String>,
    /// Cases they graded differently.
    pub disagreements: u64,
    /// Of those, cases given a final grade (with a reason).
    pub settled: u64,
}

impl Summary {
    /// Summarises `counts` (aligned with `scale`) of a `total`-case sample.
    pub fn new(
        sample: &str,
        scale: &Scale,
        counts: &[u64],
        total: u64,
        reference: Option<(&str, &[u64])>,
        confidence: f64,
    ) -> Self {
        let tally = Tally::new(scale, counts, total, reference.map(|(_, r)| r));
        let ids = || scale.levels.iter().map(|l| l.id.clone());
        let intervals = ids()
            .zip(counts)
            .filter_map(|(id, &c)| {
                stats::wilson(c, tally.graded, confidence).map(|i| {
                    (
                        id,
                        Interval {
                            low: i.low,
                            high: i.high,
                        },
                    )
                })
            })
            .collect();
        let reference_summary = reference.map(|(label, r)| {
            let sum = r.iter().sum();
            ReferenceSummary {
                label: label.to_owned(),
                total: sum,
                counts: ids().zip(r.iter().copied()).collect(),
                percent: ids()
                    .zip(r.iter().map(|&c| stats::percent(c, sum)))
                    .collect(),
            }
        });
        let comparison = reference
            .and_then(|(_, r)| stats::compare_with_reference(counts, r))
            .map(|fit| Comparison {
                statistic: fit.statistic,
                degrees_of_freedom: fit.degrees_of_freedom,
                p_value: fit.p_value,
                method: match fit.method {
                    FitMethod::ChiSquare => "chi_square",
                    FitMethod::ExactMultinomial => "exact_multinomial",
                },
            });
        Self {
            sample: sample.to_owned(),
            scale: scale.name.clone(),
            total,
            graded: tally.graded,
            counts: ids().zip(counts.iter().copied()).collect(),
            percent: ids().zip(tally.rows.iter().map(|r| r.percent)).collect(),
            confidence,
            intervals,
            reference: reference_summary,
            comparison,
            sentence: tally.sentence,
            graded_outside_sample: 0,
            moderation: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_breakdown_summarises_with_intervals_and_reference() {
        let s = Summary::new(
            "demo",
            &Scale::hmicfrs(),
            &[23, 23, 28],
            74,
            Some(("published", &[23, 23, 28])),
            0.95,
        );
        assert_eq!(s.graded, 74);
        assert_eq!(s.counts.get("inadequate"), Some(&28));
        assert_eq!(
            s.percent.values().copied().collect::<Vec<_>>(),
            vec![31, 31, 38]
        );
        let i = s.intervals["inadequate"];
        assert!(
            (i.low - 0.2765).abs() < 0.001 && (i.high - 0.4923).abs() < 0.001,
            "{i:?}"
        );
        let c = s.comparison.clone().expect("comparison");
        assert!(c.statistic.abs() < 1e-12);
        assert!((c.p_value - 1.0).abs() < 1e-9);
        let json = serde_json::to_string(&s).expect("json");
        assert!(json.starts_with(r#"{"sample":"demo","scale":"hmicfrs","total":74,"graded":74,"counts":{"good":23,"requires_improvement":23,"inadequate":28}"#), "{json}");
    }

    #[test]
    fn nothing_graded_has_no_intervals_or_comparison() {
        let s = Summary::new("demo", &Scale::hmicfrs(), &[0, 0, 0], 74, None, 0.95);
        assert!(s.intervals.is_empty());
        assert_eq!(s.comparison, None);
        assert_eq!(s.reference, None);
        assert_eq!(s.sentence, "No cases have been graded yet.");
    }
}
