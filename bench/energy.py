#!/usr/bin/env python3
"""The energy sampler's cost (bench/run.sh energy; docs/performance.md).

usage: energy.py BUILD_DIR WORK_DIR BIN_DIR RUNS SECONDS REPS [PARTS]
BIN_DIR holds sampler_host (bench/sampler_host.c, built with frugal-clang)
and wake_floor (bench/wake_floor.c, plain clang); PARTS: sampler,calls (the
default) or one of them. Everything runs RUNS rounds, interleaved
(round-robin), so drift hits all configurations alike.

1. Sampler CPU: sampler_host, SECONDS per run, as three hosts:
     busy    one thread computing (a fixed amount of work)
     idle    asleep but for ~0.1 ms every 10 ms
     loaded  busy, next to a second process that spins (a loaded machine:
             on 2 vCPUs, the host, the spinner, the simulator and the
             sampler then compete for the CPUs)
   each in three modes, all under frugal-rapl-sim so that the machine is
   loaded alike (the simulator takes a share of a vCPU in every mode):
     powercap  FRUGAL_ENERGY=powercap: ticks locked onto the ~1 ms updates
     model     FRUGAL_ENERGY=model: a tick every 10 ms
     none      FRUGAL_ENERGY=none: no sampler thread
   Sampler CPU = energy.sampler.cpu_s / program.wall_ns (% of one core).
   Process CPU added = the host's getrusage CPU time (all threads, from the
   start to the end of main) minus that of the none run of the same round.
   The floor: wake_floor, a bare thread waking at the same rate next to the
   same kind of main thread, also under the simulator; its idle runs give
   the simulator's own CPU time.
2. Per-call cost: bench-calls-{none,frugal}, REPS repetitions per run (the
   run's figure is their median); ns per call from items_per_second, i.e.
   the benchmark thread's CPU time (Google Benchmark's default), and from
   real (wall) time. Added = minus the uninstrumented build of the same
   round, run alike (with or without the simulator).

Every run also measures the CPU time that processes other than the ones it
started used meanwhile (/proc/stat), in cores: the development VM is shared,
and a foreign load changes these figures (see the loaded host).
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

build, work, bindir, runs, seconds, reps = sys.argv[1:7]
parts = (sys.argv[7] if len(sys.argv) > 7 else "sampler,calls").split(",")
runs, reps = int(runs), int(reps)
sim = os.path.join(build, "test", "sim", "frugal-rapl-sim")
host = os.path.join(bindir, "sampler_host")
floor = os.path.join(bindir, "wake_floor")
os.makedirs(work, exist_ok=True)
# The simulated powercap tree: on tmpfs when there is one, like sysfs (no
# disk, no atime): on ext4 each read of a file the simulator rewrites every
# millisecond also dirties the inode (relatime), which is the file system's
# cost, not the sampler's. BENCH_SIM_ROOT overrides.
sim_root = os.environ.get("BENCH_SIM_ROOT") or (
    "/dev/shm/frugal-bench-%d" % os.getpid()
    if os.access("/dev/shm", os.W_OK) else work)
os.makedirs(sim_root, exist_ok=True)
if not os.environ.get("BENCH_SIM_ROOT"):
    import atexit
    atexit.register(shutil.rmtree, sim_root, True)

HZ = os.sysconf("SC_CLK_TCK")
foreign = {p: [] for p in ("sampler", "calls")}


def busy_jiffies():
    """All CPUs' busy time (user nice system irq softirq; not steal), s."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / HZ


