//! casebench: a terminal workbench for case-file review.
//!
//! The library holds everything; `main.rs` only parses arguments and calls
//! [`cli::run`].

pub mod app;
pub mod cli;
pub mod config;
pub mod keymap;
pub mod model;
pub mod paths;
pub mod store;
pub mod tui;
pub mod ui;
