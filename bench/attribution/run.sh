#!/usr/bin/env bash
# Energy attribution accuracy against the RAPL simulator's ground truth
# (issue #8, point 5): hot (40 W), mid (20 W) and cold (10 W) functions in
# phases of 0.1 to 50 ms, of fixed length or random around it, on 1, 2 and
# 4 threads (each with phases of its own), with the tick's energy split by
# frugal's regression or by time (FRUGAL_ATTRIBUTION=regression|time, the
# same runs otherwise: same seeds, run back to back in interleaved rounds).
# Each run: frugal-rapl-sim (1 ms updates on its own clock, 15.3 uJ quanta,
# 2 W baseline, known to the runtime through FRUGAL_IDLE_WATTS) around the
# instrumented phases.c, whose functions' exclusive dynamic energy in the
# profile is compared with the truth file's joules per label, and the
# profile's package total with the truth's. Prints each cell's median
# error and largest |error| over the runs, then a summary.
# Usage: bench/attribution/run.sh BUILD_DIR
# Settings: BENCH_ATTRIBUTION_RUNS (3 runs per cell),
# BENCH_ATTRIBUTION_SECONDS (0.8, of phases per run),
# BENCH_ATTRIBUTION_LENGTHS ("0.1 0.3 1 3 10 50", ms),
# BENCH_ATTRIBUTION_THREADS ("1 2 4"),
# BENCH_ATTRIBUTION_WORK (auto: phases spin when the machine has a CPU for
# every phase thread plus two (the sampler, the simulator), else sleep;
# spin; sleep), BENCH_ATTRIBUTION_DIR (where profiles and truths go;
# default BUILD_DIR/bench-results/attribution).
set -euo pipefail
build=${1:?usage: bench/attribution/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sim="$build/test/sim/frugal-rapl-sim"
cc="$build/bin/frugal-clang"
[[ -x $cc ]] || { echo "attribution: no $cc: build it first (ninja -C $build frugal-clang FrugalPass frugal_rt)" >&2; exit 2; }
[[ -x $sim ]] || { echo "attribution: no $sim: build it first (ninja -C $build frugal-rapl-sim)" >&2; exit 2; }
work=${BENCH_ATTRIBUTION_DIR:-$build/bench-results/attribution}
mkdir -p "$work"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$cc" -O2 -pthread -I"$root/include" -I"$root/test/sim" "$here/phases.c" \
  -o "$work/attribution_phases"
exec python3 "$here/bench.py" --sim "$sim" --host "$work/attribution_phases" \
  --work "$work" --runs "${BENCH_ATTRIBUTION_RUNS:-3}" \
  --seconds "${BENCH_ATTRIBUTION_SECONDS:-0.8}" \
  --lengths "${BENCH_ATTRIBUTION_LENGTHS:-0.1 0.3 1 3 10 50}" \
  --threads "${BENCH_ATTRIBUTION_THREADS:-1 2 4}" \
  --mode "${BENCH_ATTRIBUTION_WORK:-auto}"
