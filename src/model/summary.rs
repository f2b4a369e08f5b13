//! The summary of a review: the tally plus statistics, in one serialisable
//! shape shared by `casebench summary`, tally details and reports.

use indexmap::IndexMap;
use serde::Serialize;

use super::figures;
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
    /// `chi_square`, `exact_multinomial` (some expected counts are below
    /// 5), or `monte_carlo_exact` (the exact test estimated by random
    /// draws, when there are too many breakdowns to enumerate).
    pub method: &'static str,
    /// Random breakdowns drawn (`monte_carlo_exact` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draws: Option<u32>,
    /// The seed of those draws (`monte_carlo_exact` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// How precise the breakdown is and how many more cases would sharpen it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Precision {
    /// Label of the level with the widest interval.
    pub level: String,
    /// Half-width of that interval, as a proportion.
    pub half_width: f64,
    /// More graded cases needed for every interval to be within ±10
    /// points, planned at the value inside each level's interval nearest
    /// 50 % (`None`: cannot be estimated).
    pub more_for_10: Option<u64>,
    /// The same for ±5 points.
    pub more_for_5: Option<u64>,
    /// Cases of the sample not graded yet.
    pub ungraded: u64,
}

impl Precision {
    /// The precision in words, the interval named at `confidence` (as
    /// [`figures::confidence`] writes it).
    pub fn text(&self, confidence: &str) -> String {
        let more = |n: Option<u64>, points: u32| match n {
            Some(0) => format!("every interval is already within ±{points} points"),
            None => format!("the cases needed for ±{points} points cannot be estimated"),
            Some(n) => {
                let beyond = match self.ungraded {
                    _ if n <= self.ungraded => String::new(),
                    0 => " (every case of this sample is graded: it would take a larger sample)"
                        .to_owned(),
                    left => format!(
                        " (more than the {left} still ungraded: it would take a larger sample)"
                    ),
                };
                format!(
                    "about {n} more graded case{} would bring every interval within ±{points} points{beyond}",
                    if n == 1 { "" } else { "s" }
                )
            }
        };
        format!(
            "The widest {confidence} interval ({}) is ±{:.1} points. Planning for the least favourable shares the intervals allow, {}; {}.",
            self.level,
            self.half_width * 100.0,
            more(self.more_for_10, 10),
            more(self.more_for_5, 5)
        )
    }
}

/// The precision of `counts` (graded cases of a `total`-case sample).
fn precision(scale: &Scale, counts: &[u64], total: u64, confidence: f64) -> Option<Precision> {
    let graded: u64 = counts.iter().sum();
    let (level, half) = scale
        .levels
        .iter()
        .zip(counts)
        .filter_map(|(l, &c)| {
            stats::wilson(c, graded, confidence).map(|i| (l, stats::half_width(&i)))
        })
        .fold(
            None,
            |best: Option<(&super::scale::Level, f64)>, (l, h)| match best {
                Some((_, bh)) if bh >= h => best,
                _ => Some((l, h)),
            },
        )?;
    let more = |h: f64| {
        Some(stats::additional_cases_needed(counts, h, confidence)).filter(|&n| n != u64::MAX)
    };
    Some(Precision {
        level: level.label.clone(),
        half_width: half,
        more_for_10: more(0.10),
        more_for_5: more(0.05),
        ungraded: total.saturating_sub(graded),
    })
}

/// The significance level the comparison is judged at.
pub const ALPHA: f64 = 0.05;

impl Comparison {
    /// The comparison in words a manager reads: whether the breakdown is
    /// consistent with the reference `label`, and the p-value.
    pub fn plain(&self, label: &str) -> String {
        if self.p_value < ALPHA {
            format!(
                "The grades differ from the {label} by more than chance alone would readily explain ({}, significant at the 5% level).",
                figures::p_value(self.p_value)
            )
        } else {
            format!(
                "The grades are consistent with the {label}: the difference is within what chance alone would explain ({}, not significant at the 5% level).",
                figures::p_value(self.p_value)
            )
        }
    }

