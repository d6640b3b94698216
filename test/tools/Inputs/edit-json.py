#!/usr/bin/env python3
"""Writes a copy of a JSON file with some values replaced or removed, so that
each error test breaks one field of an otherwise valid profile.

Usage: edit-json.py IN OUT EDIT...
  a.b.0.c=JSON   sets the value at that path (list indexes are numbers)
  a.b.0.c        removes it
"""
import json
import sys


def parent_and_key(root, path):
    keys = path.split(".")
    node = root
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    return node, int(last) if isinstance(node, list) else last


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        data = json.load(f)
    for edit in argv[3:]:
        path, sep, value = edit.partition("=")
        node, key = parent_and_key(data, path)
        if sep:
            node[key] = json.loads(value)
        else:
            del node[key]
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
