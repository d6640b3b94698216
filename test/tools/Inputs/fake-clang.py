"""Stands in for clang where a test needs to see exactly what a wrapper runs.

`fake-clang.py --install DEST` writes an executable copy at DEST (run by this
Python), for FRUGAL_CC / FRUGAL_CXX. Run as clang, it prints its arguments and
the FRUGAL_LTO_QUIET it was given, copies stdin to stdout, and exits with
$FAKE_CLANG_STATUS (default 0).
"""
import os
import shutil
import sys

if sys.argv[1:2] == ["--install"]:
    with open(__file__) as source, open(sys.argv[2], "w") as dest:
        dest.write("#!%s\n" % sys.executable + source.read())
    os.chmod(sys.argv[2], 0o755)
    sys.exit(0)

print("fake-clang: " + " ".join(sys.argv[1:]))
print("fake-clang: FRUGAL_LTO_QUIET=" + os.environ.get("FRUGAL_LTO_QUIET", ""))
sys.stdout.flush()
shutil.copyfileobj(sys.stdin, sys.stdout)
sys.exit(int(os.environ.get("FAKE_CLANG_STATUS", "0")))
