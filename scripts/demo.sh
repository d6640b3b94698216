#!/usr/bin/env bash
# The main job: builds frugal, instruments the MLP example with frugal-clang++,
# trains and evaluates it, and prints the profile summary.
# Usage: scripts/demo.sh [--llvm N] [-- mlp options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llvm=${FRUGAL_LLVM_VERSION:-19}
if [ "${1:-}" = "--llvm" ]; then llvm=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift

echo "== building frugal (LLVM $llvm)" >&2
build=$("$root/scripts/build.sh" --llvm "$llvm" FrugalPass frugal_rt frugal frugal-clang | tail -n 1)
out="$build/demo"; mkdir -p "$out"

echo "== instrumenting examples/mlp with frugal-clang++ -O2" >&2
"$build/bin/frugal-clang++" -std=c++20 -O2 "$root"/examples/mlp/*.cpp -o "$out/mlp"

echo "== running it" >&2
profile="$out/mlp-profile.json"
# With the proxies beside energy: CPU time and instructions per function
# (where this machine can count them: the profile says why not), and the
# bytes each function allocates. Set FRUGAL_EVENTS= to count none.
FRUGAL_EVENTS="${FRUGAL_EVENTS-task-clock,instructions,page-faults}" \
FRUGAL_TRACK_ALLOC="${FRUGAL_TRACK_ALLOC-1}" \
FRUGAL_OUTPUT="$profile" "$out/mlp" "$@"

echo "== profile summary ($profile)" >&2
"$build/bin/frugal" summary "$profile"
