#!/usr/bin/env python3
"""Checks a frugal-rapl-sim run: its truth file against what simprog read.

Usage: check_sim.py TRUTH [--reader OUT] [--log LOG] CHECK [CHECK...]

  labels NAME=W:S,...   label NAME holds exactly W watts over S
                        (thread-)seconds, or longer when the program
                        overran (up to 2 S + 50 ms: a loaded CI machine)
  power NAME=W,...      label NAME drew exactly W watts (any duration)
  delta BEGIN END       simprog's unwrapped package delta between its reads
                        BEGIN and END matches the log's exact energies between
                        the updates those reads came from (within a quantum),
                        and the truth's total_j within 3 quanta plus one
                        update period at the peak label power
  delta-log BEGIN END   the same against the log only (with a baseline,
                        the total also holds energy outside the reads)
  consistent            every read equals what the log says its update wrote
  observations FILE KINDS
                        every reading in simprog's pollfile FILE is what an
                        update wrote (see explain()); each of KINDS (e.g.
                        glitch,garbage, or - for none) was seen
  sum                   the labels' joules add up to dynamic_j
  expected              dynamic_j is the energy simprog's alternate computed
                        from its own clock, within the bound it gave
  log-period LO HI      the median interval between updates (log) in us
  wraps MIN             the package counter wrapped at least MIN times
  poll KEY OP N         a field of simprog's poll line (OP: < <= == >= >)
  truth KEY OP X        a field of the truth (dotted path) compared with X
  injected KIND COUNT   the truth lists COUNT injections of KIND
  baseline              total_j == baseline_w * duration_s + dynamic_j

Prints one "ok ..." line per check; on the first failure prints
"FAIL ..." and exits with status 1. Standard library only.
"""
import json
import operator
import sys

OPS = {">=": operator.ge, "<=": operator.le, "==": operator.eq,
       ">": operator.gt, "<": operator.lt}


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def parse_kv(line):
    """'read x pkg=1 core=2 ...' -> {'pkg': '1', ...}"""
    out = {}
    for word in line.split()[2 if line.startswith("read") else 1:]:
        if "=" in word:
            k, v = word.split("=", 1)
            out[k] = v
    return out


def load_reader(path):
    reads, poll, alternate = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("read "):
                name = line.split()[1]
                kv = parse_kv(line)
                if "pkg" not in kv:
                    fail("read %s has no value: %s" % (name, line.strip()))
                reads[name] = {k: int(v) for k, v in kv.items()
                               if k != "kinds"}
            elif line.startswith("poll "):
                poll = {k: float(v) for k, v in parse_kv(line).items()}
            elif line.startswith("alternate "):
                alternate = {k: float(v) for k, v in parse_kv(line).items()}
    return reads, poll, alternate


def load_log(path):
    """update -> (package written or None, core, package J, dynamic J, kind,
    time ns)"""
    log = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            n, t, kind, pkg, core, pkg_j, dyn_j = line.split()
            log[int(n)] = (None if pkg == "-" else int(pkg), int(core),
                           float(pkg_j), float(dyn_j), kind, int(t))
    return log


# simprog's reading kinds (read_counter).
VALUE, EMPTY, GARBAGE, NO_NEWLINE, TRAILING, FAILED = range(6)
# What each update kind makes a reader see.
SEEN_AS = {"start": VALUE, "ok": VALUE, "glitch": VALUE, "garbage": GARBAGE,
           "unreadable": EMPTY}


