"""Runs a command and succeeds only if it exits with the given status.

Usage: expect-exit.py STATUS COMMAND [ARGS...]

`not` only says that a command failed; this tells a usage error (2) from a
failure (1). The command's stdout and stderr pass through for FileCheck.
"""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], status, expected))
    sys.exit(1)
