#!/usr/bin/env bash
# Sampled timing against exact timing on the examples (issue #8, point 2):
# every classify variant of examples/ and the transformer inference loop of
# bench/transformer, built once with frugal-clang++ -O2 (default filter),
# run with FRUGAL_TIMING=exact and =sampled in alternation (default energy
# settings). For each program,
# every function's share of the exclusive time (mean over the runs of each
# mode) is compared between the modes; the largest difference, in points,
# is the figure (goal: within 2 points). The same difference between two
# halves of the exact runs is printed beside it: what run-to-run noise
# alone gives. shares.py says how in detail.
# Usage: bench/sampled/run.sh BUILD_DIR
# Settings: BENCH_SAMPLED_RUNS (4 runs per mode and program),
# BENCH_SAMPLED_ENERGY (unset: the runtime's default; none: timing alone),
# BENCH_SAMPLED_PROGRAMS (all; e.g. "mlp transformer"), BENCH_SAMPLED_DIR
# (a temporary directory, removed at the end).
set -euo pipefail
build=${1:?usage: bench/sampled/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
[[ -x "$build/bin/frugal-clang++" ]] || { echo "sampled: error: no $build/bin/frugal-clang++; build it first (ninja -C $build)" >&2; exit 2; }
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_SAMPLED_DIR:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/shares.py" "$build" "$work" "${BENCH_SAMPLED_RUNS:-4}" \
  "${BENCH_SAMPLED_PROGRAMS:-}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
