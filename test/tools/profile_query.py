#!/usr/bin/env python3
"""Prints facts about a frugal profile, one per line, for FileCheck.

Usage: profile_query.py PROFILE QUERY [ARGS...]

  functions          fn <name> calls=<n> filtered=<0|1> reason=<reason>
                     (sorted by name, then id)
  functions-by-module  fn <name> module=<file name of its module>, for the
                     functions called at least once
  regions            region <name> calls=<n>
  modules            module <path> loaded=<0|1>
  threads            threads <count>, then per thread in index order:
                     thread calls=<n> ended=<0|1> resyncs=<n> overflow=<n>
  tree               path <a;b;c> calls=<n> folded=<n> for each context,
                     names from the root's child down (sorted)
  check              "ok", or the first broken invariant (exit status 1)
  inclusive-le A B   "ok" if function A's inclusive time <= B's (exit 1 if not)
  get DOTTED.PATH    the JSON value there, e.g. program.pid, functions.0.name

Standard library only: lit runs it with the Python that configured the build.
"""
import json
import os
import sys

# The schema_versions this script reads (docs/profile-format.md).
SCHEMA_VERSIONS = (2, 3, 4, 5)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def flag(value):
    return 1 if value else 0


def names_by_id(profile):
    """Functions and regions share one id space."""
    names = {f["id"]: f["name"] for f in profile["functions"]}
    names.update({r["id"]: r["name"] for r in profile["regions"]})
    return names


def functions(profile, args):
    for f in sorted(profile["functions"], key=lambda f: (f["name"], f["id"])):
        print("fn %s calls=%d filtered=%d reason=%s" % (
            f["name"], f["calls"], flag(f["filtered"]),
            f.get("filter_reason", "")))


def functions_by_module(profile, args):
    """Called functions with the file name of the module that holds them."""
    called = [f for f in profile["functions"] if f["calls"] > 0]
    for f in sorted(called, key=lambda f: (f["name"], f["id"])):
        print("fn %s module=%s" % (f["name"], os.path.basename(f["module"])))


def regions(profile, args):
    for r in sorted(profile["regions"], key=lambda r: (r["name"], r["id"])):
        print("region %s calls=%d" % (r["name"], r["calls"]))


def modules(profile, args):
    for m in profile.get("modules", []):
        print("module %s loaded=%d" % (m["path"], flag(m.get("loaded", True))))


def threads(profile, args):
    print("threads %d" % len(profile["threads"]))
    for t in sorted(profile["threads"], key=lambda t: t.get("index", 0)):
        print("thread calls=%d ended=%d resyncs=%d overflow=%d" % (
            t["calls"], flag(t["ended"]), t.get("resyncs", 0),
            t.get("overflow_frames", 0)))


def tree(profile, args):
    names = names_by_id(profile)
    nodes = {n["id"]: n for n in profile["tree"]["nodes"]}

    def path(node):
        parts = []
        while node["parent"] is not None:
            parts.append(names.get(node["ref"], "?%s" % node["ref"]))
            node = nodes[node["parent"]]
        return ";".join(reversed(parts))

    lines = ["path %s calls=%d folded=%d" % (
        path(n), n["calls"], n.get("folded_calls", 0))
        for n in nodes.values() if n["parent"] is not None]
    for line in sorted(lines):
        print(line)


def violations(profile):
    """Yields broken invariants, most basic first."""
    if profile.get("schema_version") not in SCHEMA_VERSIONS:
        yield "schema_version is %r, not one of %s" % (
            profile.get("schema_version"), SCHEMA_VERSIONS)
        return
    records = profile["functions"] + profile["regions"]
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        yield "function/region ids are not unique"
    for r in records:
        t = r["time_ns"]
        if min(t["inclusive"], t["exclusive"], r["calls"]) < 0:
            yield "%s: negative calls or time" % r["name"]
        if t["exclusive"] > t["inclusive"]:
            yield "%s: exclusive %d > inclusive %d" % (
                r["name"], t["exclusive"], t["inclusive"])
        if r.get("filtered") and (r["calls"] or t["inclusive"]):
            yield "%s: filtered but measured" % r["name"]

    nodes = profile["tree"]["nodes"]
    node_ids = [n["id"] for n in nodes]
    if len(node_ids) != len(set(node_ids)):
        yield "tree node ids are not unique"
    by_id = {n["id"]: n for n in nodes}
    roots = [n for n in nodes if n["parent"] is None]
    if len(roots) != 1 or roots[0]["id"] != 0:
        yield "the tree must have one root, node 0"
    known = set(ids)
    calls_in_tree = {}
    folded = 0
    for n in nodes:
        if n["parent"] is None:
            continue
        if n["parent"] not in by_id:
            yield "node %d: parent %d does not exist" % (n["id"], n["parent"])
        if n["ref"] not in known:
            yield "node %d: ref %s is no function or region" % (n["id"], n["ref"])
        t = n["time_ns"]
        if min(t["inclusive"], t["exclusive"], n["calls"]) < 0:
            yield "node %d: negative calls or time" % n["id"]
        if t["exclusive"] > t["inclusive"]:
            yield "node %d: exclusive > inclusive" % n["id"]
        calls_in_tree[n["ref"]] = calls_in_tree.get(n["ref"], 0) + n["calls"]
        folded += n.get("folded_calls", 0)
    if folded != profile["tree"]["folded_calls"]:
        yield "tree.folded_calls is %d but its nodes fold %d" % (
            profile["tree"]["folded_calls"], folded)
    # A folded call is counted for its function but has no node of its own,
    # so the tree's count may only fall short when something was folded.
    for r in records:
        in_tree = calls_in_tree.get(r["id"], 0)
        if in_tree > r["calls"] or (not folded and in_tree != r["calls"]):
            yield "%s: %d calls, but %d in the tree (%d folded)" % (
                r["name"], r["calls"], in_tree, folded)


def check(profile, args):
    for problem in violations(profile):
        print(problem)
        return 1
    print("ok")
    return 0


def function_named(profile, name):
    for f in profile["functions"]:
        if f["name"] == name:
            return f
    sys.exit("profile_query: no function named %r" % name)


def inclusive_le(profile, args):
    a, b = (function_named(profile, name) for name in args)
    ta, tb = a["time_ns"]["inclusive"], b["time_ns"]["inclusive"]
    if ta > tb:
        print("%s: inclusive %d > %s: inclusive %d" % (
            a["name"], ta, b["name"], tb))
        return 1
    print("ok")
    return 0


def get(profile, args):
    value = profile
    for key in args[0].split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
    print(json.dumps(value))


QUERIES = {
    "functions": (functions, 0), "regions": (regions, 0),
    "functions-by-module": (functions_by_module, 0),
    "modules": (modules, 0), "threads": (threads, 0), "tree": (tree, 0),
    "check": (check, 0), "inclusive-le": (inclusive_le, 2), "get": (get, 1),
}


def main(argv):
    if len(argv) < 3 or argv[2] not in QUERIES:
        sys.exit(__doc__)
    run, nargs = QUERIES[argv[2]]
    if len(argv) - 3 != nargs:
        sys.exit("profile_query: %s takes %d argument(s)" % (argv[2], nargs))
    return run(load(argv[1]), argv[3:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
