//! Reading and writing files: samples, sessions, exports.

pub mod atomic;
pub mod export;
pub mod population;
pub mod progress;
pub mod sample;
pub mod session;
pub mod team;

#[cfg(test)]
mod fuzzing;
