#!/usr/bin/env python3
"""Prints one line per entry of a profile's "events", with what holds:
whether an unavailable event has a reason and no counters anywhere, and
whether an unknown one suggests a close match."""
import json
import sys

profile = json.load(open(sys.argv[1]))
items = profile["functions"] + profile["regions"] + profile["tree"]["nodes"]
for e in profile["events"]:
    name = e["name"]
    counted = any(name in i.get("counters", {}) for i in items)
    words = []
    if e["status"] == "ok":
        words = ["ok", e["method"]] if counted else ["ok-without-counters"]
        if name in ("cycles", "instructions"):
            words = ["ok-or-unavailable-with-reason"] if counted else ["BAD"]
    elif e["status"] == "unavailable":
        reason = e["reason"] or ""
        if name in ("cycles", "instructions"):
            words = ["ok-or-unavailable-with-reason" if reason and not counted
                     and e["total"] is None else "BAD"]
        else:
            words = ["unavailable"]
            if "libpfm4 is not installed" in reason:
                words.append("libpfm4-missing")
            words.append("no-counters" if not counted else "COUNTED")
    elif e["status"] == "unknown":
        words = ["unknown"]
        if "did you mean 'cycles'" in (e["reason"] or ""):
            words.append("did-you-mean-cycles")
        words.append("no-counters" if not counted else "COUNTED")
    print("%s: %s" % (name, " ".join(words)))
