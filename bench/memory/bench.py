#!/usr/bin/env python3
"""The runtime's memory per instrumented function and per thread, the
binary's growth per instrumented function, and the profile's size for
10,000 functions.

Usage: bench.py BUILD_DIR --work DIR [--runs R] [--functions "N1 N2"]
                [--threads "T1 T2 ..."] [--depth D]

Programs, each built with the clang of the LLVM frugal was built with
(-O2, no runtime: "plain") and with frugal-clang -O2, run time only
(FRUGAL_ENERGY=none FRUGAL_GPU=0: no sampler thread) and with the default
energy (modelled where there is no RAPL):
  functions  N instrumented functions, each called once (gen_functions.py);
             prints its memory at the end of main (memstat.c);
  threads    T threads alive at once, each having made DEPTH + 9 calls in
             as many calling contexts, DEPTH + 2 frames deep (threads.c);
             main prints the memory while they wait on a barrier.
Memory: VmRSS, RssAnon, RssFile, VmSize of /proc/self/status as the
program prints it, and VmHWM (peak RSS) printed by the program's last
atexit handler, after frugal wrote its profile. Per function and per
thread figures are slopes from the smallest to the largest N (or T) of
frugal's figure minus plain's, so that fixed costs (the runtime's own
pages, the sampler thread, the threads' stacks) cancel; the intercept is
the runtime's fixed cost. R rounds, the programs interleaved within each;
medians. Expectations come from the runtime's headers (sizes.cpp).
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import benchlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The configurations of a program: (label, short label, FRUGAL_* settings);
# "plain" is the program built without frugal. Time only: FRUGAL_ENERGY=none
# alone still starts the sampler thread to look for a GPU (NVML), whose
# failed dlopen mallocs on that thread, so that glibc maps an arena (64 MiB
# of address space) at a moment that varies from run to run.
CONFIGS = [("plain", "plain", {}),
           ("frugal, time only", "time only (FRUGAL_ENERGY=none FRUGAL_GPU=0)",
            {"FRUGAL_ENERGY": "none", "FRUGAL_GPU": "0"}),
           ("frugal, default energy", "default energy", {})]


def run_checked(argv, **kw):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, **kw)
    if r.returncode != 0:
        sys.exit("bench.py: %s failed (%d):\n%s" % (" ".join(argv[:3]), r.returncode,
                                                     r.stderr[-2000:]))
    return r.stdout


def parallel(jobs):
    """Runs the argvs in jobs, as many at once as there are cores."""
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        for f in [pool.submit(run_checked, j) for j in jobs]:
            f.result()


def measure(argv, env, out_path):
    """Runs argv (exit status 0) with stdout to out_path; returns its
    MEMSTAT lines by label."""
    with open(out_path, "w") as out:
        r = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit("bench.py: %s exited with %d:\n%s" % (" ".join(argv), r.returncode, r.stderr[-2000:]))
    stats = {}
    with open(out_path) as f:
        for line in f:
            if line.startswith("MEMSTAT "):
                s = json.loads(line[len("MEMSTAT "):])
                stats[s["label"]] = s
    return stats


def section_sizes(llvm, path):
    """Bytes per section name, and the file's size."""
    sizes = {}
    for line in run_checked([os.path.join(llvm, "bin", "llvm-size"), "-A", "-d", path]).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit():
            sizes[parts[0]] = sizes.get(parts[0], 0) + int(parts[1])
    sizes["file"] = os.path.getsize(path)
    return sizes


def med(values):
    return statistics.median(values)


def spread(values):
    lo, hi = min(values), max(values)
    return "" if lo == hi else " (%s–%s)" % (fmt(lo), fmt(hi))


def fmt(x):
    return "{:,.0f}".format(x)


