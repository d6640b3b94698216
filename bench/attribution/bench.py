#!/usr/bin/env python3
"""Attribution accuracy against frugal-rapl-sim's truth (run by run.sh).

Every cell (phase length, fixed/random lengths, threads) is run with
FRUGAL_ATTRIBUTION=regression and =time back to back, with the same seeds
(the same phase sequence), in rounds: each round runs every cell once, in a
shuffled order, so that the machine's drift hits all cells alike. Per run:
the relative error of each function's exclusive dynamic package energy
against the truth's joules for its label, and of the profile's package
total against the truth's total. Prints one markdown table with the median
error and the largest |error| over the runs of each cell, and a summary.
Standard library only.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

FUNCTIONS = ("hot", "mid", "cold")  # 40, 20, 10 W (phases.c)
METHODS = (("regression", "regression"), ("time", "time-split"))
BASELINE_W = 2


def die(msg):
    print("attribution: " + msg, file=sys.stderr)
    sys.exit(1)


def run_once(a, cell, method, rnd):
    length, kind, threads, mode = cell
    tag = "%s-%s-%d-%s-%d" % (length, kind, threads, method, rnd)
    prof = os.path.join(a.work, "profile-%s.json" % tag)
    truth = os.path.join(a.work, "truth-%s.json" % tag)
    for p in (prof, truth):
        if os.path.exists(p):
            os.remove(p)
    env = dict(os.environ, FRUGAL_ENERGY="powercap", FRUGAL_GPU="0",
               FRUGAL_IDLE_WATTS=str(BASELINE_W), FRUGAL_ATTRIBUTION=method,
               FRUGAL_OUTPUT=prof)
    cmd = [a.sim, "--truth", truth, "--baseline-w", str(BASELINE_W),
           "--seed", str(rnd + 1), "--", a.host, str(a.seconds), str(length),
           kind, str(threads), mode, str(rnd + 1)]
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0 or not os.path.exists(prof) or not os.path.exists(truth):
        die("run %s failed (status %d): %s" % (tag, r.returncode, r.stderr.strip()))
    p = json.load(open(prof))
    t = json.load(open(truth))
    e = p["energy"]
    if e["status"] != "measured" or e["method"] != dict(METHODS)[method]:
        die("run %s: energy %s by %s, expected measured by %s"
            % (tag, e["status"], e["method"], dict(METHODS)[method]))
    if t["dropped_events"]:
        die("run %s: the simulator dropped %d phase events" % (tag, t["dropped_events"]))
    funcs = {f["name"]: f for f in p["functions"]}
    err = {}
    for name in FUNCTIONS:
        got = funcs[name]["energy_j"]["package"]["dynamic"]
        err[name] = got / t["labels"][name]["joules"] - 1
    err["total"] = p["totals"]["energy_j"]["package"] / t["total_j"] - 1
    ticks = e["sampler"]["ticks"]
    err["unlocked"] = e["sampler"]["unlocked_ticks"] / ticks if ticks else 1.0
    return err


def pct(x):
    return "%+.1f" % (100 * x)


def cell_text(errs, key):
    """Median signed error (largest |error|), in percent."""
    vals = [e[key] for e in errs]
    return "%s (%.1f)" % (pct(statistics.median(vals)),
                          100 * max(abs(v) for v in vals))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim", required=True)
    ap.add_argument("--host", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=0.8)
    ap.add_argument("--lengths", default="0.1 0.3 1 3 10 50")
    ap.add_argument("--threads", default="1 2 4")
    ap.add_argument("--mode", default="auto", choices=("auto", "spin", "sleep"))
    a = ap.parse_args()
    if a.runs < 1 or not a.seconds > 0:
        die("BENCH_ATTRIBUTION_RUNS must be >= 1 and BENCH_ATTRIBUTION_SECONDS > 0")
    try:
        lengths = [float(x) for x in a.lengths.split()]
        threads = [int(x) for x in a.threads.split()]
    except ValueError:
        die("BENCH_ATTRIBUTION_LENGTHS takes numbers (ms), "
            "BENCH_ATTRIBUTION_THREADS whole numbers")
    if not lengths or not threads or min(lengths) <= 0 or min(threads) < 1 \
            or max(threads) > 32:
        die("lengths must be > 0 ms and thread counts in 1..32")
    cpus = os.cpu_count() or 1

    def mode_for(n):
        if a.mode != "auto":
            return a.mode
        return "spin" if n + 2 <= cpus else "sleep"

    cells = [("%g" % l, kind, n, mode_for(n))
             for l in lengths for kind in ("fixed", "random") for n in threads]
    results = {(c, m): [] for c in cells for m, _ in METHODS}
    start = time.monotonic()
    for rnd in range(a.runs):
        order = list(cells)
        random.Random(rnd).shuffle(order)
        for cell in order:
            # The pair's order alternates with the round: neither method
            # always runs first after another cell.
            methods = [m for m, _ in METHODS]
            if rnd % 2:
                methods.reverse()
            for m in methods:
                results[(cell, m)].append(run_once(a, cell, m, rnd))
    wall = time.monotonic() - start

    json.dump([{"length_ms": c[0], "lengths": c[1], "threads": c[2],
                "work": c[3], "method": m, "runs": v}
               for (c, m), v in results.items()],
              open(os.path.join(a.work, "results.json"), "w"), indent=1)

    print("%d runs per cell of %g s of phases; simulator: 1 ms updates, "
          "15.3 uJ quanta, %d W baseline (FRUGAL_IDLE_WATTS=%d); %d CPUs"
          % (a.runs, a.seconds, BASELINE_W, BASELINE_W, cpus))
    print()
    print("| phase ms | lengths | threads | work | split | hot 40 W | mid 20 W "
          "| cold 10 W | total | unlocked ticks |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for c in cells:
        for m, _ in METHODS:
            errs = results[(c, m)]
            print("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %.0f %% |"
                  % (c[0], c[1], c[2], c[3], m,
                     cell_text(errs, "hot"), cell_text(errs, "mid"),
                     cell_text(errs, "cold"), cell_text(errs, "total"),
                     100 * statistics.median(e["unlocked"] for e in errs)))
    print()
    print("Errors in %: median over the runs (largest |error|).")
    print()
    # Summary: per cell, the worst function's |median error|.
    head = " | ".join("%d thr: regression / time" % n for n in threads)
    print("| phase ms | lengths | %s |" % head)
    print("|---|---|%s" % ("---|" * len(threads)))
    for l in lengths:
        for kind in ("fixed", "random"):
            parts = []
            for n in threads:
                c = ("%g" % l, kind, n, mode_for(n))
                worst = [max(abs(statistics.median(e[f] for e in results[(c, m)]))
                             for f in FUNCTIONS) for m, _ in METHODS]
                parts.append("%.1f / %.1f" % (100 * worst[0], 100 * worst[1]))
            print("| %g | %s | %s |" % (l, kind, " | ".join(parts)))
    print()
    print("Summary: the worst function's |median error| in %%. %d runs in "
          "%.0f s." % (2 * len(cells) * a.runs, wall))


if __name__ == "__main__":
    main()
