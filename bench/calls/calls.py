#!/usr/bin/env python3
"""Cost per instrumented call (entry + exit): bench/calls/run.sh runs this.

usage: calls.py BUILD_DIR WORK_DIR

The kernels (bench/call_overhead.cpp; Google Benchmark, items = calls):
  leaf         a small leaf called in a loop
  recursion    a tree recursion of 21,891 calls
  alternating  three leaves called in turn from one caller (a profiler that
               caches each context's last callee misses every time)
are compiled once per kind of instrumentation (bench/CMakeLists.txt):
bench-calls-{none,frugal,cyg-empty,cyg-stack,cyg-tsc,xray}; the frugal and XRay
binaries run in several configurations (the environment picks them).

Every configuration runs once per round, all of them in each round (the
order rotates from round to round), so drift hits them alike. A run is
REPS Google Benchmark repetitions; its figure is their median. ns per call
comes from items_per_second, i.e. the benchmark thread's CPU time (Google
Benchmark's default): the CPU time of other threads (the energy or timing
sampler) is not in it. The wall-time table shows what they take from the
benchmark thread on this machine. Added = minus the uninstrumented run of
the same round. Ratios are taken within each round, then summarised as
median (min-max) over the rounds.

Settings (environment): BENCH_REPETITIONS (5), BENCH_CALLS_ROUNDS (3),
BENCH_CALLS_MIN_TIME (0.1, seconds per repetition),
BENCH_CALLS_XRAY_MODES ("xray-profiling"; "xray-profiling xray-fdr" adds
FDR, "" leaves out the recording rows), BENCH_CALLS_POWERCAP (0; 1 adds
FRUGAL_ENERGY=powercap under the RAPL simulator, with an uninstrumented
run under the simulator as its baseline).
"""
import glob
import json
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import time

build, work = sys.argv[1:3]
reps = int(os.environ.get("BENCH_REPETITIONS", "5"))
rounds = int(os.environ.get("BENCH_CALLS_ROUNDS", "3"))
min_time = os.environ.get("BENCH_CALLS_MIN_TIME", "0.1")
xray_modes = os.environ.get("BENCH_CALLS_XRAY_MODES", "xray-profiling").split()
powercap = os.environ.get("BENCH_CALLS_POWERCAP", "0") == "1"
for m in xray_modes:
    if m not in ("xray-profiling", "xray-fdr"):
        sys.exit("calls: BENCH_CALLS_XRAY_MODES: unknown mode '%s'; use "
                 "xray-profiling, xray-fdr or both" % m)
bindir = os.path.join(build, "bin")
sim = os.path.join(build, "test", "sim", "frugal-rapl-sim")
KERNELS = [("leafCalls", "leaf"), ("recursiveCalls", "recursion"),
           ("alternatingCalls", "alternating")]
# Issue #8's goals: (name, numerator row, denominator row, target).
# A target of None: a reference ratio, printed with the goals (sampled
# timing against the floor of hooks that keep a shadow stack at all).
GOALS = [("frugal time-only / minimal TSC pair", "frugal", "cyg-tsc", 1.1),
         ("frugal sampled / empty -finstrument-functions hooks",
          "frugal-sampled", "cyg-empty", 2.0),
         ("frugal sampled / minimal shadow-stack pair (reference)",
          "frugal-sampled", "cyg-stack", None)]
os.makedirs(work, exist_ok=True)
notes = []  # printed under the tables
HZ = os.sysconf("SC_CLK_TCK")


def note(msg):
    if msg not in notes:
        notes.append(msg)


