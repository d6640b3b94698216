"""Runs a command and succeeds only if it exits with the given status.

Usage: expect-exit.py STATUS[,STATUS...] COMMAND [ARGS...]

`not` only says that a command failed; this tells a usage error (2) from a
failure (1). Several statuses accept any of them, for a command whose answer
depends on the machine. The command's stdout and stderr pass through for
FileCheck.
"""
import subprocess
import sys

expected = [int(s) for s in sys.argv[1].split(",")]
status = subprocess.call(sys.argv[2:])
if status not in expected:
    sys.stderr.write("expect-exit: %s exited with %d, expected %s\n"
                     % (sys.argv[2], status, " or ".join(map(str, expected))))
    sys.exit(1)
