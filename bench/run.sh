#!/bin/sh
# Runs casebench's own benchmarks (release build) and prints their figures:
# time to first frame in a pseudo-terminal, and the divan micro-benchmarks
# (saving one grade, parsing, drawing, search, filter, next match, export).
# Extra arguments go to `cargo bench`.
# Each bench takes under a minute; results depend on the machine's load
# and disk (fsync), so compare runs on the same machine.
set -eu
cd "$(dirname "$0")/.."
exec cargo bench --bench first_frame --bench micro "$@"
