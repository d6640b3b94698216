#!/usr/bin/env python3
"""Checks a profile's counters against what the program measured itself.

check_counters.py PROFILE MEASURED CHECK...
  event NAME STATUS [METHOD]  events[NAME] has STATUS (and METHOD)
  inclusive FN=KEY:TOL        FN's inclusive task-clock within TOL
                              (relative) of the program's KEY figure
  thread-total INDEX=KEY:TOL  thread INDEX's task-clock within TOL of KEY
  identity EVENT              sum of every node's exclusive EVENT plus
                              events[EVENT].unattributed == its total
  absent EVENT                no function, region or node has EVENT
Prints what it compares; exits 1 on the first failed check.
"""
import json
import sys


def main(argv):
    profile = json.load(open(argv[1]))
    measured = {}
    for line in open(argv[2]):
        key, value = line.split()
        measured[key] = int(value)
    events = {e["name"]: e for e in profile["events"]}
    functions = {f["name"]: f for f in profile["functions"]}
    args = argv[3:]
    ok = True
    while args:
        check = args.pop(0)
        if check == "event":
            name, status = args.pop(0), args.pop(0)
            method = args.pop(0) if args and args[0] in ("sampler", "rdpmc") else None
            e = events.get(name)
            good = e is not None and e["status"] == status and (
                method is None or e["method"] == method)
            print("event %s: %s/%s" % (name, e and e["status"], e and e["method"]))
        elif check in ("inclusive", "thread-total"):
            what, rest = args.pop(0).split("=")
            key, tol = rest.split(":")
            want = measured[key]
            if check == "inclusive":
                got = functions[what]["counters"]["task-clock"]["inclusive"]
            else:
                got = profile["threads"][int(what)]["counters"]["task-clock"]
            err = abs(got - want) / want
            good = err <= float(tol)
            print("%s %s: %d vs %d ns (%.1f %%)" % (check, what, got, want, 100 * err))
        elif check == "identity":
            name = args.pop(0)
            nodes = profile["tree"]["nodes"]
            attributed = sum(n["counters"][name]["exclusive"] for n in nodes)
            e = events[name]
            good = attributed + e["unattributed"] == e["total"]
            print("identity %s: %d + %d vs %d" % (name, attributed, e["unattributed"], e["total"]))
        elif check == "absent":
            name = args.pop(0)
            items = profile["functions"] + profile["regions"] + profile["tree"]["nodes"]
            good = all(name not in i.get("counters", {}) for i in items)
            print("absent %s: %s" % (name, good))
        else:
            sys.exit("unknown check " + check)
        if not good:
            print("FAILED")
            return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
