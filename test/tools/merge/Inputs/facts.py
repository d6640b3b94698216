"""Prints facts about a (merged) frugal profile, one per line, for
FileCheck: functions and regions with their sums and mean power, the call
tree's paths, per-process totals, the whole-run figures, and sampled
arguments.

Usage: facts.py PROFILE
"""
import json
import sys


def num(value):
    return "null" if value is None else "%.6g" % value


def power(item):
    w = item.get("power_w", {}).get("package")
    if w is None:
        return "-"
    return "%s±%s%s" % (num(w["mean"]), num(w["stderr"]), "" if w["resolved"] else "~")


def energy(item):
    e = item.get("energy_j", {}).get("package")
    return "-" if e is None else num(e["exclusive"])


def counters(item):
    c = item.get("counters", {})
    return ",".join("%s=%d" % (k, v["exclusive"]) for k, v in sorted(c.items())) or "-"


def alloc(item):
    a = item.get("alloc")
    return "-" if a is None else "%dB/peak%d" % (a["bytes"], a["peak_live_bytes"])


p = json.load(open(sys.argv[1], encoding="utf-8"))
names = {f["id"]: f["name"] for f in p["functions"]}
names.update({r["id"]: r["name"] for r in p["regions"]})
for kind, items in (("fn", p["functions"]), ("region", p["regions"])):
    for i in sorted(items, key=lambda i: i["name"]):
        print("%s %s calls=%d excl=%d incl=%d energy=%s power=%s counters=%s alloc=%s" % (
            kind, i["name"], i["calls"], i["time_ns"]["exclusive"], i["time_ns"]["inclusive"],
            energy(i), power(i), counters(i), alloc(i)))
nodes = {n["id"]: n for n in p["tree"]["nodes"]}
paths = []
for n in p["tree"]["nodes"]:
    assert n["parent"] is None or n["parent"] < n["id"], "parent after child"
    path, m = [], n
    while m["parent"] is not None:
        path.append(names[m["ref"]])
        m = nodes[m["parent"]]
    paths.append(("/".join(reversed(path)) or "(root)", n))
for path, n in sorted(paths, key=lambda x: x[0]):
    print("path %s calls=%d energy=%s power=%s" % (path, n["calls"], energy(n), power(n)))
for proc in p.get("processes", []):
    print("process %s pid=%d rank=%s host=%s wall=%d time=%d calls=%d threads=%d energy=%s measured=%s" % (
        proc["profile"].split("/")[-1], proc["pid"], proc["rank"], proc["host"], proc["wall_ns"],
        proc["time_ns"], proc["calls"], proc["threads"],
        ",".join("%s:%s" % (k, num(v)) for k, v in sorted(proc["energy_j"].items())),
        ",".join("%s:%s" % (k, v) for k, v in sorted(proc["measured"].items()))))
prog = p["program"]
print("program pid=%d rank=%s wall=%d end=%s peak_rss=%s" % (
    prog["pid"], prog["rank"], prog["wall_ns"], prog["end"], prog.get("peak_rss_bytes")))
e = p["energy"]
for name, d in sorted(e["domains"].items()):
    print("domain %s source=%s measured=%s baseline=%s note=%s" % (
        name, d["source"], d["measured"], num(e["baseline_w"].get(name)), d["note"]))
print("energy status=%s method=%s" % (e["status"], e["method"]))
t = p.get("totals")
if t:
    print("totals energy=%s unattributed=%s sampled_s=%s" % (
        num(t["energy_j"].get("package")), num(t["unattributed_energy_j"].get("package")),
        num(t["sampled_s"])))
for ev in p.get("events", []):
    print("event %s status=%s total=%s unattributed=%s reason=%s" % (
        ev["name"], ev["status"], ev["total"], ev["unattributed"], ev["reason"]))
a = p.get("alloc_tracking", {})
print("alloc status=%s bytes=%s peak=%s reason=%s" % (
    a.get("status"), a.get("bytes"), a.get("peak_live_bytes"), a.get("reason")))
print("threads %s" % " ".join("%d:%d" % (th["index"], th["tid"]) for th in p["threads"]))
# Sampled arguments: how many rows came from each input (add-args.py tags
# row i of input T as 100·T + i in its first column).
for f in sorted(p["functions"], key=lambda f: f["name"]):
    a = f.get("args")
    if a is None:
        continue
    sources = {}
    for row in a["samples"]:
        tag = row[0] // 100
        sources[tag] = sources.get(tag, 0) + 1
    print("args %s names=%s rows=%d from=%s note=%s" % (
        f["name"], ",".join(a["names"]), len(a["samples"]),
        ",".join("%d:%d" % kv for kv in sorted(sources.items())) or "-",
        a["note"] if "note" in a else "(omitted)"))
