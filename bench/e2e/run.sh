#!/usr/bin/env bash
# End-to-end overhead of frugal (issue #8, point 3): every classify variant
# of examples/ and the transformer inference loop of bench/transformer,
# built with the LLVM's clang++ -O2 (plain) and with frugal-clang++ -O2
# (the default filter, and everything instrumented:
# FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_INSTRUMENT_SYSTEM_HEADERS=1), and
# run plain, instrumented, and instrumented with FRUGAL_TIMING=sampled. CPU
# time (user+sys) of each run, configurations interleaved in rounds;
# overhead over the plain run of the same round, median (min–max) over the
# rounds; instrumented calls per run from the profiles. The runtime's
# settings are its defaults: FRUGAL_ENERGY unset (auto; the CPU-time model
# where no RAPL counter is readable). Goal: <= 2 % with the default filter.
# bench.py says how in detail; docs/performance.md keeps the tables.
# Usage: bench/e2e/run.sh BUILD_DIR
# Settings: BENCH_E2E_ROUNDS (5), BENCH_E2E_PROGRAMS (all: the classify
# variants and transformer; e.g. "mlp transformer"), BENCH_E2E_DIR (a
# temporary directory, removed at the end: builds, outputs, profiles).
set -euo pipefail
build=${1:?usage: bench/e2e/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
for tool in bin/frugal-clang++ lib/FrugalPass.so; do
  [[ -e "$build/$tool" ]] || { echo "e2e: error: no $build/$tool; build it first (ninja -C $build)" >&2; exit 2; }
done
[[ -f "$build/CMakeCache.txt" ]] || { echo "e2e: error: no $build/CMakeCache.txt; BUILD_DIR must be a configured frugal build" >&2; exit 2; }
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_E2E_DIR:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench.py" "$build" --rounds "${BENCH_E2E_ROUNDS:-5}" \
  --work "$work" --programs "${BENCH_E2E_PROGRAMS:-}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
