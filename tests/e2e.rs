//! End-to-end journeys: the real `casebench` binary in a pseudo-terminal,
//! driven by keys as a reviewer would type them (DESIGN §5, third layer).
//! One test binary with modules, to keep link time down.

mod e2e {
    pub mod harness;

    mod bad_input;
    mod crash;
    mod fresh;
    mod full_demo;
    mod grading;
    mod resize;
    mod review_depth;
    mod session_and_reviewer;
    mod untrusted;
}
