//! End-to-end journeys: the real `casebench` binary in a pseudo-terminal,
//! driven by keys as a reviewer would type them (DESIGN §5, third layer).
//! One test binary with modules, to keep link time down.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "test and bench code: a failed expectation is a failed run"
)]

mod e2e {
    pub mod harness;

    mod bad_input;
    mod big_sample;
    mod crash;
    mod day;
    mod fresh;
    mod full_demo;
    mod grading;
    mod kills;
    mod own_data;
    mod resize;
    mod review_depth;
    mod session_and_reviewer;
    mod team;
    mod untrusted;
}
