#!/usr/bin/env python3
"""Prints a profile's program metrics and regions' items for FileCheck.

check_metrics.py PROFILE
  metrics {...}                  the "metrics" object as written (key order
                                 kept, values as Python reads them)
  region NAME calls=N items=...  per region in profile order: its "items"
                                 object, or "none" when it has none
Exits 1 (saying why) when "metrics" is missing or is not an object of
numbers, or an "items" object is not {"count": int >= 0, "unit": string}.
Python 3, standard library only.
"""
import json
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main(path):
    with open(path, encoding="utf-8") as f:
        profile = json.load(f)
    metrics = profile.get("metrics")
    if not isinstance(metrics, dict):
        fail("no \"metrics\" object")
    for name, value in metrics.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail("metric %r is not a number: %r" % (name, value))
    print("metrics " + json.dumps(metrics))
    for r in profile["regions"]:
        items = r.get("items")
        if items is not None:
            if (sorted(items) != ["count", "unit"] or
                    not isinstance(items["count"], int) or items["count"] < 0 or
                    not isinstance(items["unit"], str)):
                fail("region %r: bad items %r" % (r["name"], items))
            text = "count=%d unit=%s" % (items["count"], items["unit"])
        else:
            text = "none"
        print("region %s calls=%d items=%s" % (r["name"], r["calls"], text))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
