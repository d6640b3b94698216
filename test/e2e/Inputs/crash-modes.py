"""Runs fault-crash.c's program (instrumented, plain) in each crash mode and
prints one line per mode: its exit status, whether its output matches the
plain build's, and what its profile says (end, validity, calls).
Usage: crash-modes.py QUERY DIR MODE:STATUS... (QUERY: profile_query.py)"""
import json
import os
import subprocess
import sys

Query, Dir = sys.argv[1], sys.argv[2]
for Arg in sys.argv[3:]:
    Mode, Want = Arg.split(":")
    Want = int(Want)
    Env = dict(os.environ, FRUGAL_OUTPUT=os.path.join(Dir, Mode + ".json"))
    Plain = subprocess.run([os.path.join(Dir, "plain"), Mode], capture_output=True)
    Run = subprocess.run([os.path.join(Dir, "exe"), Mode], capture_output=True, env=Env)
    Problems = []
    if Plain.returncode != Want:
        Problems.append("plain build's status %d" % Plain.returncode)
    if Run.returncode != Want:
        Problems.append("status %d" % Run.returncode)
    Same = "output as plain" if Plain.stdout == Run.stdout else "FAIL output differs"
    try:
        with open(Env["FRUGAL_OUTPUT"]) as F:
            Doc = json.load(F)
        End = "end " + Doc["program"]["end"]
        Check = subprocess.run([sys.executable, Query, Env["FRUGAL_OUTPUT"],
                                "check"],
                               capture_output=True, text=True)
        Valid = "valid" if Check.stdout.strip() == "ok" else "FAIL " + Check.stdout.strip()
        Calls = {F["name"]: F.get("calls") for F in Doc["functions"]}
        Counts = "work %s, crash %s" % (Calls.get("work"), Calls.get("crash"))
    except (OSError, ValueError, KeyError) as E:
        End, Valid, Counts = "FAIL no profile (%s)" % E, "", ""
    if Run.stderr:
        Problems.append("stderr: " + Run.stderr.decode(errors="replace").strip())
    print("%s: status %d, %s, %s, %s, %s%s" % (
        Mode, Run.returncode, Same, End, Valid, Counts,
        "".join(" FAIL " + P for P in Problems)))
