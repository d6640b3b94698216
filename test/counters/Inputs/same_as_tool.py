#!/usr/bin/env python3
"""The runtime and `frugal events` judge event names by the same rules
(docs/counters.md), written twice: the runtime's without the C++ library,
the tool's with LLVM's. Compares the profile's "events" with
`frugal events --format=json` for the same names: status, canonical name
and reason must agree. Prints "same" or each difference."""
import json
import sys

profile = {e["name"]: e for e in json.load(open(sys.argv[1]))["events"]}
tool = {e["name"]: e for e in json.load(open(sys.argv[2]))["events"]}
diffs = []
for name, e in profile.items():
    t = tool.get(name)
    if t is None:
        diffs.append("%s: not in frugal events' output" % name)
        continue
    for key in ("status", "canonical", "reason"):
        if e[key] != t[key]:
            diffs.append("%s.%s: runtime %r, frugal events %r" % (name, key, e[key], t[key]))
print("\n".join(diffs) if diffs else "same")