def load_profile(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


# --- What each configuration is and how its run is checked ---------------
# A check gets (profile or None, stderr, xray files) and returns None when
# the run measured what its row says, else why not (the row is then marked).
def check_frugal(timing, energy=None, events=None):
    def check(prof, err, files):
        if prof is None:
            return "no profile written"
        mode = prof.get("timing", {}).get("mode")
        if timing == "sampled" and mode != "sampled":
            return ("FRUGAL_TIMING=sampled has not landed in this runtime "
                    "(timing.mode is %s): the row measures exact timing"
                    % json.dumps(mode))
        if timing == "exact" and mode not in (None, "exact"):
            return "timing.mode is %s, not exact" % json.dumps(mode)
        if energy:
            status = prof.get("energy", {}).get("status")
            if status not in energy:
                return "energy.status is %s, not %s" % (
                    json.dumps(status), " or ".join(energy))
        if events is not None:
            got = {e["name"]: e["status"] for e in prof.get("events", [])}
            bad = ["%s: %s" % (e, got.get(e, "absent")) for e in events
                   if got.get(e) != "ok"]
            if bad:
                return "events not counted (%s)" % ", ".join(bad)
        return None
    return check


def xray_profile_calls(path):
    """Calls counted in an xray-profiling file, or None if it is not one.
    Format (compiler-rt xray_profile_collector.cpp, version 20180424): a
    32-byte header (magic "xrayprof", version, timestamp, pid), then blocks
    of {u32 size, u32 number, u64 thread} and records, each a path of i32
    function ids ended by 0, a u64 call count and a u64 local time."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 32 or data[:8] != struct.pack("<Q", 0x7872617970726f66):
        return None
    try:
        return count_profile_calls(data)
    except struct.error:  # cut short
        return None


def count_profile_calls(data):
    calls, pos = 0, 32
    while pos + 16 <= len(data):
        size = struct.unpack_from("<I", data, pos)[0]
        end, pos = pos + size, pos + 16
        if size < 16 or end > len(data):
            return None
        while pos < end:
            while struct.unpack_from("<i", data, pos)[0] != 0:
                pos += 4
            calls += struct.unpack_from("<Q", data, pos + 4)[0]
            pos += 20
    return calls


def check_xray(prof, err, files):
    if "Unable to determine CPU frequency" in err:
        note("XRay could not read the TSC's frequency on this machine: its "
             "FDR and basic modes then time calls with clock_gettime "
             "(emulated TSC); the profiling mode reads rdtscp all the same")
    written = [f for f in files if os.path.getsize(f) > 0]
    if not written:
        return ("XRay could not record here (no log or profile written%s): "
                "only the trampolines row stands" %
                ("; " + err.strip().splitlines()[-1] if err.strip() else ""))
    calls = xray_profile_calls(written[0])
    if calls == 0:
        return ("XRay's profile counts no calls: only the trampolines row "
                "stands")
    return None


class Config:
    def __init__(self, key, label, exe, env, check=None, base="none",
                 under_sim=False, optional=False):
        self.key, self.label, self.exe, self.env = key, label, exe, env
        self.check, self.base, self.under_sim = check, base, under_sim
        # optional: a failed run marks the row instead of ending the section
        self.optional = optional


configs = [
    Config("none", "uninstrumented", "none", {}),
    Config("frugal", "frugal, exact timing, time only (FRUGAL_ENERGY=none)",
           "frugal", {"FRUGAL_ENERGY": "none"}, check_frugal("exact")),
    Config("frugal-energy",
           "frugal, exact timing + energy sampler (FRUGAL_ENERGY=model)",
           "frugal", {"FRUGAL_ENERGY": "model"},
           check_frugal("exact", energy=("modelled", "measured"))),
    Config("frugal-counters",
           "frugal, exact timing + 2 counters (task-clock, page-faults)",
           "frugal", {"FRUGAL_ENERGY": "none",
                      "FRUGAL_EVENTS": "task-clock,page-faults"},
           check_frugal("exact", events=("task-clock", "page-faults"))),
    Config("frugal-sampled",
           "frugal, sampled timing (FRUGAL_TIMING=sampled, FRUGAL_ENERGY=none)",
           "frugal", {"FRUGAL_ENERGY": "none", "FRUGAL_TIMING": "sampled"},
           check_frugal("sampled")),
    Config("cyg-empty", "-finstrument-functions-after-inlining, empty hooks",
           "cyg-empty", {}),
    Config("cyg-stack", "minimal shadow-stack hook pair (push, count, pop; "
           "no clock)", "cyg-stack", {}),
    Config("cyg-tsc", "minimal TSC hook pair (rdtsc at entry and exit)",
           "cyg-tsc", {}),
]
if powercap:
    if os.access(sim, os.X_OK):
        configs += [
            Config("none-sim", "uninstrumented, under the RAPL simulator",
                   "none", {}, under_sim=True),
            Config("frugal-powercap",
                   "frugal, exact timing + energy sampler "
                   "(FRUGAL_ENERGY=powercap, RAPL simulator)",
                   "frugal", {"FRUGAL_ENERGY": "powercap"},
                   check_frugal("exact", energy=("measured",)),
                   base="none-sim", under_sim=True)]
    else:
        note("BENCH_CALLS_POWERCAP=1 but %s is missing (ninja -C %s "
             "frugal-rapl-sim): no powercap rows" % (sim, build))
if os.access(os.path.join(bindir, "bench-calls-xray"), os.X_OK):
    configs += [
        Config("xray-off", "XRay sleds, not patched", "xray", {}),
        Config("xray-patched",
               "XRay, patched, no handler (trampolines only)", "xray",
               {"XRAY_OPTIONS": "patch_premain=true"})]
    for mode in xray_modes:
        env = {"BENCH_XRAY_MODE": mode}
        what = "a call-tree profile, like frugal's"
        if mode == "xray-fdr":
            # Every call, not only those over 5 us (the default).
            env["BENCH_XRAY_CONFIG"] = "func_duration_threshold_us=0"
            what = ("a trace of every call into in-memory buffers, written "
                    "at exit; once its buffers are full it drops records")
        configs.append(Config(mode, "XRay, %s (records %s)" % (mode, what),
                              "xray", env, check_xray, optional=True))
else:
    note("XRay: %s/bench-calls-xray was not built (the compiler lacks "
         "-fxray-instrument or its XRay runtime): no XRay rows" % bindir)


# --- Running -------------------------------------------------------------
foreign = []  # cores used by other processes during each run


def busy_seconds():
    """All CPUs' busy time (user nice system irq softirq; not steal), s."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / HZ


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run(cfg, rnd):
    """One run of cfg: {kernel: (cpu ns/call, wall ns/call)}, or None and
    the reason the row's check gives."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FRUGAL_", "XRAY_", "BENCH_XRAY_"))}
    env.update(cfg.env)
    env["FRUGAL_GPU"] = "0"
    prof = os.path.join(work, "%s.profile.json" % cfg.key)
    if os.path.exists(prof):
        os.remove(prof)
    env["FRUGAL_OUTPUT"] = prof
    xbase = os.path.join(work, "xray-%s-%d." % (cfg.key, rnd))
    if "BENCH_XRAY_MODE" in cfg.env:
        env["XRAY_OPTIONS"] = ("patch_premain=true xray_logfile_base=" +
                               xbase)
    cmd = [os.path.join(bindir, "bench-calls-" + cfg.exe),
           "--benchmark_repetitions=%d" % reps,
           "--benchmark_min_time=%s" % min_time,
           "--benchmark_format=json"]
    if cfg.under_sim:
        root = os.path.join(work, "rapl")
        shutil.rmtree(root, ignore_errors=True)
        cmd = [sim, "--root", root, "--truth",
               os.path.join(work, "truth.json"), "--baseline-w", "2", "--"] + cmd
    b0, c0, t0 = busy_seconds(), children_cpu(), time.monotonic()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    foreign.append(max(0.0, (busy_seconds() - b0 - (children_cpu() - c0))
                       / wall))
    files = glob.glob(xbase + "*")
    why = None
    if proc.returncode != 0:
        why = "exit status %d: %s" % (proc.returncode, (
            proc.stderr.strip().splitlines() or [""])[-1])
        if not cfg.optional:
            sys.exit("calls: %s failed (%s)" % (" ".join(cmd), why))
    elif cfg.check:
        why = cfg.check(load_profile(prof), proc.stderr, files)
    for f in files:
        if os.path.getsize(f) > 0:
            calls = xray_profile_calls(f)
            cfg.recorded = "%d bytes%s" % (os.path.getsize(f), (
                ", %d calls counted" % calls) if calls else "")
        os.remove(f)
    if proc.returncode != 0:
        return None, why
    # The repetitions themselves (Google Benchmark reports no aggregates for
    # a single one): the run's figure is their median.
    reps_of = {}
    for b in json.loads(proc.stdout)["benchmarks"]:
        if b.get("run_type") == "iteration":
            cpu = 1e9 / b["items_per_second"]
            reps_of.setdefault(b["run_name"], []).append(
                (cpu, cpu * b["real_time"] / b["cpu_time"]))
    out = {k: (statistics.median(c for c, _ in v),
               statistics.median(w for _, w in v))
           for k, v in reps_of.items()}
    missing = [k for k, _ in KERNELS if k not in out]
    if missing:
        sys.exit("calls: %s reported no %s" % (cmd[0], ", ".join(missing)))
    return out, why


# results[key][kernel] = [(cpu, wall) per round]; problems[key] = reasons
results = {c.key: {k: [] for k, _ in KERNELS} for c in configs}
problems = {c.key: [] for c in configs}
for rnd in range(rounds):
    shift = rnd % len(configs)
    for cfg in configs[shift:] + configs[:shift]:
        out, why = run(cfg, rnd)
        if why:
            problems[cfg.key].append(why)
        for k, _ in KERNELS:
            results[cfg.key][k].append(out[k] if out else None)


# --- Tables --------------------------------------------------------------
def fmt(xs, f="%.2f", unit=""):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "–"
    return (f + unit + " (" + f + "–" + f + ")") % (
        statistics.median(xs), min(xs), max(xs))


def added(key, kernel, which):
    base = next(c.base for c in configs if c.key == key)
    return [None if a is None or b is None else a[which] - b[which]
            for a, b in zip(results[key][kernel], results[base][kernel])]


def bad(key):
    """Why a row does not measure what it says (the first reason), or None."""
    return problems[key][0] if problems[key] else None


print()
print("ns per call (entry + exit) added over the uninstrumented build of the "
      "same round: median (min–max) over %d rounds, each round's figure the "
      "median of %d repetitions (Google Benchmark, min time %s s)."
      % (rounds, reps, min_time))
for which, title in ((0, "CPU time of the benchmark thread"),
                     (1, "Wall time (real_time): includes what other "
                      "threads, e.g. a sampler, take from it")):
    print()
    print("%s:" % title)
    print()
    print("| instrumentation | " +
          " | ".join("%s: ns/call added" % n for _, n in KERNELS) + " |")
    print("|---|" + "---|" * len(KERNELS))
    for c in configs:
        if c.key == "none":
            continue
        label = c.label + (" **(not as labelled: see below)**"
                           if bad(c.key) else "")
        print("| %s | %s |" % (label, " | ".join(
            fmt(added(c.key, k, which)) for k, _ in KERNELS)))
    for c in configs:
        if c.key in ("none", "none-sim"):
            print("| (%s call itself, ns per call) | %s |" % (
                c.label, " | ".join(
                    fmt([r[which] if r else None
                         for r in results[c.key][k]]) for k, _ in KERNELS)))

print()
print("Goals of issue #8, ratios of the ns added, taken within each round "
      "(CPU time): median (min–max) over the rounds.")
print()
print("| goal | " + " | ".join(n for _, n in KERNELS) +
      " | target | met (median) |")
print("|---|" + "---|" * len(KERNELS) + "---|---|")
verdicts = []
for name, num, den, target in GOALS:
    if num not in results or den not in results:
        continue
    meds = []
    cells = []
    for k, _ in KERNELS:
        a, b = added(num, k, 0), added(den, k, 0)
        rs = [x / y if x is not None and y is not None and y > 0 else None
              for x, y in zip(a, b)]
        cells.append(fmt(rs, unit="×"))
        good = [r for r in rs if r is not None]
        meds.append(statistics.median(good) if good else None)
    if target is None:
        print("| %s | %s | – | (no goal) |" % (name, " | ".join(cells)))
        continue
    if bad(num) or bad(den):
        verdict = "not measured (%s)" % (bad(num) or bad(den))
    elif any(m is None for m in meds):
        verdict = ("not measured: on some kernel the denominator was "
                   "≤ 0 (noise) in every round")
    else:
        worst = max(meds)
        verdict = ("yes" if worst <= target else
                   "no: %.0f %% over on the worst kernel"
                   % ((worst / target - 1) * 100))
    verdicts.append((name, target, verdict))
    print("| %s | %s | ≤ %.1f× | %s |" % (name, " | ".join(cells), target,
                                          verdict))
print()
for name, target, verdict in verdicts:
    print("Goal: %s ≤ %.1f× on every kernel: %s" % (
        name, target, "MET" if verdict == "yes" else "NOT MET" if
        verdict.startswith("no") else verdict))

print()
print("Checks:")
for c in configs:
    if problems[c.key]:
        print("- %s: %s (in %d of %d rounds)" % (
            c.label, problems[c.key][0], len(problems[c.key]), rounds))
    elif c.check is check_xray:
        print("- %s: recorded (its file in the last round: %s)" % (
            c.label, getattr(c, "recorded", "?")))
    elif c.check:
        print("- %s: ok (profile checked)" % c.label)
for n in notes:
    print("- " + n)
print("- Foreign load (CPU of other processes during the runs, cores): "
      "median %.2f, max %.2f%s" % (
          statistics.median(foreign), max(foreign),
          "  <- the machine was not quiet: figures are suspect"
          if max(foreign) > 0.1 else ""))
