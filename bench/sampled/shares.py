"""Time shares with sampled timing against exact timing (bench/sampled).

Each program is built once (frugal-clang++ -O2, default filter) and run
RUNS times with FRUGAL_TIMING=exact and RUNS times with =sampled, in
alternation, with the runtime's default energy settings (FRUGAL_ENERGY
unset: the sampler chooses a source first, then ticks every millisecond,
FRUGAL_SAMPLE_US, or at a measured counter's updates). A function's share is its exclusive time
over the time of all functions; the shares are averaged over the runs of
each mode. Columns:
  max diff: the largest |sampled - exact| share difference over the
            functions, in points (goal: <= 2);
  noise:    the same figure between the first and second half of the exact
            runs (what two exact measurements differ by);
  top:      the function with the largest exact share, both modes' shares;
  samples:  stack samples per sampled run (median).
"""
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import benchlib  # noqa: E402

ROOT = benchlib.ROOT
GOAL_POINTS = 2.0


def build(frugal_cxx, work):
    exes = {}
    for name, sources in benchlib.program_sources().items():
        if not sources:
            continue
        exe = os.path.join(work, name)
        subprocess.run([frugal_cxx, "-std=c++20", "-O2"] + sources +
                       benchlib.PROGRAM_LIBS[name] + ["-o", exe], check=True,
                       env=benchlib.clean_env())
        exes[name] = exe
    return exes


def programs(exes, wanted):
    out = []
    if "classify" in exes:
        for v, a in benchlib.VARIANT_ARGS.items():
            out.append((v, [exes["classify"], "--model", v] + a +
                        ["--min-inference-ms", "0"]))
    if "transformer" in exes:
        out.append(("transformer", [exes["transformer"]] + benchlib.TRANSFORMER_ARGS))
    if wanted:
        names = wanted.split()
        unknown = [n for n in names if n not in [p[0] for p in out]]
        if unknown:
            sys.exit("sampled: error: unknown program %s; use some of: %s" %
                     (", ".join(unknown), " ".join(p[0] for p in out)))
        out = [p for p in out if p[0] in names]
    return out


def shares(path):
    prof = json.load(open(path))
    excl = {f["name"]: f["time_ns"]["exclusive"]
            for f in prof["functions"] if not f["filtered"]}
    total = sum(excl.values()) or 1
    return ({n: 100.0 * v / total for n, v in excl.items()},
            prof.get("timing", {}))


def mean_shares(runs):
    names = set().union(*runs)
    return {n: statistics.mean(r.get(n, 0.0) for r in runs) for n in names}


def max_diff(a, b):
    names = set(a) | set(b)
    return max(abs(a.get(n, 0.0) - b.get(n, 0.0)) for n in names)


def main():
    build_dir, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wanted = sys.argv[4] if len(sys.argv) > 4 else ""
    if runs < 2:
        sys.exit("sampled: error: BENCH_SAMPLED_RUNS must be at least 2")
    # BENCH_SAMPLED_ENERGY=none: the timing alone (the sampler ticks for
    # the stacks only); unset: the runtime's default energy settings.
    energy = ({"FRUGAL_ENERGY": os.environ["BENCH_SAMPLED_ENERGY"]}
              if os.environ.get("BENCH_SAMPLED_ENERGY") else {})
    exes = build(os.path.join(build_dir, "bin", "frugal-clang++"), work)
    rows = []
    for name, argv in programs(exes, wanted):
        got = {"exact": [], "sampled": []}
        samples = []
        for r in range(runs):
            for mode in ("exact", "sampled"):
                out = os.path.join(work, "%s-%s-%d.json" % (name, mode, r))
                env = benchlib.clean_env(dict(energy, FRUGAL_TIMING=mode,
                                              FRUGAL_OUTPUT=out))
                subprocess.run(argv, env=env, check=True, cwd=ROOT,
                               stdout=subprocess.DEVNULL)
                s, timing = shares(out)
                if timing.get("mode") != mode:
                    sys.exit("sampled: error: %s ran with timing %s, not %s" %
                             (out, timing.get("mode"), mode))
                got[mode].append(s)
                if mode == "sampled":
                    samples.append(timing["stack_samples"])
        exact, sampled = mean_shares(got["exact"]), mean_shares(got["sampled"])
        half = runs // 2
        noise = max_diff(mean_shares(got["exact"][:half]),
                         mean_shares(got["exact"][half:]))
        top = max(exact, key=exact.get)
        diff = max_diff(exact, sampled)
        rows.append((name, diff, noise, top, exact[top], sampled.get(top, 0.0),
                     statistics.median(samples), len(exact)))
    print()
    print("| program | max diff, points | noise (exact vs exact), points | "
          "top function | exact share | sampled share | stack samples per run "
          "| functions | within 2 points |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---|")
    for name, diff, noise, top, e, s, n, fns in rows:
        print("| %s | %.2f | %.2f | %s | %.1f %% | %.1f %% | %d | %d | %s |" % (
            name, diff, noise, top[:40], e, s, n, fns,
            "yes" if diff <= GOAL_POINTS else "no"))
    met = sum(1 for r in rows if r[1] <= GOAL_POINTS)
    print("goal (sampled time shares within %.0f points of exact): met for %d "
          "of %d programs (%d runs per mode)" % (GOAL_POINTS, met, len(rows),
                                                runs))


main()
