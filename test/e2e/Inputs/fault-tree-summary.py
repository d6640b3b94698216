"""Summarises a deep calling-context tree for FileCheck without printing
every path (a 4096-deep chain has 4096 paths of up to 4096 names).

Usage: fault-tree-summary.py PROFILE
Prints, sorted: "path A;B calls=N folded=F" for the contexts at most two
deep, then "depth D NAME calls=N folded=F" for every context that folds
calls (D: its depth, 1 for a child of the root).
"""
import json
import sys

profile = json.load(open(sys.argv[1], encoding="utf-8"))
names = {f["id"]: f["name"] for f in profile["functions"] + profile["regions"]}
nodes = {n["id"]: n for n in profile["tree"]["nodes"]}
depth = {0: 0}
for n in sorted(nodes.values(), key=lambda n: n["id"]):  # parents come first
    if n["parent"] is not None:
        depth[n["id"]] = depth[n["parent"]] + 1
shallow, folding = [], []
for n in nodes.values():
    if n["parent"] is None:
        continue
    d, name = depth[n["id"]], names[n["ref"]]
    if d <= 2:
        parent = nodes[n["parent"]]
        prefix = names[parent["ref"]] + ";" if parent["parent"] is not None else ""
        shallow.append("path %s%s calls=%d folded=%d" % (
            prefix, name, n["calls"], n.get("folded_calls", 0)))
    if n.get("folded_calls", 0):
        folding.append("depth %d %s calls=%d folded=%d" % (
            d, name, n["calls"], n["folded_calls"]))
print("\n".join(sorted(shallow) + sorted(folding)))
