//! Reading and writing files: samples, sessions, exports.

pub mod atomic;
pub mod export;
pub mod sample;
pub mod session;

#[cfg(test)]
mod fuzzing;
