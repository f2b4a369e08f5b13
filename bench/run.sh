#!/bin/sh
# Runs casebench's own benchmarks (release build) and prints their figures:
# time to first frame in a pseudo-terminal, the cost of saving one grade,
# sample parsing and frame drawing. Extra arguments go to `cargo bench`.
# Each bench takes under a minute; results depend on the machine's load
# and disk (fsync), so compare runs on the same machine.
set -eu
cd "$(dirname "$0")/.."
exec cargo bench --bench first_frame --bench save_grade --bench load "$@"