def own_cpu():
    """This script's and its reaped children's CPU time, s."""
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def pid_cpu(pid):
    """CPU time of a running process (utime + stime), s."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


class Spinner:
    """A second process that spins for the loaded host; ended by its pid."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "while True: pass"])

    def cpu(self):
        return pid_cpu(self.proc.pid)

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def run(cmd, env_extra, under_sim, tag, part, spinner=None):
    """Runs cmd (under the simulator if asked); returns its stdout. Notes the
    foreign load (cores) during the run."""
    env = dict(os.environ)
    for k in ("FRUGAL_ENERGY", "FRUGAL_OUTPUT", "FRUGAL_POWERCAP_ROOT"):
        env.pop(k, None)
    env.update(env_extra)
    env["FRUGAL_GPU"] = "0"
    if under_sim:
        root = os.path.join(sim_root, "rapl-" + tag)
        shutil.rmtree(root, ignore_errors=True)
        cmd = [sim, "--root", root, "--truth",
               os.path.join(work, "truth-%s.json" % tag),
               "--baseline-w", "2", "--"] + cmd
    b0, o0, t0 = busy_jiffies(), own_cpu(), time.monotonic()
    s0 = spinner.cpu() if spinner else 0
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    wall = time.monotonic() - t0
    mine = own_cpu() - o0 + (spinner.cpu() - s0 if spinner else 0)
    foreign[part].append(max(0.0, (busy_jiffies() - b0 - mine) / wall))
    if proc.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd), err))
    return out


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def med_range(xs, fmt="%.2f"):
    if not xs:
        return "-"
    return (fmt + " (" + fmt + "–" + fmt + ")") % (
        statistics.median(xs), min(xs), max(xs))


def print_foreign(part):
    fl = foreign[part]
    print()
    print("Foreign load during these runs (CPU of other processes, cores): "
          "median %.3f, max %.3f%s" % (
              statistics.median(fl), max(fl),
              "  <- the machine was not quiet: figures are suspect"
              if max(fl) > 0.1 else ""))


