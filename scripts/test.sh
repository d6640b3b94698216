#!/usr/bin/env bash
# Builds frugal and runs every test: the lit suites (pass IR, tools,
# end-to-end) and the GoogleTest unit tests. Ends with one line
# "N passed, N failed[, N skipped]" and exits non-zero when anything failed.
# Usage: scripts/test.sh [--llvm N] [--only-llvm-dependent]
#   --only-llvm-dependent  skip the suites that do not depend on the LLVM
#                          version (.ci/run uses it for the second version).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/results.sh
. "$root/scripts/lib/results.sh"
llvm=${FRUGAL_LLVM_VERSION:-19}
only_dependent=0
while [ $# -gt 0 ]; do
  case "$1" in
    --llvm) llvm=$2; shift 2 ;;
    --only-llvm-dependent) only_dependent=1; shift ;;
    *) echo "test.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

# The tests need a little more than the build (install-deps.sh).
export FRUGAL_TEST_DEPS=1
build=$("$root/scripts/build.sh" --llvm "$llvm" | tail -n 1) || {
  echo "test.sh: build for LLVM $llvm failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0 skipped=0
logdir="$build/test-logs"; mkdir -p "$logdir"

# lit: its summary lines look like "  Passed            : 12".
lit=$(ls "/usr/lib/llvm-$llvm/bin/lit" "/usr/lib/llvm-$llvm/build/utils/lit/lit.py" 2>/dev/null | head -n 1)
# The energy suite times programs against the RAPL simulator's clock: it
# runs afterwards, alone and one test at a time, so that the other suites'
# load does not blur it. It tests the runtime, not the pass: only once.
python3 "$lit" -sv --filter-out '^frugal :: (energy|sim-tests|counters)/' "$build/test" 2>&1 | tee "$logdir/lit.log"
if [ "$only_dependent" = 0 ]; then
  python3 "$lit" -sv -j 1 --filter '^frugal :: (energy|sim-tests|counters)/' "$build/test" 2>&1 | tee -a "$logdir/lit.log"
fi
read -r p f s <<<"$(lit_counts "$logdir/lit.log")"
grep -qE "^ *(Passed|Failed) *:" "$logdir/lit.log" || echo "test.sh: lit ran no test"
passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))

# GoogleTest: version-independent (runtime internals) unless told otherwise.
if [ "$only_dependent" = 0 ]; then
  unit="$build/bin/frugal_unit_tests"
  if [ -x "$unit" ]; then
    "$unit" --gtest_color=no 2>&1 | tee "$logdir/unit.log" | grep -E "^\[  (FAILED|PASSED) |^\[==========\]"
    read -r p f _ <<<"$(gtest_counts "$logdir/unit.log")"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "test.sh: $unit was not built"; failed=$((failed + 1))
  fi
fi

# --- fuzzing (issue #10; fuzz/run.sh, docs/reliability.md, section 1) ---
# Each libFuzzer target for 6 s from its seeds and regression inputs; a
# crash, leak, timeout or UBSan report fails it. Once, not per LLVM version.
if [ "$only_dependent" = 0 ]; then
  "$root/fuzz/run.sh" --build "$build" --llvm "$llvm" --time 6 \
    2>"$logdir/fuzz-build.log" | tee "$logdir/fuzz.log"
  p=$(grep -c '^fuzz: PASS' "$logdir/fuzz.log")
  f=$(grep -c '^fuzz: FAIL' "$logdir/fuzz.log")
  [ $((p + f)) -gt 0 ] || { echo "test.sh: fuzz/run.sh ran no target"; f=1; }
  passed=$((passed + p)); failed=$((failed + f))
fi
# --- end fuzzing ---

# --- sanitizers (issue #10; scripts/sanitize.sh, docs/reliability.md, section 3) ---
# The runtime and its unit tests built with ASan+UBSan (build/asan), then
# with TSan (build/tsan), and run with 9 e2e tests (threads, signals, fork,
# exceptions, longjmp, flush, exit paths; this build's plugin and tools).
# A sanitizer report, a failed test, a hang or a failed build is a failure.
# Once, not per LLVM version: 3 to 6.5 min from clean build directories on
# a 2-vCPU VM (quiet or loaded; nearly all of it the two builds).
if [ "$only_dependent" = 0 ]; then
  for san in asan tsan; do
    "$root/scripts/sanitize.sh" --llvm "$llvm" --only "$san" --quick \
      --tools-from "$build" 2>&1 | tee "$logdir/sanitize-$san.log"
    rc=${PIPESTATUS[0]}
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' \
      "$logdir/sanitize-$san.log" | tail -n 1)
    read -r p _ f _ s _ <<<"${summary:-0 passed, 1 failed, 0 skipped}"
    [ -n "$summary" ] || echo "test.sh: sanitize.sh --only $san gave no summary"
    [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  done
fi
# --- end sanitizers ---

echo "LLVM $llvm: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
