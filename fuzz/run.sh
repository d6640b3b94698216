#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/CMakeLists.txt) and runs each one for a
# bounded time, starting from its seeds: fuzz/corpus/TARGET, the JSON inputs
# of the lit tests (profile and static readers) and fuzz/regressions/TARGET
# (inputs that once crashed: libFuzzer runs every seed first, so a
# regression fails at once). Prints one line per target:
#   fuzz: PASS|FAIL TARGET runs=N exec/s=N cov=N ft=N corpus=N new=N
# and exits non-zero if any target crashed, leaked, timed out or ran out of
# memory; the input that did it is kept under the work folder (printed).
#
# Usage: fuzz/run.sh [--build DIR] [--llvm N] [--time SECONDS]
#                    [--work DIR] [TARGET...]
#   --build DIR  the build folder to reconfigure with -DFRUGAL_FUZZ=ON
#                (default build/llvm-N; the fuzzers are EXCLUDE_FROM_ALL,
#                so the normal build is unchanged)
#   --time S     seconds of fuzzing per target (default 10)
#   --work DIR   keep the grown corpora and crashes there (default: a fresh
#                folder under the build folder, emptied first)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llvm=${FRUGAL_LLVM_VERSION:-19}
build="" seconds=10 work="" targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --llvm) llvm=$2; shift 2 ;;
    --time) seconds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -*) echo "fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ -n "$build" ] || build="$root/build/llvm-$llvm"
all=(fuzz_profile fuzz_static fuzz_events fuzz_output_path fuzz_filter_config
     fuzz_powercap fuzz_msr)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DFRUGAL_LLVM_VERSION="$llvm" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRUGAL_FUZZ=ON >/dev/null || exit 1
elif ! grep -q '^FRUGAL_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -DFRUGAL_FUZZ=ON "$build" >/dev/null || exit 1
fi
ninja -C "$build" "${targets[@]}" >&2 || {
  echo "fuzz: FAIL build"; exit 1; }

if [ -z "$work" ]; then
  work="$build/fuzz-work"
  rm -rf "$work"
fi
mkdir -p "$work"

# Seeds beyond fuzz/corpus/TARGET: the readers' lit inputs.
seeds_of() {
  case "$1" in
    fuzz_profile | fuzz_static)
      find "$root/test/tools" "$root/test/analyze" -path '*/Inputs/*.json' \
        -size -64k -print0 | xargs -0 -r dirname | sort -u ;;
  esac
  for d in "$root/fuzz/corpus/$1" "$root/fuzz/regressions/$1"; do
    [ -d "$d" ] && echo "$d"
  done
}

failed=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/$t"
  mkdir -p "$work/$t" "$work/crashes"
  dict=()
  case "$t" in
    fuzz_profile) dict=(-dict="$root/fuzz/dict/profile.dict") ;;
    fuzz_static) dict=(-dict="$root/fuzz/dict/static.dict") ;;
  esac
  mapfile -t seeds < <(seeds_of "$t")
  log="$work/$t.log"
  # The first folder receives the new inputs; the seed folders are read.
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/crashes/$t-" "${dict[@]}" \
    "$work/$t" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  figure() { sed -nE "s/^stat::$1: *([0-9]+).*/\1/p" "$log" | tail -n 1; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  line="$t runs=$(figure number_of_executed_units) exec/s=$(figure average_exec_per_sec)"
  line+=" cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} new=$(figure new_units_added)"
  if [ "$rc" -eq 0 ] && ! grep -qE '^==[0-9]+==ERROR|^SUMMARY: ' "$log"; then
    echo "fuzz: PASS $line"
  else
    failed=$((failed + 1))
    echo "fuzz: FAIL $line (exit $rc; log $log)"
    grep -E '^==[0-9]+==ERROR|runtime error|^SUMMARY:|Test unit written' "$log" |
      head -n 5 | sed 's/^/  /'
  fi
done
[ "$failed" -eq 0 ]
