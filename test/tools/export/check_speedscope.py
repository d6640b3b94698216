#!/usr/bin/env python3
"""Checks a speedscope file's structure and prints it for FileCheck.

Usage: check_speedscope.py FILE|-

Fails unless the file follows speedscope's file format
(https://www.speedscope.app/file-format-schema.json) as frugal export
writes it: $schema, shared.frames with names, profiles of type "sampled"
with a known unit, samples of valid frame indices, one weight per sample,
and endValue the sum of the weights. Prints the frames and each sample as
"sample outer;...;inner WEIGHT".
"""
import json
import sys

UNITS = {"none", "nanoseconds", "microseconds", "milliseconds", "seconds", "bytes"}

doc = json.load(sys.stdin if sys.argv[1] == "-" else open(sys.argv[1], encoding="utf-8"))
assert doc["$schema"] == "https://www.speedscope.app/file-format-schema.json", doc["$schema"]
frames = doc["shared"]["frames"]
assert all(isinstance(f["name"], str) for f in frames), frames
assert 0 <= doc.get("activeProfileIndex", 0) < len(doc["profiles"])
print("$schema", doc["$schema"])
for p in doc["profiles"]:
    assert p["type"] == "sampled", p["type"]
    assert p["unit"] in UNITS, p["unit"]
    samples, weights = p["samples"], p["weights"]
    assert len(samples) == len(weights), (len(samples), len(weights))
    assert all(0 <= i < len(frames) for s in samples for i in s), "frame index out of range"
    assert all(w > 0 for w in weights), "non-positive weight"
    assert p["startValue"] == 0 and abs(sum(weights) - p["endValue"]) <= 1e-6 * max(1, p["endValue"])
    print("profile sampled: %s; unit %s; %d samples; weights sum to endValue %.10g"
          % (p["name"], p["unit"], len(samples), p["endValue"]))
for i, f in enumerate(frames):
    where = " %s:%d" % (f["file"], f["line"]) if "file" in f and "line" in f else ""
    print("frame %d: %s%s" % (i, f["name"], where))
for p in doc["profiles"]:
    for s, w in zip(p["samples"], p["weights"]):
        print("sample %s %.10g" % (";".join(frames[i]["name"] for i in s), w))