def slope(lo_n, lo_v, hi_n, hi_v):
    return (hi_v - lo_v) / (hi_n - lo_n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--functions", default="1000 10000")
    ap.add_argument("--threads", default="1 16 64")
    ap.add_argument("--depth", type=int, default=16)
    args = ap.parse_args()
    fn_sizes = sorted({int(x) for x in args.functions.split()})
    th_counts = sorted({int(x) for x in args.threads.split()})
    if len(fn_sizes) < 2 or len(th_counts) < 2 or args.runs < 1:
        sys.exit("bench.py: need two function counts, two thread counts and 1 run or more")
    build, work = os.path.abspath(args.build), os.path.abspath(args.work)
    llvm = benchlib.llvm_root(build, "memory")
    clang = os.path.join(llvm, "bin", "clang")
    for tool in ("clang", "clang++", "llvm-size"):
        if not os.access(os.path.join(llvm, "bin", tool), os.X_OK):
            sys.exit("bench.py: no %s in %s/bin: install it (apt-get install llvm-%s)"
                     % (tool, llvm, os.path.basename(llvm).replace("llvm-", "")))
    fclang = os.path.join(build, "bin", "frugal-clang")
    src, obj, binary = (os.path.join(work, d) for d in ("src", "obj", "bin"))
    for d in (src, obj, binary, os.path.join(work, "out")):
        os.makedirs(d, exist_ok=True)
    started = time.monotonic()

    # --- Build ------------------------------------------------------------
    run_checked([clang + "++", "-std=c++20", "-I" + os.path.join(ROOT, "runtime"),
                 "-I" + os.path.join(ROOT, "include"), os.path.join(HERE, "sizes.cpp"),
                 "-o", os.path.join(binary, "sizes")])
    sz = json.loads(run_checked([os.path.join(binary, "sizes")]))
    programs = {}
    for line in run_checked([sys.executable, os.path.join(HERE, "gen_functions.py"), src]
                            + [str(n) for n in fn_sizes]).splitlines():
        n, *files = line.split()
        programs[int(n)] = files
    sources = sorted({f for files in programs.values() for f in files})
    compilers = {"plain": clang, "frugal": fclang}
    inc = ["-I" + HERE, "-I" + os.path.join(ROOT, "include")]
    jobs = [[clang, "-O2", "-c", os.path.join(HERE, "memstat.c"), "-o", os.path.join(obj, "memstat.o")]]
    for kind, cc in compilers.items():
        for s in sources:
            jobs.append([cc, "-O2"] + inc + ["-c", os.path.join(src, s),
                         "-o", os.path.join(obj, "%s-%s.o" % (kind, s[:-2]))])
    parallel(jobs)
    jobs = []
    for kind, cc in compilers.items():
        for n, files in programs.items():
            jobs.append([cc, "-O2", os.path.join(obj, "memstat.o")]
                        + [os.path.join(obj, "%s-%s.o" % (kind, f[:-2])) for f in files]
                        + ["-o", os.path.join(binary, "functions-%d-%s" % (n, kind))])
        jobs.append([cc, "-O2", "-pthread"] + inc + [os.path.join(HERE, "threads.c"),
                     os.path.join(obj, "memstat.o"), "-o", os.path.join(binary, "threads-" + kind)])
    parallel(jobs)
    built = time.monotonic()

    # --- Runs -------------------------------------------------------------
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("FRUGAL_")}

    def run(ci, tag, argv, label):
        """One run of a program in configuration ci: its memory at label
        and at exit; frugal's profile must have been written by then."""
        env = dict(base_env, **CONFIGS[ci][2])
        profile = env["FRUGAL_OUTPUT"] = os.path.join(work, "out", "%s.profile.json" % tag)
        if os.path.exists(profile):
            os.remove(profile)
        stats = measure(argv, env, os.path.join(work, "out", tag + ".out"))
        if label not in stats or "at exit" not in stats:
            sys.exit("bench.py: %s printed no memory line" % argv[0])
        if ci and not stats["at exit"]["profile_written"]:
            sys.exit("bench.py: %s: no profile written before the last atexit handler" % argv[0])
        return stats[label], stats["at exit"]

    fn = {}  # (n, config index) -> list of (end of main, at exit)
    th = {}  # (t, config index) -> list of memory with all threads alive
    profiles = {}  # (n, config index) -> path of the last round's profile
    for _ in range(args.runs):
        for n in fn_sizes:
            for ci in range(len(CONFIGS)):
                tag = "functions-%d-%d" % (n, ci)
                kind = "plain" if ci == 0 else "frugal"
                fn.setdefault((n, ci), []).append(
                    run(ci, tag, [os.path.join(binary, "functions-%d-%s" % (n, kind))], "end of main"))
                profiles[(n, ci)] = os.path.join(work, "out", "%s.profile.json" % tag)
        for t in th_counts:
            for ci in range(len(CONFIGS)):
                kind = "plain" if ci == 0 else "frugal"
                alive, _ = run(ci, "threads-%d-%d" % (t, ci),
                               [os.path.join(binary, "threads-" + kind), str(t), str(args.depth)],
                               "all threads alive")
                th.setdefault((t, ci), []).append(alive)
    ran = time.monotonic()

    # Every function must have been instrumented and called, and the default
    # must have measured (or modelled) energy: else the figures mean nothing.
    energy_status = {}
    for (n, ci), path in profiles.items():
        if ci == 0:
            continue
        with open(path) as f:
            prof = json.load(f)
        called = sum(1 for x in prof["functions"]
                     if not x.get("filtered") and x.get("calls") == 1 and re.fullmatch(r"f\d+", x["name"]))
        if called != n:
            sys.exit("bench.py: %s: %d of %d functions instrumented and called once" % (path, called, n))
        energy_status[ci] = prof.get("energy", {}).get("status")
    if energy_status.get(1) != "not-measured" or energy_status.get(2) in (None, "not-measured"):
        sys.exit("bench.py: energy status %s time only, %s by default: expected not-measured, then "
                 "measured or modelled" % (energy_status.get(1), energy_status.get(2)))
    # Each thread must have made its calls, as deep as intended (a compiler
    # that turned the recursion into a loop would halve the figures).
    for ci in (1, 2):
        t = th_counts[-1]
        with open(os.path.join(work, "out", "threads-%d-%d.profile.json" % (t, ci))) as f:
            shapes = [(x["calls"], x["max_depth"]) for x in json.load(f)["threads"]]
        if shapes.count((args.depth + 9, args.depth + 2)) != t:
            sys.exit("bench.py: threads: expected %d threads of %d calls, %d deep; got %s"
                     % (t, args.depth + 9, args.depth + 2, shapes))
    lo, hi = fn_sizes[0], fn_sizes[-1]
    print("runs: %d rounds, programs interleaved; medians (min–max where they differ); "
          "build %.0f s, runs %.0f s" % (args.runs, built - started, ran - built))
    print("default energy here: %s (the profile's energy.status)" % energy_status.get(2))
    bins = {(n, kind): section_sizes(llvm, os.path.join(binary, "functions-%d-%s" % (n, kind)))
            for n in fn_sizes for kind in compilers}
    report_functions(fn, fn_sizes, bins, sz)
    report_binary(bins, lo, hi, sz)
    report_profiles(profiles, lo, hi)
    report_threads(th, th_counts, args.depth, sz)
    print("machine: %s, %d cores, Linux %s; LLVM %s; %s" % (
        cpu_model(), os.cpu_count() or 0, platform.release(), os.path.basename(llvm).replace("llvm-", ""),
        time.strftime("%Y-%m-%d", time.gmtime())))


