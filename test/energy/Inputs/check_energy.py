#!/usr/bin/env python3
"""Checks a profile's energy against frugal-rapl-sim's ground truth.

check_energy.py PROFILE [TRUTH] CHECK...
  dynamic FN=LABEL:TOL   FN's exclusive dynamic package energy within TOL
                         (relative) of the truth's joules for LABEL
  power FN=WATTS:TOL     FN's estimated package power within TOL of WATTS
  dynamic-sum FN,..=LABEL,..:TOL
                         the FNs' summed dynamic energy within TOL of the
                         LABELs' summed joules
  identity               per domain: sum of exclusive + unattributed = total
                         (0.1 %)
  total TOL              measured package total within TOL of the truth's
  field PATH OP VALUE    a profile field (dotted path) compared with OP
Prints what it compares; exits 1 on the first failed check.
"""
import json
import operator
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def lookup(doc, path):
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def function(profile, name):
    for f in profile["functions"]:
        if f["name"] == name:
            return f
    fail("no function named %s" % name)


def main(argv):
    profile = json.load(open(argv[1]))
    args = argv[2:]
    truth = None
    if args and args[0].endswith(".json"):
        truth = json.load(open(args[0]))
        args = args[1:]
    i = 0
    while i < len(args):
        check = args[i]
        if check in ("dynamic", "power"):
            fn, spec = args[i + 1].split("=")
            target, tol = spec.split(":")
            f = function(profile, fn)
            if check == "dynamic":
                got = f["energy_j"]["package"]["dynamic"]
                want = truth["labels"][target]["joules"]
            else:
                got = f["power_w"]["package"]["mean"]
                want = float(target)
            err = got / want - 1
            print("%s %s: %.4f vs %.4f (%+.2f %%)" % (check, fn, got, want, 100 * err))
            if abs(err) > float(tol):
                fail("%s of %s off by more than %s" % (check, fn, tol))
            i += 2
        elif check == "dynamic-sum":
            fns, spec = args[i + 1].split("=")
            labels, tol = spec.split(":")
            got = sum(function(profile, fn)["energy_j"]["package"]["dynamic"]
                      for fn in fns.split(","))
            want = sum(truth["labels"][l]["joules"] for l in labels.split(","))
            err = got / want - 1
            print("dynamic-sum %s: %.4f vs %.4f (%+.2f %%)" % (fns, got, want, 100 * err))
            if abs(err) > float(tol):
                fail("summed dynamic energy off by more than " + tol)
            i += 2
        elif check == "identity":
            totals = profile["totals"]
            for dom, total in totals["energy_j"].items():
                excl = sum(f["energy_j"][dom]["exclusive"]
                           for f in profile["functions"] if "energy_j" in f)
                excl += sum(r["energy_j"][dom]["exclusive"]
                            for r in profile["regions"] if "energy_j" in r)
                una = totals["unattributed_energy_j"][dom]
                print("identity %s: %.6f + %.6f vs %.6f" % (dom, excl, una, total))
                if total <= 0 or abs(excl + una - total) > 1e-3 * total:
                    fail("exclusive + unattributed != total for " + dom)
            i += 1
        elif check == "total":
            got = profile["totals"]["energy_j"]["package"]
            want = truth["total_j"]
            print("total: %.4f vs truth %.4f" % (got, want))
            if abs(got / want - 1) > float(args[i + 1]):
                fail("package total off by more than " + args[i + 1])
            i += 2
        elif check == "field":
            path, op, value = args[i + 1:i + 4]
            got = lookup(profile, path)
            want = json.loads(value)
            ops = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge,
                   "<=": operator.le, ">": operator.gt, "<": operator.lt}
            ok = ops[op](got, want)
            print("field %s = %r %s %r" % (path, got, op, want))
            if not ok:
                fail("field " + path)
            i += 4
        else:
            fail("unknown check " + check)
    print("OK")


if __name__ == "__main__":
    main(sys.argv)
