//! Breakdowns of a review beyond the tally: grades by area of practice
//! (case category) and criteria answers overall and by grade.
//!
//! Shared by the reports (`casebench export --format md|html`) and the
//! tally-details screen, so both always agree. Computed in one pass over the
//! sample: call it when the breakdown is shown, not on every key press.

use std::collections::HashMap;

use super::case::{CaseIdx, Sample};
use super::change::Answer;
use super::review::Review;
use super::stats::percent;

/// Counts of the answers given to one criterion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnswerCounts {
    /// Cases where the practice met the criterion.
    pub met: u64,
    /// Cases where it fell short.
    pub not_met: u64,
    /// Cases where the criterion did not apply.
    pub not_applicable: u64,
}

impl AnswerCounts {
    /// Counts one more answer.
    pub fn add(&mut self, answer: Answer) {
        match answer {
            Answer::Met => self.met += 1,
            Answer::NotMet => self.not_met += 1,
            Answer::NotApplicable => self.not_applicable += 1,
        }
    }

    /// Cases with any answer.
    pub fn answered(&self) -> u64 {
        self.met + self.not_met + self.not_applicable
    }

    /// Whole percent of the cases where the criterion applied (met or not
    /// met) that met it; `None` when it applied to no case.
    pub fn met_percent(&self) -> Option<u32> {
        let applicable = self.met + self.not_met;
        (applicable > 0).then(|| percent(self.met, applicable))
    }
}

/// One area of practice (case category): its cases per grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    /// The category; `None` for cases without one.
    pub category: Option<String>,
    /// Graded cases per level, aligned with the scale (best first).
    pub counts: Vec<u64>,
    /// Cases in this category not graded yet.
    pub ungraded: u64,
}

impl CategoryRow {
    /// Graded cases in this category.
    pub fn graded(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// All cases in this category.
    pub fn total(&self) -> u64 {
        self.graded() + self.ungraded
    }

    /// Whole percent of this category's graded cases at `level` (the row
    /// percentage, largest-remainder rounded so that a row adds up to 100);
    /// 0 when nothing in it is graded.
    pub fn percent(&self, level: usize) -> u32 {
        super::sampling::shares_summing_to_100(&self.counts)
            .get(level)
            .copied()
            .unwrap_or(0)
    }
}

/// One criterion: its answers over the whole sample and per grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionRow {
    /// Criterion id.
    pub id: String,
    /// False for a criterion answered in the review but not in the list
    /// asked for (e.g. removed from the config since).
    pub configured: bool,
    /// Answers over every case of the sample.
    pub overall: AnswerCounts,
    /// Answers on graded cases, per level (aligned with the scale).
    pub by_level: Vec<AnswerCounts>,
}

/// Grades by category and criteria answers by grade, for one review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// Cases in the sample.
    pub total: u64,
    /// Graded cases per level, aligned with the scale.
    pub level_counts: Vec<u64>,
    /// One row per category, sorted by name; cases without a category last.
    pub categories: Vec<CategoryRow>,
    /// The criteria asked for, in the order given, then any other criterion
    /// the review holds answers for, sorted by id.
    pub criteria: Vec<CriterionRow>,
}

