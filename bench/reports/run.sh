#!/usr/bin/env bash
# Wall time and peak memory of the report commands on large profiles
# (issue #6, point 8; issue #8, point 6): generates deterministic profiles
# of 10,000 and 100,000 functions (gen_profile.py; two per size, differing
# in their figures and pid, generated side by side, streamed to disk), then
# runs `frugal summary` and `frugal report` (table, and JSON of every row)
# on one, `frugal diff` on the two (2 variants) and `frugal merge` of the
# two, each under /usr/bin/time -f '%e %M'. Prints the file size, wall
# time, max RSS, RSS over the file size, and the same after subtracting the
# RSS of `frugal summary` on a tiny profile (the executable itself).
# docs/performance.md, "Reports on large profiles (issue #6)", keeps the
# results. Run by bench/run.sh as its section `reports`.
# Usage: bench/reports/run.sh BUILD_DIR
# Settings: BENCH_REPORTS_SIZES ("10000 100000"), BENCH_REPORTS_DIR (a
# temporary directory, removed at the end).
set -euo pipefail
build=${1:?usage: bench/reports/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
frugal="$build/bin/frugal"
[[ -x "$frugal" ]] || { echo "no $frugal: build it first (ninja -C $build frugal)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "no /usr/bin/time: apt-get install time" >&2; exit 2; }
sizes=${BENCH_REPORTS_SIZES:-10000 100000}
source "$(dirname "$0")/../benchlib.sh"
bench_work_dir "${BENCH_REPORTS_DIR:-}"

# Runs "$@" with stdout discarded; prints "SECONDS KIB".
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null
  cat "$work/time"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a * 1024 / b }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "frugal: $frugal ($("$frugal" --version 2>/dev/null | head -n1 || true))"
python3 "$here/gen_profile.py" 10 "$work/tiny.json"
read -r _ base_kib < <(measure "$frugal" summary "$work/tiny.json")
echo "baseline: frugal summary on a 10-function profile: max RSS $(mib "$base_kib") MiB"
echo
printf '%-9s %-11s %9s %8s %9s %9s %11s\n' functions command "file MiB" "wall s" "RSS MiB" RSS/file "(RSS-base)/file"
for n in $sizes; do
  a="$work/p$n-a.json" b="$work/p$n-b.json"
  # The two at once (one per core); nothing is being measured meanwhile.
  python3 "$here/gen_profile.py" "$n" "$a" --seed 1 --pid 1001 & gen_a=$!
  python3 "$here/gen_profile.py" "$n" "$b" --seed 2 --pid 1002 & gen_b=$!
  wait "$gen_a"; wait "$gen_b"
  bytes=$(stat -c %s "$a")
  for cmd in summary report report-json diff merge; do
    case $cmd in
      summary) args=(summary "$a") ;;
      report) args=(report "$a") ;;
      report-json) args=(report "$a" --format json) ;;
      diff) args=(diff "$a" "$b") ;;
      merge) args=(merge "$a" "$b" -o "$work/p$n-merged.json") ;;
    esac
    read -r secs kib < <(measure "$frugal" "${args[@]}")
    printf '%-9s %-11s %9s %8s %9s %9s %11s\n' "$n" "$cmd" "$(mib $((bytes / 1024)))" "$secs" \
      "$(mib "$kib")" "$(ratio "$kib" "$bytes")" "$(ratio $((kib - base_kib)) "$bytes")"
  done
  rm -f "$a" "$b" "$work/p$n-merged.json"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
