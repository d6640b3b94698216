#!/usr/bin/env python3
"""Writes a copy of a profile in which function FUNCTION has sampled
arguments: parameters NAMES (comma-separated; "" for none) and ROWS rows,
row i being [100 * TAG + i, 0, ...], so that a merged sample tells which
input each row came from and which of its rows it is.

Usage: add-args.py IN OUT FUNCTION NAMES ROWS TAG [NOTE]
"""
import json
import sys


def main(argv):
    if len(argv) not in (7, 8):
        sys.exit(__doc__)
    src, dst, function, names, rows, tag = argv[1:7]
    names = [n for n in names.split(",") if n]
    with open(src, encoding="utf-8") as f:
        profile = json.load(f)
    profile["schema_version"] = max(profile["schema_version"], 4)
    samples = [[100 * int(tag) + i] + [0] * (len(names) - 1)
               for i in range(int(rows))]
    args = {"names": names, "samples": samples if names else []}
    if len(argv) == 8:
        args["note"] = argv[7]
    for f in profile["functions"]:
        if f["name"] == function:
            f["args"] = args
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(profile, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
