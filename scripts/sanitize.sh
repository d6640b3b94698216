#!/usr/bin/env bash
# Runs the runtime's tests under AddressSanitizer + UndefinedBehaviorSanitizer
# and under ThreadSanitizer (docs/reliability.md, section 3): builds the
# runtime with -DFRUGAL_SANITIZE into build/asan and build/tsan, runs the
# GoogleTest unit tests and the runtime's lit end-to-end tests (test/e2e)
# against the sanitized runtime. Ends with "N passed, N failed, N skipped";
# exits non-zero when anything failed. A sanitizer report fails its test.
# Usage: scripts/sanitize.sh [--llvm N] [--only asan|tsan] [--quick]
#                            [--tools-from BUILD]
#   --quick       the unit tests and a subset of test/e2e (CI: scripts/test.sh)
#   --tools-from  an uninstrumented build of the same LLVM version (such as
#                 scripts/build.sh's): the e2e tests take its pass plugin,
#                 wrappers, CLI and RAPL simulator, which are not instrumented
#                 anyway, instead of building them again (CI saves minutes)
# FRUGAL_SANITIZE_BUILD_PREFIX puts them elsewhere: PREFIXasan, PREFIXtsan.
# FRUGAL_SANITIZE_TIMEOUT_S bounds each lit run (default 1800 s, --quick 300).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/results.sh
. "$root/scripts/lib/results.sh"
llvm=${FRUGAL_LLVM_VERSION:-19}
only="" quick=0 tools=""
while [ $# -gt 0 ]; do
  case "$1" in
    --llvm) llvm=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --tools-from) tools=$(cd "$2" && pwd) || exit 2; shift 2 ;;
    *) echo "sanitize.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
prefix=${FRUGAL_SANITIZE_BUILD_PREFIX:-$root/build/}
lit=$(ls "/usr/lib/llvm-$llvm/bin/lit" "/usr/lib/llvm-$llvm/build/utils/lit/lit.py" 2>/dev/null | head -n 1)

# e2e tests that cannot run under a sanitizer: not run, and each one is
# named with its reason and counted as skipped (never as passed).
#   FILE-GLOB (in test/e2e) | SANITIZERS (asan, tsan) | REASON
skips='alloc-*|asan tsan|allocation tracking needs the allocator interposer, which the sanitized runtime leaves out (the sanitizers interpose malloc themselves)
static-ifunc.c|asan tsan|links with -static, which ASan and TSan do not support
record-args-wrapper.test|asan tsan|checks the exact command line of frugal-clang++, to which the -fsanitize flags are added
sampled-timing.c|tsan|its phases are wall-clock spins taken to last their nominal time, but under TSan the 1 kHz sampler starves them on 2 vCPUs (phaseD: 150 ms nominal, 253 ms timed by the program itself, 222 ms in the profile)
runtime-copies.c|asan tsan|dlopens instrumented libraries from an uninstrumented python3
openmp.c|tsan|libomp is not built with TSan: its synchronisation is invisible to it (false reports in pthread_mutex_lock)
security-secure-mode.c|asan|runs the program under setpriv as another user: LeakSanitizer cannot stop the world of a non-dumpable process'
# --quick: threads, signals, fork, exceptions, longjmp, flush, exit: the
# tests that exercise the runtime's concurrency and its exit paths.
quick_tests='^frugal :: e2e/(threads|signals|fork|exceptions|longjmp|flush|exit-status|shared-libs|recursion)\.'

