//! casebench: a terminal workbench for case-file review.
//!
//! The library holds everything; `main.rs` only parses arguments and calls
//! [`cli::run`].

// Tests compare floats exactly where the value is computed deterministically.
#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod app;
pub mod cli;
pub mod config;
pub mod keymap;
pub mod model;
pub mod paths;
pub mod store;
pub mod tui;
pub mod ui;
