#!/usr/bin/env bash
# Installs what frugal needs to build, test and run its demo on Debian 12,
# with apt-get. Usage: scripts/install-deps.sh [LLVM_MAJOR...]   (default: 19)
# Packages already present are not reinstalled, so a second run is quick.
set -euo pipefail

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(19)

packages=(cmake ninja-build python3 pkg-config
          libpfm4-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
          nlohmann-json3-dev libeigen3-dev libboost-dev zlib1g-dev
          time)
# npm bundles the HTML report's charting library at build time; keep a
# Node.js that is already installed (e.g. NodeSource's, which ships npm).
command -v npm >/dev/null || packages+=(nodejs npm)
# The tests render HTML reports in chromium and build examples/project with
# autotools as well as CMake and make; the security tests give a program a
# file capability with setcap (libcap2-bin).
[ "${FRUGAL_TEST_DEPS:-0}" = 1 ] && packages+=(chromium autoconf automake libtool make libcap2-bin)
for v in "${versions[@]}"; do
  case "$v" in
    19|22) ;;
    *) echo "install-deps: unsupported LLVM version '$v' (use 19 or 22)" >&2; exit 2 ;;
  esac
  packages+=("llvm-$v-dev" "clang-$v" "libclang-$v-dev" "llvm-$v-tools" "lld-$v")
done
# OpenMP: Debian's libomp-N-dev packages conflict with each other; any one
# serves every clang (the runtime ABI is stable), so keep an existing one.
if ! compgen -G "/usr/lib/llvm-*/lib/libomp.so" >/dev/null; then
  packages+=("libomp-${versions[0]}-dev")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || {
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
