#!/usr/bin/env bash
# Runs frugal's benchmarks and prints the tables kept in docs/performance.md.
# Usage: bench/run.sh BUILD_DIR [all|calls|counters|alloc|mlp|energy|analyze]...
#        (or: ninja -C BUILD_DIR bench, which runs them all)
#  calls   cost per call (entry + exit) of frugal (FRUGAL_ENERGY=none: time
#          only), empty -finstrument-functions hooks, and a minimal TSC hook
#          pair, over an uninstrumented build;
#  counters  cost per call with 0, 2 and 4 FRUGAL_EVENTS read by the
#          sampler (software events: the hooks do nothing more, the sampler
#          reads each thread's group per 1 ms tick), and the hooks' own cost with 0, 2, 4 rdpmc counters on fake pages;
#  alloc   one malloc(64)/free pair in an instrumented function: plain clang
#          (no runtime), FRUGAL_TRACK_ALLOC off and on; freed at once or
#          with 4096 blocks live; 1 or 2 threads (bench/alloc_pairs.c);
#  mlp     end-to-end overhead on the classifier example's MLP variant
#          (classify --model mlp, synthetic data) with the default filter
#          (and the default FRUGAL_ENERGY=auto);
#  energy  the energy sampler: its CPU time with phase-locked ~1 ms ticks
#          (FRUGAL_ENERGY=powercap under the RAPL simulator), 10 ms ticks
#          (model) and none, on a busy, an idle and a loaded host program,
#          and the cost per call with energy on (bench/energy.py);
#  analyze `frugal analyze` against `clang -fsyntax-only` on the same
#          files, in lines per second (bench/analyze/run.sh).
# Settings: BENCH_REPETITIONS (5: Google Benchmark repetitions per run),
# BENCH_ENERGY_RUNS (3: interleaved rounds of the energy part),
# BENCH_ENERGY_SECONDS (2: length of each sampler run).
set -euo pipefail
build=${1:?usage: bench/run.sh BUILD_DIR [all|calls|mlp|energy]...}
shift
sections=" ${*:-all} "
want() { [[ $sections == *" all "* || $sections == *" $1 "* ]]; }
for s in $sections; do
  case $s in all|calls|counters|alloc|mlp|energy|analyze) ;; *) echo "unknown section: $s" >&2; exit 2 ;; esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
reps=${BENCH_REPETITIONS:-5}
work="$build/bench-results"; mkdir -p "$work"
clang="$(sed -n 's/^FRUGAL_LLVM_ROOT:PATH=//p' "$build/CMakeCache.txt")/bin/clang"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, Linux $(uname -r); $(date -u +%Y-%m-%d); load average $(cut -d' ' -f1-3 /proc/loadavg)"

if want calls; then
for v in none frugal cyg-empty cyg-tsc; do
  # FRUGAL_ENERGY=none: the per-call cost of timing alone, as in the earlier
  # runs (the energy part measures it with the sampler on).
  FRUGAL_ENERGY=none FRUGAL_OUTPUT="$work/bench-$v.profile.json" \
    "$build/bin/bench-calls-$v" --benchmark_repetitions="$reps" \
    --benchmark_min_time=0.3 --benchmark_format=json \
    >"$work/calls-$v.json" 2>/dev/null
done

python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
def medians(v):
    d = json.load(open(os.path.join(work, "calls-%s.json" % v)))
    out = {}
    for b in d["benchmarks"]:
        if b.get("aggregate_name") == "median" or (b.get("run_type") == "iteration" and b["run_name"] not in out):
            out[b["run_name"]] = 1e9 / b["items_per_second"]  # ns per call
    return out
base = medians("none")
rows = [("frugal (time, exact)", "frugal"),
        ("-finstrument-functions, empty hooks", "cyg-empty"),
        ("minimal TSC hook pair", "cyg-tsc")]
print()
print("| instrumentation | leaf: ns per call added | recursion: ns per call added |")
print("|---|---|---|")
added = {}
for label, v in rows:
    m = medians(v)
    a = [m[k] - base[k] for k in ("leafCalls", "recursiveCalls")]
    added[v] = a
    print("| %s | %.2f | %.2f |" % (label, a[0], a[1]))
