#!/usr/bin/env bash
# The runtime's memory per instrumented function and per thread, the
# binary's growth per instrumented function, and the profile's size for
# 10,000 functions (issue #8, point 7). Builds generated programs of N
# instrumented functions (gen_functions.py) and a program of T threads alive
# at once (threads.c) with plain clang -O2 and with frugal-clang -O2, runs
# them time only (FRUGAL_ENERGY=none FRUGAL_GPU=0) and with the default
# energy, in interleaved rounds, and reads their memory from inside
# (memstat.c: at the end of main or with all threads alive, and the peak
# after the profile is written); expectations come from the runtime's
# headers (sizes.cpp). Prints the tables kept in docs/performance.md
# (bench.py says what each figure is). About 1.5 minutes on 2 cores, most
# of it compiling 20,000 generated functions.
# Usage: bench/memory/run.sh BUILD_DIR
# Settings: BENCH_MEMORY_RUNS (3 rounds), BENCH_MEMORY_FUNCTIONS ("1000
# 10000": the per-function figures are slopes from the first to the last,
# and the profile's size is the last's), BENCH_MEMORY_THREADS ("1 16 64"),
# BENCH_MEMORY_DEPTH (16: each thread's nesting), BENCH_MEMORY_DIR (a
# temporary directory, removed at the end).
set -euo pipefail
build=${1:?usage: bench/memory/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
for f in bin/frugal-clang lib/FrugalPass.so lib/libfrugal_rt.so CMakeCache.txt; do
  [[ -e "$build/$f" ]] || { echo "memory: no $build/$f: build it first (ninja -C $build frugal-clang)" >&2; exit 2; }
done
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_MEMORY_DIR:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench.py" "$build" --work "$work" --runs "${BENCH_MEMORY_RUNS:-3}" \
  --functions "${BENCH_MEMORY_FUNCTIONS:-1000 10000}" \
  --threads "${BENCH_MEMORY_THREADS:-1 16 64}" --depth "${BENCH_MEMORY_DEPTH:-16}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
