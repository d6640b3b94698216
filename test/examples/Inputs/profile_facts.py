#!/usr/bin/env python3
"""Facts about a profile of classify, one per line, for FileCheck.

Usage: profile_facts.py PROFILE hottest REGION
         "hottest NAME" -- the function with the largest exclusive time in
         REGION's subtree of the calling-context tree (summed over its
         contexts there; NAME without namespace, class or parameters) --
         then "over-half yes|no": whether that time is more than half of
         the region's inclusive time;
       profile_facts.py PROFILE results OUTPUT
         what the program recorded against classify's printed line OUTPUT:
         "metric NAME matches" or "... differs" for accuracy, train_samples
         test_samples and model_bytes (as KiB, to the printed decimal);
         "items REGION COUNT UNIT" for each region in name order (or
         "items REGION none"); "inference passes whole yes|no": whether the
         inference count is a whole number (>= 1) of test sets, and
         "inference passes more-than-one yes|no".
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # No __pycache__ in the source tree.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
import profile_query  # noqa: E402  (test/tools/profile_query.py)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classify_line  # noqa: E402


def base_name(name):
    """gemmNaive for "gemmNaive(bool, ...)" or "(anonymous namespace)::X::f(...) const"."""
    name = name.replace("(anonymous namespace)::", "")
    return re.sub(r"\(.*$", "", name).split("::")[-1]


def hottest(profile, region):
    names = profile_query.names_by_id(profile)
    region_ids = {r["id"] for r in profile["regions"] if r["name"] == region}
    if not region_ids:
        sys.exit("profile_facts: no region named %r" % region)
    nodes = profile["tree"]["nodes"]
    children = {}
    for n in nodes:
        children.setdefault(n["parent"], []).append(n)
    exclusive = {}
    stack = [n for n in nodes if n["ref"] in region_ids]
    total = sum(n["time_ns"]["inclusive"] for n in stack)
    while stack:
        n = stack.pop()
        if n["ref"] not in region_ids:
            name = base_name(names[n["ref"]])
            exclusive[name] = exclusive.get(name, 0) + n["time_ns"]["exclusive"]
        stack.extend(children.get(n["id"], []))
    if not exclusive:
        sys.exit("profile_facts: region %r calls no instrumented function" % region)
    name, time = max(exclusive.items(), key=lambda item: item[1])
    print("hottest %s" % name)
    print("over-half %s" % ("yes" if time * 2 > total else "no"))


def results(profile, output):
    line = classify_line.result(output)
    metrics = profile.get("metrics", {})
    printed = {"accuracy": float(line["accuracy"]),
               "train_samples": int(line["train"]),
               "test_samples": int(line["test"])}
    for key, value in printed.items():
        # The line rounds the accuracy to 4 decimals.
        same = key in metrics and abs(metrics[key] - value) < 0.5e-4
        print("metric %s %s" % (key, "matches" if same else "differs"))
    size = metrics.get("model_bytes")
    print("metric model_bytes %s" % (
        "matches" if size is not None and "%.1f" % (size / 1024) == line["kib"]
        else "differs"))
    for r in sorted(profile["regions"], key=lambda r: r["name"]):
        items = r.get("items")
        print("items %s %s" % (r["name"], "%d %s" % (items["count"], items["unit"])
                               if items else "none"))
        if r["name"] == "inference" and items:
            count, test = items["count"], printed["test_samples"]
            print("inference passes whole %s" % (
                "yes" if count >= test and count % test == 0 else "no"))
            print("inference passes more-than-one %s" % (
                "yes" if count > test else "no"))


def main(argv):
    if len(argv) != 4 or argv[2] not in ("hottest", "results"):
        sys.exit(__doc__)
    profile = profile_query.load(argv[1])
    (hottest if argv[2] == "hottest" else results)(profile, argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
