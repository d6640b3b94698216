#!/usr/bin/env python3
"""Writes broken and special copies of the digits file for data.test.

Usage: make_bad_digits.py DIGITS_CSV_GZ OUTDIR

Lines are counted from 1 here, as classify's messages count them.
"""
import gzip
import os
import sys


def main(source, out):
    raw = open(source, "rb").read()
    lines = gzip.decompress(raw).decode("ascii").splitlines()
    assert len(lines) == 1797, len(lines)

    def write(name, rows):
        data = "".join(r + "\n" for r in rows).encode("ascii")
        with open(os.path.join(out, name), "wb") as f:
            f.write(gzip.compress(data, mtime=0))

    def changed(number, values):
        """lines with line `number` (from 1) replaced by values."""
        rows = list(lines)
        rows[number - 1] = ",".join(str(v) for v in values)
        return rows

    def values(number):
        return [int(v) for v in lines[number - 1].split(",")]

    # Cut in the middle of the compressed stream, and just before its end
    # (all lines intact, the gzip trailer missing).
    open(os.path.join(out, "truncated.gz"), "wb").write(raw[:len(raw) // 2])
    open(os.path.join(out, "no-trailer.gz"), "wb").write(raw[:-4])
    open(os.path.join(out, "plain.csv"), "wb").write(gzip.decompress(raw))
    open(os.path.join(out, "empty.gz"), "wb").close()

    pixel = values(6)
    pixel[1] = 17
    write("pixel17.gz", changed(6, pixel))
    label = values(8)
    label[64] = 10
    write("label10.gz", changed(8, label))
    write("no-label.gz", changed(8, values(8)[:64]))
    write("letter.gz", lines[:2] + [lines[2].replace(",", ",x", 1)] + lines[3:])
    write("few-lines.gz", lines[:100])
    write("extra-line.gz", lines + [lines[0]])
    # Blank pixels; label 1 on the test lines (0-based index % 4 == 3), 0 on
    # the others: a model trained on the right lines only ever saw 0, and
    # gets every test sample wrong.
    write("split.gz", ["0," * 64 + ("1" if i % 4 == 3 else "0")
                       for i in range(len(lines))])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
