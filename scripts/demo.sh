#!/usr/bin/env bash
# The main job: builds frugal, instruments the MLP example with frugal-clang++,
# trains and evaluates it, prints the profile summary, runs `frugal analyze`
# on the same sources, and prints `frugal report`: measured energy beside the
# static estimates, evaluated with the recorded arguments; the same report is
# written as a self-contained HTML page.
# Usage: scripts/demo.sh [--llvm N] [-- mlp options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llvm=${FRUGAL_LLVM_VERSION:-19}
if [ "${1:-}" = "--llvm" ]; then llvm=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift

echo "== building frugal (LLVM $llvm)" >&2
build=$("$root/scripts/build.sh" --llvm "$llvm" FrugalPass frugal_rt frugal frugal-clang | tail -n 1)
out="$build/demo"; mkdir -p "$out"

# FRUGAL_RECORD_ARGS=1: the pass also records the integer arguments of a
# sample of calls, so the report can evaluate the static formulas (frugal-clang
# then adds -g, which names the parameters).
echo "== instrumenting examples/mlp with frugal-clang++ -O2 (recording arguments)" >&2
FRUGAL_RECORD_ARGS=1 "$build/bin/frugal-clang++" -std=c++20 -O2 "$root"/examples/mlp/*.cpp -o "$out/mlp"

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

# The same sources, analysed statically: complexity, flops and bytes per
# function, as expressions of the parameters (docs/static-format.md).
echo "== static analysis (frugal analyze examples/mlp)" >&2
python3 - "$root" "$out" <<'PY'
import glob, json, os, sys
root, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(root, "examples", "mlp", "*.cpp")))
json.dump([{"directory": root, "file": f,
            "arguments": ["clang++", "-std=c++20", "-O2", "-I" + os.path.join(root, "include"), "-c", f]} for f in files],
          open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
PY
"$build/bin/frugal" analyze -p "$out" -o "$out/mlp-static.json" --format json
echo "frugal: static estimates of every function: $out/mlp-static.json" >&2

echo "== report: measured energy beside the static estimates" >&2
"$build/bin/frugal" report "$profile" --static "$out/mlp-static.json"
"$build/bin/frugal" report "$profile" --static "$out/mlp-static.json" \
  --format html -o "$out/mlp-report.html"
echo "frugal: HTML report (opens offline): $out/mlp-report.html" >&2
