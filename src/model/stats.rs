//! Statistics for tallies and reports.