# --- 1. Sampler CPU -------------------------------------------------------
def floor_run(kind, period_us, spinner):
    """wake_floor under the simulator: (its line's values, the simulator's
    own CPU as % of one core, from an idle run)."""
    c0, t0 = children_cpu(), time.monotonic()
    out = run([floor, kind, seconds, str(period_us)], {}, True, "floor",
              "sampler", spinner)
    wall = time.monotonic() - t0
    line = [x for x in out.splitlines() if x.startswith("floor ")][0]
    vals = {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    # The tree's CPU is the simulator's and the program's; in an idle run
    # the program is the waking thread alone.
    sim_pct = None
    if kind == "idle" and not spinner:
        sim_pct = ((children_cpu() - c0) / wall * 100) - vals["cpu_pct"]
    return vals, sim_pct


def sampler_part():
    modes = [("powercap", {"FRUGAL_ENERGY": "powercap"}, 1000),
             ("model", {"FRUGAL_ENERGY": "model"}, 10000),
             ("none", {"FRUGAL_ENERGY": "none"}, None)]
    # host name -> (sampler_host argument, with a spinning process)
    kinds = [("busy", "busy", False), ("idle", "idle", False),
             ("loaded", "busy", True)]
    res = {(k[0], m[0]): [] for k in kinds for m in modes}
    floors = {(k[0], m[0]): [] for k in kinds for m in modes[:2]}
    sim_pct = []
    for _ in range(runs):
        for kind, arg, spin in kinds:
            spinner = Spinner() if spin else None
            try:
                for mode, env, period_us in modes:
                    tag = "%s-%s" % (kind, mode)
                    prof = os.path.join(work, "host-%s.profile.json" % tag)
                    if os.path.exists(prof):
                        os.remove(prof)
                    out = run([host, arg, seconds],
                              dict(env, FRUGAL_OUTPUT=prof), True, tag,
                              "sampler", spinner)
                    line = [x for x in out.splitlines()
                            if x.startswith("host ")][0]
                    vals = dict(kv.split("=") for kv in line.split()[1:])
                    p = json.load(open(prof))
                    wall = p["program"]["wall_ns"] * 1e-9
                    e = p["energy"]
                    rec = {"host_cpu": float(vals["cpu_s"]),
                           "host_wall": float(vals["wall_s"])}
                    s = e.get("sampler")
                    if s:
                        rec.update(
                            pct=s["cpu_s"] / wall * 100,
                            ticks_s=s["ticks"] / wall,
                            us_tick=s["cpu_s"] / max(s["ticks"], 1) * 1e6,
                            tick_us=e["tick_us"], locked=e["phase_locked"],
                            late_pct=s.get("late_boundaries", 0) * 100.0 /
                            max(s["ticks"], 1),
                            missed=s["missed_updates"],
                            late_wakes=s["late_wakes"], relocks=s["relocks"],
                            lost=s["ring_overflows"] + s["dropped_entries"],
                            unlocked_pct=s.get("unlocked_ticks", 0) * 100.0 /
                            max(s["ticks"], 1),
                            fallbacks=s.get("lock_fallbacks", 0),
                            guard_us=e.get("poll_guard_us"))
                    res[(kind, mode)].append(rec)
                    if period_us:
                        fv, sp = floor_run(arg, period_us, spinner)
                        floors[(kind, mode)].append(fv)
                        if sp is not None:
                            sim_pct.append(sp)
            finally:
                if spinner:
                    spinner.stop()
            # Process CPU added over the none run of the same round, as % of
            # one core over the host's wall time.
            base = res[(kind, "none")][-1]["host_cpu"]
            for mode, _, _ in modes[:2]:
                rec = res[(kind, mode)][-1]
                rec["extra"] = (rec["host_cpu"] - base) / rec["host_wall"] * 100

    def col(rs, key, fmt="%.2f"):
        return med_range([x[key] for x in rs if x.get(key) is not None], fmt)

    print()
    print("Sampler CPU: %d runs of %s s per host and mode, all under "
          "frugal-rapl-sim (which itself uses %s %% of one core); "
          "median (min–max)." % (runs, seconds, med_range(sim_pct, "%.1f")))
    print("floor: an uninstrumented thread that only sleeps to absolute "
          "deadlines at the same rate (bench/wake_floor.c), next to the "
          "same kind of main thread.")
    print()
    print("| host | FRUGAL_ENERGY | ticks/s | mean tick, µs "
          "| sampler CPU, % of one core | µs CPU per tick "
          "| floor, % of one core | floor, µs per wake-up "
          "| process CPU added, % of one core |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, _, _ in kinds:
        for mode, _, _ in modes:
            rs = res[(kind, mode)]
            if mode == "none":
                print("| %s | none | – | – | – | – | – | – "
                      "| (host CPU: %s s) |" % (
                          kind, col(rs, "host_cpu", "%.3f")))
                continue
            fl = floors[(kind, mode)]
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                kind, mode, col(rs, "ticks_s", "%.0f"),
                col(rs, "tick_us", "%.0f"), col(rs, "pct"),
                col(rs, "us_tick", "%.1f"), col(fl, "cpu_pct"),
                col(fl, "us_per_wake", "%.1f"), col(rs, "extra")))
    print()
    model_clean = all(x["late_pct"] == 0 and x["missed"] == 0 and
                      x["relocks"] == 0 and x["lost"] == 0
                      for k in kinds for x in res[(k[0], "model")])
    print("Sampler health, FRUGAL_ENERGY=powercap (the model's 10 ms ticks "
          "had %s):" % ("no late boundaries, misses, relocks or lost entries"
                        if model_clean else "some: see the profiles"))
    print()
    print("| host | late boundaries, % of ticks | unlocked ticks, % | lock "
          "fallbacks | missed updates | late wakes | relocks | poll guard, µs "
          "| lost ring entries | floor: median wake-up lateness, µs |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind, _, _ in kinds:
        rs = res[(kind, "powercap")]
        bad = [x for x in rs if not x["locked"]]
        print("| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            kind, " (%d runs mostly unlocked)" % len(bad) if bad else "",
            col(rs, "late_pct", "%.1f"), col(rs, "unlocked_pct", "%.1f"),
            col(rs, "fallbacks", "%d"), col(rs, "missed", "%d"),
            col(rs, "late_wakes", "%d"), col(rs, "relocks", "%d"),
            col(rs, "guard_us", "%.0f"), col(rs, "lost", "%d"),
            col(floors[(kind, "powercap")], "late_us", "%.0f")))
    print_foreign("sampler")


