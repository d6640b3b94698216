"""Prints facts about `frugal diff --format json` on stdin, one per line,
for FileCheck: per row, each variant's energy mean and interval, and each
change's delta, interval, ratio, share and verdict (None: null)."""
import json
import sys


def num(value):
    return "None" if value is None else "%.6g" % value


d = json.load(sys.stdin)
print("kind=%s schema_version=%d domain=%s sort=%s rows_total=%d" % (
    d["kind"], d["schema_version"], d["domain"], d["sort"], d["rows_total"]))
for v in d["variants"]:
    e = v["energy"]
    print("variant %s baseline=%s runs=%d energy=%s" % (
        v["name"], v["baseline"], v["runs"],
        None if e is None else "%s/%s" % (e["domain"], "measured" if e["measured"] else "modelled")))
for w in d["warnings"]:
    print("warning:", w)
for r in d["rows"] + [d["total"]]:
    cells = []
    for v in r["values"]:
        if v is None:
            cells.append("absent")
        elif v["energy_j"] is None:
            cells.append("n/a")
        else:
            e = v["energy_j"]
            cells.append("%s±%s" % (num(e["mean"]), num(e["ci95"])))
    for c in r["changes"][1:]:
        e = c["energy_j"]
        cells.append("Δ%s±%s ratio=%s share=%s significant=%s" % (
            num(e["delta"]), num(e["ci95"]), num(e["ratio"]), num(e["share"]),
            e["significant"]) if e else "Δn/a")
    print("%s %s: %s" % (r["kind"], r["name"], " | ".join(cells)))
