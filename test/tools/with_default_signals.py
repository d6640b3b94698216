#!/usr/bin/env python3
"""Runs a command with SIGINT and SIGTERM at their default dispositions.

lit's workers ignore SIGINT, and an ignored disposition is inherited across
exec, so a test that raises SIGINT needs this to see the default behaviour.
The command replaces this process (exec), so its exit status, or the signal
that killed it, is what the caller sees.
Usage: with_default_signals.py PROGRAM [ARGS...]
"""
import os
import signal
import sys

for sig in (signal.SIGINT, signal.SIGTERM):
    signal.signal(sig, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])