# --- 2. Per-call cost with energy on --------------------------------------
def calls_part():
    plain, plain_sim = "uninstrumented", "uninstrumented, under the simulator"
    off, off_sim = ("frugal, FRUGAL_ENERGY=none",
                    "frugal, FRUGAL_ENERGY=none, under the simulator")
    # (label, binary, environment, under the simulator, the row that
    # 'energy adds' is measured against)
    configs = [(plain, "none", {}, False, None),
               (plain_sim, "none", {}, True, None),
               (off, "frugal", {"FRUGAL_ENERGY": "none"}, False, None),
               (off_sim, "frugal", {"FRUGAL_ENERGY": "none"}, True, None),
               ("frugal, FRUGAL_ENERGY=model", "frugal",
                {"FRUGAL_ENERGY": "model"}, False, off),
               ("frugal, FRUGAL_ENERGY=powercap, under the simulator", "frugal",
                {"FRUGAL_ENERGY": "powercap"}, True, off_sim)]
    benches = ("leafCalls", "recursiveCalls")
    calls = {c[0]: {b: {"cpu": [], "real": []} for b in benches}
             for c in configs}
    health = {c[0]: [] for c in configs}
    for _ in range(runs):
        for label, exe, env, under_sim, _ in configs:
            prof = os.path.join(work, "calls.profile.json")
            if os.path.exists(prof):
                os.remove(prof)
            out = run([os.path.join(build, "bin", "bench-calls-" + exe),
                       "--benchmark_repetitions=%d" % reps,
                       "--benchmark_filter=^(%s)$" % "|".join(benches),
                       "--benchmark_min_time=0.3",
                       "--benchmark_format=json"],
                      dict(env, FRUGAL_OUTPUT=prof), under_sim, "calls",
                      "calls")
            for b in json.loads(out)["benchmarks"]:
                if b.get("aggregate_name") != "median":
                    continue
                cpu_ns = 1e9 / b["items_per_second"]  # thread CPU, per call
                real_ns = cpu_ns * b["real_time"] / b["cpu_time"]
                calls[label][b["run_name"]]["cpu"].append(cpu_ns)
                calls[label][b["run_name"]]["real"].append(real_ns)
            if exe == "frugal" and env["FRUGAL_ENERGY"] != "none":
                p = json.load(open(prof))
                e = p["energy"]
                s = e["sampler"]
                wall = p["program"]["wall_ns"] * 1e-9
                health[label].append({
                    "ticks_s": s["ticks"] / wall, "tick_us": e["tick_us"],
                    "pct": s["cpu_s"] / wall * 100,
                    "late_pct": s.get("late_boundaries", 0) * 100.0 /
                    max(s["ticks"], 1),
                    "missed": s["missed_updates"], "relocks": s["relocks"],
                    "lost": s["ring_overflows"] + s["dropped_entries"]})

    def diff(a, b, bench, kind):
        return [x - y for x, y in zip(calls[a][bench][kind],
                                      calls[b][bench][kind])]

    print()
    print("Per call (entry + exit), ns: median of %d runs (min–max), each run "
          "the median of %d repetitions. 'added': over the uninstrumented "
          "build of the same round, run alike (with or without the "
          "simulator); 'energy adds': over frugal with FRUGAL_ENERGY=none of "
          "the same round, run alike." % (runs, reps))
    for kind, title in (("cpu", "CPU time of the benchmark thread "
                         "(items_per_second)"),
                        ("real", "wall time (real_time)")):
        print()
        print("%s:" % title)
        print()
        print("| build, FRUGAL_ENERGY | leaf: ns/call | leaf: added "
              "| leaf: energy adds | recursion: ns/call | recursion: added "
              "| recursion: energy adds |")
        print("|---|---|---|---|---|---|---|")
        for label, exe, env, under_sim, ref in configs:
            cells = []
            for b in benches:
                cells.append(med_range(calls[label][b][kind]))
                if exe == "frugal":
                    cells.append(med_range(diff(
                        label, plain_sim if under_sim else plain, b, kind)))
                    cells.append(med_range(diff(label, ref, b, kind))
                                 if ref else "–")
                else:
                    cells += ["–", "–"]
            print("| %s | %s |" % (label, " | ".join(cells)))
    print()
    print("The sampler during these runs:")
    print()
    print("| FRUGAL_ENERGY | ticks/s | mean tick, µs "
          "| sampler CPU, % of one core | late boundaries, % of ticks "
          "| missed updates | relocks | lost ring entries |")
    print("|---|---|---|---|---|---|---|---|")
    for label in health:
        hs = health[label]
        if hs:
            print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                label.split("=")[1],
                med_range([h["ticks_s"] for h in hs], "%.0f"),
                med_range([h["tick_us"] for h in hs], "%.0f"),
                med_range([h["pct"] for h in hs]),
                med_range([h["late_pct"] for h in hs], "%.1f"),
                med_range([h["missed"] for h in hs], "%d"),
                med_range([h["relocks"] for h in hs], "%d"),
                med_range([h["lost"] for h in hs], "%d")))
    print_foreign("calls")


if "sampler" in parts:
    sampler_part()
if "calls" in parts:
    calls_part()