def per_unit(samples, lo, hi, ci, key):
    """Bytes per unit (function, thread) of configuration ci's figure key
    (KiB) above plain's: the slope from lo to hi units, and the intercept
    (the fixed cost, at 0 units)."""
    extra = {n: (med([x[key] for x in samples[(n, ci)]]) - med([x[key] for x in samples[(n, 0)]])) * 1024
             for n in (lo, hi)}
    s = slope(lo, extra[lo], hi, extra[hi])
    return s, extra[lo] - lo * s


def print_raw(samples, counts, what, keys):
    """One row per count and configuration: the medians of keys, KiB."""
    print()
    print("| %s | program | %s |" % (what, " | ".join(title for _, title in keys)))
    print("|---:|---|%s" % ("---:|" * len(keys)))
    for n in counts:
        for ci, (label, _, _) in enumerate(CONFIGS):
            cells = [[x[k] for x in samples[(n, ci)]] for k, _ in keys]
            print("| %s | %s | %s |" % (fmt(n), label, " | ".join(fmt(med(c)) + spread(c) for c in cells)))


def report_functions(fn, sizes, bins, sz):
    lo, hi = sizes[0], sizes[-1]
    end = {k: [x for x, _ in v] for k, v in fn.items()}    # at the end of main
    exit_ = {k: [x for _, x in v] for k, v in fn.items()}  # after the profile
    print_raw({k: [dict(a, Peak=b["VmHWM"]) for a, b in v] for k, v in fn.items()}, sizes, "functions",
              [("VmRSS", "RSS at end of main, KiB"), ("RssAnon", "anonymous, KiB"),
               ("RssFile", "file-backed, KiB"), ("VmSize", "virtual (VmSize), KiB"),
               ("Peak", "peak RSS at exit, profile written (VmHWM), KiB")])
    def growth(name):
        return (slope(lo, bins[(lo, "frugal")].get(name, 0), hi, bins[(hi, "frugal")].get(name, 0))
                - slope(lo, bins[(lo, "plain")].get(name, 0), hi, bins[(hi, "plain")].get(name, 0)))

    # File pages the run reads: the code, and the relocations the dynamic
    # loader applies to the records' pointers at startup (which dirty the
    # records' pages: those are anonymous).
    code, relocs = growth(".text"), growth(".rela.dyn")
    rec, node, energy = sz["func_record"], sz["Node"], sz["NodeEnergy"]
    print()
    print("Runtime memory per instrumented function, bytes: frugal minus plain, slope from %s to %s "
          "functions (one calling context each); fixed: the intercept (at 0 functions)" % (fmt(lo), fmt(hi)))
    print()
    print("| configuration | RSS at end of main | anonymous | expected anonymous | file-backed "
          "| expected file-backed | peak RSS, profile written | fixed RSS, KiB | fixed virtual, MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ci in (1, 2):
        rss, rss0 = per_unit(end, lo, hi, ci, "VmRSS")
        anon, _ = per_unit(end, lo, hi, ci, "RssAnon")
        filed, _ = per_unit(end, lo, hi, ci, "RssFile")
        peak, _ = per_unit(exit_, lo, hi, ci, "VmHWM")
        _, virt0 = per_unit(end, lo, hi, ci, "VmSize")
        expected = "%d (record %d + node %d)" % (rec + node, rec, node)
        if ci == 2:
            expected = "%d–%d (+ node energy %d)" % (rec + node, rec + node + energy, energy)
        print("| %s | %s | %s | %s | %s | %s (code %s + relocations %s) | %s | %s | %.1f |" % (
            CONFIGS[ci][1], fmt(rss), fmt(anon), expected, fmt(filed), fmt(code + relocs), fmt(code),
            fmt(relocs), fmt(peak), fmt(rss0 / 1024), virt0 / 2**20))


def report_binary(bins, lo, hi, sz):
    print()
    print("Binary size per instrumented function, bytes: slope from %s to %s functions; sections "
          "that grow, the largest growth first" % (fmt(lo), fmt(hi)))
    print()
    print("| section | loaded | plain clang -O2 | frugal-clang -O2 | growth |")
    print("|---|---|---:|---:|---:|")

    def per_fn(kind, name):
        return slope(lo, bins[(lo, kind)].get(name, 0), hi, bins[(hi, kind)].get(name, 0))

    rows, loaded = [], 0.0
    for name in sorted({k for b in bins.values() for k in b} - {"file", "Total"}):
        p, f = per_fn("plain", name), per_fn("frugal", name)
        if abs(f - p) >= 0.5:
            # Not mapped at run time: debug information (frugal-clang adds
            # line tables) and the linker's notes.
            mapped = not name.startswith((".debug", ".comment", ".symtab", ".strtab"))
            loaded += (f - p) if mapped else 0
            rows.append((f - p, name, mapped, p, f))
    for growth, name, mapped, p, f in sorted(rows, reverse=True):
        print("| %s | %s | %.1f | %.1f | %.1f |" % (name, "yes" if mapped else "no", p, f, growth))
    p, f = per_fn("plain", "file"), per_fn("frugal", "file")
    print("| whole file | | %.1f | %.1f | %.1f (loaded sections: %.1f) |" % (p, f, f - p, loaded))
    print("(frugal_funcs: one %d-byte record per function; .rela.dyn: relocations of the record's "
          "4 string pointers, 24 B each, in a position-independent executable; .eh_frame: hook "
          "calls make leaf functions non-leaf; .debug_line: line tables, which frugal-clang adds "
          "(-gline-tables-only) for the functions' files and lines)" % sz["func_record"])


def report_profiles(profiles, lo, hi):
    print()
    print("| configuration | profile, bytes (%s functions) | bytes per function (whole file / N) "
          "| bytes per function (slope from %s) | gzip -9, bytes | gzip -9 per function (slope) |"
          % (fmt(hi), fmt(lo)))
    print("|---|---:|---:|---:|---:|---:|")
    for ci in (1, 2):
        raw, gz = {}, {}
        for n in (lo, hi):
            with open(profiles[(n, ci)], "rb") as f:
                data = f.read()
            raw[n], gz[n] = len(data), len(gzip.compress(data, 9))
        print("| %s | %s | %.0f | %.0f | %s | %.0f |" % (
            CONFIGS[ci][1], fmt(raw[hi]), raw[hi] / hi, slope(lo, raw[lo], hi, raw[hi]),
            fmt(gz[hi]), slope(lo, gz[lo], hi, gz[hi])))


def report_threads(th, counts, depth, sz):
    page = sz["page"]
    state = (sz["ThreadState"] + 63) & ~63
    mapping = state + (sz["DefaultMaxDepth"] + 1) * sz["Frame"] + sz["TouchedCapacity"] * sz["TouchedEntry"]
    virt = -(-mapping // page) * page + sz["ChunkBytes"]
    frames = depth + 3  # root, nest x (DEPTH + 1), a leaf
    contexts = 1 + (depth + 1) + 8  # root, nest chain, 8 leaves
    touched = -(-(state + frames * sz["Frame"]) // page) + -(-contexts * sz["Node"] // page)
    ring = -(-sz["TouchedCapacity"] * sz["TouchedEntry"] // page) + 1
    print_raw(th, counts, "threads", [("VmRSS", "RSS, KiB"), ("RssAnon", "anonymous, KiB"),
                                      ("VmSize", "virtual (VmSize), KiB")])
    lo, hi = counts[0], counts[-1]
    print()
    print("Runtime memory per thread, KiB: frugal minus plain, slope from %d to %d threads alive "
          "at once, each %d frames deep in %d calling contexts" % (lo, hi, frames - 1, contexts - 1))
    print()
    # Resident: the anonymous pages. The runtime maps no file per thread,
    # and the file-backed part of RSS moves by a few pages from run to run.
    print("| configuration | resident (anonymous) | expected resident | virtual | expected virtual |")
    print("|---|---:|---:|---:|---:|")
    for ci in (1, 2):
        expected = "%d" % (touched * page // 1024)
        if ci == 2:
            expected += "–%d" % ((touched + ring) * page // 1024)
        print("| %s | %.1f | %s | %.1f | %.1f |" % (
            CONFIGS[ci][1], per_unit(th, lo, hi, ci, "RssAnon")[0] / 1024, expected,
            per_unit(th, lo, hi, ci, "VmSize")[0] / 1024, virt / 1024))
    print("(expected virtual: one mapping for the ThreadState (%d B), its shadow stack of "
          "DefaultMaxDepth + 1 = %d frames of %d B and the Touched ring of %d entries of %d B: "
          "%d B, in %d-B pages; plus the first %d-KiB chunk of calling contexts, %d nodes of %d B. "
          "Expected resident: the pages touched, %d for the state, the frames in use and the %d "
          "nodes; the energy sampler's Touched ring adds up to %d)" % (
              sz["ThreadState"], sz["DefaultMaxDepth"] + 1, sz["Frame"], sz["TouchedCapacity"],
              sz["TouchedEntry"], mapping, page, sz["ChunkBytes"] // 1024,
              sz["ChunkBytes"] // sz["Node"], sz["Node"], touched, contexts, ring))


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.machine()


if __name__ == "__main__":
    main()
