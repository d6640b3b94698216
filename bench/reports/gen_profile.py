#!/usr/bin/env python3
"""Writes a synthetic frugal profile with N functions, deterministically
(same arguments, same bytes), for measuring the report commands on large
profiles (bench/reports/run.sh).

Usage: gen_profile.py N OUT.json [--seed S] [--pid P]

Shaped like a real one (docs/profile-format.md, schema_version 4): two
measured energy domains (package, dram) with per-item energy and power, two
counted events, allocation tracking, 1 in 10 functions filtered, a call
tree of about 1.5 nodes per instrumented function (a node's parent is an
earlier node, so depths vary), 8 regions and 4 threads with their lists of
functions. Written as the runtime writes it: one function or tree node per
line, each as soon as it is drawn (about 75 MB of memory whatever N).
"""
import argparse
import json
import random


def energy(rng, excl, incl):
    pkg = excl * 20e-9 * rng.uniform(0.8, 1.2)
    pkg_incl = incl * 20e-9
    return {"package": {"inclusive": round(pkg_incl, 9), "exclusive": round(pkg, 9),
                        "dynamic": round(pkg * 0.8, 9), "dynamic_inclusive": round(pkg_incl * 0.8, 9)},
            "dram": {"inclusive": round(pkg_incl / 8, 9), "exclusive": round(pkg / 8, 9),
                     "dynamic": round(pkg / 16, 9), "dynamic_inclusive": round(pkg_incl / 16, 9)}}


def power(rng):
    w = rng.uniform(5, 40)
    return {"package": {"mean": round(w, 6), "stderr": round(w * 0.05, 6), "resolved": rng.random() < 0.7},
            "dram": {"mean": round(w / 8, 6), "stderr": round(w * 0.01, 6), "resolved": rng.random() < 0.7}}


