#!/usr/bin/env python3
"""Checks a profile's allocation figures (FRUGAL_TRACK_ALLOC).

check_alloc.py PROFILE CHECK...
  status S              alloc_tracking.status is S
  reason TEXT           alloc_tracking.reason contains TEXT
  fn NAME B C F FB P    function NAME (demangled, without its parameter
                        list) or region NAME has exactly bytes B, count C,
                        frees F, freed_bytes FB, peak_live_bytes P
  incl NAME IB IC       its inclusive_bytes IB and inclusive_count IC
  node-peaks NAME P     every tree node of NAME has peak_live_bytes P
  consistent            nodes sum to their functions; the process totals
                        cover every function's; frees never exceed
                        allocations; inclusive >= exclusive
  no-alloc              no function, region or node carries "alloc", and
                        alloc_tracking has nothing but status and reason
Prints what it checks; exits 1 on the first failure. Python 3, standard
library only.
"""
import json
import sys

FIELDS = ("bytes", "count", "frees", "freed_bytes", "peak_live_bytes")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def items(profile):
    return profile["functions"] + profile["regions"]


def item(profile, name):
    found = [i for i in items(profile) if i["name"].split("(")[0] == name]
    if len(found) != 1:
        fail("%d functions or regions named %s" % (len(found), name))
    return found[0]


def alloc_of(entry, what):
    if "alloc" not in entry:
        fail("%s has no alloc" % what)
    return entry["alloc"]


def check_fn(profile, name, want):
    got = alloc_of(item(profile, name), name)
    got = [got[k] for k in FIELDS]
    if got != want:
        fail("%s: %s is %s, want %s" % (name, "/".join(FIELDS), got, want))
    print("ok fn %s %s" % (name, " ".join(map(str, got))))


def check_incl(profile, name, want):
    a = alloc_of(item(profile, name), name)
    got = [a["inclusive_bytes"], a["inclusive_count"]]
    if got != want:
        fail("%s: inclusive bytes/count %s, want %s" % (name, got, want))
    print("ok incl %s %d %d" % (name, got[0], got[1]))


def check_node_peaks(profile, name, want):
    ident = item(profile, name)["id"]
    nodes = [n for n in profile["tree"]["nodes"] if n["ref"] == ident]
    peaks = [alloc_of(n, "node %d" % n["id"])["peak_live_bytes"] for n in nodes]
    if not nodes or any(p != want for p in peaks):
        fail("%s: node peaks %s, want all %d" % (name, peaks, want))
    print("ok node-peaks %s %d x%d" % (name, want, len(nodes)))


def check_consistent(profile):
    nodes = profile["tree"]["nodes"]
    tracking = profile["alloc_tracking"]
    sums = {}
    for n in nodes:
        a = alloc_of(n, "node %d" % n["id"])
        if a["frees"] > a["count"] or a["freed_bytes"] > a["bytes"]:
            fail("node %d frees more than it allocated" % n["id"])
        if a["inclusive_bytes"] < a["bytes"] or \
                a["inclusive_count"] < a["count"]:
            fail("node %d: inclusive below exclusive" % n["id"])
        s = sums.setdefault(n["ref"], [0, 0, 0, 0, 0])
        for i, k in enumerate(FIELDS[:4]):
            s[i] += a[k]
        s[4] = max(s[4], a["peak_live_bytes"])
    total = [0, 0, 0, 0]
    for i in items(profile):
        a = alloc_of(i, i["name"])
        s = sums.get(i["id"], [0, 0, 0, 0, 0])
        if [a[k] for k in FIELDS[:4]] != s[:4]:
            fail("%s: %s, but its nodes sum to %s" %
                 (i["name"], [a[k] for k in FIELDS[:4]], s[:4]))
        # All contexts together reach at least any one of them.
        if a["peak_live_bytes"] < s[4]:
            fail("%s: peak %d below a node's %d" %
                 (i["name"], a["peak_live_bytes"], s[4]))
        for j, k in enumerate(FIELDS[:4]):
            total[j] += a[k]
    root = alloc_of(nodes[0], "root")
    for j, k in enumerate(FIELDS[:4]):
        covered = total[j] + root[k]
        if tracking[k] < covered:
            fail("alloc_tracking.%s %d below the items' %d" %
                 (k, tracking[k], covered))
    if tracking["count"] < tracking["unattributed_count"] + total[1]:
        fail("unattributed_count does not fit in count")
    if tracking["frees"] > tracking["count"] or \
            tracking["freed_bytes"] > tracking["bytes"]:
        fail("the process frees more than it allocated")
    if tracking["peak_live_bytes"] > tracking["bytes"]:
        fail("process peak above its bytes")
    print("ok consistent")


def check_no_alloc(profile):
    for i in items(profile) + profile["tree"]["nodes"]:
        if "alloc" in i:
            fail("%s carries alloc" % i.get("name", "a node"))
    keys = sorted(profile["alloc_tracking"])
    if keys != ["reason", "status"]:
        fail("alloc_tracking has %s" % keys)
    print("ok no-alloc")


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        profile = json.load(f)
    args = argv[2:]
    i = 0
    while i < len(args):
        check = args[i]
        if check == "status":
            got = profile["alloc_tracking"]["status"]
            if got != args[i + 1]:
                fail("status %s, want %s" % (got, args[i + 1]))
            print("ok status %s" % got)
            i += 2
        elif check == "reason":
            got = profile["alloc_tracking"]["reason"] or ""
            if args[i + 1] not in got:
                fail("reason %r lacks %r" % (got, args[i + 1]))
            print("ok reason")
            i += 2
        elif check == "fn":
            check_fn(profile, args[i + 1], [int(v) for v in args[i + 2:i + 7]])
            i += 7
        elif check == "incl":
            check_incl(profile, args[i + 1],
                       [int(v) for v in args[i + 2:i + 4]])
            i += 4
        elif check == "node-peaks":
            check_node_peaks(profile, args[i + 1], int(args[i + 2]))
            i += 3
        elif check == "consistent":
            check_consistent(profile)
            i += 1
        elif check == "no-alloc":
            check_no_alloc(profile)
            i += 1
        else:
            fail("unknown check %s" % check)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
