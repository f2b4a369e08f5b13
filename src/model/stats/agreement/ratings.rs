//! The input of [`many_raters`](super::many_raters): grades per case by
//! several reviewers, with gaps.

use std::fmt;

/// The largest number of levels a scale may have: grades are `u8`.
pub const MAX_LEVELS: usize = 256;

/// Grades given to cases (units) by a fixed set of reviewers (raters) on an
/// ordinal scale of `levels` levels, 0 = best … `levels - 1` = worst.
///
/// Stored row-major, one row per unit and one cell per rater; `None` is a
/// grade that rater did not give. Every stored grade is below `levels`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ratings {
    levels: usize,
    raters: usize,
    cells: Vec<Option<u8>>,
}

/// Why a rating table or a grade was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingsError {
    /// The scale must have between 1 and [`MAX_LEVELS`] levels.
    Levels(usize),
    /// A table needs at least one rater.
    NoRaters,
    /// A unit had a different number of cells than there are raters.
    Width {
        /// The number of raters of the table.
        expected: usize,
        /// The number of cells given.
        got: usize,
    },
    /// A grade was not a level of the scale.
    Grade {
        /// The grade given.
        grade: u8,
        /// The number of levels of the scale.
        levels: usize,
    },
}

impl fmt::Display for RatingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Levels(n) => write!(
                f,
                "a grading scale needs between 1 and {MAX_LEVELS} levels, not {n}"
            ),
            Self::NoRaters => write!(f, "agreement needs at least one reviewer"),
            Self::Width { expected, got } => write!(
                f,
                "a case has {got} grades but there are {expected} reviewers"
            ),
            Self::Grade { grade, levels } => write!(
                f,
                "grade {grade} is not on a scale of {levels} levels (0 to {})",
                levels - 1
            ),
        }
    }
}

impl std::error::Error for RatingsError {}

/// Checks that `levels` is a valid scale size.
pub(super) fn check_levels(levels: usize) -> Result<(), RatingsError> {
    if (1..=MAX_LEVELS).contains(&levels) {
        Ok(())
    } else {
        Err(RatingsError::Levels(levels))
    }
}

/// Checks that `grade` is a level of a scale of `levels` levels.
pub(super) fn check_grade(grade: u8, levels: usize) -> Result<(), RatingsError> {
    if usize::from(grade) < levels {
        Ok(())
    } else {
        Err(RatingsError::Grade { grade, levels })
    }
}

impl Ratings {
    /// An empty table for `raters` reviewers on a scale of `levels` levels.
    pub fn new(levels: usize, raters: usize) -> Result<Self, RatingsError> {
        check_levels(levels)?;
        if raters == 0 {
            return Err(RatingsError::NoRaters);
        }
        Ok(Self {
            levels,
            raters,
            cells: Vec::new(),
        })
    }

    /// Appends one unit: one cell per rater, in rater order, `None` where
    /// that rater gave no grade. On error nothing is appended.
    pub fn push_unit(&mut self, grades: &[Option<u8>]) -> Result<(), RatingsError> {
        if grades.len() != self.raters {
            return Err(RatingsError::Width {
                expected: self.raters,
                got: grades.len(),
            });
        }
        for grade in grades.iter().flatten() {
            check_grade(*grade, self.levels)?;
        }
        self.cells.extend_from_slice(grades);
        Ok(())
    }

    /// The number of levels of the scale.
    pub fn levels(&self) -> usize {
        self.levels
    }

    /// The number of raters (cells per unit).
    pub fn raters(&self) -> usize {
        self.raters
    }

    /// The number of units pushed so far.
    pub fn units(&self) -> usize {
        self.cells.len() / self.raters
    }

    /// The cells of unit `index`, or `None` past the last unit.
    pub fn unit(&self, index: usize) -> Option<&[Option<u8>]> {
        let start = index.checked_mul(self.raters)?;
        self.cells.get(start..start.checked_add(self.raters)?)
    }

    /// Every unit's cells, in the order pushed.
    pub fn iter_units(&self) -> impl Iterator<Item = &[Option<u8>]> {
        self.cells.chunks_exact(self.raters)
    }
}