    /// Which test gave the p-value, and why, for readers who want it.
    pub fn technical(&self) -> String {
        let chi = format!(
            "Pearson's chi-square {:.2} on {} degree{} of freedom",
            self.statistic,
            self.degrees_of_freedom,
            if self.degrees_of_freedom == 1 {
                ""
            } else {
                "s"
            }
        );
        match (self.method, self.draws, self.seed) {
            ("exact_multinomial", ..) => {
                format!("exact multinomial test, because some expected counts are below 5 ({chi})")
            }
            ("monte_carlo_exact", Some(draws), Some(seed)) => format!(
                "exact multinomial test estimated from {draws} random breakdowns (seed {seed}), because some expected counts are below 5 and there are too many breakdowns to enumerate ({chi})"
            ),
            _ => format!(
                "Pearson's chi-square test ({:.2} on {} degree{} of freedom)",
                self.statistic,
                self.degrees_of_freedom,
                if self.degrees_of_freedom == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        }
    }
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
    /// How precise the breakdown is (absent when nothing is graded).
    pub precision: Option<Precision>,
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
                    .zip(super::sampling::shares_summing_to_100(r))
                    .collect(),
            }
        });
        let comparison = reference
            .and_then(|(_, r)| stats::compare_with_reference(counts, r))
            .map(|fit| {
                let (method, draws, seed) = match fit.method {
                    FitMethod::ChiSquare => ("chi_square", None, None),
                    FitMethod::ExactMultinomial => ("exact_multinomial", None, None),
                    FitMethod::MonteCarlo { draws, seed } => {
                        ("monte_carlo_exact", Some(draws), Some(seed))
                    }
                };
                Comparison {
                    statistic: fit.statistic,
                    degrees_of_freedom: fit.degrees_of_freedom,
                    p_value: fit.p_value,
                    method,
                    draws,
                    seed,
                }
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
            precision: precision(scale, counts, total, confidence),
            moderation: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_names_the_widest_interval_and_plans_conservatively() {
        let p = precision(&Scale::hmicfrs(), &[23, 23, 28], 80, 0.95).expect("graded");
        assert_eq!(p.level, "Inadequate");
        assert!((p.half_width - 0.1079).abs() < 1e-3, "{p:?}");
        let (ten, five) = (p.more_for_10.expect("ten"), p.more_for_5.expect("five"));
        assert!(ten > 0 && five > ten);
        assert_eq!(p.ungraded, 6);
        let text = p.text("95%");
        assert!(
            text.starts_with("The widest 95% interval (Inadequate) is ±10.8 points."),
            "{text}"
        );
        assert!(
            text.contains(&format!("about {five} more graded cases would bring every interval within ±5 points (more than the 6 still ungraded: it would take a larger sample)")),
            "{text}"
        );
        assert_eq!(precision(&Scale::hmicfrs(), &[0, 0, 0], 3, 0.95), None);
    }

    #[test]
    fn the_comparison_says_which_test_and_why_in_words() {
        let monte_carlo = Comparison {
            statistic: 12.5,
            degrees_of_freedom: 5,
            p_value: 0.0072,
            method: "monte_carlo_exact",
            draws: Some(20_000),
            seed: Some(1),
        };
        assert_eq!(
            monte_carlo.plain("reference"),
            "The grades differ from the reference by more than chance alone would readily explain (p = 0.007, significant at the 5% level)."
        );
        assert!(monte_carlo.technical().starts_with(
            "exact multinomial test estimated from 20000 random breakdowns (seed 1), because some expected counts are below 5 and there are too many breakdowns to enumerate (Pearson's chi-square 12.50 on 5 degrees of freedom)"
        ));
        let tiny = Comparison {
            p_value: 1e-9,
            method: "chi_square",
            draws: None,
            seed: None,
            ..monte_carlo
        };
        assert!(tiny.plain("x").contains("(p < 0.001,"));
        assert_eq!(
            tiny.technical(),
            "Pearson's chi-square test (12.50 on 5 degrees of freedom)"
        );
    }

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
