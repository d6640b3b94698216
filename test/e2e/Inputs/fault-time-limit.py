"""Runs a command with a wall-clock limit: fails (status 124, with a message)
when it runs longer, otherwise exits with the command's own status (when
a signal killed it: 128+N, as a shell says).

Usage: fault-time-limit.py SECONDS COMMAND [ARGS...]
"""
import subprocess
import sys
import time

limit = float(sys.argv[1])
start = time.monotonic()
try:
    status = subprocess.call(sys.argv[2:], timeout=limit)
except subprocess.TimeoutExpired:
    sys.stderr.write("fault-time-limit: %s took more than %g s\n"
                     % (sys.argv[2], limit))
    sys.exit(124)
sys.stderr.write("fault-time-limit: %.2f s\n" % (time.monotonic() - start))
sys.exit(status if status >= 0 else 128 - status)
