#!/usr/bin/env python3
"""Checks that a split's error lies in a range (check_energy.py checks that
it is small; this one that a deliberately cruder split is off as expected).

error_between.py PROFILE TRUTH FN=LABEL:LO:HI...
  FN's exclusive dynamic package energy relative to the truth's joules for
  LABEL, minus 1, must be within [LO, HI].
Prints each comparison, then OK; exits 1 on the first failure.
"""
import json
import sys


def main(argv):
    profile = json.load(open(argv[1]))
    truth = json.load(open(argv[2]))
    for spec in argv[3:]:
        fn, rest = spec.split("=")
        label, lo, hi = rest.split(":")
        funcs = [f for f in profile["functions"] if f["name"] == fn]
        if not funcs:
            print("FAIL: no function named " + fn)
            return 1
        got = funcs[0]["energy_j"]["package"]["dynamic"]
        want = truth["labels"][label]["joules"]
        err = got / want - 1
        print("%s: %.4f vs truth %.4f (%+.1f %%), wanted [%s, %s]"
              % (fn, got, want, 100 * err, lo, hi))
        if not float(lo) <= err <= float(hi):
            print("FAIL: error of %s out of range" % fn)
            return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
