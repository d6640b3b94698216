#!/usr/bin/env python3
"""Prints the recorded arguments of a frugal profile ("args", schema 4) for
FileCheck, after checking their shape.

Usage: check_args.py PROFILE QUERY [ARGS...]

  show               per function with "args", sorted by name:
                       args <name> names=<a,b> rows=<n> note=<note or ->
                     then its distinct rows, sorted:   row <v1,v2> x<count>
  noargs             noargs <name> for each function without "args"
  stats NAME         stats rows=<n> distinct=<d> min=<v> max=<v> (over all
                     values of all rows)
  relation NAME EXPR "relation ok rows=<n>" if the Python expression EXPR,
                     with the names bound to a row's values, holds for every
                     row; else the first row where it does not (exit 1)

Exits 1 with a message when "args" is malformed: a row whose length is not
the number of names, a value that is not an integer, more than 16 rows.
Standard library only.
"""
import json
import sys

MAX_ROWS = 16


def load(path):
    with open(path, encoding="utf-8") as f:
        profile = json.load(f)
    if profile.get("schema_version") != 5:
        sys.exit("schema_version is %r, not 5" % profile.get("schema_version"))
    for f in profile["functions"]:
        args = f.get("args")
        if args is None:
            continue
        names, rows = args["names"], args["samples"]
        if len(rows) > MAX_ROWS:
            sys.exit("%s: %d rows, more than %d" % (f["name"], len(rows), MAX_ROWS))
        for row in rows:
            if len(row) != len(names) or not all(
                    isinstance(v, int) and not isinstance(v, bool) for v in row):
                sys.exit("%s: malformed row %r for names %r" % (f["name"], row, names))
    return profile


def by_name(profile, name):
    matches = [f for f in profile["functions"] if f["name"] == name]
    if len(matches) != 1 or "args" not in matches[0]:
        sys.exit("no single function %r with args" % name)
    return matches[0]["args"]


def show(profile, argv):
    for f in sorted(profile["functions"], key=lambda f: f["name"]):
        args = f.get("args")
        if args is None:
            continue
        print("args %s names=%s rows=%d note=%s" % (
            f["name"], ",".join(args["names"]), len(args["samples"]),
            args.get("note") or "-"))
        counts = {}
        for row in args["samples"]:
            counts[tuple(row)] = counts.get(tuple(row), 0) + 1
        for row in sorted(counts):
            print("  row %s x%d" % (",".join(map(str, row)), counts[row]))


def noargs(profile, argv):
    for name in sorted(f["name"] for f in profile["functions"] if "args" not in f):
        print("noargs %s" % name)


def stats(profile, argv):
    rows = by_name(profile, argv[0])["samples"]
    values = [v for row in rows for v in row]
    print("stats rows=%d distinct=%d min=%s max=%s" % (
        len(rows), len(set(map(tuple, rows))),
        min(values) if values else "-", max(values) if values else "-"))


def relation(profile, argv):
    args = by_name(profile, argv[0])
    for row in args["samples"]:
        if not eval(argv[1], {}, dict(zip(args["names"], row))):
            print("relation fails for %r" % (dict(zip(args["names"], row)),))
            sys.exit(1)
    print("relation ok rows=%d" % len(args["samples"]))


QUERIES = {"show": show, "noargs": noargs, "stats": stats, "relation": relation}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[2] not in QUERIES:
        sys.exit(__doc__)
    QUERIES[sys.argv[2]](load(sys.argv[1]), sys.argv[3:])
