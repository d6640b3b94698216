"""Prints facts about `frugal variants --format json` on stdin, one per line,
for FileCheck: the document's keys, then per variant its figures (None:
null), the fronts and the top function."""
import json
import sys


def num(value):
    return "None" if value is None else "%.6g" % value


def region(r, keys):
    if r is None:
        return "absent"
    return " ".join("%s=%s" % (k, num(r[k]) if not isinstance(r[k], str) else r[k])
                    for k in keys)


d = json.load(sys.stdin)
print("kind=%s schema_version=%d domain=%s metric=%s better=%s per_1k=%s unit=%s sort=%s" % (
    d["kind"], d["schema_version"], d["domain"], d["metric"], d["metric_better"],
    d["inference_per_1k"], d["items_unit"], d["sort"]))
print("energy status=%s domains=%s" % (d["energy"]["status"], [
    (x["name"], x["measured"], x["sources"]) for x in d["energy"]["domains"]]))
print("shared metrics=%s static=%s" % (d["metrics_shared"], d["static"]))
for w in d["warnings"]:
    print("warning:", w)
for n in d["notes"]:
    print("note:", n)
for v in d["variants"]:
    print("variant %s runs=%d profiles=%s source=%s measured=%s metric=%s metrics=%s" % (
        v["name"], v["runs"], ",".join(v["profiles"]), v["energy_source"],
        v["energy_measured"], num(v["metric"]),
        ",".join("%s:%s" % (k, num(x)) for k, x in sorted(v["metrics"].items()))))
    print("  training", region(v["training"], ["energy_j", "time_ns", "calls"]))
    print("  inference", region(v["inference"], ["energy_j", "time_ns", "items", "items_unit",
                                                 "energy_j_per_1k", "time_ns_per_1k"]))
    print("  total_energy_j=%s wall_ns=%s pareto training=%s inference=%s" % (
        num(v["total_energy_j"]), num(v["wall_ns"]), v["pareto"]["training"],
        v["pareto"]["inference"]))
    t = v["top_function"]
    print("  top", "None" if t is None else "%s [%s] %s by %s energy_j=%s share=%s complexity=%s" % (
        t["name"], t["linkage_name"], t["short_name"], t["ranked_by"], num(t["energy_j"]),
        num(t["share"]), t["complexity"]))
