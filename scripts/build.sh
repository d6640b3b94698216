#!/usr/bin/env bash
# Configures and builds frugal for one LLVM major version into build/llvm-N.
# Usage: scripts/build.sh [--llvm N] [ninja targets...]
# Prints the build directory on the last line of stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llvm=${FRUGAL_LLVM_VERSION:-19}
if [ "${1:-}" = "--llvm" ]; then llvm=$2; shift 2; fi

"$root/scripts/install-deps.sh" "$llvm"
build="$root/build/llvm-$llvm"
mkdir -p "$root/build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DFRUGAL_LLVM_VERSION="$llvm" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2; exit 1; }
fi
ninja -C "$build" "$@" >&2
echo "$build"
