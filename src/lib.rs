//! casebench: a terminal workbench for case-file review.
//!
//! The library holds everything; `main.rs` only parses arguments and calls
//! [`cli::run`].

pub mod model;
pub mod store;
