#!/usr/bin/env python3
"""Checks classify's one-line results (examples/classify/main.cpp).

Usage: classify_line.py floor VARIANT FLOOR OUTPUT DOCS
         OUTPUT is VARIANT's line, its test accuracy is at least FLOOR, and
         DOCS (docs/examples.md) lists the same floor for VARIANT;
       classify_line.py same OUTPUT OUTPUT2
         the two lines give the same model, data, sample counts and accuracy;
       classify_line.py within OUTPUT OUTPUT2 POINTS
         their accuracies differ by at most POINTS percentage points.

Prints "ok", or what is wrong (exit status 1). Standard library only.
"""
import re
import sys

LINE = re.compile(
    r"classify: (?P<model>\S+) on (?P<data>\S+) \((?P<train>\d+) train, "
    r"(?P<test>\d+) test, (?P<features>\d+) features, (?P<classes>\d+) "
    r"classes\): test accuracy (?P<accuracy>[01]\.\d{4}), training "
    r"[0-9.]+ s, inference \S+ ms per 1000 samples, model (?P<kib>[0-9.]+) KiB$")


def result(path):
    """The fields of the one line in file path."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if len(lines) != 1:
        sys.exit("%s: %d lines, expected classify's one" % (path, len(lines)))
    match = LINE.match(lines[0])
    if not match:
        sys.exit("%s: not a classify result: %s" % (path, lines[0]))
    return match.groupdict()


def docs_floor(docs, variant):
    """The floor column of variant's row in the accuracy table of docs."""
    floor_column = None
    with open(docs, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if floor_column is None:
                if any(c.startswith("floor") for c in cells):
                    floor_column = [c.startswith("floor") for c in cells].index(True)
            elif cells and cells[0] == variant:
                return float(cells[floor_column])
    sys.exit("%s: no row for %s in a table with a floor column" % (docs, variant))


def floor(args):
    variant, least, output, docs = args[0], float(args[1]), args[2], args[3]
    r = result(output)
    if r["model"] != variant:
        return "%s: model %s, expected %s" % (output, r["model"], variant)
    if float(r["accuracy"]) < least:
        return "%s: accuracy %s below the floor %.2f" % (variant, r["accuracy"], least)
    documented = docs_floor(docs, variant)
    if documented != least:
        return "%s: floor %.2f here, %.2f in %s" % (variant, least, documented, docs)
    return None


def same(args):
    a, b = result(args[0]), result(args[1])
    for key in ("model", "data", "train", "test", "features", "classes", "accuracy"):
        if a[key] != b[key]:
            return "%s differs: %s, then %s" % (key, a[key], b[key])
    return None


def within(args):
    a, b, points = result(args[0]), result(args[1]), float(args[2])
    gap = abs(float(a["accuracy"]) - float(b["accuracy"])) * 100
    if gap > points + 1e-9:
        return "%s %s and %s %s differ by %.2f points, more than %g" % (
            a["model"], a["accuracy"], b["model"], b["accuracy"], gap, points)
    return None


CHECKS = {"floor": (floor, 4), "same": (same, 2), "within": (within, 3)}


def main(argv):
    if len(argv) < 2 or argv[1] not in CHECKS or len(argv) - 2 != CHECKS[argv[1]][1]:
        sys.exit(__doc__)
    problem = CHECKS[argv[1]][0](argv[2:])
    print(problem or "ok")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