def explain(obs, log):
    """How an observation (seq before, seq after, kind, value) came about:
    ('exact', the kind of the update whose file it was), ('artifact', None)
    (a number cut at the old length while the file grew, or followed by the
    old text's tail while it shrank) or (None, None): torn."""
    s1, s2, kind, value = obs
    # The same even sequence before and after: update s1 / 2's file, whole.
    # Otherwise an update was writing: its file, its predecessor's, or one
    # caught between the write and the truncation that follow each other.
    stable = s1 == s2 and s1 % 2 == 0
    for u in range(s1 // 2, (s2 + 1) // 2 + 1):
        if u not in log:
            continue
        pkg, upd_kind = log[u][0], log[u][4]
        if SEEN_AS[upd_kind] == kind and (kind != VALUE or value == pkg):
            return "exact", upd_kind
        if pkg is not None and not stable and (
                (kind == TRAILING and value == pkg) or
                (kind == NO_NEWLINE and str(pkg).startswith(str(value)))):
            return "artifact", None
    return None, None


def get(truth, dotted):
    value = truth
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def main(argv):
    truth_path = argv[0]
    args = argv[1:]
    reader = log = None
    while args and args[0] in ("--reader", "--log"):
        if args[0] == "--reader":
            reader = load_reader(args[1])
        else:
            log = load_log(args[1])
        args = args[2:]
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    quantum = truth["quantum_uj"]
    modulus = truth["max_range_uj"] + 1

    while args:
        check = args.pop(0)
        if check == "labels":
            for item in args.pop(0).split(","):
                name, spec = item.split("=")
                watts, secs = (float(x) for x in spec.split(":"))
                got = truth["labels"].get(name)
                if got is None:
                    fail("label %s missing (have %s)"
                         % (name, sorted(truth["labels"])))
                # A phase lasts at least what the program asked (it spins or
                # sleeps until then) and overruns when the program is
                # preempted; its power is exact.
                power = got["joules"] / got["seconds"] if got["seconds"] else 0
                if not secs - 1e-6 <= got["seconds"] <= secs * 2 + 0.05 \
                        or abs(power - watts) > 1e-6 * watts:
                    fail("label %s: %.6f J over %.6f s, expected %.6f J over "
                         "%.6f s" % (name, got["joules"], got["seconds"],
                                     watts * secs, secs))
                print("ok label %s %.4f J %.4f s" % (name, got["joules"],
                                                     got["seconds"]))
        elif check == "power":
            for item in args.pop(0).split(","):
                name, watts = item.split("=")
                got = truth["labels"][name]
                power = got["joules"] / got["seconds"]
                if abs(power - float(watts)) > 1e-6 * float(watts):
                    fail("label %s: %.9f W" % (name, power))
                print("ok power %s %.6f W" % (name, power))
        elif check in ("delta", "delta-log"):
            begin, end = args.pop(0), args.pop(0)
            reads = reader[0]
            b, e = reads[begin], reads[end]
            delta = (e["pkg"] - b["pkg"]) % modulus
            if log is not None:
                exact = (log[e["seq"] // 2][2] - log[b["seq"] // 2][2]) * 1e6
                if abs(delta - exact) > quantum + 1:
                    fail("delta %d uJ, but the log's energies differ by %.1f uJ"
                         % (delta, exact))
            if check == "delta-log":
                print("ok delta-log %d uJ" % delta)
                continue
            peak = max([0.0] + [lab["joules"] / lab["seconds"]
                                for lab in truth["labels"].values()
                                if lab["seconds"] > 0])
            peak += truth["baseline_w"]
            slack = 3 * quantum + peak * truth["period_us"]
            total = truth["total_j"] * 1e6
            if abs(delta - total) > slack:
                fail("delta %d uJ vs total %.1f uJ (slack %.1f uJ)"
                     % (delta, total, slack))
            print("ok delta %d uJ, total %.1f uJ, error %.1f quanta"
                  % (delta, total, (delta - total) / quantum))
        elif check == "consistent":
            for name, r in sorted(reader[0].items()):
                want = log[r["seq"] // 2]
                if (r["pkg"], r["core"]) != want[:2]:
                    fail("read %s saw %d/%d, update %d wrote %d/%d"
                         % (name, r["pkg"], r["core"], r["seq"] // 2,
                            want[0], want[1]))
            print("ok consistent %d reads" % len(reader[0]))
        elif check == "observations":
            # Every reading a poller saw is what some update wrote; the
            # anomalies it saw are the injected faults, each at its update.
            counts = {"exact": 0, "artifact": 0}
            seen = set()
            with open(args.pop(0), encoding="utf-8") as f:
                for line in f:
                    obs = tuple(int(x) for x in line.split())
                    how, upd_kind = explain(obs, log)
                    if how is None:
                        near = ["%d:%s:%s" % (u, log[u][4], log[u][0])
                                for u in range(obs[0] // 2 - 1,
                                               (obs[1] + 1) // 2 + 2)
                                if u in log]
                        fail("reading %s matches no update (%s)"
                             % (line.strip(), " ".join(near)))
                    counts[how] += 1
                    seen.add(upd_kind)
            print("ok observations %d exact, %d artifacts"
                  % (counts["exact"], counts["artifact"]))
            kinds = args.pop(0)
            for kind in kinds.split(",") if kinds != "-" else []:
                if kind not in seen:
                    fail("no stable reading of a %s update" % kind)
                print("ok saw %s" % kind)
        elif check == "log-period":
            lo, hi = float(args.pop(0)), float(args.pop(0))
            times = [log[u][5] for u in sorted(log) if u > 0]
            gaps = sorted((b - a) / 1e3 for a, b in zip(times, times[1:]))
            median = gaps[len(gaps) // 2]
            if not lo <= median <= hi:
                fail("median update interval %.1f us, not in [%g, %g]"
                     % (median, lo, hi))
            print("ok log-period %.1f us" % median)
        elif check == "expected":
            # simprog's own account of its phases (alternate) vs the truth.
            alt = reader[2]
            want, tol = alt["expected_j"], alt["tolerance_j"] + 1e-6
            if abs(truth["dynamic_j"] - want) > tol:
                fail("dynamic_j %.9f J, the program expected %.9f J +- %.9f"
                     % (truth["dynamic_j"], want, tol))
            print("ok expected %.6f J +- %.6f, truth %.6f J"
                  % (want, tol, truth["dynamic_j"]))
        elif check == "sum":
            labels = sum(lab["joules"] for lab in truth["labels"].values())
            if abs(labels - truth["dynamic_j"]) > 1e-9 * max(1.0, labels):
                fail("labels sum to %.9f J, dynamic_j %.9f"
                     % (labels, truth["dynamic_j"]))
            print("ok sum")
        elif check == "wraps":
            want = int(args.pop(0))
            if truth["wraps"] < want:
                fail("wraps %d < %d" % (truth["wraps"], want))
            print("ok wraps %d" % truth["wraps"])
        elif check in ("poll", "truth"):
            key, op, value = args.pop(0), args.pop(0), float(args.pop(0))
            if check == "poll":
                if reader is None or reader[1] is None:
                    fail("no poll line")
                got = reader[1][key]
            else:
                got = get(truth, key)
            if not OPS[op](got, value):
                fail("%s %s = %s, expected %s %s" % (check, key, got, op,
                                                     value))
            print("ok %s %s %s %g (%s)" % (check, key, op, value, got))
        elif check == "injected":
            kind, count = args.pop(0), int(args.pop(0))
            got = [i for i in truth["injected"] if i["kind"] == kind]
            if len(got) != count:
                fail("injected %s: %d, expected %d" % (kind, len(got), count))
            print("ok injected %s %d" % (kind, count))
        elif check == "baseline":
            want = truth["baseline_w"] * truth["duration_s"] + \
                truth["dynamic_j"]
            if abs(truth["total_j"] - want) > 1e-9 * max(1.0, want):
                fail("total_j %.9f, baseline*duration+dynamic %.9f"
                     % (truth["total_j"], want))
            print("ok baseline")
        else:
            fail("unknown check " + check)


if __name__ == "__main__":
    main(sys.argv[1:])
