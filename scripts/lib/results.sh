# Counting test results from logs, for scripts/test.sh and scripts/sanitize.sh
# (sourced). Each prints "PASSED FAILED SKIPPED" for a log; a log that shows
# no run at all counts one failure.

# lit's summary lines look like "  Passed            : 12" (one block per
# lit run in the log; they are added up).
lit_counts() { # LOG
  local log=$1
  count() { sed -nE "s/^ *$1 *: *([0-9]+).*/\1/p" "$log" | awk '{s+=$1} END {print s+0}'; }
  local p f s
  p=$(($(count Passed) + $(count "Passed With Retry") + $(count "Expectedly Failed")))
  f=$(($(count Failed) + $(count "Unexpectedly Passed") + $(count Unresolved) + $(count "Timed Out")))
  s=$(count Unsupported)
  grep -qE "^ *(Passed|Failed) *:" "$log" || f=$((f + 1))
  echo "$p $f $s"
}

# GoogleTest: one "[       OK ]" per passed test, one "[  FAILED  ] NAME (N
# ms)" per failed one, and a final "[==========] ... ran." when it did not die.
gtest_counts() { # LOG
  local p f
  p=$(grep -cE "^\[       OK \]" "$1")
  f=$(grep -cE "^\[  FAILED  \] .*\(" "$1")
  grep -qE "^\[==========\] .* ran\." "$1" || f=$((f + 1))
  echo "$p $f 0"
}
