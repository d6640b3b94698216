#!/usr/bin/env bash
# The one command behind docs/performance.md: builds frugal (all targets,
# the benchmarks included) for one LLVM version, then runs every section of
# bench/run.sh in one go on this machine (per-call cost against
# -finstrument-functions and XRay, end-to-end and compile-time overhead,
# the energy sampler, attribution accuracy, analyze and report speed,
# runtime memory), and keeps the output.
# Usage: scripts/bench.sh [--llvm N] [SECTION...]   (default: all sections)
# The output goes to stdout and to build/llvm-N/bench-results/bench-DATE.md.
# Run it on an otherwise idle machine: every figure is a time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
args=()
if [ "${1:-}" = "--llvm" ]; then
  [ $# -ge 2 ] || { echo "scripts/bench.sh: --llvm needs a version (19 or 22)" >&2; exit 2; }
  args=(--llvm "$2"); shift 2
fi
# The section names before the build, not after it.
sections="calls sampled counters alloc e2e compile energy attribution analyze reports memory"
for s in "$@"; do
  [[ $s == all || " $sections " == *" $s "* ]] || {
    echo "scripts/bench.sh: unknown section '$s'; the sections are: all $sections" >&2; exit 2; }
done
build=$("$root/scripts/build.sh" "${args[@]}" | tail -n1)
mkdir -p "$build/bench-results"
out="$build/bench-results/bench-$(date -u +%Y%m%dT%H%M%SZ).md"
echo "frugal $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'), LLVM $(sed -n 's/^FRUGAL_LLVM_VERSION:[A-Z]*=//p' "$build/CMakeCache.txt"), $(date -u '+%Y-%m-%d %H:%M UTC')" | tee "$out"
start=$(date +%s)
"$root/bench/run.sh" "$build" "$@" 2>&1 | tee -a "$out"
echo "bench: $(( $(date +%s) - start )) s; output kept in $out" | tee -a "$out"
