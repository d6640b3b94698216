#!/usr/bin/env python3
"""Writes a synthetic `frugal report` JSON with N rows and an N-node tree.

Usage: gen-report.py N OUT.json

For the HTML page's scale test: names are distinct, the tree is a few
wide levels deep (a chain of recursion at the end), figures vary over
decades, so the table pages, the flame graph folds tiny frames and the
scatter plots switch to their large mode. Deterministic (no randomness).
"""
import json
import sys

n = int(sys.argv[1])
rows, nodes = [], [{"id": 0, "parent": None, "name": "<root>", "calls": 0,
                    "time_ns": {"inclusive": 0, "exclusive": 0},
                    "energy_j": {"package": {"inclusive": 0, "exclusive": 0}}}]
for i in range(n):
    # Spread figures over decades, deterministically.
    scale = 10 ** ((i * 7919) % 6)
    excl_ns = 1000 * scale + i
    energy = excl_ns * 2e-8
    rows.append({
        "kind": "function", "name": "ns%d::kernel%d(float*, int)" % (i % 97, i),
        "file": "src/k%d.cpp" % (i % 500), "line": 1 + i % 900,
        "in_profile": True, "in_static": i % 3 == 0, "instrumented": True,
        "filter_reason": None, "calls": 1 + i % 1000,
        "time_ns": {"inclusive": excl_ns * 2, "exclusive": excl_ns},
        "energy_j": {"package": {"inclusive": energy * 2, "exclusive": energy}},
        "power_w": {"package": 20.0}, "energy_per_call_j": {"package": energy / (1 + i % 1000)},
        "counters": {"instructions": {"inclusive": excl_ns * 6, "exclusive": excl_ns * 3}},
        "alloc_bytes": (i % 50) * 64,
        "static": {"big_o": "O(n)", "confidence": "exact", "cyclomatic": 1 + i % 9,
                   "cognitive": i % 5,
                   "flops": {"expr": "2*n", "per_call": 2.0 * scale, "total": 2.0 * scale * (1 + i % 1000),
                             "min": 1.0, "max": 4.0 * scale, "samples": 3},
                   "bytes_touched": None, "stack_bytes": None, "heap_bytes": None,
                   "self_flops": {"expr": "2*n", "per_call": 2.0 * scale,
                                  "total": 2.0 * scale * (1 + i % 1000),
                                  "min": 1.0, "max": 4.0 * scale, "samples": 3},
                   "self_bytes": None,
                   "arithmetic_intensity": 0.25} if i % 3 == 0 else None,
        "j_per_flop": None})
    # Node i+1: children of the root first, then a wide fan-out, the last
    # hundred nested (recursion-like depth).
    parent = 0 if i < 20 else (1 + (i % 20) if i < n - 100 else i)
    nodes.append({"id": i + 1, "parent": parent, "name": rows[i]["name"], "calls": rows[i]["calls"],
                  "time_ns": rows[i]["time_ns"], "energy_j": rows[i]["energy_j"]})
report = {"kind": "report", "schema_version": 1, "generator": "gen-report.py",
          "profile": {"path": "synthetic.json", "executable": "/x/big", "argv": ["big"], "wall_ns": 10 ** 10},
          "static": {"source": "synthetic-static.json"},
          "energy": {"status": "measured", "domains": [{"name": "package", "source": "perf", "measured": True}]},
          "events": ["instructions"], "rows": rows, "tree": {"nodes": nodes}}
with open(sys.argv[2], "w") as f:
    json.dump(report, f)