impl Breakdown {
    /// Computes the breakdown of `review` over `sample`. `criteria` lists
    /// the criterion ids to report (usually the config's checklist, in
    /// display order). Cases the review keeps from an earlier version of the
    /// sample (orphans) are not counted.
    pub fn new<'c>(
        sample: &Sample,
        review: &Review,
        criteria: impl IntoIterator<Item = &'c str>,
    ) -> Self {
        let levels = review.scale().len();
        let mut categories: Vec<CategoryRow> = Vec::new();
        let mut category_index: HashMap<Option<&str>, usize> = HashMap::new();
        let mut rows: Vec<CriterionRow> = Vec::new();
        let mut criterion_index: HashMap<String, usize> = HashMap::new();
        let new_row = |id: &str, configured: bool| CriterionRow {
            id: id.to_owned(),
            configured,
            overall: AnswerCounts::default(),
            by_level: vec![AnswerCounts::default(); levels],
        };
        for id in criteria {
            if !criterion_index.contains_key(id) {
                criterion_index.insert(id.to_owned(), rows.len());
                rows.push(new_row(id, true));
            }
        }
        let configured = rows.len();
        for (i, case) in sample.cases().enumerate() {
            let idx = i as CaseIdx;
            let grade = review.grade(idx).map(usize::from).filter(|&g| g < levels);
            let key = case.category;
            let row = *category_index.entry(key).or_insert_with(|| {
                categories.push(CategoryRow {
                    category: key.map(str::to_owned),
                    counts: vec![0; levels],
                    ungraded: 0,
                });
                categories.len() - 1
            });
            match grade {
                Some(g) => categories[row].counts[g] += 1,
                None => categories[row].ungraded += 1,
            }
            let Some(detail) = review.detail(idx) else {
                continue;
            };
            for (id, &answer) in &detail.criteria {
                let r = if let Some(&r) = criterion_index.get(id.as_str()) {
                    r
                } else {
                    criterion_index.insert(id.clone(), rows.len());
                    rows.push(new_row(id, false));
                    rows.len() - 1
                };
                rows[r].overall.add(answer);
                if let Some(g) = grade {
                    rows[r].by_level[g].add(answer);
                }
            }
        }
        categories.sort_by(|a, b| match (&a.category, &b.category) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        rows[configured..].sort_by(|a, b| a.id.cmp(&b.id));
        let mut level_counts = vec![0; levels];
        for row in &categories {
            for (total, count) in level_counts.iter_mut().zip(&row.counts) {
                *total += count;
            }
        }
        Self {
            total: sample.len() as u64,
            level_counts,
            categories,
            criteria: rows,
        }
    }

    /// Cases of the sample with no answer to `row`'s criterion.
    pub fn unanswered(&self, row: &CriterionRow) -> u64 {
        self.total.saturating_sub(row.overall.answered())
    }

    /// Cases graded at `level` with no answer to `row`'s criterion.
    pub fn unanswered_at(&self, row: &CriterionRow, level: usize) -> u64 {
        let graded = self.level_counts.get(level).copied().unwrap_or(0);
        let answered = row.by_level.get(level).map_or(0, AnswerCounts::answered);
        graded.saturating_sub(answered)
    }

    /// Every criterion's answers added together.
    pub fn all_criteria(&self) -> AnswerCounts {
        self.criteria
            .iter()
            .fold(AnswerCounts::default(), |mut sum, row| {
                sum.met += row.overall.met;
                sum.not_met += row.overall.not_met;
                sum.not_applicable += row.overall.not_applicable;
                sum
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::case::{CaseFields, SampleBuilder, SampleSource};
    use crate::model::change::Change;
    use crate::model::review::Stamp;
    use crate::model::scale::Scale;

    fn sample(cases: &[(&str, Option<&str>)]) -> Sample {
        let mut b = SampleBuilder::new();
        for (id, category) in cases {
            b.push(CaseFields {
                id: (*id).into(),
                category: category.map(Into::into),
                ..CaseFields::default()
            });
        }
        b.finish(
            "t",
            None,
            SampleSource {
                path: None,
                hash: String::new(),
            },
        )
    }

    fn stamp() -> Stamp {
        Stamp {
            by: "r".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            cursor: None,
        }
    }

    fn edit(review: &mut Review, sample: &Sample, change: Change) {
        review.edit(sample, change, stamp()).expect("edit");
    }

    fn grade(review: &mut Review, sample: &Sample, case: &str, level: &str) {
        let change = Change::Grade {
            case: case.into(),
            from: None,
            to: Some(level.into()),
        };
        edit(review, sample, change);
    }

    fn answer(review: &mut Review, sample: &Sample, case: &str, criterion: &str, a: Answer) {
        let change = Change::Criterion {
            case: case.into(),
            criterion: criterion.into(),
            from: None,
            to: Some(a),
        };
        edit(review, sample, change);
    }

    #[test]
    fn grades_by_category_sorted_with_uncategorised_last() {
        let s = sample(&[
            ("A", Some("Missing")),
            ("B", Some("Custody")),
            ("C", None),
            ("D", Some("Missing")),
            ("E", Some("Custody")),
        ]);
        let mut r = Review::new(Scale::hmicfrs(), s.len());
        grade(&mut r, &s, "A", "good");
        grade(&mut r, &s, "D", "inadequate");
        grade(&mut r, &s, "B", "inadequate");
        grade(&mut r, &s, "C", "requires_improvement");
        let b = Breakdown::new(&s, &r, []);
        let names: Vec<_> = b.categories.iter().map(|c| c.category.as_deref()).collect();
        assert_eq!(names, vec![Some("Custody"), Some("Missing"), None]);
        assert_eq!(b.categories[0].counts, vec![0, 0, 1]);
        assert_eq!(b.categories[0].ungraded, 1);
        assert_eq!(b.categories[0].total(), 2);
        assert_eq!(b.categories[1].counts, vec![1, 0, 1]);
        assert_eq!(b.categories[1].percent(0), 50);
        assert_eq!(b.categories[2].counts, vec![0, 1, 0]);
        assert_eq!(b.level_counts, r.counts());
        assert_eq!(b.total, 5);
        assert!(b.criteria.is_empty());
    }

    #[test]
    fn criteria_overall_and_by_level_with_unlisted_ids_after() {
        let s = sample(&[("A", None), ("B", None), ("C", None)]);
        let mut r = Review::new(Scale::hmicfrs(), s.len());
        grade(&mut r, &s, "A", "good");
        grade(&mut r, &s, "B", "inadequate");
        answer(&mut r, &s, "A", "risk", Answer::Met);
        answer(&mut r, &s, "B", "risk", Answer::NotMet);
        answer(&mut r, &s, "C", "risk", Answer::NotApplicable);
        answer(&mut r, &s, "B", "zeta", Answer::Met);
        answer(&mut r, &s, "A", "alpha", Answer::NotMet);
        let b = Breakdown::new(&s, &r, ["voice", "risk"]);
        let ids: Vec<_> = b.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["voice", "risk", "alpha", "zeta"]);
        assert!(b.criteria[1].configured && !b.criteria[2].configured);
        let risk = &b.criteria[1];
        assert_eq!(
            risk.overall,
            AnswerCounts {
                met: 1,
                not_met: 1,
                not_applicable: 1
            }
        );
        assert_eq!(risk.by_level[0].met, 1);
        assert_eq!(risk.by_level[2].not_met, 1);
        assert_eq!(risk.by_level[1], AnswerCounts::default());
        assert_eq!(risk.overall.met_percent(), Some(50));
        assert_eq!(b.unanswered(risk), 0);
        assert_eq!(b.unanswered(&b.criteria[0]), 3);
        assert_eq!(b.criteria[0].overall.met_percent(), None);
        assert_eq!(b.unanswered_at(&b.criteria[3], 2), 0);
        assert_eq!(b.unanswered_at(&b.criteria[3], 0), 1);
        let all = b.all_criteria();
        assert_eq!((all.met, all.not_met, all.not_applicable), (2, 2, 1));
    }

    #[test]
    fn regrading_moves_counts_and_empty_samples_work() {
        let s = sample(&[("A", Some("x"))]);
        let mut r = Review::new(Scale::hmicfrs(), 1);
        grade(&mut r, &s, "A", "good");
        grade(&mut r, &s, "A", "inadequate");
        let b = Breakdown::new(&s, &r, ["k"]);
        assert_eq!(b.categories[0].counts, vec![0, 0, 1]);
        let empty = sample(&[]);
        let b = Breakdown::new(&empty, &Review::new(Scale::hmicfrs(), 0), ["k"]);
        assert!(b.categories.is_empty());
        assert_eq!(b.unanswered(&b.criteria[0]), 0);
    }
}
