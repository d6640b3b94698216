#!/usr/bin/env bash
# Lines per second of `frugal analyze` against `clang -fsyntax-only` (the
# clang of the LLVM frugal was built with) on the same files: the static
# analysis corpus (test/analyze/corpus), a generated ~20k-line C file of
# kernels (gen_kernels.py), and the runtime's own sources through the
# build's compile_commands.json. Median of 5 runs; prints the table kept in
# docs/performance.md.
# Usage: bench/analyze/run.sh BUILD_DIR
# Settings: BENCH_ANALYZE_RUNS (5), BENCH_ANALYZE_LINES (20000).
set -euo pipefail
build=${1:?usage: bench/analyze/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
[[ -x "$build/bin/frugal" ]] || { echo "no $build/bin/frugal: build it first" >&2; exit 2; }
[[ -f "$build/compile_commands.json" ]] || { echo "no $build/compile_commands.json (configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2; exit 2; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 "$here/bench.py" "$build" --runs "${BENCH_ANALYZE_RUNS:-5}" \
  --lines "${BENCH_ANALYZE_LINES:-20000}"