passed=0 failed=0 skipped=0
run_one() { # NAME SANITIZERS
  local name=$1 san=$2 build="$prefix$1"
  local log="$build/sanitize-logs"
  echo "== $name (-fsanitize=$san)"
  mkdir -p "$(dirname "$build")" # a fresh clone has no build/
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DFRUGAL_LLVM_VERSION="$llvm" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRUGAL_SANITIZE="$san" \
      >"$build.configure.log" 2>&1 || {
      cat "$build.configure.log"; failed=$((failed + 1)); return; }
  fi
  local targets="frugal_unit_tests frugal_rt frugal_rt_static" params=()
  if [ -n "$tools" ]; then
    [ -f "$tools/lib/FrugalPass.so" ] || {
      echo "sanitize.sh: $tools/lib/FrugalPass.so not found (--tools-from)"
      failed=$((failed + 1)); return; }
    params=(--param "frugal_tools=$tools")
  else
    targets="$targets FrugalPass frugal-clang frugal-rapl-sim"
    [ "$quick" = 1 ] || targets="$targets frugal"
  fi
  # shellcheck disable=SC2086
  ninja -C "$build" $targets >"$build.build.log" 2>&1 || {
    tail -n 30 "$build.build.log"; echo "sanitize.sh: $name build failed"
    failed=$((failed + 1)); return; }
  mkdir -p "$log"

  # Unit tests: a report aborts the binary (ASan and UBSan stop at the
  # first; TSan would go on and only change the exit status, hence
  # halt_on_error), so a missing final line fails; so does a report after
  # it (LeakSanitizer's, at exit), which only the exit status shows.
  TSAN_OPTIONS="halt_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}" \
    "$build/bin/frugal_unit_tests" --gtest_color=no >"$log/unit.log" 2>&1
  local p f rc=$?
  read -r p f _ <<<"$(gtest_counts "$log/unit.log")"
  if ! grep -qE "^\[==========\] .* ran\." "$log/unit.log"; then
    echo "$name unit tests died:"
    grep -E "^(==|SUMMARY)|runtime error|^\[ RUN" "$log/unit.log" | tail -n 5
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1; echo "$name unit tests: all passed, but the exit status is $rc:"
    grep -E "^(==|SUMMARY)" "$log/unit.log" | tail -n 5
  fi
  grep -E "^SUMMARY: |^\[  FAILED  \] .*\(" "$log/unit.log" | sort -u
  echo "$name unit: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))

  # lit e2e against the sanitized runtime (see test/lit.cfg.py).
  local filter='^frugal :: e2e/' out='^$' a=0 glob sans why f1
  [ "$quick" = 1 ] && filter=$quick_tests
  while IFS='|' read -r glob sans why; do
    case " $sans " in *" $name "*) ;; *) continue ;; esac
    # shellcheck disable=SC2086 # the glob is meant to expand
    for f1 in $(cd "$root/test/e2e" && ls $glob 2>/dev/null); do
      out="$out|^frugal :: e2e/${f1//./\\.}\$"
      [[ "frugal :: e2e/$f1" =~ $filter ]] || continue
      echo "$name: SKIPPED e2e/$f1: $why"; a=$((a + 1))
    done
  done <<<"$skips"
  # A bound on the whole run, since a hang is a failure too (lit's own
  # --timeout needs psutil, which the machines lack). SIGKILL, sent by
  # timeout(1) to its process group, also ends a hung test program that a
  # SIGTERM would not (the runtime's handler may wait); the missing summary
  # then fails the run.
  local limit=1800
  [ "$quick" = 1 ] && limit=300
  limit=${FRUGAL_SANITIZE_TIMEOUT_S:-$limit}
  timeout -s KILL "$limit" python3 "$lit" -sv --param "frugal_sanitize=$san" \
    "${params[@]}" --filter "$filter" --filter-out "$out" "$build/test" \
    >"$log/lit.log" 2>&1
  [ $? -lt 124 ] || echo "$name: lit stopped after $limit s (a test hangs)"
  local s
  read -r p f s <<<"$(lit_counts "$log/lit.log")"
  grep -qE "^ *(Passed|Failed) *:" "$log/lit.log" || echo "$name: lit ran no test"
  grep -E "^ *(FAIL|UNRESOLVED|TIMEOUT): |^# \| SUMMARY: " "$log/lit.log" | sort -u
  echo "$name e2e: $p passed, $f failed, $((s + a)) skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s + a))
}

[ -z "$only" ] || [ "$only" = asan ] && run_one asan address,undefined
[ -z "$only" ] || [ "$only" = tsan ] && run_one tsan thread
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
