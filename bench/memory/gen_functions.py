#!/usr/bin/env python3
"""Writes C programs of N instrumentable functions, all called once from
main, which then prints its memory from inside (memstat.c): what
bench/memory/bench.py measures the runtime's memory, the binary's size and
the profile's size per instrumented function with.

Usage: gen_functions.py OUTDIR N...

Writes OUTDIR/funcs_A_B.c (functions fA .. f(B-1), at most 1,000 per file,
so that they compile in parallel and the programs share their objects) and
OUTDIR/main_N.c per N; prints one line per N: "N main_N.c funcs_....c ...".

Each function has a loop, so the pass's default filter instruments it
whatever its size (pass/FunctionFilter.cpp: instructions >= threshold or a
loop); the loop is neither unrolled nor vectorised (compiling 10,000
unrolled copies at -O2 takes minutes), and its constants differ from one
function to the next (no two are merged). main calls them through a table,
in a loop (a main of 10,000 calls also takes minutes to compile); they are
external and noinline, so their argument is not propagated into them.
"""
import os
import sys

PER_FILE = 1000


def function(i):
    return ("__attribute__((noinline)) long f%d(const int *a, int n) {\n"
            "  long s = %d;\n"
            '  _Pragma("clang loop unroll(disable) vectorize(disable)")\n'
            "  for (int i = 0; i < n; ++i)\n"
            "    s += (long)a[i] * %d + (s >> %d);\n"
            "  return s;\n}\n" % (i, i, 2 * i + 1, 1 + i % 7))


def main_file(n):
    decls = "".join("long f%d(const int *, int);\n" % i for i in range(n))
    table = ",\n".join("    f%d" % i for i in range(n))
    return ('#include "frugal/frugal.h"\n#include "memstat.h"\n#include <stdio.h>\n\n' + decls +
            "\nstatic long (*const Table[])(const int *, int) = {\n" + table +
            "};\n\nint main(int argc, char **argv) {\n"
            "  (void)argv;\n"
            "  FRUGAL_ENERGY_WAIT(2000); /* the sampler thread is up */\n"
            "  int a[16];\n"
            "  for (int i = 0; i < 16; ++i)\n"
            "    a[i] = i + argc;\n"
            "  long s = 0;\n"
            "  for (unsigned i = 0; i < sizeof Table / sizeof *Table; ++i)\n"
            "    s += Table[i](a, 16);\n"
            '  printf("checksum %ld\\n", s);\n'
            '  memstat_print("end of main");\n'
            "  return 0;\n}\n")


def main():
    out, sizes = sys.argv[1], sorted({int(a) for a in sys.argv[2:]})
    if not sizes or sizes[0] < 1:
        sys.exit("usage: gen_functions.py OUTDIR N... (N >= 1)")
    # File boundaries: every multiple of PER_FILE and every N, so that each
    # program is main_N.c plus whole files.
    bounds = sorted(set(range(0, sizes[-1], PER_FILE)) | set(sizes))
    files = []
    for lo, hi in zip(bounds, bounds[1:]):
        name = "funcs_%d_%d.c" % (lo, hi)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("".join(function(i) for i in range(lo, hi)))
        files.append((hi, name))
    for n in sizes:
        with open(os.path.join(out, "main_%d.c" % n), "w", encoding="utf-8") as f:
            f.write(main_file(n))
        print(n, "main_%d.c" % n, *[name for hi, name in files if hi <= n])


if __name__ == "__main__":
    main()
