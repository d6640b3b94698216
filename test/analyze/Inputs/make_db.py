#!/usr/bin/env python3
"""Writes a compile_commands.json for the analyze tests.

Usage: make_db.py [--append] OUT DIRECTORY COMPILER [FLAG...] -- FILE...

Each FILE gets the entry {"directory": DIRECTORY, "file": FILE, "arguments":
[COMPILER, FLAG..., "-c", FILE, "-o", <its name>.o]}, in the order given.
"{omp_include}" in a FLAG becomes the directory of the omp.h that lit.cfg.py
found (the newest /usr/lib/llvm-*/lib/clang/*/include/omp.h). --append adds
the entries to those OUT has.
"""
import glob
import json
import os
import sys

args = sys.argv[1:]
append = args[:1] == ["--append"]
if append:
    args = args[1:]
out, directory, compiler = args[:3]
rest = args[3:]
split = rest.index("--")
flags, files = rest[:split], rest[split + 1:]
if any("{omp_include}" in f for f in flags):
    omp = sorted(glob.glob("/usr/lib/llvm-*/lib/clang/*/include/omp.h"))
    flags = [f.replace("{omp_include}", os.path.dirname(omp[-1]))
             for f in flags]
entries = [{"directory": directory, "file": f,
            "arguments": [compiler] + flags +
            ["-c", f, "-o", os.path.basename(f) + ".o"]} for f in files]
if append:
    with open(out, encoding="utf-8") as stream:
        entries = json.load(stream) + entries
with open(out, "w", encoding="utf-8") as stream:
    json.dump(entries, stream, indent=2)
