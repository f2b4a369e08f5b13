//! Reading and writing files: samples, sessions, exports.

pub mod sample;