print("| (uninstrumented, ns per call) | %.2f | %.2f |" % (base["leafCalls"], base["recursiveCalls"]))
for i, k in enumerate(("leaf", "recursion")):
    print("%s: frugal / TSC pair = %.2fx" % (k, added["frugal"][i] / added["cyg-tsc"][i]))
PY
fi

if want counters; then
# Per call with sampled counters: the same binary, 0, 2 and 4 events, in
# interleaved rounds (the sampler competes for the 2 cores).
declare -A events=([0]="" [2]="task-clock,page-faults"
                   [4]="task-clock,page-faults,context-switches,cpu-migrations")
for round in 1 2 3; do
  for n in 0 2 4; do
    FRUGAL_ENERGY=none FRUGAL_EVENTS="${events[$n]}" \
      FRUGAL_OUTPUT="$work/counters-$n.profile.json" \
      "$build/bin/bench-calls-frugal" --benchmark_repetitions="$reps" \
      --benchmark_min_time=0.3 --benchmark_format=json \
      >"$work/counters-$n-$round.json" 2>/dev/null
  done
done
FRUGAL_ENERGY=none "$build/bin/bench-calls-none" --benchmark_repetitions="$reps" \
  --benchmark_min_time=0.3 --benchmark_format=json >"$work/counters-base.json" 2>/dev/null
"$build/bin/bench-counter-hooks" --benchmark_repetitions="$reps" \
  --benchmark_min_time=0.3 --benchmark_format=json >"$work/counter-hooks.json" 2>/dev/null
python3 - "$work" <<'PY'
import json, os, statistics, sys
work = sys.argv[1]
def medians(path):
    d = json.load(open(path))
    return {b["run_name"]: 1e9 / b["items_per_second"] for b in d["benchmarks"]
            if b.get("aggregate_name") == "median"}
base = medians(os.path.join(work, "counters-base.json"))
print()
print("| sampled counters | leaf: ns per call added | recursion: ns per call added |")
print("|---|---|---|")
for n in (0, 2, 4):
    runs = [medians(os.path.join(work, "counters-%d-%d.json" % (n, r))) for r in (1, 2, 3)]
    added = [statistics.median(m[k] for m in runs) - base[k] for k in ("leafCalls", "recursiveCalls")]
    prof = json.load(open(os.path.join(work, "counters-%d.profile.json" % n)))
    counted = [e["name"] for e in prof["events"] if e["status"] == "ok"]
    assert len(counted) == n, "expected %d counted events, got %s" % (n, counted)
    print("| %d | %.2f | %.2f |" % (n, added[0], added[1]))
h = medians(os.path.join(work, "counter-hooks.json"))
print()
print("| rdpmc counters (fake pages) | ns per enter+exit pair |")
print("|---|---|")
for n in (0, 2, 4):
    print("| %d | %.2f |" % (n, h["enterExit/%d" % n]))
PY
fi

if want alloc; then
mkdir -p "$work/alloc"
"$clang" -O2 -pthread -I"$root/include" "$root/bench/alloc_pairs.c" -o "$work/alloc/plain"
"$build/bin/frugal-clang" -O2 -pthread "$root/bench/alloc_pairs.c" -o "$work/alloc/frugal"
echo
echo "| malloc(64)/free pair, ns (best of 5 x 10^7) | plain | tracking off | tracking on |"
echo "|---|---|---|---|"
for args in "1" "live 1" "2" "live 2"; do
  plain=$("$work/alloc/plain" $args)
  off=$(FRUGAL_ENERGY=none FRUGAL_OUTPUT="$work/alloc/off.json" "$work/alloc/frugal" $args)
  on=$(FRUGAL_ENERGY=none FRUGAL_TRACK_ALLOC=1 FRUGAL_OUTPUT="$work/alloc/on.json" "$work/alloc/frugal" $args)
  python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["alloc_tracking"]["status"] != "on")' \
    "$work/alloc/on.json" || { echo "alloc: tracking was not on" >&2; exit 1; }
  case $args in
    1) label="1 thread, freed at once" ;; "live 1") label="1 thread, 4096 live" ;;
    2) label="2 threads, freed at once" ;; *) label="2 threads, 4096 live" ;;
  esac
  echo "| $label | $plain | $off | $on |"
