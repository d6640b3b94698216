"""Compares a sampled-timing profile with an exact one of the same program
(test/e2e/sampled-timing.c): identical call counts, time shares of the three
phases within the method's noise, the worker thread's and the region's
times, and (--energy) modelled energy carried by the sampled stacks.
Tolerances are wide on purpose: a 2-vCPU VM delays the sampler's ticks now
and then; the accuracy itself is measured by bench/ (docs/performance.md)."""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def functions(prof):
    return {f["name"]: f for f in prof["functions"] if not f["filtered"]}


def shares(fns, names):
    excl = {n: fns[n]["time_ns"]["exclusive"] for n in names}
    total = sum(excl.values()) or 1
    return {n: 100.0 * v / total for n, v in excl.items()}


def within(a, b, rel):
    return abs(a - b) <= rel * max(a, b)


def main():
    exact, sampled = load(sys.argv[1]), load(sys.argv[2])
    energy = "--energy" in sys.argv[3:]
    te, ts = exact["timing"], sampled["timing"]
    ef, sf = functions(exact), functions(sampled)
    if energy:
        e = {n: sf[n]["energy_j"]["package"]["exclusive"]
             for n in ("phaseA", "phaseB", "phaseC")}
        ok = e["phaseA"] > e["phaseB"] > e["phaseC"] > 0
        print("energy: phaseA > phaseB > phaseC > 0" if ok else
              "energy: wrong order %s" % e)
        return
    print("exact: mode %s" % te["mode"])
    wall_ms = sampled["program"]["wall_ns"] / 1e6
    expected = wall_ms * 1000.0 / ts["sample_period_us"]
    # Two threads sample at each tick; a loaded VM skips some ticks.
    samples = "ok" if ts["stack_samples"] >= 0.2 * expected else \
        "too few (%d for %.0f ms)" % (ts["stack_samples"], wall_ms)
    print("sampled: mode %s, period %d us, samples %s" %
          (ts["mode"], ts["sample_period_us"], samples))
    calls = {n: f["calls"] for n, f in ef.items()}
    scalls = {n: f["calls"] for n, f in sf.items()}
    print("calls: %s" % ("identical" if calls == scalls else
                         "differ: %s vs %s" % (calls, scalls)))
    names = ("phaseA", "phaseB", "phaseC")
    se, ss = shares(ef, names), shares(sf, names)
    print("shares: " + ", ".join(
        "%s %s" % (n, "ok" if abs(se[n] - ss[n]) <= 8 else
                   "off (%.1f %% exact, %.1f %% sampled)" % (se[n], ss[n]))
        for n in names))
    d_e = ef["phaseD"]["time_ns"]["inclusive"]
    d_s = sf["phaseD"]["time_ns"]["inclusive"]
    print("worker: %s" % ("ok" if within(d_e, d_s, 0.3) else
                          "off (%d vs %d ns)" % (d_e, d_s)))
    re = {r["name"]: r for r in exact["regions"]}["rounds"]
    rs = {r["name"]: r for r in sampled["regions"]}["rounds"]
    r_e, r_s = re["time_ns"]["inclusive"], rs["time_ns"]["inclusive"]
    print("region: %s" % ("ok" if within(r_e, r_s, 0.15) else
                          "off (%d vs %d ns)" % (r_e, r_s)))


main()
