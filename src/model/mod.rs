//! The domain: cases, grading scales, the review state, tallies and
//! statistics. Nothing here knows about terminals.

pub mod agreement;
pub mod breakdown;
pub mod case;
pub mod change;
pub mod figures;
pub mod find;
pub mod review;
pub mod sampling;
pub mod scale;
pub mod stats;
pub mod summary;
pub mod tally;
pub mod team;
pub mod text;