def figures(rng, item, calls, excl, incl):
    item["energy_j"] = energy(rng, excl, incl)
    if calls:
        item["power_w"] = power(rng)
    item["counters"] = {"instructions": {"inclusive": incl * 3, "exclusive": excl * 3},
                        "task-clock": {"inclusive": incl, "exclusive": excl}}
    b = calls * rng.randrange(0, 4096)
    item["alloc"] = {"bytes": b, "count": calls, "frees": calls, "freed_bytes": b,
                     "peak_live_bytes": min(b, 1 << 20), "inclusive_bytes": b * 2,
                     "inclusive_count": calls * 2}
    return item


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pid", type=int, default=4242)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n = args.n
    # Items are written as they are drawn (the random draws keep their
    # order: functions, regions, tree nodes); only what later parts need is
    # kept: (id, calls, exclusive ns) per instrumented function and the
    # energy sums, so that memory does not grow with the profile (a
    # 100,000-function profile held whole took 1.2 GB).
    num_instrumented = n - (n + 1) // 10  # i % 10 == 9 is filtered
    header = {
        "schema_version": 4,
        "generator": "bench/reports/gen_profile.py",
        "program": {"argv": ["/opt/model/bin/model", "--train"], "executable": "/opt/model/bin/model",
                    "pid": args.pid, "host": "bench%d" % args.pid, "rank": None,
                    "start_unix_ns": 1700000000000000000 + args.seed, "wall_ns": 3600 * 10 ** 9,
                    "end": "exit", "peak_rss_bytes": 1 << 30},
        "machine": {"cpu_model": "Bench CPU", "cores": 64, "kernel": "6.1.0", "governor": "performance",
                    "timer": "tsc", "tsc_invariant": True, "tsc_hz": 3.0e9},
        "build": {"frugal_version": "0.1.0", "llvm_version": "19.1.7", "filter": "threshold=200"},
        "timing": {"overhead_correction": True, "hook_pair_ns": 18, "hook_inner_ns": 7},
        "energy": {"status": "measured", "method": "regression", "tick_us": 1000.0, "phase_locked": True,
                   "domains": {d: {"source": "perf", "measured": True, "resolution_j": 6.1e-05,
                                   "note": "power/energy-%s/" % d, "units": [{"unit": 0, "energy_j": 1.0}],
                                   "wraps": 0, "rejected_samples": 0, "rows": 3600000,
                                   "regression": {"baseline_identified": True, "baseline_stderr_w": 0.1,
                                                  "others_w_per_cpu_s": 0, "pooled_w": 20.0,
                                                  "residual_std_j": 0.001}}
                               for d in ("package", "dram")},
                   "baseline_w": {"package": 20.0, "dram": 2.0},
                   "sampler": {"ticks": 3600000, "windows": 3600, "missed_updates": 0, "late_wakes": 0,
                               "relocks": 0, "ring_overflows": 0, "dropped_entries": 0,
                               "function_columns": 512, "functions_in_rest": num_instrumented - 512,
                               "others_cpu_covariate": True, "cpu_s": 12.5}},
        "events": [{"name": e, "canonical": "perf::" + e.upper(), "status": "ok", "reason": None,
                    "method": "sampler", "unit": "ns" if e == "task-clock" else "count", "scaled": False,
                    "running_fraction": 1, "total": None, "unattributed": 0}
                   for e in ("instructions", "task-clock")],
        "alloc_tracking": {"status": "on", "reason": None, "bytes": 1 << 30, "count": 10 ** 6,
                           "frees": 10 ** 6, "freed_bytes": 1 << 30, "peak_live_bytes": 1 << 28,
                           "unattributed_bytes": 0, "unattributed_count": 0, "untracked_blocks": 0},
        "modules": [{"path": "/opt/model/bin/model", "llvm_version": "19.1.7", "filter": "threshold=200",
                     "functions": n, "loaded": True}],
    }
    instrumented = []  # (id, calls, exclusive ns)
    sums = {"package": 0, "dram": 0}  # exclusive energy of functions and regions

    def add_energy(item):
        for d in sums:
            sums[d] += item["energy_j"][d]["exclusive"]

    with open(args.out, "w", encoding="utf-8") as out:
        out.write("{\n")
        for key, value in header.items():
            out.write(' "%s": %s,\n' % (key, json.dumps(value)))
        out.write(' "functions": [\n')
        for i in range(n):
            filtered = i % 10 == 9
            calls = 0 if filtered else rng.randrange(0, 5000)
            excl = 0 if filtered else calls * rng.randrange(50, 20000)
            f = {"id": i + 1, "name": "ns%d::Layer%d<float>::kernel%d(float const*, int)" % (i % 97, i % 13, i),
                 "linkage_name": "_ZN4ns%d6Layer%dIfE7kernel%dEPKfi" % (i % 97, i % 13, i),
                 "module": "/opt/model/bin/model", "file": "src/layer%d.cpp" % (i % 500),
                 "resolved_file": "/opt/model/src/layer%d.cpp" % (i % 500), "line": 10 + i % 3000,
                 "calls": calls, "time_ns": {"inclusive": excl * 2, "exclusive": excl},
                 "ir": {"instructions": 200 + i % 800, "basic_blocks": 10, "loops": 1,
                        "max_loop_depth": 1, "call_sites": 3, "alloca_bytes": 64},
                 "filtered": filtered, "filter_reason": "threshold" if filtered else "default"}
            if not filtered:
                figures(rng, f, calls, excl, excl * 2)
                instrumented.append((i + 1, calls, excl))
                add_energy(f)
            else:
                f["alloc"] = None
            out.write((",\n  " if i else "  ") + json.dumps(f))
        out.write("\n ],\n")
        out.write(' "regions": [\n')
        for r in range(8):
            t = rng.randrange(10 ** 6, 10 ** 9)
            region = figures(rng, {"id": n + 1 + r, "name": "region%d" % r, "calls": 1 + r,
                                   "time_ns": {"inclusive": t * 3, "exclusive": t}}, 1 + r, t, t * 3)
            add_energy(region)
            out.write((",\n  " if r else "  ") + json.dumps(region))
        out.write("\n ],\n")
        out.write(' "tree": {"max_nodes_per_thread": 1048576, "folded_calls": 0, "nodes": [\n')
        root = figures(rng, {"id": 0, "parent": None, "ref": None, "calls": 0,
                             "time_ns": {"inclusive": 0, "exclusive": 0}}, 0, 0, 0)
        root.pop("power_w", None)
        out.write("  " + json.dumps(root))
        num_nodes = 1
        for k in range(len(instrumented) * 3 // 2):
            ref, fcalls, fexcl = instrumented[k % len(instrumented)]
            parent = rng.randrange(0, num_nodes)
            calls = max(1, fcalls // 2)
            excl = fexcl // 2
            node = figures(rng, {"id": num_nodes, "parent": parent, "ref": ref, "calls": calls,
                                 "time_ns": {"inclusive": excl * 2, "exclusive": excl},
                                 "folded_calls": 0}, calls, excl, excl * 2)
            out.write(",\n  " + json.dumps(node))
            num_nodes += 1
        out.write("\n ]},\n")
        # Each thread lists the functions it called, as the runtime writes
        # them (frugal does not read these lists, but they are part of the
        # file); "functions" is each thread's last key.
        threads = []
        for t in range(4):
            head = json.dumps({"index": t, "tid": args.pid + t, "name": "model", "ended": t > 0,
                               "calls": 1000, "max_depth": 40, "resyncs": 0, "overflow_frames": 0,
                               "counters": {"instructions": 1, "task-clock": 1}})
            listed = ", ".join(json.dumps({"id": i, "calls": c, "time_ns": {"inclusive": e * 2, "exclusive": e}})
                               for i, c, e in instrumented if t == 0 or i % 4 == t)
            threads.append('%s, "functions": [%s]}' % (head[:-1], listed))
        out.write(' "threads": [%s],\n' % ", ".join(threads))
        totals = {"energy_j": {d: round(sums[d] * 1.05, 6) for d in sums},
                  "unattributed_energy_j": {d: round(sums[d] * 0.05, 6) for d in sums},
                  "sampled_s": 3600.0}
        out.write(' "totals": %s\n}\n' % json.dumps(totals))


if __name__ == "__main__":
    main()
