#!/usr/bin/env python3
"""Lines per second of `frugal analyze` against `clang -fsyntax-only`.

Usage: bench.py BUILD_DIR [--runs N] [--lines N] [--work DIR]

Three sets of files, each timed as a whole (wall clock, median of N runs,
clang and frugal interleaved run by run):
  corpus     test/analyze/corpus/*.c, *.cpp with the flags of their RUN lines
  generated  one C file of ~LINES lines of kernels (gen_kernels.py)
  runtime    the runtime/ entries of BUILD_DIR/compile_commands.json (each
             file once)
frugal: one `frugal analyze -p DIR --format json -o OUT` over a
compile_commands.json holding the set (one process for all files).
clang: the same compile commands with -fsyntax-only instead of -c/-o, one
process per file, in turn, with the clang of the LLVM frugal was built
with. Lines are the physical lines of the listed files (headers they
include are parsed by both but not counted).
"""
import argparse
import json
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def corpus_entries(llvm):
    """(file, argv) per corpus kernel, from its RUN line's command."""
    d = os.path.join(ROOT, "test", "analyze", "corpus")
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith((".c", ".cpp")):
            continue
        path = os.path.join(d, name)
        with open(path) as f:
            m = re.search(r'"command": "([^"]*)"', f.read())
        if not m:
            continue
        cmd = m.group(1)
        cmd = cmd.replace("%clangxx", os.path.join(llvm, "bin", "clang++"))
        cmd = cmd.replace("%clang", os.path.join(llvm, "bin", "clang"))
        cmd = cmd.replace("%s", path).replace("%t", "/tmp")
        out.append((path, shlex.split(cmd)))
    return out


def runtime_entries(build):
    with open(os.path.join(build, "compile_commands.json")) as f:
        db = json.load(f)
    prefix = os.path.join(ROOT, "runtime") + os.sep
    out = []
    seen = set()
    for e in db:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        # A file built into two libraries (Api.cpp: shared and static) is
        # timed once, with its first command.
        if path.startswith(prefix) and path not in seen:
            seen.add(path)
            argv = e.get("arguments") or shlex.split(e["command"])
            out.append((path, argv, e["directory"]))
    return out


def syntax_only(argv, llvm):
    """The compile command with -fsyntax-only instead of -c and -o FILE."""
    cc = "clang++" if "++" in os.path.basename(argv[0]) else "clang"
    out = [os.path.join(llvm, "bin", cc)]
    skip = False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-c" or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def count_lines(paths):
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            n += f.read().count(b"\n")
    return n


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(fn):
    """(wall, CPU user + sys of the child processes) seconds of fn()."""
    t, c = time.perf_counter(), children_cpu()
    fn()
    return time.perf_counter() - t, children_cpu() - c


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--work")
    args = ap.parse_args(argv[1:])
    build = os.path.abspath(args.build)
    llvm = benchlib.llvm_root(build, "analyze")
    frugal = os.path.join(build, "bin", "frugal")
    work = os.path.abspath(args.work or os.path.join(build, "bench-results",
                                                    "analyze"))
    os.makedirs(work, exist_ok=True)

    gen = os.path.join(work, "generated", "kernels.c")
    os.makedirs(os.path.dirname(gen), exist_ok=True)
    subprocess.check_call([sys.executable, os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "gen_kernels.py"), gen,
        str(args.lines)])
    clang = os.path.join(llvm, "bin", "clang")
    sets = [
        ("corpus", [(p, a, work) for p, a in corpus_entries(llvm)]),
        ("generated", [(gen, [clang, "-std=c11", "-O2", "-c", gen, "-o",
                              gen + ".o"], work)]),
        ("runtime", runtime_entries(build)),
    ]

    version = subprocess.run([clang, "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    print("machine: %s, %d cores, Linux %s" % (model, os.cpu_count(),
                                               platform.release()))
    print("date: %s" % time.strftime("%Y-%m-%d", time.gmtime()))
    print("LLVM: %s" % version)
    print("frugal: %s" % subprocess.run([frugal, "--version"],
                                        capture_output=True, text=True)
          .stdout.splitlines()[0])
    print("runs: %d (median; clang and frugal interleaved)" % args.runs)
    print()

    rows = []
    for name, entries in sets:
        if not entries:
            print("%s: no files, skipped" % name, file=sys.stderr)
            continue
        d = os.path.join(work, name)
        os.makedirs(d, exist_ok=True)
        db = [{"directory": wd, "file": p, "arguments": a}
              for p, a, wd in entries]
        with open(os.path.join(d, "compile_commands.json"), "w") as f:
            json.dump(db, f, indent=1)
        out_json = os.path.join(d, "out.json")
        lines = count_lines([p for p, _, _ in entries])
        clang_cmds = [(syntax_only(a, llvm), wd) for _, a, wd in entries]
        status = {}

        def run_clang():
            for cmd, wd in clang_cmds:
                r = subprocess.run(cmd, cwd=wd, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
                if r.returncode:
                    status["clang"] = "clang failed on %s" % cmd[-2]

        def run_frugal():
            r = subprocess.run([frugal, "analyze", "-p", d, "--format", "json",
                                "-o", out_json], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            status["frugal"] = r.returncode
            if r.returncode:
                status["frugal_err"] = r.stderr[-2000:]

        tc, tf = [], []
        for _ in range(args.runs):
            tc.append(timed(run_clang))
            tf.append(timed(run_frugal))
        if "clang" in status:
            print("warning: %s" % status["clang"], file=sys.stderr)
        if status.get("frugal"):
            print("warning: frugal analyze exited %d on %s:\n%s" % (
                status["frugal"], name, status.get("frugal_err", "")),
                file=sys.stderr)
        nfun = 0
        try:
            with open(out_json) as f:
                nfun = len(json.load(f)["functions"])
        except (OSError, ValueError, KeyError):
            pass
        med = lambda runs, i: statistics.median(r[i] for r in runs)
        rows.append((name, len(entries), lines, nfun, med(tc, 0), med(tf, 0),
                     med(tc, 1), med(tf, 1), status.get("frugal")))

    print("Wall clock (median), and lines per second of wall clock:")
    print()
    print("| files | n | lines | functions | clang -fsyntax-only s | "
          "frugal analyze s | clang lines/s | frugal lines/s | "
          "frugal / clang time |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, n, lines, nfun, c, fr, _, _, st in rows:
        print("| %s%s | %d | %d | %d | %.3f | %.3f | %.0f | %.0f | %.2f× |" % (
            name, "" if not st else " (exit %d)" % st, n, lines, nfun, c, fr,
            lines / c, lines / fr, fr / c))
    print()
    print("CPU time (user + sys, median), less sensitive to other load:")
    print()
    print("| files | clang CPU s | frugal CPU s | frugal / clang CPU |")
    print("|---|---|---|---|")
    for name, _, _, _, _, _, cc, fc, _ in rows:
        print("| %s | %.3f | %.3f | %.2f× |" % (name, cc, fc,
                                               fc / cc if cc else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
