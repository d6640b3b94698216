#!/usr/bin/env python3
"""Prints "sha256 matches" when FILE's SHA-256 is the one README states
("SHA-256 `HEX`"), else both digests (exit status 1).

Usage: check_sha256.py FILE README
"""
import hashlib
import re
import sys


def main(path, readme):
    actual = hashlib.sha256(open(path, "rb").read()).hexdigest()
    stated = re.findall(r"SHA-256\s+`([0-9a-f]{64})`",
                        open(readme, encoding="utf-8").read())
    if stated == [actual]:
        print("sha256 matches")
        return 0
    print("sha256 of %s is %s; %s states %s" % (path, actual, readme, stated))
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
