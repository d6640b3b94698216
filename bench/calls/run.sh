#!/usr/bin/env bash
# Cost per instrumented call (entry + exit), issue #8 point 1: the same
# call-heavy kernels (bench/call_overhead.cpp: a small leaf in a loop, a tree
# recursion, three leaves in turn) built uninstrumented, with frugal, with
# -finstrument-functions-after-inlining (empty hooks; a minimal hook pair
# that reads the TSC twice) and with XRay (-fxray-instrument
# -fxray-instruction-threshold=1). frugal runs with exact timing (time only;
# with the energy sampler; with 2 counters) and with sampled timing; XRay
# with its sleds unpatched, patched with no handler (trampolines only) and
# in a mode that records (xray-profiling; its profile must be written).
# Prints ns added per call over the uninstrumented build, and issue #8's
# goals (frugal time-only <= 1.1x the TSC pair, sampled <= 2x empty hooks)
# with ratios taken round by round (calls.py says how). docs/performance.md,
# "Cost per instrumented call", keeps the results.
# Usage: bench/calls/run.sh BUILD_DIR
# Settings: BENCH_REPETITIONS (5: Google Benchmark repetitions per run, the
# run's figure is their median), BENCH_CALLS_ROUNDS (3: interleaved rounds),
# BENCH_CALLS_MIN_TIME (0.1 s per repetition), BENCH_CALLS_XRAY_MODES
# ("xray-profiling"; add xray-fdr for FDR), BENCH_CALLS_POWERCAP (0; 1 adds
# FRUGAL_ENERGY=powercap under the RAPL simulator), BENCH_CALLS_DIR (a
# temporary directory, removed at the end).
set -euo pipefail
build=${1:?usage: bench/calls/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
for v in none frugal cyg-empty cyg-stack cyg-tsc; do
  [[ -x "$build/bin/bench-calls-$v" ]] || {
    echo "calls: no $build/bin/bench-calls-$v: build it first (ninja -C $build bench-calls-$v)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "calls: no python3 on PATH" >&2; exit 2; }
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_CALLS_DIR:-}"

# The compiler the benchmarks were built with (CMakeLists.txt: the LLVM's).
cxx="$(sed -n 's/^FRUGAL_LLVM_ROOT:PATH=//p' "$build/CMakeCache.txt" 2>/dev/null || true)/bin/clang++"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "kernel: Linux $(uname -r); compiler: $("$cxx" --version 2>/dev/null | head -n1 || echo unknown);" \
  "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/calls.py" "$build" "$work"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
