//! Sample loaders (RON, JSON, CSV).
