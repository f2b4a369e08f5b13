//! casebench: a terminal workbench for case-file review.
//!
//! The library holds everything; `main.rs` only parses arguments and calls
//! [`cli::run`].

// Tests compare floats exactly where the value is computed deterministically,
// and a test reads best as one story, however long.
#![cfg_attr(test, allow(clippy::float_cmp, clippy::too_many_lines))]

pub mod app;
pub mod cli;
pub mod config;
pub mod keymap;
pub mod model;
pub mod paths;
pub mod store;
pub mod tui;
pub mod ui;

#[cfg(test)]
mod inert_tests;
