#!/usr/bin/env bash
# Compile-time overhead of frugal's pass (issue #8, point 4): every source of
# examples/ and one generated C file of ML kernels (bench/analyze/
# gen_kernels.py), compiled -O2 -c by the clang of the LLVM frugal was built
# with, by the same with -fpass-plugin=FrugalPass.so (the pass alone), with
# -gline-tables-only (which frugal-clang adds), and by frugal-clang/
# frugal-clang++ (pass + line tables + the wrapper). CPU time (user+sys) of
# the compiler processes, summed over a set's files; configurations
# interleaved in rounds, ratios within a round, median (min–max). Goal: the
# pass costs <= 3 % of clang -O2. bench.py says how in detail;
# docs/performance.md keeps the tables.
# Usage: bench/compile/run.sh BUILD_DIR
# Settings: BENCH_COMPILE_ROUNDS (3), BENCH_COMPILE_LINES (10000: lines of the
# generated file), BENCH_COMPILE_DIR (a temporary directory, removed at the
# end).
set -euo pipefail
build=${1:?usage: bench/compile/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
for tool in bin/frugal-clang bin/frugal-clang++ lib/FrugalPass.so include/frugal/frugal.h; do
  [[ -e "$build/$tool" ]] || { echo "compile: error: no $build/$tool; build it first (ninja -C $build)" >&2; exit 2; }
done
[[ -f "$build/CMakeCache.txt" ]] || { echo "compile: error: no $build/CMakeCache.txt; BUILD_DIR must be a configured frugal build" >&2; exit 2; }
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_COMPILE_DIR:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench.py" "$build" --rounds "${BENCH_COMPILE_ROUNDS:-3}" \
  --lines "${BENCH_COMPILE_LINES:-10000}" --work "$work"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
