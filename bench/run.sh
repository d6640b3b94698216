#!/usr/bin/env bash
# Runs frugal's benchmarks and prints the tables kept in docs/performance.md.
# Usage: bench/run.sh BUILD_DIR [all|SECTION]...
#        (or: ninja -C BUILD_DIR bench, which runs them all; scripts/bench.sh
#        builds first and keeps the output)
# Sections, in the order `all` runs them:
#  calls   cost per call (entry + exit): uninstrumented, frugal exact timing
#          (time only, with the energy sampler, with 2 counters), frugal
#          sampled timing, empty -finstrument-functions hooks, a minimal TSC
#          hook pair and XRay, on the same kernels (bench/calls/run.sh);
#  sampled time shares with FRUGAL_TIMING=sampled against exact timing on
#          every examples/ variant and the transformer loop
#          (bench/sampled/run.sh);
#  counters  the hooks' own cost with 0, 2, 4 rdpmc counters on fake pages;
#  alloc   one malloc(64)/free pair in an instrumented function: plain clang
#          (no runtime), FRUGAL_TRACK_ALLOC off and on; freed at once or
#          with 4096 blocks live; 1 or 2 threads (bench/alloc_pairs.c);
#  e2e     end-to-end overhead on every examples/ variant and on the
#          transformer-style inference loop (bench/e2e/run.sh);
#  compile compile-time overhead of the pass over clang -O2
#          (bench/compile/run.sh);
#  energy  the energy sampler: its CPU time with phase-locked ~1 ms ticks
#          (FRUGAL_ENERGY=powercap under the RAPL simulator), 10 ms ticks
#          (model) and none, on a busy, an idle and a loaded host program,
#          and the cost per call with energy on (bench/energy.py);
#  attribution  energy attribution error against the RAPL simulator's
#          ground truth (bench/attribution/run.sh);
#  analyze `frugal analyze` against `clang -fsyntax-only` on the same
#          files, in lines per second (bench/analyze/run.sh);
#  reports report/diff/merge time and memory on 10,000- and
#          100,000-function profiles (bench/reports/run.sh);
#  memory  the runtime's memory per thread and per instrumented function,
#          and the profile's size for 10,000 functions (bench/memory/run.sh).
# Settings: BENCH_REPETITIONS (5: Google Benchmark repetitions per run),
# BENCH_ENERGY_RUNS (3: interleaved rounds of the energy part),
# BENCH_ENERGY_SECONDS (2: length of each sampler run); each section's
# script lists its own.
set -euo pipefail
all_sections="calls sampled counters alloc e2e compile energy attribution analyze reports memory"
usage="usage: bench/run.sh BUILD_DIR [all|SECTION]...; sections: $all_sections"
if [[ $# -lt 1 ]]; then echo "$usage" >&2; exit 2; fi
build=$1
shift
sections=" ${*:-all} "
want() { [[ $sections == *" all "* || $sections == *" $1 "* ]]; }
for s in $sections; do
  [[ $s == all || " $all_sections " == *" $s "* ]] || {
    echo "bench/run.sh: unknown section '$s'; the sections are: all $all_sections" >&2; exit 2; }
done
[[ -f $build/CMakeCache.txt ]] || {
  echo "bench/run.sh: $build is not a configured frugal build (no CMakeCache.txt); build one with scripts/build.sh, or run scripts/bench.sh" >&2; exit 2; }
[[ $sections == *" all "* ]] && echo "running every section (about 20 minutes on a 2-core VM)"
root=$(cd "$(dirname "$0")/.." && pwd)
reps=${BENCH_REPETITIONS:-5}
work="$build/bench-results"; mkdir -p "$work"
clang="$(sed -n 's/^FRUGAL_LLVM_ROOT:PATH=//p' "$build/CMakeCache.txt")/bin/clang"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, Linux $(uname -r); $(date -u +%Y-%m-%d); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Sections kept in scripts of their own: bench/SECTION/run.sh BUILD_DIR.
section() {
  echo
  echo "== $1"
  "$root/bench/$1/run.sh" "$build"
}

if want calls; then section calls; fi
if want sampled; then section sampled; fi

if want counters; then
# The hooks' own cost with 0, 2 and 4 rdpmc counters on fake pages (this VM
# has no PMU; the calls section has frugal with 2 software counters).
echo
echo "== counters"
counter_hooks="$build/bin/bench-counter-hooks"
[[ -x $counter_hooks ]] || { echo "counters: no $counter_hooks: build it first (ninja -C $build bench-counter-hooks)" >&2; exit 2; }
"$counter_hooks" --benchmark_repetitions="$reps" --benchmark_min_time=0.3 \
  --benchmark_format=json >"$work/counter-hooks.json" 2>/dev/null
python3 - "$work/counter-hooks.json" "$reps" <<'PY'
import json, statistics, sys
runs = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") == "iteration":
        runs.setdefault(b["run_name"], []).append(1e9 / b["items_per_second"])
print()
print("| rdpmc counters (fake pages) | ns per enter+exit pair, median (min–max) of %s |" % sys.argv[2])
print("|---|---|")
for n in (0, 2, 4):
    xs = runs["enterExit/%d" % n]
    print("| %d | %.2f (%.2f–%.2f) |" % (n, statistics.median(xs), min(xs), max(xs)))
PY
fi

if want alloc; then
mkdir -p "$work/alloc"
"$clang" -O2 -pthread -I"$root/include" "$root/bench/alloc_pairs.c" -o "$work/alloc/plain"
"$build/bin/frugal-clang" -O2 -pthread "$root/bench/alloc_pairs.c" -o "$work/alloc/frugal"
echo
echo "| malloc(64)/free pair, ns (best of 5 x 10^7) | plain | tracking off | tracking on |"
echo "|---|---|---|---|"
for args in "1" "live 1" "2" "live 2"; do
  plain=$("$work/alloc/plain" $args)
  off=$(FRUGAL_ENERGY=none FRUGAL_OUTPUT="$work/alloc/off.json" "$work/alloc/frugal" $args)
  on=$(FRUGAL_ENERGY=none FRUGAL_TRACK_ALLOC=1 FRUGAL_OUTPUT="$work/alloc/on.json" "$work/alloc/frugal" $args)
  python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["alloc_tracking"]["status"] != "on")' \
    "$work/alloc/on.json" || { echo "alloc: tracking was not on" >&2; exit 1; }
  case $args in
    1) label="1 thread, freed at once" ;; "live 1") label="1 thread, 4096 live" ;;
    2) label="2 threads, freed at once" ;; *) label="2 threads, 4096 live" ;;
  esac
  echo "| $label | $plain | $off | $on |"
done
fi

if want e2e; then section e2e; fi
if want compile; then section compile; fi

if want energy; then
# The energy sampler (docs/performance.md, "Energy sampling"): needs the
# RAPL simulator (built with the tests) and the call benchmarks.
mkdir -p "$work/energy/bin"
sim="$build/test/sim/frugal-rapl-sim"
[[ -x $sim ]] || { echo "energy: $sim is missing (ninja -C $build frugal-rapl-sim)" >&2; exit 1; }
"$build/bin/frugal-clang" -O2 -I"$root/test/sim" "$root/bench/sampler_host.c" \
    -o "$work/energy/bin/sampler_host"
"$clang" -O2 -pthread "$root/bench/wake_floor.c" -o "$work/energy/bin/wake_floor"
python3 "$root/bench/energy.py" "$build" "$work/energy" "$work/energy/bin" \
    "${BENCH_ENERGY_RUNS:-3}" "${BENCH_ENERGY_SECONDS:-2}" "$reps"
fi

if want attribution; then section attribution; fi

if want analyze; then
  echo "== frugal analyze vs clang -fsyntax-only"
  "$root/bench/analyze/run.sh" "$build"
fi
if want reports; then section reports; fi
if want memory; then section memory; fi