done
fi

if want mlp; then
# End-to-end: the MLP variant of the classifier example (the shape of the
# earlier examples/mlp run), uninstrumented vs frugal with the default filter.
mkdir -p "$work/e2e"
clangxx="$clang++"
classify_sources=("$root"/examples/classify/main.cpp "$root"/examples/classifiers/*.cpp)
"$clangxx" -std=c++20 -O2 -I"$root/include" "${classify_sources[@]}" -lz -o "$work/e2e/mlp-plain"
"$build/bin/frugal-clang++" -std=c++20 -O2 "${classify_sources[@]}" -lz -o "$work/e2e/mlp-frugal"
python3 - "$work/e2e" "$(( reps > 9 ? reps : 9 ))" <<'PY'
import os, statistics, subprocess, sys
work, reps = sys.argv[1], int(sys.argv[2])
args = ["--model", "mlp", "--data", "synthetic", "--samples", "16000",
        "--features", "32", "--classes", "4", "--hidden", "128",
        "--epochs", "10", "--lr", "0.05", "--min-inference-ms", "0"]
def run(exe):
    # CPU time (user + sys) of the child: less sensitive than wall time to
    # the scheduling noise of a shared 2-core VM.
    env = dict(os.environ, FRUGAL_OUTPUT=os.path.join(work, "mlp.profile.json"))
    proc = subprocess.Popen([os.path.join(work, exe)] + args, env=env,
                            stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert status == 0, exe
    return usage.ru_utime + usage.ru_stime
times = {"mlp-plain": [], "mlp-frugal": []}
for _ in range(reps):           # interleaved, so drift hits both alike
    for exe in times:
        times[exe].append(run(exe))
p = statistics.median(times["mlp-plain"]); f = statistics.median(times["mlp-frugal"])
pm = min(times["mlp-plain"]); fm = min(times["mlp-frugal"])
print()
print("| classify --model mlp (-O2, default filter), CPU time, %d runs each | median | fastest |" % reps)
print("|---|---|---|")
print("| uninstrumented | %.3f s | %.3f s |" % (p, pm))
print("| frugal | %.3f s | %.3f s |" % (f, fm))
print("| overhead | %+.2f %% | %+.2f %% |" % ((f / p - 1) * 100, (fm / pm - 1) * 100))
import json
prof = json.load(open(os.path.join(work, "mlp.profile.json")))
calls = sum(fn["calls"] for fn in prof["functions"])
print("instrumented calls per run: %d (the top: %s)" % (calls, ", ".join(
    "%s %d" % (fn["name"][:40], fn["calls"]) for fn in
    sorted(prof["functions"], key=lambda fn: -fn["calls"])[:3])))
e = prof.get("energy", {})
s = e.get("sampler")
print("energy (FRUGAL_ENERGY unset: auto): %s%s" % (
    ", ".join("%s from %s" % (d, v.get("source")) for d, v in
              e.get("domains", {}).items()) or e.get("status"),
    "; sampler %.2f %% of one core, %d ticks" % (
        s["cpu_s"] / (prof["program"]["wall_ns"] * 1e-9) * 100, s["ticks"])
    if s else ""))
PY
fi

if want energy; then
# The energy sampler (docs/performance.md, "Energy sampling"): needs the
# RAPL simulator (built with the tests) and the call benchmarks.
mkdir -p "$work/energy/bin"
sim="$build/test/sim/frugal-rapl-sim"
[[ -x $sim ]] || { echo "energy: $sim is missing (ninja -C $build frugal-rapl-sim)" >&2; exit 1; }
"$build/bin/frugal-clang" -O2 -I"$root/test/sim" "$root/bench/sampler_host.c" \
    -o "$work/energy/bin/sampler_host"
"$clang" -O2 -pthread "$root/bench/wake_floor.c" -o "$work/energy/bin/wake_floor"
python3 "$root/bench/energy.py" "$build" "$work/energy" "$work/energy/bin" \
    "${BENCH_ENERGY_RUNS:-3}" "${BENCH_ENERGY_SECONDS:-2}" "$reps"
fi

if want analyze; then
  echo "== frugal analyze vs clang -fsyntax-only"
  "$root/bench/analyze/run.sh" "$build"
fi
